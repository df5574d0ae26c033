import type { KnowledgeEntry, KnowledgeEntryDraft } from '../../entities';
import { EntryFeedback } from '../../entities';
import { knowledgeUsage } from './statistics';
import { auditLog, type AuditActor } from '../staff/audit/repository';
import type { Database, Transaction } from '../platform/db/database';
import { addDays, toShanghaiDate } from '../platform/calendar/dates';
import { DomainError, invalidFields } from '../platform/domainError';
import type { EntryFile, EntryFileEntry, EntryKind, EntryStatus } from '../../entities/knowledgeEntryFile';
import { applyEntriesAndLabels, changedAnything, type ImportSummary } from './importExport';
import type { LiveKnowledge } from './liveKnowledge';
import {
  entryDrafts,
  knowledgeEntries,
  knowledgeRevision,
  sameEntry,
  toFileEntry,
  unansweredQuestions,
  type UpsertOutcome,
} from './repository';
import { groupUnanswered } from '../understanding/nlp/gaps';
import { diffEntries, type FieldChange } from './diff';

export interface KbDeps {
  db: Database;
  knowledge: LiveKnowledge;
  now: () => Date;
  /** WENZHENG_KB_SELF_PUBLISH: whether an interpreter may publish a change they saved themselves. */
  selfPublish?: boolean;
}

