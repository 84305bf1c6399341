// The Tibetan counterpart of the shared tally's Chinese `reasons`: rebuilt from the tally's structured figures
// (never by translating the Chinese strings), line for line in the same order, so the bo 结果公告 and the bo result
// screen show the same arithmetic as the zh ones.
import { formatArea } from '../rules/numbers';
import type { CovenantCount, TallyResult } from '../rules/tally';
import type { ChoiceCount, TallyCounts } from '../rules/tallyCounts';
import type { Rule, ThresholdTest } from '../rules/thresholds';
import { systemTextBo } from './systemBo';
import { CIVIL_CODE_BO, fractionBo, householdsBo, inlineBo, passedBo, peopleBo, YES_NO_LABELS_BO } from './terms';

const ART_278 = `${CIVIL_CODE_BO}དོན་ཚན་ 278 པའི་ཚན་པ་ 2 པ`;

export const RULE_TEXT_BO: Record<Rule, string> = {
  civil_major:
    `${ART_278}འི་རྣམ་གྲངས（6）ནས（8）བར（ཉམས་གསོའི་མ་དངུལ་བསྡུ་བ། བསྐྱར་བཟོ་དང་བསྐྱར་བཞེངས། མཉམ་བདག་ཆ་ཤས་ཀྱི་སྤྱོད་སྒོ་བསྒྱུར་བ་སོགས）ལྟར། ` +
    'སྒེར་བདག་ཆ་ཤས（专有部分）ཀྱི་རྒྱ་ཁྱོན་དང་མི་གྲངས་གཉིས་ཀ་སུམ་ཆ་གཉིས（2/3）ཡན་གྱི་ཁང་བདག་འོས་ཤོག་ལ་ཞུགས་དགོས་པ་དང་། ' +
    'ཞུགས་པའི་རྒྱ་ཁྱོན་བཞི་ཆ་གསུམ（3/4）ཡན་དང་མི་གྲངས་བཞི་ཆ་གསུམ（3/4）ཡན་གྱི་ཁང་བདག་མོས་མཐུན་དགོས།',
  civil_ordinary:
    `${ART_278}འི་དོན་དག་གཞན་ལྟར། སྒེར་བདག་ཆ་ཤས（专有部分）ཀྱི་རྒྱ་ཁྱོན་དང་མི་གྲངས་གཉིས་ཀ་སུམ་ཆ་གཉིས（2/3）ཡན་གྱི་ཁང་བདག་འོས་ཤོག་ལ་ཞུགས་དགོས་པ་དང་། ` +
    'ཞུགས་པའི་རྒྱ་ཁྱོན་ཕྱེད་ཀ་ལས་བརྒལ་བ་དང་མི་གྲངས་ཕྱེད་ཀ་ལས་བརྒལ་བའི་ཁང་བདག་མོས་མཐུན་དགོས།',
  simple_majority:
    'མི་གྲངས་ཀྱི་མང་ཆ་ལྟར（简单多数）། ཞུགས་ཚད་ཀྱི་ཚད་གཞི་མེད་ཅིང་རྒྱ་ཁྱོན་མི་རྩི་བར་ཞུགས་པའི་མི་གྲངས་ལྟར་རྩི། ' +
    'ཡིན་མིན་དྲི་བར་མོས་མཐུན་གྱི་མི་གྲངས་ཞུགས་པའི་མི་གྲངས་ཀྱི་ཕྱེད་ཀ་ལས་བརྒལ་དགོས། འདེམས་དྲིར་མི་གྲངས་མང་ཤོས་ཐོབ་པའི་འདེམས་གཞི་གཅིག་པུ་དེ་རྒྱལ།',
  survey: 'དྲི་ཤོག་ཞིབ་བཤེར། བསམ་ཚུལ་རྐྱང་པ་རྩིས་ཀྱི་ཐག་གཅོད་མི་བྱེད།',
};

