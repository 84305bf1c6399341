// The append-only, hash-chained ballot log: canonical JSON, entry hashes, receipt codes and chain verification.
// Pure JS (SHA-256 from @noble/hashes), so the mini-program can verify a published log exactly as the server does.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

export * from './ballotReplay';
export * from './consultationTally';
export * from './ballotIntegrity';
export * from './ballotResult';

/** prevHash of the first entry. */
export const BALLOT_LOG_GENESIS = '0'.repeat(64);
export const BALLOT_LOG_VERSION = 1;

import { canonicalJson } from './canonicalJson';

export { canonicalJson };

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

export interface BallotLogLink {
  consultationId: string;
  seq: number;
  prevHash: string;
  /** The entry's content (type, dwelling, answers, time …): everything the hash protects besides the links. */
  body: Record<string, unknown>;
  /**
   * v2 entries: a random salt kept by the server. The hash then covers the public part of the body plus a salted
   * digest of the private part (who acted, file ids, notes), so the anonymised log still verifies.
   */
  salt?: string;
  /** v2, as published: the private part's digest instead of the private fields and the salt. */
  privateDigest?: string;
}
export interface BallotLogEntry extends BallotLogLink {
  hash: string;
}

/** Body members that name people or files: never in the published log, committed to by a salted digest (v2). */
export const PRIVATE_BODY_KEYS = ['actorId', 'castId', 'photoFileId', 'note', 'closedBy'] as const;

export function splitBody(body: Record<string, unknown>): { publicBody: Record<string, unknown>; privateBody: Record<string, unknown> } {
  const publicBody: Record<string, unknown> = {};
  const privateBody: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) ((PRIVATE_BODY_KEYS as readonly string[]).includes(k) ? privateBody : publicBody)[k] = v;
  return { publicBody, privateBody };
}

export const privateBodyDigest = (salt: string, privateBody: Record<string, unknown>) => sha256Hex(canonicalJson([salt, privateBody]));

/**
 * v1: hash = SHA-256(canonical JSON of { v: 1, consultationId, seq, prevHash, body }).
 * v2: hash = SHA-256(canonical JSON of { v: 2, consultationId, seq, prevHash, body: public part, privateDigest }).
 */
export function ballotEntryHash(link: BallotLogLink): string {
  const base = { consultationId: link.consultationId, seq: link.seq, prevHash: link.prevHash };
  if (link.privateDigest !== undefined) return sha256Hex(canonicalJson({ v: 2, ...base, body: link.body, privateDigest: link.privateDigest }));
  if (link.salt === undefined) return sha256Hex(canonicalJson({ v: BALLOT_LOG_VERSION, ...base, body: link.body }));
  const { publicBody, privateBody } = splitBody(link.body);
  return sha256Hex(canonicalJson({ v: 2, ...base, body: publicBody, privateDigest: privateBodyDigest(link.salt, privateBody) }));
}

/** The voter's receipt: the first 16 hex digits of the entry hash, upper case, in groups of four. */
export function receiptCodeOf(hash: string): string {
  return hash
    .slice(0, 16)
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1-');
}
export const normalizeReceiptCode = (code: string): string => code.replace(/-/g, '').toUpperCase();

export interface ChainCheck {
  valid: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  brokenAtSeq: number | null;
  reason: string | null;
}

/** Recompute every hash and link in order (entries sorted by seq, starting at 1). The first defect is reported. */
export function verifyBallotChain(consultationId: string, entries: readonly BallotLogEntry[]): ChainCheck {
  let prev = BALLOT_LOG_GENESIS;
  const fail = (seq: number, reason: string, i: number): ChainCheck => ({
    valid: false,
    entries: entries.length,
    head: i > 0 ? { seq: entries[i - 1].seq, hash: entries[i - 1].hash } : null,
    brokenAtSeq: seq,
    reason,
  });
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.seq !== i + 1) return fail(i + 1, `第 ${i + 1} 条缺失或序号不连续（读到 ${e.seq}）`, i);
    if (e.consultationId !== consultationId) return fail(e.seq, `第 ${e.seq} 条不属于本次表决`, i);
    if (e.prevHash !== prev) return fail(e.seq, `第 ${e.seq} 条的前序哈希与第 ${e.seq - 1} 条不符`, i);
    let actual: string;
    try {
      actual = ballotEntryHash(e);
    } catch {
      return fail(e.seq, `第 ${e.seq} 条内容格式无效`, i);
    }
    if (actual !== e.hash) return fail(e.seq, `第 ${e.seq} 条内容与其哈希不符（记录被改动）`, i);
    prev = e.hash;
  }
  const last = entries[entries.length - 1];
  return { valid: true, entries: entries.length, head: last ? { seq: last.seq, hash: last.hash } : null, brokenAtSeq: null, reason: null };
}

export interface DigestDwelling {
  dwellingId: string;
  areaHundredths: number;
  headcountKey: string;
}

/** Digest of a frozen electorate (order-independent): recorded in the log's first entry. */
export function electorateDigest(dwellings: readonly DigestDwelling[]): string {
  const rows = dwellings.map((d) => [d.dwellingId, d.areaHundredths, d.headcountKey] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha256Hex(canonicalJson(rows));
}
