import jieba from 'nodejieba';
import type { KnownWords } from '../../src/understanding/nlp/knownWords';
import { createLexicon, loadLexicon } from '../../src/understanding/nlp/lexicon';
import { normalize } from '../../src/understanding/nlp/normalize';
import { WordTrie } from '../../src/understanding/nlp/wordTrie';
import {
  addSegmenterWords,
  analyze,
  canonicalTerm,
  characterBigrams,
  cutIntoCharacters,
  joinNames,
  segment,
  splitUnknownTokens,
  subTerms,
  toTerms,
} from '../../src/understanding/nlp/segment';

const lexicon = loadLexicon('seeds/nlp');

describe('segment', () => {
  it.each([
    ['依申请公开怎么弄', '依申请公开'],
    ['棚改补偿标准', '棚改'],
    ['公积金怎么提取', '公积金'],
    ['低保咋申请', '低保'],
    ['一网通办怎么用', '一网通办'],
    ['社保卡密码忘了', '社保卡'],
    ['公租房申请条件', '公租房'],
  ])('keeps the domain word whole in %s', (text, word) => {
    expect(segment(normalize(text), lexicon)).toContain(word);
  });

  it('keeps a number whole, which the segmenter cuts into its digits', () => {
    expect(segment(normalize('我的电话13800138000'), lexicon)).toEqual(['我', '的', '电话', '13800138000']);
    expect(segment(normalize('2026年低保标准'), lexicon).slice(0, 2)).toEqual(['2026', '年']);
  });

  it('makes a lexicon word one token even where the segmenter prefers two frequent words', () => {
    expect(segment('信息公开申请多少天答复', lexicon)).toContain('多少天');
    expect(segment('市长热线电话是多少', lexicon).slice(0, 2)).toEqual(['市长热线', '电话']);
  });

  it('takes back a lexicon word whose first character jieba joined to the word before (回电 话 → 回 电话)', () => {
    expect(segment('说给我回电话', lexicon).slice(-2)).toEqual(['回', '电话']);
  });

  it('starts a lexicon word in what a lexicon word before it left of a segmenter token (上 学报 名 → 上学 报名)', () => {
    const small = createLexicon({ words: ['上学', '报名'], synonyms: {}, stopWords: [], sections: {} });
    expect(segment('上学报名', small)).toEqual(['上学', '报名']);
  });

  it('does not force a lexicon word that starts inside a likelier word', () => {
    const small = createLexicon({ words: ['工单'], synonyms: {}, stopWords: [], sections: {} });
    expect(segment('加工单位', small)).not.toContain('工单');
  });

  it('drops spaces but keeps numbers', () => {
    expect(segment(normalize('拨打 12345 热线'), lexicon)).toEqual(['拨打', '12345', '热线']);
  });

  it("keeps the cuts of recent texts with the lexicon: another lexicon's texts are cut anew", () => {
    const data = { words: ['鼗鼓社'], synonyms: {}, stopWords: [], sections: {} };
    const [one, other] = [createLexicon(data), createLexicon(data)];
    const text = '鼗鼓社的活动怎么报名';
    segment(text, one);
    const cutting = jest.spyOn(jieba, 'cut');
    try {
      expect(segment(text, one)).toEqual(segment(text, one));
      expect(cutting).not.toHaveBeenCalled();
      expect(segment(text, other)).toEqual(segment(text, one));
      expect(cutting).toHaveBeenCalledTimes(1);
    } finally {
      cutting.mockRestore();
    }
  });

  it("cuts a text clause by clause, as jieba does between spaces, and keeps each clause's cut for the clause alone", () => {
    const clauses = ['鼗鼓社今年多少岁了', '回电话怎么报名参加', '13800138000拨打 12345'];
    const alone = clauses.map((clause) => segment(clause, createLexicon({ words: ['电话'], synonyms: {}, stopWords: [], sections: {} })));
    const own = createLexicon({ words: ['电话'], synonyms: {}, stopWords: [], sections: {} });
    expect(segment(clauses.join(' '), own)).toEqual(alone.flat());
    const cutting = jest.spyOn(jieba, 'cut');
    try {
      expect(clauses.map((clause) => segment(clause, own))).toEqual(alone);
      expect(cutting).not.toHaveBeenCalled();
    } finally {
      cutting.mockRestore();
    }
  });

  it('cuts a text segmented before the same way again, and anew once the segmenter has gained a word', () => {
    const text = '办理鼗鼙卡的地方';
    const first = segment(text, lexicon);
    expect(first).toEqual(['办理', '鼗', '鼙', '卡', '的', '地方']);
    first.pop();
    expect(segment(text, lexicon)).toEqual(['办理', '鼗', '鼙', '卡', '的', '地方']);
    addSegmenterWords(['鼗鼙卡']);
    expect(segment(text, lexicon)).toEqual(['办理', '鼗鼙卡', '的', '地方']);
  });
});

