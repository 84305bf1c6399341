import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { pick, typeInto } from '../../../test/taroEvents';
import { ApiError } from '../../services/api';
import type { ReviewClaimBody } from '../../services/binding';
import ClaimForm, { type ClaimLoaders } from './index';

const area = (code: string, level: 'building' | 'entrance', name: string) => ({ code, level, name, nameBo: null, parentCode: null, path: [code] });
const loaders: ClaimLoaders = {
  complexes: async () => [{ code: 'Q', level: 'complex', name: '幸福小区', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', parentCode: 'C', path: ['Q'], dwellings: 3, pathNames: [] }],
  children: async (code) => ({
    items: code === 'Q' ? [area('QB1', 'building', '1栋'), area('QB2', 'building', '2栋')] : [area(`${code}U1`, 'entrance', '1单元')],
  }),
  rooms: async () => ({
    items: [
      { dwellingId: 'a'.repeat(24), room: '101', floor: 1 },
      { dwellingId: 'b'.repeat(24), room: '301', floor: 3 },
    ],
  }),
};
const devStandIn = { available: async () => true, code: async (id: string) => `dev_${id.slice(0, 4)}` };
const ROOM = 'b'.repeat(24);

function setup(onPhone = jest.fn(async (_d: string, _c: string) => undefined), onReview = jest.fn(async (_b: ReviewClaimBody) => undefined)) {
  render(<ClaimForm loaders={loaders} onPhone={onPhone} onReview={onReview} devStandIn={devStandIn} />);
  return { onPhone, onReview };
}

async function chooseDwelling() {
  await waitFor(() => expect(screen.getByTestId('pick-complex').textContent).toContain('幸福小区')); // the only one: chosen
  await waitFor(() => expect(screen.getByTestId('pick-building').closest('taro-picker-core')).not.toBeNull());
  pick(screen.getByTestId('pick-building'), 0);
  await waitFor(() => expect(screen.getByTestId('pick-entrance').textContent).toContain('1单元')); // one entrance: chosen
  await waitFor(() => expect(screen.getByTestId('pick-room').closest('taro-picker-core')).not.toBeNull());
  pick(screen.getByTestId('pick-room'), 1);
  await waitFor(() => expect(screen.getByTestId('pick-room').textContent).toContain('301室 · 3层'));
}

const tapPhone = async () => fireEvent.click(await screen.findByText('手机号快速验证'));

describe('claim form', () => {
  it('an owner taps the labelled dev stand-in: the phone code goes with the chosen room, nothing typed', async () => {
    const { onPhone, onReview } = setup();
    expect(await screen.findByText('开发环境：模拟微信手机号验证')).toBeTruthy();
    await chooseDwelling();
    await tapPhone();
    await waitFor(() => expect(onPhone).toHaveBeenCalledWith(ROOM, 'dev_bbbb'));
    expect(onReview).not.toHaveBeenCalled();
  });

  it('production H5 offers no pretend button: it says the phone check needs WeChat', async () => {
    const onPhone = jest.fn(async (_d: string, _c: string) => undefined);
    render(
      <ClaimForm loaders={loaders} onPhone={onPhone} onReview={jest.fn(async () => undefined)} devStandIn={{ ...devStandIn, available: async () => false }} />,
    );
    expect((await screen.findByTestId('phone-only-wechat')).textContent).toContain('只能在微信小程序里使用');
    expect(screen.queryByTestId('phone-verify')).toBeNull();
    expect(screen.queryByText('开发环境：模拟微信手机号验证')).toBeNull();
  });

  it('a phone that is not the roster’s explains why in plain words and opens the review form', async () => {
    const onPhone = jest.fn(async () => {
      throw new ApiError(422, 'PHONE_NOT_ON_ROSTER', '手机号与名册不一致');
    });
    setup(onPhone);
    await chooseDwelling();
    expect(screen.queryByTestId('owner-review')).toBeNull();
    await tapPhone();
    const problem = await screen.findByTestId('claim-problem');
    expect(problem.getAttribute('data-code')).toBe('PHONE_NOT_ON_ROSTER');
    expect(problem.textContent).toContain('不是名册上这套房业主的手机号');
    expect(screen.getByTestId('owner-review')).toBeTruthy();
  });

  it('the review claim needs the room, the name and four digits, then sends them', async () => {
    const { onReview } = setup();
    await waitFor(() => expect(screen.getByTestId('pick-complex').textContent).toContain('幸福小区'));
    fireEvent.click(screen.getByTestId('open-review'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect((await screen.findAllByText('请选择房号')).length).toBeGreaterThan(0);
    expect(screen.getByText('请填写业主姓名')).toBeTruthy();
    expect(screen.getByText('请填写 4 位数字')).toBeTruthy();
    expect(onReview).not.toHaveBeenCalled();
    await chooseDwelling();
    typeInto(screen.getByTestId('owner-name'), '  拉姆 ');
    typeInto(screen.getByTestId('last4'), '90a12');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onReview).toHaveBeenCalledTimes(1));
    expect(onReview.mock.calls[0][0]).toEqual({ dwellingId: ROOM, relation: 'owner', ownerName: '拉姆', last4: '9012' });
  });

  it('the full ID number may end in X', async () => {
    const { onReview } = setup();
    await chooseDwelling();
    fireEvent.click(screen.getByTestId('open-review'));
    typeInto(screen.getByTestId('owner-name'), '拉姆');
    fireEvent.click(screen.getByTestId('proof-id'));
    typeInto(screen.getByTestId('id-number'), '54010219800101123x');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onReview).toHaveBeenCalledTimes(1));
    expect(onReview.mock.calls[0][0]).toEqual({ dwellingId: ROOM, relation: 'owner', ownerName: '拉姆', idNumber: '54010219800101123X' });
  });

  it('tenants send no name or digits, and a refusal is shown by its code', async () => {
    const onReview = jest.fn(async (_b: ReviewClaimBody) => {
      throw new ApiError(409, 'CLAIM_PENDING', '该房屋已有待审核的申请');
    });
    setup(undefined, onReview);
    await chooseDwelling();
    fireEvent.click(screen.getByTestId('relation-tenant'));
    expect(screen.queryByTestId('owner-name')).toBeNull();
    expect(screen.queryByText('手机号快速验证')).toBeNull();
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onReview).toHaveBeenCalled());
    expect(onReview.mock.calls[0][0]).toEqual({ dwellingId: ROOM, relation: 'tenant' });
    expect((await screen.findByTestId('claim-problem')).textContent).toBe('您已经为这套房提交过申请，正在审核。');
  });
});
