/**
 * Date and time pickers show China time "YYYY-MM-DD" and "HH:mm" (the clock of the notice on the wall), whatever
 * the zone of the phone or PC a staff member uses; the API takes ISO instants.
 */
import { chinaDate, chinaDateTime, CHINA_UTC_OFFSET_MIN } from '@gongzhi/shared';

export const localDate = (d: Date): string => chinaDate(d);

export const localTime = (d: Date): string => chinaDateTime(d).slice(11);

/** "2026-12-01" + "18:30" (China time) → Date, or null when either part is malformed. */
export function joinLocal(date: string, time: string): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const utc = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]), 0, 0);
  const d = new Date(utc - CHINA_UTC_OFFSET_MIN * 60_000);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Rounds up to the next whole `minutes` (pickers show minutes; seconds would be invisible). */
export function ceilToMinutes(d: Date, minutes: number): Date {
  const step = minutes * 60_000;
  return new Date(Math.ceil(d.getTime() / step) * step);
}

export const addHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
export const addDays = (d: Date, days: number) => addHours(d, days * 24);
