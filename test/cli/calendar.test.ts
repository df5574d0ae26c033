import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadHolidayCalendar } from '../../src/platform/data/holidayCalendar';
import { runCli } from '../support/cli';
import { createTestApp } from '../support/testApp';

const CONFIG = join(__dirname, '../../config');

/** A copy of config/ to change: the repository's calendar stays as published. */
function configCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-config-'));
  cpSync(CONFIG, dir, { recursive: true });
  return dir;
}

// A test fixture shaped like a notice, not the real 2027 arrangement.
const YEAR_2027 = `year: 2027
source: 测试用安排（非真实通知）
holidays:
  - name: 元旦
    rest: [{ from: 2027-01-01, to: 2027-01-03 }]
  - name: 春节
    rest: [{ from: 2027-02-05, to: 2027-02-12 }]
    work: [2027-02-20]
`;

describe('the State Council notice: loading a year into the holiday calendar', () => {
  it('`wenzheng calendar import FILE` adds the next year to holidays.yaml, keeping its comments, and can replace it', async () => {
    const dir = configCopy();
    const file = join(dir, 'notice-2027.yaml');
    writeFileSync(file, YEAR_2027);
    const r = await runCli(['calendar', 'import', file], { env: { WENZHENG_CONFIG_DIR: dir } });
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('added 2027') });
    const text = readFileSync(join(dir, 'holidays.yaml'), 'utf8');
    expect(text).toContain('# Working-day calendar (工作日历)');
    const calendar = loadHolidayCalendar(join(dir, 'holidays.yaml'));
    expect(calendar.coveredUntil).toBe('2027-12-31');
    expect(calendar.describeDay('2027-02-12')).toMatchObject({ kind: 'holiday', covered: true, holiday: '春节' });
    expect(calendar.describeDay('2027-02-20')).toMatchObject({ kind: 'makeUpWorkday', covered: true });

    writeFileSync(file, YEAR_2027.replace('2027-02-12', '2027-02-11'));
    expect((await runCli(['calendar', 'import', file], { env: { WENZHENG_CONFIG_DIR: dir } })).out).toContain('replaced 2027');
    expect(loadHolidayCalendar(join(dir, 'holidays.yaml')).describeDay('2027-02-12').kind).toBe('workday');
  });

  it('refuses a year that is not the next one and a wrong field, naming the file and the field, and leaves the calendar alone', async () => {
    const dir = configCopy();
    const before = readFileSync(join(dir, 'holidays.yaml'), 'utf8');
    const file = join(dir, 'notice.yaml');
    writeFileSync(file, YEAR_2027.replace(/2027/g, '2029'));
    const gap = await runCli(['calendar', 'import', file], { env: { WENZHENG_CONFIG_DIR: dir } });
    expect(gap).toMatchObject({ code: 2, err: expect.stringContaining(`${file}: year: must be 2027`) });
    writeFileSync(file, YEAR_2027.replace('work: [2027-02-20]', 'work: [2027-02-19]'));
    const weekday = await runCli(['calendar', 'import', file], { env: { WENZHENG_CONFIG_DIR: dir } });
    expect(weekday).toMatchObject({ code: 2, err: expect.stringMatching(/holidays\[1\]\.work\[0\]: 2027-02-19 is a weekday/) });
    expect(readFileSync(join(dir, 'holidays.yaml'), 'utf8')).toBe(before);
    expect((await runCli(['calendar', 'import'], { env: { WENZHENG_CONFIG_DIR: dir } })).code).toBe(2);
  });
});

describe('a missing next-year calendar is announced from 1 November', () => {
  const calendar = loadHolidayCalendar(join(CONFIG, 'holidays.yaml'));

  it('warns from 1 November when the next year is not in the data, and not before', () => {
    expect(calendar.lastYear).toBe(2026);
    expect(calendar.missingYearWarning('2026-10-31')).toBeNull();
    expect(calendar.missingYearWarning('2026-11-01')).toMatch(/缺少2027年的节假日安排.*wenzheng calendar import/);
    expect(calendar.missingYearWarning('2027-03-01')).toMatch(/缺少2027年/);
  });

  it('/readyz stays 200 and carries the warning', async () => {
    const app = await createTestApp({}, {}, { seed: false }); // its clock: 2026-11-25
    try {
      const res = await request(app.callback()).get('/readyz').expect(200);
      expect(res.body.warnings).toEqual([expect.stringContaining('缺少2027年的节假日安排')]);
    } finally {
      await app.close();
    }
  });

  it('`cases due` says it too', async () => {
    const dir = configCopy();
    // A calendar that ends in 2025 lacks the next year whatever day the test runs.
    const text = readFileSync(join(dir, 'holidays.yaml'), 'utf8');
    writeFileSync(join(dir, 'holidays.yaml'), text.slice(0, text.indexOf('  - year: 2026')));
    const env = { WENZHENG_CONFIG_DIR: dir, WENZHENG_DB: 'sqlite::memory:' };
    expect((await runCli(['cases', 'due'], { env })).out).toMatch(/^CALENDAR: 工作日历缺少\d{4}年的节假日安排/m);
    expect(JSON.parse((await runCli(['cases', 'due', '--json'], { env })).out).calendarWarning).toMatch(/现有数据至2025年/);
  });
});
