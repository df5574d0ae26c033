import { Writable } from 'node:stream';
import pino from 'pino';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchedDestination, createLogger, LOG_BATCH_BYTES, LOG_FLUSH_MS } from '../../src/platform/logger';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from './support';

describe('logs', () => {
  const lines: string[] = [];
  let app: TestApp;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await createTestApp({}, { logger: createLogger('trace', sink) }, { seed: false });
  });
  afterAll(() => app.close());

  it('carry request ids but never tokens, passwords or full ID numbers', async () => {
    const password = 'log hygiene password';
    const apiToken = await addStaff(app, 'logged', ['admin', 'interpreter'], { password, phone: '13812345678' });
    const { body } = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-req-1')
      .send({ name: 'logged', password })
      .expect(200);
    await api(app)
      .post('/api/v1/auth/login')
      .send({ name: 'logged', password: `${password}!` })
      .expect(401);
    await api(app).get('/api/v1/staff?unmask=true&reason=110101199003074514').set(bearer(body.token)).expect(200);
    await api(app).get('/api/v1/audit?objectId=110101199003074514').set(bearer(apiToken)).expect(200);
    await api(app).post('/api/v1/kb/match').set(bearer(apiToken)).send({ text: '我的身份证号是110101199003074514' }).expect(200);
    await api(app)
      .get('/api/v1/auth/me')
      .set(bearer(`${apiToken.slice(0, -1)}x`))
      .expect(401);
    // A client that puts personal numbers into a path: the access log masks them.
    await api(app).get('/api/v1/me/tickets/11010119900307451X').expect(401);
    await api(app).get('/api/v1/public/entries/13912345678').expect(404);

    const log = lines.join('');
    expect(log).toContain('"requestId":"log-req-1"');
    expect(log).toContain('"path":"/api/v1/me/tickets/[redacted]"');
    for (const secret of [apiToken, body.token, password, '110101199003074514', '13812345678', '11010119900307451', '13912345678'])
      expect(log).not.toContain(secret);
  });

  it("never carry the values of a failed query, which hold citizens' words and numbers", async () => {
    const words = '我叫李四，电话13700001234';
    // What the driver throws during an outage or on a bad statement, as the inbound gate and the error middleware log it.
    const failed = await app.db.dataSource.query('SELECT id FROM no_such_table WHERE text = ?', [words]).catch((err: unknown) => err);
    const own: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        own.push(String(chunk));
        done();
      },
    });
    createLogger('info', sink).warn({ err: failed }, 'message could not be processed now; journaled for replay');
    await new Promise((resolve) => setImmediate(resolve));
    expect(own.join('')).toContain('no_such_table');
    expect(own.join('')).not.toContain('13700001234');
    expect(own.join('')).not.toContain('李四');
  });

  it('go to standard output without blocking the event loop on each line by default, in batches', () => {
    const destination = (createLogger('info') as unknown as Record<symbol, { sync: boolean; fd: number; minLength: number }>)[
      pino.symbols.streamSym
    ];
    expect({ fd: destination.fd, sync: destination.sync, minLength: destination.minLength }).toEqual({
      fd: 1,
      sync: false,
      minLength: LOG_BATCH_BYTES,
    });
  });

  it('are written many lines at a time, and a line logged alone still goes out after the flush period', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const file = join(mkdtempSync(join(tmpdir(), 'wz-log-')), 'out.log');
    const destination = batchedDestination(file);
    const stream = destination as unknown as NodeJS.EventEmitter & { end(): void };
    try {
      const logger = createLogger('info', destination);
      await new Promise((resolve) => stream.once('ready', resolve));
      const written = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
      const nextWrite = () => new Promise<number>((resolve) => stream.once('write', resolve));
      logger.info({ n: 0 }, 'alone');
      const alone = nextWrite();
      jest.advanceTimersByTime(LOG_FLUSH_MS);
      await alone;
      expect(written()).toBe(1);
      // A batch's worth of lines goes out in one write, without waiting for the period.
      const batch = nextWrite();
      for (let n = 1; n <= 100; n++) logger.info({ n }, 'one line of many');
      expect(await batch).toBeGreaterThanOrEqual(LOG_BATCH_BYTES);
      expect(written()).toBeGreaterThan(20);
    } finally {
      jest.useRealTimers();
      stream.end();
    }
  });
});
