import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import {
  buildKnowledgeIndex,
  definedTerms,
  KnowledgeIndex,
  ownVariantsOf,
  type MatchableEntry,
} from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import * as segmentModule from '../../src/understanding/nlp/segment';
import { analyze } from '../../src/understanding/nlp/segment';
import { Random } from '../fuzz/random';
import { ENTRIES, TALENT_FLATS } from './fixtures/entries';

const lexicon = loadLexicon('seeds/nlp');
const index = buildKnowledgeIndex(ENTRIES, lexicon);
const everything = () => true;
const rank = (text: string, limit = 3) => index.rank(analyze(text, lexicon), everything, limit);

describe('KnowledgeIndex.rank', () => {
  it.each([
    ['公积金怎么取出来', 'fund-withdrawal'],
    ['公积金贷款要什么条件', 'fund-loan'],
    ['公积金余额在哪查', 'fund-balance'],
    ['低保怎么申请', 'allowance-apply'],
    ['低保标准是多少', 'allowance-standard'],
    ['棚改补偿怎么算', 'shantytown-compensation'],
    ['社保卡丢了', 'card-replace'],
    ['居住证怎么办', 'residence-permit'],
  ])('ranks the right entry first for %s', (text, key) => {
    expect(rank(text)[0]?.entry).toBe(key);
  });

  it('scores on a 0..1 scale, best first, a sample question itself near 1', () => {
    const ranked = rank('租房能提取住房公积金吗');
    expect(ranked[0]).toEqual({ entry: 'fund-withdrawal', score: expect.closeTo(1, 1) });
    for (const { score } of ranked) expect(score).toBeGreaterThanOrEqual(0);
    // A sample question asked word for word is a full match: exactly up to 1, never past it.
    for (const entry of ENTRIES)
      for (const question of entry.questions) for (const { score } of rank(question)) expect(score).toBeLessThanOrEqual(1);
    expect(ranked.map(({ score }) => score)).toEqual([...ranked.map(({ score }) => score)].sort((a, b) => b - a));
  });

  it('scores low when the key word of the question is in no entry, even if common words match', () => {
    const [best] = rank('公积金能炒股吗');
    expect(best.score).toBeLessThan(0.5);
  });

  it('scores a bare topic lower than a question that also says which entry of the topic', () => {
    const bare = rank('公积金')[0].score;
    const specific = rank('公积金提取')[0].score;
    expect(specific).toBeGreaterThan(bare);
  });

  it('returns nothing for questions without content words or with section words only', () => {
    expect(rank('请问一下')).toEqual([]);
    expect(rank('驾驶证换证')).toEqual([]);
    expect(rank('需要什么材料')).toEqual([]);
  });

  it('honours the eligibility filter and the limit', () => {
    const ranked = index.rank(analyze('公积金', lexicon), (entry) => entry.key !== 'fund-withdrawal', 2);
    expect(ranked).toHaveLength(2);
    expect(ranked.map(({ entry }) => entry)).not.toContain('fund-withdrawal');
  });

  it('finds a compound word of the question by its parts in entries worded differently, below the word itself', () => {
    const entries: MatchableEntry[] = [
      { key: 'parts', kind: 'faq', title: '户口迁入迁出', questions: ['户口怎么迁移'], answer: '到派出所办理。', status: 'published' },
      {
        key: 'mention',
        kind: 'faq',
        title: '居住证办理',
        questions: ['居住证怎么办'],
        answer: '户口迁移后不再需要。',
        status: 'published',
      },
      { key: 'whole', kind: 'faq', title: '户口迁移', questions: ['户口迁移怎么办'], answer: '到派出所办理。', status: 'published' },
    ];
    expect(analyze('户口迁移', lexicon)).toEqual(['户口迁移']);
    const withWhole = buildKnowledgeIndex(entries, lexicon).rank(['户口迁移'], everything, 3);
    expect(withWhole.map(({ entry }) => entry)).toEqual(['whole', 'parts']);
    expect(withWhole[1].score).toBeLessThan(withWhole[0].score);
    // Without the entry using the word itself, the one having its parts is still found.
    const [first] = buildKnowledgeIndex(entries.slice(0, 2), lexicon).rank(['户口迁移'], everything, 3);
    expect(first).toMatchObject({ entry: 'parts', score: expect.any(Number) });
  });

  it('counts a word in the answer or a section less than one in a head field', () => {
    const entries: MatchableEntry[] = [
      { key: 'head', kind: 'faq', title: '护照加注', questions: ['护照要加注吗'], answer: '需要时加注一次。', status: 'published' },
      { key: 'body', kind: 'faq', title: '护照办理', questions: ['护照怎么办'], answer: '办理后需要时可以加注。', status: 'published' },
    ];
    const small = buildKnowledgeIndex(entries, lexicon);
    const [first, second] = small.rank(analyze('护照加注', lexicon), everything, 2);
    expect(first.entry).toBe('head');
    expect(second.entry).toBe('body');
    expect(second.score).toBeLessThan(first.score);
    expect(second.score).toBeGreaterThan(
      small.rank(analyze('护照注销', lexicon), everything, 2).find(({ entry }) => entry === 'body')?.score ?? 0,
    );
  });

  it('finds an entry by a word its terms section defines, as by its title; a defined phrase of several words is no name', () => {
    const entries: MatchableEntry[] = [
      {
        key: 'passport',
        kind: 'faq',
        title: '护照办理',
        questions: ['护照怎么办'],
        answer: '到出入境窗口办理。',
        sections: { terms: '加注：在护照上注明持照人的其他信息。收到材料之日：窗口签收的那一天。' },
        status: 'published',
      },
      { key: 'visa', kind: 'faq', title: '签证办理', questions: ['签证怎么办'], answer: '受理之日起办理。', status: 'published' },
    ];
    expect(definedTerms(entries[0])).toEqual(['加注', '收到材料之日']);
    const small = buildKnowledgeIndex(entries, lexicon);
    expect(small.rank(analyze('啥叫加注', lexicon), everything, 2)).toEqual([{ entry: 'passport', score: expect.closeTo(1, 1) }]);
    expect(small.isHeadTerm('收到')).toBe(false);
  });

  it('finds an entry by a one-word keyword named alone, below an entry whose title is the word; in a longer question only as a keyword of no title', () => {
    const entries: MatchableEntry[] = [
      {
        key: 'student-aid',
        kind: 'faq',
        title: '困难学生资助',
        questions: ['上学有补助吗'],
        keywords: ['助学金', '96123'],
        answer: '向就读学校申请。',
        status: 'published',
      },
      { key: 'grant', kind: 'faq', title: '助学金', questions: ['助学金发多少'], answer: '每年发放。', status: 'published' },
    ];
    const small = buildKnowledgeIndex(entries, lexicon);
    const keywordOnly = (entry: MatchableEntry) => entry.key === 'student-aid';
    expect(small.rank(analyze('助学金', lexicon), keywordOnly, 2)).toEqual([{ entry: 'student-aid', score: expect.closeTo(0.9, 5) }]);
    expect(small.rank(analyze('助学金', lexicon), everything, 2).map(({ entry }) => entry)).toEqual(['grant', 'student-aid']);
    // Several words: a keyword is no unit where the title or a sample question is covered, and where neither is, it covers
    // the entry half: it is found, below the entry whose title is the word.
    const longer = small.rank(analyze('助学金去哪领', lexicon), everything, 2);
    expect(longer.map(({ entry }) => entry)).toEqual(['grant', 'student-aid']);
    expect(longer[1].score).toBeLessThan(longer[0].score);
    expect(small.rank(analyze('助学金去哪领', lexicon), keywordOnly, 2)).toEqual([{ entry: 'student-aid', score: expect.any(Number) }]);
    // A number beside other words is more often a value than the number an entry is about.
    expect(small.rank(analyze('96123算啥', lexicon), keywordOnly, 2)).toEqual([]);
    expect(small.rank(analyze('96123', lexicon), keywordOnly, 2)).toEqual([{ entry: 'student-aid', score: expect.closeTo(0.9, 5) }]);
  });

  it('lets an entry having the section a cue word asks for answer that word', () => {
    const entries: MatchableEntry[] = [
      {
        key: 'with-fee',
        kind: 'guide',
        title: '居住证办理',
        questions: ['居住证怎么办'],
        answer: '到派出所办理。',
        sections: { fee: '免费。' },
        status: 'published',
      },
      {
        key: 'without-fee',
        kind: 'guide',
        title: '居住证办理须知',
        questions: ['居住证怎么办'],
        answer: '到派出所办理。',
        status: 'published',
      },
    ];
    const small = buildKnowledgeIndex(entries, lexicon);
    expect(small.rank(analyze('居住证办理收费吗', lexicon), everything, 2)[0].entry).toBe('with-fee');
  });

  it('returns only candidates reaching minScore', () => {
    const terms = analyze('公积金', lexicon);
    expect(index.rank(terms, everything, 5, 0.99)).toEqual([]);
    expect(index.rank(terms, everything, 5, 0).length).toBeGreaterThan(index.rank(terms, everything, 5, 0.6).length);
  });

  it('matches words the segmenter cut differently through character pairs', () => {
    const entries: MatchableEntry[] = [
      {
        key: 'water',
        kind: 'faq',
        title: '游泳池水质信息',
        questions: ['游泳池水质怎么样'],
        answer: '每月公布水质检测结果。',
        status: 'published',
      },
      {
        key: 'air',
        kind: 'faq',
        title: '空气质量信息',
        questions: ['今天空气质量好吗'],
        answer: '实时发布空气质量指数。',
        status: 'published',
      },
    ];
    const small = buildKnowledgeIndex(entries, lexicon);
    expect(small.rank(['池水质'], everything, 2)[0]?.entry).toBe('water');
    expect(small.coverage('water', '池水质')).toBe(1);
    // Rebuilt, the unchanged entry keeps its character pairs, also from an index read back from its snapshot.
    const changed = [entries[1], entries[0]].map((entry) =>
      entry.key === 'air' ? { ...entry, answer: '每小时发布空气质量指数。' } : entry,
    );
    for (const previous of [small, KnowledgeIndex.restore(small.snapshot(), entries, lexicon)]) {
      const rebuilt = buildKnowledgeIndex(changed, lexicon, previous);
      expect(rebuilt.rank(['池水质'], everything, 2)[0]?.entry).toBe('water');
      expect(['water', 'air'].flatMap((key) => ['池水质', '气质量'].map((term) => rebuilt.coverage(key, term)))).toEqual([1, 0, 0, 1]);
    }
  });

  it('rebuilds from a previous index with changed, added and removed entries', () => {
    const changed = ENTRIES.filter(({ key }) => key !== 'residence-permit').map((entry) =>
      entry.key === 'card-replace' ? { ...entry, questions: [...entry.questions, '社保卡消磁了怎么办'] } : entry,
    );
    const rebuilt = buildKnowledgeIndex(changed, lexicon, index);
    expect(rebuilt.size).toBe(ENTRIES.length - 1);
    expect(rebuilt.entry('residence-permit')).toBeUndefined();
    expect(rebuilt.rank(analyze('社保卡消磁', lexicon), everything, 1)[0]?.entry).toBe('card-replace');
    const keys = (ranked: { entry: string }[]) => ranked.map(({ entry }) => entry);
    expect(keys(rebuilt.rank(analyze('低保标准是多少', lexicon), everything, 3))).toEqual(keys(rank('低保标准是多少')));
  });

  describe("an entry's short keyword the segmenter cuts into characters (教资)", () => {
    const licence: MatchableEntry = {
      key: 'teacher-licence',
      kind: 'guide',
      title: '教师资格认定',
      questions: ['教师资格证怎么申请', '教资怎么认定'],
      keywords: ['教资', '教师资格证书'],
      answer: '考试合格的人员可以向认定机构申请教师资格认定，认定通过的颁发教师资格证书。',
      status: 'published',
    };
    // Names the short word in a sample question, but gives no keyword of its own.
    const exam: MatchableEntry = {
      key: 'teacher-exam',
      kind: 'guide',
      title: '教师资格考试报名',
      questions: ['教资笔试在哪报名'],
      answer: '笔试每年两次，在考试网站报名。',
      status: 'published',
    };
    const question = '教资要体检吗';

    it('is kept whole in the entries and in the questions of its index, and a question naming it meets it', () => {
      expect(analyze(question, lexicon)).not.toContain('教资');
      const withName = buildKnowledgeIndex([...ENTRIES, licence], lexicon);
      expect(analyze(question, lexicon, withName)).toEqual(['教资', '体检']);
      expect(withName.entriesAbout('教资', everything, 5).map(({ key }) => key)).toEqual(['teacher-licence']);
      expect(withName.rank(analyze(question, lexicon, withName), everything, 1)[0]?.entry).toBe('teacher-licence');
    });

    it.each([
      ['first', true],
      ['second', false],
    ])('cuts only in its own index, built %s: another index in the process, and the segmenter, cut as before', (_order, first) => {
      const build = [() => buildKnowledgeIndex([...ENTRIES, licence], lexicon), () => buildKnowledgeIndex([...ENTRIES, exam], lexicon)];
      const [withName, without] = first
        ? build.map((make) => make())
        : build
            .reverse()
            .map((make) => make())
            .reverse();
      expect(analyze(question, lexicon, withName)).toContain('教资');
      expect(analyze(question, lexicon, without)).not.toContain('教资');
      expect(analyze(question, lexicon)).not.toContain('教资');
      expect(without.isHeadTerm('教资')).toBe(false);
    });

    it('is no name of an index rebuilt without it, nor of the entries it kept; one rebuilt with it cuts its kept entries anew', () => {
      const withName = buildKnowledgeIndex([...ENTRIES, licence, exam], lexicon);
      const without = buildKnowledgeIndex([...ENTRIES, exam], lexicon, withName);
      expect(without.isHeadTerm('教资')).toBe(false);
      expect(analyze(question, lexicon, without)).not.toContain('教资');
      const again = buildKnowledgeIndex([...ENTRIES, exam, licence], lexicon, without);
      expect(again.entriesAbout('教资', everything, 5).map(({ key }) => key)).toEqual(['teacher-exam', 'teacher-licence']);
    });

    it('names nothing once its entry is archived (kb import --replace archives what the new base lacks), built anew or rebuilt', () => {
      const archived = { ...licence, status: 'archived' } as const;
      const withName = buildKnowledgeIndex([...ENTRIES, licence, exam], lexicon);
      for (const index of [
        buildKnowledgeIndex([...ENTRIES, archived, exam], lexicon),
        buildKnowledgeIndex([...ENTRIES, archived, exam], lexicon, withName),
      ]) {
        expect(index.isHeadTerm('教资')).toBe(false);
        expect(analyze(question, lexicon, index)).not.toContain('教资');
      }
    });
  });

  it('rejects duplicate keys', () => {
    expect(() => buildKnowledgeIndex([ENTRIES[0], ENTRIES[0]], lexicon)).toThrow('duplicate entry key "fund-withdrawal"');
  });

  it('indexes an empty knowledge base', () => {
    const empty = buildKnowledgeIndex([], lexicon);
    expect(empty.rank(['住房公积金'], everything, 3)).toEqual([]);
  });
});

