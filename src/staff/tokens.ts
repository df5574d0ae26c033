import { createHash, randomBytes } from 'node:crypto';

/** Staff bearer tokens carry a prefix so secret scanners and people recognise them. */
export const STAFF_TOKEN_PREFIX = 'wzs_';
const TOKEN_SHAPE = /^wzs_[A-Za-z0-9_-]{43}$/;

/** 32 random bytes; only the SHA-256 of the token is ever stored. */
export function newStaffToken(): string {
  return STAFF_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isStaffTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function hashStaffToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
