import { AuditEvent, DisclosureRequest } from '../../entities';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { DomainError } from '../../src/platform/domainError';
import { statusOf } from '../../src/platform/http/errors';
import { createTestApp, type TestApp } from '../support/testApp';
import { act, APPLICATION, fileOnline, notices, OFFICER, outboxFor } from './support';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({}, {}, { seed: false });
});
afterAll(() => app.close());

const get = (number: string, date: string) => act(app, date, (tx, now) => app.disclosure.get(tx, number, now));

/** The service refuses with a domain error, which the API answers with `status`. */
async function refused(work: Promise<unknown>, status: number, code: string): Promise<DomainError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect({ status: statusOf(err), code: (err as DomainError).code }).toEqual({ status, code });
  return err as DomainError;
}

describe('filing and tracking numbers', () => {
  it('numbers requests YSQ + year + 6-digit sequence, per year of receipt', async () => {
    const a = await fileOnline(app, '2025-12-31', { citizenId: 'numbering' });
    const b = await fileOnline(app, '2026-01-05', { citizenId: 'numbering' });
    const c = await fileOnline(app, '2026-01-05', { citizenId: 'numbering' });
    expect(a.number).toMatch(/^YSQ2025\d{6}$/);
    expect(b.number).toMatch(/^YSQ2026\d{6}$/);
    expect(Number(c.number.slice(7))).toBe(Number(b.number.slice(7)) + 1);
  });

  it.each(['2026-03-02', '2024-06-03'])(
    'answers concurrent applications with distinct numbers (%s; 2024 opens a new counter)',
    async (date) => {
      const filed = await Promise.all(Array.from({ length: 8 }, (_, i) => fileOnline(app, date, { citizenId: `concurrent-${date}-${i}` })));
      expect(new Set(filed.map((f) => f.number)).size).toBe(8);
    },
  );

  it('takes the confirmation day as the date of receipt (Art. 31) and records it', async () => {
    const filed = await fileOnline(app, '2026-09-28');
    expect(filed).toMatchObject({ receivedOn: '2026-09-28', replyDue: { date: '2026-10-30', beyondCoverage: false } });
    const view = await get(filed.number, '2026-09-28');
    expect(view).toMatchObject({
      status: 'processing',
      receiptChannel: 'online',
      via: 'chat',
      fromChat: true,
      agency: { code: 'housing' },
      topic: { label: '拆迁' },
    });
    expect(view.events).toEqual([
      expect.objectContaining({ type: 'received', effectiveOn: '2026-09-28', actor: 'citizen:wechat-official' }),
    ]);
    const audit = await app.db.dataSource.getRepository(AuditEvent).find({ where: { objectId: filed.number } });
    expect(audit.map((a) => a.action)).toEqual(['disclosure.received']);
    expect(JSON.stringify(audit)).not.toContain('11010519491231002X');
  });
});

