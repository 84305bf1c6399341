import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '../../../test/taroEvents';
import { setLang } from '../../i18n';
import { ApiError } from '../../services/api';
import ReasonSheet from './index';

const sheet = (onConfirm: (r: string) => Promise<void>, onClose = () => undefined) => (
  <ReasonSheet
    open
    title="取消这笔认捐？"
    confirmText="确认取消"
    reasons={['pledgeCancel.reason.mistake', 'pledgeCancel.reason.money']}
    maxLength={300}
    onConfirm={onConfirm}
    onClose={onClose}
  />
);

describe('reason sheet (cancel a pledge, revoke an entrustment)', () => {
  it('asks for a reason, and a short "other" reason is refused before sending', () => {
    const onConfirm = jest.fn(async (_r: string) => undefined);
    render(sheet(onConfirm));
    fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
    expect(screen.getByTestId('reason-error').textContent).toBe('请选择一个原因');
    fireEvent.click(screen.getAllByTestId('reason-chip')[2]); // 其他原因
    typeInto(screen.getByTestId('reason-other'), ' 算 ');
    fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
    expect(screen.getByTestId('reason-error').textContent).toBe('请写下原因（至少 2 个字）');
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("sends a chip's reason in Chinese even in Tibetan, shows a refusal in Tibetan and closes on success", async () => {
    act(() => setLang('bo'));
    try {
      let fail = true;
      const onClose = jest.fn(() => undefined);
      const onConfirm = jest.fn(async (_r: string) => {
        if (fail) throw new ApiError(409, 'PLEDGE_STATE_CONFLICT', '认捐当前为「已确认」，不能取消');
      });
      render(sheet(onConfirm, onClose));
      expect(screen.getAllByTestId('reason-chip')[1].textContent).toBe('ཁྱིམ་གྱི་དཔལ་འབྱོར་ལ་དཀའ་ངལ་ཡོད།');
      fireEvent.click(screen.getAllByTestId('reason-chip')[1]);
      fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
      // The server's Chinese message is never shown to a Tibetan reader: its code is.
      expect(await screen.findByText('ཞལ་འདེབས་ཀྱི་གནས་སྟངས་འགྱུར་ཟིན། གསར་བཅོས་གནང་རོགས།')).toBeTruthy();
      expect(screen.queryByText('认捐当前为「已确认」，不能取消')).toBeNull();
      expect(onConfirm).toHaveBeenCalledWith('家里经济有困难');
      expect(onClose).not.toHaveBeenCalled();
      fail = false;
      fireEvent.click(screen.getByTestId('confirm-sheet-ok'));
      await waitFor(() => expect(onClose).toHaveBeenCalled());
    } finally {
      act(() => setLang('zh'));
    }
  });
});
