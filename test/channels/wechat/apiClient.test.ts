import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_WECHAT_API_BASE_URL,
  InMemoryAccessTokenStore,
  WeChatApiClient,
  WeChatApiError,
  type AccessTokenStore,
  type WeChatApiClientOptions,
} from '../../../src/channels/wechat/apiClient';

const SEND = '/cgi-bin/message/custom/send';
const TOKEN = '/cgi-bin/stable_token';
const LOGIN = '/sns/jscode2session';

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: unknown;
}

interface FakeReply {
  status?: number;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  delayMs?: number;
}

type Route = (request: RecordedRequest) => FakeReply;

/** A stand-in for api.weixin.qq.com on 127.0.0.1 that records every request it gets. */
class FakeWeChatApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly server: Server;
  private issuedTokens = 0;
  baseUrl = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    // By default the token endpoint hands out token-1, token-2, ... valid for 7200 s, and sends succeed.
    this.route(TOKEN, () => ({ body: { access_token: `token-${++this.issuedTokens}`, expires_in: 7200 } }));
    this.route(SEND, () => ({ body: { errcode: 0, errmsg: 'ok' } }));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  route(path: string, route: Route): void {
    this.routes.set(path, route);
  }

  /** Answers successive calls to path with the given replies, repeating the last one. */
  script(path: string, replies: FakeReply[]): void {
    let next = 0;
    this.route(path, () => replies[Math.min(next++, replies.length - 1)]!);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body: raw === '' ? undefined : JSON.parse(raw),
    };
    this.requests.push(request);
    const route = this.routes.get(url.pathname);
    const reply = route ? route(request) : { status: 404, body: 'not found' };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    // Like the real API: text/plain even for JSON.
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain' });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { errcode: 0, errmsg: 'ok' }));
  }
}

const T0 = new Date('2024-05-01T00:00:00Z').getTime();

let api: FakeWeChatApi;
let clock: number;

beforeEach(async () => {
  api = new FakeWeChatApi();
  await api.start();
  clock = T0;
});

afterEach(async () => {
  await api.stop();
});

function client(overrides: Partial<WeChatApiClientOptions> = {}): WeChatApiClient {
  return new WeChatApiClient({
    appId: 'wxAPP',
    appSecret: 'SECRET-123',
    tokenStore: new InMemoryAccessTokenStore(),
    baseUrl: api.baseUrl,
    // The client's own default timeout (5 s): these tests are not about time, and a starved test worker took over
    // a second for a round trip to the fake (reproduced at load 38: 35 of 75 runs with 1 s). Timeout tests set their own.
    now: () => new Date(clock),
    ...overrides,
  });
}

function tokensUsed(): Array<string | null> {
  return api.requestsTo(SEND).map((request) => request.query.get('access_token'));
}

