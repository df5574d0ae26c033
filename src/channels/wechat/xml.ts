import type { EncryptedReplyEnvelope } from './crypto';

/**
 * WeChat's payloads are flat <xml> documents with an occasional nested block (ScanCodeInfo, SendPicsInfo).
 * This hand-written parser accepts just that shape: no DTDs, no entities beyond the predefined five and
 * numeric references, nothing that can expand or reach outside the document.
 */

/** Leaf elements are strings; repeated sibling names become arrays, in document order. */
export type XmlValue = string | XmlElement | Array<string | XmlElement>;

/** Children of an element by name. Created with a null prototype so names like __proto__ are plain keys. */
export interface XmlElement {
  [name: string]: XmlValue;
}

export type WeChatXmlFailure = 'forbidden-declaration' | 'malformed' | 'limit-exceeded';

/** The request body is not an acceptable WeChat XML payload; answer 400. */
export class WeChatXmlError extends Error {
  constructor(
    readonly reason: WeChatXmlFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WeChatXmlError';
  }
}

export interface XmlLimits {
  /** Nesting depth counting the root: SendPicsInfo > PicList > item > PicMd5Sum needs 5. */
  maxDepth: number;
  maxElements: number;
  maxNameLength: number;
  /** In UTF-16 code units. */
  maxLength: number;
}

export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = {
  maxDepth: 8,
  maxElements: 512,
  maxNameLength: 64,
  maxLength: 1024 * 1024,
};

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,7}));/y;

const XML_SPACES_ONLY = /^[ \t\r\n]*$/;

function isXmlSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

class Parser {
  private pos = 0;
  private elements = 0;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
  ) {}

  parseDocument(): XmlElement {
    if (this.text.length > this.limits.maxLength) {
      throw new WeChatXmlError('limit-exceeded', `document longer than ${this.limits.maxLength} characters`);
    }
    if (this.text.startsWith('\uFEFF')) this.pos = 1;
    this.skipWhitespace();
    if (/^<\?xml[\s?]/.test(this.text.slice(this.pos, this.pos + 6))) {
      const end = this.text.indexOf('?>', this.pos);
      if (end < 0) throw new WeChatXmlError('malformed', 'unterminated XML declaration');
      this.pos = end + 2;
    }
    this.skipMisc();
    if (this.text[this.pos] !== '<') throw new WeChatXmlError('malformed', 'no root element');
    const root = this.parseElement(1);
    this.skipMisc();
    if (this.pos < this.text.length) throw new WeChatXmlError('malformed', 'content after the root element');
    if (root.name !== 'xml') throw new WeChatXmlError('malformed', `root element is <${root.name}>, expected <xml>`);
    if (typeof root.value === 'string') {
      if (!XML_SPACES_ONLY.test(root.value)) throw new WeChatXmlError('malformed', 'root element holds text');
      return Object.create(null) as XmlElement;
    }
    return root.value;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && isXmlSpace(this.text[this.pos]!)) this.pos++;
  }

  /** Whitespace and comments may surround the root; any other markup there is refused. */
  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.text.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.text.startsWith('<!', this.pos) || this.text.startsWith('<?', this.pos)) this.refuseMarkup();
      else return;
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end < 0) throw new WeChatXmlError('malformed', 'unterminated comment');
    this.pos = end + 3;
  }

  /** DOCTYPE, ENTITY and processing instructions are refused unread: nothing in them is ever expanded. */
  private refuseMarkup(): never {
    const what = this.text.slice(this.pos, this.pos + 10).split(/[\s>[]/)[0];
    throw new WeChatXmlError('forbidden-declaration', `${what} is not allowed`);
  }

  private readName(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) throw new WeChatXmlError('malformed', `expected a name at offset ${this.pos}`);
    if (match[0].length > this.limits.maxNameLength) {
      throw new WeChatXmlError('limit-exceeded', `name longer than ${this.limits.maxNameLength} characters`);
    }
    this.pos += match[0].length;
    return match[0];
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) {
      throw new WeChatXmlError('malformed', `expected "${literal}" at offset ${this.pos}`);
    }
    this.pos += literal.length;
  }

  /** Attributes never appear in WeChat payloads; they are tolerated and dropped, never interpreted. */
  private skipAttributes(): void {
    for (;;) {
      this.skipWhitespace();
      const ch = this.text[this.pos];
      if (ch === '>' || ch === '/' || ch === undefined) return;
      this.readName();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") throw new WeChatXmlError('malformed', 'unquoted attribute value');
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0 || this.text.slice(this.pos + 1, end).includes('<')) {
        throw new WeChatXmlError('malformed', 'bad attribute value');
      }
      this.pos = end + 1;
    }
  }

  private parseElement(depth: number): { name: string; value: string | XmlElement } {
    if (depth > this.limits.maxDepth) {
      throw new WeChatXmlError('limit-exceeded', `elements nested deeper than ${this.limits.maxDepth}`);
    }
    if (++this.elements > this.limits.maxElements) {
      throw new WeChatXmlError('limit-exceeded', `more than ${this.limits.maxElements} elements`);
    }
    this.pos++; // '<'
    const name = this.readName();
    this.skipAttributes();
    if (this.text.startsWith('/>', this.pos)) {
      this.pos += 2;
      return { name, value: '' };
    }
    this.expect('>');

    const children = Object.create(null) as XmlElement;
    let hasChildren = false;
    let text = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new WeChatXmlError('malformed', `<${name}> is not closed`);
      const ch = this.text[this.pos];
      if (ch === '<') {
        if (this.text.startsWith('</', this.pos)) {
          this.pos += 2;
          const closing = this.readName();
          this.skipWhitespace();
          this.expect('>');
          if (closing !== name) throw new WeChatXmlError('malformed', `</${closing}> closes <${name}>`);
          break;
        }
        if (this.text.startsWith('<![CDATA[', this.pos)) {
          const end = this.text.indexOf(']]>', this.pos + 9);
          if (end < 0) throw new WeChatXmlError('malformed', 'unterminated CDATA section');
          text += this.text.slice(this.pos + 9, end);
          this.pos = end + 3;
        } else if (this.text.startsWith('<!--', this.pos)) {
          this.skipComment();
        } else if (this.text.startsWith('<!', this.pos) || this.text.startsWith('<?', this.pos)) {
          this.refuseMarkup();
        } else {
          const child = this.parseElement(depth + 1);
          addChild(children, child.name, child.value);
          hasChildren = true;
        }
      } else if (ch === '&') {
        text += this.readReference();
      } else {
        let end = this.pos;
        while (end < this.text.length && this.text[end] !== '<' && this.text[end] !== '&') end++;
        text += this.text.slice(this.pos, end);
        this.pos = end;
      }
    }
    if (!hasChildren) return { name, value: text };
    // Indentation between children is fine; real text beside children has no place in WeChat's format.
    if (!XML_SPACES_ONLY.test(text)) throw new WeChatXmlError('malformed', `<${name}> mixes text and elements`);
    return { name, value: children };
  }

  private readReference(): string {
    REFERENCE.lastIndex = this.pos;
    const match = REFERENCE.exec(this.text);
    if (!match) throw new WeChatXmlError('malformed', `bare "&" at offset ${this.pos}`);
    this.pos += match[0].length;
    const [, hex, decimal, entity] = match;
    if (entity !== undefined) {
      const replacement = Object.hasOwn(PREDEFINED_ENTITIES, entity) ? PREDEFINED_ENTITIES[entity] : undefined;
      if (replacement === undefined) throw new WeChatXmlError('malformed', `undefined entity &${entity};`);
      return replacement;
    }
    const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    if (!isXmlChar(codePoint)) throw new WeChatXmlError('malformed', `character reference ${match[0]} is not allowed`);
    return String.fromCodePoint(codePoint);
  }
}

