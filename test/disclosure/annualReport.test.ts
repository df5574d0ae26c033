import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { createApp } from '../../src/app';
import { AnnualReportError, TABLE3_ROWS } from '../../src/cases/disclosure/rules/annualReport';
import { buildAnnualReport, renderAnnualReport } from '../../src/cases/disclosure/report';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from '../staff/support';
import { EXPECTED_2025, generateYear } from './yearOfCases';
import { runCli } from '../support/cli';

const COLUMNS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrganization',
  'legalServiceOrganization',
  'otherOrganization',
  'total',
] as const;

describe('the annual report from a generated year of cases', () => {
  let app: TestApp;
  let numbers: Record<string, string>;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
    numbers = await generateYear(app);
  });
  afterAll(() => app.close());

  const report = (year: number, agency?: string) =>
    app.db.transaction((tx) => buildAnnualReport(tx, { year, agency }, app.disclosure.agencies));

  it('counts table 三 as worked out by hand, row by row and column by column', async () => {
    const { table3 } = await report(2025);
    expect(table3.title).toBe('三、收到和处理政府信息公开申请情况');
    expect(table3.rows.map((r) => r.label)).toEqual(TABLE3_ROWS.map((r) => r.label));
    for (const row of table3.rows) {
      const expected = EXPECTED_2025[row.label] ?? (row.kind === 'heading' ? null : [0, 0, 0, 0, 0, 0, 0]);
      expect({ row: row.label, values: row.values && COLUMNS.map((c) => row.values![c]) }).toEqual({ row: row.label, values: expected });
    }
  });

  it('counts table 四 from the recorded reviews and lawsuits, with their state at the end of the year', async () => {
    const { table4 } = await report(2025);
    expect(table4.cells).toEqual({
      review: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      directLawsuit: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
      lawsuitAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
    });
  });

  it('breaks the new applications down by channel, topic and agency', async () => {
    const r = await report(2025);
    expect(r.byChannel).toEqual([
      { code: 'inPerson', label: '当面', count: 1 },
      { code: 'letter', label: '信函', count: 2 },
      { code: 'online', label: '网上', count: 8 },
    ]);
    expect(r.byTopic.map((t) => [t.label, t.count])).toEqual([
      ['拆迁', 2],
      ['征地', 1],
      ['城市规划', 1],
      ['项目审批', 1],
      ['其他', 6],
    ]);
    expect(r.byAgency).toEqual([
      { code: 'housing', label: '市住房和城乡建设局', count: 9 },
      { code: 'finance', label: '市财政局', count: 2 },
    ]);
  });

  it('reports one agency alone', async () => {
    const r = await report(2025, 'finance');
    const values = (label: string) => COLUMNS.map((c) => r.table3.rows.find((row) => row.label === label)!.values![c]);
    expect(values('一、本年新收政府信息公开申请数量')).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(values('6.属于四类过程性信息')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(values('四、结转下年度继续办理')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(r.table4.cells.lawsuitAfterReview.pending).toBe(1);
    expect(r.table4.cells.review.total).toBe(0);
    expect(r.byAgency).toBeNull();
  });

  it('renders the national labels exactly in Markdown, CSV and JSON', async () => {
    const r = await report(2025);
    const md = renderAnnualReport(r, 'md');
    for (const row of TABLE3_ROWS) expect(md).toContain(`| ${row.label} |`);
    expect(md).toContain('| 一、本年新收政府信息公开申请数量 | 6 | 2 | 1 | 1 | 0 | 1 | 11 |');
    expect(md).toContain('|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |');
    const csv = renderAnnualReport(r, 'csv');
    expect(csv.startsWith('\uFEFF2025年政府信息公开工作年度报告（全市）')).toBe(true);
    expect(csv).toContain('四、结转下年度继续办理,1,1,0,0,1,0,3\r\n');
    expect(csv).toContain('\r\n1,0,0,1,2,');
    const json = JSON.parse(renderAnnualReport(r, 'json'));
    expect(json.table3.rows.find((row: { code: string }) => row.code === 'total').values.total).toBe(10);
  });

  it('fails loudly when the records do not balance, naming the columns', async () => {
    // Damage one record: received in 2026 but closed in 2025.
    await app.db.dataSource.query('UPDATE disclosure_request SET status = ?, outcome = ?, closed_on = ? WHERE number = ?', [
      'closed',
      'outcome.disclosed',
      '2025-12-20',
      numbers.X1,
    ]);
    const err = await report(2025).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnnualReportError);
    expect((err as AnnualReportError).columns).toEqual(['naturalPerson', 'total']);
    expect((err as AnnualReportError).message).toMatch(/表三不平衡[\s\S]*"自然人"列\(naturalPerson\)：一\+二=7，（七）总计\+四=8/);

    // A closed request without its closing date cannot be counted at all.
    await app.db.dataSource.query('UPDATE disclosure_request SET closed_on = NULL WHERE number = ?', [numbers.X1]);
    await expect(report(2026)).rejects.toThrow(/记录不完整[\s\S]*YSQ2026/);

    const token = await addStaff(app, 'report-admin', ['admin']);
    const res = await api(app).get('/api/v1/disclosure/reports/annual?year=2026').set(bearer(token)).expect(409);
    expect(res.body.error.code).toBe('report_invalid');
    await app.db.dataSource.query('UPDATE disclosure_request SET status = ?, outcome = NULL WHERE number = ?', ['processing', numbers.X1]);
    const ok = await api(app).get('/api/v1/disclosure/reports/annual?year=2025&format=csv').set(bearer(token)).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/csv/);
    expect(ok.text).toContain('（七）总计,6,1,1,1,0,1,10');
  });
});

