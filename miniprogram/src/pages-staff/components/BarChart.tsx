import { Text, View } from '@tarojs/components';
import type { Bar } from '../lib/charts';

interface Props {
  bars: Bar[];
  /** A vertical line across every track, e.g. the 2/3 quorum, in percent of the track. */
  marker?: { percent: number; label: string };
  emptyText?: string;
}

/** Horizontal bars drawn with views: no canvas, so it works the same in WeChat and H5 and scales with large text. */
export default function BarChart({ bars, marker, emptyText }: Props) {
  if (bars.length === 0) return <Text className='muted'>{emptyText ?? '—'}</Text>;
  return (
    <View className='bar-chart' role='list'>
      {marker && (
        <View className='bar-chart__legend'>
          <View className='bar-chart__legend-line' />
          <Text className='bar-chart__legend-text'>{marker.label}</Text>
        </View>
      )}
      {bars.map((b) => (
        <View key={b.key} className='bar-chart__row' role='listitem' aria-label={`${b.label} ${b.valueText}`}>
          <View className='bar-chart__head'>
            <Text className='bar-chart__label'>{b.label}</Text>
            <Text className='bar-chart__value'>{b.valueText}</Text>
          </View>
          <View className='bar-chart__track'>
            <View className={`bar-chart__fill bar-chart__fill--${b.tone ?? 'neutral'}`} style={{ width: `${b.percent}%` }} />
            {marker && <View className='bar-chart__marker' style={{ left: `${marker.percent}%` }} />}
          </View>
          {b.detail && <Text className='bar-chart__detail'>{b.detail}</Text>}
        </View>
      ))}
    </View>
  );
}
