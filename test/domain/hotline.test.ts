import { join } from 'node:path';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import {
  BASE_HOTLINE_CATEGORIES,
  dueDate,
  hotlineScore,
  resolutionRate,
  responseRate,
  satisfactionRate,
  slaFor,
  ticketDeadlines,
  ticketLimitStates,
  type TicketClock,
  type TicketSummary,
} from '../../src/cases/hotline/rules/hotline';
import { loadHolidayCalendar } from '../../src/platform/data/holidayCalendar';
import { loadHotlineData, parseHotlineSettings } from '../../src/cases/hotline/settings';

const calendar = loadHolidayCalendar(join(__dirname, '../../config/holidays.yaml'));
const { settings } = loadHotlineData(join(__dirname, '../../config'));
const at = (s: string) => new Date(s);

describe('config/hotline-sla.yaml', () => {
  it('has the five national categories and the three urgencies', () => {
    expect(settings.categories.map((c) => c.label)).toEqual(['咨询', '求助', '投诉', '举报', '意见建议']);
    expect(settings.urgencies.map((u) => u.code)).toEqual(['normal', 'urgentUtility', 'complex']);
  });

  it('has the domain.md default time limits for every category', () => {
    for (const c of BASE_HOTLINE_CATEGORIES) {
      expect(slaFor(settings, c.code, 'normal')).toEqual({
        signFor: { amount: 1, unit: 'workingDays' },
        resolve: { amount: 7, unit: 'days' },
      });
      expect(slaFor(settings, c.code, 'urgentUtility').resolve).toEqual({ amount: 24, unit: 'hours' });
      expect(slaFor(settings, c.code, 'complex').resolve).toEqual({ amount: 15, unit: 'days' });
    }
    expect(settings.metrics).toEqual({ weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCredit: 0.9 });
  });

  it('throws for an unknown category or urgency', () => {
    expect(() => slaFor(settings, 'praise', 'normal')).toThrow(/praise/);
    expect(() => slaFor(settings, 'complaint', 'whenever')).toThrow(/whenever/);
  });
});

describe('settings file validation', () => {
  const FILE = 'config/hotline-sla.yaml';
  const base = {
    extraCategories: [] as unknown[],
    urgencies: [{ code: 'normal', label: '一般' }],
    defaults: { normal: { signFor: { amount: 1, unit: 'workingDays' }, resolve: { amount: 7, unit: 'days' } } },
    overrides: [] as unknown[],
    metrics: { weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCredit: 0.9 },
  };
  const problems = (data: unknown): string[] => {
    try {
      parseHotlineSettings(JSON.stringify(data), FILE);
    } catch (err) {
      if (err instanceof DataFileError) return err.problems;
      throw err;
    }
    return [];
  };

  it('adds extra categories and applies overrides', () => {
    const s = parseHotlineSettings(
      JSON.stringify({
        ...base,
        extraCategories: [{ code: 'praise', label: '表扬' }],
        overrides: [{ category: 'consultation', urgency: 'normal', resolve: { amount: 3, unit: 'workingDays' } }],
      }),
      FILE,
    );
    expect(s.categories.map((c) => c.code)).toContain('praise');
    expect(slaFor(s, 'praise', 'normal').resolve).toEqual({ amount: 7, unit: 'days' });
    expect(slaFor(s, 'consultation', 'normal')).toEqual({
      signFor: { amount: 1, unit: 'workingDays' },
      resolve: { amount: 3, unit: 'workingDays' },
    });
    expect(slaFor(s, 'complaint', 'normal').resolve).toEqual({ amount: 7, unit: 'days' });
  });

  it('names file and field for each mistake', () => {
    expect(problems({ ...base, extraCategories: [{ code: 'complaint', label: '另一个投诉' }] })).toEqual([
      'config/hotline-sla.yaml: extraCategories[0].code: "complaint" is already a built-in category',
    ]);
    expect(problems({ ...base, extraCategories: [{ code: 'praise2', label: '投诉' }] })[0]).toMatch(/extraCategories\[0\]\.label/);
    expect(problems({ ...base, urgencies: [...base.urgencies, { code: 'complex', label: '复杂' }] })).toEqual([
      'config/hotline-sla.yaml: defaults.complex: is missing: every urgency needs default time limits',
    ]);
    expect(problems({ ...base, overrides: [{ category: 'praise', urgency: 'normal', resolve: { amount: 1, unit: 'days' } }] })[0]).toMatch(
      /overrides\[0\]\.category: "praise" is not a category/,
    );
    expect(problems({ ...base, overrides: [{ category: 'help', urgency: 'normal' }] })[0]).toMatch(
      /overrides\[0\]: must set signFor, resolve or both/,
    );
    expect(
      problems({ ...base, defaults: { normal: { signFor: { amount: 1, unit: 'weeks' }, resolve: { amount: 7, unit: 'days' } } } })[0],
    ).toMatch(/defaults\.normal\.signFor\.unit: must be one of hours, days, workingDays/);
    expect(
      problems({ ...base, defaults: { normal: { signFor: { amount: 0, unit: 'days' }, resolve: { amount: 7, unit: 'days' } } } })[0],
    ).toMatch(/defaults\.normal\.signFor\.amount: must be greater than 0/);
    expect(problems({ ...base, metrics: { ...base.metrics, weights: { response: 0.2, resolution: 0.5, satisfaction: 0.4 } } })).toEqual([
      'config/hotline-sla.yaml: metrics.weights: must add up to 1',
    ]);
    expect(problems({ ...base, surprise: true })[0]).toMatch(/^config\/hotline-sla\.yaml: /);
  });
});

