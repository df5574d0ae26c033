import { parseArgs } from 'node:util';
import { cliActor } from '../staff/audit/context';
import { maskRecord } from '../staff/audit/personalData';
import { EVENT_LABELS } from '../cases/disclosure/texts';
import { localDateTime } from '../handoff/serviceHours';
import { withCliApp, type CliApp, type Command, type OpenApp } from './cliApp';
import { table } from './table';
import { parseCommandLine, unknownAgency, UsageError } from './usage';

type Summary = Awaited<ReturnType<CliApp['disclosure']['due']>>['overdue'][number];

const masked = (s: Summary): Summary => (s.applicantType === 'naturalPerson' ? maskRecord(s, { applicantName: 'name' }) : s);

/** The deadline that matters now, in words. */
function nextStep(s: Summary): string {
  if (s.status === 'awaitingCorrection') return `补正期限 ${s.correctionDueOn}`;
  if (s.feePaymentDueOn) return `缴费期限 ${s.feePaymentDueOn}`;
  if (s.opinionDueOn) return `第三方意见 ${s.opinionDueOn}${s.opinionOverdue ? '（已逾期）' : ''}`;
  if (s.status === 'paused') return '计时中止';
  const left =
    s.workingDaysLeft === null
      ? ''
      : s.workingDaysLeft < 0
        ? `（超期${-s.workingDaysLeft}个工作日）`
        : `（剩${s.workingDaysLeft}个工作日）`;
  return `答复期限 ${s.dueOn ?? '—'}${left}`;
}

const row = (s: Summary) => [
  s.number,
  s.statusLabel,
  s.agency.name,
  `${nextStep(s)}${s.beyondCoverage ? ' [超出节假日日历]' : ''}`,
  s.applicantName,
  s.description,
];
const HEADER = ['申请编号', '状态', '受理机关', '期限', '申请人', '所需信息'];

/** `cases due`: what needs action, for a cron mail or a morning look. */
export async function casesDue(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: { within: { type: 'string', default: '5' }, agency: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!/^\d{1,2}$/.test(values.within))
    throw new UsageError(`--within must be a number of working days from 0 to 99 (got "${values.within}")`);
  return withCliApp(open, 'migrate', async (app) => {
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
    const out = [`今天 ${due.today}；即将到期：${due.dueBy} 前（${values.within}个工作日内）`];
    if (due.calendarWarning) out.push(`CALENDAR: ${due.calendarWarning}`);
    const section = (title: string, list: Summary[]) =>
      out.push('', `${title}（${list.length}件）`, ...(list.length ? [table(HEADER, list.map(row))] : []));
    section('已超期', sections.overdue);
    section('即将到期', sections.dueSoon);
    section('补正期满：视为放弃申请，由服务器办结（或现在运行 `wenzheng cases sweep`）', sections.correctionLapsed);
    section('第三方意见到期（第三十二条：收到后15个工作日）或已逾期', sections.opinionDue);
    section('逾期未缴费：以“逾期未缴费”答复（表三（六）2）', sections.feeLapsed);
    section('计时中止（征求意见或收费通知）', sections.paused);
    section(`期限超出节假日日历（日历至 ${app.disclosure.calendar.coveredUntil}）：导入下一年的安排后再核对`, sections.beyondCoverage);
    console.log(out.join('\n'));
    return 0;
  });
}

/** `cases sweep`: close requests whose correction period lapsed, now. */
export async function casesSweep(args: string[], open: OpenApp): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  return withCliApp(open, 'migrate', async (app) => {
    const closed = await app.db.transaction((tx) => app.disclosure.sweepLapsedCorrections(tx, cliActor(), new Date()));
    console.log(closed.length ? `closed as abandoned (correction period lapsed): ${closed.join(', ')}` : 'no correction period has lapsed');
    return 0;
  });
}

type CaseView = Awaited<ReturnType<CliApp['disclosure']['get']>>;

/** One request as a reader wants it: labelled fields, then the history, in city time. */
function caseText(view: CaseView, applicant: CaseView['applicant'], timeZone: string): string {
  const fields: [string, string | null | undefined][] = [
    ['申请编号', view.number],
    ['状态', view.statusLabel],
    ['受理机关', view.agency.name],
    ['分类', view.topic.label],
    ['收到日期', `${view.receivedOn}（${view.receiptChannelLabel}）`],
    ['申请人', `${applicant.name}（${applicant.typeLabel}）`],
    ['证件号码', applicant.idNumber],
    ['联系电话', applicant.phone],
    ['所需信息', view.originalDescription],
    ['补正', view.correction ? `${view.correction.on}${view.correction.description ? `：${view.correction.description}` : ''}` : null],
    ['期限', nextStep(view)],
    [
      '处理费',
      `${view.fee.methodLabel} ${view.fee.amount}元${view.fee.paymentDueOn ? `，缴费期限 ${view.fee.paymentDueOn}` : ''}${view.fee.paidOn ? `，${view.fee.paidOn} 已缴` : ''}`,
    ],
    ['答复', view.outcomeLabel ? `${view.outcomeLabel}（${view.closedOn}）` : null],
  ];
  const shown = fields.filter((f): f is [string, string] => Boolean(f[1]));
  return [
    table(
      ['项目', '内容'],
      shown.map(([k, v]) => [k, v]),
    ),
    '',
    '办理记录',
    table(
      ['时间', '生效日期', '事件', '经办', '说明'],
      view.events.map((e) => [
        localDateTime(new Date(e.at), timeZone),
        e.effectiveOn,
        EVENT_LABELS[e.type] ?? e.type,
        e.actorLabel,
        e.note ?? '',
      ]),
    ),
  ].join('\n');
}

/** `cases show NUMBER [--json]`: one request, personal data masked. */
export async function casesShow(args: string[], open: OpenApp): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError('cases show needs one tracking NUMBER, e.g. YSQ2026000123');
  return withCliApp(open, 'migrate', async (app) => {
    const view = await app.db.transaction((tx) => app.disclosure.get(tx, positionals[0]!.toUpperCase(), new Date()));
    const personal =
      view.applicantType === 'naturalPerson'
        ? ({ name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' } as const)
        : ({ idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' } as const);
    const applicant = maskRecord(view.applicant, personal);
    if (values.json) console.log(JSON.stringify({ ...view, applicantName: applicant.name, applicant }, null, 2));
    else console.log(caseText(view, applicant, app.config.hotline.timeZone));
    return 0;
  });
}

export const casesCommands: Record<string, Command> = { due: casesDue, sweep: casesSweep, show: casesShow };
