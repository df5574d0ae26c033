import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEvent, Conversation, OutboxMessage } from '../../entities';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, TEST_DB, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';
import { openStream } from './support';

/** The dialogue state of a conversation, as stored. */
async function stateOf(app: TestApp, conversationId: string) {
  return (await app.db.dataSource.getRepository(Conversation).findOneByOrFail({ id: conversationId })).state;
}

/** Operator takeover of a chat thread, end to end over the HTTP APIs. Wednesday 25 November 2026, 10:00 in Shanghai: within service hours. */
describe('operator takeover of a web-chat thread', () => {
  let app: TestApp;
  let li: string;
  let wang: string;
  beforeAll(async () => {
    app = await createTestApp();
    li = await addStaff(app, 'op-li', ['operator'], { displayName: '李敏' });
    wang = await addStaff(app, 'op-wang', ['operator']);
  });
  afterAll(() => app.close());

  it('lets exactly one of two concurrent claims win; the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const citizen = webCitizen(app);
      await citizen.say('转人工');
      const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
      const results = await Promise.all([li, wang].map((token) => api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(token))));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body.operator;
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('already_claimed');
      expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'human', operator: winner });
      const seenAs = winner === 'op-li' ? '人工客服 李敏' : '人工客服';
      expect((await citizen.pull()).filter((m) => m.text.includes('已接入'))).toEqual([
        expect.objectContaining({ text: `${seenAs}已接入，请问有什么可以帮您？` }),
      ]);
      // Claiming what one already holds would change nothing: refused (test/staff/noOpTransitions.test.ts).
      await api(app)
        .post(`/api/v1/threads/${thread.id}/claim`)
        .set(bearer(winner === 'op-li' ? li : wang))
        .expect(409);
      await api(app)
        .post(`/api/v1/threads/${thread.id}/release`)
        .set(bearer(winner === 'op-li' ? li : wang))
        .send({})
        .expect(200);
    }
  });

  it('transfers to another operator or back to the queue', async () => {
    const citizen = webCitizen(app);
    await citizen.say('转人工');
    const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(li)).expect(200);
    await api(app).post(`/api/v1/threads/${thread.id}/transfer`).set(bearer(li)).send({ operator: 'nobody' }).expect(400);
    const moved = await api(app).post(`/api/v1/threads/${thread.id}/transfer`).set(bearer(li)).send({ operator: 'op-wang' }).expect(200);
    expect(moved.body).toMatchObject({ status: 'held', operator: 'op-wang' });
    expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'human', operator: 'op-wang' });
    await api(app).post(`/api/v1/threads/${thread.id}/messages`).set(bearer(li)).send({ text: '还在吗' }).expect(409);
    await api(app).post(`/api/v1/threads/${thread.id}/messages`).set(bearer(wang)).send({ text: '我是小王，继续为您服务' }).expect(201);
    const requeued = await api(app).post(`/api/v1/threads/${thread.id}/transfer`).set(bearer(wang)).send({}).expect(200);
    expect(requeued.body).toMatchObject({ status: 'waiting', operator: null });
    expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'queued' });
    // op-wang has no display name: a neutral 人工客服.
    expect((await citizen.pull()).map((m) => m.text)).toEqual([
      '人工客服 李敏已接入，请问有什么可以帮您？',
      '已为您转接人工客服。',
      '我是小王，继续为您服务',
      '正在为您转接其他人工客服，请稍候。',
    ]);
    // A waiting thread can be dismissed without a claim; the bot answers again.
    expect((await api(app).post(`/api/v1/threads/${thread.id}/release`).set(bearer(li)).send({}).expect(200)).body).toMatchObject({
      status: 'closed',
      closeReason: 'dismissed',
    });
    expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'bot', misses: 0, lastAnswer: null });
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(li)).expect(409);
    await api(app).get('/api/v1/threads/999999').set(bearer(li)).expect(404);
  });

  it('gives the thread back to the bot after the idle time (WENZHENG_HANDOFF_IDLE_MINUTES)', async () => {
    const citizen = webCitizen(app);
    await citizen.say('转人工');
    const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(li)).expect(200);
    app.clock.advance(15 * 60_000);
    await citizen.say('还在吗'); // the citizen's message keeps the thread alive
    app.clock.advance(15 * 60_000);
    expect(await app.handoff.sweepIdle()).toBe(0);
    app.clock.advance(6 * 60_000);
    expect(await app.handoff.sweepIdle()).toBe(1);
    expect((await api(app).get(`/api/v1/threads/${thread.id}`).set(bearer(li)).expect(200)).body).toMatchObject({
      status: 'closed',
      closeReason: 'idle',
    });
    expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'bot', misses: 0, lastAnswer: null });
    expect((await citizen.pull()).map((m) => m.text)).toContain(
      '由于较长时间没有新消息，人工服务已结束，机器人继续为您服务。如还需要人工帮助，请发送"人工客服"。',
    );
    expect(await citizen.say('低保咋申请')).toMatch(/最低生活保障/);
  });
});

