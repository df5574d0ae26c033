import pino from 'pino';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../src/app';
import { webhookNonces } from '../../src/channels/wechat/nonces';
import { freshDatabaseUrl } from '../support/testApp';

// The module object itself (not a namespace copy), whose Worker the match threads are made with.
const workerThreads = jest.requireActual<typeof import('node:worker_threads')>('node:worker_threads');

/** What no request waits for begins once the server is ready, not before (a start on one core pays for all of it). */
describe('a server start', () => {
  it('is ready before the periodic jobs first run and before its match threads start', async () => {
    const database = await freshDatabaseUrl();
    const seen: string[] = [];
    // The app once built: a thread or job started while it is being built sees none.
    const built: { app?: App } = {};
    const { Worker } = workerThreads;
    jest.spyOn(workerThreads, 'Worker').mockImplementation((...args) => {
      seen.push(`match thread, started: ${built.app?.started}`);
      return new Worker(...args);
    });
    const purge = webhookNonces.purgeExpired.bind(webhookNonces);
    jest.spyOn(webhookNonces, 'purgeExpired').mockImplementation((db, now) => {
      seen.push(`expired nonces purged, started: ${built.app?.started}`);
      return purge(db, now);
    });
    const config = loadConfig({ WENZHENG_DB: database.url, WENZHENG_MATCH_THREADS: '1', WENZHENG_LOG_LEVEL: 'silent' });
    const app = (built.app = await createApp(config, { logger: pino({ level: 'silent' }) }));
    try {
      expect(app.started).toBe(false);
      await app.start();
      expect(seen).toEqual(['match thread, started: true', 'expired nonces purged, started: true']);
    } finally {
      await app.close();
      await database.drop();
      jest.restoreAllMocks();
    }
  });
});
