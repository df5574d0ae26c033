import { TALENT_FLATS } from '../nlp/fixtures/entries';
import { addStaff, api, bearer } from '../staff/support';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';

/** Migrating and seeding a fresh database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

describe('a base’s own name that the lexicon maps to another entry’s word', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp();
    token = await addStaff(app, 'li-interpreter', ['interpreter']);
  }, STARTUP_MS);
  afterAll(() => app.close());

  it('answers with the entry that names it, once the base has one, and with the lexicon’s term before', async () => {
    const citizen = webCitizen(app);
    // The seed base has no entry of its own for 人才公寓: the lexicon reads it as 保障性租赁住房.
    expect(await citizen.say('人才公寓怎么申请')).toMatch(/^【保障性租赁住房/);
    await api(app).post('/api/v1/kb/entries').set(bearer(token)).send(TALENT_FLATS).expect(201);
    const asker = webCitizen(app);
    expect(await asker.say('人才公寓怎么申请')).toMatch(/^【青年人才驿站和人才公寓入住】/);
    expect(await asker.say('要带什么')).toMatch(/人才认定证明/);
  });
});
