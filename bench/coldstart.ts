/**
 * Cold start: how long `bin/wenzheng serve` takes from its spawn to a ready server (/readyz answering
 * 200), on the embedded SQLite database with the seed base, and its peak memory by then.
 *
 *   npm run build && npm run bench:coldstart
 *
 * It runs the compiled server of this checkout (dist/, as `npm start` does) on a database migrated once
 * in a temporary folder. The first start after a change of the matching code builds the knowledge index
 * and keeps it in the user's cache folder; later ones read it back, as a restarted instance does.
 * WENZHENG_BENCH_STARTS sets the number of starts (default 6). Target (issue 25): ≤ 2 s. Each start also
 * reports the main thread's and the whole process's CPU time (user + system) by then, which depend less on
 * what else the machine runs, and its resident memory at ready.
 *
 * Then the first message: WENZHENG_BENCH_FIRST_AFTER_MS (default 3000) after ready, a signed WeChat text with a
 * knowledge question, timed to its passive reply, with the main thread's CPU meanwhile: what a citizen who writes
 * first waits for work the server left for later (0 sends it at once, while the work left to the background may
 * still be under way).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeSignature } from '../src/channels/wechat/signature';

const STARTS = Number(process.env.WENZHENG_BENCH_STARTS ?? 6);
const BINARY = resolve('bin/wenzheng');
const FIRST_AFTER_MS = Number(process.env.WENZHENG_BENCH_FIRST_AFTER_MS ?? 3000);
const TOKEN = 'coldstarttoken';
const FIRST_QUESTION = '低保怎么申请';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

/** The process's resident memory now (VmRSS) or its peak so far (VmHWM), in MB (Linux). */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * The CPU seconds (user + system) the process's main thread, or with `wholeProcess` all its threads, has
 * used so far (Linux): on this shared machine wall time follows the other processes' load, while the main
 * thread's CPU, on which readiness waits, moves less.
 */
function cpuSeconds(pid: number, wholeProcess = false): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = wholeProcess ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`;
    const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

interface Start {
  seconds: number;
  mainCpu: number | null;
  processCpu: number | null;
  rssMb: number | null;
  peakMb: number | null;
  first: FirstAnswer;
}

interface FirstAnswer {
  seconds: number;
  /** The main thread's CPU between sending and the reply. */
  mainCpu: number | null;
  /** Whether the reply carried the answer (not "success", the answer to follow). */
  answered: boolean;
}

/** Sends a new citizen's first text on the official account's webhook (plaintext mode) and times its reply. */
async function firstAnswer(port: number, pid: number): Promise<FirstAnswer> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Date.now());
  const query = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce });
  const body = `<xml><ToUserName><![CDATA[gh_coldstart]]></ToUserName><FromUserName><![CDATA[o-coldstart-${nonce}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${FIRST_QUESTION}]]></Content><MsgId>${nonce}</MsgId></xml>`;
  const cpuBefore = cpuSeconds(pid);
  const sent = process.hrtime.bigint();
  const reply = await fetch(`http://127.0.0.1:${port}/wechat/official?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
  });
  const text = await reply.text();
  const seconds = Number(process.hrtime.bigint() - sent) / 1e9;
  const cpuAfter = cpuSeconds(pid);
  return {
    seconds,
    mainCpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    answered: reply.status === 200 && text.includes('<Content>'),
  };
}

async function start(env: NodeJS.ProcessEnv): Promise<Start> {
  const port = await freePort();
  const began = process.hrtime.bigint();
  const server = spawn(BINARY, ['serve'], { env: { ...env, WENZHENG_PORT: String(port), WENZHENG_WECHAT_TOKEN: TOKEN }, stdio: 'ignore' });
  const exited = new Promise((done) => server.once('exit', done));
  try {
    while (!(await ready(port))) {
      if (server.exitCode !== null) throw new Error(`serve exited with ${server.exitCode} before it was ready`);
      await new Promise((wait) => setTimeout(wait, 10));
    }
    const atReady = {
      seconds: Number(process.hrtime.bigint() - began) / 1e9,
      mainCpu: cpuSeconds(server.pid!),
      processCpu: cpuSeconds(server.pid!, true),
      rssMb: rssMb(server.pid!, 'VmRSS'),
      peakMb: rssMb(server.pid!, 'VmHWM'),
    };
    await new Promise((wait) => setTimeout(wait, FIRST_AFTER_MS));
    return { ...atReady, first: await firstAnswer(port, server.pid!) };
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'wenzheng-coldstart-'));
  const env = { ...process.env, WENZHENG_DB: `sqlite:${join(folder, 'wenzheng.db')}` };
  try {
    const migrated = spawnSync(BINARY, ['migrate'], { env, stdio: 'ignore' });
    if (migrated.status !== 0) throw new Error(`migrate exited with ${migrated.status}`);
    const lines = [
      `First message ${FIRST_AFTER_MS} ms after ready.`,
      '',
      '| start | to ready | main thread CPU by then | process CPU by then | RSS at ready | peak RSS | first answer | main thread CPU for it | load average |',
      '|---|---|---|---|---|---|---|---|---|',
    ];
    const seconds = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)} s`);
    const megabytes = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} MB`);
    for (let i = 1; i <= STARTS; i++) {
      const at = await start(env);
      lines.push(
        `| ${i} | ${seconds(at.seconds)} | ${seconds(at.mainCpu)} | ${seconds(at.processCpu)} | ${megabytes(at.rssMb)} | ${megabytes(at.peakMb)} | ${seconds(at.first.seconds)}${at.first.answered ? '' : ' (not answered)'} | ${seconds(at.first.mainCpu)} | ${loadavg()[0].toFixed(2)} |`,
      );
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
