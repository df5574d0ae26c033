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
