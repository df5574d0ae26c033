import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { UnansweredQuestion } from '../../entities';
import { runCli } from '../support/cli';
import { createTestApp, type TestApp } from '../support/testApp';

/** Questions about another city, in a conversation and on the command line. */
describe('a question about another city', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  function citizen() {
    let token: string | undefined;
    return async (text: string): Promise<string> => {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res.body.replies.map((r: { text: string }) => r.text).join('\n');
    };
  }

  it('is told which city it is about and where to ask, and is not kept as a gap in the knowledge base', async () => {
    const say = citizen();
    expect(await say('南京的公积金怎么取')).toBe('您问的是南京市的政策。本平台解答本市政务问题，南京市的政策请拨打当地12345政务服务便民热线或登录当地政务服务网查询。');
    expect(await say('长沙低保多少钱一个月')).toMatch(/^您问的是长沙市的政策。/);
    const kept = await app.db.dataSource.getRepository(UnansweredQuestion).find();
    expect(kept.map((q) => q.text)).not.toContain('南京的公积金怎么取');
    // The same topic asked for this city is answered.
    expect(await say('公积金怎么提取')).toMatch(/^【[^】]*公积金[^】]*提取/);
  });

  it('that is only where the citizen sees a doctor reaches the out-of-town entry', async () => {
    const say = citizen();
    expect(await say('我在北京看病能报销吗')).toMatch(/^【异地就医备案和直接结算】/);
  });

  it('is reported by wenzheng ask --json with the place', async () => {
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-place-')), 'cli.db')}`;
    const asked = await runCli(['ask', '--json', '南京的公积金怎么取'], { env: { WENZHENG_DB: db } });
    expect(JSON.parse(asked.out)).toMatchObject({ decision: 'elsewhere', entry: null, place: '南京市' });
  });
});
