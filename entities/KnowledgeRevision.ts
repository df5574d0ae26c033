import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/**
 * One row whose number grows with every knowledge change: each server instance polls it and
 * rebuilds its in-memory index when it moved.
 */
@Entity('knowledge_revision')
export class KnowledgeRevision {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
