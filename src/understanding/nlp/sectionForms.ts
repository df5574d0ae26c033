import { alternation, escape } from './story';

/**
 * sections.yaml's questionForms: the word lists with which a question asks for a section without a cue
 * (外地人能申请吗, 房租大概多少, 都管什么事), and with which detectSection reads a clause or an answer.
 */
export interface QuestionFormWords {
  /** Yes/no endings (吗, 不, 没): a clause ending in one asks (补正有期限没); after a can word or a charge they ask whether. */
  yesNoEnds: string[];
  /** Particles that may close a question after its last word (啊, 呢). */
  closingParticles: string[];
  /** Words between a question word and the noun it asks about (什么样的公司: 的). */
  linkWords: string[];
  /** Whole words asking whether one can or may (能不能, 可不可以, 有没有资格). */
  canAsked: string[];
  /** Words that with a yes/no ending later in the clause ask whether one can, has or needs (能, 可以, 有, 需要). */
  canWords: string[];
  /**
   * Ways or channels of doing it (网上, 手机上, 邮寄, 当面): whether it can be done that way (手机上能申请吗) is
   * not whether one qualifies, and the whole answer tells it.
   */
  mannerWords: string[];
  /**
   * Someone doing it for the citizen (政府能管他吗, 能让代办员帮忙不, 能找人代办吗): whether that help is given, not
   * whether the citizen qualifies, and the whole answer tells it.
   */
  helperWords: string[];
  /**
   * Done to something the citizen already has or owes, right after a can word (能报销, 能换, 能补交, 能报停): whether
   * the bill, card or service allows it, not whether the citizen qualifies. Bare verbs (报, 补) only where the clause
   * ends with a yes/no word right after them (能报吗, 还能补不), so that 报名 and 补贴 are not taken; againWords may
   * stand between (还能再报吗).
   */
  thingVerbs: string[];
  bareThingVerbs: string[];
  againWords: string[];
  /** Number words and units that name a period by its length (3天, 两个月, 十个工作日). */
  numerals: string[];
  measureWords: string[];
  periodUnits: string[];
  /**
   * Units of longer lengths (季度, 年): with the period units after a number they name a length of time (两年,
   * 一个季度), which is never what a question is about (lengthOfTime); they name no period of namedPeriod or periodWithin.
   */
  longerUnits: string[];
  /** Words after a period saying something is due within it (15个工作日内). */
  withinWords: string[];
  /** Words around an event before or after which a thing is done (在办理登记前, 在验收合格后): a moment stated. */
  momentStarts: string[];
  momentEnds: string[];
  /** Units after a number stating an amount of money (80元, 两千元), and words stating none is charged (免费). */
  moneyUnits: string[];
  freeWords: string[];
  /** Paying a charge (交, 缴) and the charge (费): 还得交基本热费不 asks whether one pays. */
  payingVerbs: string[];
  paidCharges: string[];
  /** A charge (租金, 费) and an amount word (多少) after it ask how much it is, unless a count follows (多少天). */
  pricedCharges: string[];
  amountWords: string[];
  notAmountAfter: string[];
  /** Which kind (什么样, 哪类) then, a few characters on, may (可以, 能): who qualifies. */
  kindWords: string[];
  mayWords: string[];
  /** Being covered by a policy (享受): whether one can be (外地户口也能享受补贴吗) asks whom it applies to, a policy's scope. */
  coveredWords: string[];
  /** What (哪些, 什么) or which kind of things (事, 类型, 方面), or what ending the question: what the entry covers. */
  whatWords: string[];
  thingWords: string[];
  /** Words before a what word that make it ask what something is (是什么, 是个什么活动). */
  notWhatAfter: string[];
  /** Words asking why (为什么): a what word within one asks no what. */
  whyWords: string[];
  /** Words between an aspect and the words asking what it lists (适用范围都包括哪些, 申请材料里有哪些). */
  listingGlue: string[];
  /** Words with a cue inside that ask nothing (前几天, 这几年: 几 says "a few"). */
  notAsking: string[];
  /** Dialect ways of asking how long, many or big (好久 → 多久, 好多 → 多少): read as the standard word where they ask. */
  dialectHow: Record<string, string>;
  /** Marks of a thing done (了): right before a dialect how word, or after it in its clause, it says "a long time", "many" (等了好久, 好多年了). */
  doneMarks: string[];
  /** Negations (没, 不): right after a dialect how word it says "for a long time" (好久没人修). */
  negations: string[];
  /** Yes/no words that end a clause though no punctuation follows (能取吗要带啥: two questions). */
  unmarkedClauseEnds: string[];
  /** Going (去, 到) to one place or (还是) another: which of two places asks where it is done (去街道还是去区里). */
  goingVerbs: string[];
  orWords: string[];
}

