import request from 'supertest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { loadConfig } from '../../config';
import { createTestApp, freshDatabaseUrl, type TestApp } from '../support/testApp';
import { Message } from '../../entities';

describe('HTTP foundation and the web-chat channel', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz and /readyz when the database is migrated', async () => {
    await request(app.callback()).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app.callback()).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ database: 'ok', migrations: 'ok', knowledge: 'ok' });
  });

  it('starts a conversation, returns a token and stores both messages', async () => {
    const res = await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.replies.length).toBeGreaterThan(0);
    expect(res.body.replies[0]).toEqual({ type: 'text', text: expect.any(String) });
    const stored = await app.db.dataSource.getRepository(Message).find({ order: { id: 'ASC' } });
    const mine = stored.slice(-1 - res.body.replies.length);
    expect(mine[0]).toMatchObject({ direction: 'in', author: 'citizen', text: '你好' });
    expect(mine[1]).toMatchObject({ direction: 'out', author: 'bot', inReplyTo: mine[0].id });
  });

  it("continues the same conversation with the token and never someone else's with a forged one", async () => {
    const first = await request(app.callback()).post('/api/v1/chat').send({ text: '第一句' }).expect(200);
    const again = await request(app.callback())
      .post('/api/v1/chat')
      .set('Authorization', `Bearer ${first.body.token}`)
      .send({ text: '第二句' })
      .expect(200);
    expect(again.body.token).toBe(first.body.token);
    // A forged token is refused, never taken as a new conversation in silence (the client starts over knowingly).
    const forged = await request(app.callback())
      .post('/api/v1/chat')
      .set('Authorization', `Bearer ${first.body.token.slice(0, -2)}xx`)
      .send({ text: '第三句' })
      .expect(401);
    expect(forged.body.error.code).toBe('invalid_token');

    const rows = await app.db.dataSource.getRepository(Message).find({ where: { direction: 'in' } });
    const conversationOf = (text: string) => rows.find((m) => m.text === text)?.conversationId;
    expect(conversationOf('第二句')).toBe(conversationOf('第一句'));
    expect(conversationOf('第三句')).toBeUndefined();
  });

  it('answers a retried message (same client id) once, with the same replies', async () => {
    const first = await request(app.callback()).post('/api/v1/chat').send({ text: '重复的问题', id: 'client-1' }).expect(200);
    const retry = await request(app.callback())
      .post('/api/v1/chat')
      .set('Authorization', `Bearer ${first.body.token}`)
      .send({ text: '重复的问题', id: 'client-1' })
      .expect(200);
    expect(retry.body.replies).toEqual(first.body.replies);
    const count = await app.db.dataSource.getRepository(Message).count({ where: { text: '重复的问题' } });
    expect(count).toBe(1);
  });

  it('refuses a client id reused for another text with 409 naming id, and a retry with a phone number in it stays a retry', async () => {
    const send = (body: object, token?: string) => {
      const req = request(app.callback()).post('/api/v1/chat');
      return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
    };
    // The stored text is masked, so the retry is recognised by what was sent, not by what was stored.
    const first = await send({ text: '低保怎么申请，我的电话13912345678', id: 'client-2' }).expect(200);
    const token = first.body.token as string;
    const retry = await send({ text: '低保怎么申请，我的电话13912345678', id: 'client-2' }, token).expect(200);
    expect(retry.body.replies).toEqual(first.body.replies);
    const reused = await send({ text: '公积金怎么提取', id: 'client-2' }, token).expect(409);
    expect(reused.body.error).toMatchObject({ code: 'message_id_reused', field: 'id' });
    expect(reused.body.error.message).toMatch(/没有收到/);
    expect(await app.db.dataSource.getRepository(Message).count({ where: { text: '公积金怎么提取' } })).toBe(0);
    // Sent again with a new id, it is taken and answered.
    const again = await send({ text: '公积金怎么提取', id: 'client-3' }, token).expect(200);
    expect(again.body.replies[0].text).toMatch(/公积金/);
  });

  it.each([
    [{}, 'text'],
    [{ text: '   ' }, 'text'],
    [{ text: 42 }, 'text'],
    [{ text: 'x'.repeat(2001) }, 'text'],
    [{ text: '你好', id: 'bad id!' }, 'id'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    const res = await request(app.callback()).post('/api/v1/chat').send(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await request(app.callback()).post('/api/v1/chat').set('Content-Type', 'application/json').send('{"text":').expect(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const big = await request(app.callback())
      .post('/api/v1/chat')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(big.body.error.code).toBe('body_too_large');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app.callback()).get('/nowhere').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('exposes request counts and latency by matched route, with the real error status', async () => {
    await request(app.callback()).post('/api/v1/chat').send({}).expect(400);
    const text = (await request(app.callback()).get('/metrics').expect(200)).text;
    expect(text).toMatch(/wenzheng_http_requests_total\{method="POST",route="\/api\/v1\/chat",status="400"\} \d+/);
    expect(text).toMatch(/wenzheng_http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/api\/v1\/chat"\}/);
  });

  it('reports not ready when the database is gone', async () => {
    const other = await createTestApp();
    await other.db.close();
    const res = await request(other.callback()).get('/readyz').expect(503);
    expect(res.body.status).toBe('not ready');
    await other.close();
  });

  // The probe used to ask for pending migrations, which creates TypeORM's migrations table and raced the
  // migration run (a replica exited with 'table already exists' on MariaDB).
  it('answers "starting" before start() without touching the database', async () => {
    const database = await freshDatabaseUrl();
    const journal = mkdtempSync(join(tmpdir(), 'wenzheng-journal-'));
    const env = { NODE_ENV: 'test', WENZHENG_LOG_LEVEL: 'silent', WENZHENG_DB: database.url, WENZHENG_JOURNAL_DIR: journal };
    const starting = await createApp(loadConfig(env));
    try {
      const res = await request(starting.callback()).get('/readyz').expect(503);
      expect(res.body.status).toBe('starting');
      const runner = starting.db.dataSource.createQueryRunner();
      expect(await runner.hasTable('migrations')).toBe(false);
      await runner.release();
      await starting.start({ seed: false });
      await request(starting.callback()).get('/readyz').expect(200);
    } finally {
      await starting.close();
      await database.drop();
    }
  });
});

describe('a method a route does not take', () => {
  it('answers 405 with a JSON error and the allowed methods', async () => {
    const app = await createTestApp({}, {}, { seed: false });
    const res = await request(app.callback()).put('/api/v1/chat').send({}).expect(405);
    expect((await request(app.callback()).purge('/api/v1/chat').expect(405)).body.error.code).toBe('method_not_allowed');
    // Metrics see the status the caller got, not the router's 501.
    expect((await request(app.callback()).get('/metrics')).text).toMatch(
      /wenzheng_http_requests_total\{method="PURGE",route="unmatched",status="405"\} 1/,
    );
    expect(res.body.error.code).toBe('method_not_allowed');
    expect(res.headers.allow).toMatch(/POST/);
    await app.close();
  });
});
