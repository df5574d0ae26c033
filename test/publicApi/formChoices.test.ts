import request from 'supertest';
import { loadAgencies } from '../../src/cases/disclosure/agencies';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';
import { APPLICATION } from '../disclosure/support';

/** A mini-program builds its forms from GET /api/v1/public/forms; what it offers is what the forms accept. */
describe('GET /api/v1/public/forms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_HOTLINE_CATEGORIES: 'praise:表扬' }, {}, { seed: false });
  });
  afterAll(() => app.close());

  it('lists the choices of both forms with codes and labels, cacheable and without personal data', async () => {
    const res = await request(app.callback()).get('/api/v1/public/forms').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const { disclosure, hotline } = res.body;
    expect(disclosure.applicantTypes).toContainEqual({ code: 'naturalPerson', label: '自然人' });
    expect(disclosure.deliveries.map((d: { code: string }) => d.code)).toEqual(['collect', 'post', 'email']);
    expect(disclosure.agencies.map((a: { code: string }) => a.code)).toEqual(
      loadAgencies('config/agencies.yaml').agencies.map((a) => a.code),
    );
    expect(hotline.categories).toContainEqual({ code: 'praise', label: '表扬' });
    expect(hotline.categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['consultation', 'complaint', 'report']),
    );
  });

  it('offers only choices the forms accept', async () => {
    const { disclosure, hotline } = (await request(app.callback()).get('/api/v1/public/forms').expect(200)).body;
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const auth = { Authorization: `Bearer ${citizen.token}` };
    for (const agency of disclosure.agencies) {
      await request(app.callback())
        .post('/api/v1/me/requests')
        .set(auth)
        .send({ ...APPLICATION, agency: agency.code })
        .expect(201);
    }
    for (const category of hotline.categories) {
      await request(app.callback())
        .post('/api/v1/me/tickets')
        .set(auth)
        .send({
          category: category.code,
          content: '小区门口的路灯坏了一个多月了，晚上很黑',
          location: '西工区幸福小区东门',
          phone: '13800138000',
        })
        .expect(201);
    }
  });
});