export const HEADCOUNT_NOTE_BO =
  'མི་གྲངས་རྩི་སྟངས། ཁྱིམ་ཚང་རེར་མི་གཅིག་ཏུ་རྩི། ཁང་བདག་གཅིག་ལ་ཁྱིམ་ཚང་མང་པོ་ཡོད་ནའང་མི་གཅིག་ཏུ་རྩི（རྒྱ་ཁྱོན་བསྡོམས་ནས་རྩི）། ' +
  'གསར་སྤེལ་འཛུགས་སྐྲུན་ལས་ཁུངས（开发建设单位）ཀྱིས་མ་བཙོངས་པའམ་མ་སྤྲད་པའི་ཁང་པ་ཚང་མ་མི་གཅིག་ཏུ་རྩི། མཉམ་བདག་ཁང་པར་འོས་ཤོག་གཅིག་ཁོ་ན་འཕེན། ' +
  'མི་གཅིག་གི་མིང་ཐོག་གི་ཁྱིམ་ཚང་གང་རུང་གཅིག་གིས་འོས་ཤོག་བཏང་ན་ཞུགས་པར་རྩི། ཁྱིམ་ཚང་དེ་དག་གི་བསམ་ཚུལ་གཅིག་མཐུན་ཡིན་ན་བསམ་ཚུལ་དེའི་མི་གྲངས་སུ་རྩི། ' +
  'མི་མཐུན་ན་ཞུགས་པར་རྩི་ཡང་བསམ་ཚུལ་གང་གི་མི་གྲངས་སུའང་མི་རྩི།';

const NOT_CIVIL_ZH = '未回票按多数计入的规约条款只适用于民法典第二百七十八条表决，本次按实际投票计';
const NO_DELIVERY_ZH = '已启用规约计票但没有送达记录，按实际投票计';
const NOT_CIVIL_BO = `ཕྱིར་མ་ལོག་པའི་འོས་ཤོག་མང་ཆ་ལྟར་རྩི་བའི་གན་རྒྱའི་དོན་ཚན་ནི་${CIVIL_CODE_BO}དོན་ཚན་ 278 པའི་འོས་ཤོག་ཁོ་ནར་འཚམ་པས། ཐེངས་འདིར་དངོས་སུ་བཏང་བའི་འོས་ཤོག་ལྟར་རྩིས།`;
const NO_DELIVERY_BO = 'དོ་དམ་གན་རྒྱ་ལྟར་རྩི་བ་བཀོལ་ཡོད་ཀྱང་སྤྲོད་ལེན་ཟིན་ཐོ་མེད་པས། དངོས་སུ་བཏང་བའི་འོས་ཤོག་ལྟར་རྩིས།';

const area = (h: number) => `${formatArea(h)}㎡`;
// Headcount tests name the measure in the subject already (…མི་གྲངས་), so the figure stands alone.
const measureBo = (t: ThresholdTest, v: number) => (t.measure === 'area' ? area(v) : String(v));

/** An option label in bo brackets: the system's Tibetan where the label is a template text. */
export const optionLabelBo = (label: string) => {
  const raw = label.replace(/^「|」$/g, '');
  return `「${inlineBo(systemTextBo(raw) ?? raw)}」`;
};

const choiceBo = (c: Pick<ChoiceCount, 'choice' | 'label'>) => {
  const yesNo = YES_NO_LABELS_BO[c.choice as keyof typeof YES_NO_LABELS_BO];
  return yesNo ? `${inlineBo(yesNo)}་` : optionLabelBo(c.label);
};

