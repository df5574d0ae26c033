import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { computeSignature } from '../../src/channels/wechat/signature';
import { FakeWeChatApi } from '../support/fakeWeChat';
import { freePort } from '../support/freePort';
import { connectToServer, freshDatabaseUrl, TEST_DB } from '../support/testApp';

const TOKEN = 'wenzhengtoken';
const BIN = join(__dirname, '..', '..', 'bin', 'wenzheng');

/** Another client holds the write lock the server needs (SQLite: an exclusive transaction; MySQL: a table lock). */
async function holdWrites(url: string): Promise<() => Promise<void>> {
  if (url.startsWith('sqlite:')) {
    const holder = new Database(url.slice('sqlite:'.length));
    holder.exec('BEGIN EXCLUSIVE');
    return async () => {
      holder.exec('ROLLBACK');
      holder.close();
    };
  }
  const conn = await connectToServer(url, true);
  await conn.query('LOCK TABLES message WRITE');
  return async () => {
    await conn.query('UNLOCK TABLES');
    await conn.end();
  };
}

/**
 * kill -9 under load, on the real compiled server: after a restart nothing that was acknowledged
 * is lost and nothing is sent twice.
 */
describe('kill -9 during load', () => {
  let fake: FakeWeChatApi;
  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js')))
      throw new Error('the compiled server is missing: run `npm run build` (npm install does) before the tests');
    fake = await new FakeWeChatApi().start();
  });
  afterAll(() => fake.stop());

  it('keeps every acknowledged message and sends each reply once', async () => {
    const database = await freshDatabaseUrl();
    const url = TEST_DB.startsWith('mysql') ? database.url : `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-kill-')), 'kill.db')}`;
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      WENZHENG_DB: url,
      WENZHENG_PORT: String(port),
      WENZHENG_HOST: '127.0.0.1',
      WENZHENG_LOG_LEVEL: 'silent',
      WENZHENG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'wenzheng-kill-journal-')),
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: 'wx0123456789abcdef',
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_API_BASE: fake.baseUrl,
      WENZHENG_OUTBOX_INTERVAL_MS: '50',
      // Every answer goes through the journal and the send API, so the kill catches messages in flight.
      WENZHENG_WECHAT_REPLY_BUDGET_MS: '100',
    };
    const start = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: 'ignore' });
      for (let i = 0; i < 200; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return child;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('server did not become ready');
    };
    const post = (citizen: string, msgId: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomUUID().slice(0, 8);
      const query = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce });
      const xml = `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[${citizen}]]></FromUserName><CreateTime>1795600000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[公积金怎么提取]]></Content><MsgId>${msgId}</MsgId></xml>`;
      return fetch(`http://127.0.0.1:${port}/wechat/official?${query}`, {
        method: 'POST',
        body: xml,
        headers: { 'content-type': 'text/xml' },
      });
    };

    let server = await start();
    // Writes are held while the load runs, so messages are in flight (journaled, not yet stored) when the kill comes.
    const release = await holdWrites(url);
    // Acknowledged with "success": the answer is owed through the send API. With XML: answered already.
    const acknowledged: string[] = [];
    const answered: string[] = [];
    const load = Array.from({ length: 20 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 5));
      try {
        const res = await post(`kill-citizen-${i}`, `${900 + i}`);
        if (res.status === 200) ((await res.text()) === 'success' ? acknowledged : answered).push(`kill-citizen-${i}`);
      } catch {
        // the connection died with the server: not acknowledged, WeChat would retry
      }
    });
    await Promise.all(load);
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await release();
    expect(acknowledged.length).toBeGreaterThan(0);

    server = await start();
    try {
      await fake.waitFor((f) => acknowledged.every((citizen) => f.sent().some((s) => s.touser === citizen)), 20000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sends = fake.sent().filter((s) => s.touser.startsWith('kill-citizen-'));
      const perCitizen = new Map<string, number>();
      for (const s of sends) perCitizen.set(s.touser, (perCitizen.get(s.touser) ?? 0) + 1);
      expect([...perCitizen.values()].every((count) => count === 1)).toBe(true);
      for (const citizen of answered) expect(perCitizen.has(citizen)).toBe(false);
      if (url.startsWith('sqlite:')) {
        const db = new Database(url.slice('sqlite:'.length), { readonly: true });
        const stored = db.prepare("SELECT COUNT(*) AS n FROM message WHERE direction = 'in'").get() as { n: number };
        db.close();
        expect(stored.n).toBeGreaterThanOrEqual(acknowledged.length + answered.length);
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await database.drop();
    }
  }, 60000);
});
