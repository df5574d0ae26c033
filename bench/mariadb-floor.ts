/**
 * What a webhook message costs the MariaDB server at least: `npm run bench:mariadb-floor`.
 *
 * On a scratch database migrated like the app's, it writes the rows one answered message writes today
 * (the WeChat nonce, the citizen's rate counter, then in the turn's transaction: the conversation
 * looked up and created, the inbound message, the entry's answer count, the review queue's record
 * and the reply), with the values the server writes, in several shapes, from 8 connections. Without
 * the app around it, the database server's CPU time per message (from /proc) is its floor for each
 * shape: as before session 14 (three commits), as the server writes now (the nonce and the counter in
 * the turn's transaction, one commit; an encrypted message spends no nonce since session 15), without
 * the entry's answer row, fewer round trips (the same statements sent together) and both; the flood count
 * on the conversation's row instead of rate_counter (since session 16); START TRANSACTION sent with the lookup and
 * the writes whose result the turn does not need with the COMMIT (since session 17); and that turn without the entry's
 * answer row, the question's record counting the answer (since session 19). A read-only turn (the conversation's
 * lookup alone) is the reference of one round trip.
 *
 *   WENZHENG_BENCH_MYSQL=mysql://user:pass@127.0.0.1:3306 npm run bench:mariadb-floor
 *
 * WENZHENG_BENCH_MESSAGES sets the messages per shape (default 3000); each shape runs twice, alternating. Beside the
 * server's CPU, the benchmark's own (mysql2 sending and reading the shape: the driver's share of an app's CPU).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createConnection, type Connection, type ResultSetHeader } from 'mysql2/promise';
import { parseDatabaseUrl } from '../config';
import { openDatabase } from '../src/platform/db/database';
import { scratchDatabase } from '../test/support/testApp';
import { cpuMs, databaseServerPid } from './processCpu';

const SERVER = process.env.WENZHENG_BENCH_MYSQL;
const MESSAGES = Number(process.env.WENZHENG_BENCH_MESSAGES ?? 3000);
const CONNECTIONS = 8;

const QUESTION = '申请特困供养需要符合什么条件';
const REPLY = `【特困人员救助供养·受理条件】\n${'同时符合无劳动能力、无生活来源、无法定义务人三个条件。'.repeat(4)}\n来源：《社会救助暂行办法》`;
const META = JSON.stringify({ decision: 'answer', score: 0.72, entry: 'extreme-poverty-support', section: 'conditions' });
const STATE = JSON.stringify({ mode: 'bot', misses: 0, lastAnswer: { entry: 'extreme-poverty-support', section: 'conditions' } });

const NONCE = 'INSERT INTO wechat_nonce (channel, nonce, signed_at, body_hash, expires_at) VALUES (?, ?, ?, ?, NOW())';
const RATE =
  'INSERT INTO rate_counter (bucket, window_start, hits, expires_at) VALUES (?, NOW(), LAST_INSERT_ID(1), NOW()) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)';
const LOOKUP = 'SELECT id, state, state_version FROM conversation WHERE channel = ? AND citizen_id = ? LIMIT 1';
const CREATE =
  'INSERT INTO conversation (id, channel, citizen_id, state, state_version, last_activity_at, created_at) VALUES (?, ?, ?, ?, 1, NOW(3), NOW(3))';
/** The conversation created with the flood count of its first message (session 16). */
const CREATE_COUNTED =
  'INSERT INTO conversation (id, channel, citizen_id, state, state_version, inbound_minute, inbound_count, last_activity_at, created_at) VALUES (?, ?, ?, ?, 1, ?, 1, NOW(3), NOW(3))';
const INBOUND =
  "INSERT INTO message (conversation_id, direction, author, external_id, kind, text, meta, created_at) VALUES (?, 'in', 'citizen', ?, 'text', ?, ?, NOW(3))";
const ANSWERED = "INSERT INTO entry_answer (entry_key, channel, answered_at) VALUES ('extreme-poverty-support', ?, NOW(3))";
const ASKED =
  "INSERT INTO asked_question (conversation_id, channel, text, terms, decision, entry_key, section, match_result, asked_at) VALUES (?, ?, ?, '[\"申请\",\"特困供养\",\"条件\"]', 'answer', 'extreme-poverty-support', 'conditions', '{}', NOW(3))";
const REPLIED =
  "INSERT INTO message (conversation_id, direction, author, kind, text, in_reply_to, created_at) VALUES (?, 'out', 'bot', 'text', ?, ?, NOW(3))";

type Shape = (c: Connection, n: string) => Promise<void>;

