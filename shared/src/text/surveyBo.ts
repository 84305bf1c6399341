// Tibetan lines for the survey-style results (choose-up-to-N ranking, 1–5 rating, short text), matching the
// Chinese lines the 结果公告 prints for them.
import type { RankingSummary } from '../rules/tallyItems';
import { systemTextBo } from './systemBo';
import { householdsBo, inlineBo } from './terms';

export const SURVEY_ONLY_BO = 'དྲི་ཤོག་ཞིབ་བཤེར། བསམ་ཚུལ་རྐྱང་པ་རྩིས་ཀྱི་ཐག་གཅོད་མི་བྱེད།';

/** How a ranking was scored (Borda), as `RankingSummary.method` says it in Chinese. */
export const rankingMethodBo = (n: number) =>
  `ཁྱིམ་ཚང་རེས་མང་མཐའ་ ${n} བདམས་ནས་གོ་རིམ་སྒྲིག་ཆོག གོ་རིམ་དང་པོར་སྐར་མ་ ${n} ཐོབ། དེ་རྗེས་རིམ་བཞིན་སྐར་མ་ 1 རེ་ཉུང་དུ་འགྲོ（博达计分）། ` +
  'སྐར་མ་བསྡོམས་དང་། བདམས་ཐེངས། ཐོག་མར་བདམས་ཐེངས་བཅས་ཀྱི་མཐོ་དམན་ལྟར་གོ་རིམ་སྒྲིག མཚུངས་ན་ལས་གཞིའི་གོ་རིམ་ཐོག་མ་ལྟར་སྒྲིག ' +
  'ལྟ་ཞིབ་ཙམ་ཡིན་པས་ཐག་གཅོད་མི་བྱེད།';

export function rankingLinesBo(t: RankingSummary): string[] {
  return [
    rankingMethodBo(t.maxChoices),
    `ནུས་ལྡན་དྲི་ཤོག ${householdsBo(t.ballots)}`,
    ...t.rows.map(
      (r) =>
        `གོ་རིམ་ ${r.rank} པ「${inlineBo(systemTextBo(r.label) ?? r.label)}」། བདམས་ཐེངས་ ${r.picks}། ཐོག་མར་བདམས་ཐེངས་ ${r.firstChoices}། སྐར་མ་ ${r.bordaPoints}`,
    ),
  ];
}

export function ratingLinesBo(t: { counts: number[]; count: number; mean: number | null }): string[] {
  return [
    `${householdsBo(t.count)} གིས་སྐར་མ་སྤྲད། ཆ་སྙོམས་སྐར་མ་ ${t.mean === null ? '—' : t.mean.toFixed(2)}`,
    `སྐར་མ་ 1–5 སོ་སོར་ཁྱིམ་ཚང་ ${t.counts.join(' / ')}`,
    SURVEY_ONLY_BO,
  ];
}

export const textLinesBo = (responses: number) => [`ཡི་གེའི་བསམ་ཚུལ་ ${responses} ཐོབ（ཡིག་ཆ་ཐོག་མ་མི་སྤེལ）`, SURVEY_ONLY_BO];
