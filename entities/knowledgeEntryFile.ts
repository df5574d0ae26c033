import { z } from 'zod';

/** Knowledge entry kinds: guide = 办事指南, interpretation = 政策解读, faq = 常见问题. */
export const ENTRY_KINDS = ['guide', 'interpretation', 'faq'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_STATUSES = ['draft', 'published', 'archived'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Sections of a service guide (办事指南), in the order a clerk would read them. */
export const GUIDE_SECTIONS = ['basis', 'conditions', 'materials', 'procedure', 'timeLimit', 'fee', 'location', 'contact'] as const;
/** Sections of a policy interpretation (政策解读). */
export const INTERPRETATION_SECTIONS = [
  'background',
  'objectives',
  'content',
  'scope',
  'criteria',
  'notes',
  'terms',
  'benefits',
  'changes',
] as const;
export const SECTION_NAMES = [...GUIDE_SECTIONS, ...INTERPRETATION_SECTIONS] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'must be a real calendar date',
  );
const text = z.string().trim().min(1, 'must not be empty');

export const sourceSchema = z.strictObject({
  title: text,
  docNumber: text.optional(),
  issuer: text.optional(),
  // Shown to citizens as a link: only web addresses, never javascript: or data:.
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).optional(),
  publishedAt: isoDate.optional(),
});

export const sectionsSchema = z.strictObject(
  Object.fromEntries(SECTION_NAMES.map((name) => [name, text.optional()])) as Record<SectionName, z.ZodOptional<typeof text>>,
);

/** One entry as written in an import/export file ({"entries": [...]}). */
export const entryFileEntrySchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be 2-64 characters of a-z, 0-9 and -, starting with a letter or digit'),
    kind: z.enum(ENTRY_KINDS),
    title: text.max(200),
    questions: z.array(text.max(200)).min(1, 'needs at least one question'),
    keywords: z.array(text.max(50)).optional(),
    answer: text.max(2000),
    sections: sectionsSchema.optional(),
    department: text.max(100).optional(),
    region: text.max(100).optional(),
    source: sourceSchema.optional(),
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
    status: z.enum(ENTRY_STATUSES).default('published'),
  })
  .superRefine((entry, ctx) => {
    if (entry.validFrom && entry.validUntil && entry.validUntil < entry.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before validFrom' });
    }
    const allowed: readonly string[] =
      entry.kind === 'interpretation' ? INTERPRETATION_SECTIONS : entry.kind === 'guide' ? GUIDE_SECTIONS : SECTION_NAMES;
    for (const name of Object.keys(entry.sections ?? {})) {
      if (!allowed.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['sections', name], message: `is not a section of a ${entry.kind}` });
      }
    }
  });

/** One label in an import/export file, next to `entries:` (as the evaluation files write questions). */
export const labelFileItemSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(1000),
  entry: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be an entry key, or null for out of scope')
    .nullable(),
  section: z.enum(SECTION_NAMES).nullable().default(null),
  verdict: z
    .enum(['assigned', 'confirmed', 'out-of-scope'])
    .optional()
    .describe('how it was labelled; default assigned (out-of-scope when entry is null)'),
  askedAt: z.iso.datetime({ offset: true }).optional().describe('when a citizen asked it'),
  labelledAt: z.iso.datetime({ offset: true }).optional(),
});
export type LabelFileItem = z.output<typeof labelFileItemSchema>;

/** An import/export file: entries, and optionally the labelled questions (`labels:`) that name them. */
export const entryFileSchema = z
  .strictObject({ entries: z.array(entryFileEntrySchema), labels: z.array(labelFileItemSchema).optional() })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.entries.forEach((entry, i) => {
      const first = seen.get(entry.key);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'key'], message: `duplicates entries[${first}].key "${entry.key}"` });
      else seen.set(entry.key, i);
    });
  });

export type EntryFileEntry = z.output<typeof entryFileEntrySchema>;
export type EntryFile = z.output<typeof entryFileSchema>;
