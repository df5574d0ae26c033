import { join } from 'node:path';
import { repositoryHotlineScope } from './support';
import { loadHolidayCalendar } from '../../src/platform/data/holidayCalendar';
import type { TicketAppeal } from '../../src/cases/hotline/appeal';
import { loadRoutingTable } from '../../src/cases/hotline/routing';
import { parseHotlineSettings } from '../../src/cases/hotline/settings';
import { createHotlineService } from '../../src/cases/hotline/service';
import { formatDue } from '../../src/cases/hotline/texts';
import { createTestApp, type TestApp } from '../support/testApp';

const cst = (local: string) => new Date(`${local}+08:00`);
const origin = { channel: 'webchat', citizenId: 'web:sla', conversationId: null, via: 'form' as const };
const appeal = (category: string, urgency: string): TicketAppeal => ({
  category,
  urgency,
  content: '测试工单的时限计算',
  location: '西工区',
  phone: '13800138000',
  anonymous: false,
});

/** Deadlines from the SLA table (category × urgency → amount and unit) and the holiday calendar. */
describe('ticket deadlines (SLA)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterAll(() => app.close());

  const open = (category: string, urgency: string, at: Date, service = app.hotline) =>
    app.db.transaction((tx) => service.openTicket(tx, appeal(category, urgency), origin, at));

  it('normal: sign for within 1 working day, resolve within 7 calendar days (to the end of the day)', async () => {
    const t = await open('complaint', 'normal', cst('2026-11-25T10:00:00'));
    expect(t.signForDueAt).toEqual(cst('2026-11-27T00:00:00')); // end of Thursday 26th
    expect(t.dueAt).toEqual(cst('2026-12-03T00:00:00')); // end of Wednesday 2 December
    expect(t.dueBeyondCoverage).toBe(false);
    expect(formatDue(t.dueAt, 'Asia/Shanghai')).toBe('12月2日（周三）前');
  });

  it('urgent utilities: resolve within 24 hours to the minute', async () => {
    const t = await open('help', 'urgentUtility', cst('2026-11-25T20:15:00'));
    expect(t.dueAt).toEqual(cst('2026-11-26T20:15:00'));
    expect(formatDue(t.dueAt, 'Asia/Shanghai')).toBe('11月26日（周四）20:15前');
  });

  it('complex: 15 calendar days', async () => {
    expect((await open('report', 'complex', cst('2026-11-25T10:00:00'))).dueAt).toEqual(cst('2026-12-11T00:00:00'));
  });

  it('working days skip weekends and statutory holidays and count make-up working days (调休)', async () => {
    // Accepted the evening before National Day: the next working day is Thursday 8 October.
    expect((await open('complaint', 'complex', cst('2026-09-30T18:00:00'))).signForDueAt).toEqual(cst('2026-10-09T00:00:00'));
    // A normal ticket's 7 calendar days end on 7 October: it must be signed for by then, not after.
    const normal = await open('complaint', 'normal', cst('2026-09-30T18:00:00'));
    expect(normal.signForDueAt).toEqual(cst('2026-10-08T00:00:00'));
    expect(normal.dueAt).toEqual(normal.signForDueAt);
    // Accepted on Friday: signed for by the end of Monday.
    expect((await open('complaint', 'normal', cst('2026-11-27T16:00:00'))).signForDueAt).toEqual(cst('2026-12-01T00:00:00'));
  });

  it('follows overrides of the table, and flags working-day limits that run past the calendar', async () => {
    const settings = parseHotlineSettings(
      `
urgencies: [{ code: normal, label: 一般 }]
defaults:
  normal: { signFor: { amount: 1, unit: workingDays }, resolve: { amount: 7, unit: days } }
overrides:
  - { category: consultation, urgency: normal, resolve: { amount: 3, unit: workingDays } }
metrics: { weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCredit: 0.9 }
`,
      'hotline-sla.yaml',
    );
    const service = createHotlineService({
      settings,
      calendar: loadHolidayCalendar(join(__dirname, '../../config/holidays.yaml')),
      routing: loadRoutingTable(join(__dirname, '../../config/hotline-routing.yaml')),
      timeZone: 'Asia/Shanghai',
      ratingWindowDays: 7,
      scope: repositoryHotlineScope(),
    });
    // 3 working days after 30 September: 8 October, 9 October, Saturday 10 October (调休上班).
    const consultation = await open('consultation', 'normal', cst('2026-09-30T10:00:00'), service);
    expect(consultation.dueAt).toEqual(cst('2026-10-11T00:00:00'));
    expect((await open('complaint', 'normal', cst('2026-09-30T10:00:00'), service)).dueAt).toEqual(cst('2026-10-08T00:00:00'));
    // The calendar has data up to 2026: a limit running into 2027 is flagged.
    const late = await open('consultation', 'normal', cst('2026-12-30T10:00:00'), service);
    expect(late.dueBeyondCoverage).toBe(true);
    expect((await open('consultation', 'normal', cst('2026-12-01T10:00:00'), service)).dueBeyondCoverage).toBe(false);
  });
});
