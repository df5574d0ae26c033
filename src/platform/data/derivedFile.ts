import { createHash } from 'node:crypto';
import { existsSync, lstatSync, type Stats, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';

/** A short hash of what a derived file is made from, for its name: other sources, other file. */
export function contentKey(...sources: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The contents of the code files in the folder of `file` (a module's __filename), sorted by name: what a cache key of that code hashes. */
export function sourcesBeside(file: string): Buffer[] {
  const folder = dirname(file);
  return readdirSync(folder)
    .filter((name) => extname(name) === extname(file))
    .sort()
    .map((name) => readFileSync(join(folder, name)));
}

/**
 * The user's own folder for derived files inside the temporary folder, or null when it cannot be
 * trusted: the temporary folder is shared, and whoever could plant a file there would choose what
 * the server understands. So the folder must be a real directory, the user's, and closed to others.
 * Checked at every call (one lstat, a few microseconds), so no process-wide memo is needed, and a
 * folder opened to others meanwhile is not used any more.
 */
export function cacheFolder(temporaryFolder = tmpdir()): string | null {
  const uid = process.getuid?.() ?? null;
  const folder = join(temporaryFolder, `wenzheng-cache-${uid ?? 'user'}`);
  let stat = statIfAny(folder);
  if (!stat) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return null;
    }
    stat = statIfAny(folder);
  }
  const trusted = !!stat && stat.isDirectory() && (uid === null || stat.uid === uid) && (stat.mode & 0o077) === 0;
  return trusted ? folder : null;
}

function statIfAny(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Files of one kind that a folder keeps (the names starting with `prefix`): when a new one is written,
 * those beyond the `keep` most recently used that nobody used for `unusedForMs` are removed. A file is
 * used when it is found (its modification time is set then); the time spares the files of instances of
 * other versions running beside this one. Removing is safe for other processes: one already reading
 * keeps its open file, one about to read finds none and makes the value again.
 */
export interface Pruning {
  prefix: string;
  keep: number;
  unusedForMs: number;
}

/**
 * The path of a file worked out from other data once per machine and kept in the user's cache
 * folder (`name` must say everything it was made from, e.g. with contentKey), written by `make` when
 * it is not there yet. Renamed into place, so processes and threads starting together never read half
 * a file. Null where there is no trusted folder or it cannot be written: the caller works without it.
 */
export function derivedFile(name: string, make: () => string | Buffer, pruning?: Pruning): string | null {
  const folder = cacheFolder();
  if (!folder) return null;
  const path = join(folder, name);
  if (existsSync(path)) {
    if (pruning) markUsed(path);
    return path;
  }
  const text = make();
  try {
    const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, text);
    renameSync(partial, path);
  } catch {
    return null;
  }
  try {
    if (pruning) prune(folder, pruning);
  } catch {
    // Files left over only take room.
  }
  return path;
}

function markUsed(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Removed meanwhile: the caller reads nothing and makes it again.
  }
}

function prune(folder: string, { prefix, keep, unusedForMs }: Pruning): void {
  const usedAt = (name: string) => {
    try {
      return statSync(join(folder, name)).mtimeMs;
    } catch {
      return null;
    }
  };
  const files = readdirSync(folder)
    // A file another process is writing under its partial name is recent, so kept; one a crash left, removed.
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ name, usedAt: usedAt(name) }))
    .filter((file): file is { name: string; usedAt: number } => file.usedAt !== null)
    .sort((a, b) => b.usedAt - a.usedAt);
  const unusedSince = Date.now() - unusedForMs;
  for (const file of files.slice(keep)) {
    if (file.usedAt < unusedSince) rmSync(join(folder, file.name), { force: true });
  }
}

/** How a derived value is kept in its file. */
export interface DerivedCodec<T> {
  write(value: T): string | Buffer;
  read(data: Buffer): T;
}

/**
 * A value worked out once per machine (`name` as for derivedFile): read from its file when there is
 * one, else made, kept and returned as made (not read back). A file that cannot be read, or a value
 * that cannot be written, costs only the time to make it: the caller always gets its value.
 */
export function derivedValue<T>(name: string, make: () => T, codec: DerivedCodec<T>, pruning?: Pruning): T {
  let made: { value: T } | undefined;
  let file: string | null = null;
  try {
    file = derivedFile(name, () => codec.write((made = { value: make() }).value), pruning);
  } catch (err) {
    // Making it failed (the caller's error to report); a value that cannot be written is just not kept.
    if (!made) throw err;
  }
  if (made) return made.value;
  if (file) {
    try {
      return codec.read(readFileSync(file));
    } catch {
      // Unreadable (removed meanwhile): made below.
    }
  }
  return make();
}
