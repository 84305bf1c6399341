/**
 * China time (UTC+8, no daylight saving since 1991): the clock of every deadline, paper notice and "once per day"
 * rule, whatever the server's or the phone's own time zone. Pure functions on dayjs with a fixed offset, so the
 * server and the mini-program print the same minute for the same instant.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const CHINA_UTC_OFFSET_MIN = 480;
const DAY_MS = 86_400_000;
const OFFSET_MS = CHINA_UTC_OFFSET_MIN * 60_000;

const inChina = (at: Date | string | number) => dayjs(at).utcOffset(CHINA_UTC_OFFSET_MIN);
const valid = (at: Date | string | number) => !Number.isNaN(new Date(at).getTime());

/** "2026-12-01" — the China calendar day of an instant. */
export const chinaDate = (at: Date | string | number): string => (valid(at) ? inChina(at).format('YYYY-MM-DD') : '');

/** "2026-12-01 18:00" — minutes, as residents read them on a notice or a deadline. */
export const chinaDateTime = (at: Date | string | number): string => (valid(at) ? inChina(at).format('YYYY-MM-DD HH:mm') : '');

/** The instants that begin and end the China calendar day holding `at` ([start, end)). */
export function chinaDayBounds(at: Date): { start: Date; end: Date; label: string } {
  const startLocal = Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS;
  return { start: new Date(startLocal - OFFSET_MS), end: new Date(startLocal - OFFSET_MS + DAY_MS), label: chinaDate(at) };
}

/** The last millisecond of a China calendar day given as "YYYY-MM-DD" (a planned finish date counts to its end). */
export const chinaEndOfDay = (ymd: string): Date => new Date(Date.parse(`${ymd}T00:00:00.000Z`) - OFFSET_MS + DAY_MS - 1);

/** Whole seconds from `at` until the next China midnight (never 0: a key set at midnight lives one day). */
export const secondsToNextChinaDay = (at: Date): number => Math.ceil((DAY_MS - ((at.getTime() + OFFSET_MS) % DAY_MS)) / 1000);
