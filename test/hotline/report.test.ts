import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliActor } from '../../src/staff/audit/context';
import type { TicketAppeal } from '../../src/cases/hotline/appeal';
import { formatReport, hotlineReport } from '../../src/cases/hotline/report';
import { createTestApp, TEST_DB, type TestApp } from '../support/testApp';
import { runCli } from '../support/cli';

const cst = (local: string) => new Date(`${local}+08:00`);
const who = cliActor();

/**
 * Hand-made month: November 2026 (Shanghai time). The SLA table's defaults apply: sign for
 * within 1 working day; resolve within 7 days (normal) or 24 hours (urgent utilities).
 *
 *       category      channel      accepted           signed (limit)           closed (limit)      callback    rating     at the report (10 Dec)
 * T1    complaint     webchat      Mon 2 Nov 10:00    2 Nov 15:00 in time      6 Nov, in time      resolved    满意
 * T2    complaint     official     Tue 3 Nov 09:00    5 Nov 09:00 LATE         12 Nov, late        unresolved  不满意 → reopened (due 19 Nov), overdue
 * T3    help (urgent) miniprogram  Tue 10 Nov 20:00   11 Nov 09:00 in time     11 Nov 15:00 in time unresolved  基本满意
 * T4    report anon.  webchat      Mon 16 Nov 11:00   never (response none)    open, overdue       -           -
 * T5    suggestion    official     Fri 20 Nov 16:00   Mon 23 Nov in time       25 Nov, in time     resolved    满意
 * T6    consultation  webchat      Mon 30 Nov 17:00   30 Nov 17:30 in time     1 Dec, in time      resolved    基本满意
 * T10   consultation  official     Sun 1 Nov 00:30    never (response none)    open, overdue       -           -
 * not counted: 31 Oct 23:30 and 1 Dec 00:30 Shanghai time (30 Nov 16:30 UTC), 3 Dec.
 *
 * 响应率 = in time / assessed = (T1 T3 T5 T6) / 7 = 4/7
 * 解决率 = resolved / with a callback answer = (T1 T5 T6) / (T1 T3 T5 T6) = 3/4 (T2's was cleared when it was reopened)
 * 满意率 = (1 + 0 + 0.9 + 1 + 0.9) / 5 = 3.8/5 = 0.76
 * composite = 100 × (0.1 × 4/7 + 0.5 × 0.75 + 0.4 × 0.76) = 73.6142857…
 * on time = closed in time / (closed + overdue) = (T1 T3 T5 T6) / 7 = 4/7
 */
