import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conversation, Message, UnansweredQuestion } from '../../entities';
import { openDatabase } from '../../src/platform/db/database';
import { statements } from '../../src/platform/db/statements';
import { startWalCheckpointer } from '../../src/platform/db/walCheckpointer';
import { isUniqueViolation } from '../../src/platform/db/errors';
import { statementKinds, statementsOf } from '../support/statementLog';
import { createTestApp, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';

const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|SAVEPOINT|RELEASE)/;

describe('hot-path statements', () => {
  let app: TestApp & { databaseUrl: string };
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterAll(() => app.close());

  it('write rows that read back through the entities exactly as TypeORM writes them', async () => {
    const at = new Date('2026-03-01T08:09:10.123Z');
    const state = { mode: 'bot', note: '低保 "引号" \\ 反斜杠', list: [1, 2] };
    await app.db.transaction((tx) =>
      statements.insert(tx, Conversation, {
        id: 'conv-a',
        channel: 'webchat',
        citizenId: 'web:a',
        state,
        stateVersion: 3,
        inboundMinute: 29_533_929,
        inboundCount: 2,
        lastActivityAt: at,
        createdAt: at,
      }),
    );
    const viaTypeOrm = await app.db.dataSource.getRepository(Conversation).findOneByOrFail({ id: 'conv-a' });
    expect(viaTypeOrm).toEqual({
      id: 'conv-a',
      channel: 'webchat',
      citizenId: 'web:a',
      state,
      stateVersion: 3,
      inboundMinute: 29_533_929,
      inboundCount: 2,
      lastActivityAt: at,
      createdAt: at,
    });

    const id = await app.db.transaction((tx) =>
      statements.insert(tx, Message, {
        conversationId: 'conv-a',
        direction: 'in',
        author: 'citizen',
        externalId: '9223372036854775807',
        kind: 'text',
        text: '你好',
        inReplyTo: null,
        meta: null,
        createdAt: at,
      }),
    );
    const message = await app.db.dataSource.getRepository(Message).findOneByOrFail({ id });
    expect(message).toMatchObject({ externalId: '9223372036854775807', text: '你好', inReplyTo: null, meta: null, createdAt: at });

    await app.db.transaction((tx) =>
      statements.insert(tx, UnansweredQuestion, {
        text: '问题',
        terms: ['问题'],
        channel: 'webchat',
        conversationId: 'conv-a',
        askedAt: at,
      }),
    );
    expect((await app.db.dataSource.getRepository(UnansweredQuestion).findOneByOrFail({ conversationId: 'conv-a' })).terms).toEqual([
      '问题',
    ]);
  });

  it('read rows written through TypeORM the way TypeORM reads them', async () => {
    const at = new Date('2026-04-02T01:02:03.456Z');
    await app.db.dataSource.getRepository(Conversation).insert({
      id: 'conv-b',
      channel: 'wechat-official',
      citizenId: 'o-b',
      state: { mode: 'human' },
      stateVersion: 0,
      lastActivityAt: at,
      createdAt: at,
    });
    const found = await app.db.transaction((tx) => statements.findOne(tx, Conversation, { channel: 'wechat-official', citizenId: 'o-b' }));
    expect(found).toEqual(await app.db.dataSource.getRepository(Conversation).findOneByOrFail({ id: 'conv-b' }));
    expect(
      await app.db.transaction((tx) => statements.findOne(tx, Conversation, { channel: 'wechat-official', citizenId: 'nobody' })),
    ).toBeNull();
  });

  it('give conversations ids that grow with the time they began, so new threads append to the indexes', async () => {
    for (let i = 0; i < 8; i++) {
      await app.conversations.handleInbound({
        channel: 'webchat',
        citizenId: `web:order-${i}`,
        externalId: `m-${i}`,
        kind: 'text',
        text: '你好',
        receivedAt: app.clock.now,
      });
      app.clock.advance(1_000);
    }
    const rows = await app.db.dataSource.getRepository(Conversation).find({ order: { createdAt: 'ASC' } });
    const ids = rows.filter((c) => c.citizenId.startsWith('web:order-')).map((c) => c.id);
    expect(ids).toHaveLength(8);
    expect([...ids].sort()).toEqual(ids);
  });

  it('update only the rows matching every condition and say how many changed', async () => {
    const at = new Date('2026-05-03T00:00:00.000Z');
    await app.db.dataSource
      .getRepository(Conversation)
      .insert({ id: 'conv-c', channel: 'webchat', citizenId: 'web:c', state: {}, stateVersion: 5, lastActivityAt: at, createdAt: at });
    const stale = await app.db.transaction((tx) =>
      statements.update(tx, Conversation, { stateVersion: 6 }, { id: 'conv-c', stateVersion: 4 }),
    );
    const current = await app.db.transaction((tx) =>
      statements.update(tx, Conversation, { state: { mode: 'bot' }, stateVersion: 6 }, { id: 'conv-c', stateVersion: 5 }),
    );
    expect([stale, current]).toEqual([0, 1]);
    expect(await app.db.dataSource.getRepository(Conversation).findOneByOrFail({ id: 'conv-c' })).toMatchObject({
      state: { mode: 'bot' },
      stateVersion: 6,
    });
  });

  const conversation = (id: string, at: Date) => ({
    id,
    channel: 'webchat',
    citizenId: `web:${id}`,
    state: { mode: 'bot' },
    stateVersion: 1,
    inboundMinute: 0,
    inboundCount: 0,
    lastActivityAt: at,
    createdAt: at,
  });

  it('write a deferred row before any later statement of the transaction, also one of TypeORM, and commit it', async () => {
    const at = new Date('2026-05-05T06:07:08.901Z');
    const seen = await app.db.transaction(async (tx) => {
      await statements.insertDeferred(tx, Conversation, conversation('conv-e', at));
      const byStatement = await statements.findOne(tx, Conversation, { id: 'conv-e' });
      await statements.insertDeferred(tx, UnansweredQuestion, {
        text: '问题',
        terms: ['问题'],
        channel: 'webchat',
        conversationId: 'conv-e',
        askedAt: at,
      });
      const byTypeOrm = await tx.count(UnansweredQuestion, { where: { conversationId: 'conv-e' } });
      await statements.insertDeferred(tx, Message, {
        conversationId: 'conv-e',
        direction: 'out',
        author: 'bot',
        kind: 'text',
        text: '答复',
        createdAt: at,
      });
      return { byStatement, byTypeOrm };
    });
    expect(seen).toEqual({ byStatement: conversation('conv-e', at), byTypeOrm: 1 });
    expect(await app.db.dataSource.getRepository(Message).findOneByOrFail({ conversationId: 'conv-e' })).toMatchObject({
      text: '答复',
      createdAt: at,
    });
  });

  it('undo the whole transaction when a deferred row fails, even when it is sent with the COMMIT', async () => {
    const at = new Date('2026-05-06T00:00:00.000Z');
    await app.db.transaction((tx) => statements.insert(tx, Conversation, conversation('conv-f', at)));
    const failed = app.db.transaction(async (tx) => {
      await statements.insert(tx, Conversation, conversation('conv-g', at));
      await statements.insertDeferred(tx, Conversation, conversation('conv-f', at));
    });
    expect(
      isUniqueViolation(
        await failed.then(
          () => null,
          (err: unknown) => err,
        ),
      ),
    ).toBe(true);
    expect(await app.db.dataSource.getRepository(Conversation).findOneBy({ id: 'conv-g' })).toBeNull();
  });

  it('send nothing for a transaction that neither reads nor writes', async () => {
    const sent = await statementsOf(app, () => app.db.transaction(async () => 'nothing'));
    // SQLite's group commit opens its batch and each member's savepoint in-process: no round trip either way.
    expect(statementKinds(sent).filter((kind) => !TRANSACTION_CONTROL.test(kind))).toEqual([]);
    if (app.db.type === 'mysql') expect(sent).toEqual([]);
  });

  it('send a deferred row with the next statement on MySQL, in one round trip', async () => {
    const at = new Date('2026-05-07T00:00:00.000Z');
    const sent = await statementsOf(app, () =>
      app.db.transaction(async (tx) => {
        await statements.insertDeferred(tx, Conversation, conversation('conv-h', at));
        await statements.findOne(tx, Conversation, { id: 'conv-h' });
      }),
    );
    expect(statementKinds(sent).filter((kind) => !TRANSACTION_CONTROL.test(kind))).toEqual(['INSERT conversation', 'SELECT conversation']);
    if (app.db.type === 'mysql') expect(sent).toHaveLength(2);
  });

  it('write an undefined value as NULL, as TypeORM does (MySQL prepared statements refuse undefined)', async () => {
    const at = new Date('2026-05-04T00:00:00.000Z');
    const id = await app.db.transaction((tx) =>
      statements.insert(tx, Message, {
        conversationId: 'conv-d',
        direction: 'in',
        author: 'citizen',
        externalId: 'd-1',
        kind: 'text',
        text: '你好',
        meta: { decision: 'answer' },
        createdAt: at,
      }),
    );
    const changed = await app.db.transaction((tx) => statements.update(tx, Message, { meta: undefined }, { id }));
    expect(changed).toBe(1);
    expect((await app.db.dataSource.getRepository(Message).findOneByOrFail({ id })).meta).toBeNull();
  });
});

