/**
 * Webhook load benchmark: `npm run bench:webhook`.
 *
 * Starts the real server (bench/webhook-server.ts runs `wenzheng serve` in a child process) on a fresh
 * SQLite file, then on a fresh MariaDB/MySQL database, with the WeChat official-account channel
 * configured, and drives it over loopback with autocannon: signed (current timestamp per request),
 * distinct WeChat text messages — a new citizen and MsgId each, questions from test/eval/questions.yaml; the
 * "every text new" runs ask held-out questions, each text once (unseenText).
 * Beside it, a bare Koa handler (bench/webhook-bare.ts, also a child process) that only verifies the
 * signature and echoes a passive reply, as the ceiling. Plaintext and safe (AES) mode.
 *
 * After each run of the real server it opens the database and checks that nothing was lost: every
 * citizen who got a passive reply has their message stored, and every stored message has a reply.
 *
 * Environment:
 *   WENZHENG_BENCH_DURATION_S    seconds measured per run (default 10)
 *   WENZHENG_BENCH_WARMUP_S      seconds of warm-up before each measured run, not counted (default 3)
 *   WENZHENG_BENCH_REQUESTS      a number: each closed-loop run's warm-up and measured window send that many requests
 *                                instead of lasting so many seconds, so that the server's CPU per request is taken
 *                                over the same requests after the same warm-up, however busy the machine is
 *   WENZHENG_BENCH_CONNECTIONS   concurrent connections (default 64)
 *   WENZHENG_BENCH_MYSQL         mysql://user:pass@host:port of a server where the user may create
 *                                databases; unset: the MariaDB runs are skipped
 *   WENZHENG_BENCH_SAFE          0 skips the safe-mode (AES) runs (default 1)
 *   WENZHENG_BENCH_PROFILE       1 adds profiled runs (V8 CPU profile of the measured window only) of the
 *                                real server on SQLite (and MariaDB), plaintext, and on SQLite with every text new,
 *                                and reports where its CPU time goes;
 *                                the other runs are not profiled
 *   WENZHENG_BENCH_LOG_LEVEL     the server's log level (default info, as in production; logs go to a file)
 *   WENZHENG_BENCH_WRITE         0 leaves BENCHMARKS.md alone (default 1: replace the "Webhook" section)
 *   WENZHENG_BENCH_CHECK         1 exits with code 1 when a target is missed (default: report only)
 *   WENZHENG_BENCH_RATE          requests per second of the extra open-loop runs of the real server (SQLite, and
 *                                MariaDB when set; plaintext), sent at a steady rate and judged on latency and errors
 *                                (default 100,1000; 0 skips them)
 *   WENZHENG_BENCH_DB_CPU        a core number: the MariaDB server (found by its pid file, on this machine) runs on that
 *                                core alone, and the benchmark and the app server on the others, for the runs'
 *                                duration (taskset); unset: nothing is pinned
 *   WENZHENG_BENCH_MATCH_THREADS the real server's WENZHENG_MATCH_THREADS (default: the server's default, 0)
 *   WENZHENG_BENCH_ONLY          a regular expression: only the runs whose id matches (bare-plain, bare-safe,
 *                                app-sqlite-plain, app-sqlite-safe, app-mariadb-plain, app-mariadb-safe,
 *                                app-sqlite-plain-nocache, app-sqlite-plain-unseen, app-mariadb-plain-unseen, app-sqlite-plain-rate100, app-mariadb-plain-rate100,
 *                                app-sqlite-plain-profiled,
 *                                app-mariadb-plain-profiled, app-sqlite-plain-unseen-profiled)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseDatabaseUrl } from '../config';
import { Conversation, Message, OutboxMessage } from '../entities';
import { WeChatMessageCrypto } from '../src/channels/wechat/crypto';
import { computeMsgSignature, computeSignature } from '../src/channels/wechat/signature';
import { openDatabase } from '../src/platform/db/database';
import { InboundJournal } from '../src/conversation/inboundJournal';
import { scratchDatabase } from '../test/support/testApp';
import { cpuMs, databaseServerPid } from './processCpu';
import { formatProfile, summarizeProfile } from './webhook-profile';

// ---------------------------------------------------------------- autocannon (no bundled types)

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface Percentiles {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  requests: Percentiles & { sent: number };
  latency: Percentiles;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  overallRate?: number;
  duration: number;
  /** Requests to send; the run ends when they are answered (duration is then ignored). */
  amount?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = require('autocannon') as Autocannon;

// ---------------------------------------------------------------- settings

const env = process.env;
const positive = (name: string, fallback: number) => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${value}")`);
  return n;
};
const DURATION_S = positive('WENZHENG_BENCH_DURATION_S', 10);
const WARMUP_S = env.WENZHENG_BENCH_WARMUP_S === '0' ? 0 : positive('WENZHENG_BENCH_WARMUP_S', 3);
const REQUESTS = env.WENZHENG_BENCH_REQUESTS ? positive('WENZHENG_BENCH_REQUESTS', 0) : null;
const CONNECTIONS = positive('WENZHENG_BENCH_CONNECTIONS', 64);
const MYSQL = env.WENZHENG_BENCH_MYSQL || null;
const SAFE = env.WENZHENG_BENCH_SAFE !== '0';
const PROFILE = env.WENZHENG_BENCH_PROFILE === '1';
const WRITE = env.WENZHENG_BENCH_WRITE !== '0';
const LOG_LEVEL = env.WENZHENG_BENCH_LOG_LEVEL || 'info';
const CHECK = env.WENZHENG_BENCH_CHECK === '1';
const MATCH_THREADS = env.WENZHENG_BENCH_MATCH_THREADS ?? null;
/** Steady offered loads for the open-loop runs, requests per second. */
const RATES = rates(env.WENZHENG_BENCH_RATE ?? '100,1000');
const DB_CPU = env.WENZHENG_BENCH_DB_CPU === undefined ? null : Number(env.WENZHENG_BENCH_DB_CPU);
if (DB_CPU !== null && !(Number.isInteger(DB_CPU) && DB_CPU >= 0 && DB_CPU < cpus().length))
  throw new Error(`WENZHENG_BENCH_DB_CPU must be a core number below ${cpus().length}, not "${env.WENZHENG_BENCH_DB_CPU}"`);

