import request from 'supertest';
import { Like } from 'typeorm';
import { Message, OutboxMessage } from '../../entities';
import { WeChatMessageCrypto } from '../../src/channels/wechat/crypto';
import { computeMsgSignature, computeSignature } from '../../src/channels/wechat/signature';
import { parseWeChatXml } from '../../src/channels/wechat/xml';
import { FakeWeChatApi } from '../support/fakeWeChat';
import { createTestApp, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';

const TOKEN = 'wenzhengtoken';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const MINI_APPID = 'wxfedcba9876543210';

const crypto = new WeChatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: APPID });

function textXml(from: string, msgId: string, content: string, createTime = 1795600000): string {
  return `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

describe('WeChat official account and mini-program webhooks', () => {
  let fake: FakeWeChatApi;
  let app: TestApp;
  let nonces = 8640;
  const nowSeconds = () => String(Math.floor(app.clock.now.getTime() / 1000));
  const signed = (path: string, extra: Record<string, string> = {}) => {
    const timestamp = nowSeconds();
    const nonce = String((nonces += 1));
    const params = new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce, ...extra });
    return `${path}?${params}`;
  };
  const post = (path: string, body: string, extra: Record<string, string> = {}) =>
    request(app.callback()).post(signed(path, extra)).set('Content-Type', 'text/xml').send(body);

  beforeAll(async () => {
    fake = await new FakeWeChatApi().start();
  });
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.requests.length = 0;
    app = await createTestApp({
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: APPID,
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_AES_KEY: AES_KEY,
      WENZHENG_WECHAT_MODE: 'compat',
      WENZHENG_MINIPROGRAM_TOKEN: TOKEN,
      WENZHENG_MINIPROGRAM_APPID: MINI_APPID,
      WENZHENG_MINIPROGRAM_APPSECRET: 'minisecret0123456789abcd',
      WENZHENG_WECHAT_API_BASE: fake.baseUrl,
      WENZHENG_OUTBOX_INTERVAL_MS: '50',
      WENZHENG_WECHAT_REPLY_BUDGET_MS: '300',
    });
    // Real time drives the outbox timers; the clock only has to be near it for timestamps.
    app.clock.now = new Date();
  });
  afterEach(() => app.close());

  describe('server verification', () => {
    it('echoes echostr only for a correct signature', async () => {
      const ok = await request(app.callback())
        .get(signed('/wechat/official', { echostr: 'echo-123' }))
        .expect(200);
      expect(ok.text).toBe('echo-123');
      const bad = await request(app.callback()).get('/wechat/official?signature=0000&timestamp=1&nonce=2&echostr=echo-123').expect(401);
      expect(bad.text).not.toContain('echo-123');
    });
  });

  describe('official account, plaintext mode', () => {
    it('answers a text message with a passive reply: users swapped, CreateTime in seconds, CDATA content', async () => {
      const res = await post('/wechat/official', textXml('citizen-openid', '100', '低保怎么申请')).expect(200);
      expect(res.type).toBe('application/xml');
      const reply = parseWeChatXml(res.text);
      expect(reply.ToUserName).toBe('citizen-openid');
      expect(reply.FromUserName).toBe('gh_city');
      expect(reply.MsgType).toBe('text');
      expect(Number(reply.CreateTime)).toBe(Math.floor(app.clock.now.getTime() / 1000));
      expect(res.text).toMatch(/<Content><!\[CDATA\[【[^\]]*最低生活保障/);
    });

    it('refuses bad and missing signatures and stale timestamps before reading the body', async () => {
      await request(app.callback())
        .post('/wechat/official')
        .send(textXml('x', '1', '你好'))
        .expect(401);
      await request(app.callback())
        .post('/wechat/official?signature=abc&timestamp=1&nonce=1')
        .send(textXml('x', '1', '你好'))
        .expect(401);
      const old = String(Math.floor(app.clock.now.getTime() / 1000) - 301);
      const res = await request(app.callback())
        .post(`/wechat/official?${new URLSearchParams({ signature: computeSignature(TOKEN, old, 'n'), timestamp: old, nonce: 'n' })}`)
        .send(textXml('x', '1', '你好'))
        .expect(401);
      expect(res.body.error.code).toBe('stale_timestamp');
      expect(await app.db.dataSource.getRepository(Message).count()).toBe(0);
    });

    it('runs a retried MsgId once and answers the retry with the same reply', async () => {
      const first = await post('/wechat/official', textXml('retry-citizen', '7001', '公积金怎么提取')).expect(200);
      const retry = await post('/wechat/official', textXml('retry-citizen', '7001', '公积金怎么提取')).expect(200);
      expect(parseWeChatXml(retry.text).Content).toBe(parseWeChatXml(first.text).Content);
      expect(await app.db.dataSource.getRepository(Message).count({ where: { direction: 'in', externalId: '7001' } })).toBe(1);
    });

    it('keeps two 64-bit MsgIds that differ only in the last digits apart', async () => {
      await post('/wechat/official', textXml('big-ids', '9223372036854775806', '你好')).expect(200);
      await post('/wechat/official', textXml('big-ids', '9223372036854775807', '你好')).expect(200);
      const ids = (await app.db.dataSource.getRepository(Message).find({ where: { direction: 'in' } })).map((m) => m.externalId);
      expect(ids).toEqual(expect.arrayContaining(['9223372036854775806', '9223372036854775807']));
    });

    it('answers a subscribe event with the welcome, stores unsubscribe silently', async () => {
      const event = (name: string) =>
        `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[fan]]></FromUserName><CreateTime>1795600001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event></xml>`;
      const welcome = await post('/wechat/official', event('subscribe')).expect(200);
      expect(parseWeChatXml(welcome.text).Content).toMatch(/欢迎/);
      const bye = await post('/wechat/official', event('unsubscribe')).expect(200);
      expect(bye.text).toBe('success');
      expect(await app.db.dataSource.getRepository(Message).count({ where: { kind: 'event:unsubscribe' } })).toBe(1);
    });

    it('gives a polite reply to a message type it cannot handle', async () => {
      const xml = `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[pic]]></FromUserName><CreateTime>1795600002</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId><MsgId>55</MsgId></xml>`;
      const res = await post('/wechat/official', xml).expect(200);
      expect(parseWeChatXml(res.text).Content).toMatch(/文字/);
    });

    it("asks a form's question again after a photo, a location or an empty text, none of which is an answer", async () => {
      const other = (type: string, fields: string, msgId: string) =>
        `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[in-form]]></FromUserName><CreateTime>1795600003</CreateTime><MsgType><![CDATA[${type}]]></MsgType>${fields}<MsgId>${msgId}</MsgId></xml>`;
      // The passive reply carries the first message, the send API the others.
      const replies = async (xml: string, msgId: string) => {
        const res = await post('/wechat/official', xml).expect(200);
        const inbound = await app.db.dataSource.getRepository(Message).findOneByOrFail({ externalId: msgId, direction: 'in' });
        const more = await app.db.dataSource
          .getRepository(OutboxMessage)
          .find({ where: { dedupeKey: Like(`reply:${inbound.id}:%`) }, order: { id: 'ASC' } });
        return [String(parseWeChatXml(res.text).Content), ...more.map((m) => m.text)].join('\n');
      };
      await post('/wechat/official', textXml('in-form', '8101', '我要投诉')).expect(200);
      await post('/wechat/official', textXml('in-form', '8102', '是')).expect(200);
      const question = '您正在填写「12345热线工单」，请继续：\n请描述您遇到的问题：发生了什么、从什么时候开始、涉及哪个单位或哪些人。';
      const photo = other('image', '<PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId>', '8103');
      expect(await replies(photo, '8103')).toBe(`已收到。目前我只能理解文字消息，请用文字描述您的问题。\n${question}`);
      const place = other(
        'location',
        '<Location_X>26.08</Location_X><Location_Y>119.3</Location_Y><Label><![CDATA[幸福路]]></Label>',
        '8104',
      );
      expect(await replies(place, '8104')).toBe(`已收到。目前我只能理解文字消息，请用文字描述您的问题。\n${question}`);
      expect(await replies(textXml('in-form', '8105', ' '), '8105')).toBe(question);
      // Still at the description: a real one is taken.
      expect(await replies(textXml('in-form', '8106', '小区门口的路灯坏了一个月了'), '8106')).toMatch(/问题发生在哪里/);
    });
  });

  describe('official account, safe mode', () => {
    const encryptedBody = (inner: string) => {
      const encrypt = crypto.encrypt(inner);
      return { encrypt, xml: `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
    };
    const computeMsgSig = (encrypt: string, params: URLSearchParams) =>
      computeMsgSignature(TOKEN, params.get('timestamp') as string, params.get('nonce') as string, encrypt);
    const msgSignatureFor = (encrypt: string, url: string) => computeMsgSig(encrypt, new URL(url, 'http://x').searchParams);

    function postEncrypted(inner: string, tamper?: (encrypt: string) => string) {
      const { encrypt, xml } = encryptedBody(inner);
      const url = signed('/wechat/official', { encrypt_type: 'aes' });
      const sent = tamper ? tamper(encrypt) : encrypt;
      const signature = msgSignatureFor(sent, url);
      return request(app.callback())
        .post(`${url}&msg_signature=${signature}`)
        .set('Content-Type', 'text/xml')
        .send(xml.replace(encrypt, sent));
    }

    it('decrypts the message and answers encrypted, with a valid msg_signature', async () => {
      const res = await postEncrypted(textXml('safe-citizen', '8001', '低保怎么申请')).expect(200);
      const envelope = parseWeChatXml(res.text);
      expect(
        computeMsgSig(
          envelope.Encrypt as string,
          new URLSearchParams({ timestamp: envelope.TimeStamp as string, nonce: envelope.Nonce as string }),
        ),
      ).toBe(envelope.MsgSignature);
      const inner = parseWeChatXml(crypto.decrypt(envelope.Encrypt as string).message);
      expect(inner.ToUserName).toBe('safe-citizen');
      expect(inner.Content).toMatch(/最低生活保障/);
    });

    it('prefers the Encrypt element in compatible mode', async () => {
      const { encrypt } = encryptedBody(textXml('compat-citizen', '8002', '公积金怎么提取'));
      const url = signed('/wechat/official');
      const body = textXml('compat-citizen', '8002', '这段明文不应被采用').replace(
        '</xml>',
        `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      );
      await request(app.callback())
        .post(`${url}&msg_signature=${msgSignatureFor(encrypt, url)}`)
        .set('Content-Type', 'text/xml')
        .send(body)
        .expect(200);
      const stored = await app.db.dataSource.getRepository(Message).findOneOrFail({ where: { externalId: '8002', direction: 'in' } });
      expect(stored.text).toBe('公积金怎么提取');
    });

    it('rejects a message for another appid, a tampered ciphertext and a wrong msg_signature', async () => {
      const other = new WeChatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: 'wx9999999999999999' });
      const foreign = other.encrypt(textXml('x', '1', '你好'));
      const url = signed('/wechat/official', { encrypt_type: 'aes' });
      const res = await request(app.callback())
        .post(`${url}&msg_signature=${msgSignatureFor(foreign, url)}`)
        .send(`<xml><Encrypt><![CDATA[${foreign}]]></Encrypt></xml>`)
        .expect(401);
      expect(res.body.error.code).toBe('crypto_appid_mismatch');

      // A flipped byte with a matching signature (an attacker who knows the token but not the key).
      const tampered = await postEncrypted(textXml('x', '2', '你好'), (e) => {
        const bytes = Buffer.from(e, 'base64');
        bytes[bytes.length - 20] ^= 0x01;
        return bytes.toString('base64');
      });
      expect([400, 401]).toContain(tampered.status);

      const { xml } = encryptedBody(textXml('x', '3', '你好'));
      await request(app.callback())
        .post(`${signed('/wechat/official', { encrypt_type: 'aes' })}&msg_signature=deadbeef`)
        .send(xml)
        .expect(401);
      expect(await app.db.dataSource.getRepository(Message).count()).toBe(0);
    });
  });

  describe('the 5-second budget and the send API', () => {
    it('answers "success" when the reply is late and delivers it through the customer-service API', async () => {
      const first = await post('/wechat/official', textXml('slow-citizen', '9001', '你好')).expect(200);
      // On a busy machine the first turn may itself outrun the budget: then it is stored and sent late.
      const stored = () => app.db.dataSource.getRepository(Message).findOne({ where: { externalId: '9001' } });
      const conversation = (await waitFor('the first message stored', stored)).conversationId;
      const sentToCitizen = () => fake.sent().filter((s) => s.touser === 'slow-citizen');
      if (first.text === 'success') await fake.waitFor(() => sentToCitizen().length === 1);
      const earlier = sentToCitizen().length;
      // Hold the conversation (MariaDB: its row; SQLite: the one connection's turn) until the webhook
      // has answered, so the next turn cannot finish within the budget.
      const lock = app.db.type === 'mysql' ? 'SELECT id FROM conversation WHERE id = ? FOR UPDATE' : 'SELECT ? AS id';
      let taken!: () => void;
      const lockTaken = new Promise<'taken'>((resolve) => (taken = () => resolve('taken')));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const hold = app.db.transaction(async (tx) => {
        await tx.query(lock, [conversation]);
        taken();
        await released;
      });
      expect(await Promise.race([lockTaken, hold.then(() => 'ended without the lock')])).toBe('taken');
      const res = await post('/wechat/official', textXml('slow-citizen', '9002', '低保怎么申请')).expect(200);
      expect(res.text).toBe('success');
      // The turn waited for the lock: nothing was sent before it was released.
      expect(sentToCitizen()).toHaveLength(earlier);
      release();
      await hold;
      await fake.waitFor(() => sentToCitizen().length > earlier);
      expect(sentToCitizen()[earlier].content).toMatch(/最低生活保障/);
      // A retry of the late message gets "success", not a second copy of the answer.
      const retry = await post('/wechat/official', textXml('slow-citizen', '9002', '低保怎么申请')).expect(200);
      expect(retry.text).toBe('success');
      expect(sentToCitizen()).toHaveLength(earlier + 1);
    });
  });

  describe('mini-program customer-service messages', () => {
    it('accepts the JSON format, answers "success" and replies through the send API', async () => {
      // Written by hand: the 64-bit MsgId must reach the server as digits, as WeChat sends it.
      const body =
        '{"ToUserName":"gh_mini","FromUserName":"mini-openid","CreateTime":1795600003,"MsgType":"text","Content":"公积金怎么提取","MsgId":23456789012345678901}';
      const res = await request(app.callback())
        .post(signed('/wechat/miniprogram'))
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(200);
      expect(res.text).toBe('success');
      await fake.waitFor((f) => f.sent().some((s) => s.touser === 'mini-openid'));
      expect(fake.sent()[0].content).toMatch(/公积金/);
      const stored = await app.db.dataSource.getRepository(Message).findOneOrFail({ where: { direction: 'in', text: '公积金怎么提取' } });
      expect(stored.externalId).toBe('23456789012345678901');
    });

    it('binds a wx.login code to the openid, so the chat page and customer-service messages share one conversation', async () => {
      const login = await request(app.callback()).post('/api/v1/auth/miniprogram').send({ code: 'abc' }).expect(200);
      expect(fake.requests.find((r) => r.path === '/sns/jscode2session')?.query.get('appid')).toBe(MINI_APPID);
      await request(app.callback())
        .post('/api/v1/chat')
        .set('Authorization', `Bearer ${login.body.token}`)
        .send({ text: '你好' })
        .expect(200);
      const body = JSON.stringify({
        ToUserName: 'gh_mini',
        FromUserName: 'openid-for-abc',
        CreateTime: 1795600004,
        MsgType: 'text',
        Content: '公积金怎么提取',
        MsgId: 1,
      });
      await request(app.callback()).post(signed('/wechat/miniprogram')).set('Content-Type', 'application/json').send(body).expect(200);
      const rows = await app.db.dataSource.getRepository(Message).find({ where: { direction: 'in' } });
      expect(new Set(rows.map((r) => r.conversationId)).size).toBe(1);
    });

    it('shows a case filed by form to the same openid in customer-service messages, and to no one else', async () => {
      const login = await request(app.callback()).post('/api/v1/auth/miniprogram').send({ code: 'form-citizen' }).expect(200);
      const auth = { Authorization: `Bearer ${login.body.token}` };
      const filed = await request(app.callback())
        .post('/api/v1/me/tickets')
        .set(auth)
        .send({ category: 'help', content: '小区门口的路灯坏了一个多月了，晚上很黑', location: '西工区幸福小区东门', phone: '13800138000' })
        .expect(201);
      const { number } = filed.body;
      const ask = (openid: string, msgId: number) =>
        request(app.callback())
          .post(signed('/wechat/miniprogram'))
          .set('Content-Type', 'application/json')
          .send(
            JSON.stringify({
              ToUserName: 'gh_mini',
              FromUserName: openid,
              CreateTime: 1795600006,
              MsgType: 'text',
              Content: `查询工单 ${number}`,
              MsgId: msgId,
            }),
          )
          .expect(200);
      await ask('openid-for-form-citizen', 31);
      await fake.waitFor((f) => f.sent().some((s) => s.touser === 'openid-for-form-citizen' && s.content.includes(number)));
      expect(fake.sent().find((s) => s.touser === 'openid-for-form-citizen')?.content).toMatch(/已受理/);
      expect(
        (await request(app.callback()).get('/api/v1/me/tickets').set(auth).expect(200)).body.tickets.map(
          (t: { number: string }) => t.number,
        ),
      ).toEqual([number]);

      await ask('openid-for-someone-else', 32);
      await fake.waitFor((f) => f.sent().some((s) => s.touser === 'openid-for-someone-else'));
      const [stranger] = fake.sent().filter((s) => s.touser === 'openid-for-someone-else');
      expect(stranger.content).toMatch(/^没有找到工单/);
      expect(stranger.content).not.toMatch(/已受理|办结时限/);
    });

    it('refuses a login code WeChat rejects', async () => {
      fake.script('/sns/jscode2session', () => ({ body: { errcode: 40029, errmsg: 'invalid code' } }));
      const res = await request(app.callback()).post('/api/v1/auth/miniprogram').send({ code: 'bad' }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_code', field: 'code' });
    });
  });

  describe('outbox delivery rules', () => {
    const queueOne = async (citizenId: string) => {
      const body = JSON.stringify({
        ToUserName: 'gh_mini',
        FromUserName: citizenId,
        CreateTime: 1795600005,
        MsgType: 'text',
        Content: '你好',
        MsgId: Math.floor(Math.random() * 1e9),
      });
      await request(app.callback()).post(signed('/wechat/miniprogram')).set('Content-Type', 'application/json').send(body).expect(200);
      // On a busy machine the turn may outlast the reply budget: the reply is then queued once it is done.
      await waitFor(`the reply to ${citizenId} queued`, () =>
        app.db.dataSource.getRepository(OutboxMessage).findOne({ where: { citizenId } }),
      );
    };
    const row = (citizenId: string) => app.db.dataSource.getRepository(OutboxMessage).findOneOrFail({ where: { citizenId } });

    it('refreshes an expired token once and retries the send', async () => {
      fake.script('/cgi-bin/message/custom/send', () => ({ body: { errcode: 42001, errmsg: 'access_token expired' } }));
      await queueOne('expiry-citizen');
      await fake.waitFor((f) => f.sent().filter((s) => s.touser === 'expiry-citizen').length === 2);
      const sends = fake.sent().filter((s) => s.touser === 'expiry-citizen');
      expect(sends[0].accessToken).not.toBe(sends[1].accessToken);
      const forced = fake.requests.filter((r) => r.path === '/cgi-bin/stable_token' && r.body?.force_refresh === true);
      expect(forced).toHaveLength(1);
      const sent = await waitForStatus(() => row('expiry-citizen'), 'sent');
      expect(sent.attempts).toBe(1);
    });

    it('marks a message outside the 48-hour window undeliverable without retrying', async () => {
      fake.script('/cgi-bin/message/custom/send', () => ({ body: { errcode: 45015, errmsg: 'response out of time limit' } }));
      await queueOne('late-citizen');
      const final = await waitForStatus(() => row('late-citizen'), 'undeliverable');
      expect(final.lastError).toMatch(/48-hour/);
      expect(fake.sent().filter((s) => s.touser === 'late-citizen')).toHaveLength(1);
    });

    it('keeps retrying a message while WeChat refuses the app itself (IP not whitelisted, token refused twice) and alerts', async () => {
      fake.script('/cgi-bin/stable_token', () => ({ body: { errcode: 40164, errmsg: 'invalid ip 1.2.3.4, not in whitelist' } }));
      await queueOne('whitelist-citizen');
      const waiting = await waitFor('the refused message waiting', async () => {
        const r = await row('whitelist-citizen');
        return r.attempts === 1 ? r : null;
      });
      expect(waiting).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/40164/) });
      const metrics = await request(app.callback()).get('/metrics').expect(200);
      expect(metrics.text).toContain('wenzheng_outbox_blocked_total{channel="wechat-miniprogram"} 1');
      // The administrator whitelists the server: the back-off's next attempt gets through.
      app.clock.advance(3000);
      expect(await waitForStatus(() => row('whitelist-citizen'), 'sent')).toMatchObject({ attempts: 2 });

      fake.script(
        '/cgi-bin/message/custom/send',
        ...Array.from({ length: 2 }, () => () => ({ body: { errcode: 40001, errmsg: 'invalid credential' } })),
      );
      await queueOne('refused-citizen');
      await waitFor('the refused attempt', async () => ((await row('refused-citizen')).attempts === 1 ? true : null));
      app.clock.advance(3000);
      expect(await waitForStatus(() => row('refused-citizen'), 'sent')).toMatchObject({ attempts: 2 });
    });

    it("gives up on a blocked message once WeChat's 48-hour window has passed", async () => {
      fake.script(
        '/cgi-bin/stable_token',
        ...Array.from({ length: 3 }, () => () => ({ body: { errcode: 40164, errmsg: 'invalid ip, not in whitelist' } })),
      );
      await queueOne('expired-citizen');
      await waitFor('the expired-token attempt', async () => ((await row('expired-citizen')).attempts === 1 ? true : null));
      app.clock.advance(49 * 60 * 60_000);
      expect(await waitForStatus(() => row('expired-citizen'), 'failed')).toMatchObject({
        attempts: 2,
        lastError: expect.stringMatching(/40164/),
      });
    });

    it('retries a failing API later with back-off and never blocks inbound traffic', async () => {
      fake.script('/cgi-bin/message/custom/send', () => ({ status: 500, body: { errcode: -1, errmsg: 'system busy' } }));
      await queueOne('busy-citizen');
      const retrying = await waitFor('the message retrying', async () => {
        const r = await row('busy-citizen');
        return r.attempts === 1 && r.status === 'pending' ? r : null;
      });
      expect(retrying.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 1000);
      await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
    });
  });

  describe('hardening', () => {
    it('refuses DOCTYPE/ENTITY declarations without expanding them', async () => {
      const res = await post(
        '/wechat/official',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
      ).expect(400);
      expect(res.body.error.code).toBe('malformed_payload');
    });

    it('refuses malformed XML and oversized bodies', async () => {
      await post('/wechat/official', '<xml><Content>unclosed</xml>').expect(400);
      await post('/wechat/official', `<xml><Content><![CDATA[${'长'.repeat(100_000)}]]></Content></xml>`).expect(413);
    });

    it('is not polluted by element names like __proto__', async () => {
      const xml = textXml('proto-citizen', '4242', '你好').replace(
        '</xml>',
        '<__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor></xml>',
      );
      await post('/wechat/official', xml).expect(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

describe('replayed signed URLs and the message mode', () => {
  const signedUrl = (path: string, app: TestApp, nonce: string) => {
    const timestamp = String(Math.floor(app.clock.now.getTime() / 1000));
    return `${path}?${new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, nonce), timestamp, nonce })}`;
  };

  it("refuses a captured signed URL posted again with another body, and answers WeChat's own retry", async () => {
    const app = await createTestApp({ WENZHENG_WECHAT_TOKEN: TOKEN });
    try {
      const url = signedUrl('/wechat/official', app, '20261206');
      const first = await request(app.callback())
        .post(url)
        .set('Content-Type', 'text/xml')
        .send(textXml('citizen-a', '7001', '低保怎么申请'))
        .expect(200);
      const retry = await request(app.callback())
        .post(url)
        .set('Content-Type', 'text/xml')
        .send(textXml('citizen-a', '7001', '低保怎么申请'))
        .expect(200);
      expect(retry.text).toBe(first.text);
      const forged = await request(app.callback())
        .post(url)
        .set('Content-Type', 'text/xml')
        .send(textXml('citizen-b', '7002', '我要投诉'))
        .expect(401);
      expect(forged.body.error.code).toBe('replayed_nonce');
      expect(await app.db.dataSource.getRepository(Message).count({ where: { direction: 'in' } })).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('is in safe mode by default when an EncodingAESKey is set, and then refuses plaintext messages', async () => {
    const app = await createTestApp({
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: APPID,
      WENZHENG_WECHAT_AES_KEY: AES_KEY,
      WENZHENG_MINIPROGRAM_TOKEN: TOKEN,
      WENZHENG_MINIPROGRAM_MODE: 'plain',
    });
    try {
      expect(app.config.wechat.official?.mode).toBe('safe');
      const res = await request(app.callback())
        .post(signedUrl('/wechat/official', app, 'p1'))
        .set('Content-Type', 'text/xml')
        .send(textXml('plain-citizen', '7101', '你好'))
        .expect(400);
      expect(res.body.error.code).toBe('plaintext_refused');
      const encrypt = crypto.encrypt(textXml('safe-citizen', '7102', '你好'));
      const url = `${signedUrl('/wechat/official', app, 'p2')}&encrypt_type=aes`;
      const timestamp = new URL(url, 'http://x').searchParams.get('timestamp') as string;
      await request(app.callback())
        .post(`${url}&msg_signature=${computeMsgSignature(TOKEN, timestamp, 'p2', encrypt)}`)
        .set('Content-Type', 'text/xml')
        .send(`<xml><ToUserName><![CDATA[gh_city]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)
        .expect(200);
      // The mini-program is set to plaintext on its own.
      const mini = JSON.stringify({
        ToUserName: 'gh_mini',
        FromUserName: 'mini-citizen',
        CreateTime: 1795600005,
        MsgType: 'text',
        Content: '你好',
        MsgId: 7103,
      });
      await request(app.callback())
        .post(signedUrl('/wechat/miniprogram', app, 'p3'))
        .set('Content-Type', 'application/json')
        .send(mini)
        .expect(200);
    } finally {
      await app.close();
    }
  });
});

