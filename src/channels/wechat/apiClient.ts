/**
 * The few WeChat server APIs the bot calls: stable access token, customer-service text message and
 * mini-program login (jscode2session). API errors come back as results, never as exceptions.
 */
import type { SendResult } from '../../conversation/outbox/outbound';

export const DEFAULT_WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';
export const DEFAULT_TIMEOUT_MS = 5000;
/** The platform itself renews a stable token in its last 5 minutes, so refreshing then gets a new one. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface StoredAccessToken {
  token: string;
  expiresAt: Date;
}

/** Shared token cache; the production one lives in the database so every server instance uses one token. */
export interface AccessTokenStore {
  get(appId: string): Promise<StoredAccessToken | null>;
  save(appId: string, token: string, expiresAt: Date): Promise<void>;
  /** Drops `token` if it is still the stored one (WeChat refused it and no new one could be had). */
  forget(appId: string, token: string): Promise<void>;
  /** Runs fn while no other caller (on any instance) holds the lock for appId. */
  withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T>;
}

/** A single-process store, for tests and one-instance development setups. */
export class InMemoryAccessTokenStore implements AccessTokenStore {
  private readonly tokens = new Map<string, StoredAccessToken>();
  private readonly lockTails = new Map<string, Promise<void>>();

  async get(appId: string): Promise<StoredAccessToken | null> {
    const stored = this.tokens.get(appId);
    return stored ? { token: stored.token, expiresAt: new Date(stored.expiresAt) } : null;
  }

  async save(appId: string, token: string, expiresAt: Date): Promise<void> {
    this.tokens.set(appId, { token, expiresAt: new Date(expiresAt) });
  }

  async forget(appId: string, token: string): Promise<void> {
    if (this.tokens.get(appId)?.token === token) this.tokens.delete(appId);
  }

  withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.lockTails.get(appId) ?? Promise.resolve();
    const run = previous.then(fn);
    // The chain must go on after a failed holder, so the tail swallows its error (the caller still sees it).
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.lockTails.set(appId, tail);
    void tail.then(() => {
      if (this.lockTails.get(appId) === tail) this.lockTails.delete(appId);
    });
    return run;
  }
}

export type CodeSessionResult =
  | { status: 'ok'; openId: string; sessionKey: string; unionId?: string }
  | { status: 'retryable'; reason: string }
  /** Usually a bad, expired or reused login code (errcode 40029, 40163) or a blocked user (40226). */
  | { status: 'failed'; reason: string; errcode?: number };

/** The access token could not be obtained. */
export class WeChatApiError extends Error {
  constructor(
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'WeChatApiError';
  }
}

export interface WeChatApiClientOptions {
  appId: string;
  appSecret: string;
  tokenStore: AccessTokenStore;
  baseUrl?: string;
  /** Per request, including reading the response body. */
  timeoutMs?: number;
  /** Tokens are renewed this long before they expire. */
  refreshMarginMs?: number;
  now?: () => Date;
}

/** The access token was rejected: invalid (40001), malformed (40014) or expired (42001). */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const SYSTEM_BUSY = -1;
const UNDELIVERABLE: ReadonlyMap<number, string> = new Map([
  [45015, 'outside the 48-hour customer-service window'],
  [45047, 'customer-service message quota exhausted'],
]);
/** jscode2session: too many logins for this user this minute. */
const LOGIN_RATE_LIMITED = 45011;

type CallOutcome =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'api-error'; errcode: number; errmsg: string }
  /** Worth retrying: network failure, timeout, 5xx or 429, a response that is not JSON. */
  | { kind: 'transient'; reason: string }
  | { kind: 'http-error'; reason: string };

function describeApiError(errcode: number, errmsg: string): string {
  return `errcode ${errcode}: ${errmsg}`;
}

export class WeChatApiClient {
  private readonly appId: string;
  private readonly appSecret: string;
  private readonly store: AccessTokenStore;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly refreshMarginMs: number;
  private readonly now: () => Date;

