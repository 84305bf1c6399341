// Checks of the review claim (mirroring the server's schema); each returns an i18n key or null.
import type { MessageKey } from '../../i18n/zh';
import { checkOwnerName } from '../../services/validation';

export type Proof = 'phone4' | 'id';
export interface ReviewDraft {
  ownerName: string;
  proof: Proof;
  last4: string;
  idNumber: string;
}
export type ReviewErrors = Partial<Record<'ownerName' | 'last4' | 'idNumber', MessageKey>>;

export const checkPhone4 = (v: string): MessageKey | null => (/^[0-9]{4}$/.test(v) ? null : 'bind.err.last4');
export const checkIdNumber = (v: string): MessageKey | null => (/^([0-9]{17}[0-9X]|[0-9]{15})$/.test(v.trim().toUpperCase()) ? null : 'bind.err.idNumber');

export function checkReview(d: ReviewDraft): ReviewErrors {
  const errors: ReviewErrors = {};
  const name = checkOwnerName(d.ownerName);
  if (name) errors.ownerName = name;
  const num = d.proof === 'phone4' ? checkPhone4(d.last4) : checkIdNumber(d.idNumber);
  if (num) errors[d.proof === 'phone4' ? 'last4' : 'idNumber'] = num;
  return errors;
}
