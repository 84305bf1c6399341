import fc from 'fast-check';
import { formatArea, parseAreaHundredths, RuleInputError } from './numbers';
import { type Ballot, type Rule, tallyQuestion } from './tally';
import type { ElectorateDwelling } from './tallyCounts';
import { meetsFraction, ONE_HALF, requiredValue, THREE_QUARTERS, TWO_THIRDS } from './thresholds';

/** Dwellings d0..dn with the given areas (hundredths); each its own owner unless keys are given. */
const electorate = (areas: number[], keys?: string[]): ElectorateDwelling[] =>
  areas.map((a, i) => ({ dwellingId: `d${i}`, areaHundredths: a, headcountKey: keys?.[i] ?? `p${i}` }));
const votes = (...choices: (string | null)[]): Ballot[] => choices.flatMap((c, i) => (c === null ? [] : [{ dwellingId: `d${i}`, choice: c }]));

describe('formatArea / parseAreaHundredths', () => {
  it('formats hundredths exactly and parses strings without float error', () => {
    expect(formatArea(30000)).toBe('300.00');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(0)).toBe('0.00');
    expect(parseAreaHundredths('85.2')).toBe(8520);
    expect(parseAreaHundredths('85.20')).toBe(8520);
    expect(parseAreaHundredths('300')).toBe(30000);
    expect(parseAreaHundredths(0.29)).toBe(29);
    expect(() => parseAreaHundredths('1.234')).toThrow(RuleInputError);
  });
});

describe('participation at exactly two thirds of 300.00 ㎡', () => {
  it('passes at 200.00 ㎡ and fails at 199.99 ㎡', () => {
    const at = tallyQuestion({ rule: 'civil_major', electorate: electorate([10000, 10000, 10000]), ballots: votes('approve', 'approve', null) });
    expect(at.plain.participation?.area).toMatchObject({ value: 20000, base: 30000, required: 20000, passed: true });
    expect(at.passed).toBe(true);

    const below = tallyQuestion({ rule: 'civil_major', electorate: electorate([9999, 10000, 10001]), ballots: votes('approve', 'approve', null) });
    expect(below.plain.participation?.area.passed).toBe(false);
    expect(below.plain.participation?.headcount.passed).toBe(true);
    expect(below.passed).toBe(false);
    expect(below.reasons).toContain('参与表决专有部分面积 199.99㎡ 未达总面积 300.00㎡ 的三分之二（需至少 200.00㎡）');

    const above = tallyQuestion({ rule: 'civil_major', electorate: electorate([9999, 10000, 10001]), ballots: votes(null, 'approve', 'approve') });
    expect(above.passed).toBe(true);
  });

  it('fails when headcount is below two thirds even if area passes', () => {
    const r = tallyQuestion({ rule: 'civil_ordinary', electorate: electorate([90000, 100, 100, 100]), ballots: votes('approve', 'approve') });
    expect(r.plain.participation?.area.passed).toBe(true);
    expect(r.plain.participation?.headcount).toMatchObject({ value: 2, base: 4, required: 3, passed: false });
    expect(r.passed).toBe(false);
  });
});

describe('approval boundaries', () => {
  const four = electorate([10000, 10000, 10000, 10000]);
  it('civil_major: exactly 3/4 of area and headcount passes, 299.99 of 400.00 fails', () => {
    expect(tallyQuestion({ rule: 'civil_major', electorate: four, ballots: votes('approve', 'approve', 'approve', 'reject') }).passed).toBe(true);
    const below = tallyQuestion({
      rule: 'civil_major',
      electorate: electorate([9999, 10000, 10000, 10001]),
      ballots: votes('approve', 'approve', 'approve', 'reject'),
    });
    expect(below.plain.approval[0].areaTest).toMatchObject({ value: 29999, base: 40000, required: 30000, passed: false });
    expect(below.plain.approval[0].headcountTest?.passed).toBe(true);
    expect(below.passed).toBe(false);
  });
  it('civil_ordinary: exactly 1/2 fails, just above passes', () => {
    const half = tallyQuestion({ rule: 'civil_ordinary', electorate: four, ballots: votes('approve', 'approve', 'reject', 'abstain') });
    expect(half.plain.approval[0].headcountTest).toMatchObject({ value: 2, base: 4, required: 3, passed: false });
    expect(half.passed).toBe(false);
    const above = tallyQuestion({
      rule: 'civil_ordinary',
      electorate: electorate([10001, 10000, 10000, 9999]),
      ballots: votes('approve', 'approve', 'approve', 'reject'),
    });
    expect(above.passed).toBe(true);
    const areaHalf = tallyQuestion({
      rule: 'civil_ordinary',
      electorate: electorate([10000, 5000, 5000, 20000]),
      ballots: votes('approve', 'approve', 'approve', 'reject'),
    });
    expect(areaHalf.plain.approval[0].areaTest).toMatchObject({ value: 20000, base: 40000, required: 20001, passed: false });
  });
  it('abstain counts as participating but not approving', () => {
    const r = tallyQuestion({ rule: 'civil_major', electorate: four, ballots: votes('approve', 'approve', 'abstain', 'abstain') });
    expect(r.plain.participatingHeadcount).toBe(4);
    expect(r.plain.approval[0].approvingHeadcount).toBe(2);
    expect(r.passed).toBe(false);
  });
});

