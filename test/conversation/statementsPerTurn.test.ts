import request from 'supertest';
import { Message } from '../../entities';
import { WeChatMessageCrypto } from '../../src/channels/wechat/crypto';
import { computeMsgSignature, computeSignature } from '../../src/channels/wechat/signature';
import { kindOf, statementKinds, statementsOf } from '../support/statementLog';
import { createTestApp, type TestApp } from '../support/testApp';

const TOKEN = 'wenzhengtoken';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const crypto = new WeChatMessageCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: APPID });

const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN TRANSACTION|COMMIT|SAVEPOINT|RELEASE)/;
/** A turn's START TRANSACTION goes with its first read on MySQL, its deferred writes with its COMMIT. */
const OPENING = 'START TRANSACTION; SELECT conversation';
const CLOSING = 'INSERT asked_question; INSERT message; COMMIT';

/**
 * What one WeChat message costs the database, from the statements the driver was handed (issue 25):
 * the rows a turn writes and the round trips it takes on MySQL/MariaDB, where each one is server CPU.
 */
describe("one citizen's chat message on the database", () => {
  let app: TestApp & { databaseUrl: string };
  let nonce = 100;
  beforeAll(async () => {
    app = await createTestApp({
      WENZHENG_WECHAT_TOKEN: TOKEN,
      WENZHENG_WECHAT_APPID: APPID,
      WENZHENG_WECHAT_APPSECRET: 'officialsecret0123456789',
      WENZHENG_WECHAT_AES_KEY: AES_KEY,
      WENZHENG_WECHAT_MODE: 'compat',
      // No background send or knowledge poll in the middle of a measured turn.
      WENZHENG_OUTBOX_INTERVAL_MS: '600000',
      WENZHENG_KB_RELOAD_INTERVAL_MS: '3600000',
    });
  });
  afterAll(() => app.close());

  const textXml = (from: string, msgId: string, text: string) =>
    `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1795600000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  const signedUrl = () => {
    const timestamp = String(Math.floor(app.clock.now.getTime() / 1000));
    nonce += 1;
    return `/wechat/official?${new URLSearchParams({ signature: computeSignature(TOKEN, timestamp, String(nonce)), timestamp, nonce: String(nonce) })}`;
  };
  const post = (url: string, xml: string) => request(app.callback()).post(url).set('Content-Type', 'text/xml').send(xml).expect(200);
  const plain = (from: string, msgId: string, text: string) => post(signedUrl(), textXml(from, msgId, text));
  /** Safe mode: the message encrypted, its ciphertext signed by msg_signature. */
  const encryptedUrl = (encrypt: string) => {
    const url = `${signedUrl()}&encrypt_type=aes`;
    const params = new URL(url, 'http://x').searchParams;
    return `${url}&msg_signature=${computeMsgSignature(TOKEN, params.get('timestamp')!, params.get('nonce')!, encrypt)}`;
  };
  const envelope = (encrypt: string, extra = '') =>
    `<xml><ToUserName><![CDATA[gh_city]]></ToUserName>${extra}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;

  /** The reply's text in an encrypted answer (its envelope differs every time). */
  const answerIn = (res: request.Response) =>
    /<Content><!\[CDATA\[([^]*?)\]\]>/.exec(crypto.decrypt(/<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(res.text)![1]!).message)![1];
  const dataStatements = (sent: string[]) => statementKinds(sent).filter((kind) => !TRANSACTION_CONTROL.test(kind));
  // The flood count is read with the conversation and written with its state: no statement of its own.
  // The asked question's record counts the answer: no entry_answer row beside it.
  const answeredTurn = ['INSERT message', 'UPDATE conversation', 'INSERT asked_question', 'INSERT message'];

  it('writes the signed URL, the message, the state with the flood count, the answer and the reply for a plaintext message', async () => {
    await plain('citizen-plain', '1', '低保怎么申请');
    const sent = await statementsOf(app, () => plain('citizen-plain', '2', '特困供养需要什么条件'));
    expect(dataStatements(sent)).toEqual(['SELECT conversation', 'INSERT wechat_nonce', ...answeredTurn]);
    // One transaction in 5 round trips on MySQL: what needs no answer goes with the next statement.
    if (app.db.type === 'mysql')
      expect(sent.map(kindOf)).toEqual([OPENING, 'INSERT wechat_nonce', 'INSERT message', 'UPDATE conversation', CLOSING]);
  });

  it('spends no signed URL for an encrypted message: its msg_signature covers the ciphertext', async () => {
    const first = crypto.encrypt(textXml('citizen-safe', '11', '低保怎么申请'));
    await post(encryptedUrl(first), envelope(first));
    const second = crypto.encrypt(textXml('citizen-safe', '12', '特困供养需要什么条件'));
    const sent = await statementsOf(app, () => post(encryptedUrl(second), envelope(second)));
    expect(dataStatements(sent)).toEqual(['SELECT conversation', ...answeredTurn]);
    if (app.db.type === 'mysql') expect(sent.map(kindOf)).toEqual([OPENING, 'INSERT message', 'UPDATE conversation', CLOSING]);
  });

  it("answers WeChat's retry from what the first delivery stored, in a statement to read it and one to claim the answer", async () => {
    const encrypt = crypto.encrypt(textXml('citizen-retried', '31', '低保怎么申请'));
    const url = encryptedUrl(encrypt);
    const first = await post(url, envelope(encrypt));
    const sent = await statementsOf(app, async () => {
      const retry = await post(url, envelope(encrypt));
      expect(answerIn(retry)).toBe(answerIn(first));
    });
    // The turn finds the duplicate; one read answers it, one insert claims the passive reply.
    expect(dataStatements(sent)).toEqual(['SELECT conversation', 'INSERT message', 'SELECT message', 'INSERT outbox_message']);
    if (app.db.type === 'mysql')
      expect(sent.map(kindOf)).toEqual([OPENING, 'INSERT message', 'COMMIT', 'SELECT message', 'INSERT outbox_message']);
  });

  it('answers an encrypted message posted again, on its URL and with another wrapper, once', async () => {
    const encrypt = crypto.encrypt(textXml('citizen-replayed', '21', '低保怎么申请'));
    const url = encryptedUrl(encrypt);
    const first = await post(url, envelope(encrypt));
    const again = await post(url, envelope(encrypt, '<FromUserName><![CDATA[someone-else]]></FromUserName>'));
    expect(answerIn(again)).toBe(answerIn(first));
    expect(await app.db.dataSource.getRepository(Message).count({ where: { externalId: '21' } })).toBe(1);
  });

  it("reads a web chat's token in a statement of its own, then writes the turn as WeChat's", async () => {
    const chat = (text: string, token?: string) => {
      const sending = request(app.callback()).post('/api/v1/chat');
      return (token ? sending.set('Authorization', `Bearer ${token}`) : sending).send({ text }).expect(200);
    };
    const { token } = (await chat('低保怎么申请')).body as { token: string };
    const sent = await statementsOf(app, () => chat('特困供养需要什么条件', token));
    // The token's read stands alone (on MySQL no transaction around it), then the turn's one transaction.
    expect(dataStatements(sent)).toEqual(['SELECT chat_token', 'SELECT conversation', ...answeredTurn]);
    if (app.db.type === 'mysql')
      expect(sent.map(kindOf)).toEqual(['SELECT chat_token', OPENING, 'INSERT message', 'UPDATE conversation', CLOSING]);
  });
});
