/**
 * What was worked out for the last few keys: a memo for the work that understanding one message
 * repeats on the same text (normalizing, segmenting), small enough that messages never make it grow.
 * Once `size` keys are kept, the next new one starts it afresh (cheaper than dropping the oldest one
 * at a time, and a message's texts are asked for close together).
 */
export class RecentValues<Value> {
  private readonly values = new Map<string, Value>();
  private basis: unknown;

  constructor(private readonly size: number) {}

  /**
   * The value kept for `key`, else `work(key)`, kept. `basis` stands for what the work depends on
   * besides the key (the segmenter's dictionary): when it is another than last time, nothing kept is used.
   */
  get(key: string, work: (key: string) => Value, basis?: unknown): Value {
    if (basis !== this.basis) {
      this.values.clear();
      this.basis = basis;
    }
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.size) this.values.clear();
      this.values.set(key, (value = work(key)));
    }
    return value;
  }
}
