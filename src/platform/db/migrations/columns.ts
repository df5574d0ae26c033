import type { TableColumnOptions } from 'typeorm';

/** Column shapes shared by migrations, matching entities/columns.ts on both databases. */
export const timestamp = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});

export const id36 = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...extra,
});
