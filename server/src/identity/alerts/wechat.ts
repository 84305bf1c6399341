import { chinaDateTime } from '@gongzhi/shared';
import { wechat, wechatSettings } from '../../platform/wechatInstance';
import { User } from '../model';
import { UserAlerts } from './model';

const MAX_ATTEMPTS = 8;
// WeChat `thing` values hold at most 20 characters; the Tibetan is the app's own alert title and button (i18n bo).
const ZH = { thing1: '您的房屋有新的绑定或委托', thing2: '如非您本人知情请点“不是我”' };
const BO = { thing1: 'ཁང་པའི་དྲན་སྐུལ།', thing2: 'འདི་ང་མིན།' };
export const ALERT_PAGE = 'pages/resident/alerts/index';

/**
 * The WeChat subscribe message of an owner alert (notice template: thing1, thing2, time3). Sent only to users who
 * agreed to subscribe messages; transient failures throw so the outbox retries.
 */
export async function sendAlert(p: { userId: string; alertId: string }, entry: { attempts: number }) {
  const [u, doc] = await Promise.all([User.findById(p.userId).select('openid subscribe lang').lean(), UserAlerts.findById(p.userId).lean()]);
  const item = doc?.items.find((i) => i.id === p.alertId);
  if (!u?.openid || !u.subscribe?.notices || !item || item.status !== 'open') return;
  const r = await wechat().sendSubscribeMessage({
    touser: u.openid,
    templateId: wechatSettings().noticeTemplateId,
    page: `${ALERT_PAGE}?id=${p.alertId}`,
    data: { ...(u.lang === 'bo' ? BO : ZH), time3: chinaDateTime(item.createdAt) },
  });
  if (!r.ok && r.retryable && entry.attempts < MAX_ATTEMPTS) throw new Error(`wechat send failed: ${r.errcode}`);
}
