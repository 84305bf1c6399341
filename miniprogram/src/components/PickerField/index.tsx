import { Text, View } from '@tarojs/components';
import Picker from '../LangPicker';
import { useI18n } from '../../i18n';
import './index.scss';

export interface PickerOption<V extends string = string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  label: string;
  options: PickerOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  placeholder?: string;
  disabled?: boolean;
  error?: string | null;
  testId?: string;
}

/** A labelled row that opens the platform's picker: choosing instead of typing, with a 56px tap target. */
export default function PickerField<V extends string>({ label, options, value, onChange, placeholder, disabled, error, testId }: Props<V>) {
  const { t } = useI18n();
  const index = options.findIndex((o) => o.value === value);
  const current = index >= 0 ? options[index].label : null;
  const body = (
    <View className={`picker-field ${disabled ? 'picker-field--disabled' : ''} ${error ? 'picker-field--error' : ''}`} data-testid={testId}>
      <Text className="picker-field__label">{label}</Text>
      <View className="picker-field__value">
        <Text className={current ? '' : 'muted'}>{current ?? placeholder ?? t('form.choose')}</Text>
        <Text className="picker-field__chevron">›</Text>
      </View>
    </View>
  );
  return (
    <View className="picker-field__wrap">
      {disabled || options.length === 0 ? (
        body
      ) : (
        <Picker
          mode="selector"
          range={options.map((o) => o.label)}
          value={Math.max(0, index)}
          onChange={(e) => {
            const o = options[Number(e.detail.value)];
            if (o) onChange(o.value);
          }}
        >
          {body}
        </Picker>
      )}
      {error && <Text className="form-error">{error}</Text>}
    </View>
  );
}
