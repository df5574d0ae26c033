import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Message, OutboxMessage } from '../../entities';
import { computeSignature } from '../../src/channels/wechat/signature';
import { FakeWeChatApi } from '../support/fakeWeChat';
import { TcpProxy } from '../support/tcpProxy';
import { createTestApp, TEST_DB, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';

const TOKEN = 'wenzhengtoken';
const onMysql = TEST_DB.startsWith('mysql');

function textXml(from: string, msgId: string, content: string): string {
  return `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1795600000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

/**
 * The database goes away under the webhook: WeChat still gets an answer within its 5 seconds,
 * every accepted message is kept in the journal and answered through the send API once the
 * database is back. On MariaDB the outage is a cut TCP connection; on SQLite another process
 * holds the write lock.
 */
describe('database outage under the WeChat webhook', () => {
  let fake: FakeWeChatApi;
  let app: TestApp;
  let outage: { begin(): Promise<void>; end(): Promise<void>; dispose(): Promise<void> };

  beforeAll(async () => {
    fake = await new FakeWeChatApi().start();
  });
  afterAll(() => fake.stop());

  beforeEach(async () => {
    const env = {
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: 'wx0123456789abcdef',
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_API_BASE: fake.baseUrl,
      WENZHENG_OUTBOX_INTERVAL_MS: '50',
      WENZHENG_WECHAT_REPLY_BUDGET_MS: '500',
      // The journal seals what it holds with the data key.
      WENZHENG_DATA_KEY: randomBytes(32).toString('base64'),
    };
    if (onMysql) {
      const server = new URL(TEST_DB);
      const proxy = await new TcpProxy(server.hostname, Number(server.port || 3306)).start();
      app = await createTestApp(
        env,
        {},
        {
          connectVia: (url) => {
            const viaProxy = new URL(url);
            viaProxy.hostname = '127.0.0.1';
            viaProxy.port = String(proxy.port);
            return viaProxy.toString();
          },
        },
      );
      outage = { begin: () => proxy.cut(), end: () => proxy.restore(), dispose: () => proxy.cut() };
    } else {
      const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-outage-')), 'outage.db');
      app = await createTestApp(env, {}, { databaseUrl: `sqlite:${file}` });
      let holder: Database.Database | null = null;
      outage = {
        async begin() {
          holder = new Database(file);
          holder.exec('BEGIN EXCLUSIVE');
        },
        async end() {
          holder?.exec('ROLLBACK');
          holder?.close();
          holder = null;
        },
        async dispose() {
          holder?.close();
        },
      };
    }
    app.clock.now = new Date();
  });
  afterEach(async () => {
    await app.close();
    await outage.dispose();
  });

  /** Journal records without their settling line, over the journal's files. */
  const unsettledInJournal = () => {
    const lines = readdirSync(app.config.journalDir)
      .flatMap((name) => readFileSync(join(app.config.journalDir, name), 'utf8').split('\n'))
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id?: string; done?: string });
    const settled = new Set(lines.map((line) => line.done));
    return lines.filter((line) => line.id !== undefined && !settled.has(line.id)).length;
  };

  const post = (body: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID().slice(0, 8);
    const query = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce });
    return request(app.callback()).post(`/wechat/official?${query}`).set('Content-Type', 'text/xml').send(body);
  };

  it('acknowledges within the budget, keeps every message, and answers them all once the database is back', async () => {
    await outage.begin();
    const questions = ['低保怎么申请', '公积金怎么提取', '社保卡丢了怎么补办'];
    for (const [i, question] of questions.entries()) {
      const started = Date.now();
      const res = await post(textXml('outage-citizen', `5000${i}`, question)).expect(200);
      expect(res.text).toBe('success');
      expect(Date.now() - started).toBeLessThan(4000);
    }
    if (onMysql) expect((await request(app.callback()).get('/readyz')).status).toBe(503);
    // What waits on the local disk for the database is sealed: no citizen's words, no openid.
    const journal = readdirSync(app.config.journalDir)
      .map((name) => readFileSync(join(app.config.journalDir, name), 'utf8'))
      .join('');
    expect(journal.match(/"sealed":"wz1:/g)).toHaveLength(questions.length);
    for (const plain of [...questions, 'outage-citizen']) expect(journal).not.toContain(plain);
    await outage.end();

    await fake.waitFor((f) => f.sent().filter((s) => s.touser === 'outage-citizen').length === questions.length, 30000);
    const stored = await app.db.dataSource.getRepository(Message).find({ where: { direction: 'in' }, order: { id: 'ASC' } });
    expect(stored.map((m) => m.text)).toEqual(questions);
    const sent = fake.sent().filter((s) => s.touser === 'outage-citizen');
    expect(sent[0].content).toMatch(/最低生活保障/);

    // WeChat's retry of an already answered message sends nothing twice.
    await post(textXml('outage-citizen', '50000', '低保怎么申请')).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sent().filter((s) => s.touser === 'outage-citizen')).toHaveLength(questions.length);
    await request(app.callback()).get('/readyz').expect(200);
  });

  it('answers a message acknowledged during the outage once when WeChat pushes it again right after', async () => {
    const citizen = 'retry-citizen';
    await outage.begin();
    expect((await post(textXml(citizen, '6000001', '低保怎么申请')).expect(200)).text).toBe('success');
    // Held past the database's lock timeout, so the first delivery fails and waits in the journal.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    await outage.end();
    // WeChat's retry of the same MsgId, just after the lock was released: a passive reply or "success".
    const retry = await post(textXml(citizen, '6000001', '低保怎么申请')).expect(200);
    const passive = retry.text === 'success' ? 0 : 1;
    if (passive) expect(retry.text).toMatch(/最低生活保障/);
    // Once the journal holds nothing unsettled and the outbox nothing pending, nothing more can be sent.
    const outbox = app.db.dataSource.getRepository(OutboxMessage);
    await waitFor(
      'the journal replayed and the outbox drained',
      async () => unsettledInJournal() === 0 && (await outbox.countBy({ citizenId: citizen, status: 'pending' })) === 0,
      25_000,
    );
    expect(passive + fake.sent().filter((s) => s.touser === citizen).length).toBe(1);
  }, 30_000);
});
