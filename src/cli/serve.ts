import { createServer, type Server } from 'node:http';
import type { App } from '../app';
import { answerUnparsableRequests } from '../http/unparsable';

/** Listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish, closes the database. */
export async function serve(app: App): Promise<{ server: Server; stopped: Promise<void> }> {
  const { host, port, shutdownTimeoutMs } = app.config.http;
  const server = createServer(app.callback());
  answerUnparsableRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  app.logger.info({ address }, 'wenzheng is listening');

  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        app.logger.warn('in-flight requests did not finish in time, closing connections');
        server.closeAllConnections();
      }, shutdownTimeoutMs);
      force.unref();
      server.close(async () => {
        clearTimeout(force);
        await app.close();
        app.logger.info('stopped');
        resolve();
      });
      server.closeIdleConnections();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return { server, stopped };
}
