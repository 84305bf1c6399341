import { Text, View } from '@tarojs/components';
import type { Bar } from '../lib/charts';

interface Props {
  bars: Bar[];
  /** A vertical line across every track, e.g. the 2/3 quorum, in percent of the track. */
  marker?: { percent: number; label: string };
  emptyText?: string;
  /** Labels are roster names (buildings): shown as written, marked for the Tibetan language check. */
  properLabels?: boolean;
}

/** Horizontal bars drawn with views: no canvas, so it works the same in WeChat and H5 and scales with large text. */
export default function BarChart({ bars, marker, emptyText, properLabels }: Props) {
  if (bars.length === 0) return <Text className='muted'>{emptyText ?? '—'}</Text>;
  return (
    <View className='st-bars' role='list'>
      {marker && (
        <View className='st-bars__legend'>
          <View className='st-bars__legend-line' />
          <Text className='st-bars__legend-text'>{marker.label}</Text>
        </View>
      )}
      {bars.map((b) => (
        <View key={b.key} className='st-bars__row' role='listitem' aria-label={`${b.label} ${b.valueText}`}>
          <View className='st-bars__head'>
            <Text className='st-bars__label' data-proper-name={properLabels ? '1' : undefined}>{b.label}</Text>
            <Text className='st-bars__value'>{b.valueText}</Text>
          </View>
          <View className='st-bars__track'>
            <View className={`st-bars__fill st-bars__fill--${b.tone ?? 'neutral'}`} style={{ width: `${b.percent}%` }} />
            {marker && <View className='st-bars__marker' style={{ left: `${marker.percent}%` }} />}
          </View>
          {b.detail && <Text className='st-bars__detail'>{b.detail}</Text>}
        </View>
      ))}
    </View>
  );
}
