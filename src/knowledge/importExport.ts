import { auditLog, type AuditActor } from '../staff/audit/repository';
import type { Database, Transaction } from '../platform/db/database';
import type { EntryFile, EntryFileEntry } from '../../entities/knowledgeEntryFile';
import { DataFileError, yaml } from '../platform/data/loadDataFile';
import { applyLabels, labelledQuestions, labelProblems, toLabelFileItem, type LabelCounts } from './questionRepository';
import { entryFilesIn, loadKnowledgeFiles, type LoadedLabel } from './entryFiles';
import { knowledgeEntries, knowledgeRevision, toFileEntry } from './repository';

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
  /** Labelled questions, when the file has `labels:`. */
  labels?: LabelCounts;
}

/**
 * Upserts entries by key inside `tx` and, with `replace`, archives the entries they do not name;
 * every real change is audited as `kb.import` by `who`. The caller moves the knowledge revision.
 */
export async function applyEntries(
  tx: Transaction,
  entries: EntryFileEntry[],
  options: { replace?: boolean; who: AuditActor; now: Date },
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: [], updated: [], unchanged: [], archived: [] };
  const audit = (key: string, details: Record<string, unknown>) =>
    auditLog.record(tx, options.who, { action: 'kb.import', objectType: 'knowledge_entry', objectId: key, details }, options.now);
  for (const entry of entries) {
    const { outcome, row } = await knowledgeEntries.upsert(tx, entry, options.who.actor, options.now);
    summary[outcome].push(entry.key);
    if (outcome !== 'unchanged') await audit(entry.key, { outcome, version: row.version });
  }
  if (options.replace) {
    summary.archived = await knowledgeEntries.archiveAllBut(
      tx,
      entries.map((e) => e.key),
      options.who.actor,
      options.now,
    );
    for (const key of summary.archived) await audit(key, { outcome: 'archived' });
  }
  return summary;
}

export const changedAnything = (summary: ImportSummary) =>
  summary.created.length +
    summary.updated.length +
    summary.archived.length +
    (summary.labels ? summary.labels.created + summary.labels.updated : 0) >
  0;

/** Entries, then the labels that may name them, in one transaction; labels naming no entry (or section) stop it. */
export async function applyEntriesAndLabels(
  tx: Transaction,
  entries: EntryFileEntry[],
  labels: readonly LoadedLabel[] | undefined,
  options: { replace?: boolean; who: AuditActor; now: Date },
  reject: (problems: { field: string; code: string; message: string }[]) => Error,
): Promise<ImportSummary> {
  const summary = await applyEntries(tx, entries, options);
  if (!labels?.length) return summary;
  const problems = await labelProblems(tx, labels);
  if (problems.length) throw reject(problems);
  return {
    ...summary,
    labels: await applyLabels(
      tx,
      labels.map((l) => l.item),
      options.who,
      options.now,
    ),
  };
}

/**
 * Validates every file first (nothing is written when one field is wrong), then applies them in
 * one transaction and moves the knowledge revision when anything changed.
 */
export async function importEntryFiles(
  db: Database,
  files: string[],
  options: { replace?: boolean; dryRun?: boolean; who: AuditActor; now: Date },
): Promise<ImportSummary> {
  const { entries, labels } = loadKnowledgeFiles(files);
  let preview: ImportSummary | null = null;
  try {
    return await db.transaction(async (tx) => {
      const summary = await applyEntriesAndLabels(
        tx,
        entries,
        labels,
        options,
        (problems) => new DataFileError(problems.map((p) => `${p.field}: ${p.message}`)),
      );
      if (options.dryRun) {
        // Rolling the transaction back is what makes a dry run leave nothing behind.
        preview = summary;
        throw new Error('dry run');
      }
      if (changedAnything(summary)) await knowledgeRevision.bump(tx, options.now);
      return summary;
    });
  } catch (err) {
    if (preview) return preview;
    throw err;
  }
}

export async function exportEntries(db: Database): Promise<EntryFile> {
  const { rows, labels } = await db.transaction(async (tx) => ({
    rows: await knowledgeEntries.all(tx),
    labels: await labelledQuestions.all(tx),
  }));
  return { entries: rows.map(toFileEntry), ...(labels.length ? { labels: labels.map(toLabelFileItem) } : {}) };
}

/** JSON for .json files and standard output, YAML for .yaml/.yml. */
export function serializeEntryFile(file: EntryFile, format: 'json' | 'yaml'): string {
  return format === 'yaml' ? yaml().stringify(file, { lineWidth: 0 }) : `${JSON.stringify(file, null, 2)}\n`;
}

/** The first start's seeding, as the audit trail names it. */
const SEED_ACTOR: AuditActor = { actor: 'seed', actorId: null, via: 'system', ip: null, requestId: null };

/** First start: load the starter knowledge base from seeds/knowledge when no entry exists yet. */
export async function seedKnowledgeIfEmpty(db: Database, seedsDir: string, now: Date): Promise<ImportSummary | null> {
  const count = await db.transaction((tx) => knowledgeEntries.count(tx));
  if (count > 0) return null;
  return importEntryFiles(db, entryFilesIn(`${seedsDir}/knowledge`), { who: SEED_ACTOR, now });
}
