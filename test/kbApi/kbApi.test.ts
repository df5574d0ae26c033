import { parse as parseYaml } from 'yaml';
import { AuditEvent, EntryFeedback, UnansweredQuestion } from '../../entities';
import { exportEntries } from '../../src/knowledge/importExport';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

const drone = {
  key: 'drone-registration',
  kind: 'guide',
  title: '民用无人机实名登记',
  questions: ['无人机怎么实名登记', '买了无人机要登记吗'],
  keywords: ['无人机', '实名登记'],
  answer: '最大起飞重量250克以上的民用无人机须在民航局无人机实名登记系统登记，并在机身粘贴登记标志。',
  department: '市交通运输局',
};

describe('the interpreters’ knowledge API', () => {
  let app: TestApp;
  let token: string;
  const auth = () => bearer(token);
  const audit = (action: string) => app.db.dataSource.getRepository(AuditEvent).find({ where: { action }, order: { id: 'ASC' } });

  beforeAll(async () => {
    app = await createTestApp();
    token = await addStaff(app, 'li-interpreter', ['interpreter']);
  });
  afterAll(() => app.close());

  describe('create, edit, history, restore', () => {
    it('creates an entry as a draft by default, audited, and refuses the same key twice', async () => {
      const res = await api(app).post('/api/v1/kb/entries').set(auth()).set('X-Request-Id', 'req-create-1').send(drone).expect(201);
      expect(res.body).toMatchObject({
        outcome: 'created',
        version: 1,
        status: 'draft',
        validity: 'current',
        entry: { ...drone, status: 'draft' },
      });
      expect(res.headers.etag).toBe('"1"');
      const dup = await api(app).post('/api/v1/kb/entries').set(auth()).send(drone).expect(409);
      expect(dup.body.error).toMatchObject({ code: 'entry_exists', field: 'key' });
      expect(await audit('kb.create')).toEqual([
        expect.objectContaining({
          actor: 'li-interpreter',
          via: 'api',
          objectType: 'knowledge_entry',
          objectId: 'drone-registration',
          requestId: 'req-create-1',
          ip: expect.any(String),
          details: expect.objectContaining({ version: 1 }),
        }),
      ]);
    });

    it('validates bodies with the entry file schema, naming every field at fault', async () => {
      const res = await api(app)
        .post('/api/v1/kb/entries')
        .set(auth())
        .send({ ...drone, key: 'Bad Key', questions: [], validFrom: '2026-02-30', sections: { benefits: '不适用' } })
        .expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'key',
        'questions',
        'sections.benefits',
        'validFrom',
      ]);
    });

    it('saves each edit as a new version, keeps the status when not given, and skips identical saves', async () => {
      const edited = { ...drone, answer: '250克以上的无人机须实名登记。', validUntil: '2027-06-30' };
      const res = await api(app).put('/api/v1/kb/entries/drone-registration').set(auth()).set('If-Match', '"1"').send(edited).expect(200);
      expect(res.body).toMatchObject({ outcome: 'updated', version: 2, status: 'draft', entry: { validUntil: '2027-06-30' } });
      expect(res.headers.etag).toBe('"2"');
      const same = await api(app).put('/api/v1/kb/entries/drone-registration').set(auth()).send(edited).expect(200);
      expect(same.body).toMatchObject({ outcome: 'unchanged', version: 2 });
      expect((await audit('kb.update')).map((e) => e.details)).toEqual([{ version: 2, changed: ['answer', 'validUntil'] }]);
    });

    it('refuses an edit based on an old version (412), of a missing entry (404) or with another key (400)', async () => {
      const stale = await api(app)
        .put('/api/v1/kb/entries/drone-registration')
        .set(auth())
        .set('If-Match', '"1"')
        .send({ ...drone, title: '过时的修改' })
        .expect(412);
      expect(stale.body.error.code).toBe('version_mismatch');
      await api(app)
        .put('/api/v1/kb/entries/no-such-entry')
        .set(auth())
        .send({ ...drone, key: 'no-such-entry' })
        .expect(404);
      const other = await api(app)
        .put('/api/v1/kb/entries/drone-registration')
        .set(auth())
        .send({ ...drone, key: 'other-key' })
        .expect(400);
      expect(other.body.error.field).toBe('key');
      await api(app).get('/api/v1/kb/entries/no-such-entry').set(auth()).expect(404);
    });

    it('shows the history with field diffs, any old version, and restores one as a new version', async () => {
      const history = await api(app).get('/api/v1/kb/entries/drone-registration/history').set(auth()).expect(200);
      expect(history.body.versions).toEqual([
        expect.objectContaining({
          version: 1,
          changedBy: 'li-interpreter',
          status: 'draft',
          changes: expect.arrayContaining([{ field: 'title', before: null, after: drone.title }]),
        }),
        {
          version: 2,
          changedBy: 'li-interpreter',
          changedAt: app.clock.now.toISOString(),
          status: 'draft',
          changes: [
            { field: 'answer', before: drone.answer, after: '250克以上的无人机须实名登记。' },
            { field: 'validUntil', before: null, after: '2027-06-30' },
          ],
        },
      ]);
      const v1 = await api(app).get('/api/v1/kb/entries/drone-registration/versions/1').set(auth()).expect(200);
      expect(v1.body.entry).toEqual({ ...drone, status: 'draft' });
      await api(app).get('/api/v1/kb/entries/drone-registration/versions/9').set(auth()).expect(404);

      const restored = await api(app).post('/api/v1/kb/entries/drone-registration/restore').set(auth()).send({ version: 1 }).expect(200);
      expect(restored.body).toMatchObject({ outcome: 'updated', version: 3, status: 'draft', entry: { ...drone, status: 'draft' } });
      expect((await audit('kb.restore')).at(-1)?.details).toEqual({ version: 3, changed: ['answer', 'validUntil'], restoredVersion: 1 });
      // Restoring an old version of a published entry is a change to publish (test/kbApi/drafts.test.ts).
      const published = await api(app).post('/api/v1/kb/entries/drone-registration/publish').set(auth()).expect(200);
      expect(published.body).toMatchObject({ outcome: 'updated', version: 4, status: 'published' });
      const pending = await api(app).post('/api/v1/kb/entries/drone-registration/restore').set(auth()).send({ version: 2 }).expect(200);
      expect(pending.body).toMatchObject({ outcome: 'drafted', version: 4, draft: { entry: { answer: '250克以上的无人机须实名登记。' } } });
      await api(app).put('/api/v1/kb/entries/drone-registration').set(auth()).send(published.body.entry).expect(200);
    });
  });

  describe('publishing reaches the matcher', () => {
    const ask = (text: string, includeDrafts?: boolean) =>
      api(app)
        .post('/api/v1/kb/match')
        .set(auth())
        .send({ text, ...(includeDrafts === undefined ? {} : { includeDrafts }) });

    it('answers "try a question" like `wenzheng ask`, optionally against drafts', async () => {
      await api(app).post('/api/v1/kb/entries/drone-registration/unpublish').set(auth()).expect(200);
      const live = await ask('无人机怎么实名登记').expect(200);
      expect(live.body).toEqual({
        text: '无人机怎么实名登记',
        ...app.understand('无人机怎么实名登记', app.clock.now),
        replies: [expect.any(String)],
      });
      expect(live.body.entry).not.toBe('drone-registration');
      // The reply text is what a citizen asking it first would be sent.
      expect(live.body.replies.join('\n')).toBe(await webCitizen(app).say('无人机怎么实名登记'));
      const preview = await ask('无人机怎么实名登记', true).expect(200);
      expect(preview.body).toMatchObject({ decision: 'answer', entry: 'drone-registration', intent: null });
      expect(Object.keys(preview.body).sort()).toEqual([
        'candidates',
        'decision',
        'entry',
        'intent',
        'place',
        'replies',
        'score',
        'section',
        'text',
      ]);
      // From a draft: the message it will give once published.
      expect(preview.body.replies).toEqual([expect.stringMatching(/^【民用无人机实名登记】\n最大起飞重量250克以上的民用无人机须在民航局/)]);
      expect((await ask('转人工').expect(200)).body).toMatchObject({ decision: 'intent', intent: 'human', replies: [] });
      // As a new conversation hears them: a wait for a person is the waiting intent, a bare "要等多久" a question as the bot takes it.
      expect((await ask('怎么还没人回我').expect(200)).body).toMatchObject({ decision: 'intent', intent: 'waiting' });
      const bareWait = (await ask('要等多久').expect(200)).body;
      expect(bareWait).toMatchObject({ decision: 'fallback', intent: null });
      expect(bareWait.replies.join('\n')).toBe(await webCitizen(app).say('要等多久'));
      expect((await ask('', true).expect(400)).body.error.field).toBe('text');
    });

    it('publish, unpublish and archive change what the bot answers at once, each audited', async () => {
      await api(app).post('/api/v1/kb/entries/drone-registration/publish').set(auth()).expect(200);
      expect((await ask('无人机怎么实名登记').expect(200)).body).toMatchObject({ decision: 'answer', entry: 'drone-registration' });
      const archived = await api(app).post('/api/v1/kb/entries/drone-registration/archive').set(auth()).expect(200);
      expect(archived.body).toMatchObject({ status: 'archived', outcome: 'updated' });
      expect((await ask('无人机怎么实名登记', true).expect(200)).body.entry).not.toBe('drone-registration');
      await api(app).post('/api/v1/kb/entries/drone-registration/publish').set(auth()).expect(200);
      const again = await api(app).post('/api/v1/kb/entries/drone-registration/publish').set(auth()).expect(200);
      expect(again.body.outcome).toBe('unchanged');
      expect((await audit('kb.archive')).at(-1)?.details).toMatchObject({ statusBefore: 'published', statusAfter: 'archived' });
      expect((await audit('kb.publish')).length).toBe(3);
      await api(app).post('/api/v1/kb/entries/no-such-entry/publish').set(auth()).expect(404);
    });
  });

  describe('listing and filters', () => {
    beforeAll(async () => {
      const entries = [
        {
          key: 'expiring-soon',
          kind: 'interpretation',
          title: '即将到期的补贴政策解读',
          questions: ['补贴还有吗'],
          answer: '到期前有效。',
          department: '测试专用局',
          validUntil: '2026-12-10',
          status: 'published',
        },
        {
          key: 'expiring-later',
          kind: 'faq',
          title: '明年到期的问答',
          questions: ['明年还办吗'],
          answer: '明年到期。',
          department: '测试专用局',
          validUntil: '2027-03-01',
          status: 'published',
        },
        {
          key: 'already-expired',
          kind: 'faq',
          title: '已经过期的问答',
          questions: ['去年的政策'],
          answer: '已过期。',
          department: '测试另一局',
          validUntil: '2025-12-31',
          status: 'published',
        },
        {
          key: 'not-yet-valid',
          kind: 'faq',
          title: '尚未生效的问答',
          questions: ['新政策什么时候实施'],
          answer: '明年实施。',
          department: '测试另一局',
          validFrom: '2027-01-01',
        },
      ];
      for (const entry of entries) await api(app).post('/api/v1/kb/entries').set(auth()).send(entry).expect(201);
    });
    const list = (query: string) => api(app).get(`/api/v1/kb/entries?${query}`).set(auth()).expect(200);
    const keys = (res: { body: { entries: { key: string }[] } }) => res.body.entries.map((e) => e.key);

    it('lists every entry with paging, and searches key, title, questions and keywords', async () => {
      const all = await list('limit=500');
      expect(all.body.total).toBeGreaterThan(20);
      expect(all.body.entries[0]).toEqual(
        expect.objectContaining({
          key: expect.any(String),
          kind: expect.any(String),
          version: expect.any(Number),
          validity: expect.any(String),
        }),
      );
      const page = await list('limit=2&offset=1');
      expect(keys(page)).toEqual(keys(all).slice(1, 3));
      expect(keys(await list(`q=${encodeURIComponent('无人机')}`))).toEqual(['drone-registration']);
      expect(keys(await list(`q=${encodeURIComponent('即将到期 补贴')}`))).toEqual(['expiring-soon']);
    });

    it('filters by status, kind, department, validity and expiring soon', async () => {
      const mine = (query: string) => list(`department=${encodeURIComponent('测试另一局')}&${query}`);
      const theirs = (query: string) => list(`department=${encodeURIComponent('测试专用局')}&${query}`);
      expect(keys(await mine('status=draft'))).toEqual(['not-yet-valid']);
      expect(keys(await theirs('status=published'))).toEqual(['expiring-later', 'expiring-soon']);
      expect(keys(await mine('kind=faq&validity=expired'))).toEqual(['already-expired']);
      expect(keys(await mine('validity=upcoming'))).toEqual(['not-yet-valid']);
      expect(keys(await list('status=draft'))).toContain('not-yet-valid');
      // The clock stands at 2026-11-25 (Asia/Shanghai): soonest end first.
      expect(keys(await theirs('expiringWithinDays=30'))).toEqual(['expiring-soon']);
      expect(keys(await theirs('expiringWithinDays=120'))).toEqual(['expiring-soon', 'expiring-later']);
      expect(keys(await list('expiringWithinDays=30'))).not.toContain('expiring-later');
      const bad = await api(app).get('/api/v1/kb/entries?status=gone&limit=0').set(auth()).expect(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'status']);
    });
  });

  describe('import and export in the CLI file format', () => {
    it('exports what `wenzheng kb export` writes, as JSON or YAML', async () => {
      const json = await api(app).get('/api/v1/kb/export').set(auth()).expect(200);
      expect(json.body).toEqual(await exportEntries(app.db));
      const yaml = await api(app).get('/api/v1/kb/export?format=yaml').set(auth()).expect(200);
      expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
      expect(yaml.headers['content-disposition']).toMatch(/knowledge\.yaml/);
      expect(parseYaml(yaml.text)).toEqual(json.body);
    });

    it('re-imports its own export unchanged', async () => {
      const file = (await api(app).get('/api/v1/kb/export').set(auth()).expect(200)).body;
      const res = await api(app).post('/api/v1/kb/import').set(auth()).send(file).expect(200);
      expect(res.body).toMatchObject({ created: [], updated: [], archived: [], dryRun: false });
      expect(res.body.unchanged).toHaveLength(file.entries.length);
    });

    it('imports YAML, all or nothing, reporting every invalid field', async () => {
      const yaml = 'entries:\n  - key: yaml-one\n    kind: faq\n    title: 从YAML导入\n    questions: [YAML导入测试]\n    answer: 可以。\n';
      const ok = await api(app).post('/api/v1/kb/import').set(auth()).set('Content-Type', 'application/yaml').send(yaml).expect(200);
      expect(ok.body).toMatchObject({ created: ['yaml-one'], dryRun: false });
      expect((await audit('kb.import')).at(-1)).toMatchObject({ objectId: 'yaml-one', details: { outcome: 'created', version: 1 } });

      const bad = await api(app)
        .post('/api/v1/kb/import')
        .set(auth())
        .send({
          entries: [
            { ...drone, key: 'fine-key' },
            { ...drone, key: 'Bad Key' },
            { ...drone, key: 'fine-key' },
          ],
        })
        .expect(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['entries[1].key', 'entries[2].key']);
      await api(app).get('/api/v1/kb/entries/fine-key').set(auth()).expect(404);
      const malformed = await api(app)
        .post('/api/v1/kb/import')
        .set(auth())
        .set('Content-Type', 'application/yaml')
        .send('entries: [')
        .expect(400);
      expect(malformed.body.error.code).toBe('malformed_yaml');
    });

    it('reports without writing on a dry run, and archives what the file lacks with replace', async () => {
      const file = (await api(app).get('/api/v1/kb/export').set(auth()).expect(200)).body;
      const without = { entries: file.entries.filter((e: { key: string }) => e.key !== 'yaml-one') };
      const dry = await api(app).post('/api/v1/kb/import?replace=true&dryRun=true').set(auth()).send(without).expect(200);
      expect(dry.body).toMatchObject({ archived: ['yaml-one'], dryRun: true });
      expect((await api(app).get('/api/v1/kb/entries/yaml-one').set(auth()).expect(200)).body.status).toBe('published');
      const real = await api(app).post('/api/v1/kb/import?replace=true').set(auth()).send(without).expect(200);
      expect(real.body.archived).toEqual(['yaml-one']);
      expect((await api(app).get('/api/v1/kb/entries/yaml-one').set(auth()).expect(200)).body).toMatchObject({
        status: 'archived',
        version: 2,
      });
    });
  });

  describe('statistics and gaps', () => {
    it('counts answers, offers and feedback per entry', async () => {
      const before = (await api(app).get('/api/v1/kb/entries/drone-registration/stats').set(auth()).expect(200)).body;
      expect(before).toEqual({
        key: 'drone-registration',
        version: expect.any(Number),
        timesAnswered: 0,
        lastAsked: null,
        helpful: 0,
        notHelpful: 0,
        currentVersion: { helpful: 0, notHelpful: 0 },
      });

      const chat = await api(app).post('/api/v1/chat').send({ text: '无人机怎么实名登记' }).expect(200);
      app.clock.advance(60_000);
      await api(app).post('/api/v1/chat').set(bearer(chat.body.token)).send({ text: '买了无人机要登记吗' }).expect(200);
      const feedback = app.db.dataSource.getRepository(EntryFeedback);
      for (const [helpful, version] of [
        [true, before.version],
        [true, before.version],
        [false, before.version],
        [false, 1],
      ] as const) {
        await feedback.insert({
          entryKey: 'drone-registration',
          entryVersion: version,
          helpful,
          conversationId: '00000000-0000-0000-0000-000000000000',
          createdAt: app.clock.now,
        });
      }
      const after = (await api(app).get('/api/v1/kb/entries/drone-registration/stats').set(auth()).expect(200)).body;
      expect(after).toMatchObject({
        timesAnswered: 2,
        lastAsked: app.clock.now.toISOString(),
        helpful: 2,
        notHelpful: 2,
        currentVersion: { helpful: 2, notHelpful: 1 },
      });
    });

    it('groups unanswered questions like `wenzheng kb gaps`, masking ID and phone numbers in examples', async () => {
      const store = app.db.dataSource.getRepository(UnansweredQuestion);
      const texts = ['公积金能炒股吗', '公积金炒股怎么操作', '我的身份证110101199003074514公积金炒股', '养狗要办证吗'];
      for (const text of texts)
        await store.insert({ text, terms: [] as never, channel: 'webchat', conversationId: 'c', askedAt: app.clock.now });
      const res = await api(app).get('/api/v1/kb/gaps?since=2026-11-01').set(auth()).expect(200);
      const group = res.body.groups.find((g: { examples: string[] }) => g.examples.some((e) => e.includes('炒股')));
      expect(group.count).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(res.body)).not.toContain('110101199003074514');
      expect(JSON.stringify(res.body)).toContain('1101**********4514');
      const none = await api(app).get('/api/v1/kb/gaps?since=2027-01-01').set(auth()).expect(200);
      expect(none.body).toEqual({ total: 0, groups: [] });
    });
  });
});
