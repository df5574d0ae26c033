import { In, Not } from 'typeorm';
import { KnowledgeEntry, KnowledgeEntryDraft, KnowledgeEntryVersion, KnowledgeRevision, UnansweredQuestion } from '../../entities';
import { scrubText } from '../staff/audit/personalData';
import type { Transaction } from '../platform/db/database';
import { statements } from '../platform/db/statements';
import { SECTION_NAMES, type EntryFileEntry } from '../../entities/knowledgeEntryFile';

/** The file form of a stored entry, fields in schema order and empty optionals left out, so exports round-trip. */
export function toFileEntry(row: KnowledgeEntry): EntryFileEntry {
  const sections = Object.fromEntries(
    SECTION_NAMES.filter((name) => row.sections[name] !== undefined).map((name) => [name, row.sections[name]]),
  );
  const source = row.source
    ? Object.fromEntries(
        (['title', 'docNumber', 'issuer', 'url', 'publishedAt'] as const)
          .filter((k) => row.source?.[k] !== undefined)
          .map((k) => [k, row.source?.[k]]),
      )
    : undefined;
  const entry: Record<string, unknown> = {
    key: row.key,
    kind: row.kind,
    title: row.title,
    questions: row.questions,
    keywords: row.keywords.length ? row.keywords : undefined,
    answer: row.answer,
    sections: Object.keys(sections).length ? sections : undefined,
    department: row.department ?? undefined,
    region: row.region ?? undefined,
    source,
    validFrom: row.validFrom ?? undefined,
    validUntil: row.validUntil ?? undefined,
    status: row.status,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as EntryFileEntry;
}

function columnsOf(entry: EntryFileEntry) {
  return {
    key: entry.key,
    kind: entry.kind,
    title: entry.title,
    questions: entry.questions,
    keywords: entry.keywords ?? [],
    answer: entry.answer,
    sections: entry.sections ?? {},
    department: entry.department ?? null,
    region: entry.region ?? null,
    source: entry.source ?? null,
    validFrom: entry.validFrom ?? null,
    validUntil: entry.validUntil ?? null,
    status: entry.status,
  };
}

const sameContent = (a: EntryFileEntry, b: EntryFileEntry) => JSON.stringify(a) === JSON.stringify(b);

/** The stored form of an entry as the file format has it, so two versions compare field by field. */
export const canonicalEntry = (entry: EntryFileEntry) => toFileEntry(Object.assign(new KnowledgeEntry(), columnsOf(entry)));

/** Whether two entries (in any field order, optionals empty or left out) say the same. */
export const sameEntry = (a: EntryFileEntry, b: EntryFileEntry) => sameContent(canonicalEntry(a), canonicalEntry(b));

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export const knowledgeEntries = {
  all(tx: Transaction): Promise<KnowledgeEntry[]> {
    return tx.find(KnowledgeEntry, { order: { key: 'ASC' } });
  },

  byKey(tx: Transaction, key: string): Promise<KnowledgeEntry | null> {
    return tx.findOne(KnowledgeEntry, { where: { key } });
  },

  count(tx: Transaction): Promise<number> {
    return tx.count(KnowledgeEntry);
  },

  /** Creates or changes an entry; every real change grows its version and is kept in the history. */
  async upsert(
    tx: Transaction,
    entry: EntryFileEntry,
    changedBy: string,
    now: Date,
  ): Promise<{ outcome: UpsertOutcome; row: KnowledgeEntry }> {
    const existing = await knowledgeEntries.byKey(tx, entry.key);
    const canonical = canonicalEntry(entry);
    if (existing && sameContent(toFileEntry(existing), canonical)) return { outcome: 'unchanged', row: existing };
    const version = (existing?.version ?? 0) + 1;
    const row = Object.assign(existing ?? tx.create(KnowledgeEntry, { createdAt: now }), columnsOf(entry), { version, updatedAt: now });
    await tx.save(KnowledgeEntry, row);
    await tx.insert(KnowledgeEntryVersion, { key: entry.key, version, snapshot: canonical as never, changedBy, changedAt: now });
    return { outcome: existing ? 'updated' : 'created', row };
  },

  /** Archives every entry whose key is not in `keep` (import --replace). */
  async archiveAllBut(tx: Transaction, keep: string[], changedBy: string, now: Date): Promise<string[]> {
    const stale = await tx.find(KnowledgeEntry, { where: { key: Not(In(keep.length ? keep : [''])), status: Not('archived') } });
    for (const row of stale) await knowledgeEntries.upsert(tx, { ...toFileEntry(row), status: 'archived' }, changedBy, now);
    return stale.map((row) => row.key);
  },

  history(tx: Transaction, key: string): Promise<KnowledgeEntryVersion[]> {
    return tx.find(KnowledgeEntryVersion, { where: { key }, order: { version: 'ASC' } });
  },
};

/** Changes to published entries waiting to be published: one per entry. */
export const entryDrafts = {
  byKey(tx: Transaction, key: string): Promise<KnowledgeEntryDraft | null> {
    return tx.findOne(KnowledgeEntryDraft, { where: { key } });
  },

  async keys(tx: Transaction): Promise<Set<string>> {
    return new Set((await tx.find(KnowledgeEntryDraft, { select: { key: true } })).map((d) => d.key));
  },

  /** Replaces the entry's draft (saving again is a newer draft, not a second one). */
  async save(tx: Transaction, entry: EntryFileEntry, baseVersion: number, savedBy: string, now: Date): Promise<KnowledgeEntryDraft> {
    const row = (await entryDrafts.byKey(tx, entry.key)) ?? tx.create(KnowledgeEntryDraft, { key: entry.key });
    Object.assign(row, { snapshot: canonicalEntry(entry), baseVersion, savedBy, savedAt: now });
    return tx.save(KnowledgeEntryDraft, row);
  },

  async remove(tx: Transaction, key: string): Promise<boolean> {
    return ((await tx.delete(KnowledgeEntryDraft, { key })).affected ?? 0) > 0;
  },
};

export const knowledgeRevision = {
  async current(tx: Transaction): Promise<number> {
    const row = await tx.findOne(KnowledgeRevision, { where: { id: 1 } });
    return row?.revision ?? 0;
  },

  /** An atomic increment, so concurrent changes on several instances each move it. */
  async bump(tx: Transaction, now: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(KnowledgeRevision)
      .set({ revision: () => 'revision + 1', updatedAt: now })
      .where('id = 1')
      .execute();
  },
};

export const unansweredQuestions = {
  /** Kept with ID and phone numbers masked: interpreters need the question, not who asked it. */
  async record(
    tx: Transaction,
    question: { text: string; terms: string[]; channel: string; conversationId: string; askedAt: Date },
  ): Promise<void> {
    await statements.insertDeferred(tx, UnansweredQuestion, {
      ...question,
      text: scrubText(question.text),
      terms: question.terms.map(scrubText),
    });
  },

  /** Every reader (kb gaps, the API, the dashboard) gets masked texts, also of rows stored before masking. */
  async since(tx: Transaction, since: Date | null): Promise<UnansweredQuestion[]> {
    const query = tx.createQueryBuilder(UnansweredQuestion, 'q').orderBy('q.id', 'ASC');
    if (since) query.where('q.asked_at >= :since', { since });
    return (await query.getMany()).map((q) => Object.assign(q, { text: scrubText(q.text), terms: q.terms.map(scrubText) }));
  },
};
