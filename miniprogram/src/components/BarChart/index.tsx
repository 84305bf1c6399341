import { Text, View } from '@tarojs/components';
import type { Bar } from './data';
import { formatPermille } from './data';
import { useI18n } from '../../i18n';
import '../BiText/index.scss';
import './index.scss';

interface Props {
  bars: Bar[];
  /** Show the share in percent after the value (when the base is meaningful). */
  showPercent?: boolean;
  /** A vertical line across every bar at this percent (e.g. a threshold). */
  markerPercent?: number | null;
  markerLabel?: string;
  testId?: string;
  /** A label that stays Chinese in Tibetan: a proper name ('name') or staff text with no Tibetan ('zh', marked). */
  labelMark?: (label: string, key: string) => 'zh' | 'name' | undefined;
  /** Every label is a roster name (buildings): shown as written, marked for the Tibetan language check. */
  properLabels?: boolean;
  /** Shown instead of an empty chart. */
  emptyText?: string;
}

/**
 * Horizontal bars drawn with Views (no canvas: the same in WeChat and H5, and it scales with large text): label on its
 * own line (long Tibetan labels wrap), bar, then the figure. The one chart of residents' and staff screens.
 */
export default function BarChart({ bars, showPercent, markerPercent, markerLabel, testId, labelMark, properLabels, emptyText }: Props) {
  const { t } = useI18n();
  if (bars.length === 0 && emptyText !== undefined) return <Text className="muted">{emptyText}</Text>;
  const mark = (b: Bar) => (properLabels ? 'name' : labelMark?.(b.label, b.key));
  return (
    <View className="bar-chart" data-testid={testId} role="list">
      {bars.map((b) => (
        <View key={b.key} className="bar-chart__row" data-key={b.key} role="listitem" aria-label={`${b.label} ${b.valueText}`}>
          <View className="bar-chart__head">
            {mark(b) === 'name' ? (
              <Text className="bar-chart__label" data-proper-name="1">
                {b.label}
              </Text>
            ) : mark(b) === 'zh' ? (
              <Text className="bar-chart__label">
                <Text className="bi-mark">{t('bi.zhOnly')}</Text>
                <Text data-zh-fallback="1">{b.label}</Text>
              </Text>
            ) : (
              <Text className="bar-chart__label">{b.label}</Text>
            )}
            <Text className="bar-chart__value">
              {b.valueText}
              {showPercent ? ` · ${formatPermille(b.permille)}` : ''}
            </Text>
          </View>
          <View className="bar-chart__track">
            <View className={`bar-chart__bar bar-chart__bar--${b.tone}`} style={{ width: `${b.width}%` }} />
            {markerPercent != null && <View className="bar-chart__marker" style={{ left: `${markerPercent}%` }} />}
          </View>
          {b.detail && <Text className="bar-chart__detail">{b.detail}</Text>}
        </View>
      ))}
      {markerPercent != null && markerLabel && (
        <View className="bar-chart__legend">
          <View className="bar-chart__legend-mark" />
          <Text>{markerLabel}</Text>
        </View>
      )}
    </View>
  );
}
