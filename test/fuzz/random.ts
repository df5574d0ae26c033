/**
 * A small seeded generator for the fuzz tests (no fast-check here): the same seed gives the same
 * cases, so a failure reproduces with WENZHENG_FUZZ_SEED=<seed>.
 */

export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Sizes skewed towards small values, with the occasional big one. */
  size(max: number): number {
    const r = this.next();
    if (r < 0.6) return this.int(0, Math.min(max, 16));
    if (r < 0.9) return this.int(0, Math.min(max, 256));
    return this.int(0, max);
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** A fresh generator for one case, so cases do not depend on each other's draws. */
  fork(index: number): Random {
    return new Random((Math.imul(this.seed ^ 0x9e3779b9, 2654435761) + Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  }
}

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  '低保怎么申请棚改补偿标准是多少公积金提取社保卡办理户口迁移信息公开申请市长信箱投诉举报',
  ' \t\r\n',
  '<>&"\'/=;:[]{}()!?#%*+-_.,`~^|\\',
  '\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0085\u00a0',
  '\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2028\u2029\ufeff\ufffe\uffff',
  '\ud800\udbff\udc00\udfff', // lone surrogates when picked one at a time
  'éüßñçøåÆŒЖЯΩπ🙂👍🏽🇨🇳𠀀𪚥',
];

/** Strings an application may treat specially somewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '99999999999999999999999999999999',
  "'; DROP TABLE message; --",
  '" OR "1"="1',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\u0000',
  '<script>alert(1)</script>',
  ']]>',
  '<![CDATA[',
  '&amp;&lt;&#0;&#x0;&bogus;',
  '\ud800',
  '🙂'.repeat(50),
  '低保'.repeat(40),
];

export function randomString(random: Random, maxLength = 64): string {
  const length = random.size(maxLength);
  const alphabet = random.pick(ALPHABETS.concat(ALPHABETS[0]!, ALPHABETS[1]!));
  const chars = [...alphabet];
  let out = '';
  for (let i = 0; i < length; i++) {
    // Mostly one alphabet per string, sometimes a mix.
    const from = random.bool(0.85) ? chars : [...random.pick(ALPHABETS)];
    out += random.pick(from);
  }
  return out;
}

/** A hostile or random string; `maxLength` bounds the random ones only. */
export function anyString(random: Random, maxLength = 64): string {
  return random.bool(0.3) ? random.pick(HOSTILE_STRINGS) : randomString(random, maxLength);
}

/** Bytes that are not valid UTF-8: stray continuation bytes, overlong forms, encoded surrogates, truncated sequences. */
export const INVALID_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xbf, 0xbf]),
  Buffer.from([0xc0, 0xaf]), // overlong "/"
  Buffer.from([0xe0, 0x80, 0xaf]), // overlong
  Buffer.from([0xed, 0xa0, 0x80]), // UTF-8 encoded surrogate
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xff, 0xfe, 0x00, 0x00]),
  Buffer.from([0xe4, 0xbd]), // truncated 你
  Buffer.from([0xc3]),
];

/** Inserts invalid UTF-8 sequences at random places in `text`. */
export function corruptUtf8(random: Random, text: string | Buffer): Buffer {
  let body = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const count = random.int(1, 4);
  for (let i = 0; i < count; i++) {
    const at = random.int(0, body.length);
    body = Buffer.concat([body.subarray(0, at), random.pick(INVALID_UTF8), body.subarray(at)]);
  }
  return body;
}