describe('access token', () => {
  it('defaults to the production API and a 5-minute refresh margin', () => {
    expect(DEFAULT_WECHAT_API_BASE_URL).toBe('https://api.weixin.qq.com');
    expect(DEFAULT_REFRESH_MARGIN_MS).toBe(300_000);
  });

  it('is fetched from stable_token once and then served from the store', async () => {
    const wechat = client();
    expect(await wechat.sendText('oCitizen', '您好')).toEqual({ status: 'sent' });
    expect(await wechat.sendText('oCitizen', '再见')).toEqual({ status: 'sent' });

    const tokenRequests = api.requestsTo(TOKEN);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatchObject({
      method: 'POST',
      body: { grant_type: 'client_credential', appid: 'wxAPP', secret: 'SECRET-123', force_refresh: false },
    });
    expect(tokenRequests[0]!.contentType).toMatch(/^application\/json/);
    expect(tokensUsed()).toEqual(['token-1', 'token-1']);
  });

  it('is shared through the store by clients on other instances', async () => {
    const store = new InMemoryAccessTokenStore();
    await client({ tokenStore: store }).sendText('o1', 'a');
    await client({ tokenStore: store }).sendText('o2', 'b');
    expect(api.requestsTo(TOKEN)).toHaveLength(1);
    expect(await store.get('wxAPP')).toEqual({ token: 'token-1', expiresAt: new Date(T0 + 7200_000) });
  });

  it('is refreshed once it is within the margin of expiry, not before', async () => {
    const wechat = client();
    await wechat.sendText('o1', 'a');
    clock = T0 + 7200_000 - DEFAULT_REFRESH_MARGIN_MS - 1000;
    await wechat.sendText('o1', 'b');
    expect(api.requestsTo(TOKEN)).toHaveLength(1);

    clock = T0 + 7200_000 - DEFAULT_REFRESH_MARGIN_MS + 1000;
    await wechat.sendText('o1', 'c');
    expect(api.requestsTo(TOKEN)).toHaveLength(2);
    expect(api.requestsTo(TOKEN)[1]!.body).toMatchObject({ force_refresh: false });
    expect(tokensUsed()).toEqual(['token-1', 'token-1', 'token-2']);
  });

  it('honours a configured refresh margin', async () => {
    const wechat = client({ refreshMarginMs: 3600_000 });
    await wechat.getAccessToken();
    clock = T0 + 3600_000 - 1000;
    await wechat.getAccessToken();
    clock = T0 + 3600_000 + 1000;
    await wechat.getAccessToken();
    expect(api.requestsTo(TOKEN)).toHaveLength(2);
  });

  it('is fetched only once by concurrent callers', async () => {
    api.route(TOKEN, () => ({ body: { access_token: 'slow-token', expires_in: 7200 }, delayMs: 50 }));
    const wechat = client();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => wechat.sendText(`o${n}`, 'hi')));
    expect(results.every((result) => result.status === 'sent')).toBe(true);
    expect(api.requestsTo(TOKEN)).toHaveLength(1);
  });

  it('reports token endpoint errors as a WeChatApiError without leaking the secret', async () => {
    api.route(TOKEN, () => ({ body: { errcode: 40125, errmsg: 'invalid appsecret' } }));
    const error = await client()
      .getAccessToken()
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ retryable: false, message: 'access token: errcode 40125: invalid appsecret' });
    expect(String((error as Error).message)).not.toContain('SECRET-123');
  });

  it('rejects a token response without a token', async () => {
    api.route(TOKEN, () => ({ body: { expires_in: 7200 } }));
    await expect(client().getAccessToken()).rejects.toMatchObject({ retryable: true });
  });
});