describe('dueDate', () => {
  it('working days: end of the n-th working day after the acceptance day', () => {
    // Accepted Wed 30 Sep 2026 10:00; 1-7 Oct are holidays.
    expect(dueDate(at('2026-09-30T10:00:00+08:00'), { amount: 1, unit: 'workingDays' }, calendar)).toEqual({
      dueAt: at('2026-10-09T00:00:00+08:00'),
      dueDay: '2026-10-08',
      beyondCoverage: false,
    });
  });

  it('uses the Shanghai date of the acceptance instant', () => {
    // 17:00 UTC on 30 Sep is 01:00 on 1 Oct in Shanghai.
    expect(dueDate(at('2026-09-30T17:00:00Z'), { amount: 7, unit: 'days' }, calendar).dueDay).toBe('2026-10-08');
    expect(dueDate(at('2026-09-30T15:59:00Z'), { amount: 7, unit: 'days' }, calendar).dueDay).toBe('2026-10-07');
  });

  it('calendar days: end of the n-th day, holidays included', () => {
    expect(dueDate(at('2026-09-30T10:00:00+08:00'), { amount: 7, unit: 'days' }, calendar)).toEqual({
      dueAt: at('2026-10-08T00:00:00+08:00'),
      dueDay: '2026-10-07',
      beyondCoverage: false,
    });
  });

  it('hours: exactly n hours, around the clock', () => {
    expect(dueDate(at('2026-10-01T10:30:00+08:00'), { amount: 24, unit: 'hours' }, calendar)).toEqual({
      dueAt: at('2026-10-02T10:30:00+08:00'),
      dueDay: '2026-10-02',
      beyondCoverage: false,
    });
    // Due at midnight: the last moment in time is still on the 1st.
    expect(dueDate(at('2026-10-01T00:00:00+08:00'), { amount: 24, unit: 'hours' }, calendar).dueDay).toBe('2026-10-01');
  });

  it('flags working-day limits that run past the calendar data', () => {
    expect(dueDate(at('2026-12-31T09:00:00+08:00'), { amount: 1, unit: 'workingDays' }, calendar)).toMatchObject({
      dueDay: '2027-01-04',
      beyondCoverage: true,
    });
  });

  it('ticketDeadlines gives sign-for and resolve', () => {
    const d = ticketDeadlines(at('2026-02-13T16:00:00+08:00'), slaFor(settings, 'complaint', 'complex'), calendar);
    expect(d.signFor.dueDay).toBe('2026-02-14'); // Saturday make-up working day
    expect(d.resolve.dueDay).toBe('2026-02-28');
  });

  it('an urgent ticket must be signed for by its resolution limit, never after it', () => {
    // Accepted Wednesday 11:39: 1 working day would run to the end of Thursday, the 24 hours end Thursday 11:39.
    const d = ticketDeadlines(at('2026-11-25T11:39:00+08:00'), slaFor(settings, 'help', 'urgentUtility'), calendar);
    expect(d.resolve.dueAt).toEqual(at('2026-11-26T11:39:00+08:00'));
    expect(d.signFor.dueAt).toEqual(d.resolve.dueAt);
    // Accepted on a Friday evening before a weekend: still no later than the 24 hours.
    const weekend = ticketDeadlines(at('2026-11-27T20:00:00+08:00'), slaFor(settings, 'help', 'urgentUtility'), calendar);
    expect(weekend.signFor.dueAt.getTime()).toBeLessThanOrEqual(weekend.resolve.dueAt.getTime());
    // A normal ticket keeps its own (earlier) sign-for limit.
    const normal = ticketDeadlines(at('2026-11-25T11:39:00+08:00'), slaFor(settings, 'help', 'normal'), calendar);
    expect(normal.signFor.dueAt).toEqual(at('2026-11-27T00:00:00+08:00'));
  });

  it('rejects bad input', () => {
    expect(() => dueDate(at('nonsense'), { amount: 1, unit: 'days' }, calendar)).toThrow(RangeError);
    expect(() => dueDate(at('2026-01-05T00:00:00Z'), { amount: 0, unit: 'days' }, calendar)).toThrow(RangeError);
  });
});

