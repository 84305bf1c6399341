import {
  BEIJING_TIME_BO,
  formatArea,
  householdsBo,
  inlineBo,
  KIND_LABELS_BO,
  passedBo,
  ratingLinesBo,
  rankingLinesBo,
  systemTextBo,
  tallyReasonsBo,
  textLinesBo,
  type ConsultationResult,
  type ItemResult,
  type RankingSummary,
  type TallyResult,
} from '@gongzhi/shared';
import type { ConsultationDoc } from './model';
import { chinaTime, nameOf, verifyPath, type AreaNames } from './resultText';

// The Tibetan 结果公告 and 表决通知: the same lines as resultText.ts, figures from the same stored result. The
// committee's own words (title, description, clause, early-close reason) stay as written; template texts they did
// not edit come out in Tibetan.

const bo = (zh: string) => systemTextBo(zh) ?? zh;

export function scopeTextBo(c: Pick<ConsultationDoc, 'scope' | 'complexCode'>, names?: AreaNames): string {
  const complex = inlineBo(nameOf(names, c.complexCode)); // a Tibetan name ends in ། , not mid-sentence
  if (c.scope.level === 'entrance') return `${complex} སྒོ་ཚན་ ${nameOf(names, c.scope.entranceCode)}`;
  if (c.scope.level === 'buildings') return `${complex} ཐོག་ཁང་ ${c.scope.buildingCodes.map((b) => nameOf(names, b)).join('、')}`;
  return `ཁྱིམ་ཁུལ་ ${complex} གི་ཁང་བདག་ཡོངས།`;
}

function questionLinesBo(q: ConsultationResult['questions'][number]): string[] {
  switch (q.format) {
    case 'yes_no':
    case 'pick_one':
      return tallyReasonsBo(q.tally as TallyResult);
    case 'items':
      return (q.tally as ItemResult[]).flatMap((it) => [
        `◆ ${inlineBo(bo(it.label))}། ${passedBo(it.result.passed)}`,
        ...tallyReasonsBo(it.result).map((r) => `  ${r}`),
      ]);
    case 'choose':
      return rankingLinesBo(q.tally as RankingSummary);
    case 'rating':
      return ratingLinesBo(q.tally as { counts: number[]; count: number; mean: number | null });
    default:
      return textLinesBo((q.tally as { responses: number }).responses);
  }
}

const windowBo = (from: Date | string, to: Date | string) => `འོས་ཤོག་འཕེན་དུས། ${chinaTime(from)} ནས་ ${chinaTime(to)} བར（${BEIJING_TIME_BO}）`;