const run = (args: string[], env: Record<string, string>) => runCli(args, { env });

describe('wenzheng report annual / cases', () => {
  const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-report-')), 'report.db')}`;
  let numbers: Record<string, string>;
  beforeAll(async () => {
    const app = await createApp(loadConfig({ WENZHENG_DB: db, WENZHENG_LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
    await app.migrate();
    numbers = await generateYear(app);
    await app.close();
  });

  it('prints table 三 and 四 with the national labels', async () => {
    const r = await run(['report', 'annual', '--year', '2025'], { WENZHENG_DB: db });
    expect(r.code).toBe(0);
    expect(r.out).toContain('**三、收到和处理政府信息公开申请情况**');
    expect(r.out).toContain('| （七）总计 | 6 | 1 | 1 | 1 | 0 | 1 | 10 |');
    expect(r.out).toContain('**四、政府信息公开行政复议、行政诉讼情况**');
    expect(r.out).toContain('| 网上 | 8 |');
    const json = await run(['report', 'annual', '--year', '2025', '--agency', 'finance', '--format', 'json'], { WENZHENG_DB: db });
    expect(JSON.parse(json.out).agency).toEqual({ code: 'finance', name: '市财政局' });
  });

  it('exits 2 on a wrong command line and 1 when the table does not balance', async () => {
    expect((await run(['report', 'annual'], { WENZHENG_DB: db })).code).toBe(2);
    // A year before the reports' range is a wrong command line, not a stack trace.
    expect(await run(['report', 'annual', '--year', '1999'], { WENZHENG_DB: db })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^wenzheng: report annual needs --year YYYY, from 2000 \(got "1999"\)\nusage: /),
    });
    expect((await run(['report', 'annual', '--year', '2025', '--format', 'pdf'], { WENZHENG_DB: db })).err).toMatch(
      /--format must be one of md, csv, json/,
    );
    expect((await run(['report', 'annual', '--year', '2025', '--agency', 'mars'], { WENZHENG_DB: db })).code).toBe(2);
    const app = await createApp(loadConfig({ WENZHENG_DB: db, WENZHENG_LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
    await app.db.dataSource.query('UPDATE disclosure_request SET status = ?, outcome = ?, closed_on = ? WHERE number = ?', [
      'closed',
      'outcome.disclosed',
      '2025-12-20',
      numbers.X1,
    ]);
    await app.close();
    const failed = await run(['report', 'annual', '--year', '2025'], { WENZHENG_DB: db });
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/表三不平衡/);
    expect(failed.out).toBe('');
  });

  it('lists what is due with `cases due`, and closes lapsed corrections with `cases sweep`', async () => {
    const due = await run(['cases', 'due', '--within', '3'], { WENZHENG_DB: db });
    expect(due.code).toBe(0);
    expect(due.out).toMatch(/^已超期（\d+件）$/m);
    expect(due.out).toContain(numbers.N4);
    expect(due.out).not.toMatch(/张三|11010519491231002X/);
    const json = JSON.parse((await run(['cases', 'due', '--json'], { WENZHENG_DB: db })).out);
    expect(json.overdue.map((s: { number: string }) => s.number)).toContain(numbers.N4);
    expect((await run(['cases', 'sweep'], { WENZHENG_DB: db })).out).toBe('no correction period has lapsed');
    const shown = await run(['cases', 'show', numbers.N8!, '--json'], { WENZHENG_DB: db });
    expect(JSON.parse(shown.out)).toMatchObject({ number: numbers.N8, status: 'closed', applicant: { idNumber: '9135**********0Y43' } });
    expect((await run(['cases', 'show', 'YSQ2025999999'], { WENZHENG_DB: db })).code).toBe(1);
  });
});
