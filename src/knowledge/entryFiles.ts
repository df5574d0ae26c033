import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError, loadDataFile } from '../platform/data/loadDataFile';
import { entryFileSchema, type EntryFileEntry, type LabelFileItem } from '../../entities/knowledgeEntryFile';

/** A label of a file, with where it was written (`file: labels[i]`) for error messages. */
export interface LoadedLabel {
  item: LabelFileItem;
  at: string;
}

/** Reads and validates entry files; every problem in every file is reported before anything is used. */
export function loadEntryFiles(files: string[]): EntryFileEntry[] {
  return loadKnowledgeFiles(files).entries;
}

/** The entries and the labelled questions of entry files, validated together. */
export function loadKnowledgeFiles(files: string[]): { entries: EntryFileEntry[]; labels: LoadedLabel[] } {
  const problems: string[] = [];
  const entries: EntryFileEntry[] = [];
  const labels: LoadedLabel[] = [];
  const firstFileOfKey = new Map<string, string>();
  for (const file of files) {
    try {
      const loaded = loadDataFile(file, entryFileSchema);
      labels.push(...(loaded.labels ?? []).map((item, i) => ({ item, at: `${file}: labels[${i}]` })));
      for (const [i, entry] of loaded.entries.entries()) {
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
  return { entries, labels };
}

/** The YAML and JSON files of a folder, sorted so that loading is deterministic. */
export function entryFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
