/**
 * Hostile payloads for the public endpoints: WeChat XML (DTDs and entities, deep nesting, huge element
 * and attribute counts, unclosed tags, CDATA tricks, prototype-polluting names, oversized fields, bad
 * encodings), WeChat JSON, and JSON request bodies. Every generator takes a seeded Random.
 */
import type { WeChatMessageCrypto } from '../../src/channels/wechat/crypto';
import { anyString, corruptUtf8, HOSTILE_STRINGS, randomString, type Random } from './random';

export interface HostileBody {
  body: Buffer;
  /** What the generator did, for the failure report. */
  kind: string;
  /** The Encrypt field the body carries, when it carries one (the test may sign it). */
  encrypt?: string;
}

export const CONTENT_TYPES = [
  'text/xml',
  'text/xml; charset=utf-8',
  'application/xml',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/xml; charset=gbk',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'image/png',
  '*/*',
  'text/html; charset=utf-16',
  'application/json; charset=utf-32',
  ';;;',
  'x',
];

const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineSetter__'];
const MSG_TYPES = [
  'text',
  'TEXT',
  'Text',
  'voice',
  'image',
  'video',
  'shortvideo',
  'location',
  'link',
  'file',
  'miniprogrampage',
  'event',
  'transfer_customer_service',
  '',
  ' text ',
  '__proto__',
  'constructor',
  'toString',
];
const EVENTS = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'scan',
  'CLICK',
  'VIEW',
  'LOCATION',
  'user_enter_tempsession',
  'TEMPLATESENDJOBFINISH',
  '',
  '__proto__',
  'hasOwnProperty',
];

const cdata = (text: string) => `<![CDATA[${text}]]>`;

