/**
 * Annual report on government information disclosure (政府信息公开工作年度报告),
 * Art. 49-50, national format 国办公开办函〔2021〕30号: table 三 (applications received
 * and handled) and table 四 (administrative review and litigation).
 *
 * Labels are copied exactly from domain.md; they are the text the national format
 * requires, so they are data here and never rebuilt from pieces.
 */

// ---------------------------------------------------------------------------------------
// Applicant types (申请人类型): the columns of table 三, and the list the rest of the app uses.

export const APPLICANT_TYPES = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrganization',
  'legalServiceOrganization',
  'otherOrganization',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** 法人或其他组织: the group over every applicant type except 自然人. */
export const ORGANIZATION_GROUP_LABEL = '法人或其他组织';

export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  naturalPerson: '自然人',
  commercialEnterprise: '商业企业',
  researchInstitution: '科研机构',
  publicInterestOrganization: '社会公益组织',
  legalServiceOrganization: '法律服务机构',
  otherOrganization: '其他',
};

export function isOrganization(type: ApplicantType): boolean {
  return type !== 'naturalPerson';
}

export type Table3ColumnCode = ApplicantType | 'total';

export interface ColumnDefinition {
  code: Table3ColumnCode;
  label: string;
  /** Set for the five columns under 法人或其他组织. */
  group?: string;
}

export const TABLE3_COLUMNS: readonly ColumnDefinition[] = [
  ...APPLICANT_TYPES.map((code) => ({
    code,
    label: APPLICANT_TYPE_LABELS[code],
    ...(isOrganization(code) ? { group: ORGANIZATION_GROUP_LABEL } : {}),
  })),
  { code: 'total', label: '总计' },
];

// ---------------------------------------------------------------------------------------
// Table 三 rows. kind: count = a number entered per column; heading = a label over
// sub-rows (no numbers of its own); total = (七)总计, computed.

export const TABLE3_TITLE = '三、收到和处理政府信息公开申请情况';

