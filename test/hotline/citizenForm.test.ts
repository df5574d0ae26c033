import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

/** The mini-program's appeal form: the chat intake's rules, the same cases as the chat. */
describe('POST /api/v1/me/tickets', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("opens a ticket from a valid form, seen in the same citizen's chat and list", async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/tickets')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({
        category: 'complaint',
        content: '小区门口的路灯坏了一个多月，晚上很黑不安全',
        location: '西工区幸福小区东门',
        phone: '13800138000',
      })
      .expect(201);
    expect(res.body.number).toMatch(/^12345-\d{4}-\d{6}$/);
    expect(await citizen.say(`查询工单 ${res.body.number}`)).toContain(res.body.number);
    const mine = await request(app.callback()).get('/api/v1/me/tickets').set('Authorization', `Bearer ${citizen.token}`).expect(200);
    expect(mine.body.tickets.map((t: { number: string }) => t.number)).toEqual([res.body.number]);
  });

  it('names every invalid field in Chinese with English codes (422), and files nothing', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/tickets')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ category: 'nonsense', content: '短', phone: '123' })
      .expect(422);
    expect(res.body.error.code).toBe('invalid_appeal');
    const fields = res.body.error.fields as { field: string; code: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['category', 'content', 'location', 'phone']));
    for (const f of fields) {
      expect(f.code).toMatch(/^[a-z]+\.[A-Za-z]+/);
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const mine = await request(app.callback()).get('/api/v1/me/tickets').set('Authorization', `Bearer ${citizen.token}`).expect(200);
    expect(mine.body.tickets).toEqual([]);
  });

  it('refuses an anonymity that is not true or false (422 naming anonymous), rather than file the report under the name', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    for (const anonymous of ['yes', 'true', 1]) {
      const res = await request(app.callback())
        .post('/api/v1/me/tickets')
        .set('Authorization', `Bearer ${citizen.token}`)
        .send({ category: 'report', content: '有人在河边偷排污水，河水发黑', location: '洛龙区滨河路', phone: '13800138000', anonymous })
        .expect(422);
      expect(res.body.error.fields).toEqual([
        { field: 'anonymous', code: 'anonymous.notBoolean', message: '是否匿名请填写 true（匿名）或 false（不匿名）。' },
      ]);
    }
    const mine = await request(app.callback()).get('/api/v1/me/tickets').set('Authorization', `Bearer ${citizen.token}`).expect(200);
    expect(mine.body.tickets).toEqual([]);
  });

  it('keeps an anonymous 举报 anonymous', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/tickets')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ category: 'report', content: '某工地夜间违规施工，噪音很大，多次反映无果', location: '西工区建设路', anonymous: true })
      .expect(201);
    expect(res.body.anonymous).toBe(true);
  });

  it("refuses without a chat token, and rates only the citizen's own closed ticket", async () => {
    await request(app.callback()).post('/api/v1/me/tickets').send({ category: 'complaint' }).expect(401);
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const filed = await request(app.callback())
      .post('/api/v1/me/tickets')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ category: 'help', content: '家里老人行动不便，想咨询上门办理社保认证', location: '西工区', phone: '13800138001' })
      .expect(201);
    const rating = await request(app.callback())
      .post(`/api/v1/me/tickets/${filed.body.number}/rating`)
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ rating: 1 })
      .expect(409);
    expect(rating.body.error.code).toBe('not_awaiting_rating');
    const bad = await request(app.callback())
      .post(`/api/v1/me/tickets/${filed.body.number}/rating`)
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ rating: 5 })
      .expect(400);
    expect(bad.body.error.field).toBe('rating');
  });
});
