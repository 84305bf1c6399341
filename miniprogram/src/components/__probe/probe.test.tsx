import { describe, expect, it } from '@jest/globals';
import { Input, Text, View, Picker } from '@tarojs/components';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import Taro from '@tarojs/taro';

function Demo() {
  const [v, setV] = useState('');
  const [n, setN] = useState(0);
  return (
    <View>
      <Input value={v} onInput={(e) => setV(e.detail.value)} data-testid='inp' />
      <Text>value:{v}</Text>
      <View onClick={() => setN(n + 1)}>tap {n}</View>
      <Picker mode='selector' range={['a', 'b']} onChange={(e) => setN(Number(e.detail.value) + 10)}><View>pick</View></Picker>
    </View>
  );
}

describe('probe', () => {
  it('renders', () => {
    const { container } = render(<Demo />);
    fireEvent.click(screen.getByText('tap 0'));
    expect(screen.getByText('tap 1')).toBeTruthy();
    const inp = container.querySelector('taro-input-core') as HTMLElement;
    console.log(container.innerHTML.slice(0, 800), typeof Taro.getStorageSync);
    Taro.setStorageSync('x', 1);
    expect(Taro.getStorageSync('x')).toBe(1);
    inp && fireEvent(inp, new CustomEvent('input', { detail: { value: 'hi' }, bubbles: true }));
    console.log(container.innerHTML.slice(0, 800));
  });
});