/** The turn's writes after the lookup in two round trips, ending with the commit. */
async function writeTurnBatched(c: Connection, n: string): Promise<void> {
  const id = randomUUID();
  const [written] = await c.query<ResultSetHeader[]>(`${CREATE}; ${INBOUND}`, [id, 'wechat-official', n, STATE, id, n, QUESTION, META]);
  await c.query(`${ANSWERED}; ${ASKED}; ${REPLIED}; COMMIT`, [
    'wechat-official',
    id,
    'wechat-official',
    QUESTION,
    id,
    REPLY,
    written[1]!.insertId,
  ]);
}

/**
 * The statements one by one: the nonce and the counter each committed on their own before the turn, or
 * inside it after the conversation's lookup (as the server writes them now); with or without the entry's
 * answer row.
 */
async function oneByOne(
  c: Connection,
  n: string,
  shape: { checksInTurn: boolean; answerRow: boolean; nonce?: boolean; countOnConversation?: boolean },
): Promise<void> {
  const id = randomUUID();
  const checks = async () => {
    if (shape.nonce !== false) await c.execute(NONCE, ['wechat-official', n, '1796577805', n.padEnd(64, '0')]);
    if (!shape.countOnConversation) await c.execute(RATE, [`chat:${n}`]);
  };
  if (!shape.checksInTurn) await checks();
  await c.query('START TRANSACTION');
  await c.execute(LOOKUP, ['wechat-official', n]);
  if (shape.checksInTurn) await checks();
  if (shape.countOnConversation) await c.execute(CREATE_COUNTED, [id, 'wechat-official', n, STATE, Math.floor(Date.now() / 60_000)]);
  else await c.execute(CREATE, [id, 'wechat-official', n, STATE]);
  const [inbound] = await c.execute<ResultSetHeader>(INBOUND, [id, n, QUESTION, META]);
  if (shape.answerRow) await c.execute(ANSWERED, ['wechat-official']);
  await c.execute(ASKED, [id, 'wechat-official', QUESTION]);
  await c.execute(REPLIED, [id, REPLY, inbound.insertId]);
  await c.query('COMMIT');
}

/**
 * As the server sends a turn since session 17: START TRANSACTION with the conversation's lookup, the writes
 * whose result the turn needs one by one (prepared), and those it does not with the COMMIT; since session 19
 * without the entry's answer row.
 */
async function deferred(c: Connection, n: string, shape: { nonce: boolean; answerRow: boolean }): Promise<void> {
  const id = randomUUID();
  await c.query(`START TRANSACTION;\n${LOOKUP}`, ['wechat-official', n]);
  if (shape.nonce) await c.execute(NONCE, ['wechat-official', n, '1796577805', n.padEnd(64, '0')]);
  await c.execute(CREATE_COUNTED, [id, 'wechat-official', n, STATE, Math.floor(Date.now() / 60_000)]);
  const [inbound] = await c.execute<ResultSetHeader>(INBOUND, [id, n, QUESTION, META]);
  const rest = [id, 'wechat-official', QUESTION, id, REPLY, inbound.insertId];
  if (shape.answerRow) await c.query(`${ANSWERED};\n${ASKED};\n${REPLIED};\nCOMMIT`, ['wechat-official', ...rest]);
  else await c.query(`${ASKED};\n${REPLIED};\nCOMMIT`, rest);
}