  constructor(options: WeChatApiClientOptions) {
    this.appId = options.appId;
    this.appSecret = options.appSecret;
    this.store = options.tokenStore;
    this.baseUrl = (options.baseUrl ?? DEFAULT_WECHAT_API_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** A valid access token, from the shared store when it is not about to expire. Throws WeChatApiError. */
  async getAccessToken(): Promise<string> {
    const cached = await this.store.get(this.appId);
    if (cached && this.isFresh(cached)) return cached.token;
    return this.refreshToken(undefined);
  }

  /**
   * Sends a customer-service text message to openId. Resolves with a result for every API outcome;
   * only a failing token store rejects.
   */
  async sendText(openId: string, content: string): Promise<SendResult> {
    let token: string;
    try {
      token = await this.getAccessToken();
    } catch (err) {
      return tokenFailure(err);
    }
    let outcome = await this.postSendText(token, openId, content);
    if (outcome.kind === 'api-error' && TOKEN_REJECTED.has(outcome.errcode)) {
      try {
        token = await this.refreshToken(token);
      } catch (err) {
        return tokenFailure(err);
      }
      outcome = await this.postSendText(token, openId, content);
      if (outcome.kind === 'api-error' && TOKEN_REJECTED.has(outcome.errcode)) {
        await this.store.forget(this.appId, token);
        return {
          status: 'blocked',
          reason: `access token refused again after a refresh (${describeApiError(outcome.errcode, outcome.errmsg)})`,
        };
      }
    }
    switch (outcome.kind) {
      case 'ok':
        return { status: 'sent' };
      case 'transient':
        return { status: 'retryable', reason: outcome.reason };
      case 'http-error':
        return { status: 'failed', reason: outcome.reason };
      case 'api-error': {
        const reason = describeApiError(outcome.errcode, outcome.errmsg);
        const undeliverable = UNDELIVERABLE.get(outcome.errcode);
        if (undeliverable !== undefined) return { status: 'undeliverable', reason: `${undeliverable} (${reason})` };
        if (outcome.errcode === SYSTEM_BUSY) return { status: 'retryable', reason };
        return { status: 'failed', reason };
      }
    }
  }

  /** Mini-program login: exchanges the code from wx.login for the citizen's openid and session key. */
  async codeToSession(code: string): Promise<CodeSessionResult> {
    const outcome = await this.call('GET', '/sns/jscode2session', {
      appid: this.appId,
      secret: this.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    switch (outcome.kind) {
      case 'transient':
        return { status: 'retryable', reason: outcome.reason };
      case 'http-error':
        return { status: 'failed', reason: outcome.reason };
      case 'api-error': {
        const reason = describeApiError(outcome.errcode, outcome.errmsg);
        if (outcome.errcode === SYSTEM_BUSY || outcome.errcode === LOGIN_RATE_LIMITED) {
          return { status: 'retryable', reason };
        }
        return { status: 'failed', reason, errcode: outcome.errcode };
      }
      case 'ok': {
        const { openid, session_key: sessionKey, unionid } = outcome.body;
        if (typeof openid !== 'string' || openid === '' || typeof sessionKey !== 'string') {
          return { status: 'failed', reason: 'jscode2session response lacks openid or session_key' };
        }
        return typeof unionid === 'string' && unionid !== ''
          ? { status: 'ok', openId: openid, sessionKey, unionId: unionid }
          : { status: 'ok', openId: openid, sessionKey };
      }
    }
  }

  private isFresh(stored: StoredAccessToken): boolean {
    return stored.expiresAt.getTime() - this.now().getTime() > this.refreshMarginMs;
  }

  /**
   * Gets a new token under the shared lock. `rejectedToken` is one WeChat just refused: it forces a real
   * refresh, unless someone else already replaced it while this caller waited for the lock (force refreshes
   * are limited to 20 a day, so they must not pile up).
   */
  private async refreshToken(rejectedToken: string | undefined): Promise<string> {
    try {
      return await this.fetchTokenUnderLock(rejectedToken);
    } catch (err) {
      // A refused token must not be served from the cache to the next caller.
      if (rejectedToken !== undefined) await this.store.forget(this.appId, rejectedToken);
      throw err;
    }
  }

  private fetchTokenUnderLock(rejectedToken: string | undefined): Promise<string> {
    return this.store.withRefreshLock(this.appId, async () => {
      const current = await this.store.get(this.appId);
      if (current && this.isFresh(current) && current.token !== rejectedToken) return current.token;
      const outcome = await this.call('POST', '/cgi-bin/stable_token', undefined, {
        grant_type: 'client_credential',
        appid: this.appId,
        secret: this.appSecret,
        force_refresh: rejectedToken !== undefined,
      });
      switch (outcome.kind) {
        case 'transient':
          throw new WeChatApiError(true, `access token: ${outcome.reason}`);
        case 'http-error':
          throw new WeChatApiError(false, `access token: ${outcome.reason}`);
        case 'api-error':
          throw new WeChatApiError(outcome.errcode === SYSTEM_BUSY, `access token: ${describeApiError(outcome.errcode, outcome.errmsg)}`);
        case 'ok': {
          const { access_token: token, expires_in: expiresIn } = outcome.body;
          if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
            throw new WeChatApiError(true, 'access token: response lacks access_token or expires_in');
          }
          await this.store.save(this.appId, token, new Date(this.now().getTime() + expiresIn * 1000));
          return token;
        }
      }
    });
  }

  private postSendText(token: string, openId: string, content: string): Promise<CallOutcome> {
    return this.call(
      'POST',
      '/cgi-bin/message/custom/send',
      { access_token: token },
      { touser: openId, msgtype: 'text', text: { content } },
    );
  }

  /** One HTTP round trip. Reasons never include the URL, which carries the secret or the access token. */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> | undefined,
    body?: unknown,
  ): Promise<CallOutcome> {
    const url = `${this.baseUrl}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (err) {
      return { kind: 'transient', reason: describeFetchError(err, this.timeoutMs) };
    }
    if (status >= 500 || status === 429) return { kind: 'transient', reason: `HTTP ${status}` };
    if (status < 200 || status >= 300) return { kind: 'http-error', reason: `HTTP ${status}` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'transient', reason: 'response is not JSON' };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { kind: 'transient', reason: 'response is not a JSON object' };
    }
    const result = parsed as Record<string, unknown>;
    const errcode = result['errcode'];
    if (typeof errcode === 'number' && errcode !== 0) {
      const errmsg = result['errmsg'];
      return { kind: 'api-error', errcode, errmsg: typeof errmsg === 'string' ? errmsg : '' };
    }
    return { kind: 'ok', body: result };
  }
}

/** Duck-typed: fetch's errors come from Node's own realm, where instanceof checks against ours can fail. */
function describeFetchError(err: unknown, timeoutMs: number): string {
  const { name, message, cause } = (typeof err === 'object' && err !== null ? err : {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (name === 'TimeoutError' || name === 'AbortError') return `no response within ${timeoutMs} ms`;
  if (typeof cause?.code === 'string') return `network error: ${cause.code}`;
  return `network error: ${typeof message === 'string' ? message : String(err)}`;
}

function tokenFailure(err: unknown): SendResult {
  if (!(err instanceof WeChatApiError)) throw err;
  return err.retryable ? { status: 'retryable', reason: err.message } : { status: 'blocked', reason: err.message };
}