describe('KnowledgeIndex.rank on a large generated catalogue', () => {
  const seeds = loadEntryFiles(entryFilesIn('seeds/knowledge'));
  const random = new Random(11);
  const pick = <T>(items: readonly T[]): T => random.pick(items);
  // Entries recombined from the seed entries: many share titles and questions, so that scores tie.
  const generated: MatchableEntry[] = Array.from({ length: 600 }, (_, i) => {
    const [base, other] = [pick(seeds), pick(seeds)];
    return {
      key: `generated-${i}`,
      kind: base.kind,
      title: random.bool() ? base.title : `${pick(other.keywords ?? [other.title])}${base.title}`,
      questions: [...base.questions.slice(0, 2), ...other.questions.slice(0, 1)],
      keywords: [...(base.keywords ?? []).slice(0, 2), ...(other.keywords ?? []).slice(0, 1)],
      answer: `${base.answer}${other.answer.slice(0, 60)}`,
      sections: base.sections,
      status: random.bool(0.1) ? 'draft' : 'published',
    };
  });
  const large = buildKnowledgeIndex(generated, lexicon);
  const published = (entry: MatchableEntry) => entry.status === 'published';
  const questions = seeds.flatMap((entry) => [entry.title, ...entry.questions.slice(0, 1), (entry.keywords ?? []).slice(0, 2).join('')]);

  it('keeps, with a limit and a minimum score, exactly the head of the whole ranking (ties in the same order)', () => {
    for (const [i, question] of questions.entries()) {
      const terms = analyze(question, lexicon);
      const weights = i % 3 === 0 && terms.length > 1 ? new Map([[terms[0], 0.6]]) : undefined;
      // No limit and no minimum: no candidate is left out for its score, whatever bound ranking uses.
      const whole = large.rank(terms, published, generated.length, 0, weights);
      for (const minScore of [0.05, 0.3]) {
        const kept = whole.filter(({ score }) => score >= minScore);
        for (const limit of [1, 4, 12]) expect(large.rank(terms, published, limit, minScore, weights)).toEqual(kept.slice(0, limit));
      }
    }
  });
});

