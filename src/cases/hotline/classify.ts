/**
 * What a citizen's words suggest about an appeal: its category (投诉, 举报 …), its urgency, and
 * whether it is not a hotline matter at all (a disclosure request, officials' discipline, 信访).
 * The words are data (seeds/nlp/hotline.yaml), validated at load; these are pure functions over
 * them. The citizen always confirms the suggested category. Emergencies are recognised by the
 * emergency intent alone (src/cases/hotline/scope.ts).
 */
import { z } from 'zod';
import { loadDataFile } from '../../platform/data/loadDataFile';
import { BASE_HOTLINE_CATEGORIES, type Labelled } from './rules/hotline';
import { regex } from '../../understanding/intents/schema';

export { BASE_HOTLINE_CATEGORIES };

export const HOTLINE_VOCABULARY_FILE = 'hotline.yaml';

const code = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase category code such as complaint');
const matterSchema = z.strictObject({ patterns: z.array(regex).min(1, 'needs at least one pattern'), exclude: z.array(regex).default([]) });

export const hotlineVocabularySchema = z.strictObject({
  categories: z.strictObject({
    explicit: z.record(code, regex),
    hints: z.array(z.strictObject({ category: code, patterns: z.array(regex).min(1, 'needs at least one pattern') })),
  }),
  urgentUtility: regex,
  disclosure: z.array(regex).min(1, 'needs at least one pattern'),
  // Removed everywhere in the text (replace), hence global.
  triggers: regex.transform((pattern) => new RegExp(pattern.source, 'gu')),
  notHotline: z.strictObject({ discipline: matterSchema, petition: matterSchema }),
});

export type HotlineVocabulary = z.output<typeof hotlineVocabularySchema>;
/** Matters the 12345 hotline does not take, besides emergencies: officials' discipline (→ 12388), 信访 (→ petition channel). */
export type NotHotlineMatter = keyof HotlineVocabulary['notHotline'];

/** Reads seeds/nlp/hotline.yaml; throws DataFileError naming the file and the field. */
export function loadHotlineVocabulary(file: string): HotlineVocabulary {
  return loadDataFile(file, hotlineVocabularySchema);
}

/** Full-width letters and digits become ASCII; Chinese punctuation stays (the patterns read it). */
const clean = (text: string) => text.normalize('NFKC');

/**
 * The category the text suggests, or null when it says nothing about it. A configured extra
 * category (e.g. 表扬) is suggested when its label appears in the text.
 */
export function suggestCategory(
  vocabulary: HotlineVocabulary,
  text: string,
  categories: readonly Labelled[] = BASE_HOTLINE_CATEGORIES,
): string | null {
  const { explicit, hints } = vocabulary.categories;
  const known = new Set(categories.map((c) => c.code));
  const named = Object.entries(explicit)
    .filter(([code]) => known.has(code))
    .map(([code, pattern]) => ({ code, at: text.search(pattern) }))
    .filter((hit) => hit.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (named.length) return named[0].code;
  const extra = categories.filter((c) => !(c.code in explicit)).find((c) => text.includes(c.label));
  if (extra) return extra.code;
  let best: { code: string; score: number } | null = null;
  for (const { category, patterns } of hints) {
    if (!known.has(category)) continue;
    const score = patterns.filter((p) => p.test(text)).length;
    if (score > 0 && (!best || score > best.score)) best = { code: category, score };
  }
  return best?.code ?? null;
}

/** The urgency the text suggests: urgent utilities (water, power, gas, heating) when configured, else normal. */
export function suggestUrgency(vocabulary: HotlineVocabulary, text: string, urgencies: readonly Labelled[]): string {
  const codes = urgencies.map((u) => u.code);
  if (codes.includes('urgentUtility') && vocabulary.urgentUtility.test(text)) return 'urgentUtility';
  return codes.includes('normal') ? 'normal' : codes[0]!;
}

/** A request for government information (依申请公开) has its own procedure and is not a hotline matter. */
export function isDisclosureMatter(vocabulary: HotlineVocabulary, text: string): boolean {
  return vocabulary.disclosure.some((p) => p.test(clean(text)));
}

/** A report about officials' discipline or a 信访 matter, which the hotline does not take; null otherwise. */
export function notHotlineMatter(vocabulary: HotlineVocabulary, text: string): NotHotlineMatter | null {
  const s = clean(text);
  for (const [matter, { patterns, exclude }] of Object.entries(vocabulary.notHotline) as [
    NotHotlineMatter,
    z.output<typeof matterSchema>,
  ][]) {
    if (patterns.some((p) => p.test(s)) && !exclude.some((p) => p.test(s))) return matter;
  }
  return null;
}

/** The text minus trigger phrases, punctuation and spaces: what is left says what happened. */
export function substanceOf(vocabulary: HotlineVocabulary, text: string): string {
  return text.replace(vocabulary.triggers, '').replace(/[\s\p{P}\p{S}]/gu, '');
}
