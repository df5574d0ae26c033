/**
 * Calendar dates in the city's calendar (Asia/Shanghai), written 'YYYY-MM-DD'.
 *
 * Deadlines in the disclosure regulation and the hotline rules are counted in whole
 * calendar days as the citizen experiences them in China, so the domain works on
 * date strings, never on JS Date instants; instants are converted at the edge.
 */

/** A calendar date 'YYYY-MM-DD' in Asia/Shanghai. */
export type IsoDate = string;

/** China has used UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when year/month/day name a day that exists in the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Throws a RangeError naming the argument when `value` is not a real 'YYYY-MM-DD' date. */
export function assertIsoDate(value: unknown, name = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be a real calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
}

/** Milliseconds of the date's midnight read as UTC: a day number safe for arithmetic. */
function utcMs(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `n` calendar days after (or before, for negative n) `date`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtcMs(utcMs(date) + n * DAY_MS);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(utcMs(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The calendar date in Shanghai at the given instant. */
export function toShanghaiDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('toShanghaiDate: invalid Date');
  return fromUtcMs(ms + SHANGHAI_OFFSET_MS);
}

/** The instant at which the given Shanghai date begins (00:00 +08:00). */
export function shanghaiStartOfDay(date: IsoDate): Date {
  return new Date(utcMs(date) - SHANGHAI_OFFSET_MS);
}

/** The instant at which the given Shanghai date ends, i.e. 00:00 of the next day (exclusive bound). */
export function shanghaiEndOfDay(date: IsoDate): Date {
  return shanghaiStartOfDay(addDays(date, 1));
}

/** Weekday names in Chinese, for messages to citizens and staff. */
export const WEEKDAY_NAMES_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