describe('typo correction against the base’s own wording', () => {
  // 报装 is cut apart (报 装) as the segmenter knows no such word; 包装, a word of another entry, sounds the same.
  const base: MatchableEntry[] = [
    {
      key: 'gas-connection',
      kind: 'guide',
      title: '燃气报装',
      questions: ['新房怎么开通天然气'],
      keywords: ['燃气报装'],
      answer: '向燃气企业提出报装申请，经现场勘察后施工通气。',
      status: 'published',
    },
    {
      key: 'goods-packaging',
      kind: 'faq',
      title: '商品包装标识',
      questions: ['商品包装要标明哪些内容'],
      answer: '商品包装应当标明品名、产地、生产者名称和地址。',
      status: 'published',
    },
  ];
  const own = buildKnowledgeIndex(base, lexicon);

  it('keeps a word the titles and keywords write, though it sounds like another word of the base', () => {
    const terms = analyze('燃气怎么报装', lexicon, own);
    expect(terms).not.toContain('包装');
    expect(own.rank(terms, everything, 1)[0]?.entry).toBe('gas-connection');
  });

  it('still corrects a typo no entry writes to the word an entry does', () => {
    expect(analyze('商品苞装要标明什么', lexicon, own)).toContain('包装');
  });

  it('still corrects a typo the base writes only inside a longer word (然气 of 天然气)', () => {
    expect(analyze('然气怎么开通', lexicon, own)).toContain('燃气');
  });

  it('reads the base’s wording as cut at building, in a built index and one read back from its snapshot: a question cuts no head text', () => {
    const restored = KnowledgeIndex.restore(own.snapshot(), base, lexicon);
    const cut = jest.spyOn(segmentModule, 'segment');
    try {
      for (const index of [own, restored]) {
        expect(analyze('燃气怎么报装', lexicon, index)).not.toContain('包装');
        expect(analyze('然气怎么开通', lexicon, index)).toContain('燃气');
      }
      const headTexts = new Set(base.flatMap((entry) => [entry.title, ...entry.questions, ...(entry.keywords ?? [])]));
      expect(cut.mock.calls.filter(([text]) => headTexts.has(text))).toEqual([]);
    } finally {
      cut.mockRestore();
    }
  });
});