describe('the embedded SQLite database', () => {
  it('runs in WAL mode, syncs at checkpoints, not on every commit, and keeps temporary journals in memory', async () => {
    const db = await openDatabase({ type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'wenzheng-sqlite-')), 'test.db') });
    expect(await db.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    // 1 = NORMAL (2 would be FULL, an fsync per commit).
    expect(await db.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    // 2 = MEMORY: group commit's savepoint journals do not go through temporary files.
    expect(await db.dataSource.query('PRAGMA temp_store')).toEqual([{ temp_store: 2 }]);
    await db.close();
  });
});

describe('checkpoints of the embedded SQLite database', () => {
  it('run in a worker thread, not on the connection that serves requests', async () => {
    const results: { log: number; checkpointed: number }[] = [];
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-sqlite-')), 'test.db');
    const db = await openDatabase({ type: 'sqlite', file }, { checkpointIntervalMs: 20, onCheckpoint: (result) => results.push(result) });
    await db.migrate();
    expect(await db.dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
    for (let i = 0; i < 50; i++) {
      await db.transaction((tx) =>
        statements.insert(tx, UnansweredQuestion, {
          text: `问题${i}`,
          terms: [],
          channel: 'webchat',
          conversationId: 'c',
          askedAt: new Date(),
        }),
      );
    }
    await waitFor('a checkpoint of the whole log', () => results.some((r) => r.log > 0 && r.checkpointed === r.log));
    expect(results.some((r) => r.log > 0 && r.checkpointed === r.log)).toBe(true);
    await db.close();
  });

  it('let a process that has nothing else to do finish closing the database and go on', () => {
    const compiled = join(__dirname, '..', '..', 'dist', 'src', 'platform', 'db', 'database.js');
    if (!existsSync(compiled)) throw new Error('the compiled code is missing: run `npm run build` (npm install does) before the tests');
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-sqlite-')), 'test.db');
    const script = `require(${JSON.stringify(compiled)}).openDatabase({ type: 'sqlite', file: ${JSON.stringify(file)} }).then((db) => db.close()).then(() => console.log('closed'))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()).toBe('closed');
  });
});

describe('the checkpoint worker', () => {
  it('reports a failure once and stops, so that the connection can take the checkpoints back', async () => {
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer({
      file: join(tmpdir(), 'no-such-folder-wenzheng', 'x.db'),
      intervalMs: 10,
      onError: (message) => errors.push(message),
    });
    await waitFor('the failure report', () => errors.length > 0);
    await checkpointer.stop();
    expect(errors).toHaveLength(1);
  });

  it('hands checkpoints back to the connection when it fails', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-sqlite-')), 'test.db');
    const failures: string[] = [];
    let fail: (message: string) => void = () => undefined;
    const db = await openDatabase(
      { type: 'sqlite', file },
      {
        logger: { error: (_: unknown, message: string) => void failures.push(message) } as never,
        // A worker that fails when told to, as the real one does when its connection cannot checkpoint.
        startCheckpointer: (options) => {
          fail = options.onError;
          return { stop: async () => undefined };
        },
      },
    );
    await db.migrate();
    expect(await db.dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
    fail('database is locked');
    expect(failures).toEqual([expect.stringMatching(/background checkpoint failed/)]);
    expect(await db.dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 1000 }]);
    await db.close();
  });
});