describe('deadlines in working days', () => {
  it('reproduces the worked example: confirmed Mon 2026-09-28 → correction notice 10-13, reply 10-30, full extension 11-27', async () => {
    const { number } = await fileOnline(app, '2026-09-28');
    const d = (await get(number, '2026-09-29')).deadlines;
    expect(d).toMatchObject({
      receivedOn: '2026-09-28',
      correctionNoticeDue: { date: '2026-10-13', beyondCoverage: false },
      replyClockStartsOn: '2026-09-28',
      replyDue: { date: '2026-10-30', beyondCoverage: false },
      replyDueInForce: { date: '2026-10-30', beyondCoverage: false },
      replyDueWithMaxExtension: { date: '2026-11-27', beyondCoverage: false },
      overdue: false,
      beyondCoverage: false,
      coverageWarning: null,
    });
    expect(d.workingDaysLeft).toBe(19);
  });

  it('skips the Spring Festival and counts its make-up Saturdays (received Fri 2026-02-13)', async () => {
    const { number } = await fileOnline(app, '2026-02-13');
    const d = (await get(number, '2026-02-13')).deadlines;
    // Sat 14 Feb and Sat 28 Feb are working days; 15-23 Feb are not.
    expect(d.correctionNoticeDue.date).toBe('2026-03-02');
    expect(d.replyDueInForce!.date).toBe('2026-03-19');
  });

  it('starts counting after an in-person application on a holiday (Sat 2026-10-03, National Day)', async () => {
    const result = await act(app, '2026-10-03', (tx, now) =>
      app.disclosure.registerApplication(tx, APPLICATION, { channel: 'inPerson' }, OFFICER, now),
    );
    // 8, 9, Sat 10 (make-up), 12, 13, 14, 15 Oct
    expect((await get(result.number, '2026-10-03')).deadlines.correctionNoticeDue.date).toBe('2026-10-15');
    expect((await get(result.number, '2026-10-03')).receiptChannel).toBe('inPerson');
  });

  it('registers a letter on the day the agency signed for it, not in the future', async () => {
    const result = await act(app, '2026-05-11', (tx, now) =>
      app.disclosure.registerApplication(tx, APPLICATION, { channel: 'letter', receivedOn: '2026-04-30' }, OFFICER, now),
    );
    // 1-5 May off; 6, 7, 8, Sat 9 (make-up), 11, 12, 13 May.
    expect((await get(result.number, '2026-05-11')).deadlines.correctionNoticeDue.date).toBe('2026-05-13');
    await refused(
      act(app, '2026-05-11', (tx, now) =>
        app.disclosure.registerApplication(tx, APPLICATION, { channel: 'letter', receivedOn: '2026-05-12' }, OFFICER, now),
      ),
      400,
      'invalid_request',
    );
  });

  it('flags a deadline that runs past the calendar instead of computing it silently', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-11-25', { citizenId: 'coverage' });
    expect((await get(number, '2026-11-25')).deadlines).toMatchObject({
      replyDueInForce: { date: '2026-12-23', beyondCoverage: false },
      replyDueWithMaxExtension: { beyondCoverage: true },
      beyondCoverage: false,
    });
    const extended = await act(app, '2026-12-01', (tx, now) =>
      app.disclosure.extend(
        tx,
        number,
        { workingDays: 20, approver: '信息公开办主任 李四', reason: '需要调取档案、核对大量数据' },
        OFFICER,
        now,
      ),
    );
    expect(extended.deadlines).toMatchObject({
      replyDueInForce: { date: '2027-01-21', beyondCoverage: true },
      beyondCoverage: true,
      coverageWarning: expect.stringContaining('管理员更新日历后'),
    });
    expect(extended.deadlines.coverageWarning).not.toMatch(/config\/|\.yaml/);
    expect(extended.beyondCoverage).toBe(true);
    const row = await app.db.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ number });
    expect(row).toMatchObject({ dueOn: '2027-01-21', dueBeyondCoverage: true });
    expect((await notices(app, conversationId)).at(-1)).toMatch(/延至2027年1月21日（周四）（该日期超出现有节假日安排/);
    const due = await act(app, '2026-12-01', (tx, now) => app.disclosure.due(tx, { withinWorkingDays: 5 }, now));
    expect(due.beyondCoverage.map((s) => s.number)).toContain(number);
  });
});

