import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cacheFolder } from '../../src/platform/data/derivedFile';
import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { cachedKnowledgeIndex, matchingCode } from '../../src/understanding/nlp/indexCache';
import { KnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { createLexicon, loadLexicon } from '../../src/understanding/nlp/lexicon';
import { matchQuestion, searchEntries } from '../../src/understanding/nlp/match';
import { addSegmenterWords, analyze } from '../../src/understanding/nlp/segment';

const lexicon = loadLexicon('seeds/nlp');
const code = matchingCode();
const seeds = loadEntryFiles(entryFilesIn('seeds/knowledge'));
const now = new Date('2026-12-07T10:00:00+08:00');
/** An entry whose keyword 教资 the segmenter cuts into characters: a name its index keeps whole. */
const licence = {
  key: 'teacher-licence',
  kind: 'guide',
  title: '教师资格认定',
  questions: ['教资怎么认定'],
  keywords: ['教资'],
  answer: '考试合格的人员可以向认定机构申请教师资格认定，认定通过的颁发教师资格证书。',
  status: 'published',
} as const;
const samples = (parse(readFileSync('test/nlp/fixtures/sample-questions.yaml', 'utf8')) as { questions: { text: string }[] }).questions;

describe('a snapshot of a knowledge index', () => {
  it('gives back an index that matches and searches every question as the index built', () => {
    const built = KnowledgeIndex.build(seeds, lexicon);
    const restored = KnowledgeIndex.restore(built.snapshot(), seeds, lexicon);
    const questions = [
      ...seeds.flatMap((entry) => [entry.title, ...entry.questions]),
      ...samples.map((sample) => sample.text),
      // Typos, pinyin, an unknown word, a story, nothing to match.
      '低包怎么申请',
      'gongjijin提取',
      '公积金能炒股吗',
      '我老家是河南的，在这边上班三年了，想问下公积金怎么取出来',
      '你好',
    ];
    for (const question of questions) {
      expect(matchQuestion(restored, question, { now })).toEqual(matchQuestion(built, question, { now }));
      expect(searchEntries(restored, question, { now, limit: 5 })).toEqual(searchEntries(built, question, { now, limit: 5 }));
    }
    expect(restored.entry(seeds[0].key)).toBe(seeds[0]);
  });

  it('gives back the typo model with the syllables the build worked out', () => {
    const built = KnowledgeIndex.build(seeds, lexicon);
    const restored = KnowledgeIndex.restore(built.snapshot(), seeds, lexicon);
    expect(restored.typoModel.syllables.size).toBeGreaterThan(100);
    expect(restored.typoModel.syllables).toEqual(built.typoModel.syllables);
    expect(restored.typoModel.longestSyllable).toBe(built.typoModel.longestSyllable);
  });

  it("gives back the index's names, which cut its questions as the built index's did", () => {
    const built = KnowledgeIndex.build([...seeds, licence], lexicon);
    const restored = KnowledgeIndex.restore(built.snapshot(), [...seeds, licence], lexicon);
    expect(analyze('教资要体检吗', lexicon, restored)).toEqual(['教资', '体检']);
    expect(matchQuestion(restored, '教资要体检吗', { now })).toEqual(matchQuestion(built, '教资要体检吗', { now }));
  });

  it('is refused for other entries than its own', () => {
    const snapshot = KnowledgeIndex.build(seeds.slice(0, 3), lexicon).snapshot();
    expect(() => KnowledgeIndex.restore(snapshot, seeds.slice(0, 2), lexicon)).toThrow('3 entries, not 2');
  });
});

describe('the knowledge index of a start', () => {
  const indexFiles = () => new Set(readdirSync(cacheFolder()!).filter((name) => name.startsWith('wenzheng-index-')));
  const before = indexFiles();
  // Entries no earlier run had, so that the first index of them is built here.
  const run = randomUUID();
  const entries = seeds.map((entry) => ({ ...entry, key: `${entry.key}-${run}` }));
  let build: jest.SpyInstance;
  beforeAll(() => {
    build = jest.spyOn(KnowledgeIndex, 'build');
  });
  afterAll(() => {
    for (const name of indexFiles()) if (!before.has(name)) rmSync(join(cacheFolder()!, name));
    build.mockRestore();
  });

  it("is built once, kept in the user's cache folder, and read back by the next start with the same entries and lexicon", () => {
    const first = cachedKnowledgeIndex(entries, lexicon, code);
    expect(build).toHaveBeenCalledTimes(1);
    expect([...indexFiles()].filter((name) => !before.has(name))).toHaveLength(1);

    const next = cachedKnowledgeIndex(
      entries.map((entry) => ({ ...entry })),
      loadLexicon('seeds/nlp'),
      code,
    );
    expect(build).toHaveBeenCalledTimes(1);
    expect(next).not.toBe(first);
    expect(matchQuestion(next, '公积金怎么取出来', { now })).toEqual(matchQuestion(first, '公积金怎么取出来', { now }));
  });

  it("is built again when an entry, the lexicon's data or stages, or the words of the segmenter are not the same", () => {
    cachedKnowledgeIndex(entries, lexicon, code);
    const builds = build.mock.calls.length;
    const changed = entries.map((entry, i) => (i === 0 ? { ...entry, answer: `${entry.answer}（已更新）` } : entry));
    cachedKnowledgeIndex(changed, lexicon, code);
    expect(build).toHaveBeenCalledTimes(builds + 1);
    cachedKnowledgeIndex(entries.slice(1), lexicon, code);
    expect(build).toHaveBeenCalledTimes(builds + 2);
    cachedKnowledgeIndex(entries, loadLexicon('seeds/nlp', { colloquial: false, homophones: true, actions: true }), code);
    expect(build).toHaveBeenCalledTimes(builds + 3);
    // A section cue more: the lexicon's data differs, though only what it derives (its cue finder) would show it in the index.
    const { data, stages } = lexicon.source;
    const moreCues = createLexicon(
      { ...data, sections: { ...data.sections, fee: [...(data.sections.fee ?? []), `测试${run.slice(0, 4)}`] } },
      stages,
    );
    cachedKnowledgeIndex(entries, moreCues, code);
    expect(build).toHaveBeenCalledTimes(builds + 4);
    cachedKnowledgeIndex(entries, createLexicon(data, stages), code);
    expect(build).toHaveBeenCalledTimes(builds + 4);
    // The segmenter cuts otherwise with a word more (places add theirs).
    addSegmenterWords([`测试${run.slice(0, 4)}`]);
    cachedKnowledgeIndex(entries, lexicon, code);
    expect(build).toHaveBeenCalledTimes(builds + 5);
  });

  it('keeps the names of its entries: one read back cuts a question by them, one of entries without them does not', () => {
    const named = [...entries, { ...licence, key: `${licence.key}-${run}` }];
    const first = cachedKnowledgeIndex(named, lexicon, code);
    const builds = build.mock.calls.length;
    const next = cachedKnowledgeIndex(
      named.map((entry) => ({ ...entry })),
      lexicon,
      code,
    );
    expect(build).toHaveBeenCalledTimes(builds);
    expect(analyze('教资要体检吗', lexicon, next)).toEqual(['教资', '体检']);
    expect(matchQuestion(next, '教资要体检吗', { now })).toMatchObject({ decision: 'answer', entry: `${licence.key}-${run}` });
    expect(matchQuestion(next, '教资要体检吗', { now })).toEqual(matchQuestion(first, '教资要体检吗', { now }));
    expect(analyze('教资要体检吗', lexicon, cachedKnowledgeIndex(entries, lexicon, code))).not.toContain('教资');
    // Archived, the entry names nothing: no fingerprint of an entry holds its status, the key holds the names.
    const archived = named.map((entry) => (entry.key.startsWith(licence.key) ? { ...entry, status: 'archived' as const } : entry));
    const builtBefore = build.mock.calls.length;
    expect(analyze('教资要体检吗', lexicon, cachedKnowledgeIndex(archived, lexicon, code))).not.toContain('教资');
    expect(build).toHaveBeenCalledTimes(builtBefore + 1);
  });

  it('is kept under the matching code its caller worked out once: other code, other index', () => {
    expect(matchingCode()).toBe(code);
    cachedKnowledgeIndex(entries, lexicon, code);
    const builds = build.mock.calls.length;
    cachedKnowledgeIndex(entries, lexicon, `${code}-changed`);
    expect(build).toHaveBeenCalledTimes(builds + 1);
    cachedKnowledgeIndex(entries, lexicon, code);
    expect(build).toHaveBeenCalledTimes(builds + 1);
  });
});
