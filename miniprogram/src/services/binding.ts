// Issue 12 calls: the verified-phone claim, the owner's alerts ("this wasn't me") and the error codes they answer
// with. Shapes follow the server contract; the client turns every code into zh/bo text (no raw server text for bo).
import type { MessageKey } from '../i18n/zh';
import { api, ApiError, errorMessage, newIdempotencyKey } from './api';
import type { DwellingLabel } from '@gongzhi/shared';

const enc = encodeURIComponent;

export type ReviewReason = 'owner_review' | 'owner_mismatch' | 'no_roster_owner' | 'developer_unit' | 'non_owner' | 'phone_no_match';
export interface ClaimOutcome {
  id: string;
  status: 'active' | 'pending' | 'rejected' | 'suspended' | 'revoked';
  relation: 'owner' | 'family' | 'tenant';
  strength?: 'verified_phone' | 'reviewed' | null;
  reviewReason?: ReviewReason | null;
  message: string;
}

export interface ReviewClaimBody {
  dwellingId: string;
  relation: 'owner' | 'family' | 'tenant';
  ownerName?: string;
  last4?: string;
  idNumber?: string;
}

/** The 手机号快速验证 code goes with the claim; a roster match binds the owner at once. */
export const claimWithPhone = (dwellingId: string, phoneCode: string, key: string = newIdempotencyKey()) =>
  api.post<ClaimOutcome>('/api/claims/phone', { dwellingId, phoneCode }, { idempotencyKey: key });
export const claimForReview = (body: ReviewClaimBody, key: string = newIdempotencyKey()) =>
  api.post<ClaimOutcome>('/api/claims', body, { idempotencyKey: key });

/** Development H5 only (server with DEV_LOGIN): a code the dev server accepts in place of WeChat's. */
export const devPhoneCode = async (dwellingId: string) => (await api.post<{ code: string }>('/api/auth/dev-phone-code', { dwellingId })).code;

let devAvailable: Promise<boolean> | null = null;
/** Whether the dev stand-in may be offered: the same probe as the dev login picker (404 in production). */
export function devStandInAvailable(): Promise<boolean> {
  devAvailable ??= api.get('/api/auth/dev-users', undefined, { anonymous: true }).then(
    () => true,
    () => false,
  );
  return devAvailable;
}

export interface OwnerAlert {
  id: string;
  kind: 'owner_binding' | 'member_binding' | 'proxy';
  status: 'open' | 'disputed' | 'dismissed';
  dwelling: DwellingLabel;
  subjectRelation: 'owner' | 'family' | 'tenant' | 'proxy';
  subjectName: string;
  createdAt: string;
  decidedAt: string | null;
}

export const fetchAlerts = async () => (await api.get<{ items: OwnerAlert[] }>('/api/me/alerts')).items;
export const disputeAlert = (id: string) => api.post<OwnerAlert>(`/api/alerts/${enc(id)}/dispute`, {});
export const dismissAlert = (id: string) => api.post<OwnerAlert>(`/api/alerts/${enc(id)}/dismiss`);

/** Plain words for why a claim waits for the committee. */
export const REVIEW_REASON_KEYS: Record<ReviewReason, MessageKey> = {
  owner_review: 'bind.why.owner_review',
  owner_mismatch: 'bind.why.owner_mismatch',
  no_roster_owner: 'bind.why.no_roster_owner',
  developer_unit: 'bind.why.developer_unit',
  non_owner: 'bind.why.non_owner',
  phone_no_match: 'bind.why.phone_no_match',
};

const ERROR_KEYS: Record<string, MessageKey> = {
  PHONE_CODE_INVALID: 'bind.err.PHONE_CODE_INVALID',
  PHONE_NOT_ON_ROSTER: 'bind.err.PHONE_NOT_ON_ROSTER',
  PHONE_MATCHES_SEVERAL: 'bind.err.PHONE_MATCHES_SEVERAL',
  DEVELOPER_UNIT: 'bind.err.DEVELOPER_UNIT',
  ALREADY_BOUND: 'bind.err.ALREADY_BOUND',
  BINDING_SUSPENDED: 'bind.err.BINDING_SUSPENDED',
  CLAIM_PENDING: 'bind.err.CLAIM_PENDING',
  DWELLING_NOT_FOUND: 'bind.err.DWELLING_NOT_FOUND',
  PRIVACY_REQUIRED: 'bind.err.PRIVACY_REQUIRED',
  RATE_LIMITED: 'bind.err.RATE_LIMITED',
  WECHAT_UNAVAILABLE: 'bind.err.WECHAT_UNAVAILABLE',
  WECHAT_ERROR: 'bind.err.WECHAT_ERROR',
  NETWORK_ERROR: 'bind.err.NETWORK_ERROR',
  ALERT_NOT_FOUND: 'bind.err.ALERT_NOT_FOUND',
  ALERT_CLOSED: 'bind.err.ALERT_CLOSED',
  NOT_OWNER_ANYMORE: 'bind.err.NOT_OWNER_ANYMORE',
};

/** Codes after which the owner is offered the review path (the phone is not the roster's). */
export const OFFER_REVIEW = new Set(['PHONE_NOT_ON_ROSTER', 'PHONE_MATCHES_SEVERAL', 'DEVELOPER_UNIT']);

export const errorCode = (e: unknown) => (e instanceof ApiError ? e.code : null);

/** A refusal in plain words of the reader's language: these codes say what to do next; others as errorMessage does. */
export function explainError(t: (k: MessageKey) => string, e: unknown): string {
  const key = ERROR_KEYS[errorCode(e) ?? ''];
  return key ? t(key) : errorMessage(e);
}