/** The question forms compiled once, when the lexicon is made. */
export interface QuestionForms {
  readonly endsAsking: RegExp;
  readonly canQuestion: RegExp;
  /** A way, channel or helper of doing it (mannerWords, helperWords). */
  readonly manner: RegExp;
  /** Whether something the citizen has can be reimbursed, replaced, made up or suspended (thingVerbs). */
  readonly thingAsked: RegExp;
  readonly namedPeriod: RegExp;
  /** Every namedPeriod in a text (global): where an entry states a length (sections.ts's sectionStatingAsked). */
  readonly namedPeriods: RegExp;
  readonly periodWithin: RegExp;
  /** A moment stated by an event (在办理登记前): when, in an entry without a timeLimit section. */
  readonly momentStated: RegExp;
  /** An amount of money stated (80元) or none charged (免费). */
  readonly amountStated: RegExp;
  /** An amount of money stated (80元, 两千元). */
  readonly moneyStated: RegExp;
  /** A whole term naming a length of time (一个月, 两年): how long, never the thing asked about. */
  readonly lengthOfTime: RegExp;
  readonly chargeQuestion: RegExp;
  /** A clause ending in an amount word (一个月扣多少, 能补助多少): how much, with no charge or count named. */
  readonly amountAsked: RegExp;
  readonly whichKindMay: RegExp;
  readonly covered: RegExp;
  readonly whatThings: RegExp;
  readonly listingGlue: RegExp;
  /** Every occurrence of a notAsking word (global). */
  readonly notAsking: RegExp;
  /** Every dialect how word that asks (global): not right after a done mark or before one in its clause, nor before a negation. */
  readonly dialectHow: RegExp;
  /** A dialect how word → the standard question word. */
  readonly standardHow: ReadonlyMap<string, string>;
  /** Every unmarked clause end (with its closing particles) that more text follows (global). */
  readonly unmarkedClauseEnd: RegExp;
  readonly placeChoice: RegExp;
}

/** One of `words` as a group; a group that never matches for none. */
function anyOf(words: readonly string[]): string {
  const choices = alternation(words);
  return choices === null ? '(?!)' : `(?:${choices})`;
}

/** Any number of `words` in a row (none for an empty list). */
function anyRun(words: readonly string[]): string {
  return words.length === 0 ? '' : `${anyOf(words)}*`;
}

/** A what word, not where it continues a why word (为什么样: 什么 within 为什么). */
function whatWord(word: string, whyWords: readonly string[]): string {
  const before = whyWords.flatMap((why) =>
    [...why].flatMap((_, at) => (at > 0 && word.startsWith(why.slice(at)) ? [why.slice(0, at)] : [])),
  );
  return before.length === 0 ? escape(word) : `(?<!${anyOf(before)})${escape(word)}`;
}

/** One of `words` or nothing. */
function optional(words: readonly string[]): string {
  return words.length === 0 ? '' : `${anyOf(words)}?`;
}