describe('headcount groups', () => {
  it('counts an owner of several dwellings once, with areas added', () => {
    const r = tallyQuestion({
      rule: 'civil_major',
      electorate: electorate([10000, 10000, 10000, 10000], ['o1', 'o1', 'o2', 'o3']),
      ballots: votes('approve', null, 'approve', 'approve'),
    });
    expect(r.plain.totalHeadcount).toBe(3);
    expect(r.plain.participatingHeadcount).toBe(3);
    expect(r.plain.participatingAreaHundredths).toBe(30000);
    expect(r.passed).toBe(true);
  });
  it('a group whose dwellings disagree participates but never approves', () => {
    const r = tallyQuestion({
      rule: 'civil_ordinary',
      electorate: electorate([10000, 10000, 10000], ['dev', 'dev', 'p']),
      ballots: votes('approve', 'reject', 'approve'),
    });
    expect(r.plain.participatingHeadcount).toBe(2);
    expect(r.plain.mixedHeadcount).toBe(1);
    expect(r.plain.approval[0]).toMatchObject({ approvingHeadcount: 1, approvingAreaHundredths: 20000 });
    expect(r.passed).toBe(false);
    expect(r.reasons.some((s) => s.includes('意见不一致'))).toBe(true);
  });
});

describe('pick-one questions', () => {
  const six = electorate([10000, 10000, 10000, 10000, 10000, 10000]);
  const options = [
    { id: 'A', label: '方案一' },
    { id: 'B', label: '方案二' },
  ];
  it('civil_major: the option meeting 3/4 wins', () => {
    const r = tallyQuestion({ rule: 'civil_major', electorate: six, options, ballots: votes('A', 'A', 'A', 'A', 'A', 'B') });
    expect(r.kind).toBe('pick_one');
    expect(r.winner).toBe('A');
    expect(r.reasons.at(-1)).toBe('结论：通过，「方案一」胜出');
  });
  it('simple_majority: plurality by headcount, a tie has no winner', () => {
    const win = tallyQuestion({ rule: 'simple_majority', electorate: six, options, ballots: votes('A', 'A', 'B', null, null, 'abstain') });
    expect(win.winner).toBe('A');
    const tie = tallyQuestion({ rule: 'simple_majority', electorate: six, options, ballots: votes('A', 'A', 'B', 'B') });
    expect(tie.winner).toBeNull();
    expect(tie.passed).toBe(false);
    expect(tie.reasons.some((s) => s.includes('人数相同'))).toBe(true);
  });
  it('rejects a choice that is not an option', () => {
    expect(() => tallyQuestion({ rule: 'civil_major', electorate: six, options, ballots: votes('approve') })).toThrow(RuleInputError);
  });
});

describe('survey and invalid input', () => {
  it('a survey reports but never passes', () => {
    const r = tallyQuestion({ rule: 'survey', electorate: electorate([100, 100]), ballots: votes('approve', 'approve') });
    expect(r.decides).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.plain.distribution[0]).toMatchObject({ choice: 'approve', headcount: 2, dwellings: 2 });
  });
  it('throws on duplicate or foreign ballots', () => {
    const e = electorate([100, 100]);
    expect(() => tallyQuestion({ rule: 'civil_major', electorate: e, ballots: [...votes('approve'), ...votes('reject')] })).toThrow(RuleInputError);
    expect(() => tallyQuestion({ rule: 'civil_major', electorate: e, ballots: [{ dwellingId: 'x', choice: 'approve' }] })).toThrow(RuleInputError);
  });
});

describe('covenant: delivered but unreturned ballots follow the majority', () => {
  const nine = electorate(Array(9).fill(10000));
  const ballots = votes('approve', 'approve', 'approve', 'approve', 'reject');
  it('shows both counts and decides on the covenant count', () => {
    const r = tallyQuestion({
      rule: 'civil_major',
      electorate: nine,
      ballots,
      covenantUnreturnedFollowMajority: true,
      deliveredDwellingIds: nine.map((d) => d.dwellingId),
    });
    expect(r.plain.passed).toBe(false);
    expect(r.covenant?.majorityChoice).toBe('approve');
    expect(r.covenant?.addedDwellingIds).toEqual(['d5', 'd6', 'd7', 'd8']);
    expect(r.covenant?.counts.participatingHeadcount).toBe(9);
    expect(r.basis).toBe('covenant');
    expect(r.passed).toBe(true);
    expect(r.reasons.some((s) => s.startsWith('实际投票计票'))).toBe(true);
  });
  it('is off by default and needs delivery records', () => {
    expect(tallyQuestion({ rule: 'civil_major', electorate: nine, ballots }).covenant).toBeNull();
    const noRecords = tallyQuestion({ rule: 'civil_major', electorate: nine, ballots, covenantUnreturnedFollowMajority: true });
    expect(noRecords.covenant).toBeNull();
    expect(noRecords.passed).toBe(false);
  });
});

