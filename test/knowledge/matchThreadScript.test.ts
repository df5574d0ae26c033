import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceNewerThan } from '../../src/knowledge/matchThreads';

// Under ts-jest the threads run the build's script: one older than a source would answer with old code.
describe('a build older than the sources it was built from', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'wz-sources-'));
    mkdirSync(join(root, 'src', 'knowledge'), { recursive: true });
    for (const name of ['src/knowledge/matchThread.ts', 'src/notes.md']) writeFileSync(join(root, name), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const age = (name: string, at: number) => utimesSync(join(root, name), at / 1000, at / 1000);

  it('is named by the first TypeScript source changed after it, in any subfolder', () => {
    age('src/knowledge/matchThread.ts', 2_000_000);
    expect(sourceNewerThan(1_000_000, [join(root, 'src')])).toBe(join(root, 'src', 'knowledge', 'matchThread.ts'));
  });

  it('is not reported when every TypeScript source is older, whatever other files changed', () => {
    age('src/knowledge/matchThread.ts', 1_000_000);
    age('src/notes.md', 3_000_000);
    expect(sourceNewerThan(2_000_000, [join(root, 'src')])).toBeNull();
  });
});