export const TABLE3_ROWS = [
  { code: 'new', kind: 'count', label: '一、本年新收政府信息公开申请数量' },
  { code: 'carriedOver', kind: 'count', label: '二、上年结转政府信息公开申请数量' },
  { code: 'outcome', kind: 'heading', label: '三、本年度办理结果' },
  { code: 'outcome.disclosed', kind: 'count', label: '（一）予以公开' },
  { code: 'outcome.partiallyDisclosed', kind: 'count', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'outcome.withheld', kind: 'heading', label: '（三）不予公开' },
  { code: 'outcome.withheld.stateSecret', kind: 'count', label: '1.属于国家秘密' },
  { code: 'outcome.withheld.prohibitedByLaw', kind: 'count', label: '2.其他法律行政法规禁止公开' },
  { code: 'outcome.withheld.threeSecuritiesOneStability', kind: 'count', label: '3.危及“三安全一稳定”' },
  { code: 'outcome.withheld.thirdPartyRights', kind: 'count', label: '4.保护第三方合法权益' },
  { code: 'outcome.withheld.internalAffairs', kind: 'count', label: '5.属于三类内部事务信息' },
  { code: 'outcome.withheld.processInformation', kind: 'count', label: '6.属于四类过程性信息' },
  { code: 'outcome.withheld.enforcementFiles', kind: 'count', label: '7.属于行政执法案卷' },
  { code: 'outcome.withheld.administrativeQuery', kind: 'count', label: '8.属于行政查询事项' },
  { code: 'outcome.unavailable', kind: 'heading', label: '（四）无法提供' },
  { code: 'outcome.unavailable.notHeld', kind: 'count', label: '1.本机关不掌握相关政府信息' },
  { code: 'outcome.unavailable.wouldNeedCreating', kind: 'count', label: '2.没有现成信息需要另行制作' },
  { code: 'outcome.unavailable.unclearAfterCorrection', kind: 'count', label: '3.补正后申请内容仍不明确' },
  { code: 'outcome.notProcessed', kind: 'heading', label: '（五）不予处理' },
  { code: 'outcome.notProcessed.petitionOrComplaint', kind: 'count', label: '1.信访举报投诉类申请' },
  { code: 'outcome.notProcessed.repeated', kind: 'count', label: '2.重复申请' },
  { code: 'outcome.notProcessed.publication', kind: 'count', label: '3.要求提供公开出版物' },
  { code: 'outcome.notProcessed.massRepeated', kind: 'count', label: '4.无正当理由大量反复申请' },
  { code: 'outcome.notProcessed.confirmOrReissue', kind: 'count', label: '5.要求行政机关确认或重新出具已获取信息' },
  { code: 'outcome.otherHandling', kind: 'heading', label: '（六）其他处理' },
  {
    code: 'outcome.otherHandling.correctionOverdue',
    kind: 'count',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  {
    code: 'outcome.otherHandling.feeUnpaid',
    kind: 'count',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  { code: 'outcome.otherHandling.other', kind: 'count', label: '3.其他' },
  { code: 'total', kind: 'total', label: '（七）总计' },
  { code: 'carriedForward', kind: 'count', label: '四、结转下年度继续办理' },
] as const satisfies readonly { code: string; kind: 'count' | 'heading' | 'total'; label: string }[];

type Table3RowDef = (typeof TABLE3_ROWS)[number];
export type Table3RowCode = Table3RowDef['code'];
/** Rows whose numbers are entered (everything but headings and (七)总计). */
export type Table3CountRowCode = Extract<Table3RowDef, { kind: 'count' }>['code'];
/** Reply outcomes (办理结果) as counted in the report: one list for the whole app. */
export type ReplyOutcomeCode = Extract<Table3CountRowCode, `outcome.${string}`>;

export const REPLY_OUTCOME_CODES: readonly ReplyOutcomeCode[] = TABLE3_ROWS.filter(
  (r): r is Extract<Table3RowDef, { code: ReplyOutcomeCode }> => r.kind === 'count' && r.code.startsWith('outcome.'),
).map((r) => r.code);

const ROW_LABEL = new Map<string, string>(TABLE3_ROWS.map((r) => [r.code, r.label]));

export function replyOutcomeLabel(code: ReplyOutcomeCode): string {
  return ROW_LABEL.get(code)!;
}

// ---------------------------------------------------------------------------------------
// Building table 三

export type ColumnValues = Record<Table3ColumnCode, number>;
export type Table3Counts = Partial<Record<Table3CountRowCode, Partial<Record<ApplicantType, number>>>>;

export interface Table3Row {
  code: Table3RowCode;
  kind: 'count' | 'heading' | 'total';
  label: string;
  /** null for headings. */
  values: ColumnValues | null;
}

export interface Table3 {
  title: string;
  columns: readonly ColumnDefinition[];
  rows: Table3Row[];
}

/** A report that cannot be filed as it stands; the message names the row or column. */
export class AnnualReportError extends Error {
  constructor(
    message: string,
    /** Columns whose balance fails, empty for other problems. */
    readonly columns: Table3ColumnCode[] = [],
  ) {
    super(message);
    this.name = 'AnnualReportError';
  }
}

const COUNT_ROW_CODES = new Set<string>(TABLE3_ROWS.filter((r) => r.kind === 'count').map((r) => r.code));
const OUTCOME_ROW_CODES: readonly string[] = REPLY_OUTCOME_CODES;

function checkCount(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AnnualReportError(`${where}: 数量必须是非负整数，收到 ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Builds table 三 from counts per (row, applicant type). Missing counts are 0. Computes the
 * 总计 column and the (七)总计 row (sum of every outcome row), then checks per column
 * that 一 + 二 = (七)总计 + 四, i.e. every application is either handled or carried forward.
 */
export function buildTable3(counts: Table3Counts): Table3 {
  for (const code of Object.keys(counts)) {
    if (!COUNT_ROW_CODES.has(code)) throw new AnnualReportError(`表三没有可填写的行 "${code}"`);
  }
  const valuesOf = (code: Table3CountRowCode): ColumnValues => {
    const given: Record<string, unknown> = counts[code] ?? {};
    for (const col of Object.keys(given)) {
      if (!(APPLICANT_TYPES as readonly string[]).includes(col))
        throw new AnnualReportError(`表三"${ROW_LABEL.get(code)}"行：未知的申请人类型列 "${col}"`);
    }
    const values = { total: 0 } as ColumnValues;
    for (const type of APPLICANT_TYPES) {
      values[type] = checkCount(given[type] ?? 0, `表三"${ROW_LABEL.get(code)}"行"${APPLICANT_TYPE_LABELS[type]}"列`);
      values.total += values[type];
    }
    return values;
  };

  const byCode = new Map<string, ColumnValues>();
  for (const row of TABLE3_ROWS) if (row.kind === 'count') byCode.set(row.code, valuesOf(row.code));
  const total = { total: 0 } as ColumnValues;
  for (const col of TABLE3_COLUMNS) total[col.code] = OUTCOME_ROW_CODES.reduce((sum, code) => sum + byCode.get(code)![col.code], 0);
  byCode.set('total', total);

  const failures: string[] = [];
  const failedColumns: Table3ColumnCode[] = [];
  for (const col of TABLE3_COLUMNS) {
    const received = byCode.get('new')![col.code] + byCode.get('carriedOver')![col.code];
    const accounted = total[col.code] + byCode.get('carriedForward')![col.code];
    if (received !== accounted) {
      failedColumns.push(col.code);
      failures.push(`"${col.group ? `${col.group}·` : ''}${col.label}"列(${col.code})：一+二=${received}，（七）总计+四=${accounted}`);
    }
  }
  if (failures.length > 0) {
    throw new AnnualReportError(`表三不平衡，每列应满足 一+二=（七）总计+四：\n${failures.join('\n')}`, failedColumns);
  }

  return {
    title: TABLE3_TITLE,
    columns: TABLE3_COLUMNS,
    rows: TABLE3_ROWS.map((r) => ({
      code: r.code,
      kind: r.kind,
      label: r.label,
      values: r.kind === 'heading' ? null : byCode.get(r.code)!,
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Table 四: administrative review (行政复议) and litigation (行政诉讼)

export const TABLE4_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
export const LITIGATION_GROUP_LABEL = '行政诉讼';

export const PROCEEDINGS = [
  { code: 'review', label: '行政复议' },
  { code: 'directLawsuit', label: '未经复议直接起诉', group: LITIGATION_GROUP_LABEL },
  { code: 'lawsuitAfterReview', label: '复议后起诉', group: LITIGATION_GROUP_LABEL },
] as const;
export type ProceedingCode = (typeof PROCEEDINGS)[number]['code'];

export const PROCEEDING_RESULTS = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'other', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
  { code: 'total', label: '总计' },
] as const;
export type ProceedingResultCode = (typeof PROCEEDING_RESULTS)[number]['code'];
export type ProceedingCountCode = Exclude<ProceedingResultCode, 'total'>;

export type Table4Counts = Partial<Record<ProceedingCode, Partial<Record<ProceedingCountCode, number>>>>;

export interface Table4 {
  title: string;
  cells: Record<ProceedingCode, Record<ProceedingResultCode, number>>;
}

/** Builds table 四; 总计 of each proceeding = 维持 + 纠正 + 其他 + 尚未审结. */
export function buildTable4(counts: Table4Counts): Table4 {
  const cells = {} as Table4['cells'];
  for (const key of Object.keys(counts)) {
    if (!PROCEEDINGS.some((p) => p.code === key)) throw new AnnualReportError(`表四没有 "${key}" 这一类`);
  }
  for (const p of PROCEEDINGS) {
    const given: Record<string, unknown> = counts[p.code] ?? {};
    for (const key of Object.keys(given)) {
      if (key === 'total' || !PROCEEDING_RESULTS.some((r) => r.code === key)) {
        throw new AnnualReportError(`表四"${p.label}"：不能填写 "${key}"${key === 'total' ? '（总计由系统计算）' : ''}`);
      }
    }
    const row = { total: 0 } as Record<ProceedingResultCode, number>;
    for (const r of PROCEEDING_RESULTS) {
      if (r.code === 'total') continue;
      row[r.code] = checkCount(given[r.code] ?? 0, `表四"${p.label}""${r.label}"`);
      row.total += row[r.code];
    }
    cells[p.code] = row;
  }
  return { title: TABLE4_TITLE, cells };
}

// ---------------------------------------------------------------------------------------
// Renderers

function mdCell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|');
}

function mdRow(cells: (string | number)[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

function csvCell(text: string | number): string {
  const s = String(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLines(rows: (string | number)[][], bom: boolean): string {
  // CRLF per RFC 4180; the BOM lets Excel open UTF-8 Chinese text correctly.
  return (bom ? '\uFEFF' : '') + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The national form's note in the head of the label column (the per-column invariant). */
export const TABLE3_COLUMN_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_APPLICANT_HEADER = '申请人情况';

/** The three header lines of table 三 as the national form shows them: 申请人情况 over the groups over the sub-columns. */
function table3HeaderLines(table: Table3): string[][] {
  const head = [TABLE3_COLUMN_NOTE, TABLE3_APPLICANT_HEADER, ...table.columns.slice(1).map(() => '')];
  const top = [''];
  const sub = [''];
  let lastGroup: string | undefined;
  for (const c of table.columns) {
    if (c.group) {
      top.push(c.group === lastGroup ? '' : c.group);
      sub.push(c.label);
    } else {
      top.push(c.label);
      sub.push('');
    }
    lastGroup = c.group;
  }
  return [head, top, sub];
}

function table3Body(table: Table3): (string | number)[][] {
  return table.rows.map((r) => [r.label, ...table.columns.map((c) => (r.values ? r.values[c.code] : ''))]);
}

export function renderTable3Markdown(table: Table3): string {
  const [head, top, sub] = table3HeaderLines(table);
  const lines = [
    `**${table.title}**`,
    '',
    mdRow(head!),
    mdRow(head!.map((_, i) => (i === 0 ? '---' : '---:'))),
    mdRow(top!),
    mdRow(sub!),
    ...table3Body(table).map(mdRow),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderTable3Csv(table: Table3, options: { bom?: boolean } = {}): string {
  return csvLines([...table3HeaderLines(table), ...table3Body(table)], options.bom ?? false);
}

/** JSON with codes and labels, so a reader needs no knowledge of this module. */
export function renderTable3Json(table: Table3): string {
  return JSON.stringify(
    {
      table: '三',
      title: table.title,
      columns: table.columns.map((c) => ({ code: c.code, label: c.label, ...(c.group ? { group: c.group } : {}) })),
      rows: table.rows.map((r) => ({ code: r.code, kind: r.kind, label: r.label, ...(r.values ? { values: r.values } : {}) })),
    },
    null,
    2,
  );
}

/**
 * Table 四 as the national form lays it out: three header lines (行政复议 | 行政诉讼; 未经复议直接起诉 |
 * 复议后起诉; the five results under each) over ONE row of 15 numbers.
 */
function table4Lines(table: Table4): (string | number)[][] {
  const width = PROCEEDING_RESULTS.length;
  const spanning = (label: string, cells: number) => [label, ...Array<string>(cells - 1).fill('')];
  const groupOf = (p: (typeof PROCEEDINGS)[number]) => ('group' in p ? p.group : p.label);
  const groups = [...new Set(PROCEEDINGS.map(groupOf))];
  const top = groups.flatMap((g) => spanning(g, width * PROCEEDINGS.filter((p) => groupOf(p) === g).length));
  const middle = PROCEEDINGS.flatMap((p) => ('group' in p ? spanning(p.label, width) : Array<string>(width).fill('')));
  const results = PROCEEDINGS.flatMap(() => PROCEEDING_RESULTS.map((r) => r.label));
  const values = PROCEEDINGS.flatMap((p) => PROCEEDING_RESULTS.map((r) => table.cells[p.code][r.code]));
  return [top, middle, results, values];
}

export function renderTable4Markdown(table: Table4): string {
  const [top, ...rest] = table4Lines(table);
  const lines = [`**${table.title}**`, '', mdRow(top!), mdRow(top!.map(() => '---:')), ...rest.map(mdRow)];
  return `${lines.join('\n')}\n`;
}

export function renderTable4Csv(table: Table4, options: { bom?: boolean } = {}): string {
  return csvLines(table4Lines(table), options.bom ?? false);
}

export function renderTable4Json(table: Table4): string {
  return JSON.stringify(
    {
      table: '四',
      title: table.title,
      proceedings: PROCEEDINGS.map((p) => ({
        code: p.code,
        label: p.label,
        ...('group' in p ? { group: p.group } : {}),
        results: PROCEEDING_RESULTS.map((r) => ({ code: r.code, label: r.label, count: table.cells[p.code][r.code] })),
      })),
    },
    null,
    2,
  );
}
