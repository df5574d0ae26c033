import type { InboundMessage } from '../../../src/dialogue/inboundMessage';
import { WeChatJsonError, parseWeChatJson } from '../../../src/channels/wechat/json';
import { UNSUPPORTED_MESSAGE_REPLY, normalizeWeChatPayload, type NormalizeResult } from '../../../src/channels/wechat/normalize';
import { parseWeChatXml } from '../../../src/channels/wechat/xml';

const CREATE_TIME = '1348831860';
const RECEIVED_AT = new Date(1348831860 * 1000);

/** A push from citizen oCitizen to gh_account with the given extra fields. */
function xmlPush(fields: string): ReturnType<typeof parseWeChatXml> {
  return parseWeChatXml(
    `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oCitizen]]></FromUserName>` +
      `<CreateTime>${CREATE_TIME}</CreateTime>${fields}</xml>`,
  );
}

function okMessage(result: NormalizeResult): InboundMessage {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('normalizeWeChatPayload: messages', () => {
  it('normalizes a text message', () => {
    const payload = xmlPush(
      '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[社保卡怎么补办？]]></Content><MsgId>1234567890123456</MsgId>',
    );
    expect(normalizeWeChatPayload(payload, 'wechat-official')).toEqual({
      status: 'ok',
      message: {
        channel: 'wechat-official',
        citizenId: 'oCitizen',
        externalId: '1234567890123456',
        kind: 'text',
        text: '社保卡怎么补办？',
        receivedAt: RECEIVED_AT,
      },
    });
  });

  it('keeps 64-bit MsgIds as distinct exact strings', () => {
    const a = okMessage(
      normalizeWeChatPayload(xmlPush('<MsgType>text</MsgType><Content>a</Content><MsgId>9223372036854775807</MsgId>'), 'wechat-official'),
    );
    const b = okMessage(
      normalizeWeChatPayload(xmlPush('<MsgType>text</MsgType><Content>b</Content><MsgId>9223372036854775806</MsgId>'), 'wechat-official'),
    );
    expect(a.externalId).toBe('9223372036854775807');
    expect(b.externalId).toBe('9223372036854775806');
    expect(a.externalId).not.toBe(b.externalId);
  });

  it('uses voice recognition as text, or empty text when there is none', () => {
    const recognized = xmlPush(
      '<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m1]]></MediaId><Format><![CDATA[amr]]></Format>' +
        '<Recognition><![CDATA[公积金怎么提取]]></Recognition><MsgId>1</MsgId>',
    );
    expect(okMessage(normalizeWeChatPayload(recognized, 'wechat-official'))).toMatchObject({ kind: 'voice', text: '公积金怎么提取' });
    const silent = xmlPush('<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m1]]></MediaId><MsgId>2</MsgId>');
    expect(okMessage(normalizeWeChatPayload(silent, 'wechat-official'))).toMatchObject({ kind: 'voice', text: '' });
  });

  it.each([
    ['image', '<PicUrl><![CDATA[http://x/p.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId>', 'image'],
    [
      'location',
      '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[市民中心]]></Label>',
      'location',
    ],
    ['link', '<Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[http://x]]></Url>', 'link'],
    ['video', '<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>', 'video'],
    ['shortvideo', '<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>', 'video'],
    ['file', '<Title><![CDATA[材料.pdf]]></Title><FileKey><![CDATA[k]]></FileKey>', 'file'],
  ])('normalizes %s with empty text (only speech goes into text)', (msgType, fields, kind) => {
    const message = okMessage(
      normalizeWeChatPayload(xmlPush(`<MsgType><![CDATA[${msgType}]]></MsgType>${fields}<MsgId>77</MsgId>`), 'wechat-official'),
    );
    expect(message).toEqual({
      channel: 'wechat-official',
      citizenId: 'oCitizen',
      externalId: '77',
      kind,
      text: '',
      receivedAt: RECEIVED_AT,
    });
  });

  it('uses the Title of a mini-program page card as text', () => {
    const payload = xmlPush(
      '<MsgType><![CDATA[miniprogrampage]]></MsgType><Title><![CDATA[户籍办理指南]]></Title><AppId><![CDATA[wxapp]]></AppId>' +
        '<PagePath><![CDATA[pages/hukou]]></PagePath><MsgId>88</MsgId>',
    );
    expect(okMessage(normalizeWeChatPayload(payload, 'wechat-miniprogram'))).toMatchObject({
      channel: 'wechat-miniprogram',
      kind: 'miniprogram-page',
      text: '户籍办理指南',
    });
  });

  it('derives an id for a message without MsgId instead of dropping it', () => {
    expect(okMessage(normalizeWeChatPayload(xmlPush('<MsgType>text</MsgType><Content>hi</Content>'), 'wechat-official')).externalId).toBe(
      `oCitizen:${CREATE_TIME}:text`,
    );
  });
});

describe('normalizeWeChatPayload: events', () => {
  function event(fields: string): InboundMessage {
    return okMessage(normalizeWeChatPayload(xmlPush(`<MsgType><![CDATA[event]]></MsgType>${fields}`), 'wechat-official'));
  }

  it('normalizes subscribe, with the id FromUserName:CreateTime:Event', () => {
    expect(event('<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey>')).toEqual({
      channel: 'wechat-official',
      citizenId: 'oCitizen',
      externalId: `oCitizen:${CREATE_TIME}:subscribe`,
      kind: 'event',
      text: '',
      event: 'subscribe',
      receivedAt: RECEIVED_AT,
    });
  });

  it('keeps the scene of a subscribe through a QR code', () => {
    expect(
      event('<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[T]]></Ticket>'),
    ).toMatchObject({
      event: 'subscribe',
      eventKey: 'qrscene_123123',
    });
  });

  it('normalizes unsubscribe', () => {
    expect(event('<Event><![CDATA[unsubscribe]]></Event>')).toMatchObject({
      event: 'unsubscribe',
      externalId: `oCitizen:${CREATE_TIME}:unsubscribe`,
    });
  });

  it('normalizes SCAN with its scene as eventKey', () => {
    const scan = event('<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[T]]></Ticket>');
    expect(scan).toMatchObject({ event: 'scan', eventKey: '123123', externalId: `oCitizen:${CREATE_TIME}:SCAN` });
  });

  it('normalizes CLICK with its menu key', () => {
    expect(event('<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[MENU_GUIDE]]></EventKey>')).toMatchObject({
      event: 'click',
      eventKey: 'MENU_GUIDE',
    });
  });

  it('normalizes VIEW with its URL', () => {
    expect(event('<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://www.example.gov.cn/]]></EventKey>')).toMatchObject({
      event: 'view',
      eventKey: 'https://www.example.gov.cn/',
    });
  });

  it('normalizes user_enter_tempsession as enter-session', () => {
    expect(event('<Event><![CDATA[user_enter_tempsession]]></Event><SessionFrom><![CDATA[sessionFrom]]></SessionFrom>')).toMatchObject({
      event: 'enter-session',
      kind: 'event',
    });
  });

  it('keeps a subscribe and a SCAN of the same second apart', () => {
    expect(event('<Event>subscribe</Event>').externalId).not.toBe(event('<Event>SCAN</Event>').externalId);
  });
});

describe('normalizeWeChatPayload: unsupported and invalid pushes', () => {
  it('reports an unknown message type as unsupported, with whom to answer', () => {
    const payload = xmlPush('<MsgType><![CDATA[music]]></MsgType><MsgId>5</MsgId>');
    expect(normalizeWeChatPayload(payload, 'wechat-official')).toEqual({
      status: 'unsupported',
      citizenId: 'oCitizen',
      isEvent: false,
      msgType: 'music',
    });
    expect(UNSUPPORTED_MESSAGE_REPLY).toMatch(/文字/);
  });

  it.each(['LOCATION', 'TEMPLATESENDJOBFINISH', 'scancode_push'])('reports the %s event as an unsupported event', (name) => {
    expect(normalizeWeChatPayload(xmlPush(`<MsgType>event</MsgType><Event>${name}</Event>`), 'wechat-official')).toEqual({
      status: 'unsupported',
      citizenId: 'oCitizen',
      isEvent: true,
      msgType: 'event',
      event: name,
    });
  });

  it.each([
    ['no FromUserName', parseWeChatXml('<xml><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>')],
    [
      'a repeated FromUserName',
      parseWeChatXml(
        '<xml><FromUserName>a</FromUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>',
      ),
    ],
    [
      'a nested FromUserName',
      parseWeChatXml('<xml><FromUserName><a>1</a></FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>'),
    ],
    ['no CreateTime', parseWeChatXml('<xml><FromUserName>a</FromUserName><MsgType>text</MsgType></xml>')],
    [
      'a CreateTime that is not Unix seconds',
      parseWeChatXml('<xml><FromUserName>a</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>'),
    ],
    ['no MsgType', parseWeChatXml('<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime></xml>')],
    [
      'an event without Event',
      parseWeChatXml('<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>'),
    ],
    [
      'a MsgId that JSON.parse rounded',
      JSON.parse('{"FromUserName":"a","CreateTime":1,"MsgType":"text","MsgId":9223372036854775807}') as Record<string, unknown>,
    ],
  ])('reports a push with %s as invalid', (_label, payload) => {
    expect(normalizeWeChatPayload(payload, 'wechat-official').status).toBe('invalid');
  });

  it('ignores inherited properties of ordinary objects', () => {
    expect(normalizeWeChatPayload({}, 'wechat-official')).toEqual({ status: 'invalid', reason: 'FromUserName is missing' });
    expect(normalizeWeChatPayload({ FromUserName: 'a', CreateTime: 1 }, 'wechat-official').status).toBe('invalid');
  });
});

describe('mini-program JSON payloads', () => {
  it('normalizes the text example of the mini-program customer-service docs', () => {
    const payload = parseWeChatJson(
      '{"ToUserName":"toUser","FromUserName":"fromUser","CreateTime":1482048670,"MsgType":"text","Content":"this is a test","MsgId":1234567890123456}',
    );
    expect(normalizeWeChatPayload(payload, 'wechat-miniprogram')).toEqual({
      status: 'ok',
      message: {
        channel: 'wechat-miniprogram',
        citizenId: 'fromUser',
        externalId: '1234567890123456',
        kind: 'text',
        text: 'this is a test',
        receivedAt: new Date(1482048670 * 1000),
      },
    });
  });

  it('keeps 64-bit MsgIds exact and distinct', () => {
    const ids = ['9223372036854775807', '9223372036854775806'].map(
      (id) =>
        okMessage(
          normalizeWeChatPayload(
            parseWeChatJson(`{"FromUserName":"o1","CreateTime":1482048670,"MsgType":"text","Content":"x","MsgId":${id}}`),
            'wechat-miniprogram',
          ),
        ).externalId,
    );
    expect(ids).toEqual(['9223372036854775807', '9223372036854775806']);
  });

  it('normalizes the enter-session event', () => {
    const payload = parseWeChatJson(
      '{"ToUserName":"toUser","FromUserName":"fromUser","CreateTime":1482048670,"MsgType":"event","Event":"user_enter_tempsession","SessionFrom":"sessionFrom"}',
    );
    expect(okMessage(normalizeWeChatPayload(payload, 'wechat-miniprogram'))).toMatchObject({
      event: 'enter-session',
      externalId: 'fromUser:1482048670:user_enter_tempsession',
    });
  });
});

describe('parseWeChatJson', () => {
  it('turns only unsafe integers into strings', () => {
    expect(
      parseWeChatJson('{"a":9007199254740991,"b":9007199254740993,"c":-9223372036854775808,"d":1.5e300,"e":[12345678901234567890]}'),
    ).toEqual({
      a: 9007199254740991,
      b: '9007199254740993',
      c: '-9223372036854775808',
      d: 1.5e300,
      e: ['12345678901234567890'],
    });
  });

  it('leaves digits inside strings alone, escaped quotes included', () => {
    const text = '{"Content":"say \\"MsgId\\": 9223372036854775807 \\\\","MsgId":9223372036854775807}';
    expect(parseWeChatJson(text)).toEqual({ Content: 'say "MsgId": 9223372036854775807 \\', MsgId: '9223372036854775807' });
  });

  it.each([
    ['invalid JSON', '{"a":'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a number', '9223372036854775807'],
    ['XML', '<xml></xml>'],
  ])('rejects %s', (_label, text) => {
    expect(() => parseWeChatJson(text)).toThrow(WeChatJsonError);
  });

  it('does not let __proto__ keys change the prototype', () => {
    const parsed = parseWeChatJson('{"__proto__":{"polluted":"yes"},"FromUserName":"a"}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
