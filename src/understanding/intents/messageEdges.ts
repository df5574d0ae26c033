import { normalize } from '../nlp/normalize';
import { alternation, NOTHING } from '../nlp/story';

/**
 * The word classes of intents/_words.yaml that recognition reads itself (patterns may name them too): the
 * words a message opens and closes with that say nothing (its edges). A folder without one strips none of them.
 */
export const MESSAGE_EDGE_CLASSES = {
  /** Interjections a short message may start with (嗯嗯, 哦, 那个). */
  leading: 'leadingFiller',
  /** Particles it may end with (呀, 呢, 的). */
  trailing: 'trailingParticle',
  /** Fillers and acknowledgements a longer message opens with (好的，感谢; 行吧 我要投诉). */
  openers: 'opener',
  /** Words that make a clause a question (吗, 多久, 咋): such a clause asks, and is not told beside an intent (recognize.ts's byClauses). */
  questions: 'questionWord',
} as const;

/** MESSAGE_EDGE_CLASSES compiled, once per loading of the intents. */
export interface MessageEdges {
  readonly leading: RegExp;
  readonly trailing: RegExp;
  readonly openers: RegExp;
  readonly questions: RegExp;
  /** Every word of every class: the intents' own vocabulary, which tells a clause that asks the knowledge base nothing. */
  readonly vocabulary: ReadonlySet<string>;
  /** English words as the classes' words ('' for none), for a message wholly in English (_words.yaml's `english`). */
  readonly english: ReadonlyMap<string, string>;
}

/**
 * From _words.yaml's classes (schema.ts's WordClasses), those of them that name subjects, which are no part of the
 * vocabulary, and its English words.
 */
export function compileMessageEdges(
  classes: Readonly<Record<string, readonly string[]>>,
  subjects: readonly string[] = [],
  english: Readonly<Record<string, string>> = {},
): MessageEdges {
  const compiled = (name: string, pattern: (words: string) => string) => {
    const words = alternation(classes[name] ?? []);
    return words === null ? NOTHING : new RegExp(pattern(words), 'u');
  };
  return {
    leading: compiled(MESSAGE_EDGE_CLASSES.leading, (words) => `^(?:${words})+`),
    trailing: compiled(MESSAGE_EDGE_CLASSES.trailing, (words) => `(?:${words})+$`),
    // A space may follow each (嗯嗯 好的 我想反映个事).
    openers: compiled(MESSAGE_EDGE_CLASSES.openers, (words) => `^(?:(?:${words}) ?)+`),
    questions: compiled(MESSAGE_EDGE_CLASSES.questions, (words) => words),
    vocabulary: new Set(
      Object.entries(classes)
        .filter(([name]) => !subjects.includes(name))
        .flatMap(([, words]) => words),
    ),
    english: new Map(Object.entries(english)),
  };
}

/** A normalized utterance without spaces, leading interjections and trailing particles ("嗯，你好呀" → 你好). */
export function stripFillers(normalized: string, edges: MessageEdges): string {
  const compact = normalized.replace(/ /g, '');
  // A text made only of such characters (哈喽, 嗯嗯) is kept as it is.
  return compact.replace(edges.leading, '').replace(edges.trailing, '') || compact;
}

/** What a short utterance says once particles are dropped: "嗯，你好呀！" and "你好" both give 你好. */
export function bareForm(text: string, edges: MessageEdges): string {
  return stripFillers(normalize(text), edges);
}

/** A normalized message without the fillers and acknowledgements it opens with; unchanged when it is nothing else (好的). */
export function stripOpeners(normalized: string, edges: MessageEdges): string {
  return normalized.replace(edges.openers, '').trim() || normalized;
}

/** For intents loaded without word classes. */
export const NO_MESSAGE_EDGES: MessageEdges = compileMessageEdges({});
