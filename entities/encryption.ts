import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Column, type ColumnOptions } from 'typeorm';

/**
 * Encryption at rest of personal data in case records (names, ID numbers, phone numbers,
 * addresses): AES-256-GCM with a key from the environment (WENZHENG_DATA_KEY). A stored value reads
 * `wz1:<key id>:<base64 of IV, tag, ciphertext>`; the key id (the first 8 hex digits of the key's
 * SHA-256) says which key decrypts it, so a new key can take over while older ones
 * (WENZHENG_DATA_KEYS_OLD) still read what they wrote, until `wenzheng data rekey` rewrites it.
 */

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface DataKeyring {
  /** Encrypts everything written. */
  current: DataKey;
  /** Decrypts: the current key and the older ones. */
  byId: Map<string, Buffer>;
  /** No key was configured: the public development key is in use. */
  development: boolean;
  /** Keys keyedHash, derived from the current key once: every inbound message is hashed with it. */
  lookupKey: Buffer;
}

const PREFIX = 'wz1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function dataKeyOf(key: Buffer): DataKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** A base64 key of exactly 32 bytes, or null: the caller names the variable, never the value. */
export function parseDataKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}

/**
 * Outside production, without WENZHENG_DATA_KEY: a key everybody can derive from this source, so
 * that development databases open on every machine. It protects nothing, and start-up says so.
 */
export const DEVELOPMENT_DATA_KEY = createHash('sha256').update('wenzheng public development data key - protects nothing').digest();

export function createKeyring(current: Buffer | null, old: Buffer[] = []): DataKeyring {
  const key = dataKeyOf(current ?? DEVELOPMENT_DATA_KEY);
  const byId = new Map([...old.map(dataKeyOf), dataKeyOf(DEVELOPMENT_DATA_KEY), key].map((k) => [k.id, k.key] as const));
  const lookupKey = createHmac('sha256', key.key).update('wenzheng lookup hash').digest();
  return { current: key, byId, development: current === null, lookupKey };
}

// The keyring of the process: column transformers are declared on the entities, before any app
// exists. createApp sets it from the configuration (every app of a process uses the same key).
let active: DataKeyring = createKeyring(null);

export function useKeyring(keyring: DataKeyring): void {
  active = keyring;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function encryptValue(plain: string, keyring: DataKeyring = active): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${keyring.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Plaintext (a row from before encryption) is returned as it is; a value of an unknown key is an error. */
export function decryptValue(stored: string, keyring: DataKeyring = active): string {
  if (!isEncrypted(stored)) return stored;
  const [, keyId, payload] = stored.split(':');
  const key = keyring.byId.get(keyId ?? '');
  if (!key || !payload)
    throw new Error(`personal data encrypted with key ${keyId}, which is neither WENZHENG_DATA_KEY nor in WENZHENG_DATA_KEYS_OLD`);
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * HMAC-SHA-256 of a value, for the few lookups by value (the same applicant's applications): equal
 * values give equal hashes under one key, and the hash reveals nothing without it. Keyed with a
 * key derived from the current data key, so `data rekey` recomputes the hashes too.
 */
export function keyedHash(value: string, keyring: DataKeyring = active): string {
  return createHmac('sha256', keyring.lookupKey).update(value).digest('hex');
}

/** Whether a stored value is written with another key than the current one (what `data rekey` rewrites). */
export function needsRekey(stored: string, keyring: DataKeyring = active): boolean {
  return !isEncrypted(stored) || stored.slice(PREFIX.length, PREFIX.length + 8) !== keyring.current.id;
}

/** A text column holding personal data encrypted; entities read and write plaintext. Never queried by value. */
export const EncryptedColumn = (options: ColumnOptions = {}) =>
  Column({
    type: 'text',
    ...options,
    transformer: {
      to: (value: string | null | undefined) => (typeof value === 'string' ? encryptValue(value) : value),
      from: (value: string | null) => (typeof value === 'string' ? decryptValue(value) : value),
    },
  });
