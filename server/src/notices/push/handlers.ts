import { emitToRoom, getIo } from '../../platform/realtime';
import { wechat, wechatSettings } from '../../platform/wechatInstance';
import { logger } from '../../platform/logger';
import { Notice } from '../model';
import { NoticeDelivery } from '../records';
import { ensureIndexed } from '../feedIndex';
import { hasRead } from '../readMarks';
import { bumpStats, countAudience } from '../noticeStats';
import { userContact, userContacts } from '../directory';
import { NOTICE_PAGE, socketPayload, subscribeData } from './message';
import { queueWechat, type FanoutEvent } from './queue';
import { audienceUsers } from './recipients';
import { withLock } from '../../platform/locks';

const MAX_ATTEMPTS = 8; // the outbox gives up after 8 claims

/** Online push to the audience's rooms, then (on publication) one queued WeChat message per subscribed resident. */
export async function fanout(p: { noticeId: string; event: FanoutEvent; version: number }) {
  const n = await Notice.findById(p.noticeId).lean();
  if (!n || !n.publishedAt) return;
  if (p.event !== 'withdrawn' && n.status !== 'published') return; // withdrawn meanwhile: say nothing more
  await ensureIndexed(n); // heals a feed index write lost between the change and its push
  if (p.event === 'published') await countAudience(n); // the read rates' denominators, counted once here
  const payload = socketPayload(n, p.event);
  const event = `notice:${p.event}`;
  for (const room of n.rooms as string[]) emitToRoom(room, event, payload);
  const needUsers = n.rooms.length === 0 || p.event === 'published';
  if (!needUsers) return;
  const users = await audienceUsers(n);
  if (n.rooms.length === 0) for (const u of users) emitToRoom(`user:${u}`, event, payload);
  if (p.event !== 'published') return;
  const contacts = await userContacts(users);
  for (const c of contacts) if (c.subscribed && c.openid) await queueWechat(p.noticeId, c.id, 'publish');
}

async function isOnline(userId: string): Promise<boolean> {
  const io = getIo();
  if (!io) return false;
  try {
    return (await io.in(`user:${userId}`).fetchSockets()).length > 0;
  } catch {
    return false;
  }
}

type DeliveryPayload = { key: string; id?: string; noticeId: string; userId: string; purpose: 'publish' | 'reminder' };

/** Records the attempt by `_id` (by key for entries queued before ids were in the payload); a settled status is counted once. */
async function settle(p: DeliveryPayload, set: Record<string, unknown> & { status?: string }) {
  await NoticeDelivery.updateOne(p.id ? { _id: p.id } : { key: p.key }, { $set: { ...set, lastAttemptAt: new Date() } });
  if (set.status && set.status !== 'pending') await bumpStats(p.noticeId, { 'deliveries.pending': -1, [`deliveries.${set.status}`]: 1 });
}

/**
 * Sends one subscribe message and records the result. Transient failures throw, so the outbox retries with
 * backoff; a refusal (43101, no subscription left) or the last attempt is recorded as failed.
 */
export async function deliverWechat(p: DeliveryPayload, entry: { attempts: number }) {
  // Two instances may claim the same outbox entry; the lock (busy → throw → retried later) keeps it to one send.
  await withLock(`send:${p.key}`, () => deliverOnce(p, entry), { waitMs: 0, leaseMs: 60_000 });
}

async function deliverOnce(p: DeliveryPayload, entry: { attempts: number }) {
  const d = await (p.id ? NoticeDelivery.findById(p.id) : NoticeDelivery.findOne({ key: p.key })).lean();
  if (!d || d.status !== 'pending') return; // settled by an earlier run
  const n = await Notice.findById(p.noticeId).lean();
  if (!n || n.status !== 'published') return void (await settle(p, { status: 'skipped', reason: 'withdrawn' }));
  if (p.purpose === 'reminder' && (await hasRead(p.noticeId, p.userId))) {
    return void (await settle(p, { status: 'skipped', reason: 'read' }));
  }
  const c = await userContact(p.userId);
  if (!c || !c.subscribed || !c.openid) return void (await settle(p, { status: 'skipped', reason: 'not_subscribed' }));
  if (await isOnline(p.userId)) return void (await settle(p, { status: 'skipped', reason: 'online' }));

  const r = await wechat().sendSubscribeMessage({
    touser: c.openid,
    templateId: wechatSettings().noticeTemplateId,
    page: `${NOTICE_PAGE}?id=${p.noticeId}`,
    data: subscribeData(n, { lang: c.lang, reminder: p.purpose === 'reminder' }),
  });
  const attempts = (d?.attempts ?? 0) + r.attempts;
  if (r.ok) return void (await settle(p, { status: 'sent', attempts, msgid: r.msgid ?? null, errcode: 0, errmsg: null }));
  const giveUp = !r.retryable || entry.attempts >= MAX_ATTEMPTS;
  await settle(p, { status: giveUp ? 'failed' : 'pending', attempts, errcode: r.errcode, errmsg: r.errmsg.slice(0, 200) });
  if (!giveUp) {
    logger.warn({ key: p.key, errcode: r.errcode }, 'notice subscribe message failed, will retry');
    throw new Error(`wechat send failed: ${r.errcode}`);
  }
}
