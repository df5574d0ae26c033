import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EntryFileEntry } from './knowledgeEntryFile';
import { JsonColumn, TimestampColumn } from './columns';

/** Every version of every entry, as written in the file format: history, diffs and restore. */
@Entity('knowledge_entry_version')
@Unique('uq_knowledge_entry_version', ['key', 'version'])
export class KnowledgeEntryVersion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'entry_key', type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'integer' })
  version!: number;

  @JsonColumn()
  snapshot!: EntryFileEntry;

  /** Who made the change: a staff account name, or `import` / `seed` for the CLI. */
  @Column({ name: 'changed_by', type: 'varchar', length: 100 })
  changedBy!: string;

  @TimestampColumn({ name: 'changed_at' })
  changedAt!: Date;
}
