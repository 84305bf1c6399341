import type { AmendNoticeBody } from '@gongzhi/shared';
import { t as translate, type MessageKey } from '../../i18n';
import type { FormErrors } from './consultationForm';
import { textToHtml } from './noticeForm';
import type { Notice } from './staffApi';

export const AMEND_REASONS: MessageKey[] = ['staff.nt.amendReason.typo', 'staff.nt.amendReason.content', 'staff.nt.amendReason.time', 'staff.nt.reason.other'];
export const WITHDRAW_REASONS: MessageKey[] = [
  'staff.nt.withdrawReason.error',
  'staff.nt.withdrawReason.cancelled',
  'staff.nt.withdrawReason.duplicate',
  'staff.nt.reason.other',
];
const OTHER: MessageKey = 'staff.nt.reason.other';
const TITLE_MAX = 100;
const REASON_MAX = 500;

/** Stored rich text back to the lines a phone edits (the inverse of textToHtml for the subset it writes). */
export function htmlToText(html: string): string {
  if (!/<[a-z]/i.test(html)) return html;
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h3|h4|blockquote|tr)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The reason as recorded (in Chinese, like every record): the picked reason, then the typed detail.
 * "Other" needs the detail; an empty result is null.
 */
export function reasonText(picked: MessageKey, detail: string): string | null {
  const d = detail.trim();
  if (picked === OTHER) return d || null;
  const base = translate(picked, undefined, 'zh');
  return d ? `${base}：${d}` : base;
}

/**
 * The same reason for Tibetan readers: the picked reason in Tibetan, then the Tibetan detail. A Chinese detail with
 * no Tibetan one gives null, so the reader sees the whole Chinese reason, marked, rather than half of it.
 */
export function reasonTextBo(picked: MessageKey, detail: string, detailBo: string): string | null {
  const d = detailBo.trim();
  if (picked === OTHER) return d || null;
  if (detail.trim() && !d) return null;
  const base = translate(picked, undefined, 'bo');
  // One shad between the picked reason and the detail (the translated reasons already end with one).
  return d ? `${base.endsWith('།') ? base : `${base}།`} ${d}` : base;
}

export interface AmendForm {
  title: string;
  body: string;
  titleBo: string;
  bodyBo: string;
  reason: MessageKey;
  detail: string;
  /** The typed detail in Tibetan (optional): the picked reason is translated anyway. */
  detailBo: string;
}

export function amendFormOf(n: Pick<Notice, 'title' | 'body' | 'titleBo' | 'bodyBo'>): AmendForm {
  return {
    title: n.title,
    body: htmlToText(n.body),
    titleBo: n.titleBo ?? '',
    bodyBo: htmlToText(n.bodyBo ?? ''),
    reason: AMEND_REASONS[0],
    detail: '',
    detailBo: '',
  };
}

/** Only what changed goes to the server; clearing both Tibetan fields removes the Tibetan version. */
export function amendBody(f: AmendForm, n: Pick<Notice, 'title' | 'body' | 'titleBo' | 'bodyBo'>): AmendNoticeBody | null {
  const was = amendFormOf(n);
  const out: Partial<AmendNoticeBody> = {};
  if (f.title.trim() !== was.title.trim()) out.title = f.title.trim();
  if (f.body.trim() !== was.body.trim()) out.body = textToHtml(f.body);
  const boChanged = f.titleBo.trim() !== was.titleBo.trim() || f.bodyBo.trim() !== was.bodyBo.trim();
  if (boChanged) {
    const bo = f.titleBo.trim() && f.bodyBo.trim();
    out.titleBo = bo ? f.titleBo.trim() : null;
    out.bodyBo = bo ? textToHtml(f.bodyBo) : null;
  }
  if (Object.keys(out).length === 0) return null;
  return { ...amendReason(f), ...out };
}

/** The amendment's reason as sent: Chinese always, Tibetan when it is known (see reasonTextBo). */
export function amendReason(f: Pick<AmendForm, 'reason' | 'detail' | 'detailBo'>): { reason: string; reasonBo?: string } {
  const reasonBo = reasonTextBo(f.reason, f.detail, f.detailBo);
  return { reason: reasonText(f.reason, f.detail) ?? '', ...(reasonBo ? { reasonBo } : {}) };
}

export function validateAmend(f: AmendForm, n: Pick<Notice, 'title' | 'body' | 'titleBo' | 'bodyBo'>): FormErrors {
  const e: FormErrors = {};
  if (!f.title.trim()) e.title = 'staff.form.required';
  else if (f.title.trim().length > TITLE_MAX) e.title = 'staff.form.tooLong';
  if (!f.body.trim()) e.body = 'staff.form.required';
  if (f.titleBo.trim() && !f.bodyBo.trim()) e.bodyBo = 'staff.nt.boPair';
  if (!f.titleBo.trim() && f.bodyBo.trim()) e.titleBo = 'staff.nt.boPair';
  if (f.titleBo.trim().length > TITLE_MAX) e.titleBo = 'staff.form.tooLong';
  const reason = reasonText(f.reason, f.detail);
  if (!reason) e.detail = 'staff.form.required';
  else if (reason.length > REASON_MAX) e.detail = 'staff.form.tooLong';
  if (Object.keys(e).length === 0 && !amendBody(f, n)) e.body = 'staff.nt.noChange';
  return e;
}
