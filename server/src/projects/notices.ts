import { CATEGORY_LABELS_BO, chinaDate, formatFen, FUNDING_LABELS_BO, ITEM_CATEGORY_LABELS, systemTextBo } from '@gongzhi/shared';
import { enqueue } from '../platform/jobs';
import { logger } from '../platform/logger';
import { publishSystemNotice } from '../notices';
import { withLock } from '../platform/locks';
import { Project, type ProjectDoc } from './model';
import { presentFunding } from './presenter';
import { messageOf } from '../platform/errors';

/**
 * Entering 方案公示 publishes the plan (方案公示, with its display/objection period) and entering 竣工验收 the
 * acceptance (验收公示) to the complex, in zh and bo, and links them to the project. Each is one outbox entry with a unique key
 * (enqueued before the stage change, run inline after it) and publishSystemNotice is idempotent on its sourceKey.
 */
type Kind = 'plan' | 'acceptance';
const STAGE: Record<Kind, ProjectDoc['status']> = { plan: 'publicity', acceptance: 'acceptance' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function planBody(p: ProjectDoc): string {
  const f = presentFunding(p);
  const items = p.items.map(
    (i) => `<li>${ITEM_CATEGORY_LABELS[i.category]}：${esc(i.name)} ${i.quantity}${esc(i.unit)}，预算 ${formatFen(i.budgetFen)} 元</li>`,
  );
  const money = f ? f.lines.map((l) => `<li>${l.label}：${formatFen(l.amountFen)} 元</li>`) : [];
  return [
    `<p>${esc(p.name)}改造方案现予公示，公示期内居民可在线提出异议。</p>`,
    `<p>改造内容：</p><ul>${items.join('')}</ul>`,
    f ? `<p>资金筹措（${esc(f.balanceText)}）：</p><ul>${money.join('')}</ul><p>${esc(f.split.remainderRule)}</p>` : '',
  ].join('');
}

// The Tibetan bodies: the same figures; project and item names in Tibetan where staff typed them, units and roles as written.
const nameBo = (p: { name: string; nameBo?: string | null }) => p.nameBo || p.name;
function planBodyBo(p: ProjectDoc): string {
  const f = presentFunding(p);
  const items = p.items.map(
    (i) => `<li>${CATEGORY_LABELS_BO[i.category]}། ${esc(nameBo(i))} ${i.quantity}${esc(i.unit)}། སྔོན་རྩིས་སྒོར་ ${formatFen(i.budgetFen)}</li>`,
  );
  const money = f ? f.lines.map((l) => `<li>${FUNDING_LABELS_BO[l.kind] ?? l.label} སྒོར་ ${formatFen(l.amountFen)}</li>`) : [];
  const balance = !f
    ? ''
    : f.differenceFen === 0
      ? `མ་དངུལ་བསྡོམས་སྒོར་ ${formatFen(f.totalFen)}། སྔོན་རྩིས་དང་དོ་མཉམ།`
      : `མ་དངུལ་བསྡོམས་སྒོར་ ${formatFen(f.totalFen)}། སྔོན་རྩིས་སྒོར་ ${formatFen(f.budgetFen)} ལས་སྒོར་ ${formatFen(Math.abs(f.differenceFen))} ${f.differenceFen < 0 ? 'ཉུང་།' : 'མང་།'}`;
  return [
    `<p>${esc(nameBo(p))} ཡི་བཅོས་སྒྱུར་འཆར་གཞི་ད་ལྟ་ཁྱབ་བསྒྲགས་བྱེད། ཁྱབ་བསྒྲགས་དུས་ཡུན་ནང་སྡོད་དམངས་ཀྱིས་དྲ་ཐོག་ནས་མི་མཐུན་པའི་བསམ་ཚུལ་འདོན་ཆོག</p>`,
    `<p>བཅོས་སྒྱུར་གྱི་ནང་དོན།</p><ul>${items.join('')}</ul>`,
    f ? `<p>མ་དངུལ་བསྡུ་སྒྲིག（${balance}）</p><ul>${money.join('')}</ul><p>${esc(systemTextBo(f.split.remainderRule) ?? f.split.remainderRule)}</p>` : '',
  ].join('');
}

const closesOf = (p: ProjectDoc) => (p.ratingWindow ? chinaDate(p.ratingWindow.closesAt) : '');

function acceptanceBody(p: ProjectDoc): string {
  const a = p.acceptance!;
  const who = a.participants.map((x) => `${esc(x.unit)}（${esc(x.role)}）`).join('、');
  return `<p>${esc(p.name)}已于 ${a.date} 通过联合验收（参加单位：${who}）。</p><p>欢迎各户对改造效果进行满意度评价，评价截止 ${closesOf(p)}。</p>`;
}

function acceptanceBodyBo(p: ProjectDoc): string {
  const a = p.acceptance!;
  const who = a.participants.map((x) => `${esc(x.unit)}（${esc(x.role)}）`).join('、');
  return (
    `<p>${esc(nameBo(p))} ནི་ ${a.date} ལ་མཉམ་འབྲེལ་ཞིབ་བཤེར་ཐོན་ཡོད（联合验收། ཞུགས་པའི་ལས་ཁུངས། ${who}）།</p>` +
    `<p>ཁྱིམ་ཚང་རེ་རེས་བཅོས་སྒྱུར་གྱི་ཕན་འབྲས་ལ་ཡིད་ཚིམ་ཚད་ཀྱི་དཔྱད་བརྗོད་གནང་རོགས། དཔྱད་བརྗོད་མཇུག་སྡོམ་ཚེས་གྲངས། ${closesOf(p)}</p>`
  );
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
    titleBo: payload.kind === 'plan' ? `${nameBo(p)} ཡི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།` : `${nameBo(p)} ཡི་ལས་གྲྭ་ལེགས་གྲུབ་ཞིབ་བཤེར་ཁྱབ་བསྒྲགས།`,
    bodyBo: payload.kind === 'plan' ? planBodyBo(p) : acceptanceBodyBo(p),
    publisherId: payload.by,
    sourceKey: `project:${payload.projectId}:${payload.kind}`,
  });
  await withLock(`project:${p._id}`, () => Project.updateOne({ _id: p._id }, { $addToSet: { noticeIds: noticeId } }));
}

export const noticeKindFor = (to: ProjectDoc['status']): Kind | null => (to === 'publicity' ? 'plan' : to === 'acceptance' ? 'acceptance' : null);

/** Before the stage change: the safety net that publishes later if this process dies right after it. */
export async function queueProjectNotice(projectId: string, kind: Kind, by: string) {
  await enqueue(`project:${projectId}:${kind}`, 'project.notice', { projectId, kind, by }, new Date(Date.now() + 10_000));
}

/** After the stage change: publish now so the notice is there when the request returns. */
export async function publishProjectNoticeNow(projectId: string, kind: Kind, by: string) {
  try {
    await runProjectNotice({ projectId, kind, by });
  } catch (e) {
    logger.warn({ projectId, kind, err: messageOf(e) }, 'project notice failed; the outbox will retry');
  }
}