const RULES: Rule[] = ['civil_major', 'civil_ordinary', 'simple_majority', 'survey'];

describe('empty electorate', () => {
  it.each(RULES)('%s: not passed, clear reason, no division by zero', (rule) => {
    const r = tallyQuestion({ rule, electorate: [], ballots: [] });
    expect(r.passed).toBe(false);
    expect(r.reasons.some((s) => s.includes('表决名册为空'))).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});

// ---- properties ------------------------------------------------------------------------------------------------

const CHOICES = ['approve', 'reject', 'abstain', null] as const;
const scenario = fc
  .array(
    fc.record({ area: fc.integer({ min: 0, max: 20000 }), key: fc.integer({ min: 0, max: 6 }), choice: fc.constantFrom(...CHOICES), delivered: fc.boolean() }),
    { maxLength: 14 },
  )
  .map((rows) => ({
    electorate: rows.map((r, i) => ({ dwellingId: `d${i}`, areaHundredths: r.area, headcountKey: `k${r.key}` })),
    ballots: rows.flatMap((r, i) => (r.choice === null ? [] : [{ dwellingId: `d${i}`, choice: r.choice as string }])),
    delivered: rows.flatMap((r, i) => (r.delivered ? [`d${i}`] : [])),
  }));

describe('properties', () => {
  it('ballot order never changes the result', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...RULES), fc.boolean(), fc.integer(), (s, rule, covenant, seed) => {
        const shuffled = [...s.ballots].sort((a, b) => (hash(a.dwellingId, seed) - hash(b.dwellingId, seed)) | 0);
        const input = { rule, electorate: s.electorate, covenantUnreturnedFollowMajority: covenant, deliveredDwellingIds: s.delivered };
        expect(tallyQuestion({ ...input, ballots: shuffled })).toEqual(tallyQuestion({ ...input, ballots: s.ballots }));
      }),
    );
  });

  it('an extra approving ballot from a non-voting dwelling never turns pass into fail', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...RULES), fc.boolean(), fc.nat(), (s, rule, covenant, pick) => {
        const voted = new Set(s.ballots.map((b) => b.dwellingId));
        const idle = s.electorate.filter((d) => !voted.has(d.dwellingId));
        fc.pre(idle.length > 0);
        const extra = { dwellingId: idle[pick % idle.length].dwellingId, choice: 'approve' };
        const input = { rule, electorate: s.electorate, covenantUnreturnedFollowMajority: covenant, deliveredDwellingIds: s.delivered };
        const before = tallyQuestion({ ...input, ballots: s.ballots });
        const after = tallyQuestion({ ...input, ballots: [...s.ballots, extra] });
        if (before.passed) expect(after.passed).toBe(true);
      }),
    );
  });

  it('participation and approval agree with a direct integer check', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = tallyQuestion({ rule: 'civil_major', electorate: s.electorate, ballots: s.ballots }).plain;
        const p = r.participatingAreaHundredths;
        const a = r.approval[0].approvingAreaHundredths;
        expect(r.participation!.area.passed).toBe(r.totalAreaHundredths > 0 && 3 * p >= 2 * r.totalAreaHundredths);
        expect(r.approval[0].areaTest!.passed).toBe(p > 0 && 4 * a >= 3 * p);
        const h = r.participatingHeadcount;
        const ah = r.approval[0].approvingHeadcount;
        expect(r.passed).toBe(r.participation!.passed && p > 0 && 4 * a >= 3 * p && 4 * ah >= 3 * h);
      }),
    );
  });

  it('required values sit exactly on the boundary (at passes, one below fails)', () => {
    const fractions = [TWO_THIRDS, THREE_QUARTERS, ONE_HALF];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(...fractions), fc.constantFrom('gte' as const, 'gt' as const), (base, f, cmp) => {
        const req = requiredValue(base, f, cmp);
        expect(meetsFraction(req, base, f, cmp)).toBe(true);
        expect(meetsFraction(req + 1, base, f, cmp)).toBe(true);
        expect(meetsFraction(req - 1, base, f, cmp)).toBe(false);
      }),
    );
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 2654435761);
  return h;
}
