import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError, loadDataFile } from '../data/loadDataFile';
import { entryFileSchema, type EntryFileEntry } from './entryFile';

/** Reads and validates entry files; every problem in every file is reported before anything is used. */
export function loadEntryFiles(files: string[]): EntryFileEntry[] {
  const problems: string[] = [];
  const entries: EntryFileEntry[] = [];
  const firstFileOfKey = new Map<string, string>();
  for (const file of files) {
    try {
      for (const [i, entry] of loadDataFile(file, entryFileSchema).entries.entries()) {
        const earlier = firstFileOfKey.get(entry.key);
        if (earlier) problems.push(`${file}: entries[${i}].key: "${entry.key}" is already defined in ${earlier}`);
        else firstFileOfKey.set(entry.key, file);
        entries.push(entry);
      }
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return entries;
}

/** The YAML and JSON files of a folder, sorted so that loading is deterministic. */
export function entryFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