describe('joinNames', () => {
  const names = new WordTrie(['摇号', '禁养犬', '禁养']);

  it('joins the adjacent tokens that spell a name, the longest starting there', () => {
    expect(cutIntoCharacters('摇号', lexicon)).toBe(true);
    expect(joinNames(['我', '想', '摇', '号', '买车'], names)).toEqual(['我', '想', '摇号', '买车']);
    expect(joinNames(['禁', '养', '犬', '有', '哪些'], names)).toEqual(['禁养犬', '有', '哪些']);
  });

  it('leaves a name that starts or ends inside a token alone, and tokens without names as given', () => {
    expect(joinNames(['摇', '号码'], names)).toEqual(['摇', '号码']);
    expect(joinNames(['动', '摇号'], names)).toEqual(['动', '摇号']);
    const tokens = ['公积金', '怎么', '取'];
    expect(joinNames(tokens, names)).toBe(tokens);
  });
});

describe('terms', () => {
  it('maps colloquial words and abbreviations to official terms', () => {
    expect(canonicalTerm('棚改', lexicon)).toBe('棚户区改造');
    expect(canonicalTerm('低保', lexicon)).toBe('最低生活保障');
    expect(canonicalTerm('社保卡', lexicon)).toBe('社会保障卡');
    expect(canonicalTerm('公租房', lexicon)).toBe('公共租赁住房');
  });

  it('removes stop words, also when only the canonical form is one (咋 → 怎么)', () => {
    expect(canonicalTerm('请问', lexicon)).toBeNull();
    expect(canonicalTerm('咋', lexicon)).toBeNull();
    expect(toTerms(['我想', '问', '低保', '咋', '申请'], lexicon)).toEqual(['最低生活保障', '申请']);
  });

  it('analyzes a colloquial question into official content terms', () => {
    expect(analyze('請問低保咋申請？', lexicon)).toEqual(['最低生活保障', '申请']);
    expect(analyze('棚改补偿标准是多少', lexicon)).toEqual(['棚户区改造', '补偿', '标准']);
  });

  it("drops a story's connectives and vague words (有人, 打算, 要是, 那种)", () => {
    expect(analyze('要是有人打算办那种居住证', lexicon)).toEqual(['办理', '居住证']);
  });

  it('reads 到账 as when money arrives, not as asking to draw it (领取)', () => {
    expect(analyze('转过来的钱多久能到账', lexicon)).not.toContain('领取');
  });

  it('reads the names of the emergency numbers (火警电话, 急救电话) as asking for emergency help', () => {
    expect(analyze('消防电话', lexicon)).toEqual(['紧急求助']);
    expect(analyze('急救电话', lexicon)).toEqual(['紧急求助']);
  });

  it('reads 退伍 alone as a veteran (退役军人), as 退伍军人', () => {
    expect(analyze('退伍', lexicon)).toEqual(['退役军人']);
  });

  it('reads 多收了 as overcharging, as 多收钱', () => {
    expect(analyze('药店多收了', lexicon)).toContain('乱收费');
  });

  it('reads 能报停 as asking to suspend the heating, not as 能报 (reimbursement) and 停', () => {
    expect(analyze('暖气今年还能报停不', lexicon)).toEqual(['暖气', '报停']);
  });

  it('reads handing a paper in (交上去, 交给) as no paying (缴纳), which 交 alone still is', () => {
    expect(analyze('征求意见写好了交给谁', lexicon)).not.toContain('缴纳');
    expect(analyze('补助申请交上去多久批', lexicon)).toEqual(['补助', '申请', '多久', '批']);
    expect(analyze('意见怎么交上去', lexicon)).toEqual(['意见']);
    expect(analyze('养老保险在哪交', lexicon)).toContain('缴纳');
  });
});

describe('analyze', () => {
  it("rejoins words after synonyms: a replaced word can join its neighbours into the entries' word", () => {
    const small = createLexicon({ words: ['政府信息公开'], synonyms: { 信息: ['资讯'] }, stopWords: [], sections: {} });
    expect(analyze('政府資訊公開', small)).toEqual(['政府信息公开']);
  });

  it('expands an abbreviation to its official term before removing stop words', () => {
    expect(analyze('公积金咋取出来', lexicon)).toEqual(['住房公积金', '提取']);
  });
});

