import type { SelectQueryBuilder } from 'typeorm';
import { AskedQuestion, EntryAnswer, EntryFeedback, KnowledgeEntry } from '../../entities';
import type { Transaction } from '../platform/db/database';
import { statements } from '../platform/db/statements';

/** How the knowledge base is used: answers given and feedback received, per entry. */
export const knowledgeUsage = {
  async recordAnswer(tx: Transaction, entryKey: string, channel: string, at: Date): Promise<void> {
    await statements.insertDeferred(tx, EntryAnswer, { entryKey, channel, answeredAt: at });
  },

  /** Feedback counts against the version the citizen read, so a corrected text starts afresh. */
  async storeFeedback(tx: Transaction, feedback: { entryKey: string; helpful: boolean; conversationId: string; at: Date }): Promise<void> {
    const entry = await tx.findOne(KnowledgeEntry, { where: { key: feedback.entryKey }, select: { id: true, version: true } });
    if (!entry) return;
    await tx.insert(EntryFeedback, {
      entryKey: feedback.entryKey,
      entryVersion: entry.version,
      helpful: feedback.helpful,
      conversationId: feedback.conversationId,
      createdAt: feedback.at,
    });
  },

  /**
   * Answers per entry, most answered first, with the last one's time: the answered questions' records
   * (asked_question, decision answer) and the answers to no recorded question (entry_answer, a menu click).
   */
  async answerCounts(
    tx: Transaction,
    where: { since?: Date; entryKey?: string },
  ): Promise<{ entryKey: string; count: number; last: Date }[]> {
    const grouped = (rows: SelectQueryBuilder<object>, key: string, at: string, filter: string | null) => {
      const query = rows.select(key, 'entryKey').addSelect('COUNT(*)', 'count').addSelect(`MAX(${at})`, 'last').groupBy(key);
      if (filter) query.andWhere(filter);
      if (where.since) query.andWhere(`${at} >= :since`, { since: where.since });
      if (where.entryKey) query.andWhere(`${key} = :entryKey`, { entryKey: where.entryKey });
      return query.getRawMany<{ entryKey: string; count: string | number; last: string | Date }>();
    };
    const rows = [
      ...(await grouped(tx.createQueryBuilder(AskedQuestion, 'q'), 'q.entry_key', 'q.asked_at', "q.decision = 'answer'")),
      ...(await grouped(tx.createQueryBuilder(EntryAnswer, 'a'), 'a.entry_key', 'a.answered_at', null)),
    ];
    const counts = new Map<string, { entryKey: string; count: number; last: Date }>();
    for (const row of rows) {
      const last = asDate(row.last);
      const counted = counts.get(row.entryKey) ?? { entryKey: row.entryKey, count: 0, last };
      counts.set(row.entryKey, {
        entryKey: row.entryKey,
        count: counted.count + Number(row.count),
        last: last > counted.last ? last : counted.last,
      });
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.entryKey.localeCompare(b.entryKey));
  },
};

/** A datetime from a raw query: a Date from MySQL (UTC connection), text 'YYYY-MM-DD HH:MM:SS.mmm' in UTC from SQLite. */
function asDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
