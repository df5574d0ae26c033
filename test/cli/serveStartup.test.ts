import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli';

const listening = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server) => (server.address() as { port: number }).port;

/** `wenzheng serve` that cannot start says why in one line and exits non-zero, instead of hanging half-started. */
describe('wenzheng serve when it cannot start', () => {
  it('exits 1 with one line when the port is taken, before migrating or seeding anything', async () => {
    const taken = await listening();
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-port-')), 'port.db');
    try {
      const result = await runCli(['serve'], {
        env: {
          WENZHENG_DB: `sqlite:${file}`,
          WENZHENG_HOST: '127.0.0.1',
          WENZHENG_PORT: String(portOf(taken)),
          WENZHENG_MATCH_THREADS: '0',
        },
      });
      expect(result.code).toBe(1);
      expect(result.err).toBe(`wenzheng: port ${portOf(taken)} on 127.0.0.1 is already in use (WENZHENG_PORT, WENZHENG_HOST)`);
      const tables = new Database(file).prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'knowledge_entry'").all();
      expect(tables).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('exits 1 with one line naming WENZHENG_DB, without the password, when MySQL cannot be reached', async () => {
    const closed = await listening();
    const port = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    const result = await runCli(['serve'], {
      env: { WENZHENG_DB: `mysql://wz:SuperSecretDbPass@127.0.0.1:${port}/wenzheng`, WENZHENG_MATCH_THREADS: '0' },
    });
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(
      new RegExp(
        `^wenzheng: cannot connect to the database of WENZHENG_DB \\(mysql://wz@127\\.0\\.0\\.1:${port}/wenzheng\\): .*ECONNREFUSED`,
      ),
    );
    expect(result.err).not.toContain('SuperSecretDbPass');
  });
});

describe('a server starting on SQLite', () => {
  it('loads no library it does not need to answer: the MySQL client, wechaty, the lunar calendar, and, once a start kept what they made, YAML and pinyin', async () => {
    const root = join(__dirname, '..', '..');
    // The built server (npm run build), in a process of its own: what it required stays in require.cache.
    const script = `
      const { loadConfig } = require('./dist/config');
      const { createApp } = require('./dist/src/app');
      (async () => {
        const app = await createApp(loadConfig({ ...process.env, WENZHENG_DB: 'sqlite::memory:', WENZHENG_LOG_LEVEL: 'silent' }));
        await app.start();
        process.stdout.write(JSON.stringify({ understood: app.understand('低保怎么申请', new Date()).decision, loaded: Object.keys(require.cache) }));
        await app.close();
      })();`;
    const start = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['-e', script], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) =>
          err ? reject(err) : resolve(stdout),
        ),
      );
    // The first start may parse the data files and build the index (a machine's first); the second reads them back.
    await start();
    const { understood, loaded } = JSON.parse(await start()) as { understood: string; loaded: string[] };
    expect(understood).toBe('answer');
    // Code only: a package's package.json may be read for its version.
    const code = loaded.filter((file) => !file.endsWith('.json'));
    const packages = new Set(code.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));
    expect(packages).toContain('typeorm');
    for (const unneeded of ['mysql2', 'wechaty', 'lunar-typescript', 'yaml', 'pinyin-pro']) expect(packages).not.toContain(unneeded);
  }, 60_000);
});
