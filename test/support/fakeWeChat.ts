import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
}

type Responder = (request: RecordedRequest) => { status?: number; body: unknown } | undefined;

/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1: records every request and answers like WeChat
 * does, with per-path overrides so a test can script expired tokens or refused sends.
 */
export class FakeWeChatApi {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private tokenCounter = 0;
  /** Scripted answers, consumed first-in first-out per path; when empty the default answer applies. */
  private readonly scripted = new Map<string, Responder[]>();

  get baseUrl(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  script(path: string, ...responders: Responder[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...responders]);
  }

  sent(): { touser: string; content: string; accessToken: string | null }[] {
    return this.requests
      .filter((r) => r.path === '/cgi-bin/message/custom/send' && r.body)
      .map((r) => ({
        touser: String(r.body?.touser),
        content: String((r.body?.text as { content: string }).content),
        accessToken: r.query.get('access_token'),
      }));
  }

  /** Waits until `predicate` holds for the recorded requests (the outbox sends asynchronously). */
  async waitFor(predicate: (fake: this) => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > until) throw new Error('fake WeChat API: condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(req: IncomingMessage): Promise<{ status?: number; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
    this.requests.push(recorded);
    const scripted = this.scripted.get(url.pathname)?.shift()?.(recorded);
    if (scripted) return scripted;
    switch (url.pathname) {
      case '/cgi-bin/stable_token':
        this.tokenCounter += 1;
        return { body: { access_token: `token-${this.tokenCounter}`, expires_in: 7200 } };
      case '/cgi-bin/message/custom/send':
        return { body: { errcode: 0, errmsg: 'ok' } };
      case '/sns/jscode2session':
        return { body: { openid: `openid-for-${url.searchParams.get('js_code')}`, session_key: 'session-key' } };
      default:
        return { status: 404, body: { errcode: 404, errmsg: 'unknown path' } };
    }
  }
}
