import { createHmac } from 'node:crypto';
import { identitySettings } from './settings';

/**
 * Personal data rules: phone and ID digits are never stored in clear. We keep an HMAC (keyed with PII_SECRET)
 * of the full value and of the last 4 characters (for claim matching), plus a masked form for display.
 */

export function piiHash(purpose: string, value: string): string {
  return createHmac('sha256', identitySettings().piiSecret).update(`${purpose}:${value}`).digest('hex');
}

/** Mainland mobile (11 digits, optional +86) or landline with area code; null when not a phone number. */
export function normalizePhone(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  s = s.replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^0\d{9,11}$/.test(s)) return s;
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idChecksumOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** Resident ID card (18 with checksum, or legacy 15 digits) or a passport-like document; null otherwise. */
export function normalizeIdNumber(raw: string): string | null {
  const s = raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) return idChecksumOk(s) ? s : null;
  if (/^\d{15}$/.test(s)) return s;
  if (/^[A-Z][A-Z0-9]{5,17}$/.test(s)) return s;
  return null;
}

/** Names compare without spaces or middle dots (Tibetan names are written 扎西次仁, 扎西·次仁 or 扎西 次仁). */
export function normalizeName(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s·・•‧.．]/g, '');
}

export const last4 = (v: string) => v.slice(-4).toUpperCase();

export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : `${phone.slice(0, 2)}****${phone.slice(-4)}`;
}
export function maskId(id: string): string {
  return `${'*'.repeat(Math.max(4, id.length - 4))}${id.slice(-4)}`;
}
export function maskName(name: string): string {
  const chars = [...name];
  return chars.map((c, i) => (i === 0 || c === '·' ? c : '*')).join('') + (chars.length === 1 ? '*' : '');
}

export const MASKED_PHONE = /^\d{2,3}\*{4}\d{4}$/;
export const MASKED_ID = /^\*{4,}[0-9X]{4}$/;

export interface OwnerPii {
  phoneHash?: string;
  phoneLast4Hash?: string;
  phoneMasked?: string;
  idHash?: string;
  idLast4Hash?: string;
  idMasked?: string;
}

export function phonePii(phone: string): OwnerPii {
  return { phoneHash: piiHash('phone', phone), phoneLast4Hash: piiHash('last4', last4(phone)), phoneMasked: maskPhone(phone) };
}
export function idPii(id: string): OwnerPii {
  return { idHash: piiHash('id', id), idLast4Hash: piiHash('last4', last4(id)), idMasked: maskId(id) };
}
/** The hash a claimant's "last 4" is compared with (same purpose for phone and ID: one comparison). */
export const last4Hash = (digits: string) => piiHash('last4', digits.toUpperCase());