/** One threshold test: value, base, fraction, whether it was met, and the least value that meets it. */
export function thresholdTextBo(t: ThresholdTest, subject: string, baseLabel: string): string {
  const frac = fractionBo(t.fraction);
  const relation = t.comparison === 'gte' ? `${frac}ཡན་ལ་${t.passed ? 'སླེབས་ཡོད།' : 'མ་སླེབས།'}` : `${frac}ལས་${t.passed ? 'བརྒལ་ཡོད།' : 'མ་བརྒལ།'}`;
  const need = t.base > 0 ? `（ཉུང་མཐའ་ ${measureBo(t, t.required)} དགོས།）` : `（${baseLabel} 0 ཡིན་པས་རྩིས་མི་ཐུབ།）`;
  return `${subject} ${measureBo(t, t.value)}། ${baseLabel} ${measureBo(t, t.base)} ཡི་${relation}${need}`;
}

function countsReasonsBo(r: Pick<TallyResult, 'rule' | 'kind' | 'decides'>, c: TallyCounts): string[] {
  const out: string[] = [];
  if (c.totalDwellings === 0) out.push('འོས་བསྡུར་ཐོ་གཞུང་སྟོང་པ་ཡིན（རྒྱ་ཁྱོན་བསྡོམས་ 0.00㎡། མི་གྲངས་བསྡོམས་ 0）། ཐག་གཅོད་བྱེད་མི་ཐུབ།');
  out.push(
    `རྒྱ་ཁྱོན་བསྡོམས་ ${area(c.totalAreaHundredths)}། མི་གྲངས་བསྡོམས་ ${c.totalHeadcount}（${householdsBo(c.totalDwellings)}）། ` +
      `འོས་ཤོག་ལ་ཞུགས་པ་ ${area(c.participatingAreaHundredths)}། ${peopleBo(c.participatingHeadcount)}（${householdsBo(c.participatingDwellings)}）`,
  );
  if (c.mixedHeadcount > 0) {
    out.push(`དེའི་ནང་མི་ ${c.mixedHeadcount} ཡི་མིང་ཐོག་གི་ཁྱིམ་ཚང་རྣམས་ཀྱི་བསམ་ཚུལ་མི་མཐུན་པས། ཞུགས་པར་རྩི་ཡང་བསམ་ཚུལ་གང་གི་མི་གྲངས་སུའང་མི་རྩི།`);
  }
  if (c.participation) {
    out.push(thresholdTextBo(c.participation.area, 'ཞུགས་པའི་རྒྱ་ཁྱོན་', 'རྒྱ་ཁྱོན་བསྡོམས་'), thresholdTextBo(c.participation.headcount, 'ཞུགས་པའི་མི་གྲངས་', 'མི་གྲངས་བསྡོམས་'));
  }
  const plurality = r.rule === 'simple_majority' && r.kind === 'pick_one';
  for (const a of c.approval) {
    const who = r.kind === 'yes_no' ? 'མོས་མཐུན་གྱི་' : `${optionLabelBo(a.label)}འདེམས་མཁན་གྱི་`;
    if (a.areaTest) out.push(thresholdTextBo(a.areaTest, `${who}རྒྱ་ཁྱོན་`, 'ཞུགས་པའི་རྒྱ་ཁྱོན་'));
    if (a.headcountTest) out.push(thresholdTextBo(a.headcountTest, `${who}མི་གྲངས་`, 'ཞུགས་པའི་མི་གྲངས་'));
  }
  if (plurality) {
    const rows = c.approval.map((a) => `${optionLabelBo(a.label)} ${peopleBo(a.approvingHeadcount)}`).join('། ');
    out.push(`འདེམས་གཞི་སོ་སོས་ཐོབ་པའི་མི་གྲངས། ${rows || 'འདེམས་གཞི་མེད།'}`);
    const top = Math.max(0, ...c.approval.map((a) => a.approvingHeadcount));
    const leaders = c.approval.filter((a) => a.approvingHeadcount === top);
    if (top === 0) out.push('འདེམས་གཞི་གང་ལའང་འོས་ཤོག་མ་ཐོབ་པས་རྒྱལ་མཁན་མེད།');
    else if (leaders.length > 1) {
      out.push(`མི་གྲངས་མང་ཤོས་ཐོབ་པའི་འདེམས་གཞི་${leaders.map((a) => optionLabelBo(a.label)).join('')}མཉམ་པོ་ཡིན（སོ་སོར་${peopleBo(top)}）པས་རྒྱལ་མཁན་མེད།`);
    }
  }
  if (!r.decides) out.push('མཇུག་འབྲས། དྲི་ཤོག་ཞིབ་བཤེར་གྱིས་བསམ་ཚུལ་རྐྱང་པ་རྩིས་ཀྱི་ཐག་གཅོད་མི་བྱེད།');
  else {
    const w = c.winner === null ? undefined : c.distribution.find((d) => d.choice === c.winner);
    out.push(`མཇུག་འབྲས། ${passedBo(c.passed)}${w ? ` ${choiceBo(w)}རྒྱལ།` : ''}`);
  }
  return out;
}

