// Public surface of the identity domain: other domains import only from here (dependency-cruiser enforces it).
export { updateAlerts } from './alerts/notify';
export type { AlertItem } from './alerts/model';
export { audit } from './audit';
export { usersByIds } from './lookup';
export type { UserInfo } from './lookup';
export { DEV_PHONE_PREFIX, takeDevPhoneCode } from './devPhone';
export { User } from './model';
export {
  MASKED_ID,
  MASKED_PHONE,
  idChecksumOk,
  idPii,
  last4Hash,
  maskName,
  maskPhone,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  phonePii,
  piiHash,
} from './pii';
export type { OwnerPii } from './pii';
export { hasRoleInScope, isAdmin } from './scope';
