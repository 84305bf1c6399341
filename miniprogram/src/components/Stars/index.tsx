import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import './index.scss';

interface Props {
  value: number;
  onChange: (v: number) => void;
  label?: ReactNode;
  testId?: string;
}

/** Five 48px stars; the chosen score is also written out in words. */
export default function Stars({ value, onChange, label, testId }: Props) {
  const { t } = useI18n();
  return (
    <View className="stars" data-testid={testId}>
      {label && <Text className="stars__label">{label}</Text>}
      <View className="stars__row" role="radiogroup">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            role="radio"
            aria-checked={value === n}
            aria-label={t('rating.stars', { n })}
            className={`stars__star ${n <= value ? 'stars__star--on' : ''}`}
            onClick={() => onChange(n)}
            data-star={n}
          >
            ★
          </View>
        ))}
      </View>
      <Text className="stars__text">{value ? t(`rating.word.${value as 1 | 2 | 3 | 4 | 5}`) : t('rating.none')}</Text>
    </View>
  );
}
