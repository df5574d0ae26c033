import request from 'supertest';
import { types } from 'wechaty';
import { OutboxMessage } from '../../../entities';
import { SYSTEM_ACTOR } from '../../../src/staff/audit/context';
import { UNSUPPORTED_MESSAGE_REPLY } from '../../../src/channels/wechaty/channel';
import { ADD_CONTACT_FIRST, SENT_PRIVATELY } from '../../../src/channels/wechaty/privacy';
import { conversations } from '../../../src/conversation/repositories';
import { HANDOFF_TEXTS } from '../../../src/handoff/service';
import { FLOOD_REPLY } from '../../../src/platform/http/rateLimit';
import { staffService } from '../../../src/staff/service';
import { kindOf, statementKinds, statementsOf } from '../../support/statementLog';
import { createTestApp, type TestApp } from '../../support/testApp';
import { waitFor } from '../../support/waitFor';
import { citizen, conversationOf, inboundOf, mockerOf, roomLog, type ContactMock } from './support';

const WECHATY = { WENZHENG_WECHATY_PUPPET: 'wechaty-puppet-mock' };

describe('wechaty channel: login, logout and errors', () => {
  let app: TestApp;
  let printed: string[];
  let closed = false;
  beforeAll(async () => {
    printed = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    app = await createTestApp(WECHATY);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    if (!closed) await app.close();
  });

  const readiness = async () => {
    const res = await request(app.callback()).get('/readyz');
    return { status: res.status, wechaty: res.body.checks.wechaty as string };
  };

  it('is started by the app, prints the login QR code link, and is ready only once logged in', async () => {
    expect(app.wechaty?.status().state).toBe('waiting-for-login');
    expect(await readiness()).toEqual({ status: 503, wechaty: 'not logged in' });

    const mocker = mockerOf(app);
    mocker.scan('https://login.weixin.qq.com/l/abc=', types.ScanStatus.Waiting);
    const link = `https://wechaty.js.org/qrcode/${encodeURIComponent('https://login.weixin.qq.com/l/abc=')}`;
    await waitFor('the QR code link on stdout', () => printed.join('').includes(link));
    expect(app.wechaty?.status().qrcodeUrl).toBe(link);
    // The link itself stays out of /readyz, which anyone may read.
    expect(await readiness()).toEqual({
      status: 503,
      wechaty: 'not logged in: waiting for the login QR code to be scanned (the link is in the log)',
    });

    mocker.login(mocker.createContact({ name: '问政小助手' }));
    await waitFor('login', () => app.wechaty?.status().state === 'logged-in');
    expect(app.wechaty?.status().user).toBe('问政小助手');
    expect(await readiness()).toEqual({ status: 200, wechaty: 'ok' });
  });

  it('shows a logout and the errors after it on /readyz', async () => {
    await app.wechaty!.bot.logout();
    await waitFor('logout', () => app.wechaty?.status().state === 'waiting-for-login');
    expect((await readiness()).status).toBe(503);
    expect((await readiness()).wechaty).toMatch(/^logged out \(.+\); not logged in/);

    mockerOf(app).puppet.emit('error', { gerror: 'connection to the puppet service lost' });
    await waitFor('the error', () => app.wechaty?.status().lastError);
    expect((await readiness()).wechaty).toMatch(/last error: .*connection to the puppet service lost/);
  });

  it('logs in again and stops the bot when the app closes', async () => {
    const channel = app.wechaty!;
    mockerOf(app).login(mockerOf(app).createContact({ name: '问政小助手' }));
    await waitFor('the second login', () => channel.status().state === 'logged-in');
    expect(await readiness()).toEqual({ status: 200, wechaty: 'ok' });
    await app.close();
    closed = true;
    expect(channel.status().state).toBe('stopped');
    expect(channel.bot.isLoggedIn).toBe(false);
    await channel.stop(); // a second stop is harmless
  });
});

