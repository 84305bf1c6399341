import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { pick, typeInto } from '../../../test/taroEvents';
import { ApiError } from '../../services/api';
import type { ClaimInput } from '../../services/types';
import ClaimForm, { type ClaimLoaders } from './index';

const area = (code: string, level: 'building' | 'entrance', name: string) => ({ code, level, name, nameBo: null, parentCode: null, path: [code] });
const loaders: ClaimLoaders = {
  complexes: async () => [{ code: 'Q', level: 'complex', name: '幸福小区', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', parentCode: 'C', path: ['Q'], dwellings: 3, pathNames: [] }],
  children: async (code) => ({ items: code === 'Q' ? [area('QB1', 'building', '1栋'), area('QB2', 'building', '2栋')] : [area(`${code}U1`, 'entrance', '1单元')] }),
  rooms: async () => ({ items: [{ dwellingId: 'a'.repeat(24), room: '101', floor: 1 }, { dwellingId: 'b'.repeat(24), room: '301', floor: 3 }] }),
};

async function chooseDwelling() {
  await waitFor(() => expect(screen.getByTestId('pick-complex').textContent).toContain('幸福小区')); // the only one: chosen
  await waitFor(() => expect(screen.getByTestId('pick-building').closest('taro-picker-core')).not.toBeNull());
  pick(screen.getByTestId('pick-building'), 0);
  await waitFor(() => expect(screen.getByTestId('pick-entrance').textContent).toContain('1单元')); // one entrance: chosen
  await waitFor(() => expect(screen.getByTestId('pick-room').closest('taro-picker-core')).not.toBeNull());
  pick(screen.getByTestId('pick-room'), 1);
  await waitFor(() => expect(screen.getByTestId('pick-room').textContent).toContain('301室 · 3层'));
}

describe('claim form', () => {
  it('asks for the room, the owner name and the four digits before sending anything', async () => {
    const onSubmit = jest.fn(async (_b: ClaimInput) => undefined);
    render(<ClaimForm loaders={loaders} onSubmit={onSubmit} />);
    await waitFor(() => expect(screen.getByTestId('pick-complex').textContent).toContain('幸福小区'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(await screen.findByText('请选择房号')).toBeTruthy();
    expect(screen.getByText('请填写业主姓名')).toBeTruthy();
    expect(screen.getByText('请选择后四位数字')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('takes the digits from the four-wheel picker (X allowed last) and sends the claim', async () => {
    const onSubmit = jest.fn(async (_b: ClaimInput) => undefined);
    render(<ClaimForm loaders={loaders} onSubmit={onSubmit} />);
    await chooseDwelling();
    typeInto(screen.getByTestId('owner-name'), '  拉姆 ');
    pick(screen.getByTestId('last4'), [9, 0, 0, 10]);
    expect(screen.getByTestId('last4').textContent).toContain('900X');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({ dwellingId: 'b'.repeat(24), relation: 'owner', ownerName: '拉姆', last4: '900X' });
  });

  it('tenants send no name or digits, and the server’s Chinese message is shown on refusal', async () => {
    const onSubmit = jest.fn(async (_b: ClaimInput) => {
      throw new ApiError(409, 'CLAIM_PENDING', '该房屋已有待审核的申请');
    });
    render(<ClaimForm loaders={loaders} onSubmit={onSubmit} />);
    await chooseDwelling();
    pick(screen.getByTestId('pick-relation'), 2);
    expect(screen.queryByTestId('owner-name')).toBeNull();
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0][0]).toEqual({ dwellingId: 'b'.repeat(24), relation: 'tenant' });
    expect((await screen.findByTestId('claim-server-error')).textContent).toBe('该房屋已有待审核的申请');
  });
});
