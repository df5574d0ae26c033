import { Conversations1732550000001 } from './0001-conversations';

/** Applied in this order; a new migration is appended, never edited once released. */
export const MIGRATIONS = [Conversations1732550000001];
