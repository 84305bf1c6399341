// Tibetan (bo) terms for texts the server writes. Terms follow the mini-program's own bo strings (ཁང་བདག for 业主,
// ཁྱིམ་ཚང for 户, སུམ་ཆ་གཉིས for 三分之二); numbers stay in Arabic digits; where a legal or administrative term has
// no settled Tibetan rendering, the Chinese term follows in parentheses. Pure data: safe for the mini-program bundle.

export type TextLang = 'zh' | 'bo';

/** 民法典, as cited in every legal reason. */
export const CIVIL_CODE_BO = '《དམངས་ཁྲིམས་ཁྲིམས་གཞི་ཆེན་མོ》（民法典）';

export const KIND_LABELS_BO: Record<'whether' | 'what' | 'how' | 'manage' | 'survey', string> = {
  whether: 'བཅོས་སྒྱུར་བྱེད་མིན།',
  what: 'གང་ཞིག་བཅོས་སྒྱུར་བྱེད།',
  how: 'ཇི་ལྟར་བཅོས་སྒྱུར་བྱེད།',
  manage: 'ཇི་ལྟར་དོ་དམ་བྱེད།',
  survey: 'དྲི་ཤོག་ཞིབ་བཤེར།',
};

export const YES_NO_LABELS_BO: Record<'approve' | 'reject' | 'abstain', string> = {
  approve: 'མོས་མཐུན།',
  reject: 'ངོ་རྒོལ།',
  abstain: 'དབང་ཆ་བློས་གཏོང་།',
};

export const CATEGORY_LABELS_BO: Record<'basic' | 'improvement' | 'upgrade', string> = {
  basic: 'རྨང་གཞིའི་རིགས（基础类）',
  improvement: 'ལེགས་སྒྲིག་རིགས（完善类）',
  upgrade: 'ཡར་སྐྱེད་རིགས（提升类）',
};

export const FUNDING_LABELS_BO: Record<string, string> = {
  central_subsidy: 'ཀྲུང་དབྱང་གི་རོགས་སྐྱོར་མ་དངུལ།（中央补助资金）',
  region: 'རང་སྐྱོང་ལྗོངས་ཀྱི་དངུལ་རྩིས་མ་དངུལ།',
  prefecture: 'ས་ཁུལ（གྲོང་ཁྱེར）གྱི་དངུལ་རྩིས་མ་དངུལ།',
  county: 'རྫོང（ཆུས）གྱི་དངུལ་རྩིས་མ་དངུལ།',
  utility: 'ཆེད་ལས་བཀོལ་སྤྱོད་ལས་ཁུངས་ཀྱིས་གཏོང་བའི་མ་དངུལ།（专业经营单位出资）',
  residents: 'སྡོད་དམངས་ཀྱིས་གཏོང་བའི་མ་དངུལ།',
  maintenance_fund: 'ཆེད་དམིགས་ཉམས་གསོའི་མ་དངུལ།（专项维修资金）',
  provident_fund: 'སྡོད་ཁང་སྤྱི་གསོག་མ་དངུལ།（住房公积金）',
  public_income: 'ཁྱིམ་ཁུལ་གྱི་སྤྱི་པའི་ཡོང་འབབ།',
  social_capital: 'སྤྱི་ཚོགས་མ་རྩ།（社会资本）',
};

/** Spoken fractions as the app's bo strings use them, with the digits beside them. */
export function fractionBo(f: { num: number; den: number }): string {
  const key = `${f.num}/${f.den}`;
  const word = ({ '1/2': 'ཕྱེད་ཀ', '2/3': 'སུམ་ཆ་གཉིས', '3/4': 'བཞི་ཆ་གསུམ' } as Record<string, string>)[key];
  return word ? `${word}（${key}）` : key;
}

/** A label used inside a sentence loses its closing shad (།). */
export const inlineBo = (s: string) => s.replace(/།$/, '');

export const passedBo = (passed: boolean) => (passed ? 'གྲོས་ཆོད་བྱུང་།' : 'གྲོས་ཆོད་མ་བྱུང་།');
export const peopleBo = (n: number) => `མི་ ${n}`;
export const householdsBo = (n: number) => `ཁྱིམ་ཚང་ ${n}`;

/** Beijing time in bo: the same digits as the zh notice, with the zone named. */
export const BEIJING_TIME_BO = 'པེ་ཅིན་དུས་ཚོད།';
