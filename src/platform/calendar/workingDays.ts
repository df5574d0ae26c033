/**
 * Working-day calendar (工作日历), domain.md §3.
 *
 * Working day = Monday-Friday, minus statutory holidays and 调休 rest days, plus 调休
 * make-up working days. The arrangement is data (config/holidays.yaml) published each
 * year by the State Council; a day outside the years in the data cannot be known, so every
 * computation that touches such a day says so (`beyondCoverage`). Outside the data, the
 * statutory holidays fixed by law (statutoryHolidays.ts) are still rest days: only bridge days
 * and 调休 are unknown, so such dates are provisional, never plain Monday-Friday.
 */
import { z } from 'zod';
import { addDays, assertIsoDate, isIsoDate, isWeekend, yearOf, type IsoDate } from './dates';
import { statutoryHolidays } from './statutoryHolidays';

export { toShanghaiDate, type IsoDate } from './dates';

const dateSchema = z.string({ error: 'must be a date YYYY-MM-DD' }).refine(isIsoDate, 'must be a real calendar date YYYY-MM-DD');
const rangeSchema = z.strictObject({ from: dateSchema, to: dateSchema });
const restEntrySchema = z.union([dateSchema, rangeSchema], { error: 'must be a date YYYY-MM-DD or a range {from, to}' });

const holidaySchema = z.strictObject({
  /** e.g. 春节; shown to staff when a deadline moves because of it. */
  name: z.string().trim().min(1, 'must not be empty'),
  rest: z.array(restEntrySchema).default([]),
  work: z.array(dateSchema).default([]),
});

/** One year's arrangement: an item of `years`, and the file `wenzheng calendar import` reads. */
export const holidayYearSchema = z.strictObject({
  year: z.number().int().min(1990).max(2200),
  /** The notice the dates come from, so an auditor can check them. */
  source: z.string().trim().min(1, 'must cite the notice the dates come from'),
  holidays: z.array(holidaySchema),
});

