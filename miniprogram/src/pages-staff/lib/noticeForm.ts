import type { CreateNoticeBody, NoticeKind } from '@gongzhi/shared';
import type { MessageKey } from '../../i18n';
import type { FormErrors } from './consultationForm';

export const NOTICE_KIND_CHOICES: NoticeKind[] = ['general', 'meeting_notice', 'plan_publicity', 'fund_publicity', 'acceptance_publicity'];
export const PUBLICITY_KINDS: NoticeKind[] = ['plan_publicity', 'fund_publicity', 'acceptance_publicity'];

export interface NoticeForm {
  kind: NoticeKind;
  /** The area the notice goes to (street, community, complex, building or entrance). */
  audienceCode: string;
  /** When set (buildings of one complex), these instead of audienceCode. */
  buildingCodes: string[];
  title: string;
  body: string;
  titleBo: string;
  bodyBo: string;
  attachmentIds: string[];
  pinned: boolean;
  displayDays: number;
}

const TITLE_MAX = 100;

/** Plain text typed on a phone → the notice's rich-text subset: escaped, one paragraph per line. */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');
}

/**
 * How to show a stored body: the rich-text subset when it has markup (staff notices, see textToHtml), otherwise
 * plain lines (system notices such as the 结果公告 are plain text with line breaks).
 */
export function noticeBodyView(body: string): { html: string } | { lines: string[] } {
  if (/<(p|br|ul|ol|li|table|h3|h4|strong|b|em|blockquote|span|a)\b/i.test(body)) return { html: body };
  return {
    lines: body
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== '')),
  };
}

export function validateNoticeForm(f: NoticeForm, minPublicityDays: number): FormErrors {
  const e: FormErrors = {};
  const need = (v: string, key: string, max?: number) => {
    if (!v.trim()) e[key] = 'staff.form.required';
    else if (max && v.trim().length > max) e[key] = 'staff.form.tooLong';
  };
  need(f.title, 'title', TITLE_MAX);
  need(f.body, 'body');
  if (!f.audienceCode && f.buildingCodes.length === 0) e.audience = 'staff.nt.pickAudience';
  // Tibetan is optional, but a Tibetan title without a body (or the reverse) would show half a notice.
  if (f.titleBo.trim() && !f.bodyBo.trim()) e.bodyBo = 'staff.nt.boPair';
  if (!f.titleBo.trim() && f.bodyBo.trim()) e.titleBo = 'staff.nt.boPair';
  if (f.titleBo.trim().length > TITLE_MAX) e.titleBo = 'staff.form.tooLong';
  if (PUBLICITY_KINDS.includes(f.kind)) {
    const min = f.kind === 'plan_publicity' ? minPublicityDays : 1;
    if (!Number.isInteger(f.displayDays) || f.displayDays < min || f.displayDays > 365) e.displayDays = 'staff.nt.daysTooShort' as MessageKey;
  }
  return e;
}

export function toNoticeBody(f: NoticeForm): CreateNoticeBody {
  const bo = f.titleBo.trim() && f.bodyBo.trim();
  return {
    kind: f.kind,
    audience: f.buildingCodes.length > 0 ? { type: 'buildings', codes: f.buildingCodes } : { type: 'area', code: f.audienceCode },
    title: f.title.trim(),
    body: textToHtml(f.body),
    ...(bo ? { titleBo: f.titleBo.trim(), bodyBo: textToHtml(f.bodyBo) } : {}),
    ...(f.attachmentIds.length ? { attachmentIds: f.attachmentIds } : {}),
    pinned: f.pinned,
    ...(PUBLICITY_KINDS.includes(f.kind) ? { displayDays: f.displayDays } : {}),
  };
}
