import request from 'supertest';
import { AuditEvent, HotlineTicket } from '../../entities';
import { addDays, shanghaiEndOfDay, toShanghaiDate } from '../../src/platform/calendar/dates';
import type { TicketAppeal } from '../../src/cases/hotline/appeal';
import { AUTOMATIC_SUPERVISION_NOTE } from '../../src/cases/hotline/workflowCommands';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

/** Wednesday 25 November 2026, 10:00 in Shanghai (the test clock's start). */
describe('hotline tickets', () => {
  let app: TestApp;
  let op: string;
  beforeAll(async () => {
    app = await createTestApp();
    op = await addStaff(app, 'op-chen', ['operator']);
  });
  afterAll(() => app.close());

  const ticketRow = (number: string) => app.db.dataSource.getRepository(HotlineTicket).findOneByOrFail({ number });

  /** Files a ticket through the chat; returns the citizen and the ticket number. */
  async function fileByChat(lines: string[]) {
    const citizen = webCitizen(app);
    let last = '';
    for (const line of lines) last = await citizen.say(line);
    const number = /工单编号：(12345-\d{4}-\d{6})/.exec(last)?.[1];
    if (!number) throw new Error(`no ticket number in: ${last}`);
    return { citizen, number, reply: last };
  }

  it('are opened from the chat intake with a number, a deadline and how to check', async () => {
    const { reply, number } = await fileByChat(['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号 幸福小区', '13800138000', '确认']);
    expect(number).toMatch(/^12345-2026-\d{6}$/);
    expect(reply).toBe(
      `您的投诉已受理，工单编号：${number}。\n我们会尽快转交承办部门办理，办结时限：12月2日（周三）前。\n查询办理进度请发送"查询工单 ${number}"。`,
    );
    expect(await ticketRow(number)).toMatchObject({
      category: 'complaint',
      urgency: 'normal',
      content: '我要投诉小区噪音',
      location: '西工区幸福路12号 幸福小区',
      phone: '13800138000',
      anonymous: false,
      channel: 'webchat',
      via: 'chat',
      status: 'accepted',
      suggestedDepartment: 'xigongDistrict',
    });
  });

  it('get distinct numbers when opened concurrently', async () => {
    const appeal: TicketAppeal = {
      category: 'consultation',
      urgency: 'normal',
      content: '想了解公租房的申请条件',
      location: null,
      phone: '13800138000',
      anonymous: false,
    };
    const numbers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.db.transaction((tx) =>
          app.hotline.openTicket(
            tx,
            appeal,
            { channel: 'webchat', citizenId: `web:bulk-${i}`, conversationId: null, via: 'form' },
            app.clock.now,
          ),
        ),
      ),
    );
    expect(new Set(numbers.map((n) => n.number)).size).toBe(8);
  });

  it('show their progress only to the citizen who filed them ("查询工单", GET /api/v1/me/tickets)', async () => {
    const { citizen, number } = await fileByChat([
      '我要投诉',
      '3',
      '楼下烧烤店每天营业到凌晨两点，油烟和噪音很大',
      '洛龙区滨河路8号',
      '13912345678',
      '确认',
    ]);
    const status = await citizen.say(`查询工单 ${number}`);
    expect(status).toContain(`工单${number}（投诉）：已受理`);
    expect(status).toContain('办结时限：12月2日（周三）前');
    // Another citizen gets the same answer as for a number that does not exist.
    const other = webCitizen(app);
    await other.say('你好');
    const foreign = await other.say(`查询工单 ${number}`);
    expect(foreign).toBe(`没有找到工单${number}。请核对编号；只能查询您本人在这里提交的工单。`);
    expect(await other.say('查询工单 12345-2026-999999')).toBe(
      '没有找到工单12345-2026-999999。请核对编号；只能查询您本人在这里提交的工单。',
    );

    const mine = await request(app.callback()).get('/api/v1/me/tickets').set('Authorization', `Bearer ${citizen.token}`).expect(200);
    expect(mine.body.tickets).toEqual([
      expect.objectContaining({
        number,
        categoryLabel: '投诉',
        status: 'accepted',
        statusLabel: '已受理',
        awaitingRating: false,
        progress: [expect.objectContaining({ label: '工单已受理' })],
      }),
    ]);
    expect(
      (await request(app.callback()).get('/api/v1/me/tickets').set('Authorization', `Bearer ${other.token}`).expect(200)).body.tickets,
    ).toEqual([]);
    await request(app.callback()).get(`/api/v1/me/tickets/${number}`).set('Authorization', `Bearer ${other.token}`).expect(404);
    await request(app.callback()).get(`/api/v1/me/tickets/${number}`).set('Authorization', `Bearer ${citizen.token}`).expect(200);
    await request(app.callback()).get('/api/v1/me/tickets').expect(401);
  });

  it('keep an anonymous 举报 anonymous to the department', async () => {
    const { number, reply } = await fileByChat([
      '我要举报',
      '是',
      '有人在河边偷排污水，知情人电话13700001111',
      '洛龙区滨河路',
      '匿名',
      '确认',
    ]);
    expect(reply).toContain('本工单为匿名举报：承办部门看不到您的任何身份信息。');
    const row = await ticketRow(number);
    expect(row).toMatchObject({ anonymous: true, phone: null, category: 'report' });

    await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({}).expect(200);
    const sheet = await api(app).get(`/api/v1/tickets/${number}/dispatch-sheet`).set(bearer(op)).expect(200);
    expect(sheet.body).toMatchObject({
      anonymous: true,
      phone: null,
      department: 'ecology',
      content: '有人在河边偷排污水，知情人电话137****1111',
    });
    const text = JSON.stringify(sheet.body);
    for (const secret of [row.citizenId, row.conversationId as string, 'webchat', '13700001111']) expect(text).not.toContain(secret);
    expect(Object.keys(sheet.body)).not.toEqual(expect.arrayContaining(['citizenId']));
    // Unmasked, the sheet still has nobody to call.
    expect(
      (await api(app).get(`/api/v1/tickets/${number}/dispatch-sheet?unmask=true&reason=dispatch`).set(bearer(op)).expect(200)).body.phone,
    ).toBeNull();
    const staff = await api(app).get(`/api/v1/tickets/${number}`).set(bearer(op)).expect(200);
    expect(staff.body.ticket).toMatchObject({ anonymous: true, phone: null, conversationId: null });
    expect(JSON.stringify(staff.body)).not.toContain(row.citizenId);
    // The audit trail does not name the reporter either.
    const audit = await app.db.dataSource.getRepository(AuditEvent).find({ where: { objectType: 'ticket', objectId: number } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(row.citizenId);
  });

  it('mask location and phone in lists; operators handling the ticket may unmask (audited), other roles may not', async () => {
    const { number } = await fileByChat(['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']);
    const list = await api(app).get('/api/v1/tickets?status=accepted').set(bearer(op)).expect(200);
    const listed = list.body.tickets.find((t: { number: string }) => t.number === number);
    expect(listed).toMatchObject({ phone: '138****8000', location: '西工区****' });
    // Filed by the citizen: nobody handles it yet.
    await api(app).get(`/api/v1/tickets/${number}?unmask=true&reason=call%20back`).set(bearer(op)).expect(403);
    await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({}).expect(200);
    const whole = await api(app).get(`/api/v1/tickets/${number}?unmask=true&reason=call%20back`).set(bearer(op)).expect(200);
    expect(whole.body.ticket).toMatchObject({ phone: '13800138000', location: '西工区幸福路12号' });
    const view = await app.db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'personal-data.view', objectId: number });
    expect(view).toMatchObject({ actor: 'op-chen', details: { fields: ['location', 'phone'], reason: 'call back' } });
    const interpreter = await addStaff(app, 'kb-editor', ['interpreter']);
    await api(app).get(`/api/v1/tickets/${number}`).set(bearer(interpreter)).expect(403);
  });

  it('mask the ID and phone numbers, names and addresses a citizen wrote into the description, as transcripts do', async () => {
    const { number } = await fileByChat([
      '我要投诉',
      '是',
      '我叫李四，身份证11010519491231002X，电话13900139000，楼下幸福路8号的工地夜间施工',
      '西工区幸福路12号',
      '13800138000',
      '确认',
    ]);
    const masked = '我叫李*，身份证1101**********002X，电话139****9000，****的工地夜间施工';
    const listed = (await api(app).get('/api/v1/tickets?status=accepted').set(bearer(op)).expect(200)).body.tickets.find(
      (t: { number: string }) => t.number === number,
    );
    expect(listed.content).toBe(masked);
    expect((await api(app).get(`/api/v1/tickets/${number}`).set(bearer(op)).expect(200)).body.ticket.content).toBe(masked);
    await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({}).expect(200);
    expect((await api(app).get(`/api/v1/tickets/${number}/dispatch-sheet`).set(bearer(op)).expect(200)).body.content).toBe(masked);
    // The operator handling it reads it whole, audited.
    const whole = await api(app).get(`/api/v1/tickets/${number}?unmask=true&reason=call%20back`).set(bearer(op)).expect(200);
    expect(whole.body.ticket.content).toBe('我叫李四，身份证11010519491231002X，电话13900139000，楼下幸福路8号的工地夜间施工');
    const view = await app.db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'personal-data.view', objectId: number });
    expect(view.details).toMatchObject({ fields: ['content', 'location', 'phone'] });
  });

  it("refuses an operator's wrong field in Chinese, naming the field as operators know it", async () => {
    const { number } = await fileByChat(['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']);
    const step = (path: string, body: object) => api(app).post(`/api/v1/tickets/${number}/${path}`).set(bearer(op)).send(body).expect(400);
    expect((await step('callback', { resolved: '是' })).body.error.fields).toEqual([
      { field: 'resolved', code: 'resolved.type', message: '是否解决（resolved）应为true或false。' },
    ]);
    expect((await step('reply', { note: '已核实' })).body.error.fields).toEqual([
      { field: 'text', code: 'text.missing', message: '答复内容（text）：必须填写。' },
    ]);
    expect((await step('reply', { text: '  ' })).body.error.fields).toEqual([
      expect.objectContaining({ field: 'text', message: '答复内容不能为空' }),
    ]);
    expect((await step('dispatch', { department: 'nowhere' })).body.error).toMatchObject({
      code: 'unknown_department',
      field: 'department',
      message: '承办部门“nowhere”不存在（config/hotline-routing.yaml），请从部门列表中选择。',
    });
    const missing = await api(app).post('/api/v1/tickets/12345-2026-999999/sign').set(bearer(op)).send({}).expect(404);
    expect(missing.body.error).toMatchObject({ code: 'ticket_not_found', message: '没有工单12345-2026-999999。' });
  });

  it('move through 受理 → 派单 → 办理中 → 已答复 → 回访 → 办结, each step recorded and audited', async () => {
    const { number } = await fileByChat(['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']);
    const step = (path: string, body: object = {}) => api(app).post(`/api/v1/tickets/${number}/${path}`).set(bearer(op)).send(body);
    expect((await step('close')).status).toBe(409); // not answered yet
    expect((await step('dispatch', { department: 'nowhere' })).status).toBe(400);
    expect((await step('dispatch', { note: '夜间噪音，请区里处理' }).expect(200)).body).toMatchObject({
      status: 'dispatched',
      department: 'xigongDistrict',
      departmentName: '西工区人民政府',
    });
    app.clock.advance(2 * 3600_000);
    expect((await step('sign').expect(200)).body).toMatchObject({ status: 'handling', signedForAt: app.clock.now.toISOString() });
    app.clock.advance(24 * 3600_000);
    await step('reply', { text: '经核查，已责令烧烤店22点后停止露天经营。' }).expect(200);
    await step('callback', { resolved: true, note: '市民表示噪音已明显减小' }).expect(200);
    const closed = await step('close', { note: '办结' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'resolved', reply: '经核查，已责令烧烤店22点后停止露天经营。' });

    const history = (await api(app).get(`/api/v1/tickets/${number}`).set(bearer(op)).expect(200)).body.history;
    expect(
      history.map((e: { action: string; actor: string; fromStatus: string | null; toStatus: string }) => [
        e.action,
        e.actor,
        e.fromStatus,
        e.toStatus,
      ]),
    ).toEqual([
      ['open', 'citizen', null, 'accepted'],
      ['dispatch', 'op-chen', 'accepted', 'dispatched'],
      ['sign', 'op-chen', 'dispatched', 'handling'],
      ['reply', 'op-chen', 'handling', 'replied'],
      ['callback', 'op-chen', 'replied', 'callback'],
      ['close', 'op-chen', 'callback', 'closed'],
    ]);
    expect(history[1].note).toBe('夜间噪音，请区里处理');
    // Staff read labels, not codes.
    expect(history.slice(0, 2).map((e: { actionLabel: string; actorLabel: string }) => [e.actionLabel, e.actorLabel])).toEqual([
      ['受理', '市民'],
      ['派单', 'op-chen'],
    ]);
    const audited = (
      await app.db.dataSource.getRepository(AuditEvent).find({ where: { objectType: 'ticket', objectId: number }, order: { id: 'ASC' } })
    ).map((e) => e.action);
    expect(audited).toEqual(['ticket.open', 'ticket.dispatch', 'ticket.sign', 'ticket.reply', 'ticket.callback', 'ticket.close']);
  });

  /** A noise complaint filed by chat and taken to 办结 by op-chen, with the reply the citizen is told. */
  async function closedTicket() {
    const filed = await fileByChat(['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']);
    const steps: [string, object][] = [
      ['dispatch', {}],
      ['sign', {}],
      ['reply', { text: '经核查，已责令烧烤店22点后停止露天经营。' }],
      ['callback', { resolved: true }],
      ['close', {}],
    ];
    for (const [path, body] of steps) await api(app).post(`/api/v1/tickets/${filed.number}/${path}`).set(bearer(op)).send(body).expect(200);
    return filed;
  }

  it('tell the citizen when a ticket is closed, with the department and the reply, and ask for a rating', async () => {
    const { citizen, number } = await closedTicket();
    const notice = (await citizen.pull()).map((m) => m.text);
    expect(notice).toEqual([
      `您的工单${number}已办结。\n承办部门：西工区人民政府\n答复：经核查，已责令烧烤店22点后停止露天经营。\n请您对办理结果进行评价，回复：1 满意　2 基本满意　3 不满意`,
    ]);
    expect(await citizen.say(`查询工单 ${number}`)).toContain('请您对办理结果进行评价');
  });

  it('take the rating from the citizen who filed the ticket, in the chat, once; nobody else rates it', async () => {
    const { citizen, number } = await closedTicket();
    // The rating (the engine's rate-ticket effect calls handleRating).
    const conversation = (await ticketRow(number)).conversationId as string;
    // Someone else saying 满意 rates nothing.
    const rate = (rating: 'satisfied') =>
      app.db.transaction((tx) =>
        app.hotline.handleRating(tx, { channel: 'webchat', citizenId: 'web:someone-else', now: app.clock.now }, rating),
      );
    expect(conversation).toBeTruthy();
    const row = await ticketRow(number);
    const rateAs = (rating: 'satisfied' | 'basicallySatisfied' | 'dissatisfied') =>
      app.db.transaction((tx) =>
        app.hotline.handleRating(tx, { channel: row.channel, citizenId: row.citizenId, now: app.clock.now }, rating),
      );
    expect(await rate('satisfied')).toEqual(['目前没有等待您评价的工单。查询工单请发送"查询工单 编号"。']);
    // The citizen answers the rating question in the chat.
    expect(await citizen.say('2')).toContain(`感谢您对工单${number}的评价（基本满意）！`);
    expect(await ticketRow(number)).toMatchObject({ rating: 'basicallySatisfied', status: 'closed' });
    expect(await rateAs('satisfied')).toEqual(['目前没有等待您评价的工单。查询工单请发送"查询工单 编号"。']);
  });

  it('reopen once when the citizen is not satisfied, and only once', async () => {
    const { citizen, number } = await fileByChat([
      '我要投诉',
      '是',
      '小区路灯坏了一个月没人修，晚上很黑',
      '西工区幸福小区',
      '13800138000',
      '确认',
    ]);
    const step = (path: string, body: object = {}) =>
      api(app).post(`/api/v1/tickets/${number}/${path}`).set(bearer(op)).send(body).expect(200);
    const finish = async (reply: string) => {
      await step('reply', { text: reply });
      await step('close');
    };
    await step('dispatch');
    await step('sign');
    await finish('已联系物业维修。');
    const row = await ticketRow(number);
    const rate = (rating: 'dissatisfied') =>
      app.db.transaction((tx) =>
        app.hotline.handleRating(tx, { channel: row.channel, citizenId: row.citizenId, now: app.clock.now }, rating),
      );

    app.clock.advance(2 * 86_400_000);
    const first = await rate('dissatisfied');
    expect(first[0]).toMatch(new RegExp(`^很抱歉没有让您满意。工单${number}已重新交办`));
    const reopened = await ticketRow(number);
    expect(reopened).toMatchObject({
      status: 'handling',
      citizenReopens: 1,
      reopenCount: 1,
      rating: 'dissatisfied',
      closedAt: null,
      reply: null,
    });
    expect(reopened.dueAt.getTime()).toBeGreaterThan(row.dueAt.getTime());

    await finish('物业已更换灯泡。');
    expect((await citizen.pull()).filter((m) => m.text.includes('已办结'))).toHaveLength(2);
    const second = await rate('dissatisfied');
    expect(second[0]).toMatch(/评价"不满意"已记录/);
    expect(await ticketRow(number)).toMatchObject({ status: 'closed', citizenReopens: 1, rating: 'dissatisfied' });
    // Operators can still reopen it.
    await api(app).post(`/api/v1/tickets/${number}/reopen`).set(bearer(op)).send({ note: '领导批示重新核查' }).expect(200);
    expect((await citizen.pull()).map((m) => m.text)).toEqual([expect.stringMatching(new RegExp(`^您的工单${number}已重新交办`))]);
  });

  it('are supervised (督办) only when overdue; a new urgency at dispatch recomputes the limits', async () => {
    const { number } = await fileByChat(['我要求助', '是', '整栋楼停水了，家里老人没水喝', '西工区幸福小区5号楼', '13800138000', '确认']);
    const row = await ticketRow(number);
    expect(row.urgency).toBe('urgentUtility');
    expect(row.dueAt).toEqual(new Date(app.clock.now.getTime() + 24 * 3600_000));
    await api(app).post(`/api/v1/tickets/${number}/supervise`).set(bearer(op)).send({ note: '请尽快' }).expect(409);
    const dispatched = await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({ urgency: 'normal' }).expect(200);
    // Normal: 7 calendar days after the acceptance day, to the end of that day in Shanghai.
    const sevenDays = shanghaiEndOfDay(addDays(toShanghaiDate(row.acceptedAt), 7));
    expect(dispatched.body).toMatchObject({ department: 'water', urgency: 'normal', dueAt: sevenDays.toISOString() });
    await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({ urgency: 'urgentUtility' }).expect(200);
    // 改派 to the department it is with, at the same urgency, changes nothing: refused in Chinese, nothing recorded.
    const same = await api(app).post(`/api/v1/tickets/${number}/dispatch`).set(bearer(op)).send({ department: 'water' }).expect(409);
    expect(same.body).toMatchObject({ error: { code: 'no_change', field: 'department' } });
    expect(same.body.error.message).toBe('工单已派给市水务局，改派须选择其他部门或紧急程度');

    app.clock.advance(25 * 3600_000);
    const overdue = await api(app).get('/api/v1/tickets?overdue=true').set(bearer(op)).expect(200);
    expect(overdue.body.tickets.map((t: { number: string }) => t.number)).toContain(number);
    const supervised = await api(app)
      .post(`/api/v1/tickets/${number}/supervise`)
      .set(bearer(op))
      .send({ note: '已超时，请立即处理' })
      .expect(200);
    expect(supervised.body).toMatchObject({ superviseCount: 1, overdue: true, status: 'dispatched' });
    const history = (await api(app).get(`/api/v1/tickets/${number}`).set(bearer(op)).expect(200)).body.history.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toEqual(['open', 'dispatch', 'reroute', 'supervise']);
  });

  it('are supervised by the server once for each deadline they miss, sign-for and then resolution', async () => {
    const { number } = await fileByChat(['我要求助', '是', '小区路灯全坏了，晚上看不见路', '西工区幸福小区3号楼', '13800138000', '确认']);
    const row = await ticketRow(number);
    expect(row.signForDueAt.getTime()).toBeLessThan(row.dueAt.getTime());
    const sweep = () => app.db.transaction((tx) => app.hotline.superviseOverdue(tx, app.clock.now));
    expect(await sweep()).not.toContain(number);

    app.clock.advance(row.signForDueAt.getTime() - app.clock.now.getTime() + 60_000);
    expect(await sweep()).toContain(number);
    expect(await sweep()).not.toContain(number);

    app.clock.advance(row.dueAt.getTime() - app.clock.now.getTime() + 60_000);
    expect(await sweep()).toContain(number);
    expect(await sweep()).not.toContain(number);

    const { ticket, history } = (await api(app).get(`/api/v1/tickets/${number}`).set(bearer(op)).expect(200)).body;
    expect(ticket.superviseCount).toBe(2);
    const supervisions = history.filter((e: { action: string }) => e.action === 'supervise');
    expect(supervisions).toEqual([
      expect.objectContaining({ note: AUTOMATIC_SUPERVISION_NOTE }),
      expect.objectContaining({ note: AUTOMATIC_SUPERVISION_NOTE }),
    ]);
  });

  it('are opened by an operator from a thread, with the same validation', async () => {
    const citizen = webCitizen(app);
    await citizen.say('转人工');
    const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(op)).expect(200)).body.threads;
    const bad = await api(app)
      .post(`/api/v1/threads/${thread.id}/ticket`)
      .set(bearer(op))
      .send({ category: 'complaint', content: '吵', phone: '123' })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['content', 'location', 'phone']);
    const opened = await api(app)
      .post(`/api/v1/threads/${thread.id}/ticket`)
      .set(bearer(op))
      .send({ category: 'complaint', content: '小区门口的共享单车乱停放，堵住消防通道', location: '西工区幸福小区', phone: '13800138000' })
      .expect(201);
    expect(opened.body.ticket).toMatchObject({ via: 'operator', channel: 'webchat', phone: '138****8000' });
    expect((await api(app).get(`/api/v1/threads/${thread.id}`).set(bearer(op)).expect(200)).body.ticketNumber).toBe(
      opened.body.ticket.number,
    );
    expect((await citizen.pull()).map((m) => m.text)).toEqual([expect.stringContaining(`工单编号：${opened.body.ticket.number}`)]);
    const audit = await app.db.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'ticket.open', objectId: opened.body.ticket.number });
    expect(audit.actor).toBe('op-chen');
  });

  it('are never opened for emergencies, and disclosure matters are pointed to the disclosure procedure', async () => {
    const citizen = webCitizen(app);
    expect(await citizen.say('楼下着火了')).toMatch(/119/);
    await citizen.say('我要投诉');
    await citizen.say('是');
    const switched = await citizen.say('我要申请公开旧城改造的征收补偿方案');
    expect(switched).toMatch(/政府信息公开申请/);
    const count = await app.db.dataSource.getRepository(HotlineTicket).count();
    const emergency = await app.db.transaction((tx) =>
      app.hotline.submitDraft(
        tx,
        { category: 'help', content: '家里有人昏迷了', location: '西工区', phone: '13800138000', anonymous: false },
        { channel: 'webchat', citizenId: 'web:x', conversationId: null, via: 'chat' },
        app.clock.now,
      ),
    );
    expect(emergency).toEqual([expect.stringMatching(/120/)]);
    expect(await app.db.dataSource.getRepository(HotlineTicket).count()).toBe(count);
  });
});
