import { join } from 'node:path';
import type { ConfigError } from '../../config';
import { loadConfig } from '../../config';
import { loadHolidayCalendar } from '../../src/platform/data/holidayCalendar';
import {
  describeServiceHours,
  formatLocalMoment,
  isWithinServiceHours,
  nextOpening,
  parseServiceHours,
  zonedInstant,
} from '../../src/handoff/serviceHours';

const calendar = loadHolidayCalendar(join(__dirname, '../../config/holidays.yaml'));
/** A wall-clock time in Shanghai. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('service hours (WENZHENG_SERVICE_HOURS)', () => {
  const office = parseServiceHours('Mon-Fri 08:30-17:30');

  it('are open on working days within the window, closed before, after, at weekends', () => {
    expect(isWithinServiceHours(cst('2026-11-25T10:00:00'), office, calendar)).toBe(true); // Wednesday
    expect(isWithinServiceHours(cst('2026-11-25T08:29:59'), office, calendar)).toBe(false);
    expect(isWithinServiceHours(cst('2026-11-25T08:30:00'), office, calendar)).toBe(true);
    expect(isWithinServiceHours(cst('2026-11-25T17:30:00'), office, calendar)).toBe(false); // the end is exclusive
    expect(isWithinServiceHours(cst('2026-11-28T10:00:00'), office, calendar)).toBe(false); // Saturday
  });

  it('follow the holiday calendar: closed on statutory holidays, open on make-up working days (调休)', () => {
    expect(isWithinServiceHours(cst('2026-10-05T10:00:00'), office, calendar)).toBe(false); // Monday in 国庆节
    expect(isWithinServiceHours(cst('2026-10-10T10:00:00'), office, calendar)).toBe(true); // Saturday, 调休上班
    expect(isWithinServiceHours(cst('2026-09-20T10:00:00'), office, calendar)).toBe(true); // Sunday, 调休上班
  });

  it('say when operators answer next: over a weekend, over a long holiday, later the same day', () => {
    expect(nextOpening(cst('2026-11-27T18:00:00'), office, calendar)).toEqual(cst('2026-11-30T08:30:00'));
    expect(nextOpening(cst('2026-09-30T18:00:00'), office, calendar)).toEqual(cst('2026-10-08T08:30:00'));
    expect(nextOpening(cst('2026-11-25T07:00:00'), office, calendar)).toEqual(cst('2026-11-25T08:30:00'));
    expect(nextOpening(cst('2026-11-25T10:00:00'), office, calendar)).toBeNull();
    expect(formatLocalMoment(cst('2026-11-30T08:30:00'))).toBe('11月30日（周一）08:30');
  });

  it('support a 24/7 hotline, split windows, several rules and literal every-day rules', () => {
    const always = parseServiceHours('always');
    expect(isWithinServiceHours(cst('2026-10-01T03:00:00'), always, calendar)).toBe(true);
    expect(nextOpening(cst('2026-10-01T03:00:00'), always, calendar)).toBeNull();
    expect(describeServiceHours(always)).toBe('全天24小时');

    const split = parseServiceHours('Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00');
    expect(isWithinServiceHours(cst('2026-11-25T12:30:00'), split, calendar)).toBe(false);
    expect(nextOpening(cst('2026-11-25T12:30:00'), split, calendar)).toEqual(cst('2026-11-25T13:30:00'));
    expect(isWithinServiceHours(cst('2026-11-28T10:00:00'), split, calendar)).toBe(true);
    expect(describeServiceHours(split)).toBe('周一至周五 08:30-12:00、13:30-17:30；周六 09:00-12:00（法定节假日除外）');

    const daily = parseServiceHours('daily 00:00-24:00');
    expect(isWithinServiceHours(cst('2026-10-01T23:59:00'), daily, calendar)).toBe(true);
    const workdays = parseServiceHours('workdays 09:00-17:00');
    expect(isWithinServiceHours(cst('2026-10-10T10:00:00'), workdays, calendar)).toBe(true);
    expect(isWithinServiceHours(cst('2026-10-06T10:00:00'), workdays, calendar)).toBe(false);
  });

  it('are read in the configured time zone', () => {
    const berlin = parseServiceHours('Mon-Fri 09:00-17:00');
    // 09:30 in Berlin (CET, UTC+1) on Wednesday 25 November is 16:30 in Shanghai.
    const at = new Date('2026-11-25T08:30:00Z');
    expect(isWithinServiceHours(at, berlin, calendar, 'Europe/Berlin')).toBe(true);
    expect(isWithinServiceHours(at, berlin, calendar, 'Asia/Shanghai')).toBe(true);
    expect(isWithinServiceHours(new Date('2026-11-25T01:30:00Z'), berlin, calendar, 'Europe/Berlin')).toBe(false);
    expect(zonedInstant('2026-07-01', 9 * 60, 'Europe/Berlin')).toEqual(new Date('2026-07-01T07:00:00Z')); // summer time
  });

  it('refuse malformed values with a message that says what is wrong', () => {
    expect(() => parseServiceHours('')).toThrow(/must not be empty/);
    expect(() => parseServiceHours('Mon-Fri')).toThrow(/DAYS and times/);
    expect(() => parseServiceHours('Mon-Fry 08:30-17:30')).toThrow(/"Fry" is not a day/);
    expect(() => parseServiceHours('Mon-Fri 17:30-08:30')).toThrow(/end must be after the start/);
    expect(() => parseServiceHours('Mon-Fri 08:30-25:00')).toThrow(/not a time of day/);
  });

  it('are configuration: a wrong value stops the start naming the variable', () => {
    expect(loadConfig({}).hotline).toMatchObject({ timeZone: 'Asia/Shanghai', handoffIdleMinutes: 20, ratingDays: 7, extraCategories: [] });
    expect(loadConfig({}).hotline.serviceHours.text).toBe('Mon-Fri 08:30-17:30');
    expect(loadConfig({ WENZHENG_HOTLINE_CATEGORIES: 'praise:表扬, other:其他' }).hotline.extraCategories).toEqual([
      { code: 'praise', label: '表扬' },
      { code: 'other', label: '其他' },
    ]);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ WENZHENG_SERVICE_HOURS: 'weekdays 9-5' })).toEqual([expect.stringMatching(/^WENZHENG_SERVICE_HOURS: /)]);
    expect(problems({ WENZHENG_SERVICE_HOURS: 'weekdays 9-5' })[0]).not.toContain('weekdays 9-5');
    expect(problems({ WENZHENG_TIMEZONE: 'Mars/Olympus' })).toEqual([
      expect.stringMatching(/^WENZHENG_TIMEZONE: must be an IANA time zone/),
    ]);
    expect(problems({ WENZHENG_HANDOFF_IDLE_MINUTES: '0' })).toEqual([
      expect.stringMatching(/^WENZHENG_HANDOFF_IDLE_MINUTES: must be at least 1/),
    ]);
    expect(problems({ WENZHENG_HOTLINE_CATEGORIES: '表扬' })).toEqual([
      expect.stringMatching(/^WENZHENG_HOTLINE_CATEGORIES\[0\]: must be code:label pairs/),
    ]);
  });
});
