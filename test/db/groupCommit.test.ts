import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type Database, type Transaction } from '../../src/platform/db/database';

/**
 * SQLite's transactions queued together share one COMMIT. What another connection sees (a second
 * better-sqlite3 connection on the same file) tells what has been committed.
 */
describe('group commit on the embedded SQLite database', () => {
  let db: Database;
  let observer: BetterSqlite3.Database;
  const committedNotes = () => (observer.prepare('SELECT note FROM probe ORDER BY id').all() as { note: string }[]).map((r) => r.note);
  const insert = (tx: Transaction, note: string) => tx.query('INSERT INTO probe (note) VALUES (?)', [note]);

  // A small batch, and no time limit that a slow machine could reach first.
  const options = { groupCommit: { transactions: 5, ms: 60_000 } };

  beforeEach(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wenzheng-group-commit-')), 'test.db');
    db = await openDatabase({ type: 'sqlite', file }, options);
    await db.transaction(async (tx) => {
      await tx.query('CREATE TABLE probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
      await tx.query('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
      // Checked at COMMIT, so a batch can be made to fail there.
      await tx.query('CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    });
    observer = new BetterSqlite3(file, { readonly: true });
  });
  afterEach(async () => {
    observer.close();
    await db.close();
  });

  it('commits the transactions queued together at once, and tells none of them before that commit', async () => {
    const events: string[] = [];
    const seenByOthers: string[][] = [];
    const first = db.transaction((tx) => insert(tx, 'a')).then(() => events.push('a settled'));
    const second = db
      .transaction(async (tx) => {
        await insert(tx, 'b');
        seenByOthers.push(committedNotes());
      })
      .then(() => events.push('b settled'));
    const third = db
      .transaction(async (tx) => {
        await insert(tx, 'c');
        seenByOthers.push(committedNotes());
        events.push('c ran');
      })
      .then(() => events.push('c settled'));
    await Promise.all([first, second, third]);
    // Without grouping, a's commit would be visible to the other connection while b and c run.
    expect(seenByOthers).toEqual([[], []]);
    expect(events).toEqual(['c ran', 'a settled', 'b settled', 'c settled']);
    expect(committedNotes()).toEqual(['a', 'b', 'c']);
  });

  it('also commits together the transactions begun by separate callbacks of one turn of the event loop (requests read together)', async () => {
    const seenBySecond: string[][] = [];
    const inCallback = (work: () => Promise<unknown>) => new Promise((resolve) => setImmediate(() => resolve(work())));
    await Promise.all([
      inCallback(() => db.transaction((tx) => insert(tx, 'first request'))),
      inCallback(() =>
        db.transaction(async (tx) => {
          await insert(tx, 'second request');
          seenBySecond.push(committedNotes());
        }),
      ),
    ]);
    // Started at the microtask checkpoint after the first callback, the first would have committed alone.
    expect(seenBySecond).toEqual([[]]);
    expect(committedNotes()).toEqual(['first request', 'second request']);
  });

  it('rolls back a failing transaction alone and fails only it', async () => {
    const outcomes = await Promise.allSettled([
      db.transaction((tx) => insert(tx, 'kept 1')),
      db.transaction(async (tx) => {
        await insert(tx, 'undone');
        throw new Error('this one fails');
      }),
      db.transaction((tx) => insert(tx, 'kept 2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('this one fails'));
    expect(committedNotes()).toEqual(['kept 1', 'kept 2']);
  });

  it('fails every transaction of a batch whose COMMIT fails, keeps none of their writes, and goes on working', async () => {
    const outcomes = await Promise.allSettled([
      db.transaction((tx) => insert(tx, 'would be lost 1')),
      // A child without its parent: refused only at COMMIT, for the whole batch.
      db.transaction((tx) => tx.query('INSERT INTO child (parent_id) VALUES (42)')),
      db.transaction((tx) => insert(tx, 'would be lost 2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNotes()).toEqual([]);
    await db.transaction((tx) => insert(tx, 'after'));
    expect(committedNotes()).toEqual(['after']);
  });

  it('commits a long queue in batches of at most the configured size', async () => {
    const total = 2 * options.groupCommit.transactions + 1;
    let seenByLast: string[] = [];
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        db.transaction(async (tx) => {
          await insert(tx, `n${i}`);
          if (i === total - 1) seenByLast = committedNotes();
        }),
      ),
    );
    // Two full batches had committed before the last transaction, alone in the third, ran.
    expect(seenByLast).toHaveLength(2 * options.groupCommit.transactions);
    expect(committedNotes()).toHaveLength(total);
  });

  it('fails the waiting transactions when none can begin, instead of trying again forever', async () => {
    await db.close();
    const outcomes = await Promise.allSettled([db.transaction((tx) => insert(tx, 'x')), db.transaction((tx) => insert(tx, 'y'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const file = (db.dataSource.options as { database: string }).database;
    db = await openDatabase({ type: 'sqlite', file }, options);
  });
});
