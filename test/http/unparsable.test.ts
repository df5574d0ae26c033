import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { answerUnparsableRequests } from '../../src/platform/http/unparsable';

/** Sends raw bytes as an HTTP request and returns the whole raw answer. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answer a raw (un-encoded) UTF-8 query string with a JSON 400, not an empty one', async () => {
    const server = createServer((_req, res) => res.end('{}'));
    answerUnparsableRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await rawRequest(
        port,
        Buffer.concat([
          Buffer.from('GET /api/v1/kb/entries?q='),
          Buffer.from('低保', 'utf8'),
          Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n'),
        ]),
      );
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      expect(head).toContain('Content-Type: application/json; charset=utf-8');
      expect(JSON.parse(body!)).toEqual({
        error: { code: 'unparsable_request', message: expect.stringContaining('percent-encode non-ASCII characters') },
      });
      // An encoded one reaches the app.
      expect(
        await rawRequest(
          port,
          Buffer.from(`GET /api/v1/kb/entries?q=${encodeURIComponent('低保')} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
        ),
      ).toMatch(/^HTTP\/1\.1 200 OK/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