export function resultNoticeTextBo(c: ConsultationDoc, result: ConsultationResult, names?: AreaNames): { title: string; body: string } {
  const e = c.electorate;
  const early =
    c.closeKind === 'all_voted'
      ? '། འོས་ཤོག་འཕེན་དགོས་པའི་ཁྱིམ་ཚང་ཚང་མས་འོས་ཤོག་བཏང་ཟིན།'
      : c.closeReason && c.closeReason !== 'deadline'
        ? `། དུས་མ་ཚང་གོང་མཇུག་སྒྲིལ་བའི་རྒྱུ་མཚན། ${bo(c.closeReason)}`
        : '';
  const lines: string[] = [
    `འོས་ཤོག་གི་རིགས། ${KIND_LABELS_BO[c.kind]} ཁྱབ་ཁོངས། ${scopeTextBo(c, names)}`,
    `${windowBo(c.opensAt, c.closedAt ?? c.closesAt)}${early}`,
    e
      ? `འོས་བསྡུར་ཐོ་གཞུང（འོས་ཤོག་འགོ་འཛུགས་སྐབས་བཀག་སྡོམ་བྱས）། ${householdsBo(e.dwellings)}། སྒེར་བདག་ཆ་ཤས（专有部分）ཀྱི་རྒྱ་ཁྱོན་བསྡོམས་ ` +
        `${formatArea(e.totalAreaHundredths)}㎡། མི་གྲངས་བསྡོམས་ ${e.totalHeadcount}།`
      : 'འོས་བསྡུར་ཐོ་གཞུང་། མེད།',
    `དངོས་སུ་འོས་ཤོག་བཏང་བ་ ${householdsBo(result.ballots)}` +
      (result.unresolvedConflicts ? `། དེ་མིན་ཤོག་བུའི་འོས་ཤོག་ ${result.unresolvedConflicts} དང་གློག་རྡུལ་འོས་ཤོག་འགལ་བ་ཐག་མ་བཅད་པས་གློག་རྡུལ་འོས་ཤོག་ལྟར་རྩིས།` : ''),
    ...(result.reasons ?? []).map(bo),
  ];
  if (c.covenant.enabled) {
    lines.push(`གན་རྒྱའི་དོན་ཚན། ${c.covenant.clauseText ?? ''}། སྤྲད་ཟིན་པར་ཐོ་འགོད་བྱས་པ་ ${householdsBo(result.deliveredDwellingIds?.length ?? 0)}`);
  }
  result.questions.forEach((q, i) => {
    const verdict = q.passed === null ? '' : `【${passedBo(q.passed).replace(/།$/, '')}】`;
    // the committee's own Tibetan of the question, else the template's
    const titleBo = c.questions.find((x) => x.id === q.questionId)?.titleBo;
    lines.push('', `དོན་ཚན་ ${i + 1}། ${titleBo || bo(q.title)} ${verdict}`.trimEnd(), ...questionLinesBo(q));
  });
  lines.push(
    '',
    'འོས་ཤོག་འཕེན་མཁན་རེ་རེས་ལག་འཁྱེར་ཨང་བཀོལ་ནས་རང་ཁྱིམ་གྱི་འོས་ཤོག་ཟིན་ཐོའི་ནང་བརྩིས་ཡོད་མེད་ར་སྤྲོད་ཐུབ། ' + 'སུས་ཀྱང་ཟིན་ཐོ་ལྟར་བསྐྱར་རྩིས་བྱེད་ཆོག་ལ། གྲུབ་འབྲས་ནི་གསལ་བསྒྲགས་འདི་དང་མཐུན་དགོས།',
    '',
    '【ར་སྤྲོད་བྱེད་ཐབས། / verification】',
    `འོས་ཤོག་ཟིན་ཐོ་ཁྱོན་ ${result.finalHead.seq}། མཐའ་མའི་ཧ་ཤི ${result.finalHead.hash}`,
    `ར་སྤྲོད་ཤོག་ངོས། ${verifyPath(String(c._id))}`,
  );
  return { title: `གྲུབ་འབྲས་གསལ་བསྒྲགས། ${c.titleBo || c.title}`.slice(0, 100), body: lines.join('\n') };
}

export function meetingNoticeTextBo(c: ConsultationDoc, names?: AreaNames): { title: string; body: string } {
  const lines = [
    `འོས་ཤོག་གི་རིགས། ${KIND_LABELS_BO[c.kind]} ཁྱབ་ཁོངས། ${scopeTextBo(c, names)}`,
    windowBo(c.opensAt, c.closesAt),
    c.description ? c.descriptionBo || bo(c.description) : '',
    ...c.questions.map(
      (q, i) =>
        `དོན་ཚན་ ${i + 1}། ${q.titleBo || bo(q.title)}${q.options?.length ? `（${q.options.map((o) => inlineBo(o.labelBo || bo(o.label))).join('། ')}）` : ''}`,
    ),
    c.allowChange ? 'མཇུག་སྡོམ་གྱི་སྔོན་ལ་བཏང་ཟིན་པའི་འོས་ཤོག་བཟོ་བཅོས་བྱེད་ཆོག' : 'འོས་ཤོག་བཏང་རྗེས་བཟོ་བཅོས་བྱེད་མི་ཆོག',
    'ཁང་བདག་རང་ཉིད་དམ། ཡི་གེའི་དབང་སྤྲོད་ཡོད་ཅིང་ཞིབ་བཤེར་ཐོན་པའི་ཚབ་བྱེད་པས་བྱ་རིམ་ཆུང་ངུའི（小程序）ནང་འོས་ཤོག་འཕེན་ཆོག ' +
      'ཁ་པར་བཀོལ་བདེ་མིན་པའི་ཁང་བདག་གིས་ཤོག་བུའི་འོས་ཤོག་བྲིས་ནས་ཁང་བདག་ཨུ་ཚོགས（业委会）ལ་སྤྲོད་ཆོག',
  ];
  if (c.covenant.enabled) {
    lines.push(`དོ་དམ་གན་རྒྱ（管理规约）ལྟར། ${c.covenant.clauseText ?? ''}（སྤྲད་ཟིན་ཀྱང་འོས་ཤོག་མ་བཏང་བ་རྣམས་མང་ཆའི་བསམ་ཚུལ་དུ་རྩི། གསལ་བསྒྲགས་ནང་རྩི་སྟངས་གཉིས་ཀའི་གྲུབ་འབྲས་སྟོན།）`);
  }
  return { title: `འོས་ཤོག་གི་བརྡ་ཐོ། ${c.titleBo || c.title}`.slice(0, 100), body: lines.filter(Boolean).join('\n') };
}
