import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '../../../test/taroEvents';
import { ApiError } from '../../services/api';
import ObjectionForm from './index';

describe('objection form', () => {
  it('says what is wrong with an empty or too short text and sends nothing', () => {
    const onSubmit = jest.fn(async (_t: string, _k: string) => undefined);
    render(<ObjectionForm onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('objection-submit'));
    expect(screen.getByTestId('objection-error').textContent).toBe('请写下您的意见');
    typeInto(screen.getByTestId('objection-text'), '不同意');
    expect(screen.getByTestId('objection-error').textContent).toBe('意见太短了，请至少写 5 个字');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the trimmed text once, keeps the same key on a retry, and clears after success', async () => {
    let fail = true;
    const onSubmit = jest.fn(async (_t: string, _k: string) => {
      if (fail) {
        fail = false;
        throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
      }
    });
    render(<ObjectionForm onSubmit={onSubmit} />);
    typeInto(screen.getByTestId('objection-text'), '  楼道太窄，电梯方案不合适  ');
    fireEvent.click(screen.getByTestId('objection-submit'));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByTestId('objection-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[0][0]).toBe('楼道太窄，电梯方案不合适');
    expect(onSubmit.mock.calls[1][1]).toBe(onSubmit.mock.calls[0][1]);
    await waitFor(() => expect(screen.getByTestId('objection-text').getAttribute('value')).toBe(''));
  });
});
