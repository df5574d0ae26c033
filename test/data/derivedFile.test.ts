import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheFolder, contentKey, derivedFile } from '../../src/platform/data/derivedFile';

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
});