describe('the monthly hotline report', () => {
  let app: TestApp;
  let dbUrl: string;
  beforeAll(async () => {
    // The command opens the database itself: on SQLite that needs a file, not the in-memory database.
    const file = TEST_DB.startsWith('sqlite:') ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-report-')), 'report.db')}` : undefined;
    const created = await createTestApp({}, {}, { seed: false, databaseUrl: file });
    app = created;
    dbUrl = created.databaseUrl;
    const s = app.hotline;
    let n = 0;
    const open = (category: string, urgency: string, channel: string, at: Date, extra: Partial<TicketAppeal> = {}) =>
      app.db.transaction(async (tx) => {
        const opened = await s.openTicket(
          tx,
          { category, urgency, content: `测试工单${++n}的内容`, location: '西工区', phone: '13800138000', anonymous: false, ...extra },
          { channel, citizenId: `citizen-${n}`, conversationId: null, via: 'chat' },
          at,
        );
        return { number: opened.number, channel, citizenId: `citizen-${n}` };
      });
    type T = Awaited<ReturnType<typeof open>>;
    const run = (at: Date, work: (tx: Parameters<Parameters<typeof app.db.transaction>[0]>[0]) => Promise<unknown>) =>
      app.db.transaction(work).then(() => at);
    const dispatch = (t: T, department: string, at: Date) => run(at, (tx) => s.dispatch(tx, t.number, { department }, who, at));
    const sign = (t: T, at: Date) => run(at, (tx) => s.signFor(tx, t.number, {}, who, at));
    const reply = (t: T, at: Date) => run(at, (tx) => s.reply(tx, t.number, { text: '已处理。' }, who, at));
    const callback = (t: T, resolved: boolean, at: Date) => run(at, (tx) => s.callback(tx, t.number, { resolved }, who, at));
    const close = (t: T, at: Date) => run(at, (tx) => s.close(tx, t.number, {}, who, at));
    const rate = (t: T, rating: 'satisfied' | 'basicallySatisfied' | 'dissatisfied', at: Date) =>
      run(at, (tx) => s.rateLatestClosedTicket(tx, t, rating, at));

    const t1 = await open('complaint', 'normal', 'webchat', cst('2026-11-02T10:00:00'));
    await dispatch(t1, 'xigongDistrict', cst('2026-11-02T11:00:00'));
    await sign(t1, cst('2026-11-02T15:00:00'));
    await reply(t1, cst('2026-11-05T10:00:00'));
    await callback(t1, true, cst('2026-11-06T09:00:00'));
    await close(t1, cst('2026-11-06T10:00:00'));
    await rate(t1, 'satisfied', cst('2026-11-06T12:00:00'));

    const t2 = await open('complaint', 'normal', 'wechat-official', cst('2026-11-03T09:00:00'));
    await dispatch(t2, 'xigongDistrict', cst('2026-11-03T10:00:00'));
    await sign(t2, cst('2026-11-05T09:00:00'));
    await reply(t2, cst('2026-11-12T09:00:00'));
    await callback(t2, false, cst('2026-11-12T10:00:00'));
    await close(t2, cst('2026-11-12T11:00:00'));
    await rate(t2, 'dissatisfied', cst('2026-11-12T12:00:00'));

    const t3 = await open('help', 'urgentUtility', 'wechat-miniprogram', cst('2026-11-10T20:00:00'));
    await dispatch(t3, 'water', cst('2026-11-10T20:30:00'));
    await sign(t3, cst('2026-11-11T09:00:00'));
    await reply(t3, cst('2026-11-11T12:00:00'));
    await callback(t3, false, cst('2026-11-11T13:00:00'));
    await close(t3, cst('2026-11-11T15:00:00'));
    await rate(t3, 'basicallySatisfied', cst('2026-11-11T16:00:00'));

    const t4 = await open('report', 'normal', 'webchat', cst('2026-11-16T11:00:00'), { anonymous: true, phone: null });
    await dispatch(t4, 'ecology', cst('2026-11-16T12:00:00'));

    const t5 = await open('suggestion', 'normal', 'wechat-official', cst('2026-11-20T16:00:00'), { location: null });
    await dispatch(t5, 'transport', cst('2026-11-20T17:00:00'));
    await sign(t5, cst('2026-11-23T09:00:00'));
    await reply(t5, cst('2026-11-24T09:00:00'));
    await callback(t5, true, cst('2026-11-25T09:00:00'));
    await close(t5, cst('2026-11-25T10:00:00'));
    await rate(t5, 'satisfied', cst('2026-11-25T11:00:00'));

    const t6 = await open('consultation', 'normal', 'webchat', cst('2026-11-30T17:00:00'));
    await dispatch(t6, 'housing', cst('2026-11-30T17:10:00'));
    await sign(t6, cst('2026-11-30T17:30:00'));
    await reply(t6, cst('2026-12-01T09:00:00'));
    await callback(t6, true, cst('2026-12-01T10:00:00'));
    await close(t6, cst('2026-12-01T11:00:00'));
    await rate(t6, 'basicallySatisfied', cst('2026-12-01T12:00:00'));

    await open('consultation', 'normal', 'wechat-official', cst('2026-11-01T00:30:00')); // T10: in November in Shanghai
    await open('complaint', 'normal', 'webchat', cst('2026-10-31T23:30:00')); // October
    await open('complaint', 'normal', 'webchat', new Date('2026-11-30T16:30:00Z')); // 1 December in Shanghai
    await open('complaint', 'normal', 'wechat-miniprogram', cst('2026-12-03T10:00:00'));
  });
  afterAll(() => app.close());

  const now = cst('2026-12-10T10:00:00');

  it('counts by category and channel and computes 响应率, 解决率, 满意率, the composite and the on-time rate', async () => {
    const report = await hotlineReport(app.db, app.hotline, { month: '2026-11', now });
    expect(report.total).toBe(7);
    expect(report.from).toBe('2026-10-31T16:00:00.000Z');
    expect(report.to).toBe('2026-11-30T16:00:00.000Z');
    expect(report.channels).toEqual([
      { code: 'wechat-official', label: '公众号', count: 3 },
      { code: 'wechat-miniprogram', label: '小程序', count: 1 },
      { code: 'webchat', label: '网页', count: 3 },
    ]);
    expect(
      report.categories.map((c) => [
        c.label,
        c.byChannel['wechat-official'],
        c.byChannel['wechat-miniprogram'],
        c.byChannel.webchat,
        c.total,
      ]),
    ).toEqual([
      ['咨询', 1, 0, 1, 2],
      ['求助', 0, 1, 0, 1],
      ['投诉', 1, 0, 1, 2],
      ['举报', 0, 0, 1, 1],
      ['意见建议', 1, 0, 0, 1],
    ]);
    expect(report.response).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
    expect(report.resolution).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(report.satisfaction.denominator).toBe(5);
    expect(report.satisfaction.numerator).toBeCloseTo(3.8, 10);
    expect(report.satisfaction.rate).toBeCloseTo(0.76, 10);
    expect(report.composite).toBeCloseTo(100 * (0.1 * (4 / 7) + 0.5 * 0.75 + 0.4 * 0.76), 10);
    expect(report.composite).toBeCloseTo(73.6143, 4);
    expect(report.onTime).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
    expect(Object.fromEntries(report.byStatus.map((s) => [s.status, s.count]))).toEqual({
      accepted: 1,
      dispatched: 1,
      handling: 1,
      replied: 0,
      callback: 0,
      closed: 4,
    });
    expect(Object.fromEntries(report.ratings.map((r) => [r.rating, r.count]))).toEqual({
      satisfied: 2,
      basicallySatisfied: 2,
      dissatisfied: 1,
    });
    expect(report.byDepartment).toEqual([
      { code: 'xigongDistrict', name: '西工区人民政府', count: 2 },
      { code: 'ecology', name: '市生态环境局', count: 1 },
      { code: 'housing', name: '市住房和城乡建设局', count: 1 },
      { code: 'transport', name: '市交通运输局', count: 1 },
      { code: 'water', name: '市水务局', count: 1 },
      { code: null, name: '（未派单）', count: 1 },
    ]);
  });

  it('can be limited to one department', async () => {
    const report = await hotlineReport(app.db, app.hotline, { month: '2026-11', department: 'xigongDistrict', now });
    expect(report).toMatchObject({ total: 2, departmentName: '西工区人民政府', byDepartment: null });
    expect(report.response).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(report.resolution).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(report.satisfaction).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(report.composite).toBeCloseTo(75, 10);
    expect(report.onTime).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
  });

  it('is written as Markdown, CSV or JSON', async () => {
    const report = await hotlineReport(app.db, app.hotline, { month: '2026-11', now });
    const md = formatReport(report, 'md');
    expect(md).toContain('# 12345热线月度报告 2026-11');
    expect(md).toContain('| 响应率 | 57.1% (4/7) |');
    expect(md).toContain('| 解决率 | 75.0% (3/4) |');
    expect(md).toContain('| 满意率 | 76.0% (3.8/5) |');
    expect(md).toContain('| 按期办结率 | 57.1% (4/7) |');
    expect(md).toContain('| 综合成绩 | 73.6 |');
    expect(md).toContain('| 类别 | 公众号 | 小程序 | 网页 | 合计 |');
    expect(md).toContain('| 投诉 | 1 | 0 | 1 | 2 |');
    expect(md).toContain('| 合计 | 3 | 1 | 3 | 7 |');
    // The moment on the city's clock, not an ISO instant in UTC.
    expect(md).toContain('受理工单 7 件（统计截至 2026-12-10 10:00（北京时间））。');
    expect(md).not.toContain('2026-12-10T02:00:00.000Z');
    // The three open tickets are past both limits, the signed-for one only its 办结 limit (the ticket list's rule).
    expect(report.overdue).toEqual({ total: 3, signFor: 2, resolve: 3 });
    expect(md).toContain('其中未办结且超期 3 件（签收超期 2 件，办结超期 3 件）。');
    const csv = formatReport(report, 'csv').trim().split('\n');
    expect(csv[0]).toBe('section,item,column,value');
    expect(csv).toEqual(
      expect.arrayContaining([
        'metric,响应率,rate,0.5714',
        'metric,满意率,numerator,3.8',
        'metric,综合成绩,score,73.61',
        'category,举报,网页,1',
        'channel,公众号,合计,3',
      ]),
    );
    expect(JSON.parse(formatReport(report, 'json'))).toMatchObject({
      month: '2026-11',
      total: 7,
      response: { numerator: 4, denominator: 7 },
    });
  });

  it('is the command `wenzheng report hotline`', async () => {
    const env = { WENZHENG_DB: dbUrl };
    const json = await runCli(['report', 'hotline', '--month', '2026-11', '--format', 'json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ month: '2026-11', total: 7, categories: expect.any(Array) });
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-report-')), 'nov.csv');
    expect(
      (
        await runCli(['report', 'hotline', '--month', '2026-11', '--department', 'xigongDistrict', '--format', 'csv', '--output', file], {
          env,
        })
      ).code,
    ).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('report,total,,2');
    expect((await runCli(['report', 'hotline', '--month', '2026-13'], { env })).code).toBe(2);
    const unknown = await runCli(['report', 'hotline', '--month', '2026-11', '--department', 'nowhere'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--department must be a department code/);
  });
});
