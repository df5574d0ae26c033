import { mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { createLexicon, loadLexicon } from '../../src/understanding/nlp/lexicon';
import { clausesOf } from '../../src/understanding/nlp/story';

function lexiconDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-lexicon-'));
  const all = {
    'dictionary.yaml': 'words: [棚改]\n',
    'synonyms.yaml': 'synonyms:\n  棚户区改造: [棚改]\n',
    'stopwords.yaml': 'stopWords: [咋]\n',
    'sections.yaml': 'sections:\n  materials: [材料]\n',
    ...files,
  };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadLexicon(dir);
  } catch (err) {
    if (err instanceof DataFileError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadLexicon', () => {
  it('names the file and the field of a colloquial.yaml variant that means two words, within the file and across synonyms.yaml', () => {
    const inFile = lexiconDir({
      'colloquial.yaml': 'colloquial:\n  居住证: [暂住证]\n  临时居住证明: [暂住证]\nactions:\n  提取: [取]\n  注销: [取]\n',
    });
    expect(problemsOf(inFile)).toEqual([
      `${join(inFile, 'colloquial.yaml')}: colloquial.临时居住证明[0]: is already a variant of "居住证"`,
      `${join(inFile, 'colloquial.yaml')}: actions.注销[0]: is already a variant of the action "提取"`,
    ]);
    const acrossFiles = lexiconDir({ 'colloquial.yaml': 'colloquial:\n  不动产权证书: [棚改]\n' });
    expect(problemsOf(acrossFiles)).toEqual([
      `${join(acrossFiles, 'colloquial.yaml')}: colloquial.不动产权证书[0]: "棚改" already means "棚户区改造" in synonyms.yaml`,
    ]);
  });

  it('names a general action that is not in the actions table, and reads the others as their canonical term', () => {
    const dir = lexiconDir({ 'colloquial.yaml': 'actions:\n  申请: [申领]\n  咨询: [问问]\ngeneralActions: [申请, 提取]\n' });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'colloquial.yaml')}: generalActions[1]: is not an action of the actions table`]);
    const lexicon = loadLexicon(lexiconDir({ 'colloquial.yaml': 'actions:\n  申请: [申领]\n  咨询: [问问]\ngeneralActions: [咨询]\n' }));
    expect([...lexicon.generalActions]).toEqual(['咨询']);
  });

  it('names a head action that is not in the actions table, and reads the others', () => {
    const dir = lexiconDir({ 'colloquial.yaml': 'actions:\n  购买: [买下来]\nheadActions: [购买, 转租]\n' });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'colloquial.yaml')}: headActions[1]: is not an action of the actions table`]);
    const lexicon = loadLexicon(lexiconDir({ 'colloquial.yaml': 'actions:\n  购买: [买下来]\nheadActions: [购买]\n' }));
    expect([...lexicon.headActions]).toEqual(['购买']);
  });

  it('names a group of alternatives with one word, and reads each word with the others of its group, canonical', () => {
    const dir = lexiconDir({ 'colloquial.yaml': 'alternatives:\n  - [职工]\n' });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'colloquial.yaml')}: alternatives[0]: needs at least two words`]);
    const lexicon = loadLexicon(lexiconDir({ 'colloquial.yaml': 'colloquial:\n  城乡居民: [居民]\nalternatives:\n  - [职工, 居民]\n' }));
    expect(lexicon.alternativesOf.get('职工')).toEqual(['城乡居民']);
    expect(lexicon.alternativesOf.get('城乡居民')).toEqual(['职工']);
  });

  it('reads a word in several groups of alternatives with the others of all of them', () => {
    const lexicon = loadLexicon(lexiconDir({ 'colloquial.yaml': 'alternatives:\n  - [职工, 城乡居民]\n  - [城乡居民, 灵活就业人员]\n' }));
    expect(lexicon.alternativesOf.get('城乡居民')).toEqual(['职工', '灵活就业人员']);
    expect(lexicon.alternativesOf.get('灵活就业人员')).toEqual(['城乡居民']);
  });

  it('loads the seed lexicon', () => {
    const lexicon = loadLexicon('seeds/nlp');
    expect(lexicon.synonyms.get('棚改')).toBe('棚户区改造');
    expect(lexicon.synonyms.get('低保')).toBe('最低生活保障');
    expect(lexicon.stopWords.has('请问')).toBe(true);
    expect(lexicon.words.has('依申请公开')).toBe(true);
    expect(lexicon.aspectTerms.get('材料')).toEqual(['materials']);
  });

  it('makes synonym terms segmenter words and orders section cues longest first', () => {
    const lexicon = createLexicon({
      words: ['一网通办'],
      synonyms: { 社会保障卡: ['社保卡'] },
      stopWords: [],
      sections: { fee: ['收费', '收费标准', '收不收费'], criteria: ['标准'] },
      cueQuestionWords: ['不'],
    });
    expect([...lexicon.words].sort()).toEqual(['一网通办', '社会保障卡', '社保卡'].sort());
    expect(lexicon.sectionCues.map(({ cue }) => cue)).toEqual(['收费标准', '收不收费', '收费', '标准']);
    // Whether a cue asks (has a question word) is read once, when the lexicon is made.
    expect(lexicon.sectionCues.filter(({ asks }) => asks).map(({ cue }) => cue)).toEqual(['收不收费']);
    expect(lexicon.longestWord).toBe(5);
  });

  it('names the file and the field of every problem, in all files at once', () => {
    const dir = lexiconDir({
      'synonyms.yaml': 'synonyms:\n  棚户区改造: [棚改]\n  旧城改造: [棚改]\n',
      'stopwords.yaml': 'stopWords: [請問]\n',
      'sections.yaml': 'sections:\n  material: [材料]\n',
    });
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        `${join(dir, 'synonyms.yaml')}: synonyms.旧城改造[0]: is already a variant of "棚户区改造"`,
        expect.stringContaining(`${join(dir, 'stopwords.yaml')}: stopWords[0]: must be written normalized`),
        expect.stringContaining(`${join(dir, 'sections.yaml')}:`),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('rejects a variant that is a canonical term itself, and the canonical term as its own variant', () => {
    const dir = lexiconDir({ 'synonyms.yaml': 'synonyms:\n  公积金: [公基金]\n  住房公积金: [公积金, 住房公积金]\n' });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'synonyms.yaml')}: synonyms.住房公积金[0]: is itself a canonical term: list its variants under one term only`,
      `${join(dir, 'synonyms.yaml')}: synonyms.住房公积金[1]: is the canonical term itself`,
    ]);
  });

  it("names the file and the field of a bad word in sections.yaml's questionForms", () => {
    const dir = lexiconDir({
      'sections.yaml':
        'sections:\n  materials: [材料]\nquestionForms:\n  payingVerbs: [交, 繳]\n  longerUnits: [年, ""]\n  canWord: [能]\n',
    });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'sections.yaml')}: questionForms.longerUnits[1]: must not be empty`,
      expect.stringMatching(new RegExp(`^${join(dir, 'sections.yaml')}: questionForms.payingVerbs\\[1\\]: must be written normalized`)),
      `${join(dir, 'sections.yaml')}: questionForms: Unrecognized key: "canWord"`,
    ]);
  });

  it('names the file and the field of a section fallback that is no section', () => {
    const dir = lexiconDir({ 'sections.yaml': 'sections:\n  materials: [材料]\nsectionFallbacks:\n  location: steps\n' });
    expect(problemsOf(dir)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'sections.yaml')}: sectionFallbacks.location: `))]);
  });

  it("reads sections.yaml's questionForms as data: without them no form asks for a section", () => {
    const withForms = loadLexicon(
      lexiconDir({ 'sections.yaml': 'sections:\n  materials: [材料]\nquestionForms:\n  canWords: [能]\n  yesNoEnds: [吗]\n' }),
    );
    expect(withForms.questionForms.canQuestion.test('外地人能申请吗')).toBe(true);
    expect(withForms.questionForms.canQuestion.test('外地人可以申请吗')).toBe(false);
    expect(loadLexicon(lexiconDir({})).questionForms.canQuestion.test('外地人能申请吗')).toBe(false);
  });

  it('names the file and the field of a bad document ending in story.yaml, and reads the endings as data', () => {
    const bad = lexiconDir({ 'story.yaml': 'documentEnds: [证, ""]\nissuingEnds: [登记]\n' });
    expect(problemsOf(bad)).toEqual([`${join(bad, 'story.yaml')}: documentEnds[1]: must not be empty`]);
    const { story } = loadLexicon(lexiconDir({ 'story.yaml': 'documentEnds: [证, 执照]\nissuingEnds: [登记]\n' }));
    expect(story.document?.test('营业执照')).toBe(true);
    expect(story.document?.test('证件号')).toBe(false);
    expect(story.issuing?.test('不动产登记')).toBe(true);
    expect(loadLexicon(lexiconDir({})).story.document).toBeNull();
  });

  it('names the file and the field of a bad word before which question words ask nothing in story.yaml, and reads them as data', () => {
    const bad = lexiconDir({ 'story.yaml': 'questionWords: [什么]\nnotAskingAfter: [没, ""]\n' });
    expect(problemsOf(bad)).toEqual([`${join(bad, 'story.yaml')}: notAskingAfter[1]: must not be empty`]);
    const { story } = loadLexicon(lexiconDir({ 'story.yaml': 'questionWords: [什么]\nnotAskingAfter: [没]\n' }));
    expect(story.question?.test('没什么人管')).toBe(false);
    expect(story.question?.test('要什么材料')).toBe(true);
    expect(loadLexicon(lexiconDir({ 'story.yaml': 'questionWords: [什么]\n' })).story.question?.test('没什么人管')).toBe(true);
  });

  it("closes a question whether there is a thing with sections.yaml's yesNoEnds and story.yaml's existenceEnds, each listed once", () => {
    const sections = 'sections:\n  materials: [材料]\nquestionForms:\n  yesNoEnds: [吗, 没]\n';
    const twice = lexiconDir({ 'sections.yaml': sections, 'story.yaml': 'existenceEnds: [没有, 吗]\n' });
    expect(problemsOf(twice)).toEqual([
      `${join(twice, 'story.yaml')}: existenceEnds[1]: "吗" is already one of sections.yaml's questionForms.yesNoEnds`,
    ]);
    const { existenceEnds } = loadLexicon(lexiconDir({ 'sections.yaml': sections, 'story.yaml': 'existenceEnds: [没有]\n' }));
    expect([...existenceEnds]).toEqual(['吗', '没', '没有']);
  });

  it('names the file and the field of a clause marker listed again as an ask marker in story.yaml, and starts a clause at both', () => {
    const twice = lexiconDir({ 'story.yaml': 'clauseMarkers: [但是, 请问]\naskMarkers: [请问]\n' });
    expect(problemsOf(twice)).toEqual([`${join(twice, 'story.yaml')}: clauseMarkers[1]: is an ask marker, which starts a clause already`]);
    const { story } = loadLexicon(lexiconDir({ 'story.yaml': 'clauseMarkers: [但是]\naskMarkers: [请问]\n' }));
    expect(clausesOf('我交了社保但是没到账请问怎么办', story)).toEqual([
      { text: '我交了社保', asks: false },
      { text: '但是没到账', asks: false },
      { text: '请问怎么办', asks: true },
    ]);
  });

  it('names the file and the field of a bad done marker in story.yaml, and reads the markers as data', () => {
    const bad = lexiconDir({ 'story.yaml': 'doneMarkers: [了, ""]\n' });
    expect(problemsOf(bad)).toEqual([`${join(bad, 'story.yaml')}: doneMarkers[1]: must not be empty`]);
    expect([...loadLexicon(lexiconDir({ 'story.yaml': 'doneMarkers: [了, 完]\n' })).story.doneMarkers]).toEqual(['了', '完']);
    expect(loadLexicon(lexiconDir({})).story.doneMarkers.size).toBe(0);
  });

  it('names the file and the field of a bad amount word in story.yaml, and reads the amount words as data', () => {
    const bad = lexiconDir({ 'story.yaml': 'amountNumerals: [一, 两]\namountUnits: [个, 一二三四五六七八九十一]\n' });
    expect(problemsOf(bad)).toEqual([`${join(bad, 'story.yaml')}: amountUnits[1]: must be at most 10 characters`]);
    const { amount } = loadLexicon(lexiconDir({ 'story.yaml': 'amountNumerals: [一, 两, 好几]\namountUnits: [个]\n' }));
    for (const words of ['两个', '一两', '好几个']) expect(amount?.test(words)).toBe(true);
    for (const other of ['两年', '一网通办']) expect(amount?.test(other)).toBe(false);
    expect(loadLexicon(lexiconDir({})).amount).toBeNull();
  });

  it("reads an amount's numerals from sections.yaml's questionForms numerals in characters and story.yaml's, each listed once", () => {
    const sections = "sections:\n  materials: [材料]\nquestionForms:\n  numerals: ['3', 两, 半]\n";
    const twice = lexiconDir({ 'sections.yaml': sections, 'story.yaml': 'amountNumerals: [几, 两]\n' });
    expect(problemsOf(twice)).toEqual([
      `${join(twice, 'story.yaml')}: amountNumerals[1]: "两" is already one of sections.yaml's questionForms.numerals`,
    ]);
    const { amount } = loadLexicon(lexiconDir({ 'sections.yaml': sections, 'story.yaml': 'amountNumerals: [几]\namountUnits: [个]\n' }));
    for (const words of ['两个', '半个', '几个', '两']) expect(amount?.test(words)).toBe(true);
    // A number in digits is kept whole on its own (joinDigits), not read as an amount in words.
    for (const other of ['3个', '两年']) expect(amount?.test(other)).toBe(false);
  });

  it('names the file and the field of a bad cue question word in sections.yaml, and reads them as data', () => {
    const bad = lexiconDir({ 'sections.yaml': 'sections:\n  materials: [材料]\ncueQuestionWords: [多久, 甚麼]\n' });
    expect(problemsOf(bad)).toEqual([
      expect.stringMatching(new RegExp(`^${join(bad, 'sections.yaml')}: cueQuestionWords\\[1\\]: must be written normalized`)),
    ]);
    const sections = 'sections:\n  materials: [材料, 带什么]\n  timeLimit: [多久]\n';
    const asking = (files: Record<string, string>) =>
      loadLexicon(lexiconDir(files))
        .sectionCues.filter((cue) => cue.asks)
        .map((cue) => cue.cue);
    expect(asking({ 'sections.yaml': `${sections}cueQuestionWords: [什么, 多久]\n` })).toEqual(['带什么', '多久']);
    expect(asking({ 'sections.yaml': `${sections}cueQuestionWords: [多]\n` })).toEqual(['多久']);
    expect(asking({ 'sections.yaml': sections })).toEqual([]);
  });

  it('rejects words with spaces', () => {
    const dir = lexiconDir({ 'dictionary.yaml': 'words: [一网 通办]\n' });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'dictionary.yaml')}: words[0]: must be one word, without spaces`]);
  });

  it('reports a missing file', () => {
    const dir = lexiconDir({});
    unlinkSync(join(dir, 'sections.yaml'));
    expect(problemsOf(dir)).toEqual([`${join(dir, 'sections.yaml')}: (root): cannot be read: ENOENT`]);
  });
});
