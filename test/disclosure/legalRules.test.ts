import type { DomainError } from '../../src/platform/domainError';
import { statusOf } from '../../src/platform/http/errors';
import { createTestApp, type TestApp } from '../support/testApp';
import { act, fileOnline, notices, OFFICER } from './support';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({}, {}, { seed: false });
});
afterAll(() => app.close());

const get = (number: string, date: string) => act(app, date, (tx, now) => app.disclosure.get(tx, number, now));
const due = (date: string, within = 5) => act(app, date, (tx, now) => app.disclosure.due(tx, { withinWorkingDays: within }, now));

/** The service refuses with a domain error, which the API answers with `status`. */
async function refused(work: Promise<unknown>, status: number, code: string): Promise<DomainError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect({ status: statusOf(err), code: (err as DomainError).code }).toEqual({ status, code });
  return err as DomainError;
}

describe('Art. 30: a reasonable correction period', () => {
  it('refuses a period shorter than the configured minimum (10 working days), naming the field and the earliest date', async () => {
    const { number } = await fileOnline(app, '2026-03-02', { citizenId: 'short-period' });
    const err = await refused(
      act(app, '2026-03-03', (tx, now) =>
        app.disclosure.requestCorrection(tx, number, { items: '请说明文件名称。', dueOn: '2026-03-04' }, OFFICER, now),
      ),
      400,
      'invalid_request',
    );
    // 4-6, 9-13, 16, 17 March: the 10th working day after the notice.
    expect(err).toMatchObject({
      field: 'dueOn',
      // Staff read it in Chinese; `field` keeps the API's name.
      message: expect.stringMatching(
        /^补正期限（dueOn）：补正期限须合理（《条例》第三十条），不少于补正通知（2026-03-03）后10个工作日：应为2026-03-17或之后/,
      ),
    });
    await refused(
      act(app, '2026-03-03', (tx, now) =>
        app.disclosure.requestCorrection(tx, number, { items: '请说明文件名称。', dueOn: '2026-03-16' }, OFFICER, now),
      ),
      400,
      'invalid_request',
    );
    expect((await get(number, '2026-03-03')).status).toBe('processing');
  });

  it('moves a due date on a rest day to the next working day, and says so in the notice', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-03-02', { citizenId: 'saturday' });
    const asked = await act(app, '2026-03-03', (tx, now) =>
      app.disclosure.requestCorrection(tx, number, { items: '请说明文件名称。', dueOn: '2026-03-21' }, OFFICER, now),
    );
    expect(asked).toMatchObject({ correctionDueOn: '2026-03-23' });
    expect(asked.events.at(-1)).toMatchObject({ type: 'correction-requested', data: { dueOn: '2026-03-23', dueOnAsked: '2026-03-21' } });
    expect((await notices(app, conversationId)).at(-1)).toMatch(/请于2026年3月23日（周一）前补正/);
    // The sweep leaves it alone on the Saturday the officer typed.
    expect(await act(app, '2026-03-22', (tx, now) => app.disclosure.sweepLapsedCorrections(tx, OFFICER, now))).not.toContain(number);
  });

  it('takes the minimum from WENZHENG_CORRECTION_MIN_WORKING_DAYS', async () => {
    const strict = await createTestApp({ WENZHENG_CORRECTION_MIN_WORKING_DAYS: '15' }, {}, { seed: false });
    try {
      const { number } = await fileOnline(strict, '2026-03-02', { citizenId: 'strict' });
      const err = await refused(
        act(strict, '2026-03-03', (tx, now) =>
          strict.disclosure.requestCorrection(tx, number, { items: '请说明。', dueOn: '2026-03-17' }, OFFICER, now),
        ),
        400,
        'invalid_request',
      );
      expect(err.message).toMatch(/后15个工作日：应为2026-03-24或之后/);
    } finally {
      await strict.close();
    }
  });
});

