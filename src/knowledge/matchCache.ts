import type { PreparedMatch } from './matchThreads';

/**
 * What recent texts were understood as (match and intent), each for the knowledge revision and day
 * it holds for. At a city's peak (a heating outage, a new policy) citizens ask the same few questions
 * in the same words, and understanding a text is the largest pure cost of a chat message.
 * Least recently used texts make room for new ones; a stale entry (older revision, another day) is
 * never returned.
 */
/** Whether a prepared match still holds: made against this knowledge revision, on this day (entries have validity dates). */
export const holdsFor = (prepared: PreparedMatch, revision: number, day: string) => prepared.revision === revision && prepared.day === day;

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

export class MatchCache {
  private readonly byText = new Map<string, PreparedMatch>();
  hits = 0;
  misses = 0;

  /** capacity: how many texts it keeps; 0 keeps none. */
  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.byText.size;
  }

  get(text: string, revision: number, day: string): PreparedMatch | null {
    const cached = this.byText.get(text);
    if (!cached || !holdsFor(cached, revision, day)) {
      this.misses++;
      return null;
    }
    this.hits++;
    // A Map iterates in insertion order: moving the text to the end keeps the oldest first.
    this.byText.delete(text);
    this.byText.set(text, cached);
    return cached;
  }

  put(prepared: PreparedMatch): void {
    // A hit put back: get has already made it the most recent.
    if (this.capacity === 0 || this.byText.get(prepared.text) === prepared) return;
    this.byText.delete(prepared.text);
    // Every turn that asks the same text shares it: frozen, so none can change what the next is told.
    deepFreeze(prepared);
    if (this.byText.size >= this.capacity) this.byText.delete(this.byText.keys().next().value as string);
    this.byText.set(prepared.text, prepared);
  }
}
