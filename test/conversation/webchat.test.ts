import request from 'supertest';
import { ChatToken, Conversation, EntryAnswer, EntryFeedback, Message, UnansweredQuestion } from '../../entities';
import { createTestApp, type TestApp } from '../support/testApp';

/** Conversations through the web-chat channel, read like the chat itself. */
describe('web-chat conversations against the seeded knowledge base', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  function citizen() {
    let token: string | undefined;
    return async (text: string): Promise<string> => {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res.body.replies.map((r: { text: string }) => r.text).join('\n');
    };
  }

  it('answers with the entry title, its answer and the source document, then the asked section', async () => {
    const say = citizen();
    const answer = await say('低保咋申请');
    expect(answer).toMatch(/^【[^】]*最低生活保障[^】]*】/);
    expect(answer).toMatch(/来源：/);
    expect(await say('需要带什么材料')).toMatch(/·申请材料】/);
  });

  it('honestly does not answer what the knowledge base does not cover, and keeps the question for interpreters', async () => {
    const say = citizen();
    expect(await say('明天股票会涨吗')).toMatch(/暂时没有找到/);
    const kept = await app.db.dataSource.getRepository(UnansweredQuestion).find();
    expect(kept.map((q) => q.text)).toContain('明天股票会涨吗');
  });

  it('counts the answer and stores the citizen\'s feedback against the entry\'s version', async () => {
    const say = citizen();
    await say('公积金怎么提取');
    expect(await say('没用')).toMatch(/感谢|反馈|抱歉/);
    const answers = await app.db.dataSource.getRepository(EntryAnswer).find({ where: { entryKey: 'housing-fund-withdrawal' } });
    expect(answers).toHaveLength(1);
    const feedback = await app.db.dataSource.getRepository(EntryFeedback).find({ where: { entryKey: 'housing-fund-withdrawal' } });
    expect(feedback).toEqual([expect.objectContaining({ helpful: false, entryVersion: 1 })]);
  });
});

describe('flooding the web chat', () => {
  it('answers a polite word past the per-minute limit and does not process the message', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_MAX_PER_MINUTE: '2' });
    let token: string | undefined;
    const say = async (text: string) => {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res;
    };
    await say('你好');
    await say('低保怎么申请');
    const flooded = await say('公积金怎么提取');
    expect(flooded.body.replies).toEqual([{ type: 'text', text: expect.stringMatching(/太频繁/) }]);
    expect(flooded.headers['retry-after']).toMatch(/^\d+$/);
    expect(await app.db.dataSource.getRepository(Message).count({ where: { text: '公积金怎么提取' } })).toBe(0);
    await app.close();
  });
});

describe('concurrent messages from one citizen', () => {
  it('applies every turn exactly once, none lost to a race on the conversation state', async () => {
    const app = await createTestApp();
    const first = await request(app.callback()).post('/api/v1/chat').send({ text: '你好', id: 'c-0' }).expect(200);
    const token = first.body.token as string;
    const texts = ['低保怎么申请', '公积金怎么提取', '社保卡丢了怎么办', '居住证怎么办理', '营业执照怎么办'];
    await Promise.all(texts.map((text, i) => request(app.callback()).post('/api/v1/chat').set('Authorization', `Bearer ${token}`).send({ text, id: `c-${i + 1}` }).expect(200)));
    const conversation = await app.db.dataSource.getRepository(Conversation).findOneOrFail({ where: { channel: 'webchat' }, order: { createdAt: 'DESC' } });
    expect(conversation.stateVersion).toBe(texts.length + 1);
    const inbound = await app.db.dataSource.getRepository(Message).count({ where: { conversationId: conversation.id, direction: 'in' } });
    expect(inbound).toBe(texts.length + 1);
    await app.close();
  });
});

describe('chat tokens', () => {
  it('limits how many new conversations one address starts per hour, and counts it in the database', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_NEW_PER_HOUR: '3' }, {}, { seed: false });
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++) tokens.push((await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200)).body.token);
      const refused = await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(429);
      expect(refused.body.error.code).toBe('too_many_conversations');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // A citizen who has a conversation keeps it.
      await request(app.callback()).post('/api/v1/chat').set('Authorization', `Bearer ${tokens[0]}`).send({ text: '谢谢' }).expect(200);
      expect(await app.db.dataSource.getRepository(ChatToken).count()).toBe(3);
      app.clock.advance(60 * 60_000);
      await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
    } finally {
      await app.close();
    }
  });

  it('expire after WENZHENG_CHAT_TOKEN_DAYS and can be revoked by the citizen', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_TOKEN_DAYS: '2' }, {}, { seed: false });
    try {
      const start = async () => (await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200)).body.token as string;
      const pull = (token: string) => request(app.callback()).get('/api/v1/chat/messages').set('Authorization', `Bearer ${token}`);
      const old = await start();
      app.clock.advance(24 * 60 * 60_000);
      await pull(old).expect(200);
      app.clock.advance(25 * 60 * 60_000);
      expect((await pull(old).expect(401)).body.error.code).toBe('invalid_token');

      const mine = await start();
      await pull(mine).expect(200);
      expect((await request(app.callback()).post('/api/v1/chat/logout').set('Authorization', `Bearer ${mine}`).expect(200)).body).toEqual({ revoked: true });
      await pull(mine).expect(401);
      await request(app.callback()).post('/api/v1/chat/logout').set('Authorization', `Bearer ${mine}`).expect(401);
    } finally {
      await app.close();
    }
  });
});
