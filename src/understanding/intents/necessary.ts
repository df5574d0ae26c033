/**
 * What a text must hold for a regular expression to match it, worked out from the expression's
 * source: words one of which it must contain (申请(政府)?(信息)?公开 needs 公开), and, for an expression
 * anchored at both ends (^…$), the only characters it may be made of. Recognition tests these cheap
 * conditions first, so that the intents' long expressions run only on texts they could match.
 * Every condition is necessary, never sufficient: a text that passes is still tested by the expression.
 */
import type { PatternTest } from './schema';

/** What an expression needs of a text: null where nothing is known. */
export interface Necessary {
  /** One of these words is in every text it matches. */
  words: readonly string[] | null;
  /** Every character of a text it matches is one of these (anchored at both ends). */
  alphabet: ReadonlySet<string> | null;
}

/** Larger sets of strings are given up (exact) or cut to their starts (words), so that no analysis grows without bound. */
const MAX_STRINGS = 64;
/**
 * Words are kept whole up to this many: a class of a hundred things (a public thing broken: 路灯, 井盖…) cut to its
 * first characters (路, 井, 有…) let nearly every text through its list's gate, and the list's joined expression ran
 * on every message. A test of a few hundred words costs irregexp little more than one of sixty.
 */
const MAX_WORDS = 256;
/** A character range of more characters ([a-z]) is read as "a character" rather than as a list. */
const MAX_RANGE = 64;

/**
 * One parsed part of an expression: the strings it matches when they are few (exact), words one of which
 * its every match contains (words), the characters it may consume (alphabet), and whether it is held at
 * the text's start (^…) or end (…$).
 */
interface Part {
  exact: Set<string> | null;
  words: Set<string> | null;
  alphabet: Set<string> | null;
  starts: boolean;
  ends: boolean;
}

const unknown = (): Part => ({ exact: null, words: null, alphabet: null, starts: false, ends: false });
const zeroWidth = (anchor: { starts?: boolean; ends?: boolean } = {}): Part => ({
  exact: new Set(['']),
  words: null,
  alphabet: new Set(),
  starts: anchor.starts ?? false,
  ends: anchor.ends ?? false,
});
const characters = (chars: Set<string> | null): Part =>
  chars === null ? unknown() : { exact: chars, words: chars, alphabet: chars, starts: false, ends: false };

/** All of `sets`' strings; the one set itself when the others are empty or the same (most alphabets of a pattern are). */
function union(sets: readonly (Set<string> | null)[]): Set<string> | null {
  if (sets.some((set) => set === null)) return null;
  const distinct = [...new Set(sets as Set<string>[])].filter((set) => set.size > 0);
  if (distinct.length <= 1) return distinct[0] ?? new Set();
  const all = new Set(distinct[0]);
  for (const set of distinct.slice(1)) for (const item of set) all.add(item);
  return all;
}

/** Each of `a` followed by each of `b`; null when they are too many. */
function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_STRINGS) return null;
  if (a.size === 1 && a.has('')) return b;
  if (b.size === 1 && b.has('')) return a;
  return new Set([...a].flatMap((x) => [...b].map((y) => x + y)));
}

/** Words as a condition: none when one is empty; without those containing another (containing it is enough); cut when too many. */
function asWords(strings: Set<string> | null): Set<string> | null {
  if (strings === null || strings.size === 0 || strings.has('')) return null;
  let words = [...strings];
  // Any part of a needed word is needed too: shorter words keep the set small.
  for (let length = 4; words.length > MAX_WORDS && length >= 1; length--)
    words = [...new Set(words.map((w) => [...w].slice(0, length).join('')))];
  if (words.length > MAX_WORDS) return null;
  return new Set(words.filter((word) => !words.some((other) => other !== word && word.includes(other))));
}

/** The better of two word conditions: longer shortest word (rarer), then fewer words. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  const shortest = (set: Set<string>) => Math.min(...[...set].map((word) => word.length));
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.size < a.size) ? b : a;
}

function sequence(parts: readonly Part[]): Part {
  let words: Set<string> | null = null;
  // Runs of parts with exact strings spell longer words together ((政府)?(信息)?公开); the first run is the whole's exact strings.
  let run: Set<string> | null = new Set(['']);
  let whole = true;
  for (const part of parts) {
    words = better(words, part.words);
    const joined: Set<string> | null = run && part.exact && product(run, part.exact);
    if (joined) run = joined;
    else {
      words = better(words, asWords(run));
      run = part.exact;
      whole = false;
    }
  }
  const exact = whole ? run : null;
  words = better(words, asWords(run));
  return {
    exact,
    words: better(words, asWords(exact)),
    alphabet: union(parts.map((part) => part.alphabet)),
    starts: anchored(parts, 'starts'),
    ends: anchored(parts.toReversed(), 'ends'),
  };
}

/** Whether the first of `parts` that is not zero-width (lookarounds, \b) is held there by ^ or $. */
function anchored(parts: readonly Part[], side: 'starts' | 'ends'): boolean {
  for (const part of parts) {
    if (part[side]) return true;
    if (part.exact?.size !== 1 || !part.exact.has('')) return false;
  }
  return false;
}