/** Whether an entry applies today, by its validFrom/validUntil. */
export const VALIDITIES = ['current', 'upcoming', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { current: '有效', upcoming: '未生效', expired: '已失效' };

export function validityOf(entry: { validFrom?: string | null; validUntil?: string | null }, today: string): Validity {
  if (entry.validUntil && entry.validUntil < today) return 'expired';
  if (entry.validFrom && entry.validFrom > today) return 'upcoming';
  return 'current';
}

export interface EntryFilter {
  status?: EntryStatus;
  kind?: EntryKind;
  department?: string;
  validity?: Validity;
  /** Still valid today but ending within this many days. */
  expiringWithinDays?: number;
  /** Words to find in the key, title, questions or keywords (all of them, any case). */
  q?: string;
  limit: number;
  offset: number;
}

export function summaryOf(row: KnowledgeEntry, today: string, pendingDraft = false) {
  return {
    key: row.key,
    kind: row.kind,
    title: row.title,
    status: row.status,
    department: row.department,
    region: row.region,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    validity: validityOf(row, today),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    pendingDraft,
  };
}

/** A change to a published entry waiting to be published, as the editor shows it to `viewer`. */
export interface DraftView {
  entry: EntryFileEntry;
  baseVersion: number;
  savedBy: string;
  savedAt: string;
  changes: FieldChange[];
  /** Whether the viewer may publish it (WENZHENG_KB_SELF_PUBLISH, or saved by someone else). */
  mayPublish: boolean;
}

export function draftViewOf(draft: KnowledgeEntryDraft, live: KnowledgeEntry, viewer: string, selfPublish: boolean): DraftView {
  return {
    entry: draft.snapshot,
    baseVersion: draft.baseVersion,
    savedBy: draft.savedBy,
    savedAt: draft.savedAt.toISOString(),
    changes: diffEntries(toFileEntry(live), draft.snapshot),
    mayPublish: selfPublish || draft.savedBy !== viewer,
  };
}

export function detailOf(row: KnowledgeEntry, today: string, draft: DraftView | null = null) {
  return {
    entry: toFileEntry(row),
    version: row.version,
    status: row.status,
    validity: validityOf(row, today),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    draft,
  };
}

export async function listEntries(deps: KbDeps, filter: EntryFilter) {
  const today = toShanghaiDate(deps.now());
  const { rows, drafts } = await deps.db.transaction(async (tx) => ({
    rows: await knowledgeEntries.all(tx),
    drafts: await entryDrafts.keys(tx),
  }));
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const until = filter.expiringWithinDays === undefined ? null : addDays(today, filter.expiringWithinDays);
  const matching = rows.filter((row) => {
    if (filter.status && row.status !== filter.status) return false;
    if (filter.kind && row.kind !== filter.kind) return false;
    if (filter.department && row.department !== filter.department) return false;
    if (filter.validity && validityOf(row, today) !== filter.validity) return false;
    if (until !== null && !(row.validUntil && row.validUntil >= today && row.validUntil <= until)) return false;
    if (words.length) {
      const haystack = [row.key, row.title, ...row.questions, ...row.keywords].join('\n').toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
  // Expiring soon: the nearest end first; otherwise by key.
  if (until !== null) matching.sort((a, b) => (a.validUntil ?? '').localeCompare(b.validUntil ?? '') || a.key.localeCompare(b.key));
  return {
    total: matching.length,
    entries: matching.slice(filter.offset, filter.offset + filter.limit).map((row) => summaryOf(row, today, drafts.has(row.key))),
  };
}

export async function entryOr404(tx: Transaction, key: string): Promise<KnowledgeEntry> {
  const row = await knowledgeEntries.byKey(tx, key);
  if (!row) throw new DomainError('notFound', 'entry_not_found', `no knowledge entry "${key}"`);
  return row;
}

/** Waits until this instance's matcher has the given revision; other instances poll for it. */
async function refreshTo(knowledge: LiveKnowledge, revision: number): Promise<void> {
  for (let i = 0; i < 3 && knowledge.currentRevision < revision; i++) await knowledge.refresh();
}

/**
 * Runs a knowledge change: versions and history come from the repository's upsert, the revision
 * moves in the same transaction (every instance picks the change up within its poll interval),
 * and this instance rebuilds its index before answering.
 */
export async function changeKnowledge<T>(deps: KbDeps, work: (tx: Transaction) => Promise<{ result: T; changed: boolean }>): Promise<T> {
  const { result, revision } = await deps.db.transaction(async (tx) => {
    const { result, changed } = await work(tx);
    if (!changed) return { result, revision: null };
    await knowledgeRevision.bump(tx, deps.now());
    return { result, revision: await knowledgeRevision.current(tx) };
  });
  if (revision !== null) await refreshTo(deps.knowledge, revision);
  return result;
}

export type SaveAction = 'kb.create' | 'kb.update' | 'kb.publish' | 'kb.unpublish' | 'kb.archive' | 'kb.restore';

/**
 * Saves one entry (a new version when anything changed) and audits it. `build` sees the current
 * row inside the transaction, so its checks (exists, If-Match) and the write cannot interleave
 * with another save; it may throw a DomainError.
 */
export async function saveEntry(
  deps: KbDeps,
  key: string,
  build: (current: KnowledgeEntry | null) => { entry: EntryFileEntry; details?: Record<string, unknown> },
  who: AuditActor,
  action: SaveAction,
  alsoIn?: (tx: Transaction) => Promise<unknown>,
): Promise<{ outcome: UpsertOutcome; row: KnowledgeEntry }> {
  return changeKnowledge(deps, async (tx) => {
    const current = await knowledgeEntries.byKey(tx, key);
    const { entry, details } = build(current);
    await alsoIn?.(tx);
    const before = current ? toFileEntry(current) : null;
    const at = deps.now();
    const saved = await knowledgeEntries.upsert(tx, entry, who.actor, at);
    if (saved.outcome !== 'unchanged') {
      const changed = diffEntries(before, toFileEntry(saved.row)).map((c) => c.field);
      await auditLog.record(
        tx,
        who,
        { action, objectType: 'knowledge_entry', objectId: key, details: { version: saved.row.version, changed, ...details } },
        at,
      );
    }
    return { result: saved, changed: saved.outcome !== 'unchanged' };
  });
}

function notFound(key: string): DomainError {
  return new DomainError('notFound', 'entry_not_found', `no knowledge entry "${key}"`);
}

/** Publishes, unpublishes (back to draft) or archives an entry, keeping everything else. */
export function setStatus(deps: KbDeps, key: string, status: EntryStatus, who: AuditActor, action: SaveAction) {
  return saveEntry(
    deps,
    key,
    (current) => {
      if (!current) throw notFound(key);
      return { entry: { ...toFileEntry(current), status }, details: { statusBefore: current.status, statusAfter: status } };
    },
    who,
    action,
  );
}

/**
 * A change to a published entry is kept as its draft (待发布): the bot answers with the live
 * version until someone publishes it. Saving the live content again discards the draft.
 */
export async function saveDraft(
  deps: KbDeps,
  key: string,
  entry: EntryFileEntry,
  expectedVersion: number | null,
  who: AuditActor,
): Promise<{ outcome: 'drafted' | 'unchanged'; row: KnowledgeEntry; draft: KnowledgeEntryDraft | null }> {
  return deps.db.transaction(async (tx) => {
    const live = await entryOr404(tx, key);
    if (expectedVersion !== null && live.version !== expectedVersion) throw versionMismatch(live.version, expectedVersion);
    const at = deps.now();
    const record = (action: string, details: Record<string, unknown>) =>
      auditLog.record(tx, who, { action, objectType: 'knowledge_entry', objectId: key, details }, at);
    if (sameEntry(toFileEntry(live), entry)) {
      if (await entryDrafts.remove(tx, key)) await record('kb.draft.discard', { version: live.version });
      return { outcome: 'unchanged', row: live, draft: null };
    }
    const pending = await entryDrafts.byKey(tx, key);
    if (pending && sameEntry(pending.snapshot, entry)) return { outcome: 'unchanged', row: live, draft: pending };
    const draft = await entryDrafts.save(tx, entry, live.version, who.actor, at);
    await record('kb.draft', { baseVersion: live.version, changed: diffEntries(toFileEntry(live), draft.snapshot).map((c) => c.field) });
    return { outcome: 'drafted', row: live, draft };
  });
}

export function versionMismatch(current: number, expected: number): DomainError {
  return new DomainError(
    'stale',
    'version_mismatch',
    `the entry is at version ${current}, not ${expected}: reload it and apply your change again`,
  );
}

/**
 * Publishes the entry: its pending draft when there is one (which then goes), else the entry as it
 * is. With WENZHENG_KB_SELF_PUBLISH=false the content must have been saved by someone else: the
 * draft's author, or for an entry without a draft the author of its latest version.
 */
export async function publishEntry(deps: KbDeps, key: string, who: AuditActor, confirmWorse: boolean, guard: GuardWorse) {
  const { content, author, draft } = await deps.db.transaction(async (tx) => {
    const live = await entryOr404(tx, key);
    const draft = await entryDrafts.byKey(tx, key);
    const author = draft?.savedBy ?? (await knowledgeEntries.history(tx, key)).at(-1)?.changedBy ?? null;
    return { content: draft?.snapshot ?? toFileEntry(live), author, draft };
  });
  if (!deps.selfPublish && author === who.actor)
    throw new DomainError(
      'forbidden',
      'self_publish_forbidden',
      '这次修改是您保存的：按本市设置（WENZHENG_KB_SELF_PUBLISH=false），须由另一位解释人员审核后发布。',
    );
  const published = { ...content, status: 'published' as const };
  await guard(deps, published, confirmWorse);
  return saveEntry(
    deps,
    key,
    (current) => {
      if (!current) throw notFound(key);
      return {
        entry: published,
        details: {
          statusBefore: current.status,
          statusAfter: 'published',
          ...(draft ? { draftBy: draft.savedBy, draftBaseVersion: draft.baseVersion } : {}),
        },
      };
    },
    who,
    'kb.publish',
    (tx) => entryDrafts.remove(tx, key),
  );
}

type GuardWorse = (deps: KbDeps, entry: EntryFileEntry, confirmed: boolean) => Promise<void>;

/** Saves an old version's content as the newest version; the status stays as it is now. */
export async function restoreVersion(deps: KbDeps, key: string, version: number, who: AuditActor) {
  const old = await versionOf(deps, key, version);
  return saveEntry(
    deps,
    key,
    (current) => {
      if (!current) throw notFound(key);
      return { entry: { ...old.snapshot, status: current.status }, details: { restoredVersion: version } };
    },
    who,
    'kb.restore',
  );
}

export interface HistoryItem {
  version: number;
  changedBy: string;
  changedAt: string;
  status: EntryStatus;
  changes: FieldChange[];
}

export async function historyOf(deps: KbDeps, key: string): Promise<HistoryItem[]> {
  return deps.db.transaction(async (tx) => {
    await entryOr404(tx, key);
    const versions = await knowledgeEntries.history(tx, key);
    return versions.map((v, i) => ({
      version: v.version,
      changedBy: v.changedBy,
      changedAt: v.changedAt.toISOString(),
      status: v.snapshot.status,
      changes: diffEntries(i > 0 ? versions[i - 1].snapshot : null, v.snapshot),
    }));
  });
}

export async function versionOf(deps: KbDeps, key: string, version: number) {
  return deps.db.transaction(async (tx) => {
    const found = (await knowledgeEntries.history(tx, key)).find((v) => v.version === version);
    if (!found) throw new DomainError('notFound', 'version_not_found', `knowledge entry "${key}" has no version ${version}`);
    return found;
  });
}

/** Imports a whole entry file, as `wenzheng kb import` does, auditing every entry that changed. */
export async function importEntries(
  deps: KbDeps,
  file: EntryFile,
  options: { replace: boolean; dryRun: boolean },
  who: AuditActor,
  /** Runs once the file is applied, in its transaction (the check against labelled questions); throwing rolls the import back. */
  guard?: (tx: Transaction) => Promise<void>,
): Promise<ImportSummary> {
  class DryRun extends Error {
    constructor(readonly summary: ImportSummary) {
      super('dry run');
    }
  }
  try {
    return await changeKnowledge(deps, async (tx) => {
      const labels = file.labels?.map((item, i) => ({ item, at: `labels[${i}]` }));
      const summary = await applyEntriesAndLabels(
        tx,
        file.entries,
        labels,
        { replace: options.replace, who, now: deps.now() },
        (problems) => invalidFields('invalid_labels', problems),
      );
      // Rolling back the transaction is what makes a dry run leave nothing behind.
      if (options.dryRun) throw new DryRun(summary);
      await guard?.(tx);
      return { result: summary, changed: changedAnything(summary) };
    });
  } catch (err) {
    if (err instanceof DryRun) return err.summary;
    throw err;
  }
}

export interface EntryStats {
  key: string;
  version: number;
  /** Citizen questions the bot answered with this entry. */
  timesAnswered: number;
  lastAsked: string | null;
  helpful: number;
  notHelpful: number;
  /** Feedback on the current version only. */
  currentVersion: { helpful: number; notHelpful: number };
}

/** Per-entry statistics: answers as knowledgeUsage counts them, feedback from entry_feedback. */
export async function statsOf(deps: KbDeps, key: string): Promise<EntryStats> {
  return deps.db.transaction(async (tx) => {
    const row = await entryOr404(tx, key);
    const [answers] = await knowledgeUsage.answerCounts(tx, { entryKey: key });
    const feedback = await tx
      .createQueryBuilder(EntryFeedback, 'f')
      .select('f.helpful', 'helpful')
      .addSelect('f.entry_version', 'version')
      .addSelect('COUNT(*)', 'count')
      .where('f.entry_key = :key', { key })
      .groupBy('f.helpful')
      .addGroupBy('f.entry_version')
      .getRawMany<{ helpful: number | boolean | string; version: number | string; count: string | number }>();
    const truthy = (v: number | boolean | string) => v === true || Number(v) === 1;
    const count = (helpful: boolean, currentOnly: boolean) =>
      feedback
        .filter((f) => truthy(f.helpful) === helpful && (!currentOnly || Number(f.version) === row.version))
        .reduce((sum, f) => sum + Number(f.count), 0);
    return {
      key,
      version: row.version,
      timesAnswered: answers?.count ?? 0,
      lastAsked: answers?.last.toISOString() ?? null,
      helpful: count(true, false),
      notHelpful: count(false, false),
      currentVersion: { helpful: count(true, true), notHelpful: count(false, true) },
    };
  });
}

/** The unanswered-question groups of `kb gaps`; examples have ID and phone numbers masked. */
export async function gapsSince(deps: KbDeps, since: Date | null, limit: number) {
  const questions = await deps.db.transaction((tx) => unansweredQuestions.since(tx, since));
  const groups = groupUnanswered(
    questions.map((q) => ({ text: q.text, at: q.askedAt })),
    deps.knowledge.lexicon,
  );
  return {
    total: groups.length,
    groups: groups.slice(0, limit).map((g) => ({ terms: g.terms, count: g.count, examples: g.examples, lastAt: g.lastAt.toISOString() })),
  };
}