function rates(value: string): number[] {
  if (value === '0') return [];
  const list = value.split(',').map((r) => Number(r.trim()));
  if (list.some((r) => !Number.isInteger(r) || r <= 0))
    throw new Error(`WENZHENG_BENCH_RATE must be 0 or positive integers separated by commas, not "${value}"`);
  return list;
}

const TARGETS = { minShareOfBare: 0.3, maxP99Ms: 50 };

const TOKEN = 'benchtoken';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const ACCOUNT = 'gh_bench_city';

const repoRoot = process.cwd();

/** bin/wenzheng's first line: both servers run with its node flags and its environment, as `wenzheng serve` does. */
const shebang = readFileSync(join(repoRoot, 'bin', 'wenzheng'), 'utf8')
  .split('\n')[0]
  .split(/\s+/);
const serverNodeFlags = shebang.filter((word) => word.startsWith('--'));
const serverEnvironment = Object.fromEntries(shebang.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split(/=(.*)/s, 2)));
const loadBefore = loadavg();
const workDir = mkdtempSync(join(tmpdir(), 'wenzheng-bench-'));

// ---------------------------------------------------------------- scenarios

type Mode = 'plain' | 'safe';
interface Scenario {
  id: string;
  label: string;
  server: 'bare' | 'app';
  db: 'sqlite' | 'mariadb' | null;
  mode: Mode;
  profile?: boolean;
  /** Offered load in requests per second over all connections (open loop); unset: as fast as answered. */
  rate?: number;
  /** false: the server's match cache is off (WENZHENG_MATCH_CACHE=0), every text matched anew; a reference, not judged. */
  matchCache?: false;
  /** 'unseen': every request asks a text never asked before (unseenText), judged like the others. */
  texts?: 'unseen';
}

/** Profiled runs and the run without the match cache are shown beside the others, not judged on the targets. */
const judged = (scenario: Scenario) => !scenario.profile && scenario.matchCache !== false;

interface Verification {
  /** Inbound messages in the database. */
  stored: number;
  /** ...of which have a stored reply. */
  answered: number;
  /** Rows in the outbox (replies for the send API). */
  queued: number;
  /** Acknowledged (2xx) but still in the inbound journal, to be processed on the next start. */
  journaled: number;
  /** 2xx answers (warm-up included): each was a distinct message, so each must be stored or journaled. */
  acknowledged: number;
  /** Acknowledged messages neither stored nor journaled, plus passive replies whose citizen has no stored message. */
  lost: number;
  decisions: Record<string, number>;
}

interface LoopStats {
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  utilization: number;
  /** The garbage collector's pauses in the window (bench/webhook-server.ts). */
  scavenges: { count: number; ms: number; maxMs: number };
  fullCollections: { count: number; ms: number; maxMs: number };
}

interface Row {
  scenario: Scenario;
  result: AutocannonResult;
  peakRssMb: number | null;
  passive: number;
  success: number;
  mismatched: number;
  verification: Verification | null;
  serverErrors: number;
  /** The server's event loop over the measured window (app runs). */
  loop: LoopStats | null;
  /** CPU the server process used in the measured window: per answered request, and in cores (1 = one core busy). */
  cpu: { perRequestMs: number; cores: number } | null;
  /** CPU the database server process used in the window per answered request, and in cores (MariaDB on this machine). */
  databaseCpu: { perRequestMs: number; cores: number } | null;
  /** Share of the measured window's texts the server found in its match cache (app runs). */
  matchCacheHits: number | null;
  profile?: string;
}

const dbLabel = { sqlite: 'SQLite', mariadb: 'MariaDB' };

// ---------------------------------------------------------------- requests

/** A fixed shuffle (mulberry32, seed 1), so consecutive requests do not ask neighbouring questions. */
function shuffled(texts: string[]): string[] {
  let seed = 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [texts[i], texts[j]] = [texts[j]!, texts[i]!];
  }
  return texts;
}

function questionsOf(...files: string[]): string[] {
  return shuffled(
    files.flatMap((name) => {
      const parsed = parseYaml(readFileSync(join(repoRoot, 'test/eval', name), 'utf8')) as { questions: { text: unknown }[] };
      return parsed.questions.map((q) => q.text).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    }),
  );
}

/** The tuning set's questions: they repeat, as citizens' questions do at a peak, so the match cache meets them again. */
const questions = questionsOf('questions.yaml');

/** Held-out questions (the spent sets: this run measures speed, not quality), each asked once per variation. */
const heldOutQuestions = [...new Set(questionsOf('heldout.yaml', 'heldout-2.yaml', 'heldout-3.yaml'))];
const OPENINGS = ['', '你好，', '请问', '我想问一下，', '麻烦问下', '您好，请问'];
const DETAILS = [(n: number) => `我今年${n}岁，`, (n: number) => `家里${n % 9 || 9}口人，住了${n}年了，`, (n: number) => `第${n}次问了，`];