describe('sendText', () => {
  it('posts a customer-service text message', async () => {
    expect(await client().sendText('oCitizen', '办理时间：工作日 9:00-17:00')).toEqual({ status: 'sent' });
    const [request] = api.requestsTo(SEND);
    expect(request).toMatchObject({
      method: 'POST',
      body: { touser: 'oCitizen', msgtype: 'text', text: { content: '办理时间：工作日 9:00-17:00' } },
    });
    expect(request!.query.get('access_token')).toBe('token-1');
  });

  it.each([40001, 40014, 42001])('refreshes the token once and retries after errcode %i', async (errcode) => {
    api.script(SEND, [{ body: { errcode, errmsg: 'invalid credential' } }, { body: { errcode: 0, errmsg: 'ok' } }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'sent' });
    expect(tokensUsed()).toEqual(['token-1', 'token-2']);
    expect(api.requestsTo(TOKEN).map((request) => (request.body as { force_refresh: boolean }).force_refresh)).toEqual([false, true]);
  });

  it('reports the app as blocked after one retry when the new token is refused too, and forgets that token', async () => {
    api.script(SEND, [
      { body: { errcode: 40001, errmsg: 'invalid credential' } },
      { body: { errcode: 40001, errmsg: 'invalid credential' } },
      { body: { errcode: 0, errmsg: 'ok' } },
    ]);
    const wechat = client();
    expect(await wechat.sendText('o1', 'hi')).toEqual({
      status: 'blocked',
      reason: 'access token refused again after a refresh (errcode 40001: invalid credential)',
    });
    expect(api.requestsTo(SEND)).toHaveLength(2);
    expect(api.requestsTo(TOKEN)).toHaveLength(2);
    expect(await wechat.sendText('o1', 'hi')).toEqual({ status: 'sent' });
    expect(tokensUsed()).toEqual(['token-1', 'token-2', 'token-3']);
  });

  it('drops a refused token from the store when the forced refresh fails, instead of reusing it', async () => {
    const store = new InMemoryAccessTokenStore();
    const wechat = client({ tokenStore: store });
    await wechat.getAccessToken();
    api.script(SEND, [{ body: { errcode: 40001, errmsg: 'invalid credential' } }, { body: { errcode: 0, errmsg: 'ok' } }]);
    api.script(TOKEN, [
      { body: { errcode: 40164, errmsg: 'invalid ip, not in whitelist' } },
      { body: { access_token: 'token-after-whitelisting', expires_in: 7200 } },
    ]);
    expect(await wechat.sendText('o1', 'hi')).toMatchObject({ status: 'blocked' });
    expect(await store.get('wxAPP')).toBeNull();
    expect(await wechat.sendText('o1', 'hi')).toEqual({ status: 'sent' });
    expect(tokensUsed()).toEqual(['token-1', 'token-after-whitelisting']);
  });

  it('force-refreshes only once when concurrent sends hit the same stale token', async () => {
    const wechat = client();
    await wechat.getAccessToken();
    api.route(SEND, (request) =>
      request.query.get('access_token') === 'token-1'
        ? { body: { errcode: 40001, errmsg: 'invalid credential' } }
        : { body: { errcode: 0 } },
    );
    const results = await Promise.all([wechat.sendText('o1', 'a'), wechat.sendText('o2', 'b'), wechat.sendText('o3', 'c')]);
    expect(results).toEqual([{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }]);
    expect(api.requestsTo(TOKEN)).toHaveLength(2);
  });

  it.each([
    [45015, 'response out of time limit or subscription is canceled', /48-hour/],
    [45047, 'out of response count limit', /quota/],
  ])('reports errcode %i as undeliverable without retrying', async (errcode, errmsg, reasonPattern) => {
    api.script(SEND, [{ body: { errcode, errmsg } }]);
    const result = await client().sendText('o1', 'hi');
    expect(result).toMatchObject({ status: 'undeliverable' });
    expect(result.status === 'undeliverable' && result.reason).toMatch(reasonPattern);
    expect(result.status === 'undeliverable' && result.reason).toContain(`errcode ${errcode}: ${errmsg}`);
    expect(api.requestsTo(SEND)).toHaveLength(1);
    expect(api.requestsTo(TOKEN)).toHaveLength(1);
  });

  it.each([500, 502, 503, 429])('reports HTTP %i as retryable', async (status) => {
    api.script(SEND, [{ status, body: 'upstream trouble' }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'retryable', reason: `HTTP ${status}` });
    expect(api.requestsTo(SEND)).toHaveLength(1);
  });

  it('reports "system busy" (-1) as retryable', async () => {
    api.script(SEND, [{ body: { errcode: -1, errmsg: 'system error' } }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'retryable', reason: 'errcode -1: system error' });
  });

  it('reports a timeout as retryable', async () => {
    // The token is already stored, so that only the send is timed: a starved test worker can take longer than
    // 100 ms to fetch a token from the fake.
    const tokenStore = new InMemoryAccessTokenStore();
    await tokenStore.save('wxAPP', 'token-0', new Date(T0 + 7200_000));
    api.script(SEND, [{ body: { errcode: 0 }, delayMs: 500 }]);
    expect(await client({ timeoutMs: 100, tokenStore }).sendText('o1', 'hi')).toEqual({
      status: 'retryable',
      reason: 'no response within 100 ms',
    });
    expect(api.requestsTo(TOKEN)).toHaveLength(0);
  });

  it('reports a refused connection as retryable', async () => {
    const closed = new FakeWeChatApi();
    await closed.start();
    await closed.stop();
    const result = await client({ baseUrl: closed.baseUrl }).sendText('o1', 'hi');
    expect(result).toEqual({ status: 'retryable', reason: 'access token: network error: ECONNREFUSED' });
  });

  it('reports a response that is not JSON as retryable', async () => {
    api.script(SEND, [{ body: '<html>gateway</html>' }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'retryable', reason: 'response is not JSON' });
  });

  it('reports other errcodes as failed with the code and message', async () => {
    api.script(SEND, [{ body: { errcode: 40003, errmsg: 'invalid openid' } }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'failed', reason: 'errcode 40003: invalid openid' });
    expect(api.requestsTo(SEND)).toHaveLength(1);
  });

  it('reports other HTTP errors as failed', async () => {
    api.script(SEND, [{ status: 403, body: 'forbidden' }]);
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'failed', reason: 'HTTP 403' });
  });

  it('reports a token that cannot be obtained: retryable when WeChat is busy, blocked when refused', async () => {
    api.route(TOKEN, () => ({ body: { errcode: -1, errmsg: 'system error' } }));
    expect(await client().sendText('o1', 'hi')).toEqual({ status: 'retryable', reason: 'access token: errcode -1: system error' });
    api.route(TOKEN, () => ({ body: { errcode: 40164, errmsg: 'invalid ip, not in whitelist' } }));
    expect(await client().sendText('o1', 'hi')).toEqual({
      status: 'blocked',
      reason: 'access token: errcode 40164: invalid ip, not in whitelist',
    });
    expect(api.requestsTo(SEND)).toHaveLength(0);
  });

  it('works with a base URL given with a trailing slash', async () => {
    expect(await client({ baseUrl: `${api.baseUrl}/` }).sendText('o1', 'hi')).toEqual({ status: 'sent' });
  });
});

