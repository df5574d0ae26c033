import { parseArgs } from 'node:util';
import type { App } from '../app';
import { cliActor } from '../audit/context';
import { maskRecord } from '../audit/personalData';
import { withCliApp } from './cliApp';
import { unknownAgency, UsageError } from './usage';

type Summary = Awaited<ReturnType<App['disclosure']['due']>>['overdue'][number];

const masked = (s: Summary): Summary => (s.applicantType === 'naturalPerson' ? maskRecord(s, { applicantName: 'name' }) : s);

function line(s: Summary): string {
  const due =
    s.status === 'awaitingCorrection'
      ? `correct by ${s.correctionDueOn}`
      : s.feePaymentDueOn
        ? `fee notice: pay by ${s.feePaymentDueOn}`
        : s.opinionDueOn
          ? `third-party opinion due ${s.opinionDueOn}${s.opinionOverdue ? ' (OVERDUE: resume or remind)' : ''}`
          : s.status === 'paused'
            ? 'clock paused'
            : `due ${s.dueOn}${s.workingDaysLeft !== null ? ` (${s.workingDaysLeft} working day${Math.abs(s.workingDaysLeft) === 1 ? '' : 's'} left)` : ''}`;
  const flag = s.beyondCoverage ? '  [beyond calendar]' : '';
  return `  ${s.number}  ${s.agency.name}  ${due}${flag}  ${s.applicantName}  ${s.description}`;
}

/** `cases due`: what needs action, for a cron mail or a morning look. */
export async function casesDue(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { within: { type: 'string', default: '5' }, agency: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!/^\d{1,2}$/.test(values.within))
    throw new UsageError(`--within must be a number of working days from 0 to 99 (got "${values.within}")`);
  return withCliApp('migrate', async (app) => {
    if (values.agency && !app.disclosure.agencies.byCode(values.agency))
      throw unknownAgency(values.agency, app.disclosure.agencies.agencies);
    const due = await app.db.transaction((tx) =>
      app.disclosure.due(tx, { withinWorkingDays: Number(values.within), agency: values.agency }, new Date()),
    );
    const sections = {
      overdue: due.overdue.map(masked),
      dueSoon: due.dueSoon.map(masked),
      correctionLapsed: due.correctionLapsed.map(masked),
      paused: due.paused.map(masked),
      opinionDue: due.opinionDue.map(masked),
      feeLapsed: due.feeLapsed.map(masked),
      beyondCoverage: due.beyondCoverage.map(masked),
    };
    if (values.json) {
      console.log(JSON.stringify({ today: due.today, dueBy: due.dueBy, calendarWarning: due.calendarWarning, ...sections }, null, 2));
      return 0;
    }
    const out = [`today ${due.today}; due soon = by ${due.dueBy} (${values.within} working days)`];
    if (due.calendarWarning) out.push(`CALENDAR: ${due.calendarWarning}`);
    const section = (title: string, list: Summary[]) => out.push('', `${title} (${list.length})`, ...list.map(line));
    section('OVERDUE', sections.overdue);
    section('DUE SOON', sections.dueSoon);
    section('CORRECTION LAPSED: closed as abandoned by the server, or now with `wenzheng cases sweep`', sections.correctionLapsed);
    section('THIRD-PARTY OPINION DUE (Art. 32, 15 working days from its receipt) or overdue', sections.opinionDue);
    section('FEE UNPAID PAST THE PAYMENT PERIOD: reply 逾期未缴费 (table 三 (六)2)', sections.feeLapsed);
    section('PAUSED (consultation or fee notice)', sections.paused);
    section(
      `DEADLINE BEYOND THE HOLIDAY CALENDAR (covered until ${app.disclosure.calendar.coveredUntil}): check once config/holidays.yaml has the next year`,
      sections.beyondCoverage,
    );
    console.log(out.join('\n'));
    return 0;
  });
}

/** `cases sweep`: close requests whose correction period lapsed, now. */
export async function casesSweep(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  return withCliApp('migrate', async (app) => {
    const closed = await app.db.transaction((tx) => app.disclosure.sweepLapsedCorrections(tx, cliActor(), new Date()));
    console.log(closed.length ? `closed as abandoned (correction period lapsed): ${closed.join(', ')}` : 'no correction period has lapsed');
    return 0;
  });
}

/** `cases show NUMBER`: one request, personal data masked. */
export async function casesShow(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('cases show needs one tracking NUMBER, e.g. YSQ2026000123');
  return withCliApp('migrate', async (app) => {
    const view = await app.db.transaction((tx) => app.disclosure.get(tx, positionals[0]!.toUpperCase(), new Date()));
    const personal =
      view.applicantType === 'naturalPerson'
        ? ({ name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' } as const)
        : ({ idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' } as const);
    const applicant = maskRecord(view.applicant, personal);
    console.log(JSON.stringify({ ...view, applicantName: applicant.name, applicant }, null, 2));
    return 0;
  });
}

export const casesCommands: Record<string, (args: string[]) => Promise<number>> = { due: casesDue, sweep: casesSweep, show: casesShow };
