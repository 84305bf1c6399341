import { Text, View } from '@tarojs/components';
import Picker from '../LangPicker';
import { LAST4_DIGITS, LAST4_FINAL } from '../../services/validation';
import './index.scss';

interface Props {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  testId?: string;
}

const COLUMNS: string[][] = [LAST4_DIGITS, LAST4_DIGITS, LAST4_DIGITS, LAST4_FINAL].map((c) => [...c]);

/** Four big boxes; one tap opens a four-wheel picker (0–9, and X for the last place of an ID number). No keyboard. */
export default function DigitsPicker({ value, onChange, error, testId }: Props) {
  const chars = value.padEnd(4, ' ').slice(0, 4).split('');
  const current = chars.map((c, i) => Math.max(0, COLUMNS[i].indexOf(c.toUpperCase())));
  return (
    <View data-testid={testId}>
      <Picker
        mode="multiSelector"
        range={COLUMNS}
        value={current}
        onChange={(e) => {
          const idx = e.detail.value as number[];
          onChange(idx.map((n, i) => COLUMNS[i][n] ?? '0').join(''));
        }}
      >
        <View className={`digits ${error ? 'digits--error' : ''}`}>
          {chars.map((c, i) => (
            <View key={i} className={`digits__box ${c.trim() ? 'digits__box--filled' : ''}`}>
              <Text>{c.trim() || '·'}</Text>
            </View>
          ))}
        </View>
      </Picker>
      {error && <Text className="form-error">{error}</Text>}
    </View>
  );
}
