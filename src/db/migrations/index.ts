import { Conversations1732550000001 } from './0001-conversations';
import { Knowledge1732550000002 } from './0002-knowledge';

/** Applied in this order; a new migration is appended, never edited once released. */
export const MIGRATIONS = [Conversations1732550000001, Knowledge1732550000002];