describe('overdue: one state per limit', () => {
  const ticket = (over: Partial<TicketClock>): TicketClock => ({
    status: 'dispatched',
    signForDueAt: at('2026-11-27T00:00:00+08:00'),
    dueAt: at('2026-12-03T00:00:00+08:00'),
    signedForAt: null,
    closedAt: null,
    ...over,
  });

  it('a passed sign-for limit does not make the resolution limit overdue', () => {
    expect(ticketLimitStates(ticket({}), at('2026-11-29T10:00:00+08:00'))).toEqual({
      signFor: 'overdue',
      resolve: 'running',
      overdue: true,
    });
  });

  it('a limit is overdue from its due instant on, until it is met', () => {
    expect(ticketLimitStates(ticket({}), at('2026-11-26T23:59:59+08:00')).signFor).toBe('running');
    expect(ticketLimitStates(ticket({}), at('2026-11-27T00:00:00+08:00')).signFor).toBe('overdue');
    expect(
      ticketLimitStates(ticket({ status: 'handling', signedForAt: at('2026-11-28T09:00:00+08:00') }), at('2026-12-03T00:00:00+08:00')),
    ).toEqual({
      signFor: 'metLate',
      resolve: 'overdue',
      overdue: true,
    });
  });

  it('a closed ticket is overdue on neither limit and says whether each was met in time', () => {
    const closed = ticket({ status: 'closed', signedForAt: at('2026-11-26T09:00:00+08:00'), closedAt: at('2026-12-04T09:00:00+08:00') });
    expect(ticketLimitStates(closed, at('2026-12-20T09:00:00+08:00'))).toEqual({
      signFor: 'metInTime',
      resolve: 'metLate',
      overdue: false,
    });
  });
});

describe('metrics', () => {
  const tickets: TicketSummary[] = [
    { response: 'inTime', resolution: 'resolved', satisfaction: 'satisfied' },
    { response: 'inTime', resolution: 'resolved', satisfaction: 'basicallySatisfied' },
    { response: 'late', resolution: 'unresolved', satisfaction: 'dissatisfied' },
    { response: 'none', resolution: null, satisfaction: null },
    { response: null }, // not yet assessable: excluded everywhere
  ];

  it('响应率, 解决率, 满意率 with 基本满意 counted 0.9', () => {
    expect(responseRate(tickets)).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(resolutionRate(tickets)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    const s = satisfactionRate(tickets);
    expect(s.denominator).toBe(3);
    expect(s.numerator).toBeCloseTo(1.9);
    expect(s.rate).toBeCloseTo(1.9 / 3);
    expect(satisfactionRate(tickets, 0.8).numerator).toBeCloseTo(1.8);
  });

  it('composite = 100 × (0.1 响应率 + 0.5 解决率 + 0.4 满意率)', () => {
    const score = hotlineScore(tickets);
    expect(score.composite).toBeCloseTo(100 * (0.1 * 0.5 + 0.5 * (2 / 3) + 0.4 * (1.9 / 3)));
    expect(hotlineScore(tickets, settings.metrics).composite).toBeCloseTo(score.composite!);
  });

  it('uses other weights from settings', () => {
    const score = hotlineScore(tickets, { weights: { response: 0, resolution: 1, satisfaction: 0 }, basicallySatisfiedCredit: 0.9 });
    expect(score.composite).toBeCloseTo(100 * (2 / 3));
  });

  it('gives null instead of a made-up score when a weighted rate has no data', () => {
    expect(responseRate([])).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(hotlineScore([{ response: 'inTime' }]).composite).toBeNull();
    const onlyResolution = { weights: { response: 0, resolution: 1, satisfaction: 0 }, basicallySatisfiedCredit: 0.9 };
    expect(hotlineScore([{ resolution: 'resolved' }], onlyResolution).composite).toBe(100);
  });
});
