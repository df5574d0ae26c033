import { TALENT_FLATS } from '../nlp/fixtures/entries';
import { postEntry } from '../staff/support';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';

/** Migrating and seeding a fresh database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

describe('a base’s own name that the lexicon maps to another entry’s word', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  }, STARTUP_MS);
  afterAll(() => app.close());

  it('answers with the entry that names it, once the base has one, and with the lexicon’s term before', async () => {
    const citizen = webCitizen(app);
    // The seed base has no entry of its own for 人才公寓: the lexicon reads it as 保障性租赁住房.
    expect(await citizen.say('人才公寓怎么申请')).toMatch(/^【保障性租赁住房/);
    await postEntry(app, TALENT_FLATS);
    const asker = webCitizen(app);
    expect(await asker.say('人才公寓怎么申请')).toMatch(/^【青年人才驿站和人才公寓入住】/);
    expect(await asker.say('要带什么')).toMatch(/人才认定证明/);
  });
});
