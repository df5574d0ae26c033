import { OLD_AGE_ALLOWANCE } from '../nlp/fixtures/entries';
import { postEntry } from '../staff/support';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';

/** Migrating and seeding a fresh database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

describe('how much asked with an amount word alone, of a policy whose criteria says only who qualifies', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await postEntry(app, OLD_AGE_ALLOWANCE);
  }, STARTUP_MS);
  afterAll(() => app.close());

  it('answers with the section stating the sums (每月100元), also asked with 好多; how to get it stays the whole policy', async () => {
    expect(await webCitizen(app).say('我妈今年85了，高龄补贴一个月能领多少')).toMatch(
      /^【高龄老人生活补贴政策解读·主要内容】[^]*每月100元/,
    );
    expect(await webCitizen(app).say('高龄补贴每个月领好多')).toMatch(/^【高龄老人生活补贴政策解读·主要内容】/);
    expect(await webCitizen(app).say('高龄补贴怎么领')).toMatch(/^【高龄老人生活补贴政策解读】/);
  });
});
