import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { pick, typeInto } from '../../../test/taroEvents';
import type { PledgeInput } from '../../services/types';
import PledgeForm from './index';

const D = 'c'.repeat(24);
const dwellings = [{ id: D, label: '1栋 1单元 101室' }];

describe('pledge form', () => {
  it('refuses a bad amount with a message and sends nothing', async () => {
    const onSubmit = jest.fn(async (_b: PledgeInput) => undefined);
    render(<PledgeForm dwellings={dwellings} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('pledge-submit'));
    expect(screen.getByTestId('pledge-error').textContent).toBe('请选择或填写金额');
    typeInto(screen.getByTestId('pledge-amount'), '12.345');
    expect(screen.getByTestId('pledge-error').textContent).toBe('金额只能是数字，最多两位小数');
    typeInto(screen.getByTestId('pledge-amount'), '0');
    expect(screen.getByTestId('pledge-error').textContent).toBe('金额要大于 0');
    expect(screen.queryByTestId('confirm-sheet-ok')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('a preset amount, a confirmation step, then the pledge in fen', async () => {
    const onSubmit = jest.fn(async (_b: PledgeInput) => undefined);
    render(<PledgeForm dwellings={dwellings} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('pledge-preset-500'));
    fireEvent.click(screen.getByTestId('pledge-submit'));
    expect(screen.getByTestId('pledge-summary').textContent).toBe('500 元');
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ kind: 'money', dwellingId: D, amountFen: 50000 }));
  });

  it('labour from pickers: half days and a skill, stored in Chinese', async () => {
    const onSubmit = jest.fn(async (_b: PledgeInput) => undefined);
    render(<PledgeForm dwellings={dwellings} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('pledge-kind-labour'));
    pick(screen.getByTestId('pledge-days'), 2); // 1.5 days
    fireEvent.click(screen.getByTestId('pledge-submit'));
    fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ kind: 'labour', dwellingId: D, labour: { days: 1.5, skill: '泥瓦工' } }));
  });

  it('materials need a quantity with at most two decimals', async () => {
    const onSubmit = jest.fn(async (_b: PledgeInput) => undefined);
    render(<PledgeForm dwellings={dwellings} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('pledge-kind-materials'));
    fireEvent.click(screen.getByTestId('pledge-submit'));
    expect(screen.getByTestId('pledge-error').textContent).toBe('请填写数量');
    typeInto(screen.getByTestId('pledge-quantity'), '3');
    fireEvent.click(screen.getByTestId('pledge-submit'));
    fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ kind: 'materials', dwellingId: D, material: { item: '水泥', quantity: 3, unit: '袋' } }));
  });
});
