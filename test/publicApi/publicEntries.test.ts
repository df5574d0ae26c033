import request from 'supertest';
import { importEntryFiles } from '../../src/knowledge/importExport';
import { loadDepartments } from '../../src/knowledge/departments';
import { tempFiles } from '../support/files';
import { createTestApp, TEST_ACTOR, type TestApp } from '../support/testApp';

describe('public citizen API: browse and search the published knowledge base', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_PUBLIC_MAX_PER_MINUTE: '1000' });
    // A draft, an expired and an archived entry: none of them may be shown to citizens.
    const files = tempFiles({
      'hidden.yaml': `entries:
  - { key: draft-entry, kind: faq, title: 草稿条目, questions: [草稿问题], answer: 草稿, status: draft, department: 市民政局 }
  - { key: expired-entry, kind: faq, title: 过期条目, questions: [过期问题], answer: 过期, validUntil: 2020-12-31, department: 市民政局 }
  - { key: archived-entry, kind: faq, title: 归档条目, questions: [归档问题], answer: 归档, status: archived, department: 市民政局 }
`,
    });
    await importEntryFiles(app.db, [files['hidden.yaml']], { who: TEST_ACTOR, now: app.clock.now });
    await app.knowledge.refresh();
  });
  afterAll(() => app.close());
  const get = (path: string) => request(app.callback()).get(path);

  it('lists published, valid entries page by page, filtered by kind and department', async () => {
    const first = await get('/api/v1/public/entries?pageSize=10').expect(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.total).toBeGreaterThan(60);
    const keys = new Set<string>();
    for (let page = 1; page <= Math.ceil(first.body.total / 50); page++) {
      for (const item of (await get(`/api/v1/public/entries?pageSize=50&page=${page}`).expect(200)).body.items) keys.add(item.key);
    }
    expect(keys.size).toBe(first.body.total);
    for (const hidden of ['draft-entry', 'expired-entry', 'archived-entry']) expect(keys.has(hidden)).toBe(false);

    const guides = await get('/api/v1/public/entries?kind=guide&department=' + encodeURIComponent('市民政局')).expect(200);
    expect(guides.body.items.length).toBeGreaterThan(0);
    for (const item of guides.body.items) expect(item).toMatchObject({ kind: 'guide', department: '市民政局' });
    expect(Object.keys(guides.body.items[0])).toEqual([
      'key',
      'kind',
      'title',
      'department',
      'answer',
      'source',
      'validFrom',
      'validUntil',
    ]);
  });

  it("searches with the bot's matcher, best first", async () => {
    const res = await get(`/api/v1/public/entries?q=${encodeURIComponent('低保怎么申请')}`).expect(200);
    expect(res.body.items[0].key).toBe('minimum-living-allowance-apply');
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('orders by popularity over the last 30 days, and lists the hot entries', async () => {
    app.clock.advance(60_000);
    const earlier = await get('/api/v1/public/hot?limit=2').expect(200);
    for (let i = 0; i < 3; i++) await request(app.callback()).post('/api/v1/chat').send({ text: '公积金怎么提取' }).expect(200);
    await request(app.callback()).post('/api/v1/chat').send({ text: '低保怎么申请' }).expect(200);
    // Popularity is counted again once a minute, like the cached lists it orders.
    expect((await get('/api/v1/public/hot?limit=2').expect(200)).body).toEqual(earlier.body);
    app.clock.advance(60_000);
    const hot = await get('/api/v1/public/hot?limit=2').expect(200);
    expect(hot.body.items.map((i: { key: string; timesAsked: number }) => [i.key, i.timesAsked])).toEqual([
      ['housing-fund-withdrawal', 3],
      ['minimum-living-allowance-apply', 1],
    ]);
    const popular = await get('/api/v1/public/entries?sort=popular&pageSize=2').expect(200);
    expect(popular.body.items.map((i: { key: string }) => i.key)).toEqual(['housing-fund-withdrawal', 'minimum-living-allowance-apply']);
  });

  it('shows a whole entry with its sections and source, and 404 for one that is not published', async () => {
    const entry = await get('/api/v1/public/entries/minimum-living-allowance-apply').expect(200);
    expect(entry.body).toMatchObject({
      key: 'minimum-living-allowance-apply',
      sections: expect.any(Object),
      source: expect.objectContaining({ title: expect.any(String) }),
    });
    const missing = await get('/api/v1/public/entries/draft-entry').expect(404);
    expect(missing.body.error).toMatchObject({ code: 'entry_not_found', field: 'key' });
  });

  it('shows an entry from the day it takes effect, and a newly imported one at once', async () => {
    const tomorrow = new Date(app.clock.now.getTime() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    await get('/api/v1/public/entries/minimum-living-allowance-apply').expect(200);
    const files = tempFiles({
      'later.yaml': `entries:
  - { key: takes-effect-tomorrow, kind: faq, title: 明日生效条目, questions: [明日生效的问题], answer: 明日生效, validFrom: ${tomorrow} }
`,
    });
    await importEntryFiles(app.db, [files['later.yaml']], { who: TEST_ACTOR, now: app.clock.now });
    await app.knowledge.refresh();
    await get('/api/v1/public/entries/takes-effect-tomorrow').expect(404);
    app.clock.advance(86_400_000);
    await get('/api/v1/public/entries/takes-effect-tomorrow').expect(200);
  });

  it('lists departments with their published entry counts and contact channels', async () => {
    const res = await get('/api/v1/public/departments').expect(200);
    const civil = res.body.departments.find((d: { name: string }) => d.name === '市民政局');
    expect(civil.entries).toBe(6);
    expect(civil.channels.length).toBeGreaterThan(0);
    expect(res.body.departments).toHaveLength(loadDepartments('config/departments.yaml').length);
  });

  it('is cacheable: ETag and Cache-Control, 304 when unchanged', async () => {
    const res = await get('/api/v1/public/departments').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    await get('/api/v1/public/departments').set('If-None-Match', res.headers.etag).expect(304);
  });

  it('names the wrong query field', async () => {
    const res = await get('/api/v1/public/entries?pageSize=500').expect(400);
    expect(res.body.error).toMatchObject({ field: 'pageSize' });
    expect((await get('/api/v1/public/entries?kind=news').expect(400)).body.error.field).toBe('kind');
  });
});

describe('public API rate limit', () => {
  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const app = await createTestApp({ WENZHENG_PUBLIC_MAX_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) await request(app.callback()).get('/api/v1/public/hot').expect(200);
    const limited = await request(app.callback()).get('/api/v1/public/hot').expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    await app.close();
  });
});

describe('department data', () => {
  it('names the file and field of a mistake', () => {
    const files = tempFiles({ 'departments.yaml': 'departments:\n  - name: 市民政局\n    channels: []\n' });
    expect(() => loadDepartments(files['departments.yaml'])).toThrow(
      /departments\.yaml: departments\[0\]\.channels: needs at least one contact channel/,
    );
  });
});
