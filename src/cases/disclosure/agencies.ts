/**
 * The agencies that handle disclosure requests and the topics of city reports, as data
 * (config/agencies.yaml): suggestion of the agency from a description, and topic classification.
 */
import { z } from 'zod';
import { loadDataFile, parseDataText } from '../../platform/data/loadDataFile';

export const AGENCIES_FILE = 'config/agencies.yaml';

const code = z.string().regex(/^[a-z][a-zA-Z0-9-]{1,47}$/, 'must be 2-48 letters, digits or -, starting with a lower-case letter');
const keyword = z.string().trim().min(1, 'must not be empty').max(40);

const agencySchema = z.strictObject({
  code,
  name: z.string().trim().min(2).max(100),
  aliases: z.array(keyword).default([]),
  keywords: z.array(keyword).default([]),
  default: z.boolean().default(false),
  phone: z.string().trim().min(3).max(40).optional(),
});

const topicSchema = z.strictObject({
  code,
  label: z.string().trim().min(1).max(20),
  keywords: z.array(keyword).default([]),
  fallback: z.boolean().default(false),
});

export const agenciesFileSchema = z
  .strictObject({
    agencies: z.array(agencySchema).min(1, 'needs at least one agency'),
    topics: z.array(topicSchema).min(1, 'needs at least one topic'),
  })
  .superRefine((data, ctx) => {
    const unique = (list: { code: string }[], key: 'agencies' | 'topics') => {
      const seen = new Map<string, number>();
      list.forEach((item, i) => {
        const first = seen.get(item.code);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [key, i, 'code'], message: `"${item.code}" is used twice (also ${key}[${first}])` });
        else seen.set(item.code, i);
      });
    };
    unique(data.agencies, 'agencies');
    unique(data.topics, 'topics');
    const names = new Map<string, number>();
    data.agencies.forEach((a, i) => {
      for (const name of [a.name, ...a.aliases]) {
        const other = names.get(name);
        if (other !== undefined && other !== i)
          ctx.addIssue({ code: 'custom', path: ['agencies', i], message: `name or alias "${name}" is also agencies[${other}]'s` });
        names.set(name, i);
      }
    });
    const defaults = data.agencies.filter((a) => a.default).length;
    if (defaults !== 1)
      ctx.addIssue({ code: 'custom', path: ['agencies'], message: `exactly one agency must have default: true (found ${defaults})` });
    const fallbacks = data.topics.filter((t) => t.fallback);
    if (fallbacks.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['topics'], message: `exactly one topic must have fallback: true (found ${fallbacks.length})` });
    data.topics.forEach((t, i) => {
      if (t.fallback && t.keywords.length)
        ctx.addIssue({ code: 'custom', path: ['topics', i, 'keywords'], message: 'the fallback topic takes no keywords' });
      if (!t.fallback && !t.keywords.length)
        ctx.addIssue({ code: 'custom', path: ['topics', i, 'keywords'], message: 'needs at least one keyword' });
    });
  });

export type AgenciesFile = z.output<typeof agenciesFileSchema>;
export type Agency = AgenciesFile['agencies'][number];
export type Topic = AgenciesFile['topics'][number];

export interface AgencySuggestion {
  agency: Agency;
  /** 0 for the default agency suggested for lack of any hint. */
  score: number;
  /** The keywords or names found in the description. */
  matched: string[];
}

/** Keyword weight: longer keywords are more specific (棚户区改造 over 改造). */
const weight = (k: string) => Array.from(k).length;

/** Full-width letters and digits as ASCII, upper case, so "ＧＤＰ" and "gdp" find "GDP". */
const fold = (text: string) => text.normalize('NFKC').toUpperCase();

function hits(text: string, words: readonly string[]): string[] {
  const folded = fold(text);
  return words.filter((w) => folded.includes(fold(w)));
}

export class AgencyDirectory {
  readonly agencies: readonly Agency[];
  readonly topics: readonly Topic[];
  readonly defaultAgency: Agency;
  readonly fallbackTopic: Topic;

  constructor(data: AgenciesFile) {
    this.agencies = data.agencies;
    this.topics = data.topics;
    this.defaultAgency = data.agencies.find((a) => a.default)!;
    this.fallbackTopic = data.topics.find((t) => t.fallback)!;
  }

  byCode(code: string): Agency | undefined {
    return this.agencies.find((a) => a.code === code);
  }

  nameOf(code: string): string {
    return this.byCode(code)?.name ?? code;
  }

  /** An agency by its code, name or an alias, as typed (spaces ignored). */
  find(text: string): Agency | undefined {
    const t = fold(text).replace(/\s+/g, '');
    if (!t) return undefined;
    return this.agencies.find((a) => a.code.toUpperCase() === t || fold(a.name) === t || a.aliases.some((alias) => fold(alias) === t));
  }

  /**
   * Agencies ranked by the hints in a description: a name or alias mentioned counts most, then
   * keyword hits weighted by length. At most `limit`; the default agency closes the list when
   * there is room (or is the only suggestion when nothing matched).
   */
  suggest(description: string, limit = 3): AgencySuggestion[] {
    const scored = this.agencies
      .map((agency) => {
        const names = hits(description, [agency.name, ...agency.aliases]);
        const keywords = hits(description, agency.keywords);
        const score = names.length * 100 + keywords.reduce((sum, k) => sum + weight(k), 0);
        return { agency, score, matched: [...names, ...keywords] };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || this.agencies.indexOf(a.agency) - this.agencies.indexOf(b.agency))
      .slice(0, limit);
    if (scored.length < limit && !scored.some((s) => s.agency === this.defaultAgency))
      scored.push({ agency: this.defaultAgency, score: 0, matched: [] });
    return scored;
  }

  /** The topic of a description for city reports (拆迁/征地/城市规划/项目审批/其他). */
  topicOf(description: string): Topic {
    let best: { topic: Topic; score: number } | null = null;
    for (const topic of this.topics) {
      if (topic.fallback) continue;
      const score = hits(description, topic.keywords).reduce((sum, k) => sum + weight(k), 0);
      if (score > 0 && (!best || score > best.score)) best = { topic, score };
    }
    return best?.topic ?? this.fallbackTopic;
  }

  topic(code: string): Topic | undefined {
    return this.topics.find((t) => t.code === code);
  }
}

export function parseAgencies(text: string, file = AGENCIES_FILE): AgencyDirectory {
  return new AgencyDirectory(parseDataText(file, text, agenciesFileSchema));
}

export function loadAgencies(file = AGENCIES_FILE): AgencyDirectory {
  return new AgencyDirectory(loadDataFile(file, agenciesFileSchema));
}
