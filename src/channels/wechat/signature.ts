import { createHash, timingSafeEqual } from 'node:crypto';

/** WeChat signs by SHA-1 over its parameters sorted lexicographically and concatenated. */
function sortedSha1(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

/** The `signature` query parameter of plain-mode requests and of the server-verification GET. */
export function computeSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The `msg_signature` of safe mode: it also covers the Encrypt field, so it authenticates the ciphertext. */
export function computeMsgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/** Constant-time string comparison; a length mismatch is not secret (signatures are always 40 hex digits). */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifySignature(signature: string | undefined, token: string, timestamp: string, nonce: string): boolean {
  if (!signature) return false;
  return constantTimeEqual(signature, computeSignature(token, timestamp, nonce));
}

export function verifyMsgSignature(
  msgSignature: string | undefined,
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): boolean {
  if (!msgSignature) return false;
  return constantTimeEqual(msgSignature, computeMsgSignature(token, timestamp, nonce, encrypt));
}

export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;

/**
 * Whether a request timestamp (Unix seconds, as WeChat sends it) is within `windowSeconds` of `now`,
 * in either direction so modest clock skew is tolerated. Limits how long a captured request can be replayed.
 */
export function isTimestampFresh(
  timestamp: string | undefined,
  now: Date,
  windowSeconds: number = DEFAULT_TIMESTAMP_WINDOW_SECONDS,
): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}