describe('correction (补正, Art. 30)', () => {
  it('asks once within 7 working days, waits for the correction, then restarts the 20 working days', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-09-28', { citizenId: 'correction' });
    const asked = await act(app, '2026-10-09', (tx, now) =>
      app.disclosure.requestCorrection(tx, number, { items: '请写明所需补偿方案涉及的具体地块名称或项目名称。' }, OFFICER, now),
    );
    // Default period: 15 working days after the notice: Sat 10-10 (make-up), 12-16, 19-23, 26-29 Oct.
    expect(asked).toMatchObject({
      status: 'awaitingCorrection',
      correctionDueOn: '2026-10-29',
      dueOn: null,
      deadlines: { replyDueInForce: null, replyClockStartsOn: null, correctionDueOn: '2026-10-29' },
    });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `您的政府信息公开申请（${number}）需要补正：\n请写明所需补偿方案涉及的具体地块名称或项目名称。\n请于2026年10月29日（周四）前补正：直接在这里回复"补正 ${number} 补正后的内容"，或联系市住房和城乡建设局。逾期未补正的，视为放弃申请。收到补正后，答复期限重新计算。`,
    );
    await refused(
      act(app, '2026-10-09', (tx, now) => app.disclosure.requestCorrection(tx, number, { items: '再补一次' }, OFFICER, now)),
      409,
      'wrong_status',
    );

    const corrected = await act(app, '2026-10-20', (tx, now) =>
      app.disclosure.receiveCorrection(tx, number, { description: '2025年城东片区3号地块棚户区改造项目的房屋征收补偿方案' }, OFFICER, now),
    );
    // From Tue 10-20: 21-23 (3), 26-30 (8), 2-6 Nov (13), 9-13 (18), 16, 17 (20).
    expect(corrected).toMatchObject({
      status: 'processing',
      dueOn: '2026-11-17',
      description: expect.stringContaining('3号地块'),
      deadlines: { replyClockStartsOn: '2026-10-20', replyDueInForce: { date: '2026-11-17' } },
    });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `已收到您对申请${number}的补正，答复期限重新计算，将于2026年11月17日（周二）前答复。`,
    );
    // Once only, even after the correction came in.
    await refused(
      act(app, '2026-10-21', (tx, now) => app.disclosure.requestCorrection(tx, number, { items: '还不清楚' }, OFFICER, now)),
      409,
      'correction_already_requested',
    );
  });

  it('refuses a correction notice after the 7 working days', async () => {
    const { number } = await fileOnline(app, '2026-09-28', { citizenId: 'late-correction' });
    const err = await refused(
      act(app, '2026-10-14', (tx, now) => app.disclosure.requestCorrection(tx, number, { items: '不清楚' }, OFFICER, now)),
      409,
      'correction_window_passed',
    );
    expect(err.message).toMatch(/2026-10-13/);
  });

  it('closes the request as abandoned when nothing came by the stated date (row (六)1), and tells the applicant', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-03-02', { citizenId: 'abandon' });
    await act(app, '2026-03-03', (tx, now) =>
      app.disclosure.requestCorrection(tx, number, { items: '请说明文件名称。', dueOn: '2026-03-20' }, OFFICER, now),
    );
    // On the last day it is still in time: nothing is closed.
    expect(await act(app, '2026-03-20', (tx, now) => app.disclosure.sweepLapsedCorrections(tx, SYSTEM_ACTOR, now))).not.toContain(number);
    await refused(
      act(app, '2026-03-20', (tx, now) =>
        app.disclosure.reply(tx, number, { outcome: 'outcome.otherHandling.correctionOverdue' }, OFFICER, now),
      ),
      409,
      'correction_not_lapsed',
    );
    expect((await get(number, '2026-03-21')).correctionLapsed).toBe(true);
    expect(await act(app, '2026-03-23', (tx, now) => app.disclosure.sweepLapsedCorrections(tx, SYSTEM_ACTOR, now))).toContain(number);
    const closed = await get(number, '2026-03-23');
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'outcome.otherHandling.correctionOverdue',
      closedOn: '2026-03-23',
      outcomeLabel: '其他处理（申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请）',
    });
    expect(closed.events.at(-1)).toMatchObject({ type: 'abandoned', actor: 'system' });
    expect((await notices(app, conversationId)).at(-1)).toMatch(/未在补正期限内补正，视为放弃申请/);
    await refused(
      act(app, '2026-03-23', (tx, now) => app.disclosure.receiveCorrection(tx, number, {}, OFFICER, now)),
      409,
      'wrong_status',
    );
  });

  it('refuses a correction that arrives after the stated date', async () => {
    const { number } = await fileOnline(app, '2026-03-02', { citizenId: 'late-arrival' });
    await act(app, '2026-03-03', (tx, now) =>
      app.disclosure.requestCorrection(tx, number, { items: '请说明文件名称。', dueOn: '2026-03-17' }, OFFICER, now),
    );
    await refused(
      act(app, '2026-03-19', (tx, now) => app.disclosure.receiveCorrection(tx, number, { on: '2026-03-18' }, OFFICER, now)),
      409,
      'correction_lapsed',
    );
  });
});

