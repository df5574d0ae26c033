import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Message, OutboxMessage } from '../../entities';
import { computeSignature } from '../../src/channels/wechat/signature';
import { parseWeChatXml } from '../../src/channels/wechat/xml';
import { deliverToCitizen } from '../../src/conversation/deliver';
import { conversations } from '../../src/conversation/repositories';
import { knowledgeEntries, knowledgeRevision, toFileEntry } from '../../src/knowledge/repository';
import { FakeWeChatApi } from '../support/fakeWeChat';
import { createTestApp, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';

const TOKEN = 'wenzhengtoken';

function textXml(from: string, msgId: string, content: string): string {
  return `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1795600000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

/**
 * Two server instances on one MariaDB, as behind a load balancer: every guarantee that must hold
 * across instances is checked with messages split between them.
 */
describe('two instances on one database', () => {
  let fake: FakeWeChatApi;
  let a: TestApp & { databaseUrl: string };
  let b: TestApp;

  beforeAll(async () => {
    fake = await new FakeWeChatApi().start();
    const env = {
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: 'wx0123456789abcdef',
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_API_BASE: fake.baseUrl,
      WENZHENG_OUTBOX_INTERVAL_MS: '50',
      WENZHENG_KB_RELOAD_INTERVAL_MS: '100',
    };
    a = await createTestApp(env);
    b = await createTestApp(env, {}, { databaseUrl: a.databaseUrl, seed: false });
    for (const app of [a, b]) app.clock.now = new Date();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await fake.stop();
  });

  const post = (app: TestApp, body: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID().slice(0, 8);
    const query = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce });
    return request(app.callback()).post(`/wechat/official?${query}`).set('Content-Type', 'text/xml').send(body);
  };

  it('continues one conversation across instances', async () => {
    const first = await post(a, textXml('split-citizen', '61', '低保怎么申请')).expect(200);
    expect(parseWeChatXml(first.text).Content).toMatch(/最低生活保障/);
    const followUp = await post(b, textXml('split-citizen', '62', '需要带什么材料')).expect(200);
    expect(parseWeChatXml(followUp.text).Content).toMatch(/·申请材料】/);
  });

  it('processes a message and its WeChat retries once, whichever instances they reach', async () => {
    const body = textXml('retry-citizen', '9223372036854775807', '公积金怎么提取');
    const responses = await Promise.all([post(a, body), post(b, body), post(a, body), post(b, body)]);
    for (const res of responses) expect(res.status).toBe(200);
    const contents = responses.map((res) => parseWeChatXml(res.text).Content);
    expect(new Set(contents).size).toBe(1);
    expect(await a.db.dataSource.getRepository(Message).count({ where: { direction: 'in', externalId: '9223372036854775807' } })).toBe(1);
  });

  it('answers a knowledge change made on one instance from the other within seconds', async () => {
    await a.db.transaction(async (tx) => {
      const row = await knowledgeEntries.byKey(tx, 'heating-repair');
      if (!row) throw new Error('seed entry heating-repair missing');
      await knowledgeEntries.upsert(
        tx,
        { ...toFileEntry(row), answer: '供暖报修请直接拨打供热单位24小时热线（新版答复）。' },
        'test',
        a.clock.now,
      );
      await knowledgeRevision.bump(tx, a.clock.now);
    });
    const deadline = Date.now() + 5000;
    let content = '';
    for (let i = 0; Date.now() < deadline; i++) {
      content = String(parseWeChatXml((await post(b, textXml(`kb-citizen-${i}`, `7${i}`, '暖气不热了怎么报修')).expect(200)).text).Content);
      if (content.includes('新版答复')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(content).toMatch(/新版答复/);
  });

  it("sends each outbox message exactly once while both instances' workers run", async () => {
    await post(a, textXml('outbox-citizen', '81', '你好')).expect(200);
    const conversation = await a.db.transaction((tx) => conversations.findByCitizen(tx, 'wechat-official', 'outbox-citizen'));
    if (!conversation) throw new Error('conversation missing');
    await a.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++)
        await deliverToCitizen(
          tx,
          { conversationId: conversation.id, author: 'system', text: `通知 ${i}`, dedupeKey: `scaleout:${i}` },
          a.clock.now,
        );
    });
    await fake.waitFor((f) => f.sent().filter((s) => s.touser === 'outbox-citizen').length >= 20, 10000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const texts = fake
      .sent()
      .filter((s) => s.touser === 'outbox-citizen')
      .map((s) => s.content);
    expect(texts.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `通知 ${i}`).sort());
    // Each row is marked sent by the transaction after its delivery: give the last ones time to commit.
    const sentRows = () => a.db.dataSource.getRepository(OutboxMessage).count({ where: { citizenId: 'outbox-citizen', status: 'sent' } });
    await waitFor('20 rows marked sent', async () => (await sentRows()) >= 20);
    expect(await sentRows()).toBe(20);
  });
});
