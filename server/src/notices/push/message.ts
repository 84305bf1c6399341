import { chinaDateTime, type NoticeKind } from '@gongzhi/shared';
import type { NoticeDoc } from '../model';

export const KIND_LABELS: Record<NoticeKind, string> = {
  plan_publicity: '方案公示',
  result_announcement: '结果公告',
  fund_publicity: '资金公示',
  acceptance_publicity: '验收公示',
  meeting_notice: '会议通知',
  general: '通知公告',
};

/** Mini-program page a subscribe message opens. */
export const NOTICE_PAGE = 'pages/notices/detail';

/**
 * WeChat `thing` values hold at most 20 characters. Tibetan syllables stack combining marks, so a cut prefers
 * a syllable boundary (tsheg ་ or space) to never leave half a syllable.
 */
function thing(s: string): string {
  const cps = Array.from(s);
  if (cps.length <= 20) return s;
  let head = cps.slice(0, 19);
  const boundary = Math.max(head.lastIndexOf('\u0F0B'), head.lastIndexOf(' '));
  if (boundary >= 8 && /[\u0F00-\u0FFF]/.test(s)) head = head.slice(0, boundary + 1);
  return head.join('') + '…';
}

/**
 * Template data for the notice subscribe message (WECHAT_TEMPLATE_NOTICE): thing1 title, thing2 kind (or
 * "提醒：…" for a reminder), time3 publication time. Tibetan readers get the Tibetan title when there is one.
 */
export function subscribeData(
  n: { title: string; titleBo?: string | null; kind: NoticeKind; publishedAt?: Date | null },
  opts: { lang: 'zh' | 'bo'; reminder: boolean },
) {
  const title = opts.lang === 'bo' && n.titleBo ? n.titleBo : n.title;
  const label = KIND_LABELS[n.kind];
  return {
    thing1: thing(title),
    thing2: thing(opts.reminder ? `提醒：请查看${label}` : label),
    time3: chinaDateTime(n.publishedAt ?? new Date()),
  };
}

/** What socket.io clients receive: enough to show a banner and refresh; the full text comes from the API. */
export function socketPayload(
  n: Pick<NoticeDoc, '_id' | 'kind' | 'version' | 'title' | 'titleBo' | 'pinned' | 'publishedAt' | 'versions' | 'withdrawn'>,
  event: string,
) {
  return {
    id: String(n._id),
    event,
    kind: n.kind,
    version: n.version,
    title: n.title,
    titleBo: n.titleBo ?? null,
    pinned: !!n.pinned,
    publishedAt: n.publishedAt?.toISOString?.() ?? null,
    reason: event === 'amended' ? (n.versions?.[n.versions.length - 1]?.reason ?? null) : event === 'withdrawn' ? (n.withdrawn?.reason ?? null) : null,
  };
}
