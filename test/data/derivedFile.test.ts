import fs, { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { cacheFolder, contentKey, derivedFile, derivedValue } from '../../src/platform/data/derivedFile';

describe("a file derived once and kept in the user's cache folder", () => {
  const names: string[] = [];
  const nameFor = (sources: string) => {
    const name = `wenzheng-test-${randomUUID()}-${contentKey(sources)}.txt`;
    names.push(name);
    return name;
  };
  afterAll(() => {
    for (const path of names.map((name) => derivedFile(name, () => ''))) if (path) rmSync(path, { force: true });
  });

  it('is written by the first caller and read as it is by the next ones', () => {
    const name = nameFor('a');
    const make = jest.fn(() => 'made from a');
    const first = derivedFile(name, make);
    const second = derivedFile(name, make);
    expect(first).toBe(second);
    expect(make).toHaveBeenCalledTimes(1);
    expect(readFileSync(first!, 'utf8')).toBe('made from a');
  });

  it('is named after what it is made from, so that other sources give another file', () => {
    expect(contentKey('a')).toBe(contentKey('a'));
    expect(contentKey('a')).not.toBe(contentKey('b'));
    // Sources are told apart where they are cut: ("ab", "c") is not ("a", "bc").
    expect(contentKey('ab', 'c')).not.toBe(contentKey('a', 'bc'));
    expect(contentKey(Buffer.from('a'))).toBe(contentKey('a'));
  });

  it("lives in the user's own folder, and is not kept where others could plant it", () => {
    const path = derivedFile(nameFor('c'), () => 'c');
    expect(dirname(path!)).toBe(cacheFolder());
    expect(statSync(dirname(path!)).mode & 0o777).toBe(0o700);

    const fresh = mkdtempSync(join(tmpdir(), 'wenzheng-private-'));
    expect(statSync(cacheFolder(fresh)!).mode & 0o777).toBe(0o700);
    const shared = mkdtempSync(join(tmpdir(), 'wenzheng-shared-'));
    const planted = join(shared, `wenzheng-cache-${process.getuid!()}`);
    mkdirSync(planted);
    chmodSync(planted, 0o777);
    expect(cacheFolder(shared)).toBeNull();
    const elsewhere = mkdtempSync(join(tmpdir(), 'wenzheng-link-'));
    symlinkSync(fresh, join(elsewhere, `wenzheng-cache-${process.getuid!()}`));
    expect(cacheFolder(elsewhere)).toBeNull();
  });

  it('is checked at every call, with no memo kept by the process: a folder opened to others meanwhile is not used', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'wenzheng-recheck-'));
    const folder = cacheFolder(fresh);
    expect(folder).not.toBeNull();
    expect(cacheFolder(fresh)).toBe(folder);
    chmodSync(folder!, 0o777);
    expect(cacheFolder(fresh)).toBeNull();
    chmodSync(folder!, 0o700);
    expect(cacheFolder(fresh)).toBe(folder);
  });
});

describe("a value derived once and kept in the user's cache folder", () => {
  const codec = { write: (value: string[]) => JSON.stringify(value), read: (data: Buffer) => JSON.parse(data.toString()) as string[] };
  const nameFor = () => `wenzheng-test-${randomUUID()}.json`;
  const made: string[] = [];
  afterAll(() => {
    for (const name of made) rmSync(join(cacheFolder()!, name), { force: true });
  });

  it('is returned as made by the first caller, not read back, and read back by the next ones', () => {
    const name = nameFor();
    made.push(name);
    const value = ['低保', '公积金'];
    const read = jest.fn(codec.read);
    expect(derivedValue(name, () => value, { ...codec, read })).toBe(value);
    expect(read).not.toHaveBeenCalled();
    expect(derivedValue(name, () => ['made again'], { ...codec, read })).toEqual(value);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('is made again when its file cannot be read back, and returned when it cannot be written', () => {
    const name = nameFor();
    made.push(name);
    writeFileSync(join(cacheFolder()!, name), 'not JSON');
    expect(derivedValue(name, () => ['made'], codec)).toEqual(['made']);
    const unwritable = () => {
      throw new Error('cannot be written');
    };
    expect(derivedValue(nameFor(), () => ['kept nowhere'], { ...codec, write: unwritable })).toEqual(['kept nowhere']);
  });

  it("leaves an error in making it to the caller, and keeps nothing", () => {
    const name = nameFor();
    expect(() =>
      derivedValue(
        name,
        () => {
          throw new Error('invalid source');
        },
        codec,
      ),
    ).toThrow('invalid source');
    expect(fs.existsSync(join(cacheFolder()!, name))).toBe(false);
  });
});

describe('files of one kind in the cache folder', () => {
  const prefix = `wenzheng-test-prune-${randomUUID()}-`;
  const pruning = { prefix, keep: 2, unusedForMs: 3_600_000 };
  const folder = cacheFolder()!;
  const kept = () => fs.readdirSync(folder).filter((name) => name.startsWith(prefix)).sort();
  const lastUsed = (name: string, hoursAgo: number) => {
    const at = new Date(Date.now() - hoursAgo * 3_600_000);
    fs.utimesSync(join(folder, name), at, at);
  };
  afterAll(() => {
    for (const name of kept()) rmSync(join(folder, name), { force: true });
  });

  it('are pruned when a new one is written: the most recently used and the ones used lately stay', () => {
    for (const [name, hoursAgo] of [['a', 5], ['b', 4], ['c', 3], ['d', 2], ['e', 0.5]] as const) {
      derivedFile(`${prefix}${name}`, () => name, pruning);
      lastUsed(`${prefix}${name}`, hoursAgo);
    }
    // Found (used) by a start: b is among the most recent again.
    derivedFile(`${prefix}b`, () => 'b', pruning);
    // Another kind is left alone.
    const other = derivedFile(`wenzheng-test-other-${randomUUID()}`, () => 'other');
    lastUsed(basename(other!), 5);
    derivedFile(`${prefix}f`, () => 'f', pruning);
    // f and b are the two most recent; e was used within the hour; a, c and d go.
    expect(kept()).toEqual([`${prefix}b`, `${prefix}e`, `${prefix}f`]);
    expect(fs.existsSync(other!)).toBe(true);
    rmSync(other!);
  });

  it('are made again by a reader that finds its file removed', () => {
    const codec = { write: (value: string) => value, read: (data: Buffer) => data.toString() };
    const name = `${prefix}g`;
    expect(derivedValue(name, () => 'g', codec, pruning)).toBe('g');
    rmSync(join(folder, name));
    expect(derivedValue(name, () => 'g again', codec, pruning)).toBe('g again');
  });
});