const SHAPES: Record<string, { says: string; run: Shape }> = {
  threeCommits: {
    says: '10 round trips, 3 commits (nonce and counter each on their own, then the turn), as the server did before session 14',
    run: (c, n) => oneByOne(c, n, { checksInTurn: false, answerRow: true }),
  },
  inTheTurn: {
    says: 'the same statements one by one, the nonce and the counter inside the turn: 10 round trips, 1 commit, as the server does now',
    run: (c, n) => oneByOne(c, n, { checksInTurn: true, answerRow: true }),
  },
  countOnConversation: {
    says: 'the flood count on the conversation row instead of rate_counter, as the server writes a plaintext message since session 16: 9 round trips, 1 commit',
    run: (c, n) => oneByOne(c, n, { checksInTurn: true, answerRow: true, countOnConversation: true }),
  },
  encryptedCountOnConversation: {
    says: 'an encrypted message since session 16: no signed URL, the flood count on the conversation row: 8 round trips, 1 commit',
    run: (c, n) => oneByOne(c, n, { checksInTurn: true, answerRow: true, nonce: false, countOnConversation: true }),
  },
  deferred: {
    says: 'a plaintext message since session 17: START with the lookup, the answer, the question and the reply with the COMMIT: 5 round trips, 1 commit',
    run: (c, n) => deferred(c, n, { nonce: true, answerRow: true }),
  },
  encryptedDeferred: {
    says: 'an encrypted message since session 17: 4 round trips, 1 commit',
    run: (c, n) => deferred(c, n, { nonce: false, answerRow: true }),
  },
  countedOnce: {
    says: "a plaintext message since session 19: the question's record counts the answer, no entry_answer row: 5 round trips, 5 rows",
    run: (c, n) => deferred(c, n, { nonce: true, answerRow: false }),
  },
  encryptedCountedOnce: {
    says: 'an encrypted message since session 19: 4 round trips, 4 rows',
    run: (c, n) => deferred(c, n, { nonce: false, answerRow: false }),
  },
  encrypted: {
    says: 'an encrypted (safe-mode) message as the server writes it since session 15: no signed URL spent, 9 round trips, 1 commit',
    run: (c, n) => oneByOne(c, n, { checksInTurn: true, answerRow: true, nonce: false }),
  },
  withoutAnswerRow: {
    says: 'as before session 14 without the entry_answer row: 9 round trips, 3 commits',
    run: (c, n) => oneByOne(c, n, { checksInTurn: false, answerRow: false }),
  },
  batched: {
    says: 'the same statements and commits sent in 4 round trips',
    async run(c, n) {
      await c.query(`${NONCE}; ${RATE}`, ['wechat-official', n, '1796577805', n.padEnd(64, '0'), `chat:${n}`]);
      await c.query(`START TRANSACTION; ${LOOKUP}`, ['wechat-official', n]);
      await writeTurnBatched(c, n);
    },
  },
  oneCommit: {
    says: 'everything in one transaction, 3 round trips, 1 commit',
    async run(c, n) {
      await c.query(`START TRANSACTION; ${NONCE}; ${RATE}; ${LOOKUP}`, [
        'wechat-official',
        n,
        '1796577805',
        n.padEnd(64, '0'),
        `chat:${n}`,
        'wechat-official',
        n,
      ]);
      await writeTurnBatched(c, n);
    },
  },
  lookupOnly: {
    says: "the conversation's lookup alone: one round trip, no write (reference)",
    async run(c, n) {
      await c.execute(LOOKUP, ['wechat-official', n]);
    },
  },
};

async function main(): Promise<void> {
  if (!SERVER) throw new Error('set WENZHENG_BENCH_MYSQL=mysql://user:pass@host:port (a server on this machine)');
  const pid = await databaseServerPid(SERVER);
  if (pid === null) throw new Error('the MariaDB server must run on this machine: its pid file is read for its CPU time');
  const scratch = await scratchDatabase(SERVER, 'wz_floor');
  const config = parseDatabaseUrl(scratch.url);
  const db = await openDatabase(config);
  await db.migrate();
  await db.close();
  const url = new URL(scratch.url);
  const connections = await Promise.all(
    Array.from({ length: CONNECTIONS }, () =>
      createConnection({
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
        multipleStatements: true,
      }),
    ),
  );
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${MESSAGES} messages per shape, ${CONNECTIONS} connections`,
  );
  const results: Record<string, number[]> = {};
  const clientResults: Record<string, number[]> = {};
  try {
    for (let round = 0; round < 2; round++) {
      for (const [name, shape] of Object.entries(SHAPES)) {
        let next = 0;
        const before = cpuMs(pid)!;
        const client = process.cpuUsage();
        const started = Date.now();
        await Promise.all(
          connections.map(async (c) => {
            while (next < MESSAGES) await shape.run(c, `${name}-${round}-${next++}`);
          }),
        );
        const perMessage = (cpuMs(pid)! - before) / MESSAGES;
        const { user, system } = process.cpuUsage(client);
        const clientPerMessage = (user + system) / 1000 / MESSAGES;
        (results[name] ??= []).push(perMessage);
        (clientResults[name] ??= []).push(clientPerMessage);
        console.log(
          `${name}: ${perMessage.toFixed(3)} ms of database CPU per message, ${clientPerMessage.toFixed(3)} ms of the client's (mysql2), ${Date.now() - started} ms wall`,
        );
      }
    }
  } finally {
    await Promise.all(connections.map((c) => c.end()));
    await scratch.drop();
  }
  const runs = (list: number[]) => list.map((ms) => `${ms.toFixed(2)} ms`).join(', ');
  console.log("\n| shape | database CPU per message (2 runs) | the client's (mysql2) |\n|---|---|---|");
  for (const [name, shape] of Object.entries(SHAPES))
    console.log(`| ${shape.says} | ${runs(results[name]!)} | ${runs(clientResults[name]!)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
