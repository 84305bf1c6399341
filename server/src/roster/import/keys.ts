import { createHash } from 'node:crypto';
import { piiHash } from '../../identity';
import type { OwnerDoc } from '../model';

/** "1栋" / "1号楼" / "1幢" / "1" all mean building 1; "2单元" / "2门" / "2" mean entrance 2. */
export function buildingKey(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/(号楼|号|栋|幢|座|楼)$/, '')
    .toUpperCase();
}
export function entranceKey(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/(单元|门|号)$/, '')
    .toUpperCase();
}
/** Room numbers compare without spaces, full-width digits or a trailing 室/号. */
export function normalizeRoom(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/(室|号)$/, '')
    .toUpperCase();
}

/** Readable codes when the label is short and alphanumeric, otherwise a stable digest of it. */
function codePart(key: string): string {
  if (/^[A-Z0-9]{1,10}$/.test(key)) return key;
  return 'H' + createHash('sha256').update(key).digest('hex').slice(0, 8).toUpperCase();
}
export const buildingCodeOf = (complexCode: string, label: string) => `${complexCode}-B${codePart(buildingKey(label))}`;
export const entranceCodeOf = (buildingCode: string, label: string) => `${buildingCode}-U${codePart(entranceKey(label))}`;

/** Display names: bare numbers get the usual suffix ("1" → "1栋", "2" → "2单元"). */
export const buildingDisplayName = (label: string) => (/^\d+$/.test(label.trim()) ? `${label.trim()}栋` : label.trim());
export const entranceDisplayName = (label: string) => (/^\d+$/.test(label.trim()) ? `${label.trim()}单元` : label.trim());

/**
 * The Civil Code headcount group of a dwelling:
 * - all developer-held units of a complex share `developer:<complexCode>`;
 * - otherwise the owner set: each owner is identified by the ID hash, else name + phone hash; the same set of
 *   owners on several dwellings shares one key (a co-owned dwelling is one key, one ballot);
 * - an owner with neither phone nor ID cannot be recognised elsewhere: the dwelling counts alone.
 * Keys are keyed hashes (PII_SECRET), so they reveal nothing about the owners.
 */
export function headcountKeyOf(complexCode: string, dwellingKey: string, developerHeld: boolean, owners: OwnerDoc[]): string {
  if (developerHeld) return `developer:${complexCode}`;
  const ids = owners.map((o) => (o.idHash ? `id:${o.idHash}` : o.phoneHash ? `np:${o.nameKey}|${o.phoneHash}` : null));
  if (ids.length === 0 || ids.some((x) => x === null)) return `unit:${piiHash('unit', `${complexCode}|${dwellingKey}`).slice(0, 32)}`;
  return `owner:${piiHash('headcount', [...ids].sort().join('&')).slice(0, 32)}`;
}
