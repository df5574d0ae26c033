/**
 * The disclosure part of the annual report (政府信息公开工作年度报告, Art. 49-50): table 三 from
 * the requests, table 四 from the recorded reviews and lawsuits, and the breakdowns city reports
 * add (channel of receipt, topic, agency). Every row of table 三 is counted from the records on
 * its own, so the per-column check 一 + 二 = (七)总计 + 四 really checks the data.
 */
import type { DisclosureProceeding, DisclosureRequest } from '../../../entities';
import type { Transaction } from '../../platform/db/database';
import {
  AnnualReportError,
  APPLICANT_TYPES,
  buildTable3,
  buildTable4,
  PROCEEDING_RESULTS,
  PROCEEDINGS,
  renderTable3Csv,
  renderTable3Json,
  renderTable3Markdown,
  renderTable4Csv,
  renderTable4Json,
  renderTable4Markdown,
  type ApplicantType,
  type ProceedingCode,
  type ProceedingCountCode,
  type Table3,
  type Table3Counts,
  type Table3CountRowCode,
  type Table4,
  type Table4Counts,
} from './rules/annualReport';
import type { AgencyDirectory } from './agencies';
import { disclosureProceedings, disclosureRequests } from './repository';
import { isOutcomeCode, RECEIPT_CHANNEL_LABELS, RECEIPT_CHANNELS } from './texts';

export const REPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Breakdown {
  code: string;
  label: string;
  count: number;
}

export interface AnnualReport {
  year: number;
  agency: { code: string; name: string } | null;
  table3: Table3;
  table4: Table4;
  /** New applications of the year by channel of receipt (当面/信函/网上). */
  byChannel: Breakdown[];
  /** New applications of the year by topic (拆迁/征地/城市规划/项目审批/其他). */
  byTopic: Breakdown[];
  /** New applications of the year by the agency handling them now (the whole city only). */
  byAgency: Breakdown[] | null;
}

export const PROCEEDING_KINDS = PROCEEDINGS.map((p) => p.code);
export const PROCEEDING_OUTCOMES = PROCEEDING_RESULTS.map((r) => r.code).filter((c): c is ProceedingCountCode => c !== 'total');

function columnOf(r: DisclosureRequest): ApplicantType {
  if (!(APPLICANT_TYPES as readonly string[]).includes(r.applicantType))
    throw new AnnualReportError(`申请 ${r.number}：未知的申请人类型 "${r.applicantType}"`);
  return r.applicantType as ApplicantType;
}

function bump(counts: Table3Counts, row: Table3CountRowCode, column: ApplicantType): void {
  const cells = (counts[row] ??= {});
  cells[column] = (cells[column] ?? 0) + 1;
}

/** Table 三 counts for [from, to]; each row from its own rule over the records. */
export function table3Counts(requests: readonly DisclosureRequest[], from: string, to: string): Table3Counts {
  const counts: Table3Counts = {};
  const damaged: string[] = [];
  for (const r of requests) {
    const column = columnOf(r);
    if ((r.status === 'closed') !== (r.closedOn !== null) || (r.status === 'closed' && !r.outcome)) {
      damaged.push(`${r.number}（状态 ${r.status}，办结日期 ${r.closedOn ?? '无'}，结果 ${r.outcome ?? '无'}）`);
      continue;
    }
    // 一、本年新收
    if (r.receivedOn >= from && r.receivedOn <= to) bump(counts, 'new', column);
    // 二、上年结转: received before the year and still open when it began
    if (r.receivedOn < from && (r.closedOn === null || r.closedOn >= from)) bump(counts, 'carriedOver', column);
    // 三、本年度办理结果: closed within the year
    if (r.closedOn !== null && r.closedOn >= from && r.closedOn <= to) {
      if (!r.outcome || !isOutcomeCode(r.outcome)) {
        damaged.push(`${r.number}（未知的办理结果 "${r.outcome}"）`);
        continue;
      }
      bump(counts, r.outcome, column);
    }
    // 四、结转下年度: received by the end of the year and still open then
    if (r.receivedOn <= to && (r.closedOn === null || r.closedOn > to)) bump(counts, 'carriedForward', column);
  }
  if (damaged.length) throw new AnnualReportError(`以下申请的记录不完整，无法统计，请先核对：\n${damaged.join('\n')}`);
  return counts;
}

/**
 * Table 四 counts: proceedings filed in the year, and earlier ones decided in it, each with its
 * result as of the end of the year (尚未审结 while undecided then).
 */
