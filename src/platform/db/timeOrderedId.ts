import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random.
 * Rows keyed by it (and indexes that start with it) are appended in time order instead of landing
 * on a random page of the B-tree, so a commit writes a few pages rather than one per new row
 * (SQLite's WAL), and InnoDB's clustered index does not split pages at random.
 */
export function timeOrderedId(now: number = Date.now()): string {
  // A version 4 UUID's random bits and variant, behind the time and version 7; randomUUID draws
  // from a cached buffer of random bytes, which is cheaper than drawing ten bytes each time.
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