describe('Art. 32: the third party has 15 working days from its receipt', () => {
  it('counts the opinion period from the recorded receipt, reminds the officer and flags a consultation left open past it', async () => {
    const { number } = await fileOnline(app, '2026-11-02', { citizenId: 'third-party' });
    const paused = await act(app, '2026-11-10', (tx, now) =>
      app.disclosure.pause(tx, number, { reason: 'thirdParty', note: '征求某公司意见' }, OFFICER, now),
    );
    // Receipt not recorded yet: counted from the day sent (the earlier, safer date).
    expect(paused.deadlines.paused).toMatchObject({ thirdPartyReceivedOn: null, thirdPartyOpinionDue: { date: '2026-12-01' } });
    await refused(
      act(app, '2026-11-12', (tx, now) => app.disclosure.consultationReceived(tx, number, { on: '2026-11-09' }, OFFICER, now)),
      400,
      'invalid_request',
    );
    const received = await act(app, '2026-11-13', (tx, now) =>
      app.disclosure.consultationReceived(tx, number, { on: '2026-11-12' }, OFFICER, now),
    );
    // 13, 16-20, 23-27, 30 Nov, 1-3 Dec: the 15th working day after 12 Nov.
    expect(received).toMatchObject({
      opinionDueOn: '2026-12-03',
      deadlines: { paused: { thirdPartyReceivedOn: '2026-11-12', thirdPartyOpinionDue: { date: '2026-12-03' } }, opinionOverdue: false },
    });
    expect(received.events.at(-1)).toMatchObject({
      type: 'consultation-received',
      effectiveOn: '2026-11-12',
      data: { opinionDue: '2026-12-03' },
    });

    expect((await due('2026-11-20')).opinionDue.map((s) => s.number)).not.toContain(number);
    expect((await due('2026-11-27')).opinionDue).toContainEqual(
      expect.objectContaining({ number, opinionDueOn: '2026-12-03', opinionOverdue: false }),
    );
    const late = await due('2026-12-04');
    expect(late.opinionDue).toContainEqual(expect.objectContaining({ number, opinionOverdue: true }));
    expect((await get(number, '2026-12-04')).deadlines.opinionOverdue).toBe(true);
  });

  it('takes the receipt date with the pause, not before the consultation was sent', async () => {
    const { number } = await fileOnline(app, '2026-11-02', { citizenId: 'third-party-2' });
    await refused(
      act(app, '2026-11-10', (tx, now) =>
        app.disclosure.pause(
          tx,
          number,
          { reason: 'otherAgency', note: '征求财政局意见', thirdPartyReceivedOn: '2026-11-10' },
          OFFICER,
          now,
        ),
      ),
      400,
      'invalid_request',
    );
    const paused = await act(app, '2026-11-12', (tx, now) =>
      app.disclosure.pause(
        tx,
        number,
        { reason: 'thirdParty', note: '征求某公司意见', on: '2026-11-10', thirdPartyReceivedOn: '2026-11-12' },
        OFFICER,
        now,
      ),
    );
    expect(paused.deadlines.paused).toMatchObject({ thirdPartyReceivedOn: '2026-11-12', thirdPartyOpinionDue: { date: '2026-12-03' } });
  });
});

