import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { AppError, conflict } from '../../platform/errors';
import { emitToRoom } from '../../platform/realtime';
import { NoticeReminder } from '../records';
import { canManageNotice } from '../policy';
import { chinaDate, secondsToNextChinaDay } from '@gongzhi/shared';
import { userContacts } from '../directory';
import { loadNotice } from '../queries/load';
import { audienceUsers } from '../push/recipients';
import { queueWechat } from '../push/queue';
import { socketPayload } from '../push/message';
import { isDuplicateKey } from '../../platform/store';

/**
 * Reminds residents of unread dwellings: in-app at once, and one WeChat message each for those who agreed.
 * The unique (notice, day) index makes "once per day" hold across instances and double taps.
 */
export async function remindUnread(user: AuthUser, id: string, now = new Date()) {
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  if (n.status !== 'published') throw conflict('NOTICE_NOT_PUBLISHED', '公告未发布或已撤回，不能提醒');
  const day = chinaDate(now);
  try {
    await NoticeReminder.create({ noticeId: n._id, day, by: user.id, at: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const wait = secondsToNextChinaDay(now);
    throw new AppError(
      429,
      'REMINDER_ALREADY_SENT_TODAY',
      '今天已经提醒过未读住户，请明天再试',
      { retryAfterSeconds: wait, day },
      { 'Retry-After': String(wait) },
    );
  }
  const users = await audienceUsers(n, { unreadOnly: true });
  const payload = { ...socketPayload(n, 'reminder') };
  for (const u of users) emitToRoom(`user:${u}`, 'notice:reminder', payload);
  let wechatQueued = 0;
  for (const c of await userContacts(users)) {
    if (c.subscribed && c.openid && (await queueWechat(String(n._id), c.id, 'reminder', day))) wechatQueued++;
  }
  await NoticeReminder.updateOne({ noticeId: n._id, day }, { $set: { users: users.length } });
  return { noticeId: String(n._id), day, users: users.length, wechatQueued };
}
