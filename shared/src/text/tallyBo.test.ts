import { type Ballot, type Rule, tallyQuestion } from '../rules/tally';
import { summarizeRanking } from '../rules/tallyItems';
import type { ElectorateDwelling } from '../rules/tallyCounts';
import { rankingLinesBo, ratingLinesBo } from './surveyBo';
import { localText, SYSTEM_TEXT_BO, systemTextBo } from './systemBo';
import { tallyReasonsBo } from './tallyBo';

const electorate = (areas: number[], keys?: string[]): ElectorateDwelling[] =>
  areas.map((a, i) => ({ dwellingId: `d${i}`, areaHundredths: a, headcountKey: keys?.[i] ?? `p${i}` }));
const votes = (...choices: (string | null)[]): Ballot[] => choices.flatMap((c, i) => (c === null ? [] : [{ dwellingId: `d${i}`, choice: c }]));

const TIBETAN = /[\u0F00-\u0FFF]/;
const HAN = /[\u4E00-\u9FFF]/g;

/** Chinese may remain only inside （…）, as the parenthesised original of a term. */
function hanOutsideParens(s: string): string[] {
  return s.replace(/（[^（）]*）/g, '').match(HAN) ?? [];
}

describe('tallyReasonsBo', () => {
  it('gives a Tibetan line for every Chinese reason, with the same figures in Arabic digits', () => {
    const r = tallyQuestion({ rule: 'civil_major', electorate: electorate([9999, 10000, 10001]), ballots: votes('approve', 'approve', null) });
    const bo = tallyReasonsBo(r);
    expect(bo).toHaveLength(r.reasons.length);
    expect(r.reasons).toContain('参与表决专有部分面积 199.99㎡ 未达总面积 300.00㎡ 的三分之二（需至少 200.00㎡）');
    expect(bo).toContain('ཞུགས་པའི་རྒྱ་ཁྱོན་ 199.99㎡། རྒྱ་ཁྱོན་བསྡོམས་ 300.00㎡ ཡི་སུམ་ཆ་གཉིས（2/3）ཡན་ལ་མ་སླེབས།（ཉུང་མཐའ་ 200.00㎡ དགོས།）');
    expect(bo[0]).toContain('དོན་ཚན་ 278');
    expect(bo[bo.length - 1]).toBe('མཇུག་འབྲས། གྲོས་ཆོད་མ་བྱུང་།');
    for (const line of bo) {
      expect(line).toMatch(TIBETAN);
      expect(hanOutsideParens(line)).toEqual([]);
    }
  });

  it('matches line for line across rules, mixed owners, plurality ties and covenant counts', () => {
    const cases: {
      rule: Rule;
      areas: number[];
      keys?: string[];
      ballots: (string | null)[];
      options?: { id: string; label: string }[];
      covenant?: string[];
    }[] = [
      { rule: 'civil_ordinary', areas: [8520, 9000, 7000, 6000], keys: ['a', 'a', 'b', 'c'], ballots: ['approve', 'reject', 'approve', 'abstain'] },
      {
        rule: 'simple_majority',
        areas: [100, 100, 100, 100],
        ballots: ['x', 'y', null, null],
        options: [
          { id: 'x', label: '方案一' },
          { id: 'y', label: '方案二' },
        ],
      },
      { rule: 'civil_major', areas: [], ballots: [] },
      { rule: 'survey', areas: [100, 200], ballots: ['approve', 'reject'] },
      { rule: 'civil_major', areas: [5000, 5000, 5000, 5000], ballots: ['approve', 'approve', 'approve', null], covenant: ['d3'] },
      { rule: 'civil_ordinary', areas: [5000, 5000, 5000], ballots: ['approve', 'reject', null], covenant: ['d2'] },
      { rule: 'simple_majority', areas: [5000, 5000], ballots: ['approve', null], covenant: ['d1'] },
    ];
    for (const c of cases) {
      const r = tallyQuestion({
        rule: c.rule,
        electorate: electorate(c.areas, c.keys),
        ballots: votes(...c.ballots),
        options: c.options,
        covenantUnreturnedFollowMajority: !!c.covenant,
        deliveredDwellingIds: c.covenant,
      });
      const bo = tallyReasonsBo(r);
      expect({ rule: c.rule, n: bo.length }).toEqual({ rule: c.rule, n: r.reasons.length });
      bo.forEach((line) => expect(hanOutsideParens(line)).toEqual([]));
    }
  });

  it('names the covenant majority and the area it added', () => {
    const r = tallyQuestion({
      rule: 'civil_major',
      electorate: electorate([5000, 5000, 5000, 4550]),
      ballots: votes('approve', 'approve', 'approve', null),
      covenantUnreturnedFollowMajority: true,
      deliveredDwellingIds: ['d3'],
    });
    const bo = tallyReasonsBo(r);
    expect(r.reasons).toContain('依据管理规约：已送达未回票 1 户（45.50㎡）按多数意见（同意）计入');
    expect(bo).toContain('དོ་དམ་གན་རྒྱ（管理规约）ལྟར། སྤྲད་ཟིན་ཀྱང་ཕྱིར་མ་ལོག་པའི་ཁྱིམ་ཚང་ 1（45.50㎡）མང་ཆའི་བསམ་ཚུལ་མོས་མཐུན་དུ་བརྩིས།');
  });

  it('shows a template option in Tibetan and an edited one as written', () => {
    const r = tallyQuestion({
      rule: 'simple_majority',
      electorate: electorate([100, 100, 100]),
      ballots: votes('a', 'a', 'b'),
      options: [
        { id: 'a', label: '方案一' },
        { id: 'b', label: '东侧加装坡道' },
      ],
    });
    const bo = tallyReasonsBo(r);
    expect(bo).toContain('འདེམས་གཞི་སོ་སོས་ཐོབ་པའི་མི་གྲངས། 「འཆར་གཞི་ 1」 མི་ 2། 「东侧加装坡道」 མི་ 1');
    expect(bo[bo.length - 1]).toBe('མཇུག་འབྲས། གྲོས་ཆོད་བྱུང་། 「འཆར་གཞི་ 1」རྒྱལ།');
  });
});

