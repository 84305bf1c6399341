import { chinaDateTime } from '@gongzhi/shared';

/** Integer fen → "12,345.60" yuan, without Intl (missing on some WeChat Android engines). */
export function formatYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${negative ? '-' : ''}${yuan}${cents ? '.' + String(cents).padStart(2, '0') : ''}`;
}

/**
 * ISO timestamp → "2026-12-01 18:00" in China time, whatever the phone's zone: deadlines are legal times, and the
 * paper notice on the wall (server-side, same helper) must show the same minute.
 */
export function formatDateTime(iso: string): string {
  return chinaDateTime(iso) || iso;
}
