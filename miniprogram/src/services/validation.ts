// Form checks for the resident screens: pure functions returning an i18n key (or null when valid), so the same rule
// serves the form, its error text in both languages and the component tests. They mirror the server's zod schemas;
// the server still decides, and its Chinese message is shown when it disagrees.
import type { MessageKey } from '../i18n/zh';
import { HIDDEN_OR_CONTROL, parseYuanToFen } from '@gongzhi/shared';

export type Check = MessageKey | null;

// Invisible and control characters the server refuses (identity.ts userText).
const HIDDEN = HIDDEN_OR_CONTROL;

export const LAST4_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
/** The last character of an ID number may be X. */
export const LAST4_FINAL = [...LAST4_DIGITS, 'X'] as const;

/** Last four characters of the owner's phone or ID number: three digits, then a digit or X. */
export function checkLast4(value: string): Check {
  if (!value) return 'claim.err.last4Missing';
  return /^[0-9]{3}[0-9X]$/i.test(value) ? null : 'claim.err.last4';
}

export function checkOwnerName(value: string): Check {
  const v = value.trim();
  if (!v) return 'claim.err.nameMissing';
  if (v.length > 40) return 'claim.err.nameTooLong';
  if (HIDDEN.test(v)) return 'form.err.hiddenChars';
  return null;
}

export type Relation = 'owner' | 'family' | 'tenant';

export interface ClaimDraft {
  dwellingId: string | null;
  relation: Relation;
  ownerName: string;
  last4: string;
}

/** Every problem of a claim, by field, in screen order. Family and tenants need no name or digits (reviewed by hand). */
export function checkClaim(d: ClaimDraft): Partial<Record<'dwelling' | 'ownerName' | 'last4', MessageKey>> {
  const errors: Partial<Record<'dwelling' | 'ownerName' | 'last4', MessageKey>> = {};
  if (!d.dwellingId) errors.dwelling = 'claim.err.dwelling';
  if (d.relation === 'owner') {
    const name = checkOwnerName(d.ownerName);
    if (name) errors.ownerName = name;
    const last4 = checkLast4(d.last4);
    if (last4) errors.last4 = last4;
  }
  return errors;
}

// ---- pledges ----
export const PLEDGE_MAX_YUAN = 100_000_000; // the server allows more; a larger pledge goes through the committee

export { parseYuanToFen };

export function checkPledgeAmount(text: string): Check {
  if (!text.trim()) return 'pledge.err.amountMissing';
  const fen = parseYuanToFen(text);
  if (fen === null) return 'pledge.err.amountFormat';
  if (fen <= 0) return 'pledge.err.amountZero';
  if (fen > PLEDGE_MAX_YUAN * 100) return 'pledge.err.amountTooLarge';
  return null;
}

/** Quantities of materials: positive, at most two decimals (the server's ProjectQuantity). */
export function checkQuantity(text: string): Check {
  const t = text.trim();
  if (!t) return 'pledge.err.quantityMissing';
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t) || Number(t) <= 0) return 'pledge.err.quantity';
  return null;
}

/** Labour days come from a picker in half days; still checked, since the picker's list is data too. */
export function checkLabourDays(days: number): Check {
  return days > 0 && days <= 365 && Number.isInteger(days * 2) ? null : 'pledge.err.days';
}

// ---- objections ----
export const OBJECTION_MAX = 1000;

export function checkObjection(text: string): Check {
  const t = text.trim();
  if (!t) return 'objection.err.empty';
  if (t.length < 5) return 'objection.err.tooShort';
  if (t.length > OBJECTION_MAX) return 'objection.err.tooLong';
  if (HIDDEN.test(t)) return 'form.err.hiddenChars';
  return null;
}

// ---- ratings ----
export const RATING_COMMENT_MAX = 500;

export interface RatingDraft {
  overall: number;
  items: Record<string, number>;
  comment: string;
}

export function checkRating(d: RatingDraft): Check {
  if (!Number.isInteger(d.overall) || d.overall < 1 || d.overall > 5) return 'rating.err.overall';
  if (Object.values(d.items).some((s) => !Number.isInteger(s) || s < 1 || s > 5)) return 'rating.err.item';
  if (d.comment.trim().length > RATING_COMMENT_MAX) return 'rating.err.comment';
  if (HIDDEN.test(d.comment)) return 'form.err.hiddenChars';
  return null;
}

// ---- photos ----
export const OBJECTION_PHOTOS_MAX = 9; // NOTICE_ATTACHMENTS_MAX on the server
export const RATING_PHOTO_MAX_BYTES = 10 * 1024 * 1024; // storeUpload's default limit

/** A form is sent only when every photo it shows is stored: none still uploading, none failed (retry or remove it). */
export function checkPhotosSettled(slots: { state: string }[]): Check {
  if (slots.some((s) => s.state === 'uploading')) return 'photo.err.uploading';
  if (slots.some((s) => s.state === 'failed')) return 'photo.err.failedPending';
  return null;
}

// ---- reasons (cancel a pledge, revoke an entrustment): the server wants 2–200/300 visible characters ----
export function checkReason(text: string, max = 200): Check {
  const t = text.trim();
  if (t.length < 2) return 'reason.err.missing';
  if (t.length > max) return 'reason.err.tooLong';
  if (HIDDEN.test(t)) return 'form.err.hiddenChars';
  return null;
}

// ---- written entrustment (委托书) ----
/** The proxy's user code as shown on their 委托代理 screen: 24 hexadecimal characters (spaces ignored). */
export const normalizeUserCode = (text: string) => text.replace(/[\s-]/g, '').toLowerCase();

export interface ProxyDraft {
  dwellingId: string | null;
  proxyCode: string;
  myId: string | null;
  hasDocument: boolean;
  note: string;
}

export function checkProxy(d: ProxyDraft): Partial<Record<'dwelling' | 'proxy' | 'document' | 'note', MessageKey>> {
  const errors: Partial<Record<'dwelling' | 'proxy' | 'document' | 'note', MessageKey>> = {};
  if (!d.dwellingId) errors.dwelling = 'proxyForm.err.dwelling';
  const code = normalizeUserCode(d.proxyCode);
  if (!code) errors.proxy = 'proxyForm.err.codeMissing';
  else if (!/^[0-9a-f]{24}$/.test(code)) errors.proxy = 'proxyForm.err.code';
  else if (code === d.myId) errors.proxy = 'proxyForm.err.self';
  if (!d.hasDocument) errors.document = 'proxyForm.err.document';
  if (d.note.trim().length > 200) errors.note = 'proxyForm.err.note';
  else if (HIDDEN.test(d.note)) errors.note = 'form.err.hiddenChars';
  return errors;
}
