/** Date and time pickers give local "YYYY-MM-DD" and "HH:mm"; the API takes ISO instants. */

const pad = (n: number) => String(n).padStart(2, '0');

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function localTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026-12-01" + "18:30" (device local time) → Date, or null when either part is malformed. */
export function joinLocal(date: string, time: string): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const d = new Date(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]), 0, 0);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Rounds up to the next whole `minutes` (pickers show minutes; seconds would be invisible). */
export function ceilToMinutes(d: Date, minutes: number): Date {
  const step = minutes * 60_000;
  return new Date(Math.ceil(d.getTime() / step) * step);
}

export const addHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
export const addDays = (d: Date, days: number) => addHours(d, days * 24);