describe('wechaty channel: conversations with the mock puppet', () => {
  let app: TestApp;
  let bot: ContactMock;
  beforeAll(async () => {
    app = await createTestApp(WECHATY);
    const mocker = mockerOf(app);
    bot = mocker.createContact({ name: '问政小助手' });
    mocker.login(bot);
    await waitFor('login', () => app.wechaty?.status().state === 'logged-in');
  });
  afterAll(() => app.close());

  it('answers a knowledge question asked by direct message', async () => {
    const zhang = citizen(mockerOf(app), bot);
    zhang.say('低保咋申请');
    const answer = await zhang.reply();
    expect(answer).toMatch(/^【[^】]*最低生活保障[^】]*】/);
    expect(answer).toMatch(/来源：/);
    // Stored as the contact's own conversation on the wechaty channel, keyed by the wechaty message id.
    const [inbound] = await inboundOf(app, zhang.contact.id);
    expect(inbound).toEqual(expect.objectContaining({ author: 'citizen', kind: 'text', text: '低保咋申请' }));
    expect(inbound.externalId).toBeTruthy();
    expect(inbound.meta).toEqual(expect.objectContaining({ decision: 'answer' }));
  });

  it('in a room, ignores messages that do not mention the bot and answers a mention in the room, mentioning the member', async () => {
    const mocker = mockerOf(app);
    const li = citizen(mocker, bot, { name: '李四' });
    const other = mocker.createContact({ name: '王五' });
    const room = mocker.createRoom({ topic: '幸福小区业主群', memberIdList: [bot.id, li.contact.id, other.id] });
    const said = roomLog(room, bot);

    li.contact.say('低保咋申请').to(room);
    other.say('公积金怎么提取').to(room);
    li.contact.say('@问政小助手 低保咋申请', [bot]).to(room);

    await waitFor('the room answer', () => said[0]);
    expect(said[0]).toMatch(/^@李四\s+【[^】]*最低生活保障[^】]*】/);
    await app.wechaty!.settled();
    expect(said).toHaveLength(1);
    expect(li.received).toEqual([]);
    // Only the mention was taken in, without the mention text, as the member's own conversation.
    expect((await inboundOf(app, li.contact.id)).map((m) => m.text)).toEqual(['低保咋申请']);
    expect(await conversationOf(app, other.id)).toBeNull();
    expect(await conversationOf(app, room.id)).toBeNull();
  });

  /** Puts the member's conversation where a "which one did you mean" question left it, so that "取消" leaves it. */
  async function clarifying(citizenId: string) {
    await app.db.transaction(async (tx) => {
      const conversation = await conversations.threadOf(tx, { channel: 'wechaty', citizenId }, app.clock.now);
      const state = { mode: 'clarifying', misses: 0, options: ['housing-fund-withdrawal'], section: null };
      expect(await conversations.saveState(tx, conversation, state, app.clock.now)).toBe(true);
    });
  }

  it('in a room, sends what is not public knowledge by direct message and only a pointer to the room', async () => {
    const mocker = mockerOf(app);
    const zhao = citizen(mocker, bot, { name: '赵六' });
    const room = mocker.createRoom({ topic: '社区服务群', memberIdList: [bot.id, zhao.contact.id] });
    const said = roomLog(room, bot);

    // Leaving a dialogue is this member's own business (a 'leave' decision, not public knowledge).
    await clarifying(zhao.contact.id);
    zhao.contact.say('@问政小助手 取消', [bot]).to(room);
    expect(await zhao.reply()).toMatch(/已取消/);
    await waitFor('the pointer in the room', () => said[0]);
    expect(said).toEqual([expect.stringMatching(new RegExp(`^@赵六\\s+${SENT_PRIVATELY}$`))]);
    expect((await inboundOf(app, zhao.contact.id)).map((m) => m.meta?.decision)).toEqual(['leave']);
  });

  it('tells a room member who is not a contact of the bot to add it first, and sends nothing privately', async () => {
    const mocker = mockerOf(app);
    const stranger = citizen(mocker, bot, { name: '陌生人', friend: false });
    const room = mocker.createRoom({ topic: '街道群', memberIdList: [bot.id, stranger.contact.id] });
    const said = roomLog(room, bot);

    await clarifying(stranger.contact.id);
    stranger.contact.say('@问政小助手 取消', [bot]).to(room);
    await waitFor('the room note', () => said[0]);
    expect(said).toEqual([expect.stringMatching(new RegExp(`^@陌生人\\s+${ADD_CONTACT_FIRST}$`))]);
    await app.wechaty!.settled();
    expect(stranger.received).toEqual([]);
  });

  it('answers other message types politely and ignores self-sent messages and official accounts', async () => {
    const mocker = mockerOf(app);
    const sun = citizen(mocker, bot, { name: '孙七' });
    const send = (type: types.Message) => {
      const message = mocker.MessageMock.create({
        id: `${sun.contact.id}-${type}`,
        talkerId: sun.contact.id,
        listenerId: bot.id,
        timestamp: Date.now(),
        type,
      });
      mocker.puppet.emit('message', { messageId: message.id });
    };

    send(types.Message.Image);
    expect(await sun.reply(1)).toMatch(/只能理解文字/);
    send(types.Message.RedEnvelope);
    expect(await sun.reply(2)).toBe(UNSUPPORTED_MESSAGE_REPLY);
    // The image is in the transcript; the red envelope has no message kind and is not.
    expect((await inboundOf(app, sun.contact.id)).map((m) => m.kind)).toEqual(['image']);

    const official = citizen(mocker, bot, { name: '某某发布', type: types.Contact.Official });
    official.say('今日推送：低保政策解读');
    bot.say('低保咋申请').to(sun.contact); // typed on the bot account's phone: a self-sent message
    sun.say('低保咋申请');
    await sun.reply(4); // the echo of the bot's own message is 3
    await app.wechaty!.settled();
    expect(official.received).toEqual([]);
    expect(await conversationOf(app, official.contact.id)).toBeNull();
    expect(await conversationOf(app, bot.id)).toBeNull();
    expect((await inboundOf(app, sun.contact.id)).map((m) => m.kind)).toEqual(['image', 'text']);
  });

  it("takes an operator over wechaty: the claim and the operator's text reach the citizen, the bot stays silent until release", async () => {
    const zhou = citizen(mockerOf(app), bot, { name: '周八' });
    zhou.say('低保咋申请');
    await zhou.reply(1);
    zhou.say('转人工');
    expect(await zhou.reply(2)).toMatch(/人工/);
    const conversation = (await conversationOf(app, zhou.contact.id))!;

    const { account } = await staffService.create(
      app.db,
      { name: 'wang', roles: ['operator'], displayName: '王' },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    const operator = { id: account.id, name: account.name };
    const actor = { actor: account.name, actorId: account.id, via: 'api' as const, ip: null, requestId: null };
    const thread = (await app.handoff.list('waiting', operator)).find((t) => t.conversationId === conversation.id)!;
    await app.handoff.claim(thread.id, operator, actor);
    expect(await zhou.reply(3)).toBe('人工客服 王已接入，请问有什么可以帮您？');
    await app.handoff.send(thread.id, operator, '您好，低保申请需要先到社区提交材料，我把清单发给您。', 'wechaty-test-1', actor);
    expect(await zhou.reply(4)).toBe('您好，低保申请需要先到社区提交材料，我把清单发给您。');
    // The citizen can have the text before the worker's transaction marking it sent has committed.
    const outbox = () => app.db.dataSource.getRepository(OutboxMessage).find({ where: { conversationId: conversation.id } });
    const rows = await waitFor('both outbox rows marked sent', async () => {
      const found = await outbox();
      return found.every((r) => r.status !== 'pending') ? found : null;
    });
    expect(rows.map((r) => [r.channel, r.citizenId, r.status])).toEqual([
      ['wechaty', zhou.contact.id, 'sent'],
      ['wechaty', zhou.contact.id, 'sent'],
    ]);

    // While the operator holds the thread, what the citizen says is theirs to answer.
    zhou.say('那需要带什么材料');
    await waitFor(
      'the message taken in for the operator',
      async () => (await inboundOf(app, zhou.contact.id))[2]?.meta?.decision === 'human',
    );
    await app.wechaty!.settled();
    expect(zhou.received).toHaveLength(4);

    await app.handoff.release(thread.id, operator, actor);
    expect(await zhou.reply(5)).toBe(HANDOFF_TEXTS.released);
    zhou.say('低保咋申请');
    expect(await zhou.reply(6)).toMatch(/最低生活保障/);
  });

  it('in a room, answers a case status question by direct message only', async () => {
    const mocker = mockerOf(app);
    const wu = citizen(mocker, bot, { name: '吴九' });
    const room = mocker.createRoom({ topic: '投诉反馈群', memberIdList: [bot.id, wu.contact.id] });
    const said = roomLog(room, bot);

    wu.contact.say('@问政小助手 查询工单 12345-2026-000123', [bot]).to(room);
    const dm = await wu.reply();
    await waitFor('the pointer in the room', () => said[0]);
    expect(said).toEqual([expect.stringMatching(new RegExp(`^@吴九\\s+${SENT_PRIVATELY}$`))]);
    expect((await inboundOf(app, wu.contact.id)).map((m) => m.meta)).toEqual([
      expect.objectContaining({ decision: 'intent', intent: 'ticket.status' }),
    ]);
    // The case answer (here: no such ticket of this member) went to the member alone.
    expect(dm).toMatch(/工单12345-2026-000123/);
    expect(said.join('\n')).not.toMatch(/12345-2026-000123/);
  });

  it('sends operator replies and notices only to contacts, never to a room', async () => {
    const room = mockerOf(app).createRoom({ topic: '群', memberIdList: [bot.id] });
    const said = roomLog(room, bot);
    expect(await app.wechaty!.sender.send(room.id, '您的工单已办结')).toEqual({
      status: 'undeliverable',
      reason: expect.stringMatching(/never to rooms/),
    });
    // Typed in the room on the bot account's phone afterwards: it arrives after anything the send had said.
    bot.say('（此后的消息）').to(room);
    await waitFor('the later room message', () => said.length > 0);
    expect(said).toEqual(['（此后的消息）']);
  });
});

describe('wechaty channel: a flooding member, and what a message costs the database', () => {
  let app: TestApp & { databaseUrl: string };
  let bot: ContactMock;
  beforeAll(async () => {
    app = await createTestApp({
      ...WECHATY,
      WENZHENG_CHAT_MAX_PER_MINUTE: '2',
      // No background send or knowledge poll among the statements a message is measured by.
      WENZHENG_OUTBOX_INTERVAL_MS: '600000',
      WENZHENG_KB_RELOAD_INTERVAL_MS: '3600000',
    });
    const mocker = mockerOf(app);
    bot = mocker.createContact({ name: '问政小助手' });
    mocker.login(bot);
    await waitFor('login', () => app.wechaty?.status().state === 'logged-in');
  });
  afterAll(() => app.close());

  it("counts a message in its turn's transaction, and neither stores nor answers one over the limit", async () => {
    const zhao = citizen(mockerOf(app), bot, { name: '赵六' });
    zhao.say('低保咋申请');
    await zhao.reply(1);
    const sent = await statementsOf(app, async () => {
      zhao.say('公积金怎么提取');
      await zhao.reply(2);
      await app.wechaty!.settled();
    });
    // One transaction for the count and the turn: the count comes with the conversation's read.
    const kinds = statementKinds(sent);
    expect(kinds.filter((kind) => /^(START|BEGIN) TRANSACTION$/.test(kind))).toHaveLength(1);
    if (app.db.type === 'mysql') expect(sent.slice(0, 2).map(kindOf)).toEqual(['START TRANSACTION; SELECT conversation', 'INSERT message']);
    zhao.say('还有一个问题');
    expect(await zhao.reply(3)).toBe(FLOOD_REPLY);
    expect((await inboundOf(app, zhao.contact.id)).map((m) => m.text)).toEqual(['低保咋申请', '公积金怎么提取']);
  });

  it('answers in a room from the decision the turn returns, without reading the message back', async () => {
    const mocker = mockerOf(app);
    const qian = citizen(mocker, bot, { name: '钱七' });
    const room = mocker.createRoom({ topic: '和平小区业主群', memberIdList: [bot.id, qian.contact.id] });
    const said = roomLog(room, bot);
    const sent = await statementsOf(app, async () => {
      qian.contact.say('@问政小助手 低保咋申请', [bot]).to(room);
      await waitFor('the room answer', () => said[0]);
      await app.wechaty!.settled();
    });
    expect(said[0]).toMatch(/^@钱七\s+【[^】]*最低生活保障/);
    expect(statementKinds(sent).filter((kind) => kind === 'SELECT message')).toEqual([]);
  });
});
