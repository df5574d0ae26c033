import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EntryFileEntry } from './knowledgeEntryFile';
import { JsonColumn, TimestampColumn } from './columns';

/**
 * A change to a published entry waiting to be published (待发布): the bot keeps answering with
 * the live entry until someone publishes it. One per entry; saving again replaces it.
 */
@Entity('knowledge_entry_draft')
@Unique('uq_knowledge_entry_draft', ['key'])
export class KnowledgeEntryDraft {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'entry_key', type: 'varchar', length: 64 })
  key!: string;

  /** The entry as it will be when published, in the file format. */
  @JsonColumn()
  snapshot!: EntryFileEntry;

  /** The live version the change was made on. */
  @Column({ name: 'base_version', type: 'integer' })
  baseVersion!: number;

  /** The staff account that saved it (who may not publish it when self-publishing is off). */
  @Column({ name: 'saved_by', type: 'varchar', length: 100 })
  savedBy!: string;

  @TimestampColumn({ name: 'saved_at' })
  savedAt!: Date;
}
