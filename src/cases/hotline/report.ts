/**
 * The monthly hotline report: tickets accepted in a month (city time), counted by category and
 * channel, with 响应率, 解决率, 满意率, the weighted composite (config/hotline-sla.yaml metrics)
 * and the on-time rate, as of the moment the report is made. Markdown, CSV or JSON.
 */
import type { HotlineTicket } from '../../../entities/HotlineTicket';
import type { Database } from '../../platform/db/database';
import { addDays } from '../../platform/calendar/dates';
import { hotlineScore, ticketLimitStates, type Rate } from './rules/hotline';
import { tickets } from './repository';
import { departmentName } from './routing';
import type { HotlineService } from './service';
import { localDateTime, zonedInstant } from '../../handoff/serviceHours';
import { CHANNEL_LABELS } from '../../staff/labels';
import { RATING_LABELS, STATUS_LABELS } from './texts';

export const REPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface HotlineReport {
  month: string;
  department: string | null;
  departmentName: string | null;
  /** [from, to) of the month in the city's time zone. */
  from: string;
  to: string;
  generatedAt: string;
  /** generatedAt on the city's clock, as the printed report says it (统计截至). */
  generatedAtLocal: string;
  total: number;
  /** Open tickets past a limit now (ticketLimitStates), by limit; total counts a ticket once. */
  overdue: { total: number; signFor: number; resolve: number };
  channels: { code: string; label: string; count: number }[];
  categories: { code: string; label: string; total: number; byChannel: Record<string, number> }[];
  byStatus: { status: string; label: string; count: number }[];
  /** Only when the report is not limited to one department. */
  byDepartment: { code: string | null; name: string; count: number }[] | null;
  ratings: { rating: string; label: string; count: number }[];
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  onTime: Rate;
  /** 0-100, null when a weighted rate had nothing to assess. */
  composite: number | null;
  weights: { response: number; resolution: number; satisfaction: number };
  basicallySatisfiedCredit: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const first = `${month}-01`;
  const next = addDays(first, 32).slice(0, 7);
  return { from: zonedInstant(first, 0, timeZone), to: zonedInstant(`${next}-01`, 0, timeZone) };
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** The report over the given tickets (pure: the database read is in hotlineReport). */
export function buildHotlineReport(
  rows: readonly HotlineTicket[],
  options: { service: HotlineService; month: string; department: string | null; now: Date },
): HotlineReport {
  const { service, month, department, now } = options;
  const { settings, routing, timeZone } = service.config;
  const { from, to } = monthBounds(month, timeZone);

  const knownChannels = Object.keys(CHANNEL_LABELS);
  const seenChannels = [...new Set(rows.map((t) => t.channel))];
  const channelCodes = [
    ...knownChannels.filter((c) => seenChannels.includes(c)),
    ...seenChannels.filter((c) => !knownChannels.includes(c)).sort(),
  ];
  const channels = channelCodes.map((code) => ({
    code,
    label: CHANNEL_LABELS[code] ?? code,
    count: rows.filter((t) => t.channel === code).length,
  }));

  const categoryCodes = [
    ...settings.categories.map((c) => c.code),
    ...[...new Set(rows.map((t) => t.category))].filter((c) => !settings.categories.some((k) => k.code === c)).sort(),
  ];
  const categories = categoryCodes.map((code) => {
    const mine = rows.filter((t) => t.category === code);
    return {
      code,
      label: service.categoryLabel(code),
      total: mine.length,
      byChannel: Object.fromEntries(channelCodes.map((c) => [c, mine.filter((t) => t.channel === c).length])),
    };
  });

  const byStatus = Object.entries(STATUS_LABELS).map(([status, label]) => ({
    status,
    label,
    count: rows.filter((t) => t.status === status).length,
  }));
  let byDepartment: HotlineReport['byDepartment'] = null;
  if (!department) {
    const codes = [...new Set(rows.map((t) => t.department))];
    byDepartment = codes
      .map((code) => ({
        code,
        name: code === null ? '（未派单）' : (departmentName(routing, code) ?? code),
        count: rows.filter((t) => t.department === code).length,
      }))
      .sort((a, b) => b.count - a.count || (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code)));
  }

  const summaries = rows.map((t) => service.summary(t, now));
  const score = hotlineScore(summaries, settings.metrics);
  const onTimeAssessed = summaries.filter((s) => s.onTime !== null);
  const ratings = (Object.keys(RATING_LABELS) as (keyof typeof RATING_LABELS)[]).map((r) => ({
    rating: r,
    label: RATING_LABELS[r],
    count: rows.filter((t) => t.rating === r).length,
  }));

  return {
    month,
    department,
    departmentName: departmentName(routing, department),
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: now.toISOString(),
    generatedAtLocal: localDateTime(now, service.config.timeZone),
    total: rows.length,
    overdue: countOverdue(rows, now),
    channels,
    categories,
    byStatus,
    byDepartment,
    ratings,
    response: score.response,
    resolution: score.resolution,
    satisfaction: score.satisfaction,
    onTime: rate(onTimeAssessed.filter((s) => s.onTime).length, onTimeAssessed.length),
    composite: score.composite,
    weights: settings.metrics.weights,
    basicallySatisfiedCredit: settings.metrics.basicallySatisfiedCredit,
  };
}

/** The same rule as the ticket list and the dashboard tile. */
export function countOverdue(rows: readonly HotlineTicket[], now: Date): HotlineReport['overdue'] {
  const states = rows.map((t) => ticketLimitStates(t, now));
  return {
    total: states.filter((s) => s.overdue).length,
    signFor: states.filter((s) => s.signFor === 'overdue').length,
    resolve: states.filter((s) => s.resolve === 'overdue').length,
  };
}