describe('a base’s own names among the lexicon’s variants', () => {
  const seeds = loadEntryFiles(entryFilesIn('seeds/knowledge'));
  const withFlats = buildKnowledgeIndex([...seeds, TALENT_FLATS], lexicon);
  const first = (index: KnowledgeIndex, text: string) => index.rank(analyze(text, index.lexicon), everything, 1)[0]?.entry;

  it('are the keywords the lexicon maps to a term another entry names without them', () => {
    expect(ownVariantsOf([...seeds, TALENT_FLATS], lexicon)).toEqual(['人才公寓']);
    // The seed base keeps every mapping it was written with (房本 → 不动产权证书, 人才公寓 → 保障性租赁住房).
    expect(ownVariantsOf(seeds, lexicon)).toEqual([]);
    // No other entry names the canonical term: nothing to tell apart.
    expect(ownVariantsOf([TALENT_FLATS], lexicon)).toEqual([]);
    // A shortening of its canonical term names the same thing (公租房 of 公共租赁住房).
    const shortened = { ...TALENT_FLATS, key: 'public-rental', title: '公租房配租', keywords: ['公租房'] };
    const named = { ...TALENT_FLATS, key: 'public-rental-rules', title: '公共租赁住房管理办法', keywords: [] };
    expect(ownVariantsOf([shortened, named], lexicon)).toEqual([]);
    // An archived entry names nothing.
    expect(ownVariantsOf([...seeds, { ...TALENT_FLATS, status: 'archived' }], lexicon)).toEqual([]);
  });

  it('are read as themselves in the entries and questions of that index only, also when read back from its snapshot', () => {
    const restored = KnowledgeIndex.restore(withFlats.snapshot(), [...seeds, TALENT_FLATS], lexicon);
    for (const index of [withFlats, restored]) {
      expect(analyze('人才公寓怎么申请', index.lexicon)).toContain('人才公寓');
      expect(first(index, '人才公寓怎么申请')).toBe('talent-flats');
      expect(first(index, '人才公寓要什么条件')).toBe('talent-flats');
    }
    // The seed base alone still reads the variant as the term its entry uses.
    const seedIndex = buildKnowledgeIndex(seeds, lexicon);
    expect(seedIndex.lexicon).toBe(lexicon);
    expect(first(seedIndex, '人才公寓怎么申请')).toBe('affordable-rental-housing');
    expect(first(seedIndex, '房本丢了怎么补')).toBe(first(withFlats, '房本丢了怎么补'));
  });

  it('keep an unchanged entry’s analysis when rebuilt with the same own names, and analyse it again when they change', () => {
    const rebuilt = buildKnowledgeIndex([...seeds, TALENT_FLATS], lexicon, withFlats);
    expect(first(rebuilt, '人才公寓怎么申请')).toBe('talent-flats');
    const without = buildKnowledgeIndex(seeds, lexicon, withFlats);
    expect(first(without, '人才公寓怎么申请')).toBe('affordable-rental-housing');
  });
});

