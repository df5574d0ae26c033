import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { StartupError } from '../platform/startupError';
import { answerUnparsableRequests } from '../platform/http/unparsable';

/** What serving needs of the app: its HTTP settings, its logger, its request handler, and its end. */
export interface ServedApp {
  config: Pick<Config, 'http'>;
  logger: Logger;
  callback(): RequestListener;
  close(): Promise<void>;
}

/** Binds the port, before anything else starts: a taken port ends the start with one line. */
export async function listen(app: ServedApp): Promise<Server> {
  const { host, port, requestTimeoutMs, headersTimeoutMs, maxConnections } = app.config.http;
  // A body trickled byte by byte, or headers that never end, must not hold a connection for long.
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    app.callback(),
  );
  server.maxConnections = maxConnections;
  answerUnparsableRequests(server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new StartupError(`port ${port} on ${host} is already in use (WENZHENG_PORT, WENZHENG_HOST)`);
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new StartupError(`cannot listen on ${host}:${port} (WENZHENG_HOST, WENZHENG_PORT): ${code}`);
    throw err;
  }
  return server;
}

/** On SIGTERM/SIGINT stops accepting, lets in-flight requests finish, closes the database. */
export function serve(app: ServedApp, server: Server): { stopped: Promise<void> } {
  const { shutdownTimeoutMs } = app.config.http;
  app.logger.info({ address: server.address() }, 'wenzheng is listening');

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
  return { stopped };
}
