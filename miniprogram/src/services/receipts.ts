import Taro from '@tarojs/taro';
import type { Receipt } from './types';

/** Vote receipts are kept on the device too, so a resident can show or verify them later without a network. */
const KEY = 'gz.receipts';
const MAX = 100;

export interface SavedReceipt {
  consultationId: string;
  consultationTitle: string;
  dwellingId: string;
  dwellingLabel: string;
  receiptCode: string;
  seq: number;
  castAt: string;
  savedAt: string;
}

export function savedReceipts(): SavedReceipt[] {
  try {
    const v = Taro.getStorageSync(KEY);
    return Array.isArray(v) ? (v as SavedReceipt[]) : [];
  } catch {
    return [];
  }
}

/** Newest first; a re-sent receipt (same code) replaces the old entry. */
export function saveReceipt(r: Receipt, consultationTitle: string, dwellingLabel: string): SavedReceipt {
  const entry: SavedReceipt = {
    consultationId: r.consultationId,
    consultationTitle,
    dwellingId: r.dwellingId,
    dwellingLabel,
    receiptCode: r.receiptCode,
    seq: r.seq,
    castAt: r.castAt,
    savedAt: new Date().toISOString(),
  };
  const rest = savedReceipts().filter((x) => x.receiptCode !== r.receiptCode);
  Taro.setStorageSync(KEY, [entry, ...rest].slice(0, MAX));
  return entry;
}

export const receiptsFor = (consultationId: string) => savedReceipts().filter((r) => r.consultationId === consultationId);
