/**
 * 国办发〔2020〕53号: the 12345 hotline does not take emergencies (110/119/120/122), reports about
 * officials' corruption or discipline (纪检监察, 12388) nor 信访 matters (the petition channel): the
 * citizen is told where to go, nothing is ticketed, and no form keeps them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { HotlineTicket } from '../../entities';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { createHotlineScope } from '../../src/cases/hotline/scope';
import { hotlineVocabularySchema, loadHotlineVocabulary } from '../../src/cases/hotline/classify';
import { parseDataText } from '../../src/platform/data/loadDataFile';
import { loadIntents } from '../../src/understanding/intents/load';
import { loadCity } from '../../src/understanding/places/city';
import { createTestApp, type TestApp } from '../support/testApp';
import { OFFICIAL_ACCOUNT_ENV, officialCitizen, webCitizen, type ChatCitizen } from '../support/conversation';

const ROOT = join(__dirname, '../..');
const TO_12388 = /纪检监察举报电话12388[\s\S]*www\.12388\.gov\.cn[\s\S]*不会为此生成工单/;
const TO_PETITION = /信访渠道[\s\S]*洛阳市信访局[\s\S]*国家信访局网上信访信息系统[\s\S]*不会为此生成工单/;

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp(OFFICIAL_ACCOUNT_ENV);
});
afterAll(() => app.close());

const ticketCount = () => app.db.dataSource.getRepository(HotlineTicket).count();

let followers = 0;
const channels: [string, () => ChatCitizen][] = [
  ['web chat', () => webCitizen(app)],
  ['the official account', () => officialCitizen(app, `o-scope-${++followers}`)],
];

describe.each(channels)('国办发〔2020〕53号 on %s: officials’ corruption goes to 12388, not to a ticket', (_, citizen) => {
  it.each(['我要举报村支书贪污扶贫款', '纪委的举报电话是多少', '镇长违反八项规定公款吃喝，向哪里反映', '举报公职人员受贿'])(
    'asked directly: "%s" → 12388 and the online channel',
    async (text) => {
      const before = await ticketCount();
      expect(await citizen().say(text)).toMatch(TO_12388);
      expect(await ticketCount()).toBe(before);
    },
  );

  it('inside the hotline ticket form: the form is left, 12388 named, nothing filed', async () => {
    const before = await ticketCount();
    const someone = citizen();
    expect(await someone.say('我要投诉')).toMatch(/属于"投诉"吗/);
    expect(await someone.say('是')).toMatch(/请描述您遇到的问题/);
    const told = await someone.say('我们村的村干部贪污低保金，还收受村民红包');
    expect(told).toMatch(TO_12388);
    expect(told).toContain('已取消「12345热线工单」');
    // Not trapped: the next message is a new question, not an answer to the form.
    expect(await someone.say('你好')).not.toMatch(/请描述|联系电话|地点/);
    expect(await ticketCount()).toBe(before);
  });

  it('when the description says it at the category step too', async () => {
    const someone = citizen();
    await someone.say('我要反映个情况');
    expect(await someone.say('局长违纪问题')).toMatch(TO_12388);
  });
});

describe.each(channels)('国办发〔2020〕53号 on %s: 信访 matters go to the petition channel, not to a ticket', (_, citizen) => {
  it.each(['我想去上访，应该找谁', '信访事项复查怎么申请', '我要信访'])('asked directly: "%s" → the 信访 channel', async (text) => {
    const before = await ticketCount();
    expect(await citizen().say(text)).toMatch(TO_PETITION);
    expect(await ticketCount()).toBe(before);
  });

  it('inside the hotline ticket form: the form is left, the 信访 channel named', async () => {
    const before = await ticketCount();
    const someone = citizen();
    await someone.say('我要投诉');
    await someone.say('是');
    const told = await someone.say('我的信访件三个月没人处理，我要去上访');
    expect(told).toMatch(TO_PETITION);
    expect(told).toContain('已取消「12345热线工单」');
    expect(await ticketCount()).toBe(before);
  });
});

describe('the hotline still takes what is its own', () => {
  it('files a complaint about spoiled food (腐败变质 is no corruption) and an address at 信访局', async () => {
    const someone = webCitizen(app);
    await someone.say('我要投诉');
    await someone.say('是');
    expect(await someone.say('超市卖的熟食腐败变质了，吃了拉肚子')).toMatch(/问题发生在哪里/);
    expect(await someone.say('西工区信访局门口的超市')).toMatch(/联系电话/);
    await someone.say('13800138000');
    expect(await someone.say('确认')).toMatch(/工单编号：12345-\d{4}-\d{6}/);
  });
  it('leaves a disclosure request that names 信访 to the disclosure procedure (Art. 39 is the agency’s to decide)', async () => {
    const told = await webCitizen(app).say('我要申请公开市信访局对我的信访事项的答复意见书');
    expect(told).not.toMatch(TO_PETITION);
    expect(told).toMatch(/政府信息公开/);
  });
});

describe('the appeal form (POST /api/v1/me/tickets) refuses the same matters', () => {
  it.each([
    ['村主任贪污征地补偿款', 'content.discipline', TO_12388],
    ['我要去市里上访，信访局不给答复', 'content.petition', TO_PETITION],
    // The one emergency detector, the chat's (intents/emergency.yaml), with the city's numbers.
    ['楼下着火了，浓烟很大', 'content.emergency', /^情况紧急！请立即拨打119（火警）/],
  ])('"%s" → 422 %s naming content, no ticket', async (content, code, message) => {
    const citizen = webCitizen(app);
    await citizen.say('你好');
    const before = await ticketCount();
    const res = await request(app.callback())
      .post('/api/v1/me/tickets')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ category: 'report', content, location: '洛龙区开元大道', phone: '13800138000' })
      .expect(422);
    expect(res.body.error.fields).toContainEqual({ field: 'content', code, message: expect.stringMatching(message) });
    expect(await ticketCount()).toBe(before);
  });
});

describe('the numbers and channels are the city’s data (config/city.yaml)', () => {
  it('answers with what the city configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenzheng-scope-'));
    cpSync(join(ROOT, 'config'), dir, { recursive: true });
    const city = readFileSync(join(dir, 'city.yaml'), 'utf8')
      .replace('office: 洛阳市信访局', 'office: 洛阳市人民来访接待中心')
      .replace("{ service: fire, label: 火警, number: '119' }", "{ service: fire, label: 消防救援, number: '96119' }");
    writeFileSync(join(dir, 'city.yaml'), city);
    const other = await createTestApp({ WENZHENG_CONFIG_DIR: dir }, {}, { seed: false });
    try {
      expect(await webCitizen(other).say('我想上访')).toContain('洛阳市人民来访接待中心');
      expect(await webCitizen(other).say('着火了')).toContain('96119（消防救援）');
    } finally {
      await other.close();
    }
  });

  it('refuses to start when an emergency of the intents has no number, naming the file and the field', () => {
    const city = loadCity(join(ROOT, 'config/city.yaml'));
    expect(() =>
      createHotlineScope({
        vocabulary: loadHotlineVocabulary(join(ROOT, 'seeds/nlp/hotline.yaml')),
        channels: { ...city, emergencyNumbers: city.emergencyNumbers.filter((n) => n.service !== 'trafficAccident') },
        cityFile: 'config/city.yaml',
        intents: loadIntents(join(ROOT, 'intents')),
      }),
    ).toThrow(/config\/city\.yaml: emergencyNumbers: has no number for "trafficAccident"/);
  });

  it('validates the vocabulary (seeds/nlp/hotline.yaml) naming the file and the field', () => {
    const text = readFileSync(join(ROOT, 'seeds/nlp/hotline.yaml'), 'utf8').replace(
      "petition:\n    patterns:\n      - '信访",
      "petition:\n    patterns:\n      - '(信访",
    );
    let error: unknown;
    try {
      parseDataText('seeds/nlp/hotline.yaml', text, hotlineVocabularySchema);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).problems).toEqual([
      expect.stringMatching(/^seeds\/nlp\/hotline\.yaml: notHotline\.petition\.patterns\[0\]: is not a valid regular expression/),
    ]);
  });
});
