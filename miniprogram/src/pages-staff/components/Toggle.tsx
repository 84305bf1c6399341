import { Text, View } from '@tarojs/components';

interface Props {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A whole-row switch (bigger than the native one; the row is the tap target). */
export default function Toggle({ label, hint, checked, onChange }: Props) {
  return (
    <View className="st-switch" role="switch" aria-checked={checked} onClick={() => onChange(!checked)}>
      <View className="st-row__main">
        <Text className="st-row__title">{label}</Text>
        {hint && <Text className="st-row__meta">{hint}</Text>}
      </View>
      <View className={`staff-toggle ${checked ? 'staff-toggle--on' : ''}`}>
        <View className="staff-toggle__knob" />
      </View>
    </View>
  );
}
