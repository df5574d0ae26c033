import request from 'supertest';
import { SECTION_LABELS } from '../../src/dialogue/replies';
import { EVENT_LABELS as DISCLOSURE_EVENT_LABELS } from '../../src/cases/disclosure/texts';
import { RATING_LABELS, TICKET_FLOW } from '../../src/cases/hotline/texts';
import { GUIDE_SECTIONS, INTERPRETATION_SECTIONS } from '../../entities/knowledgeEntryFile';
import { CHANNEL_LABELS, ROLE_LABELS } from '../../src/staff/labels';
import { createTestApp, type TestApp } from '../support/testApp';

/** The console's static files: types, caching, a CSP that allows only 'self', nothing else of the folder. */
describe('the console at /console', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterAll(() => app.close());
  const get = (path: string) => request(app.callback()).get(path);

  it('serves the page in Chinese with a strict self-only CSP, revalidated by ETag', async () => {
    await get('/console').expect(301).expect('Location', '/console/');
    const page = await get('/console/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<html lang="zh-CN">');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers.etag).toMatch(/^"[\w-]+"$/);
    await get('/console/').set('If-None-Match', page.headers.etag).expect(304);
    // No inline script or style anywhere in the page: the CSP would block them.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|style=/);
  });

  it('serves modules, styles and the icon with their content types', async () => {
    expect((await get('/console/js/main.js').expect(200)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/console/js/pages/dashboard.js').expect(200)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/console/app.css').expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/console/favicon.svg').expect(200)).headers['content-type']).toBe('image/svg+xml');
  });

  it('serves the section names and headings the bot uses as a module, so the console keeps no copy of them', async () => {
    const res = await get('/console/js/shared.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    await get('/console/js/shared.js').set('If-None-Match', res.headers.etag).expect(304);
    const exported = Object.fromEntries(
      [...res.text.matchAll(/^export const (\w+) = (.*);$/gm)].map((m) => [m[1], JSON.parse(m[2]) as unknown]),
    );
    expect(exported).toMatchObject({
      SECTION_LABELS,
      GUIDE_SECTIONS,
      INTERPRETATION_SECTIONS,
      ROLE_LABELS,
      CHANNEL_LABELS,
      TICKET_FLOW,
      RATING_LABELS,
      DISCLOSURE_EVENT_LABELS,
    });
    // The browser keeps no second copy of what the server serves.
    const labels = (await get('/console/js/labels.js').expect(200)).text;
    for (const name of Object.keys(exported)) expect(labels).not.toMatch(new RegExp(`export const ${name}\\b`));
    await get('/console/js/shared.d.ts').expect(404);
  });

  it("answers 404 for anything else: unknown files, other types, the folder's config, paths outside it", async () => {
    for (const path of [
      '/console/nope.js',
      '/console/tsconfig.json',
      '/console/js/../../package.json',
      '/console/..%2F..%2Fpackage.json',
      '/console/js/%2e%2e/%2e%2e/README.md',
      '/console/.env',
      '/console/js/',
      '/console/README.md',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('lists the dashboard API in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json').expect(200)).body;
    for (const path of [
      '/api/v1/dashboard/conversations',
      '/api/v1/dashboard/knowledge',
      '/api/v1/dashboard/hotline',
      '/api/v1/dashboard/disclosure',
    ]) {
      expect(doc.paths[path]?.get?.tags).toEqual(['dashboard']);
    }
  });
});