function addChild(parent: XmlElement, name: string, value: string | XmlElement): void {
  if (!Object.hasOwn(parent, name)) {
    parent[name] = value;
    return;
  }
  const existing = parent[name]!;
  if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

/** Parses a WeChat XML payload and returns the children of its <xml> root. Throws WeChatXmlError. */
export function parseWeChatXml(text: string, limits: Partial<XmlLimits> = {}): XmlElement {
  return new Parser(text, { ...DEFAULT_XML_LIMITS, ...limits }).parseDocument();
}

/** The reply that tells WeChat "received, nothing to say" (an empty body works too; this is unambiguous). */
export const SUCCESS_REPLY = 'success';

// XML 1.0 cannot carry these at all, even in CDATA; one stray control character would void the whole reply.
const NOT_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Wraps text in CDATA; "]]>" inside is split across two sections so it cannot end the first early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHARS, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface TextReplyInput {
  /** The citizen's openid (the FromUserName of the message being answered). */
  toUserName: string;
  /** The official account's id (the ToUserName of the message being answered). */
  fromUserName: string;
  content: string;
  createTime: Date;
}

/** A passive text reply. An empty Content is not a valid reply (send SUCCESS_REPLY instead), so it throws. */
export function buildTextReplyXml(reply: TextReplyInput): string {
  if (reply.content.replace(NOT_XML_CHARS, '').trim() === '') {
    throw new RangeError('a WeChat text reply needs non-empty Content');
  }
  return (
    '<xml>' +
    `<ToUserName>${cdata(reply.toUserName)}</ToUserName>` +
    `<FromUserName>${cdata(reply.fromUserName)}</FromUserName>` +
    `<CreateTime>${Math.floor(reply.createTime.getTime() / 1000)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(reply.content)}</Content>` +
    '</xml>'
  );
}

/** The safe-mode wrapper around an encrypted passive reply (fields from WeChatMessageCrypto.sealReply). */
export function buildEncryptedReplyXml(envelope: EncryptedReplyEnvelope): string {
  // TimeStamp is the one field written outside CDATA, so it must be digits only.
  if (!/^\d+$/.test(envelope.TimeStamp)) throw new RangeError('TimeStamp must be Unix seconds');
  return (
    '<xml>' +
    `<Encrypt>${cdata(envelope.Encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(envelope.MsgSignature)}</MsgSignature>` +
    `<TimeStamp>${envelope.TimeStamp}</TimeStamp>` +
    `<Nonce>${cdata(envelope.Nonce)}</Nonce>` +
    '</xml>'
  );
}
