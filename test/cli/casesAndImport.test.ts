import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../support/testApp';
import { fileOnline } from '../disclosure/support';

/**
 * `cases show` / `cases due` as tables with Chinese labels (JSON with --json), and `kb import
 * --replace` with its confirmation and --dry-run: bin/wenzheng run as a process, on a SQLite file.
 */
const BIN = join(__dirname, '..', '..', 'bin', 'wenzheng');
const dir = mkdtempSync(join(tmpdir(), 'wenzheng-cli-tables-'));
const DB = `sqlite:${join(dir, 'cli.db')}`;
const ENV = { ...process.env, WENZHENG_DB: DB, WENZHENG_LOG_LEVEL: 'silent' };

function run(args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(BIN, args, { env: ENV, encoding: 'utf8' }, (_error, out, err) => resolve({ code: child.exitCode, out, err }));
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Runs the command on a pseudo-terminal (util-linux `script`), answering `answer` to its question. */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const command = [BIN, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: ENV });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/\[y\/N\]/.test(out) && answer) {
        child.stdin.write(`${answer}\n`);
        answer = '';
      }
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

let number = '';
beforeAll(async () => {
  // The knowledge base is seeded and one disclosure request filed, as the server would.
  const app = await createTestApp({}, {}, { databaseUrl: DB });
  number = (await fileOnline(app, '2026-11-23', { citizenId: 'cli-tables' })).number;
  await app.close();
}, 120_000);

describe('cases show and cases due', () => {
  it('cases show prints a table with Chinese labels, the history in city time, personal data masked; --json the object', async () => {
    const shown = await run(['cases', 'show', number]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(new RegExp(`^申请编号 +${number}$`, 'm'));
    expect(shown.out).toMatch(/^状态 +办理中$/m);
    expect(shown.out).toMatch(/^收到日期 +2026-11-23（网上）$/m);
    expect(shown.out).toMatch(/^办理记录$/m);
    // Received at 10:00 in Shanghai: the city's clock, not UTC.
    expect(shown.out).toMatch(/^2026-11-23 10:00（北京时间） +2026-11-23 +收到申请 +市民（公众号）$/m);
    expect(shown.out).not.toMatch(/11010519491231002X|"number"/);
    const json = JSON.parse((await run(['cases', 'show', number, '--json'])).out);
    expect(json).toMatchObject({ number, status: 'processing' });
  });

  it('cases due prints its sections as tables in Chinese; --json the lists', async () => {
    const due = await run(['cases', 'due', '--within', '30']);
    expect(due.code).toBe(0);
    expect(due.out).toMatch(/^即将到期（1件）$/m);
    expect(due.out).toMatch(/^申请编号 +状态 +受理机关 +期限 +申请人 +所需信息$/m);
    expect(due.out).toMatch(new RegExp(`^${number} +办理中 +.+答复期限 \\d{4}-\\d{2}-\\d{2}（剩\\d+个工作日）`, 'm'));
    const json = JSON.parse((await run(['cases', 'due', '--within', '30', '--json'])).out);
    expect(json.dueSoon.map((s: { number: string }) => s.number)).toEqual([number]);
  });
});

describe('kb import --replace', () => {
  const file = join(dir, 'one.yaml');
  writeFileSync(
    file,
    'entries:\n  - key: only-entry\n    kind: faq\n    title: 唯一条目\n    questions: [唯一条目怎么办]\n    answer: 这是唯一的条目。\n    status: published\n',
  );

  it('--dry-run reports what would be created and archived, and writes nothing', async () => {
    const dry = await run(['kb', 'import', file, '--replace', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^dry run, nothing written: would have created 1, updated 0, unchanged 0, archived \d+$/m);
    expect(dry.out).toMatch(/^ {2}created: only-entry$/m);
    expect(dry.out).toMatch(/^ {2}archived: .*minimum-living-allowance-apply/m);
    const again = await run(['kb', 'import', file, '--replace', '--dry-run']);
    expect(again.out).toMatch(/would have created 1,/);
  });

  it('without a terminal, needs --yes', async () => {
    const refused = await run(['kb', 'import', file, '--replace']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--replace archives every entry missing from the files: check with --dry-run, then confirm with --yes/);
    expect((await run(['kb', 'import', file, '--replace', '--dry-run'])).out).toMatch(/would have created 1,/);
  });

  it('on a terminal, asks first: no keeps everything, yes imports and archives', async () => {
    const declined = await onTerminal(['kb', 'import', file, '--replace'], 'n');
    expect(declined.out).toMatch(/archive \d+ entries\? \[y\/N\]/);
    expect(declined.out).toMatch(/nothing imported/);
    expect(declined.code).toBe(1);
    expect((await run(['kb', 'import', file, '--replace', '--dry-run'])).out).toMatch(/would have created 1,/);
    const accepted = await onTerminal(['kb', 'import', file, '--replace'], 'y');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/^created 1, updated 0, unchanged 0, archived \d+/m);
    const done = await run(['kb', 'import', file, '--replace', '--yes']);
    expect(done.out).toMatch(/^created 0, updated 0, unchanged 1, archived 0$/m);
  }, 60_000);
});
