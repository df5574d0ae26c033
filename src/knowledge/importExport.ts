import { stringify as toYaml } from 'yaml';
import type { Database } from '../db/database';
import type { EntryFile } from './entryFile';
import { entryFilesIn, loadEntryFiles } from './entryFiles';
import { knowledgeEntries, knowledgeRevision, toFileEntry } from './repository';

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
}

/**
 * Validates every file first (nothing is written when one field is wrong), then upserts by key in
 * one transaction. `replace` archives the entries the files do not mention.
 */
export async function importEntryFiles(db: Database, files: string[], options: { replace?: boolean; changedBy: string; now: Date }): Promise<ImportSummary> {
  const entries = loadEntryFiles(files);
  return db.transaction(async (tx) => {
    const summary: ImportSummary = { created: [], updated: [], unchanged: [], archived: [] };
    for (const entry of entries) {
      const { outcome } = await knowledgeEntries.upsert(tx, entry, options.changedBy, options.now);
      summary[outcome].push(entry.key);
    }
    if (options.replace) {
      summary.archived = await knowledgeEntries.archiveAllBut(tx, entries.map((e) => e.key), options.changedBy, options.now);
    }
    if (summary.created.length || summary.updated.length || summary.archived.length) await knowledgeRevision.bump(tx, options.now);
    return summary;
  });
}

export async function exportEntries(db: Database): Promise<EntryFile> {
  const rows = await db.transaction((tx) => knowledgeEntries.all(tx));
  return { entries: rows.map(toFileEntry) };
}

/** JSON for .json files and standard output, YAML for .yaml/.yml. */
export function serializeEntryFile(file: EntryFile, format: 'json' | 'yaml'): string {
  return format === 'yaml' ? toYaml(file, { lineWidth: 0 }) : `${JSON.stringify(file, null, 2)}\n`;
}

/** First start: load the starter knowledge base from seeds/knowledge when no entry exists yet. */
export async function seedKnowledgeIfEmpty(db: Database, seedsDir: string, now: Date): Promise<ImportSummary | null> {
  const count = await db.transaction((tx) => knowledgeEntries.count(tx));
  if (count > 0) return null;
  return importEntryFiles(db, entryFilesIn(`${seedsDir}/knowledge`), { changedBy: 'seed', now });
}
