import {
  SUCCESS_REPLY,
  WeChatXmlError,
  buildEncryptedReplyXml,
  buildTextReplyXml,
  cdata,
  parseWeChatXml,
  type WeChatXmlFailure,
  type XmlElement,
  type XmlLimits,
} from '../../../src/channels/wechat/xml';
import { WXBIZ_SAMPLE } from './vectors';

function failureOf(text: string, limits?: Partial<XmlLimits>): WeChatXmlFailure {
  try {
    parseWeChatXml(text, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(WeChatXmlError);
    return (err as WeChatXmlError).reason;
  }
  throw new Error('expected a WeChatXmlError');
}

/** Copies into ordinary objects so toEqual compares contents, not prototypes. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('parseWeChatXml', () => {
  it('parses the text-message example of the official-account docs', () => {
    const parsed = parseWeChatXml(
      '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>' +
        '<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
        '<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>',
    );
    expect(plain(parsed)).toEqual({
      ToUserName: 'toUser',
      FromUserName: 'fromUser',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: 'this is a test',
      MsgId: '1234567890123456',
    });
  });

  it('parses the decrypted WXBizMsgCrypt sample, newlines between elements included', () => {
    expect(plain(parseWeChatXml(WXBIZ_SAMPLE.message.decrypted))).toEqual({
      ToUserName: 'wx5823bf96d3bd56c7',
      FromUserName: 'mycreate',
      CreateTime: '1409659813',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '4561255354251345929',
      AgentID: '218',
    });
  });

  it('accepts an XML declaration, a byte-order mark, indentation and comments', () => {
    const parsed = parseWeChatXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- pushed -->\n<xml>\n  <MsgType>text</MsgType>\n  <!-- note -->\n  <Content>hi</Content>\n</xml>\n',
    );
    expect(plain(parsed)).toEqual({ MsgType: 'text', Content: 'hi' });
  });

  it('keeps text exactly, whitespace and line breaks included', () => {
    expect(parseWeChatXml('<xml><Content><![CDATA[  两行\n文字  ]]></Content></xml>')['Content']).toBe('  两行\n文字  ');
    expect(parseWeChatXml('<xml><Content> plain </Content></xml>')['Content']).toBe(' plain ');
  });

  it('keeps nested blocks such as ScanCodeInfo as objects', () => {
    const parsed = parseWeChatXml(
      '<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event>' +
        '<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>',
    );
    expect(plain(parsed['ScanCodeInfo'])).toEqual({ ScanType: 'qrcode', ScanResult: '1' });
  });

  it('turns repeated siblings such as SendPicsInfo items into arrays', () => {
    const parsed = parseWeChatXml(
      '<xml><SendPicsInfo><Count>2</Count><PicList>' +
        '<item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item>' +
        '<item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item>' +
        '</PicList></SendPicsInfo></xml>',
    );
    expect(plain(parsed['SendPicsInfo'])).toEqual({
      Count: '2',
      PicList: { item: [{ PicMd5Sum: 'aaa' }, { PicMd5Sum: 'bbb' }] },
    });
  });

  it('reports a repeated top-level field as an array, so it cannot be mistaken for a single value', () => {
    expect(parseWeChatXml('<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>')['Encrypt']).toEqual(['a', 'b']);
  });

  it('reads empty and self-closing elements as empty strings', () => {
    expect(plain(parseWeChatXml('<xml><EventKey></EventKey><Ticket/><Other /></xml>'))).toEqual({
      EventKey: '',
      Ticket: '',
      Other: '',
    });
    expect(plain(parseWeChatXml('<xml></xml>'))).toEqual({});
    expect(plain(parseWeChatXml('<xml/>'))).toEqual({});
  });

  it('tolerates attributes without interpreting them', () => {
    expect(plain(parseWeChatXml('<xml a="1"><Content b=\'&x;\'>hi</Content></xml>'))).toEqual({ Content: 'hi' });
  });

  it('joins adjacent CDATA sections and text', () => {
    expect(parseWeChatXml('<xml><C><![CDATA[a]]]]><![CDATA[>b]]> &amp; c</C></xml>')['C']).toBe('a]]>b & c');
  });

  describe('null prototypes', () => {
    it('returns objects without a prototype at every level', () => {
      const parsed = parseWeChatXml('<xml><A><B>1</B></A></xml>');
      expect(Object.getPrototypeOf(parsed)).toBeNull();
      expect(Object.getPrototypeOf(parsed['A'])).toBeNull();
    });

    it('stores __proto__, constructor and prototype as ordinary keys without polluting anything', () => {
      const parsed = parseWeChatXml(
        '<xml><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><prototype>p</prototype>' +
          '<toString>t</toString><A><__proto__>x</__proto__></A></xml>',
      );
      expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor', 'prototype', 'toString', 'A']);
      expect(plain(parsed['__proto__'])).toEqual({ polluted: 'yes' });
      expect(parsed['constructor']).toBe('c');
      expect(parsed['toString']).toBe('t');
      expect(Object.getPrototypeOf(parsed)).toBeNull();
      expect((parsed as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.keys(parsed['A'] as XmlElement)).toEqual(['__proto__']);
    });
  });

  describe('entities', () => {
    it('decodes the five predefined entities and numeric character references', () => {
      expect(parseWeChatXml('<xml><C>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;</C></xml>')['C']).toBe('<a> & "b" \'c\'');
      expect(parseWeChatXml('<xml><C>&#24066;&#x6C11;&#x1F3DB;</C></xml>')['C']).toBe('市民🏛');
    });

    it('leaves entity-like text inside CDATA alone', () => {
      expect(parseWeChatXml('<xml><C><![CDATA[&lt; &xxe; &]]></C></xml>')['C']).toBe('&lt; &xxe; &');
    });

    it.each([
      ['an undeclared entity', '<xml><C>&xxe;</C></xml>'],
      ['an HTML entity', '<xml><C>&nbsp;</C></xml>'],
      ['a bare ampersand', '<xml><C>a & b</C></xml>'],
      ['an unterminated reference', '<xml><C>&amp</C></xml>'],
      ['a NUL character reference', '<xml><C>&#0;</C></xml>'],
      ['a surrogate character reference', '<xml><C>&#xD800;</C></xml>'],
      ['an out-of-range character reference', '<xml><C>&#x110000;</C></xml>'],
    ])('rejects %s as malformed', (_label, text) => {
      expect(failureOf(text)).toBe('malformed');
    });
  });

  describe('declarations and processing instructions', () => {
    it.each([
      ['a DOCTYPE', '<!DOCTYPE xml><xml><C>a</C></xml>'],
      [
        'an external entity (XXE)',
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><C>&xxe;</C></xml>',
      ],
      [
        'entity expansion (billion laughs)',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><C>&lol2;</C></xml>',
      ],
      ['a DOCTYPE after the root', '<xml><C>a</C></xml><!DOCTYPE xml>'],
      ['an ENTITY inside an element', '<xml><!ENTITY a "b"><C>a</C></xml>'],
      ['a processing instruction', '<?php echo 1; ?><xml><C>a</C></xml>'],
      ['a stylesheet instruction', '<?xml-stylesheet href="x"?><xml><C>a</C></xml>'],
      ['a processing instruction inside an element', '<xml><?php x ?><C>a</C></xml>'],
      ['a second XML declaration', '<?xml version="1.0"?><?xml version="1.0"?><xml/>'],
    ])('rejects %s', (_label, text) => {
      expect(failureOf(text)).toBe('forbidden-declaration');
    });
  });

  describe('malformed documents', () => {
    it.each([
      ['an empty body', ''],
      ['plain text', 'success'],
      ['JSON', '{"MsgType":"text"}'],
      ['a mismatched closing tag', '<xml><A>1</B></xml>'],
      ['an unclosed element', '<xml><A>1</A>'],
      ['an unclosed CDATA section', '<xml><A><![CDATA[1</A></xml>'],
      ['an unclosed comment', '<xml><!-- x </xml>'],
      ['a second root', '<xml></xml><xml></xml>'],
      ['text after the root', '<xml></xml>trailing'],
      ['a root other than <xml>', '<root><A>1</A></root>'],
      ['text in the root', '<xml>hello</xml>'],
      ['text mixed with elements', '<xml><A>1</A>loose<B>2</B></xml>'],
      ['an ideographic space between elements', '<xml><A>1</A>\u3000<B>2</B></xml>'],
      ['a bad element name', '<xml><1A>1</1A></xml>'],
      ['a namespaced element', '<xml><a:b>1</a:b></xml>'],
      ['an unquoted attribute', '<xml a=1></xml>'],
      ['an unterminated XML declaration', '<?xml version="1.0"'],
    ])('rejects %s', (_label, text) => {
      expect(failureOf(text)).toBe('malformed');
    });
  });

  describe('limits', () => {
    it('rejects nesting deeper than the limit', () => {
      const deep = '<xml><a><b><c>1</c></b></a></xml>';
      expect(() => parseWeChatXml(deep, { maxDepth: 4 })).not.toThrow();
      expect(failureOf(deep, { maxDepth: 3 })).toBe('limit-exceeded');
      expect(failureOf(`<xml>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</xml>`)).toBe('limit-exceeded');
    });

    it('rejects more elements than the limit', () => {
      const many = `<xml>${'<a>1</a>'.repeat(10)}</xml>`;
      expect(() => parseWeChatXml(many, { maxElements: 11 })).not.toThrow();
      expect(failureOf(many, { maxElements: 10 })).toBe('limit-exceeded');
      expect(failureOf(`<xml>${'<a/>'.repeat(1000)}</xml>`)).toBe('limit-exceeded');
    });

    it('rejects names longer than the limit', () => {
      expect(failureOf(`<xml><${'a'.repeat(65)}>1</${'a'.repeat(65)}></xml>`)).toBe('limit-exceeded');
      expect(() => parseWeChatXml(`<xml><${'a'.repeat(64)}>1</${'a'.repeat(64)}></xml>`)).not.toThrow();
    });

    it('rejects documents longer than the limit', () => {
      expect(failureOf(`<xml><C>${'x'.repeat(100)}</C></xml>`, { maxLength: 100 })).toBe('limit-exceeded');
    });
  });
});

describe('cdata', () => {
  it('splits "]]>" so the text round-trips through the parser', () => {
    for (const text of [']]>', 'a]]>b]]>c', ']]]]>>', '<![CDATA[x]]>', 'plain']) {
      expect(parseWeChatXml(`<xml><C>${cdata(text)}</C></xml>`)['C']).toBe(text);
    }
  });
});

describe('buildTextReplyXml', () => {
  const createTime = new Date('2024-05-01T08:00:00.999Z');

  it('builds the passive text reply with CreateTime in seconds', () => {
    expect(buildTextReplyXml({ toUserName: 'oCitizen', fromUserName: 'gh_account', content: '您好', createTime })).toBe(
      '<xml><ToUserName><![CDATA[oCitizen]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName>' +
        '<CreateTime>1714550400</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好]]></Content></xml>',
    );
  });

  it('round-trips content containing "]]>", markup and line breaks', () => {
    const content = '办理地址：<市民中心> 1]]>2\n电话 12345 & 转 0';
    const parsed = parseWeChatXml(buildTextReplyXml({ toUserName: 'o1', fromUserName: 'gh', content, createTime }));
    expect(plain(parsed)).toEqual({ ToUserName: 'o1', FromUserName: 'gh', CreateTime: '1714550400', MsgType: 'text', Content: content });
  });

  it('drops characters XML cannot carry', () => {
    const parsed = parseWeChatXml(
      buildTextReplyXml({ toUserName: 'o1', fromUserName: 'gh', content: 'a\u0000b\u0007c\uFFFEd', createTime }),
    );
    expect(parsed['Content']).toBe('abcd');
  });

  it('refuses an empty Content', () => {
    for (const content of ['', '   \n', '\u0000']) {
      expect(() => buildTextReplyXml({ toUserName: 'o1', fromUserName: 'gh', content, createTime })).toThrow(RangeError);
    }
  });
});

describe('buildEncryptedReplyXml', () => {
  it('wraps the envelope fields so the parser reads them back', () => {
    const envelope = { Encrypt: 'abc+/=', MsgSignature: 'f'.repeat(40), TimeStamp: '1409659813', Nonce: 'n1' };
    const xml = buildEncryptedReplyXml(envelope);
    expect(xml).toBe(
      '<xml><Encrypt><![CDATA[abc+/=]]></Encrypt><MsgSignature><![CDATA[ffffffffffffffffffffffffffffffffffffffff]]></MsgSignature>' +
        '<TimeStamp>1409659813</TimeStamp><Nonce><![CDATA[n1]]></Nonce></xml>',
    );
    expect(plain(parseWeChatXml(xml))).toEqual(envelope);
  });

  it('refuses a TimeStamp that is not digits', () => {
    expect(() => buildEncryptedReplyXml({ Encrypt: 'a', MsgSignature: 'b', TimeStamp: '1</TimeStamp><x>', Nonce: 'n' })).toThrow(
      RangeError,
    );
  });
});

it('acknowledges with "success"', () => {
  expect(SUCCESS_REPLY).toBe('success');
});
