/**
 * When human operators answer (人工服务时间), as configuration: WENZHENG_SERVICE_HOURS.
 *
 *   always                                  a 24/7 hotline
 *   Mon-Fri 08:30-17:30                     rules separated by ";", each "DAYS WINDOW[,WINDOW]"
 *   Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00
 *
 * DAYS is `daily` (every day, holidays included), `workdays` (working days of the holiday
 * calendar) or weekday names and ranges (Mon Tue Wed Thu Fri Sat Sun, `Mon-Fri`, `Sat,Sun`).
 * Weekday names follow the holiday calendar: on a statutory rest day (法定节假日 and 调休
 * rest days) they do not apply, and a make-up working day (调休上班, a Saturday or Sunday) opens
 * with the hours of any rule that names a day from Monday to Friday. So "Mon-Fri 08:30-17:30"
 * means the working days of the calendar. Times are wall-clock times in the city's time zone
 * (WENZHENG_TIMEZONE, Asia/Shanghai by default); a window may end at 24:00.
 *
 * Everything here is pure: the instant, the hours and the calendar come in as arguments.
 */
import { addDays, WEEKDAY_NAMES_ZH, type IsoDate } from '../platform/calendar/dates';
import type { WorkingDayCalendar } from '../platform/calendar/workingDays';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_SERVICE_HOURS = 'Mon-Fri 08:30-17:30';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export type DaySpec = { kind: 'daily' } | { kind: 'workdays' } | { kind: 'weekdays'; days: readonly number[] };

/** Minutes after local midnight, [from, to). */
export interface Window {
  from: number;
  to: number;
}

export interface HoursRule {
  days: DaySpec;
  windows: readonly Window[];
}

export type ServiceHours = { kind: 'always'; text: string } | { kind: 'rules'; rules: readonly HoursRule[]; text: string };