/** A plausible field value, or an oversized / hostile one. */
function fieldValue(random: Random, name: string, unique: string): string {
  const r = random.next();
  if (r < 0.75) {
    switch (name) {
      case 'ToUserName':
        return 'gh_fuzz_city';
      case 'FromUserName':
        return `o-fuzz-${unique}`;
      case 'CreateTime':
        return String(1795600000 + random.int(0, 100000));
      case 'MsgType':
        return random.bool(0.7) ? 'text' : random.pick(MSG_TYPES);
      case 'MsgId':
        return String(7_000_000_000_000_000_000n + BigInt(unique.replace(/\D/g, '') || '0'));
      case 'Content':
        return random.pick(['低保怎么申请', '公积金怎么提取', '你好', '转人工', '我要投诉', '信息公开申请', '棚改补偿标准是多少']);
      default:
        return randomString(random, 16);
    }
  }
  if (r < 0.9) return anyString(random, 64);
  // Oversized: beyond every column and limit (citizen ids, message ids, event keys, text).
  const length = random.pick([129, 192, 256, 1000, 5000, 70_000, 200_000]);
  const unit = random.pick(['a', '低', '🙂', '9', '&amp;', '<a/>']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function wrap(random: Random, value: string): string {
  // Raw text must escape <, & to stay well-formed; sometimes it deliberately does not.
  if (random.bool(0.6)) return cdata(value);
  if (random.bool(0.8)) return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return value;
}

/** A well-formed WeChat message with (possibly hostile) field values. */
export function messageXml(random: Random, unique: string): string {
  const fields = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId'];
  if (random.bool(0.2)) fields.push('Event', 'EventKey');
  if (random.bool(0.1)) fields.push('Recognition', 'Title', 'Encrypt');
  const kept = fields.filter(() => random.bool(0.96));
  const parts: string[] = [];
  for (const name of kept) {
    let value = fieldValue(random, name, unique);
    if (name === 'MsgType' && kept.includes('Event') && random.bool(0.7)) value = 'event';
    if (name === 'Event') value = random.bool(0.7) ? random.pick(EVENTS) : value;
    const element = `<${name}>${wrap(random, value)}</${name}>`;
    parts.push(element);
    if (random.bool(0.05)) parts.push(element); // a repeated field becomes an array
  }
  if (random.bool(0.3)) {
    for (let i = random.int(0, 3); i >= 0; i--) {
      const j = random.int(0, parts.length);
      parts.splice(j, 0, random.pick(parts) ?? '<x/>'); // shuffled duplicates
    }
  }
  return `<xml>${parts.join(random.bool(0.3) ? '\n  ' : '')}</xml>`;
}

const repeat = (unit: string, count: number) => unit.repeat(Math.max(0, count));

type Mutation = (random: Random, xml: string, unique: string) => { xml: string; kind: string };

const MUTATIONS: Mutation[] = [
  // DOCTYPE and ENTITY: billion laughs, external entities, parameter entities, inside and outside the root.
  (random, xml) => {
    const dtd = random.pick([
      '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
      '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/evil.dtd">',
      '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>',
      '<!DOCTYPE xml PUBLIC "-//x//y" "http://127.0.0.1:1/x.dtd">',
      '<!ENTITY a "x">',
      '<!DOCTYPE',
      '<!ELEMENT xml ANY>',
      '<!ATTLIST xml a CDATA "x">',
    ]);
    const ref = random.pick(['&d;', '&xxe;', '&a;', '%p;', '&undefined;']);
    const withRef = xml.replace(/<Content>[\s\S]*?<\/Content>/, `<Content>${ref}</Content>`);
    const where = random.int(0, 2);
    const out =
      where === 0
        ? `${dtd}${withRef}`
        : where === 1
          ? withRef.replace('<xml>', `<xml>${dtd}`)
          : `<?xml version="1.0"?>\n${dtd}\n${withRef}`;
    return { xml: out, kind: 'doctype/entity' };
  },
  // Deep nesting.
  (random, xml) => {
    const depth = random.pick([6, 7, 8, 9, 20, 500, 5000, 40_000]);
    const name = random.pick(['a', 'Content', 'xml', '__proto__', 'PicList']);
    const nested = `${repeat(`<${name}>`, depth)}x${repeat(`</${name}>`, random.bool(0.9) ? depth : depth - 1)}`;
    return { xml: random.bool(0.5) ? xml.replace('</xml>', `${nested}</xml>`) : `<xml>${nested}</xml>`, kind: `nesting ${depth}` };
  },
  // Many elements.
  (random, xml) => {
    const count = random.pick([511, 512, 513, 2000, 20_000, 60_000]);
    const element = random.pick(['<a/>', '<a>1</a>', '<Content>x</Content>', '<__proto__/>', '<MsgId>1</MsgId>']);
    return { xml: xml.replace('</xml>', `${repeat(element, count)}</xml>`), kind: `elements ${count}` };
  },
  // Attributes: many, long, malformed, prototype names.
  (random, xml) => {
    const count = random.pick([1, 10, 1000, 20_000]);
    const style = random.int(0, 5);
    const attribute = (i: number) =>
      style === 0
        ? ` a${i}="${i}"`
        : style === 1
          ? ` ${random.pick(PROTO_NAMES)}="${anyString(random, 10).replace(/["<]/g, '')}"`
          : style === 2
            ? ` a${i}=unquoted`
            : style === 3
              ? ` a${i}="<"`
              : style === 4
                ? ` a="${repeat('x', 100_000)}"`
                : ` a${i}='x' a${i}='y'`;
    let attrs = '';
    for (let i = 0; i < (style === 4 ? 1 : count); i++) attrs += attribute(i);
    const target = random.pick(['<xml', '<Content', '<FromUserName', '<MsgType']);
    return { xml: xml.replace(target, `${target}${attrs}`), kind: `attributes x${count} style ${style}` };
  },
  // Unclosed, mismatched, truncated, extra content.
  (random, xml) => {
    const style = random.int(0, 6);
    if (style === 0) return { xml: xml.slice(0, random.int(0, xml.length - 1)), kind: 'truncated' };
    if (style === 1) return { xml: xml.replace(/<\/[A-Za-z]+>/, ''), kind: 'closing tag removed' };
    if (style === 2) return { xml: xml.replace(/<\/Content>/, '</Contnet>'), kind: 'mismatched closing tag' };
    if (style === 3)
      return {
        xml: `${xml}${random.pick(['<xml></xml>', 'trailing', '</xml>', '<!-- c -->', '<?pi?>', ']]>'])}`,
        kind: 'content after root',
      };
    if (style === 4)
      return {
        xml: xml.replace('<xml>', random.pick(['<xml', '<xml<', '< xml>', '<xml/>', '<XML>', '<1xml>', '<xml:a>'])),
        kind: 'bad root',
      };
    if (style === 5) return { xml: xml.replace(/<(\w+)>/, '<$1 '), kind: 'unterminated start tag' };
    return {
      xml: random.pick([
        '',
        ' ',
        '<',
        '<xml>',
        '</xml>',
        '<xml></xml>',
        '<xml/>',
        '<?xml version="1.0"?>',
        '<!---->',
        'xml',
        '\ufeff<xml></xml>',
      ]),
      kind: 'degenerate document',
    };
  },
  // CDATA tricks.
  (random, xml) => {
    const trick = random.pick([
      '<![CDATA[a]]>b]]>',
      '<![CDATA[<![CDATA[nested]]>]]>',
      '<![CDATA[unterminated',
      '<![CDATA[]]></Content><FromUserName>injected</FromUserName><Content><![CDATA[x]]>',
      '<![CDATA[</xml><xml><FromUserName>other</FromUserName>]]>',
      '<![cdata[lower]]>',
      '<![CDATA[]]>',
      '<![CDATA[\u0000\u0001]]>',
      `<![CDATA[${repeat(']]]]><![CDATA[>', 200)}]]>`,
    ]);
    const out = random.bool(0.8) ? xml.replace(/<Content>[\s\S]*?<\/Content>/, `<Content>${trick}</Content>`) : `${trick}${xml}`;
    return { xml: out, kind: 'cdata trick' };
  },
  // Prototype-polluting element names, at the root and nested, repeated to form arrays.
  (random, xml) => {
    const name = random.pick(PROTO_NAMES);
    const style = random.int(0, 3);
    const inner =
      style === 0
        ? `<${name}>x</${name}>`
        : style === 1
          ? `<${name}><FromUserName>polluted</FromUserName><MsgType>text</MsgType></${name}>`
          : style === 2
            ? `<${name}>1</${name}><${name}>2</${name}>`
            : `<FromUserName><${name}>x</${name}></FromUserName>`;
    return {
      xml: xml.replace(random.bool(0.5) ? '<xml>' : '</xml>', (m) => (m === '<xml>' ? `<xml>${inner}` : `${inner}</xml>`)),
      kind: `proto names ${name}`,
    };
  },
  // Processing instructions and comments.
  (random, xml) => {
    const markup = random.pick([
      '<?xml-stylesheet href="http://127.0.0.1:1/x"?>',
      '<?php system("id"); ?>',
      '<!--',
      '<!-- -- -->',
      '<!-- ok -->',
      '<!--->',
      '<?xml version="1.0"?>',
      '<?xml',
      '<!x>',
    ]);
    const out = random.bool(0.5) ? xml.replace('</xml>', `${markup}</xml>`) : xml.replace('<xml>', `<xml>${markup}`);
    return { xml: random.bool(0.2) ? `${markup}${xml}` : out, kind: 'pi/comment' };
  },
  // Character and entity references.
  (random, xml) => {
    const ref = random.pick([
      '&#0;',
      '&#x0;',
      '&#xD800;',
      '&#xDFFF;',
      '&#x110000;',
      '&#99999999;',
      '&#x;',
      '&#;',
      '&lt',
      '&unknown;',
      '&amp;#x26;',
      '&#x1F600;',
      '&#65;',
      '&#xFFFE;',
      '&#x7;',
      '&',
      '&&&&',
    ]);
    return {
      xml: xml.replace(/<Content>[\s\S]*?<\/Content>/, `<Content>a${repeat(ref, random.int(1, 50))}b</Content>`),
      kind: `reference ${ref}`,
    };
  },
  // Declarations and encodings.
  (random, xml) => {
    const declaration = random.pick([
      '<?xml version="1.0" encoding="UTF-16"?>',
      '<?xml version="1.0" encoding="GBK"?>',
      '<?xml version="1.1"?>',
      '<?xml version="1.0" standalone="no"?>',
      '<?xml?>',
      '\ufeff',
      '\ufeff\ufeff',
      '   \n\t',
    ]);
    return { xml: `${declaration}${xml}`, kind: `declaration ${JSON.stringify(declaration)}` };
  },
];

/** JSON payloads in WeChat's field names (the mini-program may push JSON), hostile or not. */
function weChatJson(random: Random, unique: string): { text: string; kind: string } {
  const base: Record<string, unknown> = {
    ToUserName: 'gh_fuzz_city',
    FromUserName: `o-fuzz-${unique}`,
    CreateTime: 1795600000,
    MsgType: 'text',
    Content: '低保怎么申请',
    MsgId: `7${unique.replace(/\D/g, '').padStart(18, '0')}`,
  };
  const style = random.int(0, 9);
  if (style === 0) return { text: JSON.stringify(base).replace(/"MsgId":"(\d+)"/, '"MsgId":$1'), kind: 'json, 64-bit MsgId' };
  if (style === 1)
    return {
      text: `{"__proto__":{"FromUserName":"polluted","MsgType":"text"},"CreateTime":1795600000,"Content":"x"}`,
      kind: 'json __proto__',
    };
  if (style === 2)
    return {
      text: `{"constructor":{"prototype":{"x":1}},"FromUserName":"o-${unique}","CreateTime":1,"MsgType":"text","MsgId":1}`,
      kind: 'json constructor',
    };
  if (style === 3) return { text: `{${repeat('"a":{', 5000)}${repeat('}', 5000)}}`, kind: 'json deep objects' };
  if (style === 4)
    return {
      text: `{"FromUserName":${random.pick(['null', '1e309', '-0', '[]', '{}', 'true', '123456789012345678901234567890'])},"CreateTime":${random.pick(['1e400', '-1', '1.5', '"x"', '99999999999999'])},"MsgType":"text","MsgId":${random.pick(['1e400', '-1', '0.1', '18446744073709551616'])}}`,
      kind: 'json odd numbers',
    };
  if (style === 5) return { text: JSON.stringify(base).slice(0, random.int(1, 60)), kind: 'json truncated' };
  if (style === 6) return { text: `{"a":"${repeat('\\', random.int(1, 9))}"${random.pick(['', '}', ',"b":1}'])}`, kind: 'json escapes' };
  if (style === 7)
    return {
      text: random.pick([
        '{',
        '{}',
        '{"x":1}{"y":2}',
        "{'FromUserName':'x'}",
        '{"a":1,}',
        '{"a":NaN}',
        '{/*c*/}',
        `{"s":"\\ud800"}`,
        '  {  ',
      ]),
      kind: 'json malformed',
    };
  if (style === 8) {
    const copy: Record<string, unknown> = { ...base };
    for (const key of Object.keys(copy))
      if (random.bool(0.4)) copy[key] = random.pick([null, 1, [], {}, anyString(random, 32), repeat('x', 300)]);
    return { text: JSON.stringify(copy), kind: 'json hostile values' };
  }
  return {
    text: `{"FromUserName":"o-${unique}","CreateTime":1795600000,"MsgType":"text","Content":"${repeat('低', random.pick([100, 70_000]))}","MsgId":"${unique.replace(/\D/g, '') || 1}"}`,
    kind: 'json long content',
  };
}

/**
 * A hostile body for a WeChat webhook POST. `crypto` (the channel's) seals a hostile inner document in
 * an Encrypt envelope sometimes, so the decrypted path is fuzzed too.
 */
export function hostileWeChatBody(random: Random, unique: string, crypto: WeChatMessageCrypto | null): HostileBody {
  const r = random.next();
  if (r < 0.08) return { body: random.bytes(random.size(4096)), kind: 'random bytes' };
  if (r < 0.2) {
    const { text, kind } = weChatJson(random, unique);
    return { body: Buffer.from(text), kind };
  }
  let { xml, kind } = { xml: messageXml(random, unique), kind: 'message' };
  // A third stay well-formed (hostile values only), so they get as far as the database and the matcher.
  const rounds = random.bool(0.35) ? 0 : random.bool(0.75) ? 1 : random.int(2, 3);
  const kinds: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const mutated = random.pick(MUTATIONS)(random, xml, unique);
    xml = mutated.xml;
    kinds.push(mutated.kind);
  }
  kind = kinds.length ? kinds.join(' + ') : 'message (well-formed)';
  if (crypto && r > 0.85) {
    // Safe mode: the hostile document inside a real envelope, or a garbage envelope.
    const style = random.int(0, 3);
    const encrypt =
      style === 0
        ? crypto.encrypt(xml)
        : style === 1
          ? random.bytes(random.pick([0, 1, 15, 16, 17, 32, 48, 1024])).toString('base64')
          : style === 2
            ? random.pick(['', '=', '!!!!', 'AAAA', repeat('A', 44), anyString(random, 64)])
            : crypto.encrypt(xml).slice(0, -random.int(1, 8));
    return {
      body: Buffer.from(`<xml><ToUserName>${cdata('gh_fuzz_city')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`),
      kind: `encrypted(${style}) ${kind}`,
      encrypt,
    };
  }
  let body: Buffer = Buffer.from(xml, 'utf8');
  const encoding = random.next();
  if (encoding < 0.08) body = corruptUtf8(random, body);
  else if (encoding < 0.11) body = Buffer.from(`\ufeff${xml}`, 'utf16le');
  else if (encoding < 0.13) body = Buffer.concat([body, Buffer.alloc(random.int(1, 64))]); // trailing NULs
  return { body, kind: encoding < 0.13 ? `${kind} (bad encoding)` : kind };
}

/** A JSON request body built from `template`: valid with hostile values, or malformed in some way. */
export function hostileJson(random: Random, template: Record<string, unknown>): { body: Buffer; kind: string } {
  const r = random.next();
  if (r < 0.3) {
    const copy: Record<string, unknown> = { ...template };
    for (const key of Object.keys(copy)) {
      if (random.bool(0.5))
        copy[key] = random.pick<unknown>([
          null,
          0,
          -1,
          1e308,
          true,
          [],
          {},
          [anyString(random)],
          { a: 1 },
          anyString(random, 64),
          repeat('x', random.pick([129, 1001, 20_000])),
          anyString(random, 2000),
        ]);
      if (random.bool(0.1)) delete copy[key];
    }
    if (random.bool(0.2)) copy[random.pick(PROTO_NAMES)] = random.bool(0.5) ? { ...template } : anyString(random);
    return { body: Buffer.from(JSON.stringify(copy)), kind: 'json, hostile values' };
  }
  if (r < 0.45) return { body: Buffer.from(JSON.stringify(template)), kind: 'json, as expected' };
  const text = JSON.stringify(template);
  const style = random.int(0, 14);
  const kinds = [
    'truncated',
    'garbage inserted',
    'trailing comma',
    'single quotes',
    'NaN',
    'comment',
    'duplicate keys',
    '__proto__',
    'deep nesting',
    'huge numbers',
    'lone surrogate',
    'BOM',
    'two values',
    'not an object',
    'invalid UTF-8',
  ];
  let out: string | ReturnType<typeof corruptUtf8>;
  switch (style) {
    case 0:
      out = text.slice(0, random.int(0, text.length - 1));
      break;
    case 1: {
      const at = random.int(0, text.length);
      out = `${text.slice(0, at)}${random.pick(['"', '}', ']', ',', ':', '\\', '\u0000', '\n', 'x'])}${text.slice(at)}`;
      break;
    }
    case 2:
      out = text.replace(/}$/, ',}');
      break;
    case 3:
      out = text.replace(/"/g, "'");
      break;
    case 4:
      out = text.replace(/:"[^"]*"/, ':NaN');
      break;
    case 5:
      out = `/* x */${text}// y`;
      break;
    case 6:
      out = text.replace(
        /^{/,
        `{${Object.keys(template)
          .map((k) => `"${k}":${JSON.stringify(anyString(random, 8))},`)
          .join('')}`,
      );
      break;
    case 7:
      out = `{"__proto__":${text},"constructor":{"prototype":${text}}}`;
      break;
    case 8: {
      const depth = random.pick([100, 10_000, 100_000]);
      out = random.bool(0.5)
        ? `${repeat('[', depth)}${repeat(']', depth)}`
        : text.replace(/:("[^"]*"|[^,}]*)/, `:${repeat('{"a":', depth)}1${repeat('}', depth)}`);
      break;
    }
    case 9:
      out = text.replace(
        /:("[^"]*"|[^,}]*)/,
        `:${random.pick(['1e400', '-1e400', '123456789012345678901234567890', '-0', '0.0000000000000000000001'])}`,
      );
      break;
    case 10:
      out = text.replace(/:"/, ':"\\ud800\\udc00\\udfff\\u0000');
      break;
    case 11:
      out = `\ufeff${text}`;
      break;
    case 12:
      out = `${text}${text}`;
      break;
    case 13:
      out = random.pick(['null', '[]', '"text"', '1', 'true', '', ' ', '[{}]', JSON.stringify([template])]);
      break;
    default:
      out = corruptUtf8(random, text);
  }
  return { body: Buffer.isBuffer(out) ? out : Buffer.from(out, 'utf8'), kind: `json, ${kinds[style]}` };
}

/** A value for a query parameter: hostile, long, badly percent-encoded. Returned already encoded. */
export function hostileQueryValue(random: Random): string {
  const r = random.next();
  if (r < 0.15) return random.pick(['%', '%z', '%zz', '%E4%BD', '%C0%AF', '%00', '%ED%A0%80', '%FF', '+', '%2B', '%25', '%%%%']);
  if (r < 0.2) return encodeURIComponent('x').repeat(random.pick([1000, 4000]));
  return encodeURIComponent(anyString(random, 80).replace(/[\ud800-\udfff]/g, 'x'));
}

export { HOSTILE_STRINGS };
