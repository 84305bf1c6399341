import { describe, expect, it } from '@jest/globals';
import { localText } from '@gongzhi/shared/src/text/systemBo';
import { bo } from '../../../i18n/bo';
import { zh } from '../../../i18n/zh';
import type { Question } from '../../../services/types';
import { summarizeAnswer } from './summary';

const items: Question = {
  id: 'items',
  title: '改造项目逐项表决',
  format: 'items',
  rule: 'civil_major',
  options: [
    { id: 'roof', label: '屋面防水修缮' },
    { id: 'own', label: '业委会自拟的项目' },
  ],
} as unknown as Question;

describe('my vote in words', () => {
  it("puts system-written option labels into Tibetan and leaves the committee's own wording as written", () => {
    const tBo = (k: keyof typeof bo) => bo[k];
    const tx = (s: string) => localText(s, 'bo');
    const text = summarizeAnswer(
      tBo,
      items,
      {
        questionId: 'items',
        items: [
          { itemId: 'roof', choice: 'approve' },
          { itemId: 'own', choice: 'reject' },
        ],
      },
      tx,
    );
    expect(text).toBe(`${localText('屋面防水修缮', 'bo')}：${bo['vote.approve']}；业委会自拟的项目：${bo['vote.reject']}`);
    expect(localText('屋面防水修缮', 'bo')).not.toBe('屋面防水修缮');
  });

  it('keeps Chinese without a translator', () => {
    const tZh = (k: keyof typeof zh) => zh[k];
    expect(summarizeAnswer(tZh, items, { questionId: 'items', items: [{ itemId: 'roof', choice: 'approve' }] })).toBe('屋面防水修缮：同意');
  });
});