describe('codeToSession', () => {
  it('exchanges a login code for the openid and session key', async () => {
    api.route(LOGIN, () => ({ body: { openid: 'oMini', session_key: 'sk==', unionid: 'uUnion' } }));
    expect(await client().codeToSession('code-1')).toEqual({ status: 'ok', openId: 'oMini', sessionKey: 'sk==', unionId: 'uUnion' });
    const [request] = api.requestsTo(LOGIN);
    expect(request!.method).toBe('GET');
    expect(Object.fromEntries(request!.query)).toEqual({
      appid: 'wxAPP',
      secret: 'SECRET-123',
      js_code: 'code-1',
      grant_type: 'authorization_code',
    });
    expect(api.requestsTo(TOKEN)).toHaveLength(0);
  });

  it('omits unionId when WeChat sends none', async () => {
    api.route(LOGIN, () => ({ body: { openid: 'oMini', session_key: 'sk==' } }));
    expect(await client().codeToSession('code-1')).toEqual({ status: 'ok', openId: 'oMini', sessionKey: 'sk==' });
  });

  it('reports an invalid code as failed with its errcode', async () => {
    api.route(LOGIN, () => ({ body: { errcode: 40029, errmsg: 'invalid code' } }));
    expect(await client().codeToSession('bad')).toEqual({ status: 'failed', reason: 'errcode 40029: invalid code', errcode: 40029 });
  });

  it('reports system busy, rate limiting and outages as retryable', async () => {
    api.script(LOGIN, [
      { body: { errcode: -1, errmsg: 'system error' } },
      { body: { errcode: 45011, errmsg: 'api minute-quota reach limit' } },
      { status: 502, body: 'bad gateway' },
    ]);
    const wechat = client();
    expect(await wechat.codeToSession('c')).toMatchObject({ status: 'retryable' });
    expect(await wechat.codeToSession('c')).toMatchObject({ status: 'retryable' });
    expect(await wechat.codeToSession('c')).toEqual({ status: 'retryable', reason: 'HTTP 502' });
  });

  it('reports a success without openid as failed', async () => {
    api.route(LOGIN, () => ({ body: { session_key: 'sk==' } }));
    expect(await client().codeToSession('c')).toMatchObject({ status: 'failed' });
  });
});

describe('InMemoryAccessTokenStore', () => {
  it('runs refresh-lock holders one at a time per AppID, and continues after a failure', async () => {
    const store: AccessTokenStore = new InMemoryAccessTokenStore();
    const events: string[] = [];
    const hold = (name: string, ms: number, fail = false) =>
      store.withRefreshLock('wxA', async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      });
    const outcomes = await Promise.allSettled([hold('a', 30, true), hold('b', 10), hold('c', 1)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('does not serialize different AppIDs', async () => {
    const store = new InMemoryAccessTokenStore();
    const events: string[] = [];
    let releaseA: () => void = () => undefined;
    const a = store.withRefreshLock('wxA', async () => {
      events.push('a:start');
      await new Promise<void>((resolve) => (releaseA = resolve));
      events.push('a:end');
    });
    const b = store.withRefreshLock('wxB', async () => {
      events.push('b');
    });
    await b;
    releaseA();
    await a;
    expect(events).toEqual(['a:start', 'b', 'a:end']);
  });
});
