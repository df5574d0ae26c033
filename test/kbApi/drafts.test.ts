import { AuditEvent } from '../../entities';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

const dog = {
  key: 'dog-registration',
  kind: 'guide',
  title: '养犬登记',
  questions: ['养狗要办证吗', '狗证在哪里办'],
  keywords: ['养犬登记', '狗证'],
  answer: '在城区养犬须办理养犬登记证：带身份证、犬只免疫证明到所在辖区派出所办理。',
};
const NEW_ANSWER = '养犬登记证可在“城市服务”小程序网上办理，材料为身份证和犬只免疫证明。';

/** Changes to published entries: a draft (待发布) until published, by whom WENZHENG_KB_SELF_PUBLISH allows. */
describe.each([
  ['true', true],
  ['false', false],
])('drafts of published entries (WENZHENG_KB_SELF_PUBLISH=%s)', (setting, selfPublish) => {
  let app: TestApp;
  let li: string;
  let zhao: string;
  const ask = async (text: string) => webCitizen(app).say(text);
  const audit = (action: string) =>
    app.db.dataSource.getRepository(AuditEvent).find({ where: { action, objectId: 'dog-registration' }, order: { id: 'ASC' } });

  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_KB_SELF_PUBLISH: setting });
    li = await addStaff(app, 'kb-li', ['interpreter']);
    zhao = await addStaff(app, 'kb-zhao', ['interpreter']);
    await api(app).post('/api/v1/kb/entries').set(bearer(li)).send(dog).expect(201);
    // Publishing a new entry one created oneself is itself self-publishing.
    await api(app)
      .post('/api/v1/kb/entries/dog-registration/publish')
      .set(bearer(selfPublish ? li : zhao))
      .expect(200);
  });
  afterAll(() => app.close());

  it('keeps an edit as a draft: the bot answers with the live entry, the detail and the list show the draft', async () => {
    const saved = await api(app)
      .put('/api/v1/kb/entries/dog-registration')
      .set(bearer(li))
      .set('If-Match', '"2"')
      .send({ ...dog, answer: NEW_ANSWER })
      .expect(200);
    expect(saved.body).toMatchObject({
      outcome: 'drafted',
      version: 2,
      status: 'published',
      entry: { answer: dog.answer },
      draft: { entry: { answer: NEW_ANSWER, status: 'published' }, baseVersion: 2, savedBy: 'kb-li', mayPublish: selfPublish },
    });
    expect(saved.body.draft.changes).toEqual([{ field: 'answer', before: dog.answer, after: NEW_ANSWER }]);
    expect(await ask('养狗要办证吗')).toContain('到所在辖区派出所办理');

    const forZhao = await api(app).get('/api/v1/kb/entries/dog-registration').set(bearer(zhao)).expect(200);
    expect(forZhao.body.draft).toMatchObject({ savedBy: 'kb-li', mayPublish: true });
    const list = await api(app).get('/api/v1/kb/entries?q=养犬').set(bearer(li)).expect(200);
    expect(list.body.entries).toEqual([expect.objectContaining({ key: 'dog-registration', pendingDraft: true })]);
    // Saving the same draft again changes nothing; the history has no new version.
    const again = await api(app)
      .put('/api/v1/kb/entries/dog-registration')
      .set(bearer(li))
      .send({ ...dog, answer: NEW_ANSWER })
      .expect(200);
    expect(again.body.outcome).toBe('unchanged');
    const history = await api(app).get('/api/v1/kb/entries/dog-registration/history').set(bearer(li)).expect(200);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await audit('kb.draft')).map((e) => e.details)).toEqual([{ baseVersion: 2, changed: ['answer'] }]);
  });

  it(
    selfPublish
      ? 'lets the author publish their own draft: the bot answers with the new text'
      : 'refuses the author publishing their own draft (403); another interpreter publishes it',
    async () => {
      const own = await api(app).post('/api/v1/kb/entries/dog-registration/publish').set(bearer(li));
      if (!selfPublish) {
        expect(own.status).toBe(403);
        expect(own.body.error.code).toBe('self_publish_forbidden');
        expect(own.body.error.message).toMatch(/须由另一位解释人员审核后发布/);
        expect(await ask('养狗要办证吗')).toContain('到所在辖区派出所办理');
      }
      const published = selfPublish ? own : await api(app).post('/api/v1/kb/entries/dog-registration/publish').set(bearer(zhao));
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ version: 3, status: 'published', entry: { answer: NEW_ANSWER }, draft: null });
      expect(await ask('养狗要办证吗')).toContain('“城市服务”小程序网上办理');
      expect((await audit('kb.publish')).at(-1)?.details).toMatchObject({ version: 3, draftBy: 'kb-li', draftBaseVersion: 2 });
      const detail = await api(app).get('/api/v1/kb/entries/dog-registration').set(bearer(li)).expect(200);
      expect(detail.body.draft).toBeNull();
    },
  );

  it('discards a draft when the live content is saved again, and restores an old version as a draft', async () => {
    await api(app)
      .put('/api/v1/kb/entries/dog-registration')
      .set(bearer(zhao))
      .send({ ...dog, answer: `${NEW_ANSWER}（待核实）` })
      .expect(200);
    const discarded = await api(app)
      .put('/api/v1/kb/entries/dog-registration')
      .set(bearer(zhao))
      .send({ ...dog, answer: NEW_ANSWER })
      .expect(200);
    expect(discarded.body).toMatchObject({ outcome: 'unchanged', draft: null });
    expect(await audit('kb.draft.discard')).toHaveLength(1);

    const restored = await api(app).post('/api/v1/kb/entries/dog-registration/restore').set(bearer(zhao)).send({ version: 1 }).expect(200);
    expect(restored.body).toMatchObject({
      outcome: 'drafted',
      version: 3,
      entry: { answer: NEW_ANSWER },
      draft: { entry: { answer: dog.answer } },
    });
    expect(await ask('养狗要办证吗')).toContain('“城市服务”小程序网上办理');
  });

  it('saves an edit that takes the entry off the air (status draft) at once, as before', async () => {
    const res = await api(app)
      .put('/api/v1/kb/entries/dog-registration')
      .set(bearer(li))
      .send({ ...dog, status: 'draft' })
      .expect(200);
    expect(res.body).toMatchObject({ outcome: 'updated', status: 'draft' });
  });
});
