import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before the app sees them (a raw, un-encoded UTF-8 query
 * string, a broken header) get the API's JSON error body instead of an empty 400.
 */
export function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // Headers or a body that never finish (WENZHENG_HEADERS_TIMEOUT_MS / _REQUEST_TIMEOUT_MS) are a timeout, not a parse error.
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      const body = JSON.stringify({ error: { code: 'request_timeout', message: 'the request took too long to arrive' } });
      socket.end(
        `HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const message = tooLarge
      ? 'the request headers are too large'
      : `the request could not be parsed (${err.code ?? 'bad request'}): percent-encode non-ASCII characters in the URL, e.g. with encodeURIComponent`;
    const body = JSON.stringify({ error: { code: tooLarge ? 'headers_too_large' : 'unparsable_request', message } });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