function alternatives(options: readonly Part[]): Part {
  if (options.length === 1) return options[0];
  const exact = union(options.map((option) => option.exact));
  return {
    exact: exact && exact.size <= MAX_STRINGS ? exact : null,
    words: asWords(union(options.map((option) => option.words ?? asWords(option.exact)))),
    alphabet: union(options.map((option) => option.alphabet)),
    starts: options.every((option) => option.starts),
    ends: options.every((option) => option.ends),
  };
}

function repeated(part: Part, min: number, max: number): Part {
  const exact = min === 1 && max === 1 ? part.exact : min === 0 && max === 1 && part.exact ? new Set(['', ...part.exact]) : null;
  return { exact, words: min >= 1 ? (part.words ?? asWords(part.exact)) : null, alphabet: part.alphabet, starts: false, ends: false };
}

class Unsupported extends Error {}

/** Characters with no meaning in an expression, up to one a quantifier may follow. */
const LITERAL_RUN = /^(?:[^\\^$.|?*+()[\]{}](?![?*+{]))+/u;

/** A parser of the expressions intents are written in (flag u): literals, classes, groups, lookarounds, quantifiers. */
class Parser {
  private at = 0;

  /** `known`: groups already read, by their source (a word class recurs in many patterns of a list). */
  constructor(
    private readonly source: string,
    private readonly known: Map<string, Part>,
  ) {}

  parse(): Part {
    const part = this.alternatives();
    if (this.at !== this.source.length) throw new Unsupported();
    return part;
  }

  private peek(text: string): boolean {
    return this.source.startsWith(text, this.at);
  }

  private alternatives(): Part {
    const options = [this.sequence()];
    while (this.peek('|')) {
      this.at++;
      options.push(this.sequence());
    }
    return alternatives(options);
  }

  private sequence(): Part {
    const parts: Part[] = [];
    while (this.at < this.source.length && !this.peek('|') && !this.peek(')')) {
      const literal = this.literalRun();
      parts.push(literal ?? this.quantified(this.atom()));
    }
    return sequence(parts);
  }

  /** Plain characters that no quantifier follows (工作人员), read as one part: most of a word class is such words. */
  private literalRun(): Part | null {
    const run = LITERAL_RUN.exec(this.source.slice(this.at))?.[0];
    if (!run) return null;
    this.at += run.length;
    return { ...characters(new Set([run])), alphabet: new Set(run) };
  }

  private quantified(part: Part): Part {
    const bounds = /^(?:([?*+])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.source.slice(this.at));
    if (!bounds) return part;
    this.at += bounds[0].length;
    const [, sign, low, comma, high] = bounds;
    if (sign !== undefined) return repeated(part, sign === '+' ? 1 : 0, sign === '?' ? 1 : Infinity);
    const min = Number(low);
    return repeated(part, min, comma === undefined ? min : high === '' ? Infinity : Number(high));
  }

  private atom(): Part {
    const char = this.nextChar();
    switch (char) {
      case '^':
        return zeroWidth({ starts: true });
      case '$':
        return zeroWidth({ ends: true });
      case '.':
        return unknown();
      case '[':
        return characters(this.characterClass());
      case '(':
        return this.group();
      case '\\': {
        const escaped = this.escape();
        return escaped === 'boundary' ? zeroWidth() : characters(escaped);
      }
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported();
      default:
        return characters(new Set([char]));
    }
  }

  private group(): Part {
    const start = this.at - 1;
    const key = this.source.slice(start, closingParen(this.source, start));
    const known = this.known.get(key);
    if (known) {
      this.at = start + key.length;
      return known;
    }
    const part = this.groupAnew();
    // The parse and the quick scan must agree on where the group ends, or what is kept could stand for another text.
    if (this.at !== start + key.length) throw new Unsupported();
    this.known.set(key, part);
    return part;
  }

  private groupAnew(): Part {
    const lookaround = /^\?<?[=!]/.exec(this.source.slice(this.at));
    const named = /^\?<[A-Za-z_]\w*>/.exec(this.source.slice(this.at));
    if (lookaround) this.at += lookaround[0].length;
    else if (named) this.at += named[0].length;
    else if (this.peek('?:')) this.at += 2;
    else if (this.peek('?')) throw new Unsupported();
    const inner = this.alternatives();
    if (!this.peek(')')) throw new Unsupported();
    this.at++;
    // What a lookaround looks at is not part of the match.
    return lookaround ? zeroWidth() : inner;
  }

  /** The characters of [...]; null when negated or too many to list. */
  private characterClass(): Set<string> | null {
    const negated = this.peek('^');
    if (negated) this.at++;
    const chars = new Set<string>();
    let known = true;
    while (!this.peek(']')) {
      if (this.at >= this.source.length) throw new Unsupported();
      const char = this.nextChar();
      const first = char === '\\' ? this.escape() : new Set([char]);
      if (first === 'boundary') throw new Unsupported();
      if (this.peek('-') && !this.source.startsWith('-]', this.at)) {
        this.at++;
        const last = this.nextChar();
        const end = last === '\\' ? this.escape() : new Set([last]);
        if (first === null || end === null || end === 'boundary' || first.size !== 1 || end.size !== 1) throw new Unsupported();
        const [from, to] = [[...first][0].codePointAt(0)!, [...end][0].codePointAt(0)!];
        if (to - from >= MAX_RANGE) known = false;
        else for (let code = from; code <= to; code++) chars.add(String.fromCodePoint(code));
      } else if (first === null) known = false;
      else for (const c of first) chars.add(c);
    }
    this.at++;
    return negated || !known ? null : chars;
  }

  /** After a backslash: the characters it stands for (null: too many to list), or a zero-width boundary. */
  private escape(): Set<string> | null | 'boundary' {
    const char = this.nextChar();
    if (char === 'b' || char === 'B') return 'boundary';
    if (char === 'd') return new Set('0123456789');
    if (/^[DwWsSpPk1-9]$/.test(char)) {
      // Properties, back-references and such: any characters.
      if (char === 'p' || char === 'P' || char === 'k') this.skipBraced();
      return null;
    }
    const controls: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    if (Object.hasOwn(controls, char)) return new Set([controls[char]]);
    if (char === 'u' || char === 'x' || char === 'c') throw new Unsupported();
    return new Set([char]);
  }

  private skipBraced(): void {
    const braced = /^(?:\{[^}]*\}|<[^>]*>)/.exec(this.source.slice(this.at));
    if (braced) this.at += braced[0].length;
  }

  private nextChar(): string {
    const code = this.source.codePointAt(this.at);
    if (code === undefined) throw new Unsupported();
    const char = String.fromCodePoint(code);
    this.at += char.length;
    return char;
  }
}

