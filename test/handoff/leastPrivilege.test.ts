import { AuditEvent, DisclosureRequest, Message } from '../../entities';
import { webCitizen } from '../support/conversation';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * The attack of issue #21: a citizen fills the disclosure form in the chat, then asks for a person.
 * The form's answers are the case's personal data: the transcript keeps them masked, only the
 * holder reads the thread (the queue, what one holds, what one held for a while), and every
 * unmasking needs a reason and is audited. Tickets follow the same rule.
 */
const NAME = '张三';
const ID_NUMBER = '11010519491231002x';
const PHONE = '138 0013 8000';
const ADDRESS = '福建省福州市台江区八一七中路88号2单元502室';
const FORM = ['申请公开', '1', NAME, ID_NUMBER, PHONE, ADDRESS, '2025年城东片区棚户区改造项目的房屋征收补偿方案', '1', '2', '1', '确认'];
const WHOLE = ['张三', '11010519491231002', '13800138000', '138 0013 8000', '八一七中路88号'];

describe('least privilege on transcripts', () => {
  let app: TestApp;
  let li: string;
  let wang: string;
  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_HANDOFF_HISTORY_HOURS: '72' });
    li = await addStaff(app, 'op-li', ['operator']);
    wang = await addStaff(app, 'op-wang', ['operator']);
  });
  afterAll(() => app.close());

  const thread = (id: number, token: string) => api(app).get(`/api/v1/threads/${id}`).set(bearer(token));
  const messages = (id: number, token: string, query = '') => api(app).get(`/api/v1/threads/${id}/messages${query}`).set(bearer(token));
  const listed = async (token: string) =>
    (await api(app).get('/api/v1/threads?status=all').set(bearer(token)).expect(200)).body.threads.map((t: { id: number }) => t.id);

  it('keeps form answers out of the transcript, lets only the holder read the thread, and audits unmasking with a reason', async () => {
    const citizen = webCitizen(app);
    for (const line of FORM) await citizen.say(line);
    expect(await citizen.say('人工客服')).toMatch(/转接人工客服/);

    // The values live in the case record only; the stored transcript has them masked.
    const request = await app.db.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ via: 'chat' });
    expect(request).toMatchObject({ applicantName: NAME, idNumber: '11010519491231002X', phone: '13800138000' });
    const stored = JSON.stringify(await app.db.dataSource.getRepository(Message).find());
    for (const whole of WHOLE) expect(stored).not.toContain(whole);
    expect(stored).toContain('〔姓名〕张*');
    expect(stored).toContain('〔证件号码〕1101**********002x');
    expect(stored).toContain('〔联系电话〕138****8000');
    expect(stored).toContain('〔通信地址〕福建省福州市台江区****');

    // Waiting: in the queue, for every operator.
    const [waiting] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(wang)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${waiting.id}/claim`).set(bearer(li)).expect(200);

    // Held by op-li: another operator cannot find it, read it, or open a ticket from it.
    await thread(waiting.id, wang).expect(404);
    expect((await messages(waiting.id, wang).expect(404)).body.error.code).toBe('thread_not_found');
    expect(await listed(wang)).not.toContain(waiting.id);
    await api(app)
      .post(`/api/v1/threads/${waiting.id}/ticket`)
      .set(bearer(wang))
      .send({ category: 'complaint', content: '小区门口的共享单车乱停放，堵住消防通道', location: '西工区幸福小区', phone: '13800138000' })
      .expect(404);

    // The holder sees the form's answers masked, in the masked view and unmasked alike.
    const masked = await messages(waiting.id, li).expect(200);
    for (const whole of WHOLE) expect(JSON.stringify(masked.body)).not.toContain(whole);
    expect(await listed(li)).toContain(waiting.id);

    // Unmasking needs a reason.
    const refused = await messages(waiting.id, li, '?unmask=true').expect(400);
    expect(refused.body.error).toMatchObject({ code: 'reason_required', field: 'reason' });
    expect(await app.db.dataSource.getRepository(AuditEvent).countBy({ action: 'personal-data.view' })).toBe(0);
    const whole = await messages(waiting.id, li, `?unmask=true&reason=${encodeURIComponent('核实申请人身份')}`).expect(200);
    for (const value of WHOLE) expect(JSON.stringify(whole.body)).not.toContain(value);
    const view = await app.db.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'personal-data.view', objectType: 'thread', objectId: String(waiting.id) });
    expect(view).toMatchObject({ actor: 'op-li', details: { reason: '核实申请人身份' } });

    // After letting it go, op-li reads it for WENZHENG_HANDOFF_HISTORY_HOURS, then no more.
    await api(app).post(`/api/v1/threads/${waiting.id}/release`).set(bearer(li)).send({}).expect(200);
    app.clock.advance(71 * 3_600_000);
    await messages(waiting.id, li).expect(200);
    await thread(waiting.id, wang).expect(404);
    app.clock.advance(2 * 3_600_000);
    await messages(waiting.id, li).expect(404);
    expect(await listed(li)).not.toContain(waiting.id);
  });

  it('follows every holder: a transfer hands the thread on, and the one who gave it keeps the history window', async () => {
    const citizen = webCitizen(app);
    await citizen.say('转人工');
    const [queued] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${queued.id}/claim`).set(bearer(li)).expect(200);
    await thread(queued.id, wang).expect(404);
    await api(app).post(`/api/v1/threads/${queued.id}/transfer`).set(bearer(li)).send({ operator: 'op-wang' }).expect(200);
    await thread(queued.id, wang).expect(200);
    await thread(queued.id, li).expect(200);
    app.clock.advance(73 * 3_600_000);
    await thread(queued.id, li).expect(404);
    await thread(queued.id, wang).expect(200);
    await api(app).post(`/api/v1/threads/${queued.id}/release`).set(bearer(wang)).send({}).expect(200);
  });

  it('lets only an operator who handles a ticket, or holds or held its thread, unmask it, with a reason', async () => {
    const citizen = webCitizen(app);
    await citizen.say('转人工');
    const [queued] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${queued.id}/claim`).set(bearer(li)).expect(200);
    const opened = await api(app)
      .post(`/api/v1/threads/${queued.id}/ticket`)
      .set(bearer(li))
      .send({ category: 'complaint', content: '小区门口的共享单车乱停放，堵住消防通道', location: '西工区幸福小区', phone: '13800138000' })
      .expect(201);
    const number = opened.body.ticket.number as string;
    const unmask = (token: string, reason?: string) =>
      api(app)
        .get(`/api/v1/tickets/${number}?unmask=true${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`)
        .set(bearer(token));

    // Anyone with the role sees it masked; op-wang neither handles it nor held its thread.
    expect((await api(app).get(`/api/v1/tickets/${number}`).set(bearer(wang)).expect(200)).body.ticket.phone).toBe('138****8000');
    expect((await unmask(wang, '回访').expect(403)).body.error.code).toBe('unmask_forbidden');
    expect((await unmask(li).expect(400)).body.error.field).toBe('reason');
    expect((await unmask(li, '回拨核实').expect(200)).body.ticket.phone).toBe('13800138000');
    expect(
      await app.db.dataSource
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'personal-data.view', objectType: 'ticket', objectId: number }),
    ).toMatchObject({ actor: 'op-li', details: { reason: '回拨核实' } });

    // Handling it (dispatching it) makes op-wang one who may.
    await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(wang)).send({}).expect(200);
    expect((await unmask(wang, '回访').expect(200)).body.ticket.phone).toBe('13800138000');
  });
});