/**
 * A web-chat thread from escalation to release, a step per test on an app of its own, so that a
 * failing step does not hide the checks of the next. Wednesday 25 November 2026, 10:00 in Shanghai.
 */
describe('operator takeover of a web-chat thread, step by step', () => {
  let app: TestApp;
  let li: string;
  let wang: string;
  beforeEach(async () => {
    app = await createTestApp();
    li = await addStaff(app, 'op-li', ['operator'], { displayName: '李敏' });
    wang = await addStaff(app, 'op-wang', ['operator']);
  });
  afterEach(() => app.close());

  const waitingThreads = async () => (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;

  /** A citizen the bot could not answer, in the queue for a person, who asked twice and then whether anyone is there. */
  async function queued() {
    const citizen = webCitizen(app);
    for (const text of ['我想问一下那个东西怎么弄', '转人工', '人工客服', '喂？有人吗']) await citizen.say(text);
    const [thread] = await waitingThreads();
    return { citizen, thread };
  }

  /** The queued citizen's thread, claimed by op-li after 90 s; the citizen has read that. */
  async function claimed() {
    const { citizen, thread } = await queued();
    app.clock.advance(90_000);
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(li)).expect(200);
    await citizen.pull();
    return { citizen, thread };
  }

  it('queues a citizen who asks for a person once, tells them while waiting where they stand, and queues a second behind', async () => {
    const citizen = webCitizen(app);
    expect(await citizen.say('我想问一下那个东西怎么弄')).toMatch(/暂时没有找到/);
    expect(await citizen.say('转人工')).toBe('正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。');
    // Asking again does not queue twice.
    expect(await citizen.say('人工客服')).toMatch(/已在人工客服的排队中，下一位就是您/);
    // Waiting, the citizen hears where they stand, not the greeting and the menu again.
    const waiting = await citizen.say('喂？有人吗');
    expect(waiting).toMatch(
      /^您已在人工客服的排队中，下一位就是您。人工客服接入后会在这里回复您；您在等待时发的消息，客服接入后都能看到。$/,
    );
    // A second citizen queues behind the first.
    const next = webCitizen(app);
    await next.say('转人工');
    expect(await next.say('还要等多久')).toMatch(/前面还有1位/);
    expect(await waitingThreads()).toHaveLength(2);
  });

  it('shows operators the waiting thread with what the bot tried, and its transcript', async () => {
    const { thread } = await queued();
    expect(thread).toMatchObject({
      status: 'waiting',
      channel: 'webchat',
      reason: '转人工',
      lastQuestion: '我想问一下那个东西怎么弄',
      botAttempts: 1,
      operator: null,
      withinServiceHours: true,
    });
    expect(thread.waitingSeconds).toBeGreaterThanOrEqual(0);
    // The transcript shows what the bot tried.
    const before = await api(app).get(`/api/v1/threads/${thread.id}/messages`).set(bearer(li)).expect(200);
    expect(before.body.messages.map((m: { author: string }) => m.author)).toEqual([
      'citizen',
      'bot',
      'citizen',
      'bot',
      'citizen',
      'bot',
      'citizen',
      'bot',
    ]);
    // What the citizen said while waiting is in the transcript the operator reads.
    expect(before.body.messages.map((m: { text: string }) => m.text)).toContain('喂？有人吗');
  });

  it('lets an operator claim the thread: it is theirs, the stream says so and the citizen sees their display name', async () => {
    const { citizen, thread } = await queued();
    const stream = await openStream(app, li);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      await stream.next((e) => e.event === 'ready');
      app.clock.advance(90_000);
      const claim = await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(li)).expect(200);
      expect(claim.body).toMatchObject({ status: 'held', operator: 'op-li', waitingSeconds: 90 });
      expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'human', operator: 'op-li' });
      await stream.next((e) => e.event === 'thread' && e.data.status === 'held' && e.data.operator === 'op-li');
      expect(
        (await api(app).get('/api/v1/threads?status=mine').set(bearer(li)).expect(200)).body.threads.map((t: { id: number }) => t.id),
      ).toEqual([thread.id]);
      expect(await waitingThreads()).toEqual([]);
      // Citizens see the operator's display name, never the login name.
      expect(await citizen.pull()).toEqual([
        expect.objectContaining({ author: 'system', text: '人工客服 李敏已接入，请问有什么可以帮您？' }),
      ]);
    } finally {
      await stream.close();
    }
  });

  it("brings the operator's reply to the citizen once, and the citizen's words to the operator while the bot is silent", async () => {
    const { citizen, thread } = await claimed();
    const stream = await openStream(app, li);
    try {
      await stream.next((e) => e.event === 'ready');
      const sent = await api(app)
        .post(`/api/v1/threads/${thread.id}/messages`)
        .set(bearer(li))
        .send({ text: '您好，请问具体是哪个路口？', id: 'm1' })
        .expect(201);
      expect(sent.body).toMatchObject({ duplicate: false, messageId: expect.any(Number) });
      // A retried POST with the same id is one message.
      expect(
        (
          await api(app)
            .post(`/api/v1/threads/${thread.id}/messages`)
            .set(bearer(li))
            .send({ text: '您好，请问具体是哪个路口？', id: 'm1' })
            .expect(201)
        ).body,
      ).toMatchObject({ duplicate: true, messageId: sent.body.messageId });
      expect(await citizen.pull()).toEqual([expect.objectContaining({ author: 'operator', text: '您好，请问具体是哪个路口？' })]);

      // The bot stays silent; the citizen's words reach the operator (transcript and stream).
      expect(await citizen.say('低保咋申请')).toBe('');
      expect(await citizen.say('幸福路和建设路交叉口，电话13800138000')).toBe('');
      await app.threadHub.poll();
      const live = await stream.next(
        (e) => e.event === 'message' && e.data.author === 'citizen' && String(e.data.text).startsWith('幸福路'),
      );
      expect(live.data).toMatchObject({ threadId: thread.id, operator: 'op-li', text: '幸福路和建设路交叉口，电话138****8000' });
      const transcript = await api(app)
        .get(`/api/v1/threads/${thread.id}/messages?after=${sent.body.messageId}`)
        .set(bearer(li))
        .expect(200);
      expect(transcript.body.messages.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
        ['citizen', '低保咋申请'],
        ['citizen', '幸福路和建设路交叉口，电话138****8000'],
      ]);
      // Unmasked on request, and the view is audited.
      const whole = await api(app)
        .get(`/api/v1/threads/${thread.id}/messages?after=${sent.body.messageId}&unmask=true&reason=callback`)
        .set(bearer(li))
        .expect(200);
      expect(whole.body.messages[1].text).toBe('幸福路和建设路交叉口，电话13800138000');
      expect(
        await app.db.dataSource
          .getRepository(AuditEvent)
          .findOneBy({ action: 'personal-data.view', objectType: 'thread', objectId: String(thread.id) }),
      ).not.toBeNull();
    } finally {
      await stream.close();
    }
  });

  it("lets only the holder speak and release; released, the citizen is the bot's again, and the audit trail says who did what", async () => {
    const { citizen, thread } = await claimed();
    await api(app).post(`/api/v1/threads/${thread.id}/messages`).set(bearer(li)).send({ text: '您好，请问具体是哪个路口？' }).expect(201);
    const stream = await openStream(app, li);
    try {
      await stream.next((e) => e.event === 'ready');
      await api(app).post(`/api/v1/threads/${thread.id}/messages`).set(bearer(wang)).send({ text: '插一句' }).expect(409);
      await api(app).post(`/api/v1/threads/${thread.id}/release`).set(bearer(wang)).send({}).expect(409);

      const released = await api(app)
        .post(`/api/v1/threads/${thread.id}/release`)
        .set(bearer(li))
        .send({ note: '已告知办理渠道' })
        .expect(200);
      expect(released.body).toMatchObject({ status: 'closed', closeReason: 'released' });
      await stream.next((e) => e.event === 'thread' && e.data.status === 'closed');
    } finally {
      await stream.close();
    }
    expect(await stateOf(app, thread.conversationId)).toEqual({ mode: 'bot', misses: 0, lastAnswer: null });
    expect((await citizen.pull()).filter((m) => m.author === 'system')).toEqual([
      expect.objectContaining({ author: 'system', text: '人工服务已结束，机器人继续为您服务。' }),
    ]);
    expect(await citizen.say('低保咋申请')).toMatch(/最低生活保障/);

    const actions = (
      await app.db.dataSource
        .getRepository(AuditEvent)
        .find({ where: { objectType: 'thread', objectId: String(thread.id) }, order: { id: 'ASC' } })
    ).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(['system thread.request', 'op-li thread.claim', 'op-li thread.message', 'op-li thread.release']);
  });

  it('takes a queued citizen who cancels out of the queue', async () => {
    const { citizen } = await queued();
    expect(await citizen.say('取消')).toBe('已为您取消人工客服排队。请问还有什么可以帮您？');
    expect(await waitingThreads()).toEqual([]);
    expect(await citizen.say('你好')).toMatch(/您好/);
  });
});

