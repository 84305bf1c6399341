import { Text, View } from '@tarojs/components';
import './index.scss';

export interface TimelineStep {
  key: string;
  label: string;
  /** done: passed; current: where things are now; todo: still ahead. */
  state: 'done' | 'current' | 'todo';
  meta?: string;
}

/** A vertical list of stages with a dot and a line: colour and a word both tell the state (not colour alone). */
export default function Timeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <View className="timeline">
      {steps.map((s) => (
        <View key={s.key} className={`timeline__step timeline__step--${s.state}`} data-state={s.state}>
          <View className="timeline__rail">
            <View className="timeline__dot">{s.state === 'done' ? <Text>✓</Text> : null}</View>
            <View className="timeline__line" />
          </View>
          <View className="timeline__body">
            <Text className="timeline__label">{s.label}</Text>
            {s.meta && <Text className="timeline__meta">{s.meta}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
