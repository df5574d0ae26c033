import { loadConfig } from '../../config';
import { createTestApp, type TestApp } from '../support/testApp';
import { api } from './support';

describe('security headers and CORS', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The test client stands for the reverse proxy, whose X-Forwarded-Proto is believed.
    app = await createTestApp(
      { WENZHENG_CORS_ORIGINS: 'https://console.example.gov.cn, http://localhost:5173', WENZHENG_TRUSTED_PROXIES: '127.0.0.1' },
      {},
      { seed: false },
    );
  });
  afterAll(() => app.close());

  it.each(['/healthz', '/api/v1/auth/me', '/nowhere'])('sends the security headers on %s, errors included', async (path) => {
    const res = await api(app).get(path);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'x-request-id': expect.any(String),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS on HTTPS requests (as the proxy reports them) and no-store on staff routes', async () => {
    const res = await api(app).get('/api/v1/auth/me').set('X-Forwarded-Proto', 'https').expect(401);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('carries the request id in error bodies and the response header', async () => {
    const res = await api(app).get('/api/v1/auth/me').set('X-Request-Id', 'trace-me-42').expect(401);
    expect(res.headers['x-request-id']).toBe('trace-me-42');
    expect(res.body.error.requestId).toBe('trace-me-42');
  });

  it('answers a preflight from a listed origin and adds CORS headers to its requests', async () => {
    const pre = await api(app)
      .options('/api/v1/kb/entries')
      .set('Origin', 'https://console.example.gov.cn')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': 'https://console.example.gov.cn',
      'access-control-allow-headers': expect.stringContaining('Authorization'),
    });
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const get = await api(app).get('/healthz').set('Origin', 'http://localhost:5173').expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(get.headers.vary).toMatch(/Origin/);
  });

  it('gives other origins nothing and refuses their preflight', async () => {
    const get = await api(app).get('/healthz').set('Origin', 'https://evil.example.com').expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await api(app)
      .options('/api/v1/kb/entries')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .expect(403);
    expect(pre.body.error.code).toBe('cors_origin_refused');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is closed by default, and refuses origins that are not bare origins in the config', async () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(() => loadConfig({ WENZHENG_CORS_ORIGINS: 'https://console.example.gov.cn/path' })).toThrow(
      /WENZHENG_CORS_ORIGINS: must be a comma-separated list of origins/,
    );
    expect(() => loadConfig({ WENZHENG_CORS_ORIGINS: '*' })).toThrow(/WENZHENG_CORS_ORIGINS/);
  });
});
