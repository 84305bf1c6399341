import type { LogAnswer } from '@gongzhi/shared';

/**
 * The body fields of ballot-log entries that readers use. The log stores `body` as a plain object (it is exactly what
 * the hash covers), so every field is optional here and is checked where it matters.
 */
export interface LogBody {
  actorId?: string;
  at?: string;
  dwellingId?: string;
  answers?: LogAnswer[];
  decision?: string;
  disputedSeq?: number;
  paperSeq?: number;
  conflict?: unknown;
  photoFileId?: string;
  /** open: the frozen electorate's digest; close: why, how and by whom. */
  type?: string;
  electorateDigest?: string;
  reason?: string;
  kind?: string;
  closedBy?: string;
  /** resolve: the paper/electronic choice kept. */
  keep?: 'paper' | 'electronic';
}

/** The body of a log entry (a lean document or a raw driver row), read through the fields above. */
export function bodyOf(entry: object): LogBody;
export function bodyOf(entry: object | null | undefined): LogBody | undefined;
export function bodyOf(entry: object | null | undefined): LogBody | undefined {
  return entry ? (((entry as { body?: unknown }).body ?? {}) as LogBody) : undefined;
}