describe('extension (延期, Art. 33)', () => {
  it('extends once by at most 20 working days, records approver and reason, and tells the applicant', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-09-28', { citizenId: 'extension' });
    await refused(
      act(app, '2026-10-20', (tx, now) =>
        app.disclosure.extend(tx, number, { workingDays: 21, approver: '主任', reason: '数据量大' }, OFFICER, now),
      ),
      400,
      'invalid_request',
    );
    await refused(
      act(app, '2026-10-20', (tx, now) =>
        app.disclosure.extend(tx, number, { workingDays: 5, approver: ' ', reason: '数据量大' }, OFFICER, now),
      ),
      400,
      'invalid_request',
    );
    const extended = await act(app, '2026-10-20', (tx, now) =>
      app.disclosure.extend(
        tx,
        number,
        { workingDays: 5, approver: '信息公开办主任 李四', reason: '涉及多个部门的档案需要调取' },
        OFFICER,
        now,
      ),
    );
    expect(extended.deadlines).toMatchObject({
      extensionDays: 5,
      replyDue: { date: '2026-10-30' },
      replyDueInForce: { date: '2026-11-06' },
    });
    expect(extended.events.at(-1)).toMatchObject({
      type: 'extended',
      note: '涉及多个部门的档案需要调取',
      data: { workingDays: 5, approver: '信息公开办主任 李四', dueBefore: '2026-10-30' },
    });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `您的申请${number}因涉及多个部门的档案需要调取，经政府信息公开工作机构负责人同意，答复期限延长5个工作日，延至2026年11月6日（周五）。`,
    );
    const again = await refused(
      act(app, '2026-10-21', (tx, now) =>
        app.disclosure.extend(tx, number, { workingDays: 5, approver: '主任', reason: '再延' }, OFFICER, now),
      ),
      409,
      'already_extended',
    );
    expect(again.message).toBe('答复期限已延长过一次（5个工作日）；《条例》第三十三条只允许延长一次。');
    const audit = await app.db.dataSource.getRepository(AuditEvent).find({ where: { objectId: number, action: 'disclosure.extended' } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'officer-wang',
        details: expect.objectContaining({ workingDays: 5, approver: '信息公开办主任 李四' }),
      }),
    ]);
  });

  it('refuses an extension after the deadline has passed', async () => {
    const { number } = await fileOnline(app, '2026-09-28', { citizenId: 'late-extension' });
    await refused(
      act(app, '2026-11-02', (tx, now) =>
        app.disclosure.extend(tx, number, { workingDays: 5, approver: '主任', reason: '太晚了' }, OFFICER, now),
      ),
      409,
      'deadline_passed',
    );
    expect((await get(number, '2026-11-02')).deadlines).toMatchObject({ overdue: true, workingDaysLeft: -1 });
  });
});

describe('consultation (Art. 32/34): the clock pauses', () => {
  it('does not count the days of a third-party consultation', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-11-02', { citizenId: 'pause' });
    expect((await get(number, '2026-11-02')).deadlines.replyDueInForce!.date).toBe('2026-11-30');
    const paused = await act(app, '2026-11-10', (tx, now) =>
      app.disclosure.pause(tx, number, { reason: 'thirdParty', note: '征求某某公司对其商业信息公开的意见' }, OFFICER, now),
    );
    // 6 working days used (3-6, 9, 10 Nov): 14 left; the third party has 15 working days, to 1 Dec.
    expect(paused).toMatchObject({
      status: 'paused',
      dueOn: null,
      deadlines: {
        replyDueInForce: null,
        paused: { since: '2026-11-10', reason: 'thirdParty', workingDaysLeft: 14, thirdPartyOpinionDue: { date: '2026-12-01' } },
      },
    });
    expect((await notices(app, conversationId)).at(-1)).toMatch(/征求第三方意见，征求意见所需时间不计算在答复期限内/);
    await refused(
      act(app, '2026-11-12', (tx, now) => app.disclosure.extend(tx, number, { workingDays: 0, approver: 'x', reason: 'y' }, OFFICER, now)),
      400,
      'invalid_request',
    );

    const resumed = await act(app, '2026-11-20', (tx, now) =>
      app.disclosure.resume(tx, number, { note: '第三方已书面答复' }, OFFICER, now),
    );
    // 11-11 … 11-20 (8 working days) do not count: 23-27 Nov (5), 30 Nov (6), 1-4 Dec (10), 7-10 Dec (14).
    expect(resumed).toMatchObject({
      status: 'processing',
      dueOn: '2026-12-10',
      deadlines: { paused: null, replyDueInForce: { date: '2026-12-10' } },
    });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `您的申请${number}征求意见已结束，答复期限恢复计算，将于2026年12月10日（周四）前答复。`,
    );
  });

  it('takes nothing off the clock when the consultation ends the day it began', async () => {
    const { number } = await fileOnline(app, '2026-11-02', { citizenId: 'pause-same-day' });
    await act(app, '2026-11-10', (tx, now) =>
      app.disclosure.pause(tx, number, { reason: 'otherAgency', note: '征求市财政局意见' }, OFFICER, now),
    );
    const resumed = await act(app, '2026-11-10', (tx, now) => app.disclosure.resume(tx, number, {}, OFFICER, now));
    expect(resumed.deadlines.replyDueInForce!.date).toBe('2026-11-30');
  });
});

