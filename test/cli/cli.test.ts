import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempFiles } from '../support/files';
import { runCli } from '../support/cli';

const run = (args: string[], env: Record<string, string>) => runCli(args, { env });

const sqlite = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-cli-')), 'cli.db')}`;

describe('wenzheng CLI', () => {
  it('exits 2 with a message naming the variable when WENZHENG_DB is wrong', async () => {
    const result = await run(['migrate'], { WENZHENG_DB: 'oracle://nope' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/WENZHENG_DB: must start with sqlite: or mysql:\/\//);
  });

  it('starts from bin/wenzheng through its first line, with the node flags the server runs with', async () => {
    const bin = join(__dirname, '..', '..', 'bin', 'wenzheng');
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe(
      '#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node --max-semi-space-size=16 --heap-growing-percent=100',
    );
    const outcome = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = execFile(bin, ['frobnicate'], { encoding: 'utf8' }, (_error, _out, err) => resolve({ code: child.exitCode, err }));
    });
    expect(outcome).toEqual({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"\nusage: wenzheng <command>/) });
  });

  it("runs node as the kernel runs bin/wenzheng's first line: with glibc's huge pages for malloc and V8's flags", async () => {
    const [interpreter, argument] = readFileSync(join(__dirname, '..', '..', 'bin', 'wenzheng'), 'utf8')
      .split('\n')[0]!
      .slice(2)
      .split(/ (.*)/s);
    const printed = await new Promise<string>((resolve, reject) =>
      execFile(
        interpreter!,
        [argument!, '-p', 'JSON.stringify([process.env.GLIBC_TUNABLES, process.execArgv.filter((a) => a.startsWith("--"))])'],
        { env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.arena_max=1' } },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    expect(JSON.parse(printed)).toEqual(['glibc.malloc.hugetlb=1', ['--max-semi-space-size=16', '--heap-growing-percent=100']]);
  });

  it("keeps V8's compiled code of its modules in the user's own cache folder for the next start, never in one others can write", async () => {
    const bin = join(__dirname, '..', '..', 'bin', 'wenzheng');
    const start = async (temp: string) =>
      new Promise<number | null>((resolve) => {
        const child = execFile(bin, ['frobnicate'], { env: { ...process.env, TMPDIR: temp } }, () => resolve(child.exitCode));
      });
    const temp = mkdtempSync(join(tmpdir(), 'wenzheng-compiled-'));
    expect(await start(temp)).toBe(2);
    const [folder] = readdirSync(temp).filter((name) => name.startsWith('wenzheng-cache-'));
    expect(statSync(join(temp, folder!)).mode & 0o777).toBe(0o700);
    const files = readdirSync(join(temp, folder!), { recursive: true, encoding: 'utf8' });
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/BLOB$/), expect.stringMatching(/MAP$/)]));

    const open = mkdtempSync(join(tmpdir(), 'wenzheng-compiled-'));
    const shared = join(open, `wenzheng-cache-${process.getuid!()}`);
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(await start(open)).toBe(2);
    expect(readdirSync(shared)).toEqual([]);
  });

  it('exits 2 on a wrong command line with the error and one usage line, not the whole help', async () => {
    const result = await run(['frobnicate'], {});
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'wenzheng: unknown command "frobnicate"\nusage: wenzheng <command> [options]   (wenzheng --help lists every command)',
    );
    const within = await run(['cases', 'due', '--within', 'soon'], {});
    expect(within.code).toBe(2);
    expect(within.err.split('\n')).toEqual([
      expect.stringContaining('--within must be'),
      'usage: wenzheng cases due [--within N] [--agency CODE] [--json]   (wenzheng --help lists every command)',
    ]);
    const flag = await run(['kb', 'export', '--nonsense'], {});
    expect(flag.err.split('\n')[1]).toBe('usage: wenzheng kb export [FILE]   (wenzheng --help lists every command)');
    expect(await run(['cases', 'show', ''], {})).toMatchObject({
      code: 2,
      err: expect.stringContaining('cases show needs one tracking NUMBER'),
    });
    // A line that stands for two subcommands is the line of each.
    const enable = await run(['staff', 'enable'], {});
    expect(enable.err.split('\n')[1]).toBe('usage: wenzheng staff disable|enable --name NAME   (wenzheng --help lists every command)');
  });

  it("refuses a negative number (--within -1, --weeks -1) in the option's own words with exit 2, not as an ambiguous argument", async () => {
    const within = await run(['cases', 'due', '--within', '-1'], {});
    expect(within).toMatchObject({ code: 2 });
    expect(within.err.split('\n')).toEqual([
      'wenzheng: --within must be a number of working days from 0 to 99 (got "-1")',
      'usage: wenzheng cases due [--within N] [--agency CODE] [--json]   (wenzheng --help lists every command)',
    ]);
    const weeks = await run(['eval', '--weeks', '-1'], {});
    expect(weeks).toMatchObject({ code: 2 });
    expect(weeks.err.split('\n')[0]).toBe('wenzheng: --weeks must be a whole number from 1 to 104 (got "-1")');
    expect((await run(['report', 'annual', '--year', '-2026'], {})).err).toMatch(
      /^wenzheng: report annual needs --year YYYY, from 2000 \(got "-2026"\)/,
    );
  });

  it('refuses an empty question to ask with exit 2, instead of answering it with the fallback', async () => {
    for (const text of ['', '   ']) {
      const result = await run(['ask', text], {});
      expect(result).toMatchObject({ code: 2, out: '' });
      expect(result.err.split('\n')).toEqual([
        expect.stringContaining('TEXT is empty'),
        expect.stringMatching(/^usage: wenzheng ask \[--json\] \[TEXT\]/),
      ]);
    }
  });

  it('refuses a --since that is no calendar date (2026-02-30) with exit 2, rather than reading it as 2 March', async () => {
    for (const since of ['2026-02-30', '2026-2-3']) {
      const result = await run(['kb', 'gaps', '--since', since], { WENZHENG_DB: sqlite() });
      expect(result).toMatchObject({ code: 2, err: expect.stringContaining(`--since must be a date YYYY-MM-DD (got "${since}")`) });
    }
  });

  it('lists the agency codes when --agency names none of them', async () => {
    const result = await run(['cases', 'due', '--agency', 'nosuch'], { WENZHENG_DB: sqlite() });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--agency "nosuch" is not an agency code in config\/agencies\.yaml; the codes are: .*housing/);
  });

  it('exits quietly when the reader of its output leaves early (`kb export | head`)', async () => {
    const db = sqlite();
    const seeds = join(__dirname, '..', '..', 'seeds', 'knowledge');
    expect((await run(['kb', 'import', ...readdirSync(seeds).map((f) => join(seeds, f))], { WENZHENG_DB: db })).code).toBe(0);
    const bin = join(__dirname, '..', '..', 'bin', 'wenzheng');
    const outcome = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(bin, ['kb', 'export'], { env: { ...process.env, WENZHENG_DB: db, WENZHENG_LOG_LEVEL: 'silent' } });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      // Like head: read the first chunk, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(outcome).toEqual({ code: 0, err: '' });
  }, 120_000);

  it('logs to standard error, so that what a command writes to standard output stays parseable', async () => {
    const db = sqlite();
    expect((await run(['migrate'], { WENZHENG_DB: db })).code).toBe(0);
    const bin = join(__dirname, '..', '..', 'bin', 'wenzheng');
    const env: NodeJS.ProcessEnv = { ...process.env, WENZHENG_DB: db };
    // The quick start's default: no data key, so the app warns, at the commands' default level.
    delete env.WENZHENG_DATA_KEY;
    delete env.WENZHENG_LOG_LEVEL;
    const runBin = (args: string[]) =>
      new Promise<{ out: string; err: string }>((resolve) => {
        execFile(bin, args, { env, encoding: 'utf8' }, (_error, out, err) => resolve({ out, err }));
      });
    const exported = await runBin(['kb', 'export']);
    expect(exported.err).toMatch(/WENZHENG_DATA_KEY is not set/);
    expect(JSON.parse(exported.out)).toMatchObject({ entries: expect.any(Array) });
    const asked = await runBin(['ask', '--json', '低保怎么申请']);
    expect(asked.err).toMatch(/WENZHENG_DATA_KEY is not set/);
    expect(JSON.parse(asked.out)).toMatchObject({ text: '低保怎么申请', decision: 'answer' });
  }, 120_000);

  it('migrates, imports, asks and exports against one database', async () => {
    const db = sqlite();
    expect((await run(['migrate'], { WENZHENG_DB: db })).out).toMatch(/applied: Conversations/);
    expect((await run(['migrate'], { WENZHENG_DB: db })).out).toBe('database is up to date');

    const asked = await run(['ask', '--json', '低保怎么申请'], { WENZHENG_DB: db });
    const line = JSON.parse(asked.out);
    expect(line).toMatchObject({ text: '低保怎么申请', decision: 'answer', intent: null, entry: 'minimum-living-allowance-apply' });
    expect(Object.keys(line)).toEqual(['text', 'decision', 'intent', 'entry', 'section', 'score', 'candidates', 'place']);
    const elsewhere = await run(['ask', '--json', '南京的公积金怎么取'], { WENZHENG_DB: db });
    expect(JSON.parse(elsewhere.out)).toMatchObject({ decision: 'elsewhere', entry: null, place: '南京市' });

    const files = tempFiles({
      'new.yaml':
        'entries:\n  - key: pet-licence\n    kind: guide\n    title: 养犬登记\n    questions: [养狗要办什么证]\n    answer: 到所在地公安派出所办理养犬登记。\n',
    });
    expect((await run(['kb', 'import', files['new.yaml']], { WENZHENG_DB: db })).out).toBe('created 1, updated 0, unchanged 0, archived 0');
    const audited = new Database(db.slice('sqlite:'.length))
      .prepare("SELECT actor, action, object_id AS objectId FROM audit_event WHERE object_id = 'pet-licence'")
      .all();
    expect(audited).toEqual([{ actor: expect.stringMatching(/^cli:/), action: 'kb.import', objectId: 'pet-licence' }]);
    const target = join(mkdtempSync(join(tmpdir(), 'wenzheng-export-')), 'kb.json');
    expect((await run(['kb', 'export', target], { WENZHENG_DB: db })).err).toMatch(/exported \d+ entries to/);
    expect(JSON.parse(readFileSync(target, 'utf8')).entries.find((e: { key: string }) => e.key === 'pet-licence')).toMatchObject({
      title: '养犬登记',
      status: 'published',
    });
  });

  it('reports every invalid field of an import and exits 2', async () => {
    const files = tempFiles({
      'bad.json': JSON.stringify({ entries: [{ key: 'x', kind: 'guide', title: '', questions: [], answer: 'a' }] }),
    });
    const result = await run(['kb', 'import', files['bad.json']], { WENZHENG_DB: sqlite() });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/bad\.json: entries\[0\]\.key: /);
    expect(result.err).toMatch(/bad\.json: entries\[0\]\.title: must not be empty/);
    expect(result.err).toMatch(/bad\.json: entries\[0\]\.questions: needs at least one question/);
  });
});