export function compileQuestionForms(words: QuestionFormWords): QuestionForms {
  const yesNoEnd = `${anyOf(words.yesNoEnds)}${anyRun(words.closingParticles)}$`;
  const notWhat = words.notWhatAfter.length === 0 ? '' : `(?<!${anyOf(words.notWhatAfter)})`;
  const whats = (list: readonly string[]) =>
    list.length === 0 ? '(?!)' : `(?:${list.map((word) => whatWord(word, words.whyWords)).join('|')})`;
  const what = whats(words.whatWords);
  const whatKind = whats([...words.whatWords, ...words.kindWords]);
  const namedPeriod = `${anyOf(words.numerals)}+${optional(words.measureWords)}${anyOf(words.periodUnits)}`;
  const money = `${anyOf(words.numerals)}+${anyOf(words.moneyUnits)}`;
  return {
    endsAsking: new RegExp(yesNoEnd),
    canQuestion: new RegExp(`${anyOf(words.canAsked)}|${anyOf(words.canWords)}[^ ]*${yesNoEnd}`),
    manner: new RegExp(anyOf([...words.mannerWords, ...words.helperWords])),
    thingAsked: new RegExp(
      `${anyOf(words.canWords)}${optional(words.againWords)}(?:${anyOf(words.thingVerbs)}|${anyOf(words.bareThingVerbs)}${yesNoEnd})`,
    ),
    namedPeriod: new RegExp(namedPeriod),
    namedPeriods: new RegExp(namedPeriod, 'g'),
    periodWithin: new RegExp(`${anyOf(words.periodUnits)}${anyOf(words.withinWords)}`),
    // A few characters name the event, within one phrase (在电梯验收合格后).
    momentStated: new RegExp(`${anyOf(words.momentStarts)}[^，。；、,;\\s]{2,12}?${anyOf(words.momentEnds)}`),
    amountStated: new RegExp(`${money}|${anyOf(words.freeWords)}`),
    moneyStated: new RegExp(money),
    lengthOfTime: new RegExp(
      `^${anyOf(words.numerals)}+${optional(words.measureWords)}${anyOf([...words.periodUnits, ...words.longerUnits])}$`,
    ),
    // A few characters may stand between a charge and what is asked of it (交物业费吗, 房租大概多少).
    chargeQuestion: new RegExp(
      `${anyOf(words.payingVerbs)}[^ ]{0,4}${anyOf(words.paidCharges)}${anyOf(words.yesNoEnds)}|${anyOf(words.pricedCharges)}[^ ]{0,4}${anyOf(words.amountWords)}(?!${anyOf(words.notAmountAfter)})`,
    ),
    amountAsked: new RegExp(`${anyOf(words.amountWords)}${anyRun(words.closingParticles)}(?: |$)`),
    whichKindMay: new RegExp(`${anyOf(words.kindWords)}${optional(words.linkWords)}[^ ]{1,4}${anyOf(words.mayWords)}`),
    covered: new RegExp(anyOf(words.coveredWords)),
    whatThings: new RegExp(
      `${notWhat}(?:${whatKind}${optional(words.linkWords)}${anyOf(words.thingWords)}|${what}${anyRun(words.closingParticles)}$)`,
    ),
    listingGlue: new RegExp(`${anyOf(words.listingGlue)}+$`),
    notAsking: new RegExp(anyOf(words.notAsking), 'g'),
    dialectHow: new RegExp(
      `(?<!${anyOf(words.doneMarks)})${anyOf(Object.keys(words.dialectHow))}(?!${anyOf(words.negations)}|[^ ]*${anyOf(words.doneMarks)})`,
      'g',
    ),
    standardHow: new Map(Object.entries(words.dialectHow)),
    // A few characters name each place (去街道还是去区里, 到窗口还是到网点).
    placeChoice: new RegExp(`${anyOf(words.goingVerbs)}[^ ]{1,8}${anyOf(words.orWords)}${anyOf(words.goingVerbs)}`),
    unmarkedClauseEnd: new RegExp(`${anyOf(words.unmarkedClauseEnds)}${anyRun(words.closingParticles)}(?=[^ ])`, 'g'),
  };
}
