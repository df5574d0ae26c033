import { join } from 'node:path';
import {
  computeDisclosureDeadlines,
  correctionState,
  DisclosureClockError,
  isOverdue,
  thirdPartyOpinionDue,
} from '../../src/cases/disclosure/rules/disclosureDeadlines';
import { loadHolidayCalendar } from '../../src/platform/data/holidayCalendar';

const calendar = loadHolidayCalendar(join(__dirname, '../../config/holidays.yaml'));
const due = (date: string, beyondCoverage = false) => ({ status: 'due', date, beyondCoverage });

describe('computeDisclosureDeadlines', () => {
  it('reproduces the worked example: online application confirmed Mon 2026-09-28', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28' });
    expect(d.correctionNoticeDue).toEqual({ date: '2026-10-13', beyondCoverage: false });
    expect(d.replyClockStartsOn).toBe('2026-09-28');
    expect(d.replyDue).toEqual(due('2026-10-30'));
    expect(d.replyDueWithMaxExtension).toEqual(due('2026-11-27'));
    expect(d.replyDueInForce).toEqual(due('2026-10-30'));
    expect(d.extensionWorkingDays).toBe(0);
  });

  it('applies an approved extension, the full 20 or fewer', () => {
    expect(computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28', extensionWorkingDays: 20 }).replyDueInForce).toEqual(
      due('2026-11-27'),
    );
    expect(computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28', extensionWorkingDays: 5 }).replyDueInForce).toEqual(
      due('2026-11-06'),
    );
    expect(computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28', extensionWorkingDays: 1 }).replyDueInForce).toEqual(
      due('2026-11-02'),
    );
  });

  it('skips the Spring Festival 2026 and counts its make-up Saturdays', () => {
    // Received Fri 13 Feb: Sat 14 Feb and Sat 28 Feb are working days, 15-23 Feb are not.
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-02-13' });
    expect(d.correctionNoticeDue.date).toBe('2026-03-02');
    expect(d.replyDue).toEqual(due('2026-03-19'));
  });

  it('skips National Day 2025 (1-8 Oct) and counts Sun 28 Sep and Sat 11 Oct', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2025-09-26' });
    expect(d.correctionNoticeDue.date).toBe('2025-10-13');
    expect(d.replyDue).toEqual(due('2025-10-30'));
  });

  it('skips National Day 2026 when received just before it', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-30' });
    // 8, 9, 10 (Sat make-up), 12, 13, 14, 15 Oct
    expect(d.correctionNoticeDue.date).toBe('2026-10-15');
  });

  it('counts the 劳动节 make-up Saturday 2026-05-09', () => {
    // 1-5 May off; 6, 7, 8, Sat 9, 11, 12, 13 May.
    expect(computeDisclosureDeadlines(calendar, { receivedOn: '2026-04-30' }).correctionNoticeDue.date).toBe('2026-05-13');
  });

  it('starts the clock on the next working day when received on a rest day', () => {
    // In person on Sat 2026-10-03 (National Day): 8, 9, 10 (Sat make-up), 12-15 Oct.
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-10-03' });
    expect(d.correctionNoticeDue.date).toBe('2026-10-15');
  });

  it('does not count a closed consultation pause (Art. 32)', () => {
    // 14-20 Oct hold five working days; the reply moves five working days past 30 Oct.
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-10-14', to: '2026-10-20', reason: 'thirdParty' }],
    });
    expect(d.correctionNoticeDue.date).toBe('2026-10-13'); // the pause concerns the reply only
    expect(d.replyDue).toEqual(due('2026-11-06'));
    expect(d.replyDueWithMaxExtension).toEqual(due('2026-12-04'));
  });

  it('adds up several pauses, given in any order', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [
        { from: '2026-10-26', to: '2026-10-26', reason: 'otherAgency' },
        { from: '2026-10-14', to: '2026-10-15', reason: 'thirdParty' },
      ],
    });
    expect(d.replyDue).toEqual(due('2026-11-04'));
  });

  it('ignores rest days inside a pause (they were not counted anyway)', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-10-01', to: '2026-10-07', reason: 'otherAgency' }],
    });
    expect(d.replyDue).toEqual(due('2026-10-30'));
  });

  it('reports an open pause as paused, with the working days left', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-10-14', to: null, reason: 'thirdParty' }],
    });
    expect(d.replyDue).toEqual({ status: 'paused', pausedSince: '2026-10-14', workingDaysLeft: 13, beyondCoverage: false });
    expect(d.replyDueWithMaxExtension).toEqual({ status: 'paused', pausedSince: '2026-10-14', workingDaysLeft: 33, beyondCoverage: false });
    // Once closed, resuming gives the same date as counting the left days from the pause's end.
    const closed = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-10-14', to: '2026-10-20', reason: 'thirdParty' }],
    });
    expect((closed.replyDue as { date: string }).date).toBe(calendar.addWorkingDays('2026-10-20', 13).date);
  });

  it('is not paused by an open pause that starts after the deadline', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [{ from: '2026-11-02', to: null, reason: 'otherAgency' }],
    });
    expect(d.replyDue).toEqual(due('2026-10-30'));
    expect(d.replyDueWithMaxExtension).toEqual({ status: 'paused', pausedSince: '2026-11-02', workingDaysLeft: 20, beyondCoverage: false });
  });

  it('restarts the reply clock when the corrected application arrives (Art. 30)', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28', correctedOn: '2026-10-12' });
    expect(d.correctionNoticeDue.date).toBe('2026-10-13');
    expect(d.replyClockStartsOn).toBe('2026-10-12');
    expect(d.replyDue).toEqual(due('2026-11-09'));
    expect(d.replyDueWithMaxExtension).toEqual(due('2026-12-07'));
  });

  it('counts a pause after the correction from the restarted clock', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-09-28',
      correctedOn: '2026-10-12',
      pauses: [{ from: '2026-10-19', to: '2026-10-19', reason: 'thirdParty' }],
    });
    expect(d.replyDue).toEqual(due('2026-11-10'));
  });

  it('flags deadlines that run into 2027, for which no arrangement is in the data', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-12-10' });
    expect(d.correctionNoticeDue).toEqual({ date: '2026-12-21', beyondCoverage: false });
    expect(d.replyDue).toEqual(due('2027-01-08', true));
    expect(d.replyDueWithMaxExtension.beyondCoverage).toBe(true);
  });

  it('flags a reply that runs past coverage after a pause, though the correction notice is covered', () => {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: '2026-11-20',
      pauses: [{ from: '2026-11-23', to: '2026-12-04', reason: 'otherAgency' }],
    });
    expect(d.correctionNoticeDue.beyondCoverage).toBe(false);
    // 2027-01-01 is New Year's Day by law; the rest of 2027 is provisional: hence the flag.
    expect(d.replyDue).toEqual(due('2027-01-04', true));
  });

  it.each(['2026-12-04', '2026-12-06'])(
    'Art. 33 with 《全国年节及纪念日放假办法》: a request received on %s is not due on 元旦 2027-01-01',
    (receivedOn) => {
      expect(computeDisclosureDeadlines(calendar, { receivedOn }).replyDue).toEqual(due('2027-01-04', true));
    },
  );

  it('rejects records that cannot be right', () => {
    const base = { receivedOn: '2026-09-28' };
    expect(() => computeDisclosureDeadlines(calendar, { ...base, correctedOn: '2026-09-27' })).toThrow(DisclosureClockError);
    expect(() => computeDisclosureDeadlines(calendar, { ...base, extensionWorkingDays: 21 })).toThrow(/0 to 20/);
    expect(() => computeDisclosureDeadlines(calendar, { ...base, extensionWorkingDays: 2.5 })).toThrow(DisclosureClockError);
    expect(() => computeDisclosureDeadlines(calendar, { ...base, extensionWorkingDays: -1 })).toThrow(DisclosureClockError);
    expect(() =>
      computeDisclosureDeadlines(calendar, {
        ...base,
        pauses: [
          { from: '2026-10-14', to: '2026-10-20', reason: 'thirdParty' },
          { from: '2026-10-20', to: '2026-10-22', reason: 'otherAgency' },
        ],
      }),
    ).toThrow(/overlap/);
    expect(() =>
      computeDisclosureDeadlines(calendar, {
        ...base,
        pauses: [
          { from: '2026-10-14', to: null, reason: 'thirdParty' },
          { from: '2026-10-20', to: '2026-10-22', reason: 'otherAgency' },
        ],
      }),
    ).toThrow(/still open/);
    expect(() =>
      computeDisclosureDeadlines(calendar, { ...base, pauses: [{ from: '2026-10-14', to: '2026-10-13', reason: 'thirdParty' }] }),
    ).toThrow(/before it starts/);
    expect(() =>
      computeDisclosureDeadlines(calendar, {
        ...base,
        pauses: [{ from: '2026-10-14', to: '2026-10-15', reason: 'holiday' as 'thirdParty' }],
      }),
    ).toThrow(/unknown reason/);
    expect(() => computeDisclosureDeadlines(calendar, { receivedOn: '2026-9-28' })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('thirdPartyOpinionDue: 15 working days (Art. 32)', () => {
    expect(thirdPartyOpinionDue(calendar, '2026-09-28')).toEqual({ date: '2026-10-23', beyondCoverage: false });
  });

  it('isOverdue: the due day itself is in time; a paused clock is never overdue', () => {
    const d = computeDisclosureDeadlines(calendar, { receivedOn: '2026-09-28' });
    expect(isOverdue(d.replyDue, '2026-10-30')).toBe(false);
    expect(isOverdue(d.replyDue, '2026-10-31')).toBe(true);
    expect(isOverdue(d.correctionNoticeDue, '2026-10-14')).toBe(true);
    expect(isOverdue({ status: 'paused', pausedSince: '2026-10-14', workingDaysLeft: 3, beyondCoverage: false }, '2030-01-01')).toBe(false);
  });

  it('correctionState: no correction by the deadline = abandoned', () => {
    expect(correctionState('2026-10-20', null, '2026-10-20')).toBe('awaitingCorrection');
    expect(correctionState('2026-10-20', null, '2026-10-21')).toBe('abandoned');
    expect(correctionState('2026-10-20', '2026-10-20', '2026-10-25')).toBe('corrected');
    expect(correctionState('2026-10-20', '2026-10-22', '2026-10-25')).toBe('abandoned');
  });
});
