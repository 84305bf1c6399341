import { Text, View } from '@tarojs/components';
import Picker from '../../components/LangPicker';
import { localDate } from '../lib/dates';

interface Props {
  date: string;
  time: string;
  onChange: (v: { date: string; time: string }) => void;
}

/** Two pickers (date, then time) instead of typing a timestamp. */
export default function DateTimeField({ date, time, onChange }: Props) {
  return (
    <View style={{ display: 'flex', gap: '8px' }}>
      <View style={{ flex: 1.4 }}>
        <Picker mode="date" value={date} start={localDate(new Date())} onChange={(e) => onChange({ date: String(e.detail.value), time })}>
          <View className="st-picker">
            <Text>{date}</Text>
            <Text className="muted">▾</Text>
          </View>
        </Picker>
      </View>
      <View style={{ flex: 1 }}>
        <Picker mode="time" value={time} onChange={(e) => onChange({ date, time: String(e.detail.value) })}>
          <View className="st-picker">
            <Text>{time}</Text>
            <Text className="muted">▾</Text>
          </View>
        </Picker>
      </View>
    </View>
  );
}