describe('a question term of one character', () => {
  const roadEntries: MatchableEntry[] = [
    {
      key: 'road-digging',
      kind: 'guide',
      title: '城市道路挖掘审批',
      questions: ['施工要挖开马路怎么审批'],
      answer: '因工程建设需要挖掘城市道路的，应当向市政部门申请审批。',
      status: 'published',
    },
    {
      key: 'tree-felling',
      kind: 'guide',
      title: '城市树木砍伐审批',
      questions: ['小区的树能自己砍吗'],
      answer: '砍伐城市树木的，应当向园林部门申请审批。',
      status: 'published',
    },
  ];
  const roads = buildKnowledgeIndex(roadEntries, lexicon);
  const score = (terms: string[]) => roads.rank(terms, everything, 1)[0]?.score ?? 0;

  it('counts where an entry’s title holds it (路 of 城市道路): the segmenter cuts a short form it does not know', () => {
    // 路 is a character of 城市道路, in no head field as a word; 木 of 树木 is not the road entry's.
    expect(score(['挖掘', '路'])).toBeGreaterThan(score(['挖掘', '木']) + 0.05);
    expect(roads.rank(['挖掘', '路'], everything, 1)[0]?.entry).toBe('road-digging');
  });

  it('counts only where the entry names it: a sample question’s everyday word (马 of 马路) says nothing', () => {
    expect(score(['挖掘', '马'])).toBe(score(['挖掘', '木']));
  });

  it('finds no entry by itself: only one another term found', () => {
    expect(roads.rank(['路'], everything, 2)).toEqual([]);
  });

  it('counts where many more entries name it than are candidates: the candidates are searched for among them', () => {
    const greenery = Array.from({ length: 20 }, (_, i): MatchableEntry => ({
      key: `roadside-greenery-${i}`,
      kind: 'guide',
      title: '道路绿化养护',
      questions: ['路边的草坪谁来管'],
      answer: '道路绿化由园林部门养护。',
      status: 'published',
    }));
    const many = buildKnowledgeIndex([...roadEntries, ...greenery], lexicon);
    const scoreIn = (terms: string[]) => many.rank(terms, everything, 1)[0]?.score ?? 0;
    expect(scoreIn(['挖掘', '路'])).toBeGreaterThan(scoreIn(['挖掘', '木']) + 0.05);
  });
});
