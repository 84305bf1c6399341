import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { conflict, notFound } from '../../platform/errors';
import { emitToRoom } from '../../platform/realtime';
import { NoticeObjection } from '../records';
import type { ObjectionView } from '../presenter';
import { canCloseObjection, canManageNotice, canSeeObjection } from '../policy';
import { plainText } from '../content';
import { loadNotice } from '../queries/load';
import { refreshObjectionCounts, withPending } from '../noticeStats';
import { withLock } from '../../platform/locks';

const objectionNotFound = () => notFound('OBJECTION_NOT_FOUND', '意见不存在');

async function loadObjection(user: AuthUser, noticeId: string, objectionId: string) {
  const { notice: n } = await loadNotice(user, noticeId);
  const o: ObjectionView | null = ObjectId.isValid(objectionId) ? await NoticeObjection.findOne({ _id: objectionId, noticeId: n._id }).lean() : null;
  if (!o || !canSeeObjection(user, n, o)) throw objectionNotFound();
  return { n, o };
}

/**
 * Status changes of one objection are serialized (see platform/locks.ts for why a conditional update is not enough);
 * the notice's objection counts follow each change.
 */
function setIfNotClosed(o: { _id: unknown; noticeId: unknown }, set: Record<string, unknown>, closedMsg: string) {
  return withLock(`objection:${String(o._id)}`, async () => {
    const cur = await NoticeObjection.findById(o._id, { status: 1 }).lean();
    if (!cur || cur.status === 'closed') throw conflict('OBJECTION_CLOSED', closedMsg);
    await withPending(String(o.noticeId), async () => {
      await NoticeObjection.updateOne({ _id: o._id }, { $set: set });
      await refreshObjectionCounts(String(o.noticeId));
    });
  });
}

/** The publisher answers (or re-answers) an open or answered objection; the objector is told in their room. */
export async function answerObjection(user: AuthUser, noticeId: string, objectionId: string, text: string, now = new Date(), textBo?: string) {
  const { n, o } = await loadObjection(user, noticeId, objectionId);
  authorize(canManageNotice(user, n), 'FORBIDDEN', '只有公告发布方可以答复');
  await setIfNotClosed(
    o,
    { status: 'answered', response: { text: plainText(text), textBo: textBo ? plainText(textBo) || null : null, by: user.id, at: now } },
    '该意见已关闭，不能再答复',
  );
  emitToRoom(`user:${o.userId}`, 'notice:objection_answered', { noticeId: String(n._id), objectionId: String(o._id) });
  return NoticeObjection.findById(o._id).lean();
}

/** Closing: the publisher when handled, or the objector withdrawing their own. */
export async function closeObjection(user: AuthUser, noticeId: string, objectionId: string, now = new Date()) {
  const { n, o } = await loadObjection(user, noticeId, objectionId);
  authorize(canCloseObjection(user, n, o));
  await setIfNotClosed(o, { status: 'closed', closedAt: now, closedBy: user.id }, '该意见已关闭');
  return NoticeObjection.findById(o._id).lean();
}

/** The publisher sees every objection; a resident only their own. */
export async function listObjections(user: AuthUser, noticeId: string, q: { status?: string; limit: number }) {
  const { notice: n, canManage } = await loadNotice(user, noticeId);
  const filter: Record<string, unknown> = { noticeId: n._id };
  if (!canManage) filter.userId = user.id;
  if (q.status) filter.status = q.status;
  const items = await NoticeObjection.find(filter).sort({ _id: -1 }).limit(q.limit).lean();
  return { n, items, canManage };
}