function covenantNoteBo(r: TallyResult, cov: CovenantCount): string {
  const n = cov.unreturnedDwellingIds.length;
  if (n === 0) return 'དོ་དམ་གན་རྒྱ（管理规约）ལྟར། སྤྲད་ཟིན་པའི་འོས་ཤོག་ཚང་མ་ཕྱིར་བསྡུས་ཟིན་པས། གན་རྒྱ་ལྟར་རྩིས་པ་དང་དངོས་སུ་རྩིས་པ་གཅིག་མཚུངས།';
  if (cov.majorityChoice === null) {
    return `དོ་དམ་གན་རྒྱ（管理规约）ལྟར། སྤྲད་ཟིན་ཀྱང་ཕྱིར་མ་ལོག་པའི་ཁྱིམ་ཚང་ ${n} ཡོད། འོན་ཀྱང་བཏང་ཟིན་པའི་འོས་ཤོག་ཁྲོད་རྒྱ་ཁྱོན་དང་མི་གྲངས་གཉིས་ཀར་མདུན་དུ་ཡོད་པའི་མང་ཆའི་བསམ་ཚུལ་མེད་པས་མ་བརྩིས།`;
  }
  // Every added dwelling counts with the majority, so the added area is the majority's growth over the plain count.
  const of = (c: TallyCounts) => c.distribution.find((d) => d.choice === cov.majorityChoice);
  const added = (of(cov.counts)?.areaHundredths ?? 0) - (of(r.plain)?.areaHundredths ?? 0);
  const label = choiceBo(of(cov.counts) ?? { choice: cov.majorityChoice, label: cov.majorityChoice });
  return `དོ་དམ་གན་རྒྱ（管理规约）ལྟར། སྤྲད་ཟིན་ཀྱང་ཕྱིར་མ་ལོག་པའི་ཁྱིམ་ཚང་ ${n}（${area(added)}）མང་ཆའི་བསམ་ཚུལ་${label}དུ་བརྩིས།`;
}

/** The bo reasons of one yes/no or pick-one tally, in the order of `r.reasons`. */
export function tallyReasonsBo(r: TallyResult): string[] {
  const out = [RULE_TEXT_BO[r.rule], HEADCOUNT_NOTE_BO];
  if (r.reasons.includes(NOT_CIVIL_ZH)) out.push(NOT_CIVIL_BO);
  if (r.reasons.includes(NO_DELIVERY_ZH)) out.push(NO_DELIVERY_BO);
  const decisive = r.covenant ? r.covenant.counts : r.plain;
  if (r.covenant) out.push(covenantNoteBo(r, r.covenant));
  out.push(...countsReasonsBo(r, decisive));
  if (r.covenant) {
    out.push(
      `དངོས་སུ་བཏང་བའི་འོས་ཤོག་ལྟར་རྩིས་པ（གན་རྒྱ་ལྟར་བསྣན་པ་མི་རྩི）། ཞུགས་པ་ ${area(r.plain.participatingAreaHundredths)}། ` +
        `${peopleBo(r.plain.participatingHeadcount)}། ${passedBo(r.plain.passed)}`,
    );
  }
  return out;
}