describe('splitUnknownTokens', () => {
  const vocabulary = new Set(['查询', '处理', '工作日', '领', '失业']);
  const stop = new Set(['点', '内', '的', '好']);
  const known: KnownWords = {
    isKnown: (word) => vocabulary.has(word),
    isStopWord: (word) => stop.has(word),
    isLexiconWord: (word) => word === '领',
    longestWord: 3,
  };

  it('splits a token the index does not know into words it knows', () => {
    expect(splitUnknownTokens(['查询处理', '工作日内'], known, lexicon.amount)).toEqual(['查询', '处理', '工作日', '内']);
  });

  it('keeps unknown characters between known words together', () => {
    expect(splitUnknownTokens(['失业保险费'], known, lexicon.amount)).toEqual(['失业', '保险费']);
  });

  it('splits two characters only into a lexicon word and a stop word', () => {
    expect(splitUnknownTokens(['领点', '好看'], known, lexicon.amount)).toEqual(['领', '点', '好看']);
  });

  it('keeps a number the index knows whole, and drops one it does not know and a year: details, not what is asked', () => {
    const numbers: KnownWords = { ...known, isKnown: (word) => ['20', '2019'].includes(word) || vocabulary.has(word) };
    expect(splitUnknownTokens(['20', '工作日', '13800138000', '2019', '2000'], numbers, lexicon.amount)).toEqual(['20', '工作日']);
  });

  it('drops a number in words (半年, 两回, 好几, 三四百) the index does not know, as one in digits, and keeps one it knows', () => {
    const numbers: KnownWords = { ...known, isKnown: (word) => word === '一年' || vocabulary.has(word) };
    expect(splitUnknownTokens(['半年', '领', '两回', '好几', '三四百', '一年', '失业'], numbers, lexicon.amount)).toEqual([
      '领',
      '一年',
      '失业',
    ]);
    // Words that only begin like a number stay.
    expect(splitUnknownTokens(['一网通办', '二手房'], numbers, lexicon.amount)).toEqual(['一网通办', '二手房']);
  });

  it("reads numbers in words from story.yaml's amount words: without them 两回 is a token like any other", () => {
    const numbers: KnownWords = { ...known, isKnown: (word) => vocabulary.has(word) };
    expect(splitUnknownTokens(['两回', '领'], numbers, lexicon.amount)).toEqual(['领']);
    expect(splitUnknownTokens(['两回', '领'], numbers, null)).toEqual(['两回', '领']);
  });

  it('reads a known word across an unknown token and the lone character after it (查询处 理 → 查询 处理)', () => {
    expect(splitUnknownTokens(['查询处', '理', '领'], known, lexicon.amount)).toEqual(['查询', '处理', '领']);
    // Not where a piece stays unknown (失业保好), nor where the lone character starts no word (查询领 的).
    expect(splitUnknownTokens(['失业保', '好'], known, lexicon.amount)).toEqual(['失业', '保', '好']);
    expect(splitUnknownTokens(['查询领', '的'], known, lexicon.amount)).toEqual(['查询', '领', '的']);
  });

  it('leaves known tokens and tokens without a known content word alone', () => {
    expect(splitUnknownTokens(['查询', '天蝎座'], known, lexicon.amount)).toEqual(['查询', '天蝎座']);
  });

  it('drops a unit after a question word (几 月份, 多少 岁, 哪天): it asks what amount or date, names no thing', () => {
    const units: KnownWords = { ...known, isKnown: (word) => ['月份', '岁', '天', '回'].includes(word) || vocabulary.has(word) };
    expect(splitUnknownTokens(['几', '月份', '领'], units, lexicon.amount, lexicon.unitAsked)).toEqual(['几', '领']);
    expect(splitUnknownTokens(['多少', '岁', '领'], units, lexicon.amount, lexicon.unitAsked)).toEqual(['多少', '领']);
    // 哪 is 哪里 once synonyms are applied; the unit may also be split here from a word the index does not know.
    expect(splitUnknownTokens(['哪里', '天', '失业'], units, lexicon.amount, lexicon.unitAsked)).toEqual(['哪里', '失业']);
    // Elsewhere a unit stays: after a yes/no question word (不 回) or another word, and without story.yaml's units.
    expect(splitUnknownTokens(['不', '回', '领', '月份'], units, lexicon.amount, lexicon.unitAsked)).toEqual(['不', '回', '领', '月份']);
    expect(splitUnknownTokens(['几', '月份'], units, lexicon.amount)).toEqual(['几', '月份']);
  });
});

describe('subTerms', () => {
  it('finds the canonical words inside a compound term', () => {
    expect(subTerms('外地人', lexicon)).toContain('异地');
    expect(subTerms('政府信息公开', lexicon)).toEqual(expect.arrayContaining(['政府', '信息', '公开']));
  });

  it('has none for short terms', () => {
    expect(subTerms('低保', lexicon)).toEqual([]);
  });
});

describe('characterBigrams', () => {
  it('pairs adjacent Chinese characters only', () => {
    expect(characterBigrams('住房公积金')).toEqual(['住房', '房公', '公积', '积金']);
    expect(characterBigrams('社保 卡a1')).toEqual(['社保']);
    expect(characterBigrams('卡')).toEqual([]);
  });

  it('pairs characters outside the basic plane whole, not their halves', () => {
    expect(characterBigrams('𠀀𠀁字 a𠀂字')).toEqual(['𠀀𠀁', '𠀁字', '𠀂字']);
  });
});
