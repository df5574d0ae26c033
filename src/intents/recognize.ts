import { normalize } from '../nlp/normalize';
import type { EmergencySituation, Intent } from './schema';

export type SituationSummary = Pick<EmergencySituation, 'service' | 'label' | 'number'>;

export interface IntentMatch {
  intent: string;
  /** 1 when a pattern (or situation, or recognizing capture) fired; 0.9 when only an example matched. */
  confidence: number;
  /** Captured values by name, in their canonical format (ticketNumber: 12345-2026-000123). */
  capture?: Record<string, string>;
  /** Code of the first category whose pattern hit (hotline.report: complaint…; feedback: positive/negative). */
  category?: string;
  /** Emergency only: the situations named in the text, or all of them when none is named. Never empty. */
  situations?: SituationSummary[];
}

const PATTERN_CONFIDENCE = 1;
const EXAMPLE_CONFIDENCE = 0.9;

const LEADING_FILLERS = /^(?:嗯|哦|噢|喔|啊|哎|唉|诶|欸|喂|那个|请问)+/u;
const TRAILING_PARTICLES = /[啊呀吖哇哦噢喔呢吧哈嘛么啦了咯喽哒的嘞]+$/u;

/** What a short utterance says once particles are dropped: "嗯，你好呀！" and "你好" both give 你好. */
export function bareForm(text: string): string {
  return stripFillers(normalize(text));
}

function stripFillers(normalized: string): string {
  const compact = normalized.replace(/ /g, '');
  // A text made only of such characters (哈喽, 嗯嗯) is kept as it is.
  return compact.replace(LEADING_FILLERS, '').replace(TRAILING_PARTICLES, '') || compact;
}

const fires = (patterns: readonly RegExp[], text: string) => patterns.some((pattern) => pattern.test(text));

/** How sure the text is this intent, before excludes: 0 when nothing in it points there. */
function triggerConfidence(intent: Intent, normalized: string, bare: string): number {
  if (
    fires(intent.patterns, normalized) ||
    intent.situations.some((situation) => fires(situation.patterns, normalized)) ||
    Object.values(intent.capture).some((capture) => capture.recognizes && capture.pattern.test(normalized))
  ) {
    return PATTERN_CONFIDENCE;
  }
  return bare !== '' && intent.exampleForms.has(bare) ? EXAMPLE_CONFIDENCE : 0;
}

/** Writes a capture in its canonical form: $1…$9 and $<name> are the pattern's groups, $& the whole match. */
function expandFormat(format: string, match: RegExpExecArray): string {
  return format.replace(/\$(?:(\d)|<([A-Za-z_]\w*)>|&)/g, (_, index: string | undefined, name: string | undefined) => {
    if (index !== undefined) return match[Number(index)] ?? '';
    if (name !== undefined) return match.groups?.[name] ?? '';
    return match[0];
  });
}

function describe(intent: Intent, confidence: number, normalized: string): IntentMatch {
  const result: IntentMatch = { intent: intent.name, confidence };
  const capture: Record<string, string> = {};
  for (const [name, { pattern, format }] of Object.entries(intent.capture)) {
    const match = pattern.exec(normalized);
    if (match) capture[name] = expandFormat(format, match);
  }
  if (Object.keys(capture).length > 0) result.capture = capture;
  const category = intent.categories.find((c) => fires(c.patterns, normalized));
  if (category) result.category = category.code;
  if (intent.situations.length > 0) {
    const named = intent.situations.filter((s) => fires(s.patterns, normalized));
    result.situations = (named.length > 0 ? named : intent.situations).map(({ service, label, number }) => ({ service, label, number }));
  }
  return result;
}

/**
 * The system intent a citizen's message expresses, or null (then it is a knowledge question).
 * An intent fires when one of its patterns hits the normalized text, or when the whole text says
 * the same as one of its examples; an exclude hit or a text over maxLength vetoes it. Of the intents
 * that fire, the highest priority wins (then confidence, then file order), so emergency beats all.
 */
export function recognizeIntent(text: string, intents: readonly Intent[]): IntentMatch | null {
  const normalized = normalize(text);
  if (normalized === '') return null;
  const bare = stripFillers(normalized);
  const length = [...normalized.replace(/ /g, '')].length;
  let best: { intent: Intent; confidence: number } | null = null;
  for (const intent of intents) {
    if (intent.maxLength !== undefined && length > intent.maxLength) continue;
    const confidence = triggerConfidence(intent, normalized, bare);
    if (confidence === 0 || fires(intent.exclude, normalized)) continue;
    if (!best || intent.priority > best.intent.priority || (intent.priority === best.intent.priority && confidence > best.confidence)) {
      best = { intent, confidence };
    }
  }
  return best && describe(best.intent, best.confidence, normalized);
}
