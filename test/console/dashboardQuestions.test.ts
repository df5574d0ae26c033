import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';
import { addAccount } from './support';

/**
 * The dashboard counts citizens' questions, not messages: a 12345 form of six steps does not dilute
 * 直接回答; and "most answered" says how often citizens rated the answer 没用.
 */
describe('the dashboard on questions and 没用', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await addAccount(app, 'dash-admin', ['admin', 'interpreter']);
  });
  afterAll(() => app.close());
  const get = (path: string) => request(app.callback()).get(path).set('Authorization', `Bearer ${admin}`);

  it('shares 直接回答 over knowledge questions: form steps, commands and picks are not questions', async () => {
    const asker = webCitizen(app);
    expect(await asker.say('低保咋申请')).toMatch(/^【最低生活保障/);
    expect(await asker.say('公积金怎么提取')).toMatch(/^【住房公积金提取/);
    expect(await asker.say('我想问一下那个东西怎么弄')).toMatch(/暂时没有找到/);
    // A form of six messages: none of them is a knowledge question.
    const filer = webCitizen(app);
    for (const line of ['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号 幸福小区', '13800138000', '确认']) await filer.say(line);

    const res = await get('/api/v1/dashboard/conversations?days=1').expect(200);
    const citizenMessages = res.body.days.at(-1).citizen;
    expect(citizenMessages).toBe(9);
    expect(res.body.questions).toEqual({
      total: 3,
      answered: 2,
      clarified: 0,
      unanswered: 1,
      answeredShare: Number((2 / 3).toFixed(4)),
    });
    // Counted by messages, the answered share would be 2 of 9.
    expect(res.body.decisions.find((d: { code: string }) => d.code === 'answer').count).toBe(2);
  });

  it('marks the answers citizens rated 没用 beside "most answered"', async () => {
    for (const verdict of ['没用', '没用', '有用']) {
      const citizen = webCitizen(app);
      await citizen.say('公积金怎么提取');
      await citizen.say(verdict);
    }
    const res = await get('/api/v1/dashboard/knowledge?days=1').expect(200);
    const entry = (key: string) => res.body.topEntries.find((e: { key: string }) => e.key === key);
    expect(entry('housing-fund-withdrawal')).toMatchObject({ count: 4, notHelpful: 2, helpful: 1 });
    expect(entry('minimum-living-allowance-apply')).toMatchObject({ count: 1, notHelpful: 0, helpful: 0 });
  });
});
