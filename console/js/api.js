// @ts-check
/**
 * The staff API from the browser: the session token (sessionStorage: gone when the tab closes),
 * JSON calls with Chinese error messages, and the Server-Sent Events stream read through fetch
 * (EventSource cannot send the Authorization header).
 */

const TOKEN_KEY = 'wenzheng.console.token';

/** @typedef {'operator' | 'disclosure_officer' | 'interpreter' | 'admin'} Role */
/** @typedef {{ name: string, displayName?: string | null, roles: Role[], tokenKind?: string, expiresAt?: string | null }} Account */

export const session = {
  /** @type {string | null} */
  token: sessionStorage.getItem(TOKEN_KEY),
  /** @type {Account | null} */
  account: null,
  /** @param {string} token */
  set(token) {
    this.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    this.token = null;
    this.account = null;
    sessionStorage.removeItem(TOKEN_KEY);
  },
  /** @param {...Role} roles */
  has(...roles) {
    return Boolean(this.account && this.account.roles.some((r) => roles.includes(r)));
  },
};

/** Called when the server says the token is no longer valid (set by main.js). */
export const hooks = { onUnauthorized: () => {} };

const STATUS_TEXT = /** @type {Record<number, string>} */ ({
  400: '填写的内容有误',
  401: '登录已失效，请重新登录',
  403: '当前账号没有这项操作的权限',
  404: '没有找到该记录',
  409: '当前状态不允许这项操作，或已被他人处理',
  412: '该条目已被他人修改，请刷新后重新编辑',
  413: '内容太长',
  429: '尝试次数过多，请稍后再试',
});

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ field: string, message: string }[]} fields
   */
  constructor(status, code, message, fields = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
  /**
   * What to show: a Chinese summary, then the server's detail, fields named as the form names them.
   * @param {Record<string, string>} [labels] field → label
   */
  textWith(labels = {}) {
    const head = STATUS_TEXT[this.status] ?? (this.status >= 500 ? '服务器出错，请稍后再试' : '请求失败');
    const detail = this.fields.length ? this.fields.map((f) => `${labels[f.field] ?? f.field}：${f.message}`).join('；') : this.message;
    return detail && detail !== head ? `${head}（${detail}）` : head;
  }
  get text() {
    return this.textWith();
  }
}

/** @param {unknown} err @param {Record<string, string>} [labels] field → label, for validation errors */
export function errorText(err, labels) {
  if (err instanceof ApiError) return err.textWith(labels);
  if (err instanceof TypeError) return '网络连接失败，请检查网络后重试';
  return err instanceof Error ? err.message : String(err);
}

/**
 * @param {string} method
 * @param {string} path  /api/v1/...
 * @param {{ body?: unknown, query?: Record<string, string | number | boolean | null | undefined>, headers?: Record<string, string>, raw?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(method, path, options = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...options.headers };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store',
  });
  if (res.status === 401 && path !== '/api/v1/auth/login') {
    session.clear();
    hooks.onUnauthorized();
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: the status says enough
    }
    const e = body?.error ?? {};
    throw new ApiError(
      res.status,
      e.code ?? 'http_error',
      e.message ?? res.statusText,
      e.fields ?? (e.field ? [{ field: e.field, message: e.message }] : []),
    );
  }
  if (options.raw) return res;
  const type = res.headers.get('content-type') ?? '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (/** @type {string} */ path, /** @type {Record<string, any>} */ query = {}) => api('GET', path, { query });
export const post = (/** @type {string} */ path, /** @type {unknown} */ body = {}) => api('POST', path, { body });

/**
 * Reads a text/event-stream with the staff token; reconnects (after 2 s, then longer) until
 * `signal` aborts. `onState` tells the page whether it is live.
 * @param {string} path
 * @param {(event: string, data: any) => void} onEvent
 * @param {{ signal: AbortSignal, onState?: (live: boolean) => void }} options
 */
export async function stream(path, onEvent, options) {
  const { signal, onState = () => {} } = options;
  let delay = 2000;
  while (!signal.aborted) {
    try {
      const res = await fetch(path, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.token}` },
        signal,
        cache: 'no-store',
      });
      if (res.status === 401) {
        session.clear();
        hooks.onUnauthorized();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      onState(true);
      delay = 2000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (!data.length) continue; // a ": ping" comment
          try {
            onEvent(event, JSON.parse(data.join('\n')));
          } catch (err) {
            console.warn('bad event', err);
          }
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      console.warn('event stream interrupted', err);
    }
    onState(false);
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
  }
}