/**
 * The n-th text of a run where every text is new: a held-out question with a citizen's own opening
 * and detail (an age, a household), as people word the same question differently at a peak. The
 * question and the detail together are different for every n (the detail's number grows once all
 * the questions were asked), so no two texts are equal and the match cache never holds one.
 */
function unseenText(n: number): string {
  const question = heldOutQuestions[n % heldOutQuestions.length]!;
  const rest = Math.floor(n / heldOutQuestions.length);
  const detail = DETAILS[rest % DETAILS.length]!(18 + Math.floor(rest / DETAILS.length));
  return `${OPENINGS[n % OPENINGS.length]}${detail}${question}`;
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function textXml(citizen: string, msgId: string, content: string, createTime: number): string {
  return `<xml><ToUserName>${cdata(ACCOUNT)}</ToUserName><FromUserName>${cdata(citizen)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content><MsgId>${msgId}</MsgId></xml>`;
}

const crypto = new WeChatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: APPID });

/** Builds every request afresh: a new citizen and MsgId, the current time signed, the next question. */
function requestFactory(mode: Mode, runTag: string, textOf: (n: number) => string) {
  let seq = 0;
  const msgIdBase = BigInt(Date.now()) * 1000n;
  return {
    get sent() {
      return seq;
    },
    setupRequest(req: AutocannonRequest): AutocannonRequest {
      const n = seq++;
      const seconds = Math.floor(Date.now() / 1000);
      const timestamp = String(seconds);
      const nonce = String(1_000_000 + n);
      const citizen = `o${runTag}${n.toString(36).padStart(10, '0')}`;
      const inner = textXml(citizen, String(msgIdBase + BigInt(n)), textOf(n), seconds);
      const params = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce });
      let body = inner;
      if (mode === 'safe') {
        const encrypt = crypto.encrypt(inner);
        params.set('encrypt_type', 'aes');
        params.set('msg_signature', computeMsgSignature(TOKEN, timestamp, nonce, encrypt));
        body = `<xml><ToUserName>${cdata(ACCOUNT)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
      }
      req.method = 'POST';
      req.path = `/wechat/official?${params}`;
      req.headers = { 'content-type': 'text/xml; charset=utf-8' };
      req.body = body;
      return req;
    },
  };
}

/**
 * The open-loop run: one request every 1/rate seconds, each on its own schedule whatever the answers
 * take. (autocannon's overallRate releases each second's requests together, so its latencies measure
 * those bursts.) Reported in autocannon's shape for the fields this benchmark reads.
 */
async function steadyLoad(
  port: number,
  rate: number,
  durationS: number,
  factory: ReturnType<typeof requestFactory>,
  onResponse: (status: number, body: string) => void,
): Promise<AutocannonResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const spec = factory.setupRequest({});
      const started = performance.now();
      const req = httpRequest(
        { host: '127.0.0.1', port, method: spec.method, path: spec.path, headers: spec.headers, agent, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            latencies.push(performance.now() - started);
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) non2xx++;
            onResponse(status, Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(spec.body);
    });
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(rate * durationS);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const latency = {
    average: 0,
    mean: 0,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: Math.round(latencies[latencies.length - 1] ?? 0),
    total: latencies.length,
  };
  const average = latencies.length / elapsedS;
  return {
    requests: { average, mean: average, p50: 0, p90: 0, p99: 0, max: 0, total: latencies.length, sent: total },
    latency,
    errors,
    timeouts: 0,
    non2xx,
    resets: 0,
    '2xx': latencies.length - non2xx,
    '4xx': 0,
    '5xx': 0,
    duration: elapsedS,
  };
}

/** Reads each answer: a passive reply names the citizen it answers (decrypted first in safe mode). */
function responseReader(mode: Mode) {
  const acknowledged = new Set<string>();
  const counts = { passive: 0, success: 0, mismatched: 0, ok: 0 };
  const toUser = /<ToUserName><!\[CDATA\[([^\]]*)\]\]><\/ToUserName>/;
  return {
    acknowledged,
    counts,
    onResponse(status: number, body: string) {
      if (status < 200 || status >= 300) return;
      counts.ok++;
      if (body === 'success') {
        counts.success++;
        return;
      }
      let xml = body;
      if (mode === 'safe') {
        const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];
        try {
          xml = encrypt ? crypto.decrypt(encrypt).message : '';
        } catch {
          xml = '';
        }
      }
      const citizen = toUser.exec(xml)?.[1];
      if (citizen && xml.includes('<Content>')) {
        counts.passive++;
        acknowledged.add(citizen);
      } else {
        counts.mismatched++;
      }
    },
  };
}

// ---------------------------------------------------------------- processes

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A GET on the server: its status (0 when it could not be reached) and body. */
function get(port: number, path: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** The server's match-cache lookups so far, from its /metrics. */
async function matchCacheLookups(port: number): Promise<{ hit: number; miss: number }> {
  const { body } = await get(port, '/metrics', 5000);
  const count = (result: string) =>
    Number(new RegExp(`^wenzheng_match_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(body)?.[1] ?? NaN);
  const lookups = { hit: count('hit'), miss: count('miss') };
  if (Number.isNaN(lookups.hit) || Number.isNaN(lookups.miss))
    throw new Error("the server's /metrics has no wenzheng_match_cache_lookups_total");
  return lookups;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitReady(port: number, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    if ((await get(port, '/readyz')).status === 200) return;
    await sleep(200);
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
}

async function stop(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * MariaDB on core `core` alone, this process (and so the servers it spawns) on the others: the trend when
 * the database has a machine of its own. Returns what puts the old affinities back.
 */
async function pinDatabaseApart(core: number): Promise<() => void> {
  const databasePid = MYSQL ? await databaseServerPid(MYSQL!) : null;
  if (databasePid === null) throw new Error('WENZHENG_BENCH_DB_CPU needs WENZHENG_BENCH_MYSQL and a MariaDB server on this machine');
  const others = cpus()
    .map((_, i) => i)
    .filter((i) => i !== core)
    .join(',');
  const all = `0-${cpus().length - 1}`;
  const taskset = (list: string, pid: number) => execFileSync('taskset', ['-a', '-p', '-c', list, String(pid)], { stdio: 'ignore' });
  taskset(String(core), databasePid);
  taskset(others, process.pid);
  console.log(`pinned: MariaDB (pid ${databasePid}) on core ${core}; the benchmark and the app server on ${others}`);
  return () => {
    taskset(all, databasePid);
    taskset(all, process.pid);
  };
}

/** RSS of the server process, from /proc (Linux), sampled every 100 ms while the load runs. */
function rssSampler(pid: number) {
  const file = `/proc/${pid}/status`;
  let peakKb = 0;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? 0);
      if (kb > peakKb) peakKb = kb;
    } catch {
      // not Linux, or the process is gone
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop(): number | null {
      clearInterval(timer);
      sample();
      return peakKb ? peakKb / 1024 : null;
    },
  };
}

