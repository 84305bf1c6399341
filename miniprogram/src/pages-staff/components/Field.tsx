import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n';

interface Props {
  label: string;
  hint?: string;
  error?: MessageKey;
  children: ReactNode;
}

/** Label, control, hint and the validation message under it (in the chosen language). */
export default function Field({ label, hint, error, children }: Props) {
  const { t } = useI18n();
  return (
    <View className={`st-field ${error ? 'st-field--error' : ''}`}>
      <Text className="st-field__label">{label}</Text>
      {children}
      {hint && !error && <Text className="st-field__hint">{hint}</Text>}
      {error && <Text className="st-field__error">{t(error)}</Text>}
    </View>
  );
}
