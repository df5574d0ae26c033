import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../support/testApp';

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens GET /api/v1/threads/stream with a staff token on a real socket; `next` waits for a matching event. */
export async function openStream(app: TestApp, token: string) {
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const events: SseEvent[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let buffer = '';
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = get(
      { host: '127.0.0.1', port, path: '/api/v1/threads/stream', headers: { Authorization: `Bearer ${token}` }, agent: false },
      resolve,
    );
    req.on('error', reject);
  });
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
      events.push(parsed);
      for (const w of [...waiters]) {
        if (w.match(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    }
  });
  response.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => response.on('close', () => resolve()));
  return {
    /** Resolves when the server ends the stream. */
    ended,
    status: response.statusCode,
    contentType: response.headers['content-type'],
    events,
    next(match: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    async close() {
      response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
