import { randomUUID } from 'node:crypto';
import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { conflict, unprocessable } from '../../platform/errors';
import { rateLimit } from '../../platform/rateLimit';
import { wechat } from '../../platform/wechatInstance';
import { WechatError, wechatAppError } from '../../platform/wechat';
import { NoticeObjection } from '../records';
import { canObject, isInAudience } from '../policy';
import { ownedUploads, plainText } from '../content';
import { findDwellings, userContact } from '../directory';
import { loadNotice } from '../queries/load';
import { refreshObjectionCounts, withPending } from '../noticeStats';

/** 5 objections per user per 10 minutes, counted before the (paid, rate-limited) WeChat check. */
export const OBJECTION_LIMIT = { count: 5, windowSeconds: 600 };

/**
 * A resident objects during the display period. The text must pass WeChat content security (msgSecCheck)
 * before it is stored, so nobody else ever sees rejected text; WeChat being unreachable fails closed (503).
 */
export async function submitObjection(user: AuthUser, id: string, input: { text: string; photoIds?: string[] }, now = new Date()) {
  const { notice: n, dwellings } = await loadNotice(user, id);
  authorize(canObject(n, dwellings), 'OBJECTION_NOT_ALLOWED', '只有公示范围内的住户可以提出异议');
  if (!n.objectionsUntil || new Date(n.objectionsUntil) <= now) {
    throw conflict('OBJECTION_PERIOD_CLOSED', n.objectionsUntil ? '公示期已结束，不能再提出异议' : '该公告不接受异议');
  }
  await rateLimit(`notice-objection:${user.id}`, OBJECTION_LIMIT.count, OBJECTION_LIMIT.windowSeconds, '提交意见过于频繁，请稍后再试');
  const text = plainText(input.text);
  if (!text) throw unprocessable('OBJECTION_EMPTY', '请填写意见内容');
  const photos = await ownedUploads(user, input.photoIds, 'objection_photo', `objection:${n._id}:${user.id}:${randomUUID()}`);

  const me = await userContact(user.id);
  // WeChat's check needs a WeChat identity. Without one (H5 login) nobody is refused: the objection goes to the same
  // manual queue (suggest 'manual'), seen only by its author and the publisher, who reviews it before answering.
  let check: { suggest: string; label?: number; traceId?: string } = { suggest: 'manual' };
  if (me?.openid) {
    let wx;
    try {
      wx = await wechat().msgSecCheck({ content: text, openid: me.openid, scene: 2 });
    } catch (e) {
      if (e instanceof WechatError) throw wechatAppError(e);
      throw e;
    }
    if (!wx.pass) throw wechatAppError(wx);
    check = wx;
  }

  const mine = dwellings.find((d) => isInAudience(n, [d]))!;
  const [dw] = await findDwellings({ _id: new ObjectId(mine.dwellingId) });
  const o = await withPending(String(n._id), async () => {
    const created = await NoticeObjection.create({
      noticeId: n._id,
      userId: user.id,
      dwellingId: dw?._id ?? null,
      buildingName: dw?.buildingName ?? null,
      room: dw?.room ?? null,
      text,
      photos,
      status: 'open',
      secCheck: { suggest: check.suggest, label: check.label, traceId: check.traceId },
    });
    await refreshObjectionCounts(String(n._id));
    return created;
  });
  return o.toObject();
}
