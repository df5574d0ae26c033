import { join } from 'node:path';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { addDays, dayOfWeek, shanghaiEndOfDay, shanghaiStartOfDay, toShanghaiDate } from '../../src/platform/calendar/dates';
import { statutoryHolidays } from '../../src/platform/calendar/statutoryHolidays';
import { loadHolidayCalendar, parseHolidayCalendar } from '../../src/platform/data/holidayCalendar';
import { holidayCalendarSchema, WorkingDayCalendar } from '../../src/platform/calendar/workingDays';

const HOLIDAYS = join(__dirname, '../../config/holidays.yaml');
const calendar = loadHolidayCalendar(HOLIDAYS);

describe('config/holidays.yaml', () => {
  it('covers 2025 and 2026 and nothing later (no 2027 arrangement has been published)', () => {
    expect(calendar.coveredFrom).toBe('2025-01-01');
    expect(calendar.coveredUntil).toBe('2026-12-31');
  });

  // Each year has 365 - 104 weekend days - 13 statutory holidays = 248 working days once
  // 调休 rest days and make-up days balance out; a typo in the file breaks this.
  it.each([2025, 2026])('%i has 248 working days', (year) => {
    expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`).days).toBe(248);
  });

  it.each([
    // 2025, 国办发明电〔2024〕12号
    ['2025-01-01', false],
    ['2025-01-26', true], // Sunday, make-up day for 春节
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true], // Saturday make-up
    ['2025-04-04', false],
    ['2025-04-27', true], // Sunday make-up for 劳动节
    ['2025-05-05', false],
    ['2025-06-02', false],
    ['2025-09-28', true], // Sunday make-up for 国庆节、中秋节
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-10-11', true], // Saturday make-up
    // 2026, notice of 2025-11-04
    ['2026-01-02', false],
    ['2026-01-04', true], // Sunday make-up for 元旦
    ['2026-02-14', true], // Saturday make-up for 春节
    ['2026-02-16', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday make-up
    ['2026-04-06', false],
    ['2026-05-05', false],
    ['2026-05-09', true], // Saturday make-up for 劳动节
    ['2026-06-19', false],
    ['2026-09-20', true], // Sunday make-up for 国庆节
    ['2026-09-25', false], // 中秋节
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday make-up
    ['2026-03-07', false], // ordinary Saturday
    ['2026-03-11', true], // ordinary Wednesday
  ])('%s working: %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('describes days for staff', () => {
    expect(calendar.describeDay('2026-10-01')).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      working: false,
      covered: true,
      holiday: '国庆节',
    });
    expect(calendar.describeDay('2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'makeUpWorkday',
      working: true,
      covered: true,
      holiday: '国庆节',
    });
    expect(calendar.describeDay('2026-03-07')).toEqual({ date: '2026-03-07', kind: 'weekend', working: false, covered: true });
    expect(calendar.describeDay('2027-01-04')).toEqual({ date: '2027-01-04', kind: 'workday', working: true, covered: false });
  });
});

describe('《全国年节及纪念日放假办法》(2025): statutory holidays of years without a published notice are provisional rest days', () => {
  it('projects each year from the 2025 rules, lunar and solar-term days from lunar-typescript', () => {
    const names = (year: number) => Object.fromEntries(statutoryHolidays(year).map((h) => [h.date, h.name]));
    expect(names(2027)).toEqual({
      '2027-01-01': '元旦',
      // 除夕 2027-02-05, 正月初一 2027-02-06 to 初三 2027-02-08
      '2027-02-05': '春节',
      '2027-02-06': '春节',
      '2027-02-07': '春节',
      '2027-02-08': '春节',
      '2027-04-05': '清明节',
      '2027-05-01': '劳动节',
      '2027-05-02': '劳动节',
      '2027-06-09': '端午节',
      '2027-09-15': '中秋节',
      '2027-10-01': '国庆节',
      '2027-10-02': '国庆节',
      '2027-10-03': '国庆节',
    });
    expect(names(2028)).toMatchObject({
      '2028-01-25': '春节',
      '2028-01-28': '春节',
      '2028-04-04': '清明节',
      '2028-05-28': '端午节',
      '2028-10-03': '国庆节',
    });
    expect(statutoryHolidays(2024)).toEqual([]);
  });

  // The published notices must keep every statutory day as a rest day: checks the projection.
  it.each([2025, 2026])('every statutory holiday of %i is a rest day in its published notice', (year) => {
    for (const h of statutoryHolidays(year)) expect(calendar.describeDay(h.date)).toMatchObject({ kind: 'holiday', covered: true });
  });

  it('2027-01-01 (元旦) is a provisional rest day, not a working day', () => {
    expect(calendar.describeDay('2027-01-01')).toEqual({
      date: '2027-01-01',
      kind: 'holiday',
      working: false,
      covered: false,
      holiday: '元旦',
    });
    expect(calendar.workingDayOnOrAfter('2027-01-01')).toEqual({ date: '2027-01-04', beyondCoverage: true });
  });

  it('counts across the 2027 Spring Festival and 2028 清明 without landing on them', () => {
    // Fri 2027-02-05 (除夕) to Mon 2027-02-08 (初三) are rest days: Thu 02-04 + 1 working day = Tue 02-09.
    expect(calendar.addWorkingDays('2027-02-04', 1)).toEqual({ date: '2027-02-09', beyondCoverage: true });
    // Tue 2028-04-04 is 清明: Mon 04-03 + 1 = Wed 04-05.
    expect(calendar.addWorkingDays('2028-04-03', 1)).toEqual({ date: '2028-04-05', beyondCoverage: true });
  });
});

describe('WorkingDayCalendar.addWorkingDays', () => {
  it('reproduces the worked example of domain.md §3', () => {
    expect(calendar.addWorkingDays('2026-09-28', 7)).toEqual({ date: '2026-10-13', beyondCoverage: false });
    expect(calendar.addWorkingDays('2026-09-28', 20)).toEqual({ date: '2026-10-30', beyondCoverage: false });
    expect(calendar.addWorkingDays('2026-09-28', 40)).toEqual({ date: '2026-11-27', beyondCoverage: false });
  });

  it('does not count the start day, even when it is a working day', () => {
    expect(calendar.addWorkingDays('2026-03-09', 1).date).toBe('2026-03-10');
  });

  it('starts counting on the next working day when the start is a rest day', () => {
    expect(calendar.addWorkingDays('2026-10-03', 1).date).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-03-07', 1).date).toBe('2026-03-09');
  });

  it('returns the start itself for n = 0', () => {
    expect(calendar.addWorkingDays('2026-10-03', 0)).toEqual({ date: '2026-10-03', beyondCoverage: false });
  });

  it('flags a count that runs past the last covered year', () => {
    expect(calendar.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', beyondCoverage: false });
    // 2027-01-01 is 元旦 by law (a provisional rest day); the flag says the rest is a guess.
    expect(calendar.addWorkingDays('2026-12-28', 5)).toEqual({ date: '2027-01-05', beyondCoverage: true });
  });

  it('flags a count before the first covered year', () => {
    expect(calendar.addWorkingDays('2024-12-30', 1)).toEqual({ date: '2024-12-31', beyondCoverage: true });
  });

  it('skips excluded days', () => {
    const r = calendar.addWorkingDays('2026-03-09', 2, { isExcluded: (d) => d === '2026-03-10' });
    expect(r.date).toBe('2026-03-12');
  });

  it('rejects bad arguments', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-09', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-09', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-09', 1, { isExcluded: () => true })).toThrow(/no 1 working days/);
  });
});

describe('other calendar queries', () => {
  it('nextWorkingDay is strictly after the date', () => {
    expect(calendar.nextWorkingDay('2026-09-30')).toEqual({ date: '2026-10-08', beyondCoverage: false });
    expect(calendar.nextWorkingDay('2026-10-09')).toEqual({ date: '2026-10-10', beyondCoverage: false });
    expect(calendar.nextWorkingDay('2026-12-31')).toEqual({ date: '2027-01-04', beyondCoverage: true });
  });

  it('workingDayOnOrAfter moves a rest day to the next working day and keeps a working day', () => {
    expect(calendar.workingDayOnOrAfter('2026-10-03')).toEqual({ date: '2026-10-08', beyondCoverage: false });
    expect(calendar.workingDayOnOrAfter('2026-10-10')).toEqual({ date: '2026-10-10', beyondCoverage: false });
    expect(calendar.workingDayOnOrAfter('2027-03-01')).toEqual({ date: '2027-03-01', beyondCoverage: true });
  });

  it('workingDaysBetween counts (a, b] and is the inverse of addWorkingDays', () => {
    expect(calendar.workingDaysBetween('2026-09-28', '2026-10-13')).toEqual({ days: 7, beyondCoverage: false });
    expect(calendar.workingDaysBetween('2026-10-13', '2026-09-28')).toEqual({ days: -7, beyondCoverage: false });
    expect(calendar.workingDaysBetween('2026-09-28', '2026-11-27').days).toBe(40);
    expect(calendar.workingDaysBetween('2026-09-28', '2026-09-28').days).toBe(0);
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-05')).toEqual({ days: 3, beyondCoverage: true });
    for (const [start, n] of [
      ['2025-01-20', 15],
      ['2025-09-26', 9],
      ['2026-02-10', 12],
      ['2026-04-30', 4],
    ] as const) {
      expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n).date).days).toBe(n);
    }
  });

  it('isCovered', () => {
    expect(calendar.isCovered('2025-01-01')).toBe(true);
    expect(calendar.isCovered('2026-12-31')).toBe(true);
    expect(calendar.isCovered('2027-01-01')).toBe(false);
    expect(calendar.isCovered('2024-12-31')).toBe(false);
  });
});

describe('Shanghai calendar dates', () => {
  it('converts instants to the Shanghai date (UTC+8)', () => {
    expect(toShanghaiDate(new Date('2026-09-27T15:59:59.999Z'))).toBe('2026-09-27');
    expect(toShanghaiDate(new Date('2026-09-27T16:00:00Z'))).toBe('2026-09-28');
    expect(toShanghaiDate(new Date('2026-09-28T09:30:00+08:00'))).toBe('2026-09-28');
    expect(() => toShanghaiDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('gives day boundaries as instants', () => {
    expect(shanghaiStartOfDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(shanghaiEndOfDay('2026-10-08').toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('does date arithmetic across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayOfWeek('2026-09-28')).toBe(1);
  });
});

describe('calendar file validation', () => {
  const FILE = 'config/holidays.yaml';
  const withYear = (body: string) => `years:\n  - year: 2025\n    source: test\n    holidays:\n${body}`;
  const problems = (text: string): string[] => {
    try {
      parseHolidayCalendar(text, FILE);
    } catch (err) {
      if (err instanceof DataFileError) return err.problems;
      throw err;
    }
    return [];
  };

  it('accepts single dates and ranges', () => {
    const cal = parseHolidayCalendar(withYear('      - name: 元旦\n        rest: [2025-01-01]\n'), FILE);
    expect(cal.isWorkingDay('2025-01-01')).toBe(false);
    expect(cal.coveredUntil).toBe('2025-12-31');
  });

  it('rejects a date that is both rest and work, naming file and field', () => {
    const p = problems(withYear('      - name: 春节\n        rest: [{ from: 2025-01-25, to: 2025-01-27 }]\n        work: [2025-01-26]\n'));
    expect(p).toEqual([
      expect.stringMatching(/^config\/holidays\.yaml: years\[0\]\.holidays\[0\]\.work\[0\]: 2025-01-26 is also a rest day/),
    ]);
  });

  it('detects the clash across holidays too', () => {
    const p = problems(withYear('      - name: A\n        rest: [2025-01-26]\n      - name: B\n        work: [2025-01-26]\n'));
    expect(p[0]).toMatch(/years\[0\]\.holidays\[1\]\.work\[0\]: .*years\[0\]\.holidays\[0\]\.rest\[0\]/);
  });

  it('rejects a make-up working day on a weekday', () => {
    expect(problems(withYear('      - name: X\n        work: [2025-01-27]\n'))[0]).toMatch(/work\[0\]: 2025-01-27 is a weekday/);
  });

  it('rejects impossible dates, dates of another year and reversed ranges', () => {
    expect(problems(withYear('      - name: X\n        rest: [2025-02-30]\n'))[0]).toMatch(/rest\[0\]: must be a real calendar date/);
    expect(problems(withYear('      - name: X\n        rest: [2026-01-01]\n'))[0]).toMatch(/rest\[0\]: 2026-01-01 is not in 2025/);
    expect(problems(withYear('      - name: X\n        rest: [{ from: 2025-05-05, to: 2025-05-01 }]\n'))[0]).toMatch(
      /rest\[0\]\.to: must not be before from/,
    );
    expect(problems(withYear('      - name: X\n        rest: [42]\n'))[0]).toMatch(/rest\[0\]: must be a date YYYY-MM-DD or a range/);
  });

  it('rejects unknown fields, a missing source and non-consecutive years', () => {
    expect(problems(withYear('      - name: X\n        wrok: [2025-01-26]\n'))[0]).toMatch(/holidays\[0\]/);
    expect(problems('years:\n  - year: 2025\n    holidays: []\n')[0]).toMatch(/years\[0\]\.source/);
    const gap = 'years:\n  - { year: 2025, source: a, holidays: [] }\n  - { year: 2027, source: b, holidays: [] }\n';
    expect(problems(gap)[0]).toMatch(/years\[1\]\.year: must be 2026/);
    expect(problems('years: []\n')[0]).toMatch(/years: must list at least one year/);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadHolidayCalendar('/nonexistent/holidays.yaml')).toThrow(/\/nonexistent\/holidays\.yaml: \(root\): cannot be read/);
  });

  it('exports the schema for start-up validation', () => {
    expect(holidayCalendarSchema.safeParse({ years: [{ year: 2025, source: 's', holidays: [] }] }).success).toBe(true);
    const cal = WorkingDayCalendar.fromData(holidayCalendarSchema.parse({ years: [{ year: 2030, source: 's', holidays: [] }] }));
    expect(cal.coveredFrom).toBe('2030-01-01');
  });
});
