// Taro's H5 components are custom elements that report input and picker changes as CustomEvents with `detail`.
import { act, fireEvent } from '@testing-library/react';

/** Types `value` into a Taro <Input>/<Textarea> (the element itself or one inside `el`). */
export function typeInto(el: Element, value: string) {
  const target = el.matches('taro-input-core, taro-textarea-core') ? el : el.querySelector('taro-input-core, taro-textarea-core');
  if (!target) throw new Error('no Taro input in element');
  act(() => {
    fireEvent(target, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

/** Chooses in a Taro <Picker> around or inside `el`: an index (selector) or indices (multiSelector). */
export function pick(el: Element, value: number | number[]) {
  const target = el.closest('taro-picker-core') ?? el.querySelector('taro-picker-core');
  if (!target) throw new Error('no Taro picker around element');
  act(() => {
    fireEvent(target, new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}
