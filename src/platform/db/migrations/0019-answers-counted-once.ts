import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An answered question is counted from its asked_question row alone: the entry_answer row the same turn wrote
 * for it goes (issue 25), and entry_answer keeps the answers to no recorded question (menu clicks). Paired on
 * entry, channel and the turn's time, one row for one, so every count stays as it was. asked_question's time
 * index takes the decision and the entry, so that counting answers since a moment reads that index alone, as
 * entry_answer's did.
 */
export class AnswersCountedOnce1796000019000 implements MigrationInterface {
  name = 'AnswersCountedOnce1796000019000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('asked_question', 'ix_asked_question_time');
    await q.createIndex(
      'asked_question',
      new TableIndex({ name: 'ix_asked_question_time', columnNames: ['asked_at', 'decision', 'entry_key'] }),
    );
    await q.query(`
      DELETE FROM entry_answer WHERE id IN (
        SELECT paired.id FROM (
          SELECT a.id AS id, a.entry_key AS entry_key, a.channel AS channel, a.answered_at AS answered_at,
            ROW_NUMBER() OVER (PARTITION BY a.entry_key, a.channel, a.answered_at ORDER BY a.id) AS nth
          FROM entry_answer a
        ) paired
        JOIN (
          SELECT entry_key, channel, asked_at, COUNT(*) AS answers FROM asked_question
          WHERE decision = 'answer' GROUP BY entry_key, channel, asked_at
        ) asked ON asked.entry_key = paired.entry_key AND asked.channel = paired.channel
          AND asked.asked_at = paired.answered_at AND paired.nth <= asked.answers
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO entry_answer (entry_key, channel, answered_at)
      SELECT entry_key, channel, asked_at FROM asked_question WHERE decision = 'answer' ORDER BY id`);
    await q.dropIndex('asked_question', 'ix_asked_question_time');
    await q.createIndex('asked_question', new TableIndex({ name: 'ix_asked_question_time', columnNames: ['asked_at'] }));
  }
}
