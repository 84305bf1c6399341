import { Text, View } from '@tarojs/components';
import type { Bar } from './data';
import { formatPermille } from './data';
import './index.scss';

interface Props {
  bars: Bar[];
  /** Show the share in percent after the value (when the base is meaningful). */
  showPercent?: boolean;
  /** A vertical line across every bar at this percent (e.g. a threshold). */
  markerPercent?: number | null;
  markerLabel?: string;
  testId?: string;
}

/** Horizontal bars drawn with Views: label on its own line (long Tibetan labels wrap), bar, then the figure. */
export default function BarChart({ bars, showPercent, markerPercent, markerLabel, testId }: Props) {
  return (
    <View className='bar-chart' data-testid={testId}>
      {bars.map((b) => (
        <View key={b.key} className='bar-chart__row' data-key={b.key}>
          <View className='bar-chart__head'>
            <Text className='bar-chart__label'>{b.label}</Text>
            <Text className='bar-chart__value'>
              {b.valueText}
              {showPercent ? ` · ${formatPermille(b.permille)}` : ''}
            </Text>
          </View>
          <View className='bar-chart__track'>
            <View className={`bar-chart__bar bar-chart__bar--${b.tone}`} style={{ width: `${b.width}%` }} />
            {markerPercent != null && <View className='bar-chart__marker' style={{ left: `${markerPercent}%` }} />}
          </View>
        </View>
      ))}
      {markerPercent != null && markerLabel && (
        <View className='bar-chart__legend'>
          <View className='bar-chart__legend-mark' />
          <Text>{markerLabel}</Text>
        </View>
      )}
    </View>
  );
}
