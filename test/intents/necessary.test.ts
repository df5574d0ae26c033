import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadIntents } from '../../src/understanding/intents/load';
import { gateFor, necessaryFor } from '../../src/understanding/intents/necessary';
import { joinPatterns } from '../../src/understanding/intents/recognize';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { normalize } from '../../src/understanding/nlp/normalize';
import { segment } from '../../src/understanding/nlp/segment';

const root = join(__dirname, '../..');

describe('necessaryFor: what a text must hold for an expression to match it', () => {
  it('finds the word every match contains, joining the exact parts around it', () => {
    expect(necessaryFor(/(依)?申请(一下)?(政府)?(信息)?公开/u).words).toEqual([
      '申请公开',
      '申请信息公开',
      '申请政府公开',
      '申请政府信息公开',
      '申请一下公开',
      '申请一下信息公开',
      '申请一下政府公开',
      '申请一下政府信息公开',
    ]);
    expect(necessaryFor(/(我|我们)?(要|想).{0,6}投诉/u).words).toEqual(['投诉']);
    expect(necessaryFor(/(?:转人工)|(?:找个?人工(?!智能))/u).words).toEqual(['转人工', '找人工', '找个人工']);
  });

  it('gives the characters of an expression anchored at both ends, none when it is not', () => {
    expect([...(necessaryFor(/^(你好|您好)[啊呀]* ?$/u).alphabet ?? [])].sort()).toEqual([' ', '你', '呀', '啊', '好', '您'].sort());
    expect(necessaryFor(/^(你好|您好)/u).alphabet).toBeNull();
    expect(necessaryFor(/^你.好$/u).alphabet).toBeNull();
  });

  it('knows nothing of what may be left out, any character, or flags other than u', () => {
    expect(necessaryFor(/(投诉)?.+/u)).toEqual({ words: null, alphabet: null });
    expect(necessaryFor(/投诉/iu)).toEqual({ words: null, alphabet: null });
    expect(necessaryFor(/[^ ]{2,}/u).words).toBeNull();
  });

  it('reads a group kept from another expression (a word class in several patterns) as it reads it afresh', () => {
    const known = new Map();
    necessaryFor(/(?:谢谢|感谢)你/u, known);
    expect(known.size).toBeGreaterThan(0);
    expect(necessaryFor(/我(?:谢谢|感谢)+/u, known)).toEqual(necessaryFor(/我(?:谢谢|感谢)+/u));
    expect(necessaryFor(/我(?:谢谢|感谢)+/u, known).words).toEqual(['谢谢', '感谢']);
  });
});

describe('gateFor', () => {
  it('turns away a text without the words or with other characters, and lets through one the patterns match', () => {
    const gate = gateFor([/^(你好|您好)[啊呀]*$/u, /^在吗$/u])!;
    expect(gate.test('你好呀')).toBe(true);
    expect(gate.test('在吗')).toBe(true);
    expect(gate.test('好')).toBe(false);
    expect(gate.test('你好 低保怎么申请')).toBe(false);
  });

  it('keeps a class of a hundred words whole, so that a text with only their first characters is turned away', () => {
    // 100 two-character things: cut to their first characters (路, 井…) they would be no better than 坏, 破, 歪.
    const things = [...'路井桥站灯柜栏窗门墙'].flatMap((first) => [...'面盖头牌杆子口台边角'].map((second) => first + second));
    const broken = new RegExp(`(?:${things.join('|')})[^ ]{0,4}?(坏|破|歪)`, 'u');
    expect(necessaryFor(broken).words).toHaveLength(100);
    const gate = gateFor([broken])!;
    expect(gate.test('路面坏了')).toBe(true);
    expect(gate.test('路上有人家里东西坏了')).toBe(false);
  });

  it('is none when one pattern needs nothing known', () => {
    expect(gateFor([/投诉/u, /.*/u])).toBeNull();
  });
});

describe('the gates recognition puts before the intents’ pattern lists', () => {
  const intents = loadIntents(join(root, 'intents'));
  const lexicon = loadLexicon(join(root, 'seeds/nlp'));
  /** Spent sets only: the blind ones are never read. */
  const spent = [
    ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ file: `test/eval/heldout-${n}-intents.yaml`, key: 'messages' })),
    ...['questions', 'heldout', 'heldout-5', 'heldout-9'].map((name) => ({ file: `test/eval/${name}.yaml`, key: 'questions' })),
  ];
  const texts = [
    ...intents.flatMap((intent) => intent.examples),
    ...spent.flatMap(({ file, key }) =>
      ((parse(readFileSync(join(root, file), 'utf8')) as Record<string, { text: string }[]>)[key] ?? []).map(({ text }) => text),
    ),
  ];
  // The forms recognition tries (normalized, in the lexicon's words, clauses turned round), and each clause.
  const forms = [
    ...new Set(
      texts.flatMap((text) => {
        const normalized = normalize(text);
        const standard = segment(normalized, lexicon)
          .map((token) => lexicon.synonyms.get(token) ?? token)
          .join('');
        return [normalized, standard, normalized.split(' ').reverse().join(' '), ...normalized.split(' ')];
      }),
    ),
  ];

  it('never turn away a form one of the patterns matches, and turn most of them away', () => {
    let gated = 0;
    let tested = 0;
    for (const intent of intents) {
      const lists = [
        intent.patterns,
        intent.sequences,
        intent.exclude,
        ...intent.categories.map((c) => c.patterns),
        ...intent.situations.map((s) => s.patterns),
      ];
      for (const patterns of lists) {
        const gate = gateFor(patterns);
        const all = joinPatterns(patterns);
        if (!gate || !all) continue;
        for (const form of forms) {
          tested++;
          if (all.test(form)) expect([intent.name, form, gate.test(form)]).toEqual([intent.name, form, true]);
          else if (!gate.test(form)) gated++;
        }
      }
    }
    expect(gated / tested).toBeGreaterThan(0.8);
  });
});
