import { EntryAnswer, EntryFeedback, KnowledgeEntry } from '../../entities';
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

  /** Answers per entry since a moment, most answered first. */
  async answerCounts(tx: Transaction, since: Date, limit?: number): Promise<{ entryKey: string; count: number }[]> {
    const query = tx
      .createQueryBuilder(EntryAnswer, 'a')
      .select('a.entry_key', 'entryKey')
      .addSelect('COUNT(*)', 'count')
      .where('a.answered_at >= :since', { since })
      .groupBy('a.entry_key')
      .orderBy('count', 'DESC')
      .addOrderBy('a.entry_key', 'ASC');
    if (limit) query.limit(limit);
    const rows = await query.getRawMany<{ entryKey: string; count: string | number }>();
    return rows.map((row) => ({ entryKey: row.entryKey, count: Number(row.count) }));
  },
};
