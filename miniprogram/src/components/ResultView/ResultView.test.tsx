import { afterEach, describe, expect, it } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { tallyQuestion } from '@gongzhi/shared/src/rules/tally';
import { setLang } from '../../i18n';
import type { Consultation } from '../../services/types';
import ResultView from './index';

const electorate = [8520, 9000, 9000].map((a, i) => ({ dwellingId: `d${i}`, areaHundredths: a, headcountKey: `p${i}` }));
const tally = tallyQuestion({
  rule: 'civil_major',
  electorate,
  ballots: [
    { dwellingId: 'd0', choice: 'approve' },
    { dwellingId: 'd1', choice: 'approve' },
    { dwellingId: 'd2', choice: 'reject' },
  ],
});
const itemTally = tallyQuestion({ rule: 'civil_major', electorate, ballots: [{ dwellingId: 'd0', choice: 'approve' }] });

function result(title: string): NonNullable<Consultation['result']> {
  return {
    computedAt: '2026-11-10T10:30:00.000Z',
    finalHead: { seq: 5, hash: 'h' },
    ballots: 3,
    unresolvedConflicts: 0,
    deliveredDwellingIds: null,
    questions: [
      { questionId: 'renovate', title, format: 'yes_no', rule: 'civil_major', passed: false, winner: null, tally },
      {
        questionId: 'items',
        title: '请对以下改造项目逐项表决',
        format: 'items',
        rule: 'civil_major',
        passed: null,
        winner: null,
        tally: [
          { itemId: 'roof', label: '屋面防水修缮', result: itemTally },
          { itemId: 'ramp', label: '东侧坡道', result: itemTally },
        ],
      },
    ],
  } as NonNullable<Consultation['result']>;
}

afterEach(() => act(() => setLang('zh')));

describe('result view language', () => {
  it('in zh shows the tally’s own Chinese reasons and titles', () => {
    render(<ResultView result={result('是否同意对本小区实施老旧小区改造')} />);
    expect(screen.getByText('是否同意对本小区实施老旧小区改造')).toBeTruthy();
    expect(screen.getByText(/同意的专有部分面积 175\.20㎡ 未达参与表决面积 265\.20㎡ 的四分之三/)).toBeTruthy();
  });

  it('in bo shows template texts and the legal reasons in Tibetan, with the same figures; edited text stays as written', () => {
    act(() => setLang('bo'));
    render(<ResultView result={result('是否同意对本小区实施老旧小区改造')} />);
    expect(screen.getByText('ཁྱིམ་ཁུལ་འདིར་ཁྱིམ་ཁུལ་རྙིང་པའི་བཅོས་སྒྱུར（老旧小区改造）ལག་བསྟར་བྱེད་པར་མོས་མཐུན་ཡོད་དམ།')).toBeTruthy();
    expect(screen.getByText(/མོས་མཐུན་གྱི་རྒྱ་ཁྱོན་ 175\.20㎡། ཞུགས་པའི་རྒྱ་ཁྱོན་ 265\.20㎡ ཡི་བཞི་ཆ་གསུམ/)).toBeTruthy();
    expect(screen.queryByText(/同意的专有部分面积/)).toBeNull();
    expect(screen.getByText('ཁང་ཐོག་ཆུ་འགོག་ཉམས་གསོ།')).toBeTruthy();
    expect(screen.getByText('东侧坡道')).toBeTruthy();
    // Item arithmetic is folded; opening it shows the item's reasons in Tibetan too.
    fireEvent.click(screen.getAllByText('རྩིས་རྒྱག་གི་བརྒྱུད་རིམ་ལྟ།')[0]);
    expect(screen.getAllByText(/མཇུག་འབྲས། གྲོས་ཆོད་མ་བྱུང་།/).length).toBeGreaterThanOrEqual(2);
  });
});
