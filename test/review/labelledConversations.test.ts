import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CITIZEN_CHANNELS, OFFICIAL_ACCOUNT_ENV } from '../support/conversation';
import { FakeWeChatApi } from '../support/fakeWeChat';
import { createTestApp, TEST_DB, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';
import { addStaff, api, bearer } from '../staff/support';

const DECLINED = /暂时没有找到|还是没能找到/;
const RELOAD_INTERVAL_MS = 100;

/** Migrating and seeding a fresh MariaDB database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

/**
 * What citizens see of the learning loop, as conversations on each channel: an interpreter labels on
 * one instance, and the citizen asks again through another instance on the same database (a shared
 * SQLite file, or one MariaDB database) after the reload interval.
 */
describe.each(CITIZEN_CHANNELS)('labelled questions on %s, asked again through another instance', (_channel, citizenOf) => {
  let fake: FakeWeChatApi;
  let one: TestApp & { databaseUrl: string };
  let two: TestApp;
  let token: string;

  beforeAll(async () => {
    fake = await new FakeWeChatApi().start();
    const env = {
      ...OFFICIAL_ACCOUNT_ENV,
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_API_BASE: fake.baseUrl,
      WENZHENG_KB_RELOAD_INTERVAL_MS: String(RELOAD_INTERVAL_MS),
    };
    const file = TEST_DB.startsWith('sqlite:') ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-loop-')), 'shared.db')}` : undefined;
    one = await createTestApp(env, {}, { databaseUrl: file });
    two = await createTestApp(env, {}, { databaseUrl: one.databaseUrl, seed: false });
    token = await addStaff(one, 'sun-interpreter', ['interpreter']);
  }, 2 * STARTUP_MS);
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await fake?.stop();
  });

  /** The interpreter's one action on the review item holding `text`, on the first instance. */
  async function labelOnFirstInstance(text: string, action: Record<string, unknown>): Promise<void> {
    const { body } = await api(one).get('/api/v1/kb/review').set(bearer(token)).expect(200);
    const item = body.items.find((i: { texts: { text: string }[] }) => i.texts.some((t) => t.text === text));
    if (!item) throw new Error(`no review item with “${text}”`);
    await api(one)
      .post('/api/v1/kb/review/label')
      .set(bearer(token))
      .send({ questionIds: item.questionIds, ...action })
      .expect(200);
  }

  /** The second instance polls for the revision the label made on the first. */
  const afterReloadInterval = () =>
    waitFor('the second instance to load the label', () => two.knowledge.currentRevision >= one.knowledge.currentRevision);

  it('answers an unanswered question assigned to an entry with that entry when it is asked next', async () => {
    const citizen = citizenOf(two);
    await citizen.send('老了每月领钱的事').expectReply(DECLINED);
    await labelOnFirstInstance('老了每月领钱的事', { action: 'assign', entry: 'resident-pension-insurance' });
    await afterReloadInterval();
    await citizen.send('老了每月领钱的事').expectReply(/^【城乡居民基本养老保险/);
    await citizenOf(two)
      .send('老了，每月领钱的事？')
      .expectReply(/^【城乡居民基本养老保险/);
  });

  it('declines a question labelled out of scope after 没用, and still answers the entry it was answered with', async () => {
    const citizen = citizenOf(two);
    await citizen.send('分户需要带什么').expectReply(/公租房/);
    // 没用 puts the answer in the review queue.
    await citizen.send('没用').expectReply(/感谢|反馈|抱歉/);
    await labelOnFirstInstance('分户需要带什么', { action: 'out-of-scope' });
    await afterReloadInterval();
    await citizen.send('分户需要带什么').expectReply(DECLINED);
    await citizenOf(two)
      .send('公租房申请需要什么材料')
      .expectReply(/公租房/);
  });
});
