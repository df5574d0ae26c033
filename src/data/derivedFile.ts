import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A short hash of what a derived file is made from, for its name: other sources, other file. */
export function contentKey(...sources: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of a file worked out from other data once per machine and kept in the temporary folder
 * (`name` must say everything it was made from, e.g. with contentKey), written by `make` when it
 * is not there yet. Renamed into place, so processes and threads starting together never read half a
 * file. Null where the folder cannot be written: the caller works without it.
 */
export function derivedFile(name: string, make: () => string | Buffer): string | null {
  const path = join(tmpdir(), name);
  if (existsSync(path)) return path;
  const text = make();
  try {
    const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, text);
    renameSync(partial, path);
    return path;
  } catch {
    return null;
  }
}
