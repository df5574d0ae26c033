import type { Logger } from 'pino';
import type { Database } from '../platform/db/database';
import type { MatchThresholds } from '../understanding/nlp/decide';
import type { KnowledgeIndex } from '../understanding/nlp/knowledgeIndex';
import type { Lexicon } from '../understanding/nlp/lexicon';
import { isAnswerable, shanghaiDate } from '../understanding/nlp/availability';
import type { ScoredCandidate } from '../understanding/nlp/knowledgeIndex';
import { searchEntries, type MatchResult } from '../understanding/nlp/match';
import type { EntryFileEntry } from '../../entities/knowledgeEntryFile';
import type { IntentMatch } from '../understanding/intents/recognize';
import type { Places } from '../understanding/places/places';
import { holdsFor, MatchCache } from './matchCache';
import { MatchThreads, type PreparedMatch } from './matchThreads';
import { knowledgeEntries, knowledgeRevision, toFileEntry } from './repository';
import { labelledQuestions } from './questionRepository';
import { buildLabelledIndex, matchLabelled, OutOfScopeLabels, type QuestionLabel } from './labels';

/**
 * The in-memory matcher over the stored knowledge base. Every instance polls the knowledge
 * revision and rebuilds when another instance (or the CLI) changed an entry.
 */
export class LiveKnowledge {
  private index: KnowledgeIndex | null = null;
  private outOfScope = new OutOfScopeLabels([]);
  private entries = new Map<string, EntryFileEntry>();
  /** The labelled questions the index was built with (their entries' examples, the out-of-scope ones declined). */
  private labelList: readonly QuestionLabel[] = [];
  private revision = -1;
  /** What citizens may see, worked out once per knowledge revision and day rather than per request. */
  private visible: { revision: number; today: string; list: readonly EntryFileEntry[]; byKey: ReadonlyMap<string, EntryFileEntry> } | null =
    null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly threads: MatchThreads | null;
  readonly cache: MatchCache;

  constructor(
    private readonly deps: {
      db: Database;
      lexicon: Lexicon;
      thresholds: MatchThresholds;
      logger: Logger;
      /** The system intent of a text (greeting, 转人工 ...), for texts understood on the event loop. */
      intentOf(text: string): IntentMatch | null;
      /** How many recent texts' matches are remembered (WENZHENG_MATCH_CACHE); 0: none. */
      matchCacheSize: number;
      /** This city and its districts (config/city.yaml), so that questions about other places are told apart. */
      places?: Places;
      /** Worker threads that match ahead of the turn (WENZHENG_MATCH_THREADS), and the folders they load; 0: none. */
      matchThreads?: { count: number; lexiconDir: string; intentsDir: string; cityFile?: string };
      /** The hash of the matching code (indexCache.ts matchingCode), worked out once by the caller: a start's index is the one kept under it. */
      matchingCode: string;
    },
  ) {
    this.cache = new MatchCache(deps.matchCacheSize);
    const threads = deps.matchThreads;
    this.threads =
      threads && threads.count > 0
        ? new MatchThreads(
            threads.count,
            {
              lexiconDir: threads.lexiconDir,
              intentsDir: threads.intentsDir,
              cityFile: threads.cityFile,
              thresholds: deps.thresholds,
              matchingCode: deps.matchingCode,
            },
            deps.logger,
          )
        : null;
  }

  get lexicon(): Lexicon {
    return this.deps.lexicon;
  }