describe('operator takeover on a push channel (WeChat official account)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("queues the operator's messages in the outbox for the send API", async () => {
    const token = await addStaff(app, 'op-zhao', ['operator']);
    const say = (id: string, text: string) =>
      app.conversations.handleInbound({
        channel: 'wechat-official',
        citizenId: 'oWx-citizen-1',
        externalId: id,
        kind: 'text',
        text,
        receivedAt: app.clock.now,
      });
    expect((await say('1', '转人工')).replies).toEqual(['正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。']);
    const [thread] = (await api(app).get('/api/v1/threads').set(bearer(token)).expect(200)).body.threads;
    expect(thread.channel).toBe('wechat-official');
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(token)).expect(200);
    await api(app).post(`/api/v1/threads/${thread.id}/messages`).set(bearer(token)).send({ text: '您好，我是人工客服' }).expect(201);
    expect((await say('2', '你好')).replies).toEqual([]);
    const queued = await app.db.dataSource.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
    expect(queued.map((m) => [m.channel, m.citizenId, m.text])).toEqual([
      ['wechat-official', 'oWx-citizen-1', '人工客服已接入，请问有什么可以帮您？'],
      ['wechat-official', 'oWx-citizen-1', '您好，我是人工客服'],
    ]);
  });
});

describe('the live stream of an account that loses its access', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_HANDOFF_STREAM_POLL_MS: '200' });
  });
  afterAll(() => app.close());

  const cases: [string, 'session' | 'api', (name: string, token: string, admin: string) => Promise<unknown>][] = [
    [
      'disabled by an admin',
      'session',
      (name, _token, admin) => api(app).patch(`/api/v1/staff/${name}`).set(bearer(admin)).send({ disabled: true }).expect(200),
    ],
    [
      'whose API token is rotated',
      'api',
      (name, _token, admin) => api(app).post(`/api/v1/staff/${name}/token`).set(bearer(admin)).expect(200),
    ],
    ['that logs out', 'session', (_name, token) => api(app).post('/api/v1/auth/logout').set(bearer(token)).expect(200)],
  ];
  it.each(cases)('closes for an account %s, and carries no event after that', async (label, kind, revoke) => {
    const name = `op-${cases.findIndex(([l]) => l === label)}`;
    const admin = await addStaff(app, `admin-${name}`, ['admin']);
    const password = 'a long enough password 123';
    const apiToken = await addStaff(app, name, ['operator'], { password });
    const token =
      kind === 'api' ? apiToken : ((await api(app).post('/api/v1/auth/login').send({ name, password }).expect(200)).body.token as string);
    const stream = await openStream(app, token);
    // An operator whose access holds sees the event the closed stream would have carried.
    const witness = await openStream(app, await addStaff(app, `${name}-witness`, ['operator']));
    try {
      await stream.next((e) => e.event === 'ready');
      await witness.next((e) => e.event === 'ready');
      await revoke(name, token, admin);
      await stream.next((e) => e.event === 'end', 3000);
      await stream.ended;
      const seen = stream.events.length;
      await webCitizen(app).say('人工客服');
      await witness.next((e) => e.event === 'thread' && e.data.status === 'waiting');
      expect(stream.events).toHaveLength(seen);
    } finally {
      await stream.close();
      await witness.close();
    }
  });
});