describe('国办函〔2020〕109号: the fee notice, 20 working days to pay, and the clock', () => {
  it('records the notice and the payment deadline, tells the applicant, stops the clock until payment and does not show the case as overdue', async () => {
    const { number, conversationId } = await fileOnline(app, '2026-09-28', { citizenId: 'fee-paid' });
    const noticed = await act(app, '2026-10-09', (tx, now) =>
      app.disclosure.setFee(tx, number, { method: 'perPage', pages: 100 }, OFFICER, now),
    );
    // Sat 10 Oct (make-up day), 12-16, 19-23, 26-30 Oct, 2-5 Nov: 20 working days after the notice.
    expect(noticed).toMatchObject({
      status: 'paused',
      dueOn: null,
      fee: { noticeOn: '2026-10-09', paymentDueOn: '2026-11-05', paidOn: null },
      feePaymentDueOn: '2026-11-05',
    });
    expect((await notices(app, conversationId)).at(-1)).toMatch(
      /信息处理费\d+元（按量计收[\s\S]*于2026年11月5日（周四）前缴纳[\s\S]*不计算在答复期限内[\s\S]*视为放弃申请/,
    );
    // The reply was due 30 Oct without the fee: on 2 Nov it is not overdue.
    expect((await get(number, '2026-11-02')).overdue).toBe(false);
    expect((await due('2026-11-02')).overdue.map((s) => s.number)).not.toContain(number);
    await refused(
      act(app, '2026-11-02', (tx, now) => app.disclosure.resume(tx, number, {}, OFFICER, now)),
      409,
      'fee_pending',
    );
    await refused(
      act(app, '2026-11-02', (tx, now) =>
        app.disclosure.reply(tx, number, { outcome: 'outcome.otherHandling.feeUnpaid', text: '逾期未缴费' }, OFFICER, now),
      ),
      409,
      'fee_not_lapsed',
    );

    const paid = await act(app, '2026-10-20', (tx, now) => app.disclosure.feePaid(tx, number, {}, OFFICER, now));
    // Counted: 29, 30 Sep, 8, 9 Oct (4); 10-20 Oct stand still; 16 more from 21 Oct: 21-23, 26-30 Oct, 2-6, 9-11 Nov.
    expect(paid).toMatchObject({ status: 'processing', dueOn: '2026-11-11', fee: { paidOn: '2026-10-20' } });
    expect((await notices(app, conversationId)).at(-1)).toBe(
      `已收到您为申请${number}缴纳的信息处理费，答复期限恢复计算，将于2026年11月11日（周三）前答复。`,
    );
    await refused(
      act(app, '2026-10-21', (tx, now) => app.disclosure.setFee(tx, number, { method: 'perPage', pages: 50 }, OFFICER, now)),
      409,
      'fee_notice_sent',
    );
  });

  it('视为放弃 (table 三 (六)2) only after the payment period lapsed; a late payment is refused', async () => {
    const { number } = await fileOnline(app, '2026-09-28', { citizenId: 'fee-unpaid' });
    await act(app, '2026-10-09', (tx, now) => app.disclosure.setFee(tx, number, { method: 'perPage', pages: 100 }, OFFICER, now));
    await refused(
      act(app, '2026-11-05', (tx, now) =>
        app.disclosure.reply(tx, number, { outcome: 'outcome.otherHandling.feeUnpaid', text: '逾期未缴费' }, OFFICER, now),
      ),
      409,
      'fee_not_lapsed',
    );
    expect((await due('2026-11-05')).feeLapsed.map((s) => s.number)).not.toContain(number);
    expect((await due('2026-11-06')).feeLapsed).toContainEqual(expect.objectContaining({ number, feeLapsed: true, overdue: false }));
    await refused(
      act(app, '2026-11-06', (tx, now) => app.disclosure.feePaid(tx, number, { on: '2026-11-06' }, OFFICER, now)),
      409,
      'payment_period_lapsed',
    );
    const closed = await act(app, '2026-11-06', (tx, now) =>
      app.disclosure.reply(
        tx,
        number,
        { outcome: 'outcome.otherHandling.feeUnpaid', text: '您未在收费通知要求的期限内缴纳信息处理费，本机关不再处理该申请。' },
        OFFICER,
        now,
      ),
    );
    expect(closed).toMatchObject({ status: 'closed', outcome: 'outcome.otherHandling.feeUnpaid', closedOn: '2026-11-06' });
  });

  it('refuses 逾期未缴费 when no fee notice was sent', async () => {
    const { number } = await fileOnline(app, '2026-09-28', { citizenId: 'no-fee' });
    await refused(
      act(app, '2026-11-06', (tx, now) =>
        app.disclosure.reply(tx, number, { outcome: 'outcome.otherHandling.feeUnpaid', text: 'x' }, OFFICER, now),
      ),
      409,
      'no_fee',
    );
  });
});
