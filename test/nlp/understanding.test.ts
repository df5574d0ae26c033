import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { DEFAULT_MATCH_THRESHOLDS } from '../../src/understanding/nlp/decide';
import { matchQuestion } from '../../src/understanding/nlp/match';
import { decideByStructure, readStructure } from '../../src/understanding/nlp/structure';
import { clausesOf } from '../../src/understanding/nlp/story';
import { ENTRIES } from './fixtures/entries';

/** The seed lexicon with the fixture colloquial.yaml instead of the seed one (and `extra` files). */
function lexiconDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-understanding-'));
  for (const name of readdirSync('seeds/nlp'))
    if (name.endsWith('.yaml') && name !== 'colloquial.yaml') copyFileSync(join('seeds/nlp', name), join(dir, name));
  copyFileSync('test/nlp/fixtures/understanding/colloquial.yaml', join(dir, 'colloquial.yaml'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

const lexicon = loadLexicon(lexiconDir());
const now = new Date('2025-06-01T04:00:00Z');
const index = buildKnowledgeIndex(ENTRIES, lexicon);
const ask = (text: string, stages = {}) => matchQuestion(index, text, { now, stages });

describe('colloquial.yaml', () => {
  it('maps colloquial words and homophone typos to the standard term, and makes them segmenter words', () => {
    expect(lexicon.synonyms.get('暂住证')).toBe('居住证');
    // 低保 is itself a variant of 最低生活保障 (synonyms.yaml): its typo goes to the canonical term.
    expect(lexicon.synonyms.get('低宝')).toBe('最低生活保障');
    expect(lexicon.words.has('暂住证')).toBe(true);
    expect(ask('暂住证怎么办').entry).toBe('residence-permit');
    expect(ask('低宝怎么申请').entry).toBe('allowance-apply');
  });

  it('reads actions from their everyday forms, also when synonyms.yaml maps the form elsewhere', () => {
    expect(lexicon.actionOf.get('提取')).toBe('提取');
    expect(lexicon.actionOf.get(lexicon.synonyms.get('不要了') ?? '不要了')).toBe('注销');
    // 丢了 → 丢失 by synonyms.yaml; 丢失 asks for 补办.
    expect(lexicon.actionOf.get('丢失')).toBe('补办');
  });

  it('can be left out (loadLexicon stages)', () => {
    const without = loadLexicon(lexiconDir(), { colloquial: false, homophones: false, actions: false });
    expect(without.synonyms.has('暂住证')).toBe(false);
    expect(without.synonyms.has('低宝')).toBe(false);
    expect(without.actionOf.size).toBe(0);
  });
});

describe('the question inside a story', () => {
  it('cuts clauses at punctuation and markers, and marks the ones that ask', () => {
    expect(clausesOf('我在外地工作了三年，公积金交在那边。但是现在回来了，请问住房公积金怎么取', lexicon.story)).toEqual([
      { text: '我在外地工作了三年', asks: false },
      { text: '公积金交在那边', asks: false },
      { text: '但是现在回来了', asks: false },
      { text: '请问住房公积金怎么取', asks: true },
    ]);
    // Without a question word the last clause asks.
    expect(clausesOf('低保申请', lexicon.story)).toEqual([{ text: '低保申请', asks: true }]);
  });

  it('comes with the lexicon, compiled when story.yaml is loaded', () => {
    expect(lexicon.story.marker?.test('但是')).toBe(true);
    expect(lexicon.story.ask?.test('请问社保')).toBe(true);
  });

  it('takes a question word after 没 for "hardly any", not for a question', () => {
    expect(clausesOf('他腿脚不好也没啥收入，没什么人照顾，低保去哪办', lexicon.story)).toEqual([
      { text: '他腿脚不好也没啥收入', asks: false },
      { text: '没什么人照顾', asks: false },
      { text: '低保去哪办', asks: true },
    ]);
  });

  it('weighs the asking clause above background nouns', () => {
    const story = '我租房住了好几年，房东说要涨房租，我手头紧，社保卡也丢了，请问住房公积金能不能取出来';
    expect(ask(story).entry).toBe('fund-withdrawal');
  });
});

describe('subject and action', () => {
  it('offers a lone entry only when the question names no thing the vocabulary knows and no entry is about', () => {
    // 个人信息, 毕业证书, 腾退 are dictionary words no entry has in a head field: the lone 居住证 or 棚改 entry is a guess.
    for (const text of ['居住证个人信息泄露了', '居住证能当毕业证书用吗', '棚改腾退']) {
      expect(ask(text)).toMatchObject({ decision: 'fallback', candidates: [] });
      expect(ask(text, { structure: false }).decision).toBe('clarify');
    }
    // 签注 is no word of the vocabulary (a crumb the segmenter left): the lone entry is still offered.
    expect(lexicon.words.has('签注')).toBe(false);
    expect(ask('居住证签注逾期了咋整')).toMatchObject({ decision: 'clarify', candidates: [{ entry: 'residence-permit' }] });
  });

  it('answers only an entry covering the asked action, and goes to the sibling that does', () => {
    expect(ask('公积金怎么取出来').entry).toBe('fund-withdrawal');
    expect(ask('低保标准多少钱一个月')).toMatchObject({ decision: 'answer', entry: 'allowance-standard' });
    expect(ask('社保卡丢了咋整')).toMatchObject({ decision: 'answer', entry: 'card-replace' });
  });

  it('says what it can answer about the subject when no entry covers the asked action', () => {
    const result = ask('公积金账户怎么销户');
    expect(result).toMatchObject({
      decision: 'partial',
      entry: null,
      partial: { subject: '住房公积金', entries: ['fund-withdrawal', 'fund-loan', 'fund-balance'] },
    });
    expect(ask('公积金账户怎么销户', { structure: false }).decision).toBe('fallback');
  });

  it('decides in one place: a question whose action no entry names is judged on its subject ranked alone, and only then', () => {
    const { terms } = ask('公积金账户怎么销户');
    const subjectTerms = terms.filter((term) => !lexicon.actionOf.has(term));
    expect(subjectTerms.length).toBeLessThan(terms.length);
    const everyEntry = () => true;
    let rankings = 0;
    const rankSubject = () => {
      rankings++;
      return index.rank(subjectTerms, everyEntry, 4, DEFAULT_MATCH_THRESHOLDS.clarifyMin);
    };
    const decided = (questionTerms: string[]) =>
      decideByStructure(
        index.rank(questionTerms, everyEntry, 4, DEFAULT_MATCH_THRESHOLDS.clarifyMin),
        readStructure(questionTerms, index),
        index,
        DEFAULT_MATCH_THRESHOLDS,
        everyEntry,
        rankSubject,
      );
    expect(decided(terms)).toMatchObject({ decision: 'partial', kind: 'action', subject: '住房公积金' });
    expect(rankings).toBe(1);
    // Nothing at all ranked for the question: the same, from the subject alone.
    expect(decideByStructure([], readStructure(terms, index), index, DEFAULT_MATCH_THRESHOLDS, everyEntry, rankSubject)).toMatchObject({
      decision: 'partial',
      subject: '住房公积金',
    });
    // A question naming no action is not ranked again: its own ranking was about its subject already.
    expect(decideByStructure([], readStructure(['火星移民'], index), index, DEFAULT_MATCH_THRESHOLDS, everyEntry, rankSubject)).toEqual({
      decision: 'fallback',
      entry: null,
      candidates: [],
    });
    expect(rankings).toBe(2);
  });

  it('answers an entry naming no action for a general action only, not for one it never mentions', () => {
    const portal = {
      key: 'service-portal',
      kind: 'faq' as const,
      title: '政务服务网',
      questions: ['政务服务网是什么'],
      answer: '政务服务网汇集本市各部门的网上服务事项，注册账号后即可在网上办事。',
      status: 'published' as const,
    };
    const withPortal = buildKnowledgeIndex([...ENTRIES, portal], lexicon);
    const askPortal = (text: string) => matchQuestion(withPortal, text, { now });
    expect(withPortal.actionsOf('service-portal')).toEqual([]);
    // 申请 is a general action (colloquial.yaml's generalActions): whatever the portal offers.
    expect(askPortal('政务服务网怎么申请')).toMatchObject({ decision: 'answer', entry: 'service-portal' });
    // 注销 is a service of its own the entry never mentions: not answered with the portal's description.
    expect(askPortal('政务服务网账号能注销吗').decision).not.toBe('answer');
  });

  it('reads the verb before a materials word as handing them in, not as an action asked (要交什么材料)', () => {
    expect(readStructure(['最低生活保障', '缴纳', '材料'], index).actions).toEqual([]);
    expect(readStructure(['最低生活保障', '缴纳'], index).actions).toEqual(['缴纳']);
    expect(ask('低保要交什么材料')).toMatchObject({ decision: 'answer', entry: 'allowance-apply', section: 'materials' });
  });

  it('does not answer a near miss that shares only the action with an entry', () => {
    // 提取 is all 低保 and 住房公积金提取 share: the subject is not covered.
    expect(ask('低保能拿出来吗', { structure: false })).toMatchObject({ decision: 'answer', entry: 'fund-withdrawal' });
    expect(ask('低保能拿出来吗')).toMatchObject({
      decision: 'partial',
      partial: { subject: '最低生活保障', entries: ['allowance-apply', 'allowance-standard'] },
    });
  });
});
