import { View } from '@tarojs/components';

interface Option<T extends string> {
  value: T;
  label: string;
  /** Shown but not tappable (e.g. a dwelling whose ballot was already delivered). */
  disabled?: boolean;
}

interface Props<T extends string> {
  options: Option<T>[];
  /** One value (single choice) or several (multi choice). */
  value: T | T[];
  onChange: (value: T) => void;
  className?: string;
  /** Labels are names from the roster (buildings, rooms, people): shown as written, marked for the language check. */
  properNames?: boolean;
}

/** Big tappable choices instead of typing (≥ 48px each); multi-select when `value` is an array. */
export default function Chips<T extends string>({ options, value, onChange, className, properNames }: Props<T>) {
  const multi = Array.isArray(value);
  const on = (v: T) => (multi ? (value as T[]).includes(v) : value === v);
  return (
    <View className={`st-chips ${className ?? ''}`} role={multi ? 'group' : 'radiogroup'}>
      {options.map((o) => (
        <View
          key={o.value}
          role={multi ? 'checkbox' : 'radio'}
          aria-checked={on(o.value)}
          aria-disabled={o.disabled || undefined}
          className={`st-chips__item ${on(o.value) ? 'st-chips__item--on' : ''} ${o.disabled ? 'st-chips__item--off' : ''}`}
          onClick={o.disabled ? undefined : () => onChange(o.value)}
          data-proper-name={properNames ? '1' : undefined}
        >
          {multi && on(o.value) ? '✓ ' : ''}
          {o.label}
        </View>
      ))}
    </View>
  );
}
