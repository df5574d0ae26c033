import { SECTION_NAMES, type EntryFileEntry } from '../../entities/knowledgeEntryFile';

export interface FieldChange {
  /** Top-level field, or sections.<name> / source.<field> for the nested ones. */
  field: string;
  before: unknown;
  after: unknown;
}

const TOP_FIELDS = [
  'kind',
  'title',
  'questions',
  'keywords',
  'answer',
  'department',
  'region',
  'validFrom',
  'validUntil',
  'status',
] as const;
const SOURCE_FIELDS = ['title', 'docNumber', 'issuer', 'url', 'publishedAt'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Field by field, what changed from `before` (null: the entry did not exist) to `after`. */
export function diffEntries(before: EntryFileEntry | null, after: EntryFileEntry): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, a: unknown, b: unknown) => {
    if (!same(a, b)) changes.push({ field, before: a ?? null, after: b ?? null });
  };
  for (const field of TOP_FIELDS) push(field, before?.[field], after[field]);
  for (const name of SECTION_NAMES) push(`sections.${name}`, before?.sections?.[name], after.sections?.[name]);
  for (const field of SOURCE_FIELDS) push(`source.${field}`, before?.source?.[field], after.source?.[field]);
  return changes;
}