describe('a WeChat channel without credentials', () => {
  it('answers 404 and says it is not configured', async () => {
    const app = await createTestApp();
    const res = await request(app.callback()).post('/wechat/official').send('<xml/>').expect(404);
    expect(res.body.error.code).toBe('channel_not_configured');
    await request(app.callback()).post('/api/v1/auth/miniprogram').send({ code: 'x' }).expect(404);
    await app.close();
  });
});

function waitForStatus(load: () => Promise<OutboxMessage>, status: OutboxMessage['status']): Promise<OutboxMessage> {
  return waitFor(`the outbox status ${status}`, async () => {
    const row = await load();
    return row.status === status ? row : null;
  });
}

describe('a signed WeChat message the database could not store', () => {
  it('is refused with 400 before it is acknowledged', async () => {
    const app = await createTestApp({ WENZHENG_WECHAT_TOKEN: TOKEN }, {}, { seed: false });
    const timestamp = String(Math.floor(app.clock.now.getTime() / 1000));
    const url = `/wechat/official?${new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, 'n'), timestamp, nonce: 'n' })}`;
    for (const xml of [
      textXml('x'.repeat(129), '1', '你好'),
      textXml('citizen', '9'.repeat(192), '你好'),
      textXml('citizen', '2', '长'.repeat(8001)),
    ]) {
      const res = await request(app.callback()).post(url).set('Content-Type', 'text/xml').send(xml).expect(400);
      expect(res.body.error.code).toBe('invalid_message');
    }
    expect(await app.db.dataSource.getRepository(Message).count()).toBe(0);
    await app.close();
  });
});