export function table4Counts(proceedings: readonly DisclosureProceeding[], from: string, to: string): Table4Counts {
  const counts: Table4Counts = {};
  for (const p of proceedings) {
    const filedInYear = p.filedOn >= from && p.filedOn <= to;
    const decidedInYear = p.decidedOn !== null && p.decidedOn >= from && p.decidedOn <= to;
    if (p.filedOn > to || (!filedInYear && !decidedInYear)) continue;
    const result = p.result !== 'pending' && p.decidedOn !== null && p.decidedOn <= to ? p.result : 'pending';
    if (!(PROCEEDING_KINDS as readonly string[]).includes(p.kind) || !(PROCEEDING_OUTCOMES as readonly string[]).includes(result)) {
      throw new AnnualReportError(`复议/诉讼记录 ${p.id}：未知的类别 "${p.kind}" 或结果 "${result}"`);
    }
    const row = (counts[p.kind as ProceedingCode] ??= {});
    row[result as ProceedingCountCode] = (row[result as ProceedingCountCode] ?? 0) + 1;
  }
  return counts;
}

function breakdown(codes: readonly { code: string; label: string }[], values: string[]): Breakdown[] {
  return codes.map(({ code, label }) => ({ code, label, count: values.filter((v) => v === code).length }));
}

export async function buildAnnualReport(
  tx: Transaction,
  options: { year: number; agency?: string },
  agencies: AgencyDirectory,
): Promise<AnnualReport> {
  const { year } = options;
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year must be a year such as 2025, got ${year}`);
  const agency = options.agency ? (agencies.byCode(options.agency) ?? agencies.find(options.agency)) : undefined;
  if (options.agency && !agency) throw new AnnualReportError(`未知的机关 "${options.agency}"（见 config/agencies.yaml）`);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const requests = [
    ...(await disclosureRequests.forReport(tx, from, to, agency?.code)),
    // Closed in the year but received after it: impossible in sound data, and counted so the check fails.
    ...(await disclosureRequests.closedBeforeReceipt(tx, from, to, agency?.code)),
  ];
  const table3 = buildTable3(table3Counts(requests, from, to));
  const table4 = buildTable4(table4Counts(await disclosureProceedings.forPeriod(tx, from, to, agency?.code), from, to));
  const fresh = requests.filter((r) => r.receivedOn >= from && r.receivedOn <= to);
  const knownTopics = agencies.topics.map((t) => ({ code: t.code, label: t.label }));
  const topicOf = (r: DisclosureRequest) => (agencies.topic(r.topic) ? r.topic : agencies.fallbackTopic.code);
  return {
    year,
    agency: agency ? { code: agency.code, name: agency.name } : null,
    table3,
    table4,
    byChannel: breakdown(
      RECEIPT_CHANNELS.map((c) => ({ code: c, label: RECEIPT_CHANNEL_LABELS[c] })),
      fresh.map((r) => r.receiptChannel),
    ),
    byTopic: breakdown(knownTopics, fresh.map(topicOf)),
    byAgency: agency
      ? null
      : breakdown(
          agencies.agencies.map((a) => ({ code: a.code, label: a.name })),
          fresh.map((r) => r.agency),
        ).filter((b) => b.count > 0),
  };
}

function breakdownMarkdown(title: string, rows: Breakdown[]): string {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return [
    `**${title}**`,
    '',
    '| 项目 | 数量 |',
    '| --- | ---: |',
    ...rows.map((r) => `| ${r.label} | ${r.count} |`),
    `| 合计 | ${total} |`,
    '',
  ].join('\n');
}

function breakdownCsv(title: string, rows: Breakdown[]): string {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return [title, '项目,数量', ...rows.map((r) => `${r.label},${r.count}`), `合计,${total}`].join('\r\n') + '\r\n';
}

export function renderAnnualReport(report: AnnualReport, format: ReportFormat): string {
  const scope = report.agency ? report.agency.name : '全市';
  const heading = `${report.year}年政府信息公开工作年度报告（${scope}）`;
  const extras: [string, Breakdown[]][] = [
    ['本年新收申请：按申请渠道', report.byChannel],
    ['本年新收申请：按申请内容', report.byTopic],
    ...(report.byAgency ? [['本年新收申请：按承办机关', report.byAgency] as [string, Breakdown[]]] : []),
  ];
  switch (format) {
    case 'md':
      return [
        `# ${heading}`,
        '',
        renderTable3Markdown(report.table3),
        renderTable4Markdown(report.table4),
        ...extras.map(([title, rows]) => breakdownMarkdown(title, rows)),
      ].join('\n');
    case 'csv':
      return [
        `\uFEFF${heading}\r\n`,
        `${report.table3.title}\r\n${renderTable3Csv(report.table3)}`,
        `${report.table4.title}\r\n${renderTable4Csv(report.table4)}`,
        ...extras.map(([title, rows]) => breakdownCsv(title, rows)),
      ].join('\r\n');
    case 'json':
      return `${JSON.stringify(
        {
          year: report.year,
          agency: report.agency,
          table3: JSON.parse(renderTable3Json(report.table3)),
          table4: JSON.parse(renderTable4Json(report.table4)),
          byChannel: report.byChannel,
          byTopic: report.byTopic,
          byAgency: report.byAgency,
        },
        null,
        2,
      )}\n`;
  }
}
