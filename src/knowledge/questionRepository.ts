import { AskedQuestion, LabelledQuestion } from '../../entities';
import type { AskedMatch } from '../../entities/AskedQuestion';
import type { LabelVerdict } from '../../entities/LabelledQuestion';
import { auditLog, type AuditActor } from '../staff/audit/repository';
import { ERASED_TEXT } from '../staff/audit/citizenData';
import { scrubPersonalText } from '../staff/audit/personalData';
import type { Transaction } from '../platform/db/database';
import { statements } from '../platform/db/statements';
import type { LabelFileItem, SectionName } from '../../entities/knowledgeEntryFile';
import { knowledgeEntries } from './repository';
import { askedLabelKey } from './labels';

export const askedQuestions = {
  async record(tx: Transaction, question: Omit<AskedQuestion, 'id' | 'match'> & { match: AskedMatch }): Promise<void> {
    await statements.insertDeferred(tx, AskedQuestion, question);
  },

  /** Oldest first; erased ones (the citizen's deletion request) are not there to review. */
  since(tx: Transaction, since: Date): Promise<AskedQuestion[]> {
    return tx
      .createQueryBuilder(AskedQuestion, 'q')
      .where('q.asked_at >= :since', { since })
      .andWhere('q.text <> :erased', { erased: ERASED_TEXT })
      .orderBy('q.id', 'ASC')
      .getMany();
  },

  byIds(tx: Transaction, ids: number[]): Promise<AskedQuestion[]> {
    return ids.length ? tx.createQueryBuilder(AskedQuestion, 'q').whereInIds(ids).orderBy('q.id', 'ASC').getMany() : Promise.resolve([]);
  },
};

export interface LabelInput {
  text: string;
  entry: string | null;
  section: string | null;
  verdict: LabelVerdict;
  askedAt: Date | null;
  /** Imports keep the file's date; a label made now is dated now. */
  labelledAt?: Date;
}

export type LabelOutcome = 'created' | 'updated' | 'unchanged';

const sameLabel = (row: LabelledQuestion, input: LabelInput) =>
  row.entryKey === input.entry && row.section === input.section && row.verdict === input.verdict;

export const labelledQuestions = {
  all(tx: Transaction): Promise<LabelledQuestion[]> {
    return tx.find(LabelledQuestion, { order: { id: 'ASC' } });
  },

  byId(tx: Transaction, id: number): Promise<LabelledQuestion | null> {
    return tx.findOne(LabelledQuestion, { where: { id } });
  },

  /**
   * Labels a question (one label per normalized text: labelling it again makes a new version), audited
   * as kb.label.create / kb.label.update. Personal data in the text (ID and phone numbers, names, addresses) is masked before it is kept, as in transcripts.
   * The caller moves the knowledge revision.
   */
  async save(tx: Transaction, input: LabelInput, who: AuditActor, now: Date): Promise<{ outcome: LabelOutcome; row: LabelledQuestion }> {
    const text = scrubPersonalText(input.text.trim());
    const textKey = askedLabelKey(input.text);
    const existing = await tx.findOne(LabelledQuestion, { where: { textKey } });
    if (existing && sameLabel(existing, input)) return { outcome: 'unchanged', row: existing };
    const before = existing && { entry: existing.entryKey, section: existing.section, verdict: existing.verdict };
    const row = Object.assign(existing ?? tx.create(LabelledQuestion, { textKey, version: 0, askedAt: input.askedAt }), {
      text,
      entryKey: input.entry,
      section: input.section,
      verdict: input.verdict,
      labelledBy: who.actor.slice(0, 100),
      labelledAt: input.labelledAt ?? now,
      version: (existing?.version ?? 0) + 1,
    });
    if (!row.askedAt && input.askedAt) row.askedAt = input.askedAt;
    await tx.save(LabelledQuestion, row);
    const after = { entry: row.entryKey, section: row.section, verdict: row.verdict };
    await auditLog.record(
      tx,
      who,
      {
        action: existing ? 'kb.label.update' : 'kb.label.create',
        objectType: 'labelled_question',
        objectId: String(row.id),
        details: { text, version: row.version, ...(before ? { before } : {}), after },
      },
      now,
    );
    return { outcome: existing ? 'updated' : 'created', row };
  },

  async remove(tx: Transaction, row: LabelledQuestion, who: AuditActor, now: Date): Promise<void> {
    await tx.delete(LabelledQuestion, { id: row.id });
    await auditLog.record(
      tx,
      who,
      {
        action: 'kb.label.delete',
        objectType: 'labelled_question',
        objectId: String(row.id),
        details: { text: row.text, version: row.version, entry: row.entryKey, section: row.section, verdict: row.verdict },
      },
      now,
    );
  },
};

/** Why a label cannot name this entry and section, if it cannot: the entry must exist and have the section. */
export async function targetProblem(
  tx: Transaction,
  entry: string,
  section: string | null,
  fieldPrefix = '',
): Promise<{ field: string; code: string; message: string } | null> {
  const row = await knowledgeEntries.byKey(tx, entry);
  if (!row) return { field: `${fieldPrefix}entry`, code: 'entry_not_found', message: `no knowledge entry "${entry}"` };
  if (section !== null && !row.sections[section as SectionName])
    return { field: `${fieldPrefix}section`, code: 'section_not_found', message: `entry "${entry}" has no section "${section}"` };
  return null;
}

/** Problems of labels from a file against the stored entries (after the file's own entries were applied), as `where.field`. */
export async function labelProblems(
  tx: Transaction,
  labels: readonly { item: LabelFileItem; at: string }[],
): Promise<{ field: string; code: string; message: string }[]> {
  const problems = [];
  for (const { item, at } of labels) {
    if (item.verdict && (item.verdict === 'out-of-scope') !== (item.entry === null))
      problems.push({ field: `${at}.verdict`, code: 'invalid_label', message: 'is out-of-scope exactly when entry is null' });
    const problem = item.entry === null ? null : await targetProblem(tx, item.entry, item.section, `${at}.`);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Imports labels (checked with labelProblems first); each change audited. The caller moves the knowledge revision. */
export async function applyLabels(tx: Transaction, items: readonly LabelFileItem[], who: AuditActor, now: Date): Promise<LabelCounts> {
  const counts: LabelCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const item of items) {
    const verdict = item.verdict ?? (item.entry === null ? 'out-of-scope' : 'assigned');
    const input = {
      text: item.text,
      entry: item.entry,
      section: item.section,
      verdict,
      askedAt: item.askedAt ? new Date(item.askedAt) : null,
      labelledAt: item.labelledAt ? new Date(item.labelledAt) : undefined,
    };
    counts[(await labelledQuestions.save(tx, input, who, now)).outcome]++;
  }
  return counts;
}

export type LabelCounts = Record<LabelOutcome, number>;

/** A label as import/export files write it (`labels:` next to `entries:`). */
export function toLabelFileItem(row: LabelledQuestion): LabelFileItem {
  return {
    text: row.text,
    entry: row.entryKey,
    section: (row.section as SectionName | null) ?? null,
    verdict: row.verdict,
    ...(row.askedAt ? { askedAt: row.askedAt.toISOString() } : {}),
    labelledAt: row.labelledAt.toISOString(),
  };
}