describe('asking for a person outside service hours', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('says when operators answer, keeps the thread in the queue and takes the matter down as a ticket', async () => {
    app.clock.now = new Date('2026-11-27T12:00:00Z'); // Friday 20:00 in Shanghai
    const token = await addStaff(app, 'op-night', ['operator']);
    const citizen = webCitizen(app);
    const first = await citizen.say('人工客服');
    expect(first).toContain(
      '现在不是人工服务时间（人工服务时间为周一至周五 08:30-17:30，法定节假日除外）。人工客服将于11月30日（周一）08:30起回复您，您的会话已进入排队。',
    );
    expect(first).toContain('12345热线工单');
    for (const answer of ['3', '小区地下车库的排水泵坏了，一下雨就积水', '西工区幸福小区', '13800138000']) await citizen.say(answer);
    const done = await citizen.say('确认');
    const number = /工单编号：(12345-\d{4}-\d{6})/.exec(done)![1];
    const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(token)).expect(200)).body.threads;
    expect(thread).toMatchObject({ status: 'waiting', withinServiceHours: false, ticketNumber: number, reason: '人工客服' });
    // After the ticket the citizen still waits, and hears it with the service hours.
    const waiting = await citizen.say('喂？有人吗');
    expect(waiting).toMatch(/^您已在人工客服的排队中，下一位就是您。[\s\S]*现在不是人工服务时间（人工服务时间为周一至周五 08:30-17:30/);
    expect(waiting).not.toMatch(/我可以为您做这些/);
  });

  it('queues at any hour with WENZHENG_SERVICE_HOURS=always', async () => {
    const always = await createTestApp({ WENZHENG_SERVICE_HOURS: 'always' }, {}, { seed: false });
    try {
      always.clock.now = new Date('2026-10-01T18:00:00Z'); // 2:00 at night on National Day
      expect(await webCitizen(always).say('转人工')).toBe('正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。');
    } finally {
      await always.close();
    }
  });

  it('国办发〔2020〕53号 7×24 human service: with WENZHENG_HOTLINE_HUMAN_24X7=true a person is offered at any hour, also from a form', async () => {
    const allHours = await createTestApp({ WENZHENG_HOTLINE_HUMAN_24X7: 'true' }, {}, { seed: false });
    try {
      allHours.clock.now = new Date('2026-10-01T18:00:00Z'); // 2:00 at night on National Day
      const asked = await webCitizen(allHours).say('转人工');
      expect(asked).toBe('正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。');
      expect(asked).not.toMatch(/不是人工服务时间/);
      const inForm = webCitizen(allHours);
      await inForm.say('我要投诉');
      const handed = await inForm.say('转人工');
      expect(handed).not.toMatch(/不是人工服务时间|继续填写/);
      expect(handed).toMatch(/人工客服/);
    } finally {
      await allHours.close();
    }
  });
});

