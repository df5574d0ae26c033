/**
 * Mini-program pushes in JSON format carry MsgId as a bare 64-bit number, which JSON.parse would round
 * (Node 20 has no reviver access to the source text). Integers beyond Number.MAX_SAFE_INTEGER are
 * therefore turned into strings before parsing, so ids keep every digit.
 */

export class WeChatJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeChatJsonError';
  }
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      // Skip the whole string literal, escapes included, so digits inside strings are never touched.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return text; // not a number token: leave it for JSON.parse to reject
      const token = match[0];
      const isInteger = match[1] === undefined && match[2] === undefined;
      if (isInteger && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copiedTo, i)}"${token}"`;
        copiedTo = i + token.length;
      }
      i += token.length;
    } else {
      i++;
    }
  }
  return out + text.slice(copiedTo);
}

/** Parses a WeChat JSON payload into an object, keeping 64-bit integers as exact decimal strings. */
export function parseWeChatJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(quoteUnsafeIntegers(text));
  } catch (err) {
    throw new WeChatJsonError(`payload is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WeChatJsonError('payload is not a JSON object');
  }
  return value as Record<string, unknown>;
}