/** Schema of config/holidays.yaml; exported so the app validates the file at start-up. */
export const holidayCalendarSchema = z
  .strictObject({
    years: z.array(holidayYearSchema).min(1, 'must list at least one year'),
  })
  .superRefine((data, ctx) => {
    const years = data.years;
    for (let i = 1; i < years.length; i++) {
      // Coverage is "first year .. last year"; a gap would make a missing year look covered.
      if (years[i]!.year !== years[i - 1]!.year + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['years', i, 'year'],
          message: `must be ${years[i - 1]!.year + 1}: years must be consecutive and in order`,
        });
      }
    }
    years.forEach((y, yi) => {
      const restAt = new Map<IsoDate, string>();
      const checkYear = (date: string, path: (string | number)[]) => {
        if (isIsoDate(date) && yearOf(date) !== y.year) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${y.year}` });
        }
      };
      y.holidays.forEach((h, hi) => {
        h.rest.forEach((entry, ri) => {
          const base = ['years', yi, 'holidays', hi, 'rest', ri];
          if (typeof entry === 'string') {
            checkYear(entry, base);
            restAt.set(entry, `years[${yi}].holidays[${hi}].rest[${ri}]`);
            return;
          }
          checkYear(entry.from, [...base, 'from']);
          checkYear(entry.to, [...base, 'to']);
          if (entry.to < entry.from) {
            ctx.addIssue({ code: 'custom', path: [...base, 'to'], message: `must not be before from (${entry.from})` });
            return;
          }
          for (let d = entry.from; d <= entry.to; d = addDays(d, 1)) restAt.set(d, `years[${yi}].holidays[${hi}].rest[${ri}]`);
        });
      });
      y.holidays.forEach((h, hi) => {
        h.work.forEach((date, wi) => {
          const path = ['years', yi, 'holidays', hi, 'work', wi];
          checkYear(date, path);
          if (!isWeekend(date)) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `${date} is a weekday: a make-up working day (调休上班) must be a Saturday or Sunday`,
            });
          }
          const clash = restAt.get(date);
          if (clash) ctx.addIssue({ code: 'custom', path, message: `${date} is also a rest day (${clash}); a date cannot be both` });
        });
      });
    });
  });

export type HolidayCalendarData = z.output<typeof holidayCalendarSchema>;

/** A date computed by counting working days, and whether the data could vouch for it. */
export interface CalendarResult {
  date: IsoDate;
  /** True when a day counted or the result lies outside the years in the data. */
  beyondCoverage: boolean;
}

export interface WorkingDaysCount {
  days: number;
  beyondCoverage: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  working: boolean;
  /**
   * False outside the years in the data: the day is then provisional (statutory holidays by law,
   * else the Monday-Friday guess; the year's notice may add bridge days and 调休).
   */
  covered: boolean;
  /** The holiday the rest day or make-up day belongs to, e.g. 春节. */
  holiday?: string;
}

export interface CountOptions {
  /**
   * Days that are not counted even if they are working days, e.g. while a disclosure
   * request is paused for consultation (Art. 32/34).
   */
  isExcluded?: (date: IsoDate) => boolean;
}

/** Longest span we walk before concluding the caller excluded every day. */
const MAX_SPAN_DAYS = 366 * 20;

export class WorkingDayCalendar {
  /** First and last date the data vouches for (1 Jan of the first year, 31 Dec of the last). */
  readonly coveredFrom: IsoDate;
  readonly coveredUntil: IsoDate;
  /** The last year whose published arrangement is in the data. */
  readonly lastYear: number;
  /** Statutory holidays of years outside the data, projected once per year. */
  private readonly projected = new Map<number, ReadonlyMap<IsoDate, string>>();

  private constructor(
    private readonly restDays: ReadonlyMap<IsoDate, string>,
    private readonly workDays: ReadonlyMap<IsoDate, string>,
    firstYear: number,
    lastYear: number,
  ) {
    this.coveredFrom = `${String(firstYear).padStart(4, '0')}-01-01`;
    this.coveredUntil = `${String(lastYear).padStart(4, '0')}-12-31`;
    this.lastYear = lastYear;
  }

  private projectedHoliday(date: IsoDate): string | undefined {
    const year = yearOf(date);
    let days = this.projected.get(year);
    if (!days) {
      days = new Map(statutoryHolidays(year).map((h) => [h.date, h.name]));
      this.projected.set(year, days);
    }
    return days.get(date);
  }

  /** Builds the calendar from data already validated by holidayCalendarSchema. */
  static fromData(data: HolidayCalendarData): WorkingDayCalendar {
    const rest = new Map<IsoDate, string>();
    const work = new Map<IsoDate, string>();
    for (const y of data.years) {
      for (const h of y.holidays) {
        for (const entry of h.rest) {
          if (typeof entry === 'string') rest.set(entry, h.name);
          else for (let d = entry.from; d <= entry.to; d = addDays(d, 1)) rest.set(d, h.name);
        }
        for (const d of h.work) work.set(d, h.name);
      }
    }
    const years = data.years.map((y) => y.year);
    return new WorkingDayCalendar(rest, work, Math.min(...years), Math.max(...years));
  }

  isCovered(date: IsoDate): boolean {
    assertIsoDate(date);
    return date >= this.coveredFrom && date <= this.coveredUntil;
  }

  /**
   * Whether `date` is a working day. Outside coverage this is only the Monday-Friday
   * guess: check isCovered (or use the counting methods, which flag it).
   */
  isWorkingDay(date: IsoDate): boolean {
    return this.describeDay(date).working;
  }

  describeDay(date: IsoDate): DayInfo {
    assertIsoDate(date);
    const covered = date >= this.coveredFrom && date <= this.coveredUntil;
    const holiday = covered ? this.restDays.get(date) : this.projectedHoliday(date);
    if (holiday !== undefined) return { date, kind: 'holiday', working: false, covered, holiday };
    const makeUp = this.workDays.get(date);
    if (makeUp !== undefined) return { date, kind: 'makeUpWorkday', working: true, covered, holiday: makeUp };
    return isWeekend(date) ? { date, kind: 'weekend', working: false, covered } : { date, kind: 'workday', working: true, covered };
  }

  /**
   * The n-th working day after `start`. The start day is not counted (a deadline "within
   * 7 working days of receipt" starts the day after receipt); days are walked one by one.
   * n = 0 returns `start` itself.
   */
  addWorkingDays(start: IsoDate, n: number, options: CountOptions = {}): CalendarResult {
    assertIsoDate(start, 'start');
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number >= 0, got ${n}`);
    let date = start;
    let beyondCoverage = false;
    let counted = 0;
    for (let steps = 0; counted < n; steps++) {
      if (steps > MAX_SPAN_DAYS)
        throw new RangeError(`addWorkingDays: no ${n} working days found within ${MAX_SPAN_DAYS} days of ${start}`);
      date = addDays(date, 1);
      if (!this.isCovered(date)) beyondCoverage = true;
      if (options.isExcluded?.(date)) continue;
      if (this.isWorkingDay(date)) counted++;
    }
    return { date, beyondCoverage };
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): CalendarResult {
    return this.addWorkingDays(date, 1);
  }

  /**
   * From 1 November (when the State Council usually publishes it) the next year's arrangement
   * should be in the data; said on /readyz and by `cases due` until it is loaded.
   */
  missingYearWarning(today: IsoDate): string | null {
    assertIsoDate(today, 'today');
    const year = yearOf(today);
    const needed = today.slice(5) >= '11-01' ? year + 1 : year;
    if (this.lastYear >= needed) return null;
    return `工作日历缺少${needed}年的节假日安排（现有数据至${this.lastYear}年）：${needed}年的期限除法定节假日外暂按周一至周五推算。国务院办公厅通知发布后，请用 wenzheng calendar import 导入。`;
  }

  /** `date` itself when it is a working day, else the next one: where a deadline on a rest day moves to. */
  workingDayOnOrAfter(date: IsoDate): CalendarResult {
    assertIsoDate(date);
    if (this.isWorkingDay(date)) return { date, beyondCoverage: !this.isCovered(date) };
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days in (a, b]: the count such that addWorkingDays(a, count) lands on b when b
   * is a working day. Negative when b is before a.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate, options: CountOptions = {}): WorkingDaysCount {
    assertIsoDate(a, 'a');
    assertIsoDate(b, 'b');
    if (b < a) {
      const reverse = this.workingDaysBetween(b, a, options);
      return { days: -reverse.days, beyondCoverage: reverse.beyondCoverage };
    }
    let days = 0;
    let beyondCoverage = false;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
      if (!this.isCovered(d)) beyondCoverage = true;
      if (options.isExcluded?.(d)) continue;
      if (this.isWorkingDay(d)) days++;
    }
    return { days, beyondCoverage };
  }
}
