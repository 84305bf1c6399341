import { formatFen, ITEM_CATEGORY_LABELS } from '@gongzhi/shared';
import { enqueue, registerOutboxHandler } from '../platform/jobs';
import { logger } from '../platform/logger';
import { publishSystemNotice } from '../notices/publish';
import { withLock } from './lock';
import { Project, type ProjectDoc } from './model';
import { presentFunding } from './presenter';

/**
 * Entering 方案公示 publishes the plan (方案公示, with its display/objection period) and entering 竣工验收 the
 * acceptance (验收公示) to the complex, and links them to the project. Each is one outbox entry with a unique key
 * (enqueued before the stage change, run inline after it) and publishSystemNotice is idempotent on its sourceKey.
 */
type Kind = 'plan' | 'acceptance';
const STAGE: Record<Kind, ProjectDoc['status']> = { plan: 'publicity', acceptance: 'acceptance' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function planBody(p: ProjectDoc): string {
  const f = presentFunding(p);
  const items = p.items.map((i) => `<li>${ITEM_CATEGORY_LABELS[i.category]}：${esc(i.name)} ${i.quantity}${esc(i.unit)}，预算 ${formatFen(i.budgetFen)} 元</li>`);
  const money = f ? f.lines.map((l) => `<li>${l.label}：${formatFen(l.amountFen)} 元</li>`) : [];
  return [`<p>${esc(p.name)}改造方案现予公示，公示期内居民可在线提出异议。</p>`, `<p>改造内容：</p><ul>${items.join('')}</ul>`,
    f ? `<p>资金筹措（${esc(f.balanceText)}）：</p><ul>${money.join('')}</ul><p>${esc(f.split.remainderRule)}</p>` : ''].join('');
}

function acceptanceBody(p: ProjectDoc): string {
  const a = p.acceptance!;
  const who = a.participants.map((x) => `${esc(x.unit)}（${esc(x.role)}）`).join('、');
  const closes = p.ratingWindow ? new Date(p.ratingWindow.closesAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';
  return `<p>${esc(p.name)}已于 ${a.date} 通过联合验收（参加单位：${who}）。</p><p>欢迎各户对改造效果进行满意度评价，评价截止 ${closes}。</p>`;
}

export async function runProjectNotice(payload: { projectId: string; kind: Kind; by: string }): Promise<void> {
  const p = await Project.findById(payload.projectId).lean();
  if (!p) return;
  const reached = p.transitions.some((t) => t.to === STAGE[payload.kind]);
  if (!reached) return; // the stage change did not happen (or not yet: the inline call after it does the work)
  const { noticeId } = await publishSystemNotice({
    kind: payload.kind === 'plan' ? 'plan_publicity' : 'acceptance_publicity',
    audience: { type: 'area', code: p.complexCode },
    title: payload.kind === 'plan' ? `${p.name}改造方案公示` : `${p.name}竣工验收公示`,
    body: payload.kind === 'plan' ? planBody(p) : acceptanceBody(p),
    publisherId: payload.by,
    sourceKey: `project:${payload.projectId}:${payload.kind}`,
  });
  await withLock(`project:${p._id}`, () => Project.updateOne({ _id: p._id }, { $addToSet: { noticeIds: noticeId } }));
}
registerOutboxHandler('project.notice', runProjectNotice);

export const noticeKindFor = (to: ProjectDoc['status']): Kind | null => (to === 'publicity' ? 'plan' : to === 'acceptance' ? 'acceptance' : null);

/** Before the stage change: the safety net that publishes later if this process dies right after it. */
export async function queueProjectNotice(projectId: string, kind: Kind, by: string) {
  await enqueue(`project:${projectId}:${kind}`, 'project.notice', { projectId, kind, by }, new Date(Date.now() + 10_000));
}

/** After the stage change: publish now so the notice is there when the request returns. */
export async function publishProjectNoticeNow(projectId: string, kind: Kind, by: string) {
  try {
    await runProjectNotice({ projectId, kind, by });
  } catch (e: any) {
    logger.warn({ projectId, kind, err: String(e?.message ?? e) }, 'project notice failed; the outbox will retry');
  }
}