  get loaded(): boolean {
    return this.index !== null;
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** Rebuilds the index when the stored revision moved; concurrent callers share one rebuild. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reloadIfChanged().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async reloadIfChanged(): Promise<void> {
    const { db, lexicon, logger } = this.deps;
    const revision = await db.transaction((tx) => knowledgeRevision.current(tx));
    if (revision === this.revision && this.index) return;
    // Read rows and revision together so a change landing in between is picked up next time.
    const { rows, labels, at } = await db.transaction(async (tx) => ({
      at: await knowledgeRevision.current(tx),
      rows: await knowledgeEntries.all(tx),
      labels: (await labelledQuestions.all(tx)).map((label): QuestionLabel => ({ text: label.text, entry: label.entryKey })),
    }));
    const entries = rows.map(toFileEntry);
    const started = Date.now();
    const labelled = buildLabelledIndex(entries, labels, lexicon, this.index ?? { matchingCode: this.deps.matchingCode });
    this.index = labelled.index;
    this.outOfScope = labelled.outOfScope;
    this.labelList = labels;
    this.entries = new Map(entries.map((e) => [e.key, e]));
    this.revision = at;
    // The threads index the entries with their labelled examples too; out of scope is decided here, on their results.
    this.threads?.index(at, labelled.entries);
    logger.info({ revision: at, entries: entries.length, labels: labels.length, ms: Date.now() - started }, 'knowledge index built');
  }

  /** Starts the match threads, if any: until one is ready, matching runs on the event loop. */
  startThreads(): void {
    this.threads?.start();
  }

  startPolling(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.refresh().catch((err) => this.deps.logger.warn({ err }, 'knowledge refresh failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops polling and the match threads. */
  async close(): Promise<void> {
    this.stop();
    await this.threads?.close();
  }

  /**
   * What a turn needs to know of `text` (its match and intent), worked out before the turn and
   * outside its transaction: remembered from the same text earlier (for this revision and day), else
   * from a match thread, else worked out here on the event loop.
   */
  async prepareMatch(text: string, now: Date): Promise<PreparedMatch> {
    const day = shanghaiDate(now);
    const cached = this.cache.get(text, this.revision, day);
    if (cached) return cached;
    return (
      (await this.matchOnThread(text, now)) ?? {
        text,
        day,
        revision: this.revision,
        result: this.match(text, now),
        intent: this.deps.intentOf(text),
      }
    );
  }

  /** The match and intent of `text` worked out on a match thread; null without threads or when none can answer now. */
  async matchOnThread(text: string, now: Date): Promise<PreparedMatch | null> {
    const matched = this.threads ? await this.threads.match(text, now) : null;
    return matched && { text, day: shanghaiDate(now), ...matched };
  }

  match(text: string, now: Date, options: { includeDrafts?: boolean; prepared?: PreparedMatch | null } = {}): MatchResult {
    if (!this.index) throw new Error('knowledge index not loaded yet');
    const { prepared } = options;
    // Only as the index of this revision would match it today.
    if (prepared && !options.includeDrafts && prepared.text === text && holdsFor(prepared, this.revision, shanghaiDate(now))) {
      // Remembered only once a turn took the text as a question: answers to a form's questions (names,
      // phone numbers, addresses) are prepared like any text but never kept.
      this.cache.put(prepared);
      return this.outOfScope.apply(text, prepared.result);
    }
    return matchLabelled({ index: this.index, outOfScope: this.outOfScope }, text, {
      now,
      thresholds: this.deps.thresholds,
      includeDrafts: options.includeDrafts,
      places: this.deps.places,
    });
  }

  /** The stored entries and labelled questions this instance's index was built from. */
  get snapshot(): { entries: EntryFileEntry[]; labels: readonly QuestionLabel[] } {
    return { entries: [...this.entries.values()], labels: this.labelList };
  }

  /** A matcher over other entries (a draft applied) with the same labels and thresholds, built apart from the live index. */
  whatIf(entries: readonly EntryFileEntry[], labels: readonly QuestionLabel[] = this.labelList): (text: string, now: Date) => MatchResult {
    const labelled = buildLabelledIndex(entries, labels, this.deps.lexicon);
    return (text, now) => matchLabelled(labelled, text, { now, thresholds: this.deps.thresholds, places: this.deps.places });
  }

  /** Ranked for a search box: the bot's scores over what it may answer today. */
  search(text: string, now: Date, limit: number, accept?: (entry: EntryFileEntry) => boolean): ScoredCandidate[] {
    if (!this.index) throw new Error('knowledge index not loaded yet');
    return searchEntries(this.index, text, {
      now,
      limit,
      accept: accept && ((entry) => accept(this.entries.get(entry.key) as EntryFileEntry)),
    });
  }

  entry(key: string): EntryFileEntry | undefined {
    return this.entries.get(key);
  }

  /** Every entry the bot may answer today (published and within its validity dates). */
  answerable(now: Date): readonly EntryFileEntry[] {
    return this.visibleOn(now).list;
  }

  /** The entry, if the bot may answer it today. */
  answerableEntry(key: string, now: Date): EntryFileEntry | undefined {
    return this.visibleOn(now).byKey.get(key);
  }

  private visibleOn(now: Date) {
    const today = shanghaiDate(now);
    if (this.visible?.revision !== this.revision || this.visible.today !== today) {
      const list = [...this.entries.values()].filter((entry) => isAnswerable(entry, today));
      this.visible = { revision: this.revision, today, list, byKey: new Map(list.map((entry) => [entry.key, entry])) };
    }
    return this.visible;
  }
}
