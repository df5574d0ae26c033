import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError, loadDataFile } from '../data/loadDataFile';
import { SECTION_NAMES, type SectionName } from '../knowledge/entryFile';
import { normalize } from './normalize';

/**
 * The vocabulary data a city's interpreters maintain, one YAML file each in a lexicon folder
 * (seeds/nlp): dictionary.yaml, synonyms.yaml, stopwords.yaml, sections.yaml.
 */
export const LEXICON_FILES = {
  dictionary: 'dictionary.yaml',
  synonyms: 'synonyms.yaml',
  stopWords: 'stopwords.yaml',
  sections: 'sections.yaml',
} as const;

/** Lexicon terms are compared with normalized text, so they must already be in normalized form. */
const term = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(30, 'must be at most 30 characters')
  .superRefine((value, ctx) => {
    const normalized = normalize(value);
    if (normalized !== value) {
      ctx.addIssue({ code: 'custom', message: `must be written normalized (simplified, lower-case, no punctuation or spaces): "${normalized}"` });
    } else if (value.includes(' ')) {
      ctx.addIssue({ code: 'custom', message: 'must be one word, without spaces' });
    }
  });

/** dictionary.yaml — words the segmenter must keep whole (a jieba user dictionary without frequencies). */
export const dictionaryFileSchema = z.strictObject({ words: z.array(term) });

/** synonyms.yaml — canonical term → the colloquial words, abbreviations and old names that mean it. */
export const synonymsFileSchema = z
  .strictObject({ synonyms: z.record(term, z.array(term).min(1, 'needs at least one variant')) })
  .superRefine((file, ctx) => {
    const canonicalOf = new Map<string, string>();
    for (const [canonical, variants] of Object.entries(file.synonyms)) {
      variants.forEach((variant, i) => {
        const earlier = canonicalOf.get(variant);
        if (variant === canonical) ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: 'is the canonical term itself' });
        else if (earlier !== undefined && earlier !== canonical) {
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: `is already a variant of "${earlier}"` });
        } else if (Object.hasOwn(file.synonyms, variant)) {
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: 'is itself a canonical term: list its variants under one term only' });
        }
        canonicalOf.set(variant, canonical);
      });
    }
  });

/**
 * stopwords.yaml — words that say nothing about which entry is meant (咋, 请问, 一下, 我想...), and
 * action words (办理, 补办) that say what is to be done but not about what.
 */
export const stopWordsFileSchema = z.strictObject({ stopWords: z.array(term), actionWords: z.array(term).default([]) });

/** sections.yaml — section → the phrases that ask for it; earlier sections win ties between equally long cues. */
export const sectionsFileSchema = z.strictObject({
  sections: z.partialRecord(z.enum(SECTION_NAMES), z.array(term).min(1, 'needs at least one cue')),
});

export interface LexiconData {
  words: string[];
  synonyms: Record<string, string[]>;
  stopWords: string[];
  actionWords?: string[];
  sections: Partial<Record<SectionName, string[]>>;
}

export interface SectionCue {
  readonly cue: string;
  /** In the file's order of sections: the first one allowed for an entry kind is meant. */
  readonly sections: readonly SectionName[];
}

export interface Lexicon {
  /** Words the segmenter keeps whole: the dictionary plus every synonym term. */
  readonly words: ReadonlySet<string>;
  /** First character → the lengths (UTF-16 units) of the words starting with it, longest first. */
  readonly wordLengths: ReadonlyMap<string, readonly number[]>;
  /** Length of the longest word. */
  readonly longestWord: number;
  /** Variant → canonical term. */
  readonly synonyms: ReadonlyMap<string, string>;
  /** Canonical term → its variants. */
  readonly variants: ReadonlyMap<string, readonly string[]>;
  readonly stopWords: ReadonlySet<string>;
  /** 办理, 补办, 查询: they rank the entries a question's topic found, but never find one alone. */
  readonly actionWords: ReadonlySet<string>;
  /** Longest cue first, so that 收费标准 is tried before 标准. */
  readonly sectionCues: readonly SectionCue[];
  /** Cue → sections: a question term equal to a cue (材料, 电话) names an aspect of an entry, not its topic. */
  readonly aspectTerms: ReadonlyMap<string, readonly SectionName[]>;
}

export function createLexicon(data: LexiconData): Lexicon {
  const synonyms = new Map<string, string>();
  const words = new Set(data.words);
  for (const [canonical, variants] of Object.entries(data.synonyms)) {
    words.add(canonical);
    for (const variant of variants) {
      synonyms.set(variant, canonical);
      words.add(variant);
    }
  }
  const sectionsOfCue = new Map<string, SectionName[]>();
  for (const [section, cues] of Object.entries(data.sections) as [SectionName, string[]][]) {
    for (const cue of cues) {
      const sections = sectionsOfCue.get(cue) ?? [];
      if (!sections.includes(section)) sections.push(section);
      sectionsOfCue.set(cue, sections);
    }
  }
  const sectionCues = [...sectionsOfCue].map(([cue, sections]) => ({ cue, sections })).sort((a, b) => b.cue.length - a.cue.length);
  const wordLengths = new Map<string, number[]>();
  for (const word of words) {
    const lengths = wordLengths.get(word[0]) ?? [];
    if (!lengths.includes(word.length)) lengths.push(word.length);
    wordLengths.set(word[0], lengths.sort((a, b) => b - a));
  }
  return {
    words,
    variants: new Map(Object.entries(data.synonyms)),
    wordLengths,
    longestWord: [...words].reduce((longest, word) => Math.max(longest, word.length), 0),
    synonyms,
    stopWords: new Set(data.stopWords),
    actionWords: new Set(data.actionWords),
    sectionCues,
    aspectTerms: sectionsOfCue,
  };
}

/** Loads and validates a lexicon folder; every problem in every file is reported before anything is used. */
export function loadLexicon(dir: string): Lexicon {
  const problems: string[] = [];
  function load<S extends z.ZodType>(name: string, schema: S): z.output<S> | undefined {
    try {
      return loadDataFile(join(dir, name), schema);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  }
  const dictionary = load(LEXICON_FILES.dictionary, dictionaryFileSchema);
  const synonyms = load(LEXICON_FILES.synonyms, synonymsFileSchema);
  const stopWords = load(LEXICON_FILES.stopWords, stopWordsFileSchema);
  const sections = load(LEXICON_FILES.sections, sectionsFileSchema);
  if (!dictionary || !synonyms || !stopWords || !sections) throw new DataFileError(problems);
  return createLexicon({ words: dictionary.words, synonyms: synonyms.synonyms, stopWords: stopWords.stopWords, actionWords: stopWords.actionWords, sections: sections.sections });
}
