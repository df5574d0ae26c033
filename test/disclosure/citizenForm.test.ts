import request from 'supertest';
import { validateApplication } from '../../src/cases/disclosure/application';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';
import { APPLICATION } from './support';

/** The mini-program's application form: one validation module with the chat intake, the same cases. */
describe('POST /api/v1/me/requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("files a valid application with its tracking number and reply deadline, seen in the same citizen's chat", async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/requests')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send(APPLICATION)
      .expect(201);
    expect(res.body.number).toMatch(/^YSQ\d{10}$/);
    expect(res.body.replyDue).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(await citizen.say(`查询申请 ${res.body.number}`)).toContain(res.body.number);
    const mine = await request(app.callback()).get('/api/v1/me/requests').set('Authorization', `Bearer ${citizen.token}`).expect(200);
    expect(mine.body.requests.map((r: { number: string }) => r.number)).toEqual([res.body.number]);
    const other = webCitizen(app);
    await other.say('你好');
    await request(app.callback()).get(`/api/v1/me/requests/${res.body.number}`).set('Authorization', `Bearer ${other.token}`).expect(404);
  });

  it('answers 422 naming every invalid field, exactly as the shared validator finds them', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const body = {
      ...APPLICATION,
      identity: { kind: 'residentId', number: '110105194912310021' },
      phone: '12345',
      description: '我要投诉小区物业乱收费',
    };
    const res = await request(app.callback())
      .post('/api/v1/me/requests')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send(body)
      .expect(422);
    expect(res.body.error.code).toBe('invalid_application');
    const shared = validateApplication(body, { today: '2026-11-25', agencies: app.disclosure.agencies });
    expect(shared.ok).toBe(false);
    expect(res.body.error.fields).toEqual(shared.ok ? [] : shared.errors);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['identity', 'phone']);
  });

  it('names a value of the wrong type (a list, a number) as a type error of its field, not as empty', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/requests')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ ...APPLICATION, name: ['王五'], identity: { kind: 'residentId', number: 110105194912310020 }, address: ['五四路100号'] })
      .expect(422);
    expect(res.body.error.fields).toEqual([
      { field: 'name', code: 'name.type', message: '姓名或单位名称应为一段文字，不能是列表、数字或对象。' },
      { field: 'identity', code: 'identity.type', message: expect.stringMatching(/^身份证明应为一段文字/) },
      { field: 'address', code: 'address.type', message: expect.stringMatching(/^通信地址应为一段文字/) },
    ]);
    const notADocument = await request(app.callback())
      .post('/api/v1/me/requests')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ ...APPLICATION, identity: '11010519491231002X' })
      .expect(422);
    expect(notADocument.body.error.fields).toEqual([
      { field: 'identity', code: 'identity.type', message: expect.stringMatching(/^身份证明应为证件类型/) },
    ]);
  });

  it('Art. 39 is decided by the agency: a complaint by form is registered with a tracking number and a warning, not refused', async () => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const res = await request(app.callback())
      .post('/api/v1/me/requests')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ ...APPLICATION, description: '我要投诉小区物业乱收费' })
      .expect(201);
    expect(res.body).toMatchObject({
      number: expect.stringMatching(/^YSQ\d{10}$/),
      warnings: [{ field: 'description', code: 'description.notDisclosure', message: expect.stringMatching(/第三十九条[\s\S]*12345/) }],
    });
    const view = await app.db.transaction((tx) => app.disclosure.get(tx, res.body.number, app.clock.now));
    expect(view).toMatchObject({ status: 'processing', art39Hint: 'complaint', dueOn: expect.any(String) });
  });

  it('needs a chat token', async () => {
    await request(app.callback()).post('/api/v1/me/requests').send(APPLICATION).expect(401);
  });
});
