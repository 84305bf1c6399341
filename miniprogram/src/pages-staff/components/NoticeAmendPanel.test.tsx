import { afterEach, describe, expect, it } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { setLang } from '../../i18n';
import type { Notice } from '../lib/staffApi';
import NoticeAmendPanel from './NoticeAmendPanel';
import NoticeWithdrawPanel from './NoticeWithdrawPanel';

const notice = { id: 'n1', version: 1, title: '停水通知', body: '<p>周三停水</p>', titleBo: null, bodyBo: null, history: [] } as unknown as Notice;
const noop = () => undefined;

afterEach(() => act(() => setLang('zh')));

describe('notice amend and withdraw forms', () => {
  it('opens with the current text and says so when nothing was changed', () => {
    render(<NoticeAmendPanel notice={notice} onDone={noop} onCancel={noop} />);
    expect((screen.getByTestId('amend-title').querySelector('input') ?? (screen.getByTestId('amend-title') as HTMLInputElement)).value).toBe('停水通知');
    fireEvent.click(screen.getByTestId('amend-submit'));
    expect(screen.getByText('内容没有改动')).toBeTruthy();
  });

  it('needs a typed reason when "other" is picked', () => {
    render(<NoticeWithdrawPanel notice={notice} onDone={noop} onCancel={noop} />);
    fireEvent.click(screen.getByText('其他'));
    fireEvent.click(screen.getByTestId('withdraw-submit'));
    expect(screen.getByText('请填写此项')).toBeTruthy();
  });

  it('labels the reasons in Tibetan', () => {
    act(() => setLang('bo'));
    render(<NoticeWithdrawPanel notice={notice} onDone={noop} onCancel={noop} />);
    expect(screen.getByText('ནང་དོན་ནོར་འདུག')).toBeTruthy();
    expect(screen.getByText('བྱ་བ་མེད་པར་བཏང་།')).toBeTruthy();
  });
});
