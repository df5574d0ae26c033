import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { listen } from '../../src/cli/serve';
import { createTestApp, type TestApp } from '../support/testApp';

/** Resolves with what the server said (if anything) once it closes the connection, or 'open' after waitMs. */
function outcome(socket: Socket, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    let said = '';
    socket.on('data', (chunk) => (said += chunk.toString('utf8')));
    const timer = setTimeout(() => resolve('open'), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(said || 'closed');
    });
    socket.on('error', () => undefined);
  });
}

describe('the HTTP server limits', () => {
  let app: TestApp;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    app = await createTestApp(
      {
        WENZHENG_HOST: '127.0.0.1',
        WENZHENG_PORT: '0',
        WENZHENG_REQUEST_TIMEOUT_MS: '1500',
        WENZHENG_HEADERS_TIMEOUT_MS: '1000',
        WENZHENG_MAX_CONNECTIONS: '3',
      },
      {},
      { seed: false },
    );
    server = await listen(app);
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  it('cuts a request whose body trickles in slower than the request timeout', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write('POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text":"');
    const drip = setInterval(() => socket.writable && socket.write('啊'), 300);
    const said = await outcome(socket, 6000);
    clearInterval(drip);
    expect(said).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts headers that never end', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    expect(await outcome(socket, 6000)).toMatch(/^HTTP\/1\.1 408|closed/);
  });

  it('closes connections beyond the cap at once', async () => {
    const held = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    const extra = connect(port, '127.0.0.1');
    expect(await outcome(extra, 2000)).toBe('closed');
    for (const socket of held) socket.destroy();
  });
});
