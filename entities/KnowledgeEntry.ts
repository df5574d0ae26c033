import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EntryKind, EntryStatus, SectionName } from './knowledgeEntryFile';
import { JsonColumn, TimestampColumn } from './columns';

export interface EntrySource {
  title: string;
  docNumber?: string;
  issuer?: string;
  url?: string;
  publishedAt?: string;
}

/** A published answer: a service guide (办事指南), policy interpretation (政策解读) or FAQ (常见问题). */
@Entity('knowledge_entry')
@Unique('uq_knowledge_entry_key', ['key'])
@Index('ix_knowledge_entry_status', ['status'])
export class KnowledgeEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'entry_key', type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: EntryKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @JsonColumn()
  questions!: string[];

  @JsonColumn()
  keywords!: string[];

  @Column({ type: 'text' })
  answer!: string;

  @JsonColumn()
  sections!: Partial<Record<SectionName, string>>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @JsonColumn({ nullable: true })
  source!: EntrySource | null;

  /** Calendar dates (YYYY-MM-DD, city time) as text: they are dates, not instants. */
  @Column({ name: 'valid_from', type: 'varchar', length: 10, nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_until', type: 'varchar', length: 10, nullable: true })
  validUntil!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: EntryStatus;

  /** Grows by one with every change; feedback and history refer to it. */
  @Column({ type: 'integer' })
  version!: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
