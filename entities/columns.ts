import { Column, type ColumnOptions } from 'typeorm';

/** Millisecond timestamps that mean the same on SQLite and MySQL (datetime(3), stored in UTC). */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });

/** JSON kept as text: portable across SQLite and MariaDB, whose JSON types differ. */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