/** Sends a command to the server child (bench/webhook-server.ts) and waits for its answer. */
function ask(child: ChildProcess, message: { cmd: string; file?: string }, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`server did not answer ${message.cmd}`));
    }, timeoutMs);
    const onMessage = (answer: { cmd?: string; ok?: boolean; error?: string }) => {
      if (answer?.cmd !== message.cmd) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (answer.ok) resolve(answer as Record<string, unknown>);
      else reject(new Error(`${message.cmd}: ${answer.error}`));
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

// ---------------------------------------------------------------- databases

async function freshDatabase(kind: 'sqlite' | 'mariadb', id: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const file = join(workDir, `${id}.db`);
    return {
      url: `sqlite:${file}`,
      async drop() {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  return scratchDatabase(MYSQL!, 'wz_bench');
}

/** Opens the database the server used and checks that every acknowledged message was stored and answered. */
async function verify(url: string, acknowledged: Set<string>, acknowledgedCount: number, journalDir: string): Promise<Verification> {
  const db = await openDatabase(parseDatabaseUrl(url));
  try {
    const ds = db.dataSource;
    const message = ds.getMetadata(Message).tableName;
    const conversation = ds.getMetadata(Conversation).tableName;
    const outbox = ds.getMetadata(OutboxMessage).tableName;
    const inbound = (await ds.query(
      `SELECT c.citizen_id AS citizen, m.id AS id, m.meta AS meta FROM ${message} m JOIN ${conversation} c ON c.id = m.conversation_id WHERE m.direction = 'in'`,
    )) as { citizen: string; id: number; meta: unknown }[];
    const replied = new Set(
      (
        (await ds.query(`SELECT DISTINCT in_reply_to AS id FROM ${message} WHERE direction = 'out' AND in_reply_to IS NOT NULL`)) as {
          id: number;
        }[]
      ).map((r) => Number(r.id)),
    );
    const [{ n: queued }] = (await ds.query(`SELECT COUNT(*) AS n FROM ${outbox}`)) as { n: number | string }[];
    const storedCitizens = new Set(inbound.map((r) => r.citizen));
    const decisions: Record<string, number> = {};
    for (const row of inbound) {
      let meta = row.meta;
      if (typeof meta === 'string') {
        try {
          meta = JSON.parse(meta);
        } catch {
          meta = null;
        }
      }
      const decision = String((meta as { decision?: unknown } | null)?.decision ?? 'none');
      decisions[decision] = (decisions[decision] ?? 0) + 1;
    }
    let journaled = 0;
    if (existsSync(journalDir)) {
      for (const file of readdirSync(journalDir))
        if (file.endsWith('.jsonl')) journaled += new InboundJournal(join(journalDir, file)).pending().length;
    }
    let unmatched = 0;
    for (const citizen of acknowledged) if (!storedCitizens.has(citizen)) unmatched++;
    return {
      stored: inbound.length,
      answered: inbound.filter((r) => replied.has(Number(r.id))).length,
      queued: Number(queued),
      journaled,
      acknowledged: acknowledgedCount,
      lost: Math.max(unmatched, acknowledgedCount - inbound.length - journaled),
      decisions,
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------- one run

async function run(scenario: Scenario): Promise<Row> {
  const port = await freePort();
  const logFile = join(workDir, `${scenario.id}.log`);
  const profileDir = join(workDir, `${scenario.id}-profile`);
  const database = scenario.server === 'app' ? await freshDatabase(scenario.db!, scenario.id) : null;
  const childEnv: NodeJS.ProcessEnv = { ...env, ...serverEnvironment };
  // The server's own configuration comes only from what is set here.
  for (const key of Object.keys(childEnv)) if (key.startsWith('WENZHENG_')) delete childEnv[key];
  let script: string;
  if (scenario.server === 'bare') {
    script = join(__dirname, 'webhook-bare.js');
    Object.assign(
      childEnv,
      { BENCH_PORT: String(port), BENCH_TOKEN: TOKEN },
      scenario.mode === 'safe' ? { BENCH_APPID: APPID, BENCH_AES_KEY: AES_KEY } : {},
    );
  } else {
    script = join(__dirname, 'webhook-server.js');
    Object.assign(childEnv, {
      NODE_ENV: 'production',
      WENZHENG_DB: database!.url,
      WENZHENG_HOST: '127.0.0.1',
      WENZHENG_PORT: String(port),
      WENZHENG_LOG_LEVEL: LOG_LEVEL,
      WENZHENG_SEEDS_DIR: join(repoRoot, 'seeds'),
      WENZHENG_INTENTS_DIR: join(repoRoot, 'intents'),
      WENZHENG_JOURNAL_DIR: join(workDir, `${scenario.id}-journal`),
      WENZHENG_WECHAT_TOKEN: TOKEN,
      // Production refuses to start without a key for personal data; the benchmark's data are thrown away.
      WENZHENG_DATA_KEY: randomBytes(32).toString('base64'),
      ...(MATCH_THREADS === null ? {} : { WENZHENG_MATCH_THREADS: MATCH_THREADS }),
      ...(scenario.matchCache === false ? { WENZHENG_MATCH_CACHE: '0' } : {}),
      ...(scenario.mode === 'safe' ? { WENZHENG_WECHAT_APPID: APPID, WENZHENG_WECHAT_AES_KEY: AES_KEY } : {}),
    });
  }
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...serverNodeFlags, script], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', out, out, 'ipc'],
  });
  closeSync(out);
  try {
    await waitReady(port, child, logFile);
    const runTag = randomBytes(3).toString('hex');
    const factory = requestFactory(
      scenario.mode,
      runTag,
      scenario.texts === 'unseen' ? unseenText : (n) => questions[n % questions.length]!,
    );
    const reader = responseReader(scenario.mode);
    const load = (duration: number, onResponse: (status: number, body: string) => void) =>
      scenario.rate
        ? steadyLoad(port, scenario.rate, duration, factory, onResponse)
        : autocannon({
            url: `http://127.0.0.1:${port}`,
            connections: CONNECTIONS,
            duration,
            ...(REQUESTS === null ? {} : { amount: REQUESTS }),
            timeout: 10,
            requests: [{ setupRequest: (req) => factory.setupRequest(req), onResponse }],
          });
    if (WARMUP_S > 0) await load(WARMUP_S, reader.onResponse);
    const measured = responseReader(scenario.mode);
    const app = scenario.server === 'app';
    if (app) await ask(child, { cmd: 'loop-start' });
    if (scenario.profile) {
      mkdirSync(profileDir, { recursive: true });
      await ask(child, { cmd: 'profile-start' });
    }
    const lookupsBefore = app ? await matchCacheLookups(port) : null;
    const sampler = rssSampler(child.pid!);
    const cpuBefore = cpuMs(child.pid!);
    const databasePid = scenario.db === 'mariadb' ? await databaseServerPid(MYSQL!) : null;
    const databaseCpuBefore = databasePid === null ? null : cpuMs(databasePid);
    const started = Date.now();
    const result = await load(DURATION_S, (status, body) => {
      reader.onResponse(status, body);
      measured.onResponse(status, body);
    });
    const cpuAfter = cpuMs(child.pid!);
    const databaseCpuAfter = databasePid === null ? null : cpuMs(databasePid);
    const elapsedMs = Date.now() - started;
    const peakRssMb = sampler.stop();
    const cpuUse = (before: number | null, after: number | null) =>
      before === null || after === null || !result.requests.total
        ? null
        : { perRequestMs: (after - before) / result.requests.total, cores: (after - before) / elapsedMs };
    const cpu = cpuUse(cpuBefore, cpuAfter);
    const databaseCpu = cpuUse(databaseCpuBefore, databaseCpuAfter);
    const profileFile = join(profileDir, `${scenario.id}.cpuprofile`);
    if (scenario.profile) await ask(child, { cmd: 'profile-stop', file: profileFile });
    const loop = app ? ((await ask(child, { cmd: 'loop-stop' })) as unknown as LoopStats) : null;
    const lookupsAfter = app ? await matchCacheLookups(port) : null;
    const lookups =
      lookupsBefore && lookupsAfter ? { hit: lookupsAfter.hit - lookupsBefore.hit, miss: lookupsAfter.miss - lookupsBefore.miss } : null;
    const matchCacheHits = lookups && lookups.hit + lookups.miss > 0 ? lookups.hit / (lookups.hit + lookups.miss) : null;
    // Let late replies (past the passive-reply budget) reach the outbox before stopping.
    await sleep(scenario.server === 'app' ? 1000 : 0);
    await stop(child);
    const log = readFileSync(logFile, 'utf8');
    const serverErrors = (log.match(/"level":(50|60)/g) ?? []).length;
    const verification = database
      ? await verify(database.url, reader.acknowledged, reader.counts.ok, childEnv.WENZHENG_JOURNAL_DIR!)
      : null;
    const profile = scenario.profile && existsSync(profileFile) ? formatProfile(summarizeProfile(profileFile, 12)) : undefined;
    const { passive, success, mismatched } = measured.counts;
    return {
      scenario,
      result,
      peakRssMb,
      passive,
      success,
      mismatched,
      verification,
      serverErrors,
      loop,
      cpu,
      databaseCpu,
      matchCacheHits,
      profile,
    };
  } finally {
    await stop(child);
    await database?.drop();
  }
}

// ---------------------------------------------------------------- report

const fixed = (n: number, digits = 0) => n.toFixed(digits);
/** A pause stalls every request in flight: the longest ones are the tail's candidates. */
const gcPauses = (loop: LoopStats) => {
  const pause = (name: string, p: LoopStats['scavenges']) => `${p.count} ${name} (${p.ms} ms, longest ${p.maxMs} ms)`;
  return `${pause('scavenges', loop.scavenges)}, ${pause('full', loop.fullCollections)}`;
};

function shareOfBare(row: Row, rows: Row[]): number | null {
  const bare = rows.find((r) => r.scenario.server === 'bare' && r.scenario.mode === row.scenario.mode && !r.scenario.profile);
  return bare ? row.result.requests.average / bare.result.requests.average : null;
}

/** The bare handler's CPU per request over the app's: the throughput share per core, whatever else the machine runs. */
function cpuShareOfBare(row: Row, rows: Row[]): number | null {
  const bare = rows.find((r) => r.scenario.server === 'bare' && r.scenario.mode === row.scenario.mode && !r.scenario.profile);
  return bare?.cpu && row.cpu ? bare.cpu.perRequestMs / row.cpu.perRequestMs : null;
}

function failures(row: Row, rows: Row[]): string[] {
  const problems: string[] = [];
  const share = shareOfBare(row, rows);
  if (row.scenario.server === 'app' && !row.scenario.rate && judged(row.scenario) && share !== null && share < TARGETS.minShareOfBare)
    problems.push(`throughput ${fixed(share * 100, 1)}% of bare < ${TARGETS.minShareOfBare * 100}%`);
  if (row.result.latency.p99 > TARGETS.maxP99Ms) problems.push(`p99 ${row.result.latency.p99} ms > ${TARGETS.maxP99Ms} ms`);
  if (row.result.errors || row.result.timeouts) problems.push(`${row.result.errors} errors (${row.result.timeouts} timeouts)`);
  if (row.result.non2xx) problems.push(`${row.result.non2xx} non-2xx`);
  if (row.mismatched) problems.push(`${row.mismatched} unreadable replies`);
  if (row.verification?.lost) problems.push(`${row.verification.lost} acknowledged messages neither stored nor journaled`);
  if (row.verification && row.verification.answered + row.verification.queued < row.verification.stored)
    problems.push(`${row.verification.stored - row.verification.answered} stored messages without a reply`);
  if (row.serverErrors) problems.push(`${row.serverErrors} error lines in the server log`);
  return problems;
}

function table(rows: Row[]): string {
  const lines = [
    '| run | req/s | vs bare | p50 ms | p99 ms | max ms | requests | errors | non-2xx | passive / "success" | peak RSS | server CPU per request (cores) | loop busy / delay p99 | match cache hits | stored / answered / lost | targets |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const { result } = row;
    const share = row.scenario.server === 'app' && !row.scenario.rate ? shareOfBare(row, rows) : null;
    const cpuShare = row.scenario.server === 'app' ? cpuShareOfBare(row, rows) : null;
    const v = row.verification;
    const problems = failures(row, rows);
    lines.push(
      `| ${row.scenario.label} | ${fixed(result.requests.average)} | ${share === null ? '–' : `${fixed(share * 100, 1)}%`}${cpuShare === null ? '' : ` (CPU ${fixed(cpuShare * 100, 1)}%)`} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.requests.total} | ${result.errors}${result.timeouts ? ` (${result.timeouts} timeouts)` : ''} | ${result.non2xx} | ${row.passive} / ${row.success} | ${row.peakRssMb === null ? 'n/a' : `${fixed(row.peakRssMb)} MB`} | ${row.cpu ? `${row.cpu.perRequestMs.toFixed(2)} ms (${row.cpu.cores.toFixed(2)})` : 'n/a'}${row.databaseCpu ? ` + database ${row.databaseCpu.perRequestMs.toFixed(2)} ms (${row.databaseCpu.cores.toFixed(2)})` : ''} | ${row.loop ? `${fixed(row.loop.utilization * 100)}% / ${row.loop.delayP99Ms} ms` : '–'} | ${row.matchCacheHits === null ? '–' : `${fixed(row.matchCacheHits * 100, 1)}%`} | ${v ? `${v.stored}${v.journaled ? ` (+${v.journaled} journaled)` : ''} / ${v.answered} / ${v.lost}` : '–'} | ${row.scenario.server === 'bare' ? 'ceiling' : row.scenario.profile ? 'profiled: not judged' : row.scenario.matchCache === false ? 'reference: not judged' : problems.length ? `**missed**: ${problems.join('; ')}` : 'met'} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpus().length} cores (\`nproc\` ${cpus().length}, ${cpu}), ${fixed(totalmem() / 1024 ** 3, 1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before the run, ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} after it`;
}

function command(): string {
  const vars = Object.entries(env)
    .filter(([key, value]) => key.startsWith('WENZHENG_BENCH_') && value)
    .map(([key, value]) => `${key}=${value}`);
  return [...vars, 'npm run bench:webhook'].join(' ');
}

function section(rows: Row[], skipped: string[]): string {
  const measured = rows.filter((r) => !r.scenario.profile);
  const app = measured.filter((r) => r.scenario.server === 'app' && judged(r.scenario));
  const metOn = (runs: Row[]) => runs.length > 0 && runs.every((r) => failures(r, rows).length === 0);
  const dbsRun = [...new Set(app.map((r) => r.scenario.db!))];
  const verdict = dbsRun.map((db) => `${dbLabel[db]} **${metOn(app.filter((r) => r.scenario.db === db)) ? 'met' : 'NOT met'}**`).join(', ');
  const decisions = app
    .map(
      (r) =>
        r.verification &&
        `${r.scenario.label}: ${Object.entries(r.verification.decisions)
          .sort((a, b) => b[1] - a[1])
          .map(([d, n]) => `${d} ${n}`)
          .join(', ')}`,
    )
    .filter(Boolean);
  const profiled = rows.filter((r) => r.profile);
  return [
    '## Webhook',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    '',
    `Command: \`${command()}\` — ${DURATION_S} s measured per run after ${WARMUP_S} s of warm-up, ${CONNECTIONS} connections, loopback only.`,
    ...(Math.max(loadBefore[0]!, loadavg()[0]!) > cpus().length * 0.75
      ? [
          '',
          `**The machine was busy with other work during this run** (load average above ${cpus().length * 0.75} on ${cpus().length} cores): req/s and latencies are pessimistic and vary from run to run; the server's CPU time per request is the steadier figure.`,
        ]
      : []),
    '',
    'Each run starts its server in a child process: **app** is the real server (`wenzheng serve`: migrations, seeded',
    `knowledge base, log level ${LOG_LEVEL} to a file, metrics) on a fresh database with the official-account channel`,
    'configured; **bare** is a Koa handler that only verifies the signature, parses the XML and echoes a passive reply',
    '(decrypting and encrypting in safe mode), the ceiling. autocannon runs in the parent process on the same 2 cores and',
    'signs every request with the current time; each request is a new citizen and MsgId asking a question from',
    '`test/eval/questions.yaml`; in the "every text new" runs, a held-out question (the spent sets) with an opening and a',
    'detail of its own (an age, a household), each text asked once, so the match cache never holds it.',
    '"passive / success": 2xx answers carrying a reply vs. the late-reply `success`.',
    '"stored / answered / lost": inbound messages in the database afterwards (warm-up included; "journaled": acknowledged',
    'but still in the inbound journal), those with a stored reply, and acknowledged messages found in neither (must be 0).',
    '"vs bare": req/s as a share of the bare handler\'s in the same mode; "(CPU …)": the bare handler\'s CPU time per',
    "request as a share of the app's, i.e. the same comparison per core, which other load on the machine barely moves.",
    '"server CPU per request (cores)": user + system CPU time of the server process over the measured window divided by',
    'the requests answered, and the cores it kept busy; unlike req/s it barely depends on what else the machine runs;',
    '"+ database": the same for the MariaDB server process, which runs on the same cores.',
    '"loop busy / delay p99": the server\'s event-loop utilization and delay over the measured window.',
    `"match cache hits": the share of the measured window's texts the server had understood before (the ${questions.length} questions`,
    'repeat, as citizens\' questions do at a peak); "match cache off" is the same load with `WENZHENG_MATCH_CACHE=0`, every',
    'text matched anew: a reference for texts never seen before, not judged.',
    '',
    table(rows),
    '',
    `Targets for the app runs: ≥ ${TARGETS.minShareOfBare * 100}% of the bare handler's throughput in the same mode (closed-loop runs), p99 ≤ ${TARGETS.maxP99Ms} ms, zero errors and non-2xx, nothing lost: ${verdict || '**no app run**'}.`,
    'With every connection waiting for its answer before sending again (closed loop), the mean latency is connections ÷',
    `throughput (Little's law): p99 ≤ ${TARGETS.maxP99Ms} ms at ${CONNECTIONS} connections needs roughly ${Math.round((CONNECTIONS / TARGETS.maxP99Ms) * 1000 * 1.5)} req/s or more. The "req/s offered" runs`,
    'send at a steady rate whatever the answers take (open loop), as citizens do: the latency at a load the server carries.',
    ...(skipped.length ? ['', ...skipped.map((s) => `Skipped: ${s}`)] : []),
    ...(decisions.length ? ['', 'What the bot decided for the stored messages:', '', ...decisions.map((d) => `- ${d}`)] : []),
    ...profiled.flatMap((r) => ['', `### Profile: ${r.scenario.label}`, '', r.profile!.replace(/\n\nProfile: .*$/, '')]),
    '',
    'Variables: `WENZHENG_BENCH_DURATION_S` (10), `WENZHENG_BENCH_WARMUP_S` (3), `WENZHENG_BENCH_REQUESTS` (unset: a',
    'number of requests for the warm-up and the measured window of each closed-loop run instead of seconds),',
    '`WENZHENG_BENCH_CONNECTIONS` (64),',
    '`WENZHENG_BENCH_MYSQL` (`mysql://user:pass@host:port` of a server where the user may create databases; unset: the',
    'MariaDB runs are skipped), `WENZHENG_BENCH_SAFE` (0 skips safe mode), `WENZHENG_BENCH_PROFILE` (1 adds CPU-profiled',
    'runs of the app, plaintext, and reports their top functions), `WENZHENG_BENCH_LOG_LEVEL` (info), `WENZHENG_BENCH_WRITE`',
    '(0 leaves this file alone), `WENZHENG_BENCH_CHECK` (1: exit code 1 when a target is missed), `WENZHENG_BENCH_ONLY`',
    "(a regular expression over run ids such as `app-sqlite-plain`), `WENZHENG_BENCH_MATCH_THREADS` (the server's",
    '`WENZHENG_MATCH_THREADS`, default 0), `WENZHENG_BENCH_RATE` (100,1000: requests per second of',
    'the extra open-loop runs, on SQLite and MariaDB, sent at a steady rate and judged on latency and errors only; 0 skips',
    'them), `WENZHENG_BENCH_DB_CPU` (a core: MariaDB runs on it alone, the benchmark and the app on the others).',
    ...(DB_CPU === null
      ? []
      : ['', `This run: MariaDB pinned to core ${DB_CPU} alone, the benchmark and the app server to the other cores.`]),
    '',
  ].join('\n');
}

/** Replaces the "## Webhook" section of BENCHMARKS.md (up to the next "## " heading), or appends it. */
function writeSection(text: string): void {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const lines = current.split('\n');
  const start = lines.findIndex((line) => /^## Webhook\s*$/.test(line));
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\n*$/, '')}\n\n${text}`;
  } else {
    let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
    if (end < 0) end = lines.length;
    const after = lines.slice(end).join('\n');
    next = `${lines.slice(0, start).join('\n')}${start ? '\n' : ''}${text}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(file, next.replace(/\n*$/, '\n'));
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const modes: Mode[] = SAFE ? ['plain', 'safe'] : ['plain'];
  const dbs: ('sqlite' | 'mariadb')[] = MYSQL ? ['sqlite', 'mariadb'] : ['sqlite'];
  const skipped: string[] = [];
  if (!MYSQL) skipped.push('MariaDB/MySQL runs (set WENZHENG_BENCH_MYSQL=mysql://user:pass@127.0.0.1:3306 to include them).');
  if (!SAFE) skipped.push('safe-mode runs (WENZHENG_BENCH_SAFE=0).');
  const scenarios: Scenario[] = [];
  for (const mode of modes) scenarios.push({ id: `bare-${mode}`, label: `bare, ${mode}`, server: 'bare', db: null, mode });
  for (const db of dbs)
    for (const mode of modes) scenarios.push({ id: `app-${db}-${mode}`, label: `app, ${dbLabel[db]}, ${mode}`, server: 'app', db, mode });
  scenarios.push({
    id: 'app-sqlite-plain-nocache',
    label: 'app, SQLite, plain, match cache off',
    server: 'app',
    db: 'sqlite',
    mode: 'plain',
    matchCache: false,
  });
  for (const db of dbs)
    scenarios.push({
      id: `app-${db}-plain-unseen`,
      label: `app, ${dbLabel[db]}, plain, every text new`,
      server: 'app',
      db,
      mode: 'plain',
      texts: 'unseen',
    });
  for (const db of dbs)
    for (const rate of RATES)
      scenarios.push({
        id: `app-${db}-plain-rate${rate}`,
        label: `app, ${dbLabel[db]}, plain, ${rate} req/s offered`,
        server: 'app',
        db,
        mode: 'plain',
        rate,
      });
  if (PROFILE) {
    for (const db of dbs)
      scenarios.push({
        id: `app-${db}-plain-profiled`,
        label: `app, ${dbLabel[db]}, plain, profiled`,
        server: 'app',
        db,
        mode: 'plain',
        profile: true,
      });
    // Where the uncached path's CPU goes: SQLite only, its database costs least.
    scenarios.push({
      id: 'app-sqlite-plain-unseen-profiled',
      label: 'app, SQLite, plain, every text new, profiled',
      server: 'app',
      db: 'sqlite',
      mode: 'plain',
      texts: 'unseen',
      profile: true,
    });
  }
  const only = env.WENZHENG_BENCH_ONLY ? new RegExp(env.WENZHENG_BENCH_ONLY) : null;
  if (only) {
    scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => only.test(s.id)));
    skipped.push(`runs not matching WENZHENG_BENCH_ONLY=${env.WENZHENG_BENCH_ONLY}.`);
  }
  for (const s of skipped) console.log(`skipped: ${s}`);
  const unpin = DB_CPU === null ? null : await pinDatabaseApart(DB_CPU);

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    process.stdout.write(`${scenario.label}: ${WARMUP_S} s warm-up + ${DURATION_S} s at ${CONNECTIONS} connections... `);
    const row = await run(scenario);
    rows.push(row);
    console.log(
      `${fixed(row.result.requests.average)} req/s, p50 ${row.result.latency.p50} ms, p99 ${row.result.latency.p99} ms, ${row.result.non2xx} non-2xx, ${row.result.errors} errors${row.cpu ? `, server CPU ${row.cpu.perRequestMs.toFixed(2)} ms/request (${row.cpu.cores.toFixed(2)} cores)` : ''}${row.loop ? `, event loop ${fixed(row.loop.utilization * 100)}% busy, delay p99 ${row.loop.delayP99Ms} ms max ${row.loop.delayMaxMs} ms, GC pauses: ${gcPauses(row.loop)}` : ''}`,
    );
  }
  unpin?.();
  const text = section(rows, skipped);
  console.log(`\n${text}`);
  if (WRITE) {
    writeSection(text);
    console.log('BENCHMARKS.md: "Webhook" section written.');
  }
  console.log(`server logs and profiles: ${workDir}`);
  const app = rows.filter((r) => r.scenario.server === 'app' && judged(r.scenario));
  return CHECK && !app.every((r) => failures(r, rows).length === 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);