describe('transfer, fees and the reply', () => {
  it('transfers to another agency, keeping the deadlines, and tells the applicant', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-09-28', { citizenId: 'transfer' });
    const moved = await act(app, '2026-09-29', (tx, now) =>
      app.disclosure.transfer(tx, number, { agency: '市自然资源局', reason: '该信息由自然资源和规划部门制作保存' }, OFFICER, now),
    );
    expect(moved).toMatchObject({ agency: { code: 'natural-resources', name: '市自然资源和规划局' }, dueOn: '2026-10-30' });
    expect((await notices(app, conversationId)).at(-1)).toBe(`您的申请${number}已转由市自然资源和规划局办理，收到申请日期和答复期限不变。`);
    await refused(
      act(app, '2026-09-29', (tx, now) => app.disclosure.transfer(tx, number, { agency: 'natural-resources', reason: 'x' }, OFFICER, now)),
      409,
      'same_agency',
    );
  });

  it("is free by default; per-application fees count the applicant's applications in the month", async () => {
    const filed: Awaited<ReturnType<typeof fileOnline>>[] = [];
    for (let i = 0; i < 11; i++)
      filed.push(
        await fileOnline(app, '2026-06-15', {
          citizenId: 'frequent',
          application: { identity: { kind: 'residentId', number: '11010519491231002X' }, name: '王五' },
        }),
      );
    const first = await get(filed[0]!.number, '2026-06-15');
    expect(first.fee).toEqual({
      method: 'free',
      methodLabel: '不收费',
      amount: 0,
      pages: null,
      noticeOn: null,
      paymentDueOn: null,
      paidOn: null,
    });
    const tenth = await act(app, '2026-06-16', (tx, now) =>
      app.disclosure.setFee(tx, filed[9]!.number, { method: 'perApplication' }, OFFICER, now),
    );
    expect(tenth.fee.amount).toBe(0);
    const eleventh = await act(app, '2026-06-16', (tx, now) =>
      app.disclosure.setFee(tx, filed[10]!.number, { method: 'perApplication' }, OFFICER, now),
    );
    expect(eleventh.fee).toMatchObject({ method: 'perApplication', amount: 100 });
    expect(eleventh.events.at(-1)).toMatchObject({ type: 'fee-set', data: { monthlyOrdinal: 11, amount: 100 } });
    expect((await notices(app, filed[10]!.conversationId)).at(-1)).toMatch(/信息处理费100元（按件计收，/);
    const pages = await act(app, '2026-06-16', (tx, now) =>
      app.disclosure.setFee(tx, filed[0]!.number, { method: 'perPage', pages: 201 }, OFFICER, now),
    );
    // The fee notice of 06-16: 20 working days to pay (端午 19 June off), to 15 July.
    expect(pages.fee).toEqual({
      method: 'perPage',
      methodLabel: '按量计收',
      amount: 2740,
      pages: 201,
      noticeOn: '2026-06-16',
      paymentDueOn: '2026-07-15',
      paidOn: null,
    });
  });

  it('replies with one outcome of table 三 and the text, closes the request and tells the applicant', async () => {
    const { number, conversationId, citizen } = await fileOnline(app, '2026-09-28', { citizenId: 'reply' });
    await refused(
      act(app, '2026-10-20', (tx, now) => app.disclosure.reply(tx, number, { outcome: 'outcome.disclosed' }, OFFICER, now)),
      400,
      'invalid_request',
    );
    await refused(
      act(app, '2026-10-20', (tx, now) => app.disclosure.reply(tx, number, { outcome: 'outcome.maybe', text: 'x' }, OFFICER, now)),
      400,
      'invalid_request',
    );
    await refused(
      act(app, '2026-10-20', (tx, now) =>
        app.disclosure.reply(tx, number, { outcome: 'outcome.otherHandling.feeUnpaid', text: 'x' }, OFFICER, now),
      ),
      409,
      'no_fee',
    );
    const replied = await act(app, '2026-10-20', (tx, now) =>
      app.disclosure.reply(
        tx,
        number,
        {
          outcome: 'outcome.withheld.thirdPartyRights',
          text: '经征求意见，该方案附件涉及个人隐私，不予公开。',
          attachment: '答复书〔2026〕88号',
        },
        OFFICER,
        now,
      ),
    );
    expect(replied).toMatchObject({
      status: 'closed',
      closedOn: '2026-10-20',
      outcomeLabel: '不予公开（保护第三方合法权益）',
      replyAttachment: '答复书〔2026〕88号',
      dueOn: '2026-10-30',
    });
    expect(replied.events.at(-1)).toMatchObject({ type: 'replied', data: { outcome: 'outcome.withheld.thirdPartyRights', inTime: true } });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `您的政府信息公开申请${number}已答复，办理结果：不予公开（保护第三方合法权益）。\n经征求意见，该方案附件涉及个人隐私，不予公开。\n答复材料：答复书〔2026〕88号`,
    );
    await refused(
      act(app, '2026-10-21', (tx, now) => app.disclosure.reply(tx, number, { outcome: 'outcome.disclosed', text: '又答复' }, OFFICER, now)),
      409,
      'wrong_status',
    );
    const view = await act(app, '2026-10-21', (tx, now) => app.disclosure.citizenStatus(tx, number, citizen, now));
    expect(view).toMatchObject({
      status: 'closed',
      outcome: { label: '不予公开（保护第三方合法权益）' },
      replyDue: null,
      history: [
        { on: '2026-09-28', event: '收到申请' },
        { on: '2026-10-20', event: '已答复' },
      ],
    });
  });

  it('delivers every notice once, through the outbox of a push channel, keyed by request and event', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-09-28', { citizenId: 'outbox' });
    await act(app, '2026-09-29', (tx, now) =>
      app.disclosure.transfer(tx, number, { agency: 'finance', reason: '财政部门保存' }, OFFICER, now),
    );
    await act(app, '2026-09-30', (tx, now) =>
      app.disclosure.reply(tx, number, { outcome: 'outcome.disclosed', text: '见附件。' }, OFFICER, now),
    );
    const queued = await outboxFor(app, `disclosure:${number}:`);
    expect(queued.map((o) => [o.channel, o.citizenId, o.conversationId])).toEqual([
      ['wechat-official', 'outbox', conversationId],
      ['wechat-official', 'outbox', conversationId],
    ]);
    expect(await notices(app, conversationId)).toHaveLength(2);
  });
});

describe('status privacy', () => {
  it('shows a request only to the chat identity that filed it; other numbers reveal nothing', async () => {
    const { number, citizen } = await fileOnline(app, '2026-09-28', { citizenId: 'owner' });
    const status = (who: { channel: string; citizenId: string }, n = number) =>
      act(app, '2026-09-29', (tx, now) => app.disclosure.citizenStatus(tx, n, who, now));
    expect(await status(citizen)).toMatchObject({
      number,
      statusLabel: '办理中',
      agency: '市住房和城乡建设局',
      replyDue: { date: '2026-10-30' },
    });
    expect(await status(citizen, ` ${number.toLowerCase()} `)).toMatchObject({ number });
    expect(await status({ channel: 'wechat-official', citizenId: 'someone-else' })).toBeNull();
    expect(await status({ channel: 'webchat', citizenId: 'owner' })).toBeNull();
    expect(await status(citizen, 'YSQ2026999999')).toBeNull();
    expect(await status(citizen, 'DROP TABLE')).toBeNull();
    const mine = await act(app, '2026-09-29', (tx, now) => app.disclosure.citizenRequests(tx, citizen, now));
    expect(mine.map((v) => v.number)).toEqual([number]);
  });
});