function parseTime(text: string, allow24: boolean): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a time HH:MM`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes !== 0 || !allow24)))
    throw new Error(`"${text}" is not a time of day (00:00-${allow24 ? '24:00' : '23:59'})`);
  return hours * 60 + minutes;
}

function parseDays(text: string): DaySpec {
  const lower = text.toLowerCase();
  if (lower === 'daily') return { kind: 'daily' };
  if (lower === 'workdays') return { kind: 'workdays' };
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b, ...rest] = part.split('-');
    const index = (name: string | undefined) => {
      const i = DAY_NAMES.findIndex((d) => d.toLowerCase() === (name ?? '').trim().toLowerCase());
      if (i < 0) throw new Error(`"${name ?? ''}" is not a day: use Mon Tue Wed Thu Fri Sat Sun, daily or workdays`);
      return i;
    };
    if (rest.length) throw new Error(`"${part}" is not a day range such as Mon-Fri`);
    const from = index(a);
    if (b === undefined) {
      days.add(from);
      continue;
    }
    const to = index(b);
    // Mon-Fri, and ranges that wrap around the week such as Fri-Mon.
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return { kind: 'weekdays', days: [...days].sort() };
}

/** Parses WENZHENG_SERVICE_HOURS; throws an Error whose message says what is wrong. */
export function parseServiceHours(input: string): ServiceHours {
  const text = input.trim();
  if (text === '') throw new Error('must not be empty: use "always" or e.g. "Mon-Fri 08:30-17:30"');
  if (text.toLowerCase() === 'always') return { kind: 'always', text };
  const rules: HoursRule[] = [];
  for (const raw of text.split(';')) {
    const rule = raw.trim();
    if (rule === '') continue;
    const m = /^(\S+)\s+(\S+)$/.exec(rule);
    if (!m) throw new Error(`"${rule}" must be DAYS and times, e.g. "Mon-Fri 08:30-17:30"`);
    const windows = m[2].split(',').map((w) => {
      const [from, to, ...rest] = w.split('-');
      if (to === undefined || rest.length) throw new Error(`"${w}" is not a time window such as 08:30-17:30`);
      const window = { from: parseTime(from, false), to: parseTime(to, true) };
      if (window.to <= window.from) throw new Error(`"${w}": the end must be after the start`);
      return window;
    });
    rules.push({ days: parseDays(m[1]), windows });
  }
  if (rules.length === 0) throw new Error('must name at least one rule, e.g. "Mon-Fri 08:30-17:30"');
  return { kind: 'rules', rules, text };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Wall-clock time in a time zone

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date and minute of the day of an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string): { date: IsoDate; minutes: number; seconds: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/** Milliseconds the zone is ahead of UTC at the instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc =
    Date.UTC(Number(w.date.slice(0, 4)), Number(w.date.slice(5, 7)) - 1, Number(w.date.slice(8, 10))) +
    w.minutes * 60_000 +
    w.seconds * 1000;
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of a local date and minute of the day (24:00 = next midnight). */
export function zonedInstant(date: IsoDate, minutes: number, timeZone: string): Date {
  const local = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + minutes * 60_000;
  let guess = local - offsetMs(new Date(local), timeZone);
  // Once more, in case the guess crossed an offset change (daylight saving elsewhere than China).
  guess = local - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

// ---------------------------------------------------------------------------------------
// Open or closed

function ruleApplies(days: DaySpec, date: IsoDate, calendar: WorkingDayCalendar): boolean {
  if (days.kind === 'daily') return true;
  const info = calendar.describeDay(date);
  if (days.kind === 'workdays') return info.working;
  if (info.kind === 'holiday') return false;
  if (info.kind === 'makeUpWorkday') return days.days.some((d) => d >= 1 && d <= 5);
  return days.days.includes(new Date(`${date}T00:00:00Z`).getUTCDay());
}

/** The opening windows of one local date, as instants, earliest first. */
function windowsOn(
  date: IsoDate,
  hours: Extract<ServiceHours, { kind: 'rules' }>,
  calendar: WorkingDayCalendar,
  timeZone: string,
): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (const rule of hours.rules) {
    if (!ruleApplies(rule.days, date, calendar)) continue;
    for (const w of rule.windows) out.push({ start: zonedInstant(date, w.from, timeZone), end: zonedInstant(date, w.to, timeZone) });
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export function isWithinServiceHours(now: Date, hours: ServiceHours, calendar: WorkingDayCalendar, timeZone = DEFAULT_TIME_ZONE): boolean {
  if (hours.kind === 'always') return true;
  const today = wallClock(now, timeZone).date;
  // A window of yesterday may run past midnight only at 24:00, which is today 00:00: today's windows suffice.
  return windowsOn(today, hours, calendar, timeZone).some((w) => w.start <= now && now < w.end);
}

/** How far ahead to look for the next opening (a long holiday is at most about 10 days). */
const LOOKAHEAD_DAYS = 60;

/** When operators answer next: null while they are answering now, or when the hours never open. */
export function nextOpening(now: Date, hours: ServiceHours, calendar: WorkingDayCalendar, timeZone = DEFAULT_TIME_ZONE): Date | null {
  if (isWithinServiceHours(now, hours, calendar, timeZone) || hours.kind === 'always') return null;
  const today = wallClock(now, timeZone).date;
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const next = windowsOn(addDays(today, i), hours, calendar, timeZone).find((w) => w.start > now);
    if (next) return next.start;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// In words, for citizens

const CHINESE_DAY = ['日', '一', '二', '三', '四', '五', '六'];

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function describeDays(days: DaySpec): string {
  if (days.kind === 'daily') return '每天';
  if (days.kind === 'workdays') return '工作日';
  const list = [...days.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const monToFri = [1, 2, 3, 4, 5];
  if (list.length === 5 && monToFri.every((d) => list.includes(d))) return '周一至周五';
  if (list.length === 7) return '每天（法定节假日除外）';
  return list.map((d) => `周${CHINESE_DAY[d]}`).join('、');
}

/** "周一至周五 08:30-17:30（法定节假日除外）" */
export function describeServiceHours(hours: ServiceHours): string {
  if (hours.kind === 'always') return '全天24小时';
  const parts = hours.rules.map((r) => `${describeDays(r.days)} ${r.windows.map((w) => `${hhmm(w.from)}-${hhmm(w.to)}`).join('、')}`);
  const weekdayRules = hours.rules.some((r) => r.days.kind !== 'daily');
  return `${parts.join('；')}${weekdayRules ? '（法定节假日除外）' : ''}`;
}

/** "11月26日（周四）08:30" in the zone. */
/** 2026-12-06 11:24（北京时间）: a moment on the city's clock, for staff-facing reports. */
export function localDateTime(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClock(instant, timeZone);
  return `${w.date} ${hhmm(w.minutes)}${timeZone === 'Asia/Shanghai' ? '（北京时间）' : `（${timeZone}）`}`;
}

export function formatLocalMoment(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const w = wallClock(instant, timeZone);
  const weekday = WEEKDAY_NAMES_ZH[new Date(`${w.date}T00:00:00Z`).getUTCDay()];
  return `${Number(w.date.slice(5, 7))}月${Number(w.date.slice(8, 10))}日（${weekday}）${hhmm(w.minutes)}`;
}
