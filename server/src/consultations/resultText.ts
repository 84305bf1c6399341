import {
  chinaDateTime,
  CONSULTATION_KIND_LABELS,
  formatArea,
  noticeAnchorLine,
  type ConsultationResult,
  type ItemResult,
  type RankingSummary,
  type TallyResult,
} from '@gongzhi/shared';
import type { ConsultationDoc } from './model';

/** Beijing time, minutes: the time residents read on the posted paper copy. */
export const chinaTime = (d: Date | string) => chinaDateTime(d);

/** Area names by code (complex, buildings, entrance), resolved by the caller; a code stands in for a missing name. */
export type AreaNames = Record<string, string>;
export const nameOf = (names: AreaNames | undefined, code: string | null | undefined) => (code ? (names?.[code] ?? code) : '');

export function scopeText(c: Pick<ConsultationDoc, 'scope' | 'complexCode'>, names?: AreaNames): string {
  const complex = nameOf(names, c.complexCode);
  if (c.scope.level === 'entrance') return `${complex} ${nameOf(names, c.scope.entranceCode)}`;
  if (c.scope.level === 'buildings') return `${complex} ${c.scope.buildingCodes.map((b) => nameOf(names, b)).join('、')}`;
  return `${complex} 全体业主`;
}

/** The verification page (receipt check, chain, recount) a QR code on the posted copy points to. */
export const verifyPath = (consultationId: string) => `/pages/resident/receipt/index?id=${consultationId}`;

/** The short "如何核验" block: kept out of the body so residents read figures, not hashes. */
export function verificationBlock(c: Pick<ConsultationDoc, '_id'>, result: ConsultationResult): string[] {
  return [
    '',
    '【如何核验 / verification】',
    noticeAnchorLine(result.finalHead),
    `核验页面：${verifyPath(String(c._id))}（扫码或在小程序“我的回执”中打开；可下载匿名投票日志自行重新计票）`,
  ];
}

function closeLine(c: ConsultationDoc): string {
  if (c.closeKind === 'all_voted') return '；应投票的户已全部投票，提前结束';
  if (c.closeKind === 'early' || (!c.closeKind && c.closeReason && c.closeReason !== 'deadline')) return `；提前结束，原因：${c.closeReason}`;
  return '；投票截止';
}

function questionLines(q: ConsultationResult['questions'][number]): string[] {
  switch (q.format) {
    case 'yes_no':
    case 'pick_one':
      return (q.tally as TallyResult).reasons;
    case 'items':
      return (q.tally as ItemResult[]).flatMap((it) => [`◆ ${it.label}：${it.result.passed ? '通过' : '未通过'}`, ...it.result.reasons.map((r) => `  ${r}`)]);
    case 'choose': {
      const t = q.tally as RankingSummary;
      return [
        t.method,
        `有效问卷 ${t.ballots} 户`,
        ...t.rows.map((r) => `第 ${r.rank} 名 ${r.label}：被选 ${r.picks} 次，首选 ${r.firstChoices} 次，计 ${r.bordaPoints} 分`),
      ];
    }
    case 'rating': {
      const t = q.tally as { counts: number[]; count: number; mean: number | null };
      return [
        `共 ${t.count} 户评分，平均 ${t.mean === null ? '—' : t.mean.toFixed(2)} 分`,
        `1–5 分各 ${t.counts.join(' / ')} 户`,
        '问卷调查：只统计意见，不作决定',
      ];
    }
    default:
      return [`共收到 ${(q.tally as { responses: number }).responses} 份文字意见（不公开原文）`, '问卷调查：只统计意见，不作决定'];
  }
}

/**
 * The 结果公告 body: scope, window, frozen electorate, every question's full arithmetic (totals, numerators,
 * denominators, thresholds, rule, pass/fail and why — the shared rules' own explanation), and the final hash of the
 * ballot log, which anchors the posted paper copy. Lists show dwellings and areas only, never names or phones.
 */
export function resultNoticeText(c: ConsultationDoc, result: ConsultationResult, names?: AreaNames): { title: string; body: string } {
  const e = c.electorate;
  const lines: string[] = [
    `表决类型：${CONSULTATION_KIND_LABELS[c.kind]}；表决范围：${scopeText(c, names)}`,
    `投票时间：${chinaTime(c.opensAt)} 至 ${chinaTime(c.closedAt ?? c.closesAt)}（北京时间）${closeLine(c)}`,
    e
      ? `应参加表决的共 ${e.dwellings} 户，专有部分面积合计 ${formatArea(e.totalAreaHundredths)} 平方米，按 ${e.totalHeadcount} 人计（名单在开始投票时固定）。`
      : '表决名册：无',
    `实际投票 ${result.ballots} 户。`,
    ...(result.reasons ?? []),
  ];
  if (c.covenant.enabled) lines.push(`规约条款：${c.covenant.clauseText ?? ''}；已登记送达 ${result.deliveredDwellingIds?.length ?? 0} 户`);
  result.questions.forEach((q, i) => {
    const verdict = q.passed === null ? '' : q.passed ? '【通过】' : '【未通过】';
    lines.push('', `事项${i + 1}：${q.title} ${verdict}`, ...questionLines(q));
  });
  lines.push('', '每位投票人可凭回执码核验本户选票已计入日志；任何人可按日志重新计票，结果应与本公告一致。', ...verificationBlock(c, result));
  return { title: `结果公告：${c.title}`.slice(0, 100), body: lines.join('\n') };
}

export function meetingNoticeText(c: ConsultationDoc, names?: AreaNames): { title: string; body: string } {
  const lines = [
    `表决类型：${CONSULTATION_KIND_LABELS[c.kind]}；表决范围：${scopeText(c, names)}`,
    `投票时间：${chinaTime(c.opensAt)} 至 ${chinaTime(c.closesAt)}（北京时间）`,
    c.description,
    ...c.questions.map((q, i) => `事项${i + 1}：${q.title}${q.options?.length ? `（${q.options.map((o) => o.label).join('、')}）` : ''}`),
    c.allowChange ? '截止前可以修改已投的票。' : '投票后不能修改。',
    c.liveResults?.enabled ? `投票期间公开各选项的实时票数，理由：${c.liveResults.reason ?? ''}` : '投票期间只公布参与情况，各选项票数在投票结束后公布。',
    c.coOwnerRule === 'latest_counts'
      ? '共有房屋只投一票：共有人先后投票的，以最后一票为准，先投的共有人会收到通知。'
      : '共有房屋只投一票：共有人中先投的一票有效，后投的共有人会被告知由谁、何时已投。',
    '业主本人或持书面委托并经审核的受托人可在小程序中投票；不便使用手机的业主可填写纸质表决票交业委会。',
  ];
  if (c.covenant.enabled) lines.push(`依据管理规约：${c.covenant.clauseText ?? ''}（已送达未投票的，按多数意见计入，公告将同时列出两种计票结果）`);
  return { title: `表决通知：${c.title}`.slice(0, 100), body: lines.filter(Boolean).join('\n') };
}