export async function hotlineReport(
  db: Database,
  service: HotlineService,
  options: { month: string; department?: string | null; now: Date },
): Promise<HotlineReport> {
  if (!isMonth(options.month)) throw new RangeError(`month must be YYYY-MM, got "${options.month}"`);
  const department = options.department ?? null;
  const { from, to } = monthBounds(options.month, service.config.timeZone);
  const rows = await db.transaction((tx) => tickets.acceptedBetween(tx, from, to, department ?? undefined));
  return buildHotlineReport(rows, { service, month: options.month, department, now: options.now });
}

// ---------------------------------------------------------------------------------------
// Output

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function percent(r: Rate): string {
  if (r.rate === null) return '—';
  const numerator = Number.isInteger(r.numerator) ? String(r.numerator) : r.numerator.toFixed(1);
  return `${(r.rate * 100).toFixed(1)}% (${numerator}/${r.denominator})`;
}

type RateCode = { [K in keyof HotlineReport]: HotlineReport[K] extends Rate ? K : never }[keyof HotlineReport];
/** The report's rates, as the monthly report and the console's dashboard name them. */
export const RATE_LABELS: Record<RateCode, string> = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
  onTime: '按期办结率',
};
const METRICS = Object.entries(RATE_LABELS) as [RateCode, string][];

export function formatMarkdown(report: HotlineReport): string {
  const out: string[] = [];
  out.push(`# 12345热线月度报告 ${report.month}${report.departmentName ? ` · ${report.departmentName}` : ''}`, '');
  out.push(`受理工单 ${report.total} 件（统计截至 ${report.generatedAtLocal}）。`, '');
  out.push(
    `其中未办结且超期 ${report.overdue.total} 件（签收超期 ${report.overdue.signFor} 件，办结超期 ${report.overdue.resolve} 件）。`,
    '',
  );
  out.push('## 考核指标', '', '| 指标 | 结果 |', '| --- | --- |');
  for (const [key, label] of METRICS) out.push(`| ${label} | ${percent(report[key])} |`);
  const w = report.weights;
  out.push(`| 综合成绩 | ${report.composite === null ? '—' : report.composite.toFixed(1)} |`, '');
  out.push(
    `综合成绩 = 100 × (${w.response}×${RATE_LABELS.response} + ${w.resolution}×${RATE_LABELS.resolution} + ${w.satisfaction}×${RATE_LABELS.satisfaction})；"基本满意"按 ${report.basicallySatisfiedCredit} 计。`,
    '',
  );
  out.push('## 按类别和渠道', '');
  out.push(`| 类别 | ${report.channels.map((c) => c.label).join(' | ')}${report.channels.length ? ' | ' : ''}合计 |`);
  out.push(`| --- | ${report.channels.map(() => '---:').join(' | ')}${report.channels.length ? ' | ' : ''}---: |`);
  for (const c of report.categories)
    out.push(
      `| ${c.label} | ${report.channels.map((ch) => c.byChannel[ch.code]).join(' | ')}${report.channels.length ? ' | ' : ''}${c.total} |`,
    );
  out.push(`| 合计 | ${report.channels.map((c) => c.count).join(' | ')}${report.channels.length ? ' | ' : ''}${report.total} |`, '');
  out.push('## 按状态', '', '| 状态 | 件数 |', '| --- | ---: |');
  for (const s of report.byStatus) out.push(`| ${s.label} | ${s.count} |`);
  out.push('');
  out.push('## 评价', '', '| 评价 | 件数 |', '| --- | ---: |');
  for (const r of report.ratings) out.push(`| ${r.label} | ${r.count} |`);
  if (report.byDepartment) {
    out.push('', '## 按承办部门', '', '| 部门 | 件数 |', '| --- | ---: |');
    for (const d of report.byDepartment) out.push(`| ${d.name} | ${d.count} |`);
  }
  return `${out.join('\n')}\n`;
}

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One long table, `section,item,column,value`, so a spreadsheet or a script reads it alike. */
export function formatCsv(report: HotlineReport): string {
  const rows: (string | number | null)[][] = [['section', 'item', 'column', 'value']];
  rows.push(
    ['report', 'month', '', report.month],
    ['report', 'department', '', report.department ?? ''],
    ['report', 'total', '', report.total],
  );
  for (const [key, label] of METRICS) {
    const r = report[key];
    rows.push(
      ['metric', label, 'rate', r.rate === null ? null : round(r.rate, 4)],
      ['metric', label, 'numerator', round(r.numerator, 4)],
      ['metric', label, 'denominator', r.denominator],
    );
  }
  rows.push(
    ['overdue', '超期', '合计', report.overdue.total],
    ['overdue', '超期', '签收超期', report.overdue.signFor],
    ['overdue', '超期', '办结超期', report.overdue.resolve],
  );
  rows.push(['metric', '综合成绩', 'score', report.composite === null ? null : round(report.composite, 2)]);
  for (const c of report.categories) {
    for (const ch of report.channels) rows.push(['category', c.label, ch.label, c.byChannel[ch.code]]);
    rows.push(['category', c.label, '合计', c.total]);
  }
  for (const ch of report.channels) rows.push(['channel', ch.label, '合计', ch.count]);
  for (const s of report.byStatus) rows.push(['status', s.label, '', s.count]);
  for (const r of report.ratings) rows.push(['rating', r.label, '', r.count]);
  for (const d of report.byDepartment ?? []) rows.push(['department', d.name, '', d.count]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

export function formatReport(report: HotlineReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return formatCsv(report);
  return formatMarkdown(report);
}
