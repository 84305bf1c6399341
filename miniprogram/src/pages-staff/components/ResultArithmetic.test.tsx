import { afterEach, describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { tallyQuestion } from '@gongzhi/shared';
import { setLang } from '../../i18n';
import ResultArithmetic from './ResultArithmetic';

const electorate = [
  { dwellingId: 'a', areaHundredths: 8000, headcountKey: 'p1' },
  { dwellingId: 'b', areaHundredths: 9000, headcountKey: 'p2' },
  { dwellingId: 'c', areaHundredths: 7000, headcountKey: 'p3' },
];
const tally = tallyQuestion({ rule: 'civil_major', electorate, ballots: [{ dwellingId: 'a', choice: 'approve' }] });
const question = {
  questionId: 'renovate',
  title: '是否同意改造',
  format: 'yes_no' as const,
  rule: 'civil_major' as const,
  passed: tally.passed,
  winner: tally.winner,
  tally,
};

afterEach(() => act(() => setLang('zh')));

describe('result arithmetic', () => {
  it('shows every test with its numbers, the verdict and the reasons', () => {
    render(<ResultArithmetic question={question} index={0} />);
    expect(screen.getByTestId('result-arithmetic').textContent).toContain('事项1 是否同意改造');
    expect(screen.getAllByText('未通过').length).toBeGreaterThan(0);
    expect(screen.getByText('参与表决的专有面积')).toBeTruthy();
    expect(screen.getByText('80.00 / 240.00 ㎡')).toBeTruthy();
    expect(screen.getByText('需至少 160.00㎡')).toBeTruthy();
    expect(screen.getByText('1 / 3 人')).toBeTruthy();
    expect(screen.getByText(/结论：未通过/)).toBeTruthy();
  });

  it('relabels in Tibetan around the same numbers', () => {
    act(() => setLang('bo'));
    render(<ResultArithmetic question={question} index={0} />);
    expect(screen.getByText('འོས་བསྡུར་ཞུགས་པའི་སྒེར་གྱི་རྒྱ་ཁྱོན།')).toBeTruthy();
    expect(screen.getByText('80.00 / 240.00 ㎡')).toBeTruthy();
    expect(screen.getAllByText('གཏན་འཁེལ་མ་བྱུང་།').length).toBeGreaterThan(0);
  });

  it("gives a Tibetan reader the committee's Tibetan title and the legal reasons in Tibetan: no Chinese left", () => {
    act(() => setLang('bo'));
    const def = { id: 'renovate', title: '是否同意改造', titleBo: 'བཟོ་བཅོས་བྱེད་པར་མོས་མཐུན་ཡོད་དམ།', format: 'yes_no', options: [] } as never;
    render(<ResultArithmetic question={question} index={0} def={def} />);
    const text = screen.getByTestId('result-arithmetic').textContent ?? '';
    expect(text).toContain('བཟོ་བཅོས་བྱེད་པར་མོས་མཐུན་ཡོད་དམ།');
    // Glosses in full-width brackets (e.g. （民法典）) are part of the Tibetan sentence.
    expect(text.replace(/（[^）]*）/g, '')).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('shows the delivered-ballot arithmetic when the covenant count decided', () => {
    // a and b voted approve; c was delivered and did not return its ballot → counted with the majority.
    const covenant = tallyQuestion({
      rule: 'civil_major',
      electorate,
      ballots: [
        { dwellingId: 'a', choice: 'approve' },
        { dwellingId: 'b', choice: 'approve' },
      ],
      covenantUnreturnedFollowMajority: true,
      deliveredDwellingIds: ['c'],
    });
    render(<ResultArithmetic question={{ ...question, passed: covenant.passed, winner: covenant.winner, tally: covenant }} index={0} />);
    expect(screen.getByTestId('covenant-arithmetic')).toBeTruthy();
    expect(screen.getByText('实际投票：2 人，170.00㎡')).toBeTruthy();
    expect(screen.getByText('已送达未回票 1 户，计入 1 户')).toBeTruthy();
    expect(screen.getByText('多数意见：同意')).toBeTruthy();
    expect(screen.getByText('计入后：3 人，240.00㎡')).toBeTruthy();
  });
});
