import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { pick, typeInto } from '../../../test/taroEvents';
import { ApiError } from '../../services/api';
import type { HouseholdMemberView } from '../../services/types';
import type { PickedPhoto } from '../../services/uploads';
import ProxyForm from './index';

const ME = 'a'.repeat(24);
const PROXY = '65f0c0ffee0123456789abcd';
const D = [
  { id: 'd'.repeat(24), label: '幸福小区 1栋 1单元 101室' },
  { id: 'e'.repeat(24), label: '幸福小区 2栋 1单元 201室' },
];
const doc: PickedPhoto = { path: 'blob:doc', name: '委托书.jpg', size: 2048, blob: new Blob(['x'], { type: 'image/jpeg' }) };
type Submit = (b: { dwellingId: string; proxyUserId: string; note?: string }, d: PickedPhoto) => Promise<void>;
const WIFE = 'f'.repeat(24);
const SON = 'c'.repeat(24);
const household = async (dwellingId: string): Promise<HouseholdMemberView[]> =>
  dwellingId === D[0].id
    ? [
        { userId: WIFE, displayName: '卓*', relation: 'family', proxyStatus: null },
        { userId: SON, displayName: '扎**', relation: 'family', proxyStatus: 'approved' },
      ]
    : [];

describe('proxy form', () => {
  it('names every missing part and sends nothing', async () => {
    const onSubmit = jest.fn<Submit>(async () => undefined);
    render(<ProxyForm dwellings={D.slice(1)} myId={ME} loadHousehold={household} onSubmit={onSubmit} choosePhotos={async () => []} />);
    // Nobody is bound to this dwelling: the code box opens without a tap.
    await screen.findByTestId('proxy-code');
    fireEvent.click(screen.getByTestId('proxy-submit'));
    expect(screen.getByTestId('proxy-document-error').textContent).toBe('请上传委托书照片');
    expect(screen.getByTestId('proxy-code-error').textContent).toBe('请填写受托人的用户编号');
    typeInto(screen.getByTestId('proxy-code'), '12345');
    expect(screen.getByTestId('proxy-code-error').textContent).toBe('编号应为 24 位数字或字母（a–f），请核对');
    typeInto(screen.getByTestId('proxy-code'), ME.toUpperCase());
    expect(screen.getByTestId('proxy-code-error').textContent).toBe('不能委托自己');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the dwelling, the normalised code, the note and the document photo; shows the server refusal', async () => {
    const onSubmit = jest.fn<Submit>(async () => {
      throw new ApiError(404, 'PROXY_USER_NOT_FOUND', '受托人不存在');
    });
    render(<ProxyForm dwellings={D.slice(0, 1)} myId={ME} loadHousehold={household} onSubmit={onSubmit} choosePhotos={async () => [doc]} />);
    fireEvent.click(await screen.findByTestId('proxy-pick-other'));
    typeInto(screen.getByTestId('proxy-code'), ' 65F0 C0FF EE01 2345 6789 ABCD ');
    typeInto(screen.getByTestId('proxy-note'), '外出务工期间');
    await act(async () => fireEvent.click(screen.getByTestId('proxy-document-add')));
    // Kept on the phone until the form is sent (one multipart request), so nothing is uploading.
    expect(screen.getByTestId('proxy-document-item').getAttribute('data-state')).toBe('ready');
    fireEvent.click(screen.getByTestId('proxy-submit'));
    expect((await screen.findByTestId('proxy-server-error')).textContent).toBe('受托人不存在');
    expect(onSubmit).toHaveBeenCalledWith({ dwellingId: D[0].id, proxyUserId: PROXY, note: '外出务工期间' }, doc);
    await waitFor(() => expect(screen.getByTestId('proxy-submit').hasAttribute('disabled')).toBe(false));
  });

  it('picks a household member with one tap; one already entrusted cannot be picked; the code box is the fallback', async () => {
    const onSubmit = jest.fn<Submit>(async () => undefined);
    render(<ProxyForm dwellings={D} myId={ME} loadHousehold={household} onSubmit={onSubmit} choosePhotos={async () => [doc]} />);
    fireEvent.click(screen.getByTestId('proxy-submit'));
    expect(screen.getByTestId('proxy-dwelling').closest('.picker-field__wrap')!.textContent).toContain('请选择房屋');
    expect(screen.getByTestId('proxy-code-error').textContent).toBe('请选择受托人');
    pick(screen.getByTestId('proxy-dwelling'), 0);
    const rows = await screen.findAllByTestId('proxy-pick-member');
    expect(rows.map((r) => r.textContent)).toEqual(['卓*业主家属', '扎**业主家属 · 已委托']);
    expect(rows[1].getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(rows[1]);
    expect(rows[1].getAttribute('aria-checked')).toBe('false');
    // The fallback opens the code box; tapping a member closes it again and names that member.
    expect(screen.queryByTestId('proxy-code')).toBeNull();
    fireEvent.click(screen.getByTestId('proxy-pick-other'));
    expect(screen.getByTestId('proxy-code')).toBeTruthy();
    fireEvent.click(rows[0]);
    expect(screen.queryByTestId('proxy-code')).toBeNull();
    expect(rows[0].getAttribute('aria-checked')).toBe('true');
    await act(async () => fireEvent.click(screen.getByTestId('proxy-document-add')));
    fireEvent.click(screen.getByTestId('proxy-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ dwellingId: D[0].id, proxyUserId: WIFE, note: undefined }, doc));
  });
});
