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

/** ISO timestamp → "2026-12-01 18:00" in the device's local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