/** Where the group opened at `open` ends (after its parenthesis), skipping escapes and classes; the source's end if it does not. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

/** What `pattern` needs of a text; nothing known for flags other than u (ignoring case, several lines…) or syntax not read here. */
export function necessaryFor(pattern: RegExp, known = new Map<string, Part>()): Necessary {
  if (pattern.flags.replace('u', '') !== '') return { words: null, alphabet: null };
  try {
    const part = new Parser(pattern.source, known).parse();
    const words = part.words ?? asWords(part.exact);
    return { words: words && [...words], alphabet: part.starts && part.ends ? part.alphabet : null };
  } catch (err) {
    if (err instanceof Unsupported) return { words: null, alphabet: null };
    throw err;
  }
}

const escapeWord = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeUnit = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/**
 * A test every text one of `patterns` matches passes: it is made of their characters when all are
 * anchored at both ends (the quicker test, first), and it holds one of their words. Null when nothing
 * is known of one of them. Expressions of code units, without flag u: faster, and a character outside
 * the alphabet still has a unit outside it.
 */
export function gateFor(patterns: readonly RegExp[]): PatternTest | null {
  if (patterns.length === 0) return null;
  const known = new Map<string, Part>();
  const needs = patterns.map((pattern) => necessaryFor(pattern, known));
  const tests: RegExp[] = [];
  if (needs.every(({ alphabet }) => alphabet !== null)) {
    const units = new Set<number>();
    for (const { alphabet } of needs) for (const char of alphabet!) for (let i = 0; i < char.length; i++) units.add(char.charCodeAt(i));
    tests.push(new RegExp(`^[${[...units].map(escapeUnit).join('')}]*$`));
  }
  if (needs.every(({ words }) => words !== null))
    tests.push(new RegExp([...new Set(needs.flatMap(({ words }) => words!))].map(escapeWord).join('|')));
  const [first, second] = tests;
  if (!first) return null;
  return second ? { test: (text) => first.test(text) && second.test(text) } : first;
}
