import { formatPercent, RULE_SPECS, requiredValue, YES_NO_LABELS, type ConsultationLiveTally, type ConsultationQuestion } from '@gongzhi/shared';
import { voteCounts } from '../memoryTally';
import { participationOf } from './participation';
import type { ConsultationDoc } from '../model';

const ZERO = { dwellings: 0, areaHundredths: 0, headcount: 0 };

/** Every counter key a question can show, with its label, in display order. */
function optionKeys(q: ConsultationQuestion): { key: string; label: string }[] {
  const yn = (prefix: string, name = '') =>
    (['approve', 'reject', 'abstain'] as const).map((c) => ({ key: `${prefix}${c}`, label: `${name}${YES_NO_LABELS[c]}` }));
  switch (q.format) {
    case 'yes_no':
      return yn('choice:');
    case 'pick_one':
      return [...q.options.map((o) => ({ key: `choice:${o.id}`, label: o.label })), { key: 'choice:abstain', label: '弃权' }];
    case 'items':
      return q.options.flatMap((o) => yn(`item:${o.id}:`, `${o.label}·`));
    case 'choose':
      return q.options.map((o) => ({ key: `pick:${o.id}`, label: o.label }));
    case 'rating':
      return [1, 2, 3, 4, 5].map((n) => ({ key: `rating:${n}`, label: `${n} 分` }));
    default:
      return [];
  }
}

/**
 * Participation (overall and by building) from the live counters. Per-option figures only once the vote is closed,
 * or while open when the consultation opted in with a reason shown to voters: a running tally pushed after each
 * ballot would let a neighbour watch one home's choice.
 */
export async function liveTally(c: ConsultationDoc): Promise<ConsultationLiveTally> {
  const consultationId = String(c._id);
  const hidden = c.status !== 'closed' && c.status !== 'announced' && !c.liveResults?.enabled;
  // From the mirrored log and the frozen electorate (memoryTally.ts): no scan per read or push.
  const counts = c.electorate ? await voteCounts(consultationId) : null;
  const counters = counts?.counters ?? new Map();
  const byBuilding = counts ? participationOf(counts) : null;
  const get = (questionId: string, key: string) => counters.get(`${questionId}\u0000${key}`) ?? ZERO;
  const totalArea = c.electorate?.totalAreaHundredths ?? 0;
  const totalHead = c.electorate?.totalHeadcount ?? 0;
  return {
    consultationId,
    status: c.status,
    at: new Date().toISOString(),
    electorate: { dwellings: c.electorate?.dwellings ?? 0, areaHundredths: totalArea, headcount: totalHead },
    questions: c.questions.map((q) => {
      const p = get(q.id, 'participation');
      const quorum = RULE_SPECS[q.rule].participation;
      return {
        questionId: q.id,
        title: q.title,
        rule: q.rule,
        format: q.format,
        participation: {
          dwellings: p.dwellings,
          areaHundredths: p.areaHundredths,
          headcount: p.headcount,
          areaPercent: formatPercent(p.areaHundredths, totalArea),
          headcountPercent: formatPercent(p.headcount, totalHead),
          requiredAreaHundredths: quorum ? requiredValue(totalArea, quorum, 'gte') : null,
          requiredHeadcount: quorum ? requiredValue(totalHead, quorum, 'gte') : null,
        },
        options: hidden
          ? []
          : optionKeys(q).map(({ key, label }) => {
              const r = get(q.id, key);
              return { key, label, dwellings: r.dwellings, areaHundredths: r.areaHundredths };
            }),
      };
    }),
    optionsHidden: hidden,
    buildings: byBuilding?.buildings ?? [],
  };
}
