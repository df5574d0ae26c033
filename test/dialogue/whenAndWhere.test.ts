import { STAIRLIFT_GRANT } from '../nlp/fixtures/entries';
import { postEntry } from '../staff/support';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';

/** Migrating and seeding a fresh database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

describe('when asked of a policy without a time-limit section; where asked with 哪里有', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await postEntry(app, STAIRLIFT_GRANT);
  }, STARTUP_MS);
  afterAll(() => app.close());

  it('answers from the section stating the event after which it is done; how to apply stays the whole policy', async () => {
    expect(await webCitizen(app).say('楼道座椅电梯的补助啥时候去申请')).toMatch(
      /^【老旧小区楼道座椅电梯补助政策解读·注意事项】[^]*验收合格之后/,
    );
    expect(await webCitizen(app).say('座椅电梯补助怎么申请')).toMatch(/^【老旧小区楼道座椅电梯补助政策解读】/);
  });

  it('answers where asked with 哪里有 from the location section, as with 哪有', async () => {
    expect(await webCitizen(app).say('第一次办社保卡 哪里有办的')).toMatch(/^【社会保障卡申领·办理地点和时间】/);
  });
});
