import request from 'supertest';
import { CLOSE_REASONS, THREAD_STATUSES } from '../../entities/HandoffThread';
import { TICKET_RESOLUTIONS, TICKET_VIAS } from '../../entities/HotlineTicket';
import {
  ENTRY_KINDS,
  ENTRY_STATUSES,
  entryFileEntrySchema,
  GUIDE_SECTIONS,
  INTERPRETATION_SECTIONS,
  sourceSchema,
} from '../../entities/knowledgeEntryFile';
import { MESSAGE_AUTHORS } from '../../entities/Message';
import { ROLES } from '../../entities/StaffAccount';
import { UNDERSTOOD_DECISIONS } from '../../src/conversation/understanding';
import { SECTION_LABELS } from '../../src/dialogue/replies';
import { DELIVERIES, FORMS, IDENTITY_KINDS } from '../../src/cases/disclosure/application';
import { PROCEEDING_KINDS, PROCEEDING_OUTCOMES } from '../../src/cases/disclosure/report';
import { EVENT_LABELS as DISCLOSURE_EVENT_LABELS } from '../../src/cases/disclosure/texts';
import { RATE_LABELS } from '../../src/cases/hotline/report';
import { RATING_LABELS, TICKET_FLOW } from '../../src/cases/hotline/texts';
import { VALIDITIES } from '../../src/knowledge/service';
import { REVIEW_REASONS } from '../../src/knowledge/review/queue';
import { IMPACT_KINDS } from '../../src/knowledge/review/service';
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

  it('serves the section names and headings the bot uses and the labels of its codes as a module, so the console keeps no copy of them', async () => {
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
      HOTLINE_RATE_LABELS: RATE_LABELS,
    });
    // Each table labels exactly the codes the server defines: every one of them, and nothing else.
    const codesOf = (name: string) => {
      const value = exported[name];
      return Array.isArray(value) ? value.map((choice: { code: string }) => choice.code) : Object.keys(value as object).sort();
    };
    const sorted = (codes: readonly string[]) => [...codes].sort();
    expect(
      Object.fromEntries(
        [
          'ROLE_LABELS',
          'AUTHOR_LABELS',
          'THREAD_STATUS_LABELS',
          'CLOSE_REASON_LABELS',
          'ENTRY_KIND_CHOICES',
          'ENTRY_STATUS_CHOICES',
          'VALIDITY_CHOICES',
          'ENTRY_FIELD_LABELS',
          'SOURCE_FIELD_LABELS',
          'DECISION_LABELS',
          'REVIEW_REASON_LABELS',
          'IMPACT_LABELS',
          'TICKET_VIA_LABELS',
          'TICKET_RESOLUTION_LABELS',
          'DISCLOSURE_FORM_LABELS',
          'DISCLOSURE_DELIVERY_LABELS',
          'DISCLOSURE_IDENTITY_KIND_LABELS',
          'DISCLOSURE_PROCEEDING_KINDS',
          'DISCLOSURE_PROCEEDING_RESULTS',
        ].map((name) => [name, codesOf(name)]),
      ),
    ).toEqual({
      ROLE_LABELS: sorted(ROLES),
      AUTHOR_LABELS: sorted(MESSAGE_AUTHORS),
      THREAD_STATUS_LABELS: sorted(THREAD_STATUSES),
      CLOSE_REASON_LABELS: sorted(CLOSE_REASONS),
      // The selects' lists keep the server's order.
      ENTRY_KIND_CHOICES: [...ENTRY_KINDS],
      ENTRY_STATUS_CHOICES: [...ENTRY_STATUSES],
      VALIDITY_CHOICES: [...VALIDITIES],
      ENTRY_FIELD_LABELS: sorted(Object.keys(entryFileEntrySchema.shape)),
      SOURCE_FIELD_LABELS: sorted(Object.keys(sourceSchema.shape)),
      DECISION_LABELS: sorted(UNDERSTOOD_DECISIONS),
      REVIEW_REASON_LABELS: sorted(REVIEW_REASONS),
      IMPACT_LABELS: sorted(IMPACT_KINDS),
      TICKET_VIA_LABELS: sorted(TICKET_VIAS),
      TICKET_RESOLUTION_LABELS: sorted(TICKET_RESOLUTIONS),
      DISCLOSURE_FORM_LABELS: sorted(FORMS),
      DISCLOSURE_DELIVERY_LABELS: sorted(DELIVERIES),
      DISCLOSURE_IDENTITY_KIND_LABELS: sorted(IDENTITY_KINDS),
      DISCLOSURE_PROCEEDING_KINDS: [...PROCEEDING_KINDS],
      DISCLOSURE_PROCEEDING_RESULTS: [...PROCEEDING_OUTCOMES],
    });
    expect(exported.ENTRY_KIND_CHOICES).toContainEqual({ code: 'guide', label: '办事指南' });
    expect(exported.CLOSE_REASON_LABELS).toMatchObject({ idle: '超时交还', cancelled: '群众取消' });
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