describe('the live stream across instances', () => {
  it('carries changes made on another instance, read from the database', async () => {
    const file = TEST_DB.startsWith('sqlite:') ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-hub-')), 'shared.db')}` : undefined;
    const one = await createTestApp({ WENZHENG_HANDOFF_STREAM_POLL_MS: '100' }, {}, { seed: false, databaseUrl: file });
    const two = await createTestApp({ WENZHENG_HANDOFF_STREAM_POLL_MS: '100' }, {}, { seed: false, databaseUrl: one.databaseUrl });
    const token = await addStaff(one, 'op-one', ['operator']);
    const stream = await openStream(one, token);
    try {
      await stream.next((e) => e.event === 'ready');
      // The citizen talks to instance two; the operator watches instance one.
      const say = (id: string, text: string) =>
        two.conversations.handleInbound({
          channel: 'webchat',
          citizenId: 'web:cross',
          externalId: id,
          kind: 'text',
          text,
          receivedAt: two.clock.now,
        });
      await say('a', '转人工');
      const waiting = await stream.next((e) => e.event === 'thread' && e.data.status === 'waiting');
      await api(two).post(`/api/v1/threads/${waiting.data.threadId}/claim`).set(bearer(token)).expect(200);
      await stream.next((e) => e.event === 'thread' && e.data.status === 'held' && e.data.operator === 'op-one');
      await say('b', '我家的情况比较复杂');
      const message = await stream.next((e) => e.event === 'message' && e.data.text === '我家的情况比较复杂');
      expect(message.data).toMatchObject({ threadId: waiting.data.threadId, author: 'citizen', operator: 'op-one' });
      // The request itself and the notice of the claim were forwarded too, each once.
      expect(stream.events.filter((e) => e.event === 'message').map((e) => e.data.text)).toEqual([
        '转人工',
        '正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。',
        '人工客服已接入，请问有什么可以帮您？',
        '我家的情况比较复杂',
      ]);
    } finally {
      await stream.close();
      await two.close();
      await one.close();
    }
  });
});