describe('system texts', () => {
  it('has Tibetan for every entry, keeps its numbers, and falls back to Chinese for anything else', () => {
    for (const [zh, bo] of Object.entries(SYSTEM_TEXT_BO)) {
      expect(bo).toMatch(TIBETAN);
      expect(hanOutsideParens(bo)).toEqual([]);
      for (const n of zh.match(/\d+(\.\d+)?/g) ?? []) expect(bo).toContain(n);
    }
    expect(localText('每月每平方米 0.5 元', 'bo')).toBe('ཟླ་རེར་གྲུ་བཞི་སྨི་ 1 ལ་སྒོར་ 0.5');
    expect(localText('每月每平方米 0.5 元', 'zh')).toBe('每月每平方米 0.5 元');
    expect(localText('每月每平方米 0.6 元', 'bo')).toBe('每月每平方米 0.6 元');
    expect(systemTextBo(undefined)).toBeUndefined();
  });

  it('formats ranking and rating lines with Arabic digits', () => {
    const t = summarizeRanking({
      items: [
        { id: 'roof', label: '屋面防水修缮' },
        { id: 'x', label: '自定义项目' },
      ],
      maxChoices: 2,
      ballots: [
        { dwellingId: 'd0', ranking: ['roof', 'x'] },
        { dwellingId: 'd1', ranking: ['x'] },
      ],
    });
    const lines = rankingLinesBo(t);
    expect(lines[0]).toContain('མང་མཐའ་ 2');
    expect(lines[1]).toBe('ནུས་ལྡན་དྲི་ཤོག ཁྱིམ་ཚང་ 2');
    expect(lines).toContain('གོ་རིམ་ 1 པ「自定义项目」། བདམས་ཐེངས་ 2། ཐོག་མར་བདམས་ཐེངས་ 1། སྐར་མ་ 3');
    expect(lines).toContain('གོ་རིམ་ 2 པ「ཁང་ཐོག་ཆུ་འགོག་ཉམས་གསོ」། བདམས་ཐེངས་ 1། ཐོག་མར་བདམས་ཐེངས་ 1། སྐར་མ་ 2');
    expect(ratingLinesBo({ counts: [0, 1, 0, 2, 1], count: 4, mean: 3.75 })[0]).toBe('ཁྱིམ་ཚང་ 4 གིས་སྐར་མ་སྤྲད། ཆ་སྙོམས་སྐར་མ་ 3.75');
  });
});
