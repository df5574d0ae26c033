import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/freePort';
import { connectToServer, freshDatabaseUrl } from '../support/testApp';

const BIN = join(__dirname, '..', '..', 'bin', 'wenzheng');

/** Two replicas of a deployment start at the same moment on a fresh database: both migrate and seed safely. */
describe('two compiled servers started at once on a fresh database', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('both become ready, with the knowledge base seeded once', async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js')))
      throw new Error('the compiled server is missing: run `npm run build` before the tests');
    const database = await freshDatabaseUrl();
    const ports = [await freePort(), await freePort()];
    const exits: (number | null)[] = [];
    const stderr: string[] = [];
    for (const port of ports) {
      const env = {
        ...process.env,
        NODE_ENV: 'test',
        WENZHENG_DB: database.url,
        WENZHENG_PORT: String(port),
        WENZHENG_HOST: '127.0.0.1',
        WENZHENG_LOG_LEVEL: 'silent',
        WENZHENG_MATCH_THREADS: '0',
        WENZHENG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'wenzheng-start-')),
      };
      const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      child.on('exit', (code) => exits.push(code));
      children.push(child);
    }
    const ready = async (port: number) => {
      for (let i = 0; i < 600; i++) {
        if (exits.length) throw new Error(`a server exited with ${exits.join(', ')}: ${stderr.join('').slice(-2000)}`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the server on ${port} did not become ready`);
    };
    await Promise.all(ports.map(ready));
    const conn = await connectToServer(database.url, true);
    try {
      const [rows] = await conn.query('SELECT COUNT(*) AS entries FROM knowledge_entry');
      const entries = Number((rows as { entries: number }[])[0].entries);
      expect(entries).toBeGreaterThan(0);
      // Seeded once: one version per entry.
      const [revisions] = await conn.query('SELECT COUNT(*) AS n FROM knowledge_entry_version');
      expect(Number((revisions as { n: number }[])[0].n)).toBe(entries);
    } finally {
      await conn.end();
      for (const child of children) child.kill('SIGTERM');
      await database.drop();
    }
  }, 90_000);
});
