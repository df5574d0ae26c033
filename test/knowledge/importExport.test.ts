import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { exportEntries, importEntryFiles, serializeEntryFile } from '../../src/knowledge/importExport';
import { knowledgeEntries, knowledgeRevision } from '../../src/knowledge/repository';
import { tempFiles } from '../support/files';
import { createTestApp, TEST_ACTOR, type TestApp } from '../support/testApp';

const entry = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind: 'guide',
  title: `标题 ${key}`,
  questions: [`${key} 怎么办`],
  answer: '简短答复。',
  ...extra,
});
const file = (...entries: unknown[]) => JSON.stringify({ entries });

describe('knowledge import and export', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterEach(() => app.close());
  const now = () => app.clock.now;
  const row = (key: string) => app.db.transaction((tx) => knowledgeEntries.byKey(tx, key));

  it('upserts by key, growing the version only on a real change, and keeps history', async () => {
    const v1 = tempFiles({ 'a.json': file(entry('low-income'), entry('housing-fund')) });
    expect(await importEntryFiles(app.db, [v1['a.json']], { who: TEST_ACTOR, now: now() })).toMatchObject({
      created: ['low-income', 'housing-fund'],
    });
    const v2 = tempFiles({
      'a.yaml': `entries:\n  - key: low-income\n    kind: guide\n    title: 标题 low-income\n    questions: [低保怎么申请]\n    answer: 新的答复。\n`,
    });
    const summary = await importEntryFiles(app.db, [v2['a.yaml']], { who: TEST_ACTOR, now: now() });
    expect(summary).toEqual({ created: [], updated: ['low-income'], unchanged: [], archived: [] });
    expect((await row('low-income'))?.version).toBe(2);
    expect((await row('housing-fund'))?.version).toBe(1);
    const again = await importEntryFiles(app.db, [v2['a.yaml']], { who: TEST_ACTOR, now: now() });
    expect(again.unchanged).toEqual(['low-income']);
    const history = await app.db.transaction((tx) => knowledgeEntries.history(tx, 'low-income'));
    expect(history.map((h) => [h.version, h.snapshot.answer])).toEqual([
      [1, '简短答复。'],
      [2, '新的答复。'],
    ]);
  });

  it('reports every invalid field as file: entries[i].field and writes nothing', async () => {
    const files = tempFiles({
      'good.json': file(entry('fine-entry')),
      'bad.json': file(entry('Bad Key'), entry('ok-key', { questions: [] }), entry('ok-two', { kind: 'news', validFrom: '2026-02-30' })),
    });
    let error: unknown;
    try {
      await importEntryFiles(app.db, [files['good.json'], files['bad.json']], { who: TEST_ACTOR, now: now() });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad\.json: entries\[0\]\.key: must be 2-64 characters/),
        expect.stringMatching(/bad\.json: entries\[1\]\.questions: needs at least one question/),
        expect.stringMatching(/bad\.json: entries\[2\]\.kind: /),
        expect.stringMatching(/bad\.json: entries\[2\]\.validFrom: must be a real calendar date/),
      ]),
    );
    expect(await row('fine-entry')).toBeNull();
  });

  it('accepts only http and https source links', async () => {
    const files = tempFiles({
      'links.json': file(
        entry('web-link', { source: { title: '政策原文', url: 'https://www.gov.cn/zhengce/1.htm' } }),
        entry('script-link', { source: { title: '政策原文', url: 'javascript:alert(document.cookie)' } }),
        entry('data-link', { source: { title: '政策原文', url: 'data:text/html,<script>1</script>' } }),
      ),
    });
    const problems = await importEntryFiles(app.db, [files['links.json']], { who: TEST_ACTOR, now: now() }).then(
      () => [],
      (err: DataFileError) => err.problems,
    );
    expect(problems).toEqual([
      expect.stringMatching(/links\.json: entries\[1\]\.source\.url: must be an http or https URL/),
      expect.stringMatching(/links\.json: entries\[2\]\.source\.url: must be an http or https URL/),
    ]);
  });

  it('refuses a key defined in two files', async () => {
    const files = tempFiles({ 'one.json': file(entry('same-key')), 'two.json': file(entry('same-key')) });
    await expect(importEntryFiles(app.db, [files['one.json'], files['two.json']], { who: TEST_ACTOR, now: now() })).rejects.toThrow(
      /two\.json: entries\[0\]\.key: "same-key" is already defined in .*one\.json/,
    );
  });

  it('archives entries missing from the files with --replace', async () => {
    const files = tempFiles({ 'all.json': file(entry('keep-me'), entry('drop-me')), 'some.json': file(entry('keep-me')) });
    await importEntryFiles(app.db, [files['all.json']], { who: TEST_ACTOR, now: now() });
    const summary = await importEntryFiles(app.db, [files['some.json']], { replace: true, who: TEST_ACTOR, now: now() });
    expect(summary.archived).toEqual(['drop-me']);
    expect(await row('drop-me')).toMatchObject({ status: 'archived', version: 2 });
    expect(await row('keep-me')).toMatchObject({ status: 'published', version: 1 });
  });

  it('moves the knowledge revision on a change and not on a no-op import', async () => {
    const files = tempFiles({ 'a.json': file(entry('rev-entry')) });
    const revision = () => app.db.transaction((tx) => knowledgeRevision.current(tx));
    const before = await revision();
    await importEntryFiles(app.db, [files['a.json']], { who: TEST_ACTOR, now: now() });
    expect(await revision()).toBe(before + 1);
    await importEntryFiles(app.db, [files['a.json']], { who: TEST_ACTOR, now: now() });
    expect(await revision()).toBe(before + 1);
  });

  it('round-trips the whole seed knowledge base exactly (export → import → export)', async () => {
    const seeds = loadEntryFiles(entryFilesIn('seeds/knowledge'));
    await importEntryFiles(app.db, entryFilesIn('seeds/knowledge'), { who: TEST_ACTOR, now: now() });
    const exported = await exportEntries(app.db);
    expect(exported.entries).toEqual([...seeds].sort((a, b) => a.key.localeCompare(b.key)));

    for (const format of ['json', 'yaml'] as const) {
      const files = tempFiles({ [`export.${format}`]: serializeEntryFile(exported, format) });
      expect(parseYaml(readFileSync(files[`export.${format}`], 'utf8'))).toEqual(JSON.parse(JSON.stringify(exported)));
      const summary = await importEntryFiles(app.db, [files[`export.${format}`]], { who: TEST_ACTOR, now: now() });
      expect(summary.created.length + summary.updated.length).toBe(0);
      expect(await exportEntries(app.db)).toEqual(exported);
    }
    // Three imports and three exports of the whole seed base: 27 s at a load of 16 on two cores.
  }, 120_000);
});
