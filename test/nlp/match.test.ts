import { isAnswerable, shanghaiDate } from '../../src/understanding/nlp/availability';
import { DEFAULT_MATCH_THRESHOLDS } from '../../src/understanding/nlp/decide';
import { buildKnowledgeIndex, type MatchableEntry, type ScoredCandidate } from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { matchQuestion } from '../../src/understanding/nlp/match';
import { decideByStructure, isSubjectWord, readStructure, toService } from '../../src/understanding/nlp/structure';
import { ENTRIES, published } from './fixtures/entries';
import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { loadCity } from '../../src/understanding/places/city';
import { Places } from '../../src/understanding/places/places';

const lexicon = loadLexicon('seeds/nlp');
const now = new Date('2025-06-01T04:00:00Z');
const index = buildKnowledgeIndex(ENTRIES, lexicon);
let seedIndex: ReturnType<typeof buildKnowledgeIndex> | undefined;
/** The seed knowledge base, built once for the tests that need it. */
const seedsIndex = () => (seedIndex ??= buildKnowledgeIndex(loadEntryFiles(entryFilesIn('seeds/knowledge')), lexicon));
const onSeeds = (text: string) => matchQuestion(seedsIndex(), text, { now: new Date('2026-11-25T02:00:00Z') });
/** The structure gate on the seed base: these candidates, ranked, for a question of these terms. */
const seedGate = (ranked: ScoredCandidate[], terms: string[], stated?: ReadonlySet<string>) =>
  decideByStructure(
    ranked,
    readStructure(terms, seedsIndex(), { stated }),
    seedsIndex(),
    DEFAULT_MATCH_THRESHOLDS,
    () => true,
    () => [],
  );

/** A policy interpretation and the guide to its service, titled alike. */
const policy = published({
  key: 'farmland-subsidy-policy',
  kind: 'interpretation',
  title: '耕地地力保护补贴政策解读',
  questions: ['哪些人可以申请耕地地力保护补贴', '耕地地力保护补贴标准是多少'],
  keywords: ['耕地地力保护补贴'],
  answer: '拥有耕地承包权的种地农民可以申请耕地地力保护补贴，补贴标准按县级公布的为准。',
  sections: { scope: '拥有耕地承包权的种地农民。' },
});
const apply = published({
  key: 'farmland-subsidy-apply',
  kind: 'guide',
  title: '耕地地力保护补贴申请',
  questions: ['耕地地力保护补贴在哪里申报'],
  keywords: ['耕地地力保护补贴'],
  answer: '农户向村委会申报种植面积，乡镇审核公示后由财政部门打卡发放耕地地力保护补贴。',
  sections: { materials: '身份证、承包合同。' },
});
const farmland = buildKnowledgeIndex([policy, apply], lexicon);

describe('matchQuestion', () => {
  it('answers a colloquial question with the right entry and its content terms', () => {
    expect(matchQuestion(index, '低保咋申请？', { now })).toEqual({
      decision: 'answer',
      entry: 'allowance-apply',
      section: null,
      score: expect.any(Number),
      candidates: [expect.objectContaining({ entry: 'allowance-apply' })],
      terms: ['最低生活保障', '申请'],
    });
  });

  it('corrects pinyin typos and traditional characters before matching', () => {
    expect(matchQuestion(index, '公基金怎么提取', { now }).entry).toBe('fund-withdrawal');
    expect(matchQuestion(index, '社保咔丢了', { now }).entry).toBe('card-replace');
    expect(matchQuestion(index, '居住證怎麼辦', { now }).entry).toBe('residence-permit');
  });

  it('returns the section asked for when the answered entry has it', () => {
    expect(matchQuestion(index, '低保申请要带什么材料', { now })).toMatchObject({ entry: 'allowance-apply', section: 'materials' });
    expect(matchQuestion(index, '办居住证要钱吗', { now })).toMatchObject({ entry: 'residence-permit', section: 'fee' });
    expect(matchQuestion(index, '社保卡丢了去哪补办', { now })).toMatchObject({ entry: 'card-replace', section: 'location' });
  });

  it('returns no section when the answered entry lacks it', () => {
    expect(matchQuestion(index, '低保申请要多久', { now })).toMatchObject({ entry: 'allowance-apply', section: null });
  });

  it('gives the one section that alone tells a detail the question names and the short answer leaves out', () => {
    const parking = published({
      key: 'parking-permit',
      kind: 'faq',
      title: '小区停车证',
      questions: ['停车证怎么办', '停车证多少钱一个月'],
      keywords: ['停车证'],
      answer: '停车证由物业服务中心按月办理，凭行驶证和房产证明当场发放。',
      sections: {
        content: '办理渠道：物业服务中心窗口；充电桩车位另到业主委员会登记。',
        notes: '访客车辆登记后可临时停放两小时，超时按规定收费。',
      },
    });
    const withParking = buildKnowledgeIndex([...ENTRIES, parking], lexicon);
    const ask = (text: string) => matchQuestion(withParking, text, { now });
    expect(ask('停车证能在充电桩车位用不')).toMatchObject({ entry: 'parking-permit', section: 'content' });
    expect(ask('停车证 访客能停吗')).toMatchObject({ entry: 'parking-permit', section: 'notes' });
    // Details in two sections, or none beyond what the short answer says: the whole entry.
    expect(ask('停车证 访客能用充电桩吗')).toMatchObject({ entry: 'parking-permit', section: null });
    expect(ask('停车证怎么办')).toMatchObject({ entry: 'parking-permit', section: null });
  });

  it("keeps a base's own word the segmenter runs into the word before (申请人 才 → 申请 人才)", () => {
    const station = (key: string, title: string, keyword: string, answer: string): MatchableEntry =>
      published({ key, kind: 'guide', title, keywords: [keyword], answer, sections: { conditions: '按本市规定。' } });
    const stations = buildKnowledgeIndex(
      [
        station('talent-station', '人才驿站免费住宿申请', '人才驿站', '来本市求职的高校毕业生可免费入住人才驿站，最长七天。'),
        station('worker-station', '户外劳动者驿站使用', '爱心驿站', '环卫工人、快递员等户外劳动者可以在驿站休息、饮水。'),
      ],
      lexicon,
    );
    expect(matchQuestion(stations, '我是申请人才驿站的', { now })).toMatchObject({
      decision: 'answer',
      entry: 'talent-station',
      terms: ['申请', '人才', '驿站'],
    });
  });

  it('lists what it can answer about a bare topic several entries are about, instead of answering one of them', () => {
    for (const [text, subject, entries] of [
      ['低保', '最低生活保障', ['minimum-living-allowance-apply', 'minimum-living-allowance-standard']],
      ['公积金', '住房公积金', ['housing-fund-withdrawal', 'housing-fund-loan', 'housing-fund-balance-query']],
      ['医保', '医疗保险', ['resident-medical-insurance-enrol', 'resident-medical-insurance-reimburse']],
      // A broad term no entry names (colloquial.yaml's broader): the entries about what it covers.
      ['社保', '社会保险', ['resident-pension-insurance', 'unemployment-insurance-benefit', 'social-security-card-apply']],
    ] as const) {
      const result = onSeeds(text);
      expect(result).toMatchObject({ decision: 'partial', entry: null, candidates: [], partial: { subject, kind: 'topic' } });
      expect(result.partial?.entries).toEqual(expect.arrayContaining([...entries]));
      expect(result.partial?.entries.length).toBeLessThanOrEqual(6);
    }
    // The same on the small fixture base: both allowance entries and nothing else.
    const small = matchQuestion(index, '低保', { now });
    expect(small).toMatchObject({ decision: 'partial', partial: { subject: '最低生活保障', kind: 'topic' } });
    expect(small.partial?.entries.sort()).toEqual(['allowance-apply', 'allowance-standard']);
  });

  it('reads the value asked of the one thing named (消防电话是多少) as a bare topic, answered by the one entry about it', () => {
    expect(onSeeds('消防电话是多少')).toMatchObject({ decision: 'answer', entry: 'emergency-numbers' });
    // The value of a second thing (比例 of 公积金) is no bare topic: no entry about the fund states it.
    expect(onSeeds('公积金缴存比例是多少')).toMatchObject({ decision: 'partial' });
  });

  it('answers a bare topic one entry alone is about, and a bare topic with what is asked about it as usual', () => {
    expect(matchQuestion(index, '居住证', { now })).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
    // A word beside the topic asks something (不热, 标准): the topic is not bare.
    expect(matchQuestion(index, '低保标准', { now })).toMatchObject({ decision: 'answer', entry: 'allowance-standard' });
    expect(matchQuestion(index, '公积金', { now, stages: { structure: false } }).decision).not.toBe('partial');
  });

  it('falls back on out-of-scope questions', () => {
    for (const text of ['驾驶证到期怎么换', '今天天气怎么样', '你好', '']) {
      expect(matchQuestion(index, text, { now })).toMatchObject({ decision: 'fallback', entry: null, section: null, candidates: [] });
    }
  });

  it('never answers on an action word alone: the topic must be one the knowledge base knows', () => {
    // 办理 / 补办 / 换 are in these entries, but 签证, 护照 and 身份证 are not what they are about.
    for (const question of ['签证怎么办理', '护照丢了怎么补办', '身份证过期了怎么换', '怎么办理']) {
      expect(matchQuestion(index, question, { now })).toMatchObject({ decision: 'fallback', entry: null });
    }
    // Beside a known topic, the same words still tell entries apart (补办 a card, not apply for one).
    expect(matchQuestion(index, '社保卡怎么补办', { now }).entry).toBe('card-replace');
  });

  it('answers no question that names nothing but a section, and still one naming a service by its action or in letters', () => {
    // 等 is in some entry's sample question, 准备 and 下来 in others': none of them says what is asked about.
    for (const text of ['要等多久', '要准备什么材料', '办下来要多久', '得花多少钱', '在哪办', '要带什么']) {
      expect(onSeeds(text)).toMatchObject({ decision: 'fallback', entry: null });
    }
    expect(onSeeds('暖气报停')).toMatchObject({ decision: 'answer', entry: 'heating-suspend' });
    expect(onSeeds('AQI到150算啥级别')).toMatchObject({ decision: 'answer', entry: 'air-quality-info' });
  });

  it('answers X的Y with an entry about Y, never with one about X alone', () => {
    // No entry is about 物业费 or 不动产权证书: those about 公租房 or 棚改 are near misses.
    expect(onSeeds('公租房的物业费怎么交').decision).not.toBe('answer');
    expect(onSeeds('棚改安置房的房产证什么时候办').decision).not.toBe('answer');
    // 医保 is what is asked about, 农村老人 whose: the medical insurance entry, not the pension one.
    expect(onSeeds('农村老人的医保去哪交')).toMatchObject({ decision: 'answer', entry: 'resident-medical-insurance-enrol' });
    // 的 before a word the lexicon does not name (每年的哪一天) ties nothing.
    expect(onSeeds('政务公开日是每年的哪一天')).toMatchObject({ decision: 'answer', entry: 'open-government-day-515' });
  });

  it('reads a rise or change of an amount as the action 调整, which an entry about the subject must cover', () => {
    expect(lexicon.actionOf.get(lexicon.synonyms.get('涨') ?? '涨')).toBe('调整');
    // The pension entry is about certifying eligibility, not about how much pensions rise.
    expect(onSeeds('养老金每年涨多少').entry).not.toBe('pension-eligibility-certification');
    expect(onSeeds('养老金今年涨了多少').entry).not.toBe('pension-eligibility-certification');
  });

  it('reads hiring and defaulting on a loan as actions, which entries about the bureau or the loan do not cover', () => {
    const actionOf = (word: string) => lexicon.actionOf.get(lexicon.synonyms.get(word) ?? word);
    expect(actionOf('招不招人')).toBe('招聘');
    expect(actionOf('还不上')).toBe('逾期');
    expect(onSeeds('行政审批局今年招不招人').decision).not.toBe('answer');
    expect(onSeeds('创业担保贷款到期还不上了 会怎样').decision).not.toBe('answer');
    // 找人 (ask someone) sounds like 招人 (hire): it must not be read as hiring.
    expect(onSeeds('爸妈岁数大了腿脚不好，办事能找人代办不')).toMatchObject({ decision: 'answer', entry: 'proxy-service-assistance' });
  });

  it('reads signing up, binding, subscribing, removal, early repayment, lending, handing on and restoring as actions an entry must cover', () => {
    const actionOf = (word: string) => lexicon.actionOf.get(lexicon.synonyms.get(word) ?? word);
    expect([actionOf('报考'), actionOf('改绑'), actionOf('订一份'), actionOf('移出来'), actionOf('提前还清')]).toEqual([
      '报名',
      '绑定',
      '订阅',
      '移出',
      '提前还款',
    ]);
    // An entry whose head names signing up answers it; another exam's sign-up is no entry's.
    expect(onSeeds('随迁子女入学在哪报名')).toMatchObject({ decision: 'answer', entry: 'migrant-children-enrolment', section: 'location' });
    expect(onSeeds('驾校考试在哪报名').decision).not.toBe('answer');
    // The subject is covered, what is asked about it is not: say what can be answered about it.
    expect(onSeeds('社保卡能换绑银行卡吗')).toMatchObject({ decision: 'partial', partial: { subject: '社会保障卡', kind: 'action' } });
    expect(onSeeds('政府公报能订阅吗')).toMatchObject({ decision: 'partial', partial: { subject: '政府公报' } });
    expect(onSeeds('公积金贷款能提前还清吗')).toMatchObject({ decision: 'partial', partial: { subject: '公积金贷款' } });
    expect(onSeeds('企业怎么从经营异常名录里移出')).toMatchObject({ decision: 'partial', partial: { subject: '经营异常名录' } });
    // Lending a card, handing a flat on, restoring a revoked licence: services of their own, no entry's.
    expect(onSeeds('社保卡能借给家人用吗')).toMatchObject({ decision: 'partial', partial: { subject: '社会保障卡' } });
    expect(onSeeds('公租房能转让给别人吗')).toMatchObject({ decision: 'partial', partial: { subject: '公共租赁住房' } });
    expect(onSeeds('营业执照被吊销了能恢复吗')).toMatchObject({ decision: 'partial', partial: { subject: '营业执照' } });
  });

  it('reads a verb after a materials word as how they were handed in, not as paying (材料交上去)', () => {
    expect(onSeeds('临时救助材料交上去要等多久')).toMatchObject({
      decision: 'answer',
      entry: 'temporary-assistance',
      section: 'timeLimit',
    });
    // Before the materials word as well (要交啥材料): the question names nothing but them.
    expect(onSeeds('要交啥材料').decision).not.toBe('answer');
  });

  it('answers no entry about a phrase of two subjects that one makes a thing no entry knows (钢琴补贴, 居住证照片), and says what it can answer', () => {
    const meals = published({
      key: 'senior-meal-subsidy',
      kind: 'guide',
      title: '老年人助餐补贴申请',
      questions: ['助餐补贴怎么申请', '老年人吃饭有补贴吗'],
      keywords: ['补贴'],
      answer: '年满六十周岁的本市户籍老年人可以在社区食堂享受助餐补贴，向社区提出申请。',
    });
    const card = published({
      key: 'disability-card',
      kind: 'guide',
      title: '残疾人证办理',
      questions: ['残疾人证怎么办'],
      keywords: ['残疾人证'],
      answer: '持身份证到户籍所在地县级残联申请，经评定后发放残疾人证。',
    });
    const small = buildKnowledgeIndex([meals, card], lexicon);
    const ask = (text: string) => matchQuestion(small, text, { now });
    expect(ask('钢琴补贴怎么申请')).toMatchObject({
      decision: 'partial',
      partial: { subject: '补贴', entries: ['senior-meal-subsidy'], kind: 'action' },
    });
    // The subject alone, or a word of the story apart from it, is still answered.
    expect(ask('补贴怎么申请')).toMatchObject({ decision: 'answer', entry: 'senior-meal-subsidy' });
    expect(ask('我爷爷想申请补贴')).toMatchObject({ decision: 'answer', entry: 'senior-meal-subsidy' });
    // On the seed base too: a dentist's is not the hospital whose fees are published.
    expect(onSeeds('牙科医院在哪')).toMatchObject({ decision: 'partial', partial: { subject: '医院' } });
    expect(onSeeds('医院收费在哪查')).toMatchObject({ decision: 'answer', entry: 'hospital-fee-disclosure' });
    // The phrase's head is what is asked: a thing no entry is about (照片) is not the permit it goes on.
    expect(onSeeds('居住证照片怎么拍')).toMatchObject({ decision: 'partial', partial: { subject: '居住证' } });
    expect(onSeeds('居住证怎么办')).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
  });

  it('answers no entry for a thing of the vocabulary named last that no entry of the base has (施工许可证), and says what it can answer', () => {
    expect(onSeeds('居住证能办施工许可证吗')).toMatchObject({
      decision: 'partial',
      partial: { subject: '居住证', entries: expect.arrayContaining(['residence-permit']), kind: 'action' },
    });
    expect(onSeeds('社保卡能买商业保险吗')).toMatchObject({ decision: 'partial', partial: { subject: '社会保障卡' } });
    // Named before what is asked, it is background; a word the vocabulary lacks (老乡) is the story's.
    expect(onSeeds('施工许可证办好了，居住证怎么办')).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
    expect(onSeeds('居住证怎么办 帮老乡问的')).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
    // A word of the vocabulary ending in a section cue (办理时限 of 多久处理) asks for that section of the entry, not for a thing.
    const permit = published({
      key: 'residence-permit',
      kind: 'guide',
      title: '居住证申领',
      questions: ['居住证怎么申请', '申请居住证要带什么', '居住证要等几天'],
      keywords: ['居住证'],
      answer: '在本市居住满半年的外地户籍人员，持身份证到居住地派出所申请居住证，十五日内发证。',
    });
    const passport = published({
      key: 'passport',
      kind: 'guide',
      title: '普通护照申领',
      questions: ['护照怎么申请'],
      keywords: ['护照'],
      answer: '本市户籍居民持身份证到出入境接待大厅申请护照，现场采集照片和指纹。',
    });
    const small = buildKnowledgeIndex([permit, passport], lexicon);
    expect(matchQuestion(small, '居住证申请多久处理', { now })).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
  });

  it("answers no entry about another kind of a thing than the one named (职工, 城乡居民: colloquial.yaml's alternatives)", () => {
    expect(onSeeds('职工养老保险怎么交').decision).not.toBe('answer');
    expect(onSeeds('城乡居民养老保险怎么交')).toMatchObject({ decision: 'answer', entry: 'resident-pension-insurance' });
    // Both kinds named: a comparison, which either entry may answer.
    expect(onSeeds('职工医保和居民医保有啥区别').decision).not.toBe('fallback');
    // Flexible workers insure themselves: the residents' scheme, which never names them, does not answer them.
    expect(onSeeds('打零工的灵活就业人员养老保险在哪交').decision).not.toBe('answer');
    // Schemes with personal accounts: the housing fund's balance is not the pension insurance's.
    expect(onSeeds('养老保险个人账户余额怎么查').candidates.map(({ entry }) => entry)).not.toContain('housing-fund-balance-query');
    expect(onSeeds('公积金个人账户里的钱在哪查')).toMatchObject({ decision: 'answer', entry: 'housing-fund-balance-query' });
    // One's own cards and certificates: renewing the identity card is neither the social security card nor the residence permit.
    expect(onSeeds('身份证到期换领').decision).not.toBe('answer');
    expect(onSeeds('居住证到期了咋续签')).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
    // The mayor's mailbox is not a county head's or a governor's.
    expect(onSeeds('县长信箱在哪').decision).not.toBe('answer');
    expect(onSeeds('给县长写封信怎么写').decision).not.toBe('answer');
    expect(onSeeds('市长信箱怎么写信')).toMatchObject({ decision: 'answer', entry: 'mayor-mailbox' });
    // Enrolling at a school is not sitting an entrance examination after it.
    expect(onSeeds('随迁子女能在这边参加高考吗').candidates.map(({ entry }) => entry)).not.toContain('migrant-children-enrolment');
  });

  it('reads 开始 as asking when, not as a thing an entry is about (a festival starting is not the heating season)', () => {
    expect(onSeeds('龙舟赛啥时候开始').candidates.map(({ entry }) => entry)).not.toContain('heating-season-start');
    expect(onSeeds('暖气什么时候开始烧')).toMatchObject({ decision: 'answer', entry: 'heating-season-start' });
  });

  it('reads 附近 as where to look, not as a thing an entry is about (附近的工厂 in a sample question)', () => {
    expect(onSeeds('附近哪有药店').decision).toBe('fallback');
    expect(onSeeds('附近的工厂排污信息在哪查')).toMatchObject({ decision: 'answer', entry: 'pollutant-discharge-disclosure' });
  });

  it("reads a business's yearly report (公司年报, 工商年报) as its own thing, not the government's disclosure 年报", () => {
    expect(onSeeds('公司年报今年啥时候截止').decision).toBe('fallback');
    expect(onSeeds('公司年报在哪里报送').decision).toBe('fallback');
    expect(onSeeds('政府信息公开年报在哪看')).toMatchObject({ decision: 'answer', entry: 'disclosure-annual-report' });
  });

  it('reads 咱市 and 我们市 as this city, which names nothing to match, as 本市 does', () => {
    expect(onSeeds('咱市失业金能领多久').terms).toEqual(onSeeds('本市失业金能领多久').terms);
    expect(onSeeds('我们市的统计公报在哪看').terms).toEqual(onSeeds('统计公报在哪看').terms);
  });

  it('reads services of their own (卖, 取消, 继承, 捐, 索赔, 推荐, 起草, 分期, 放假, 变更登记, 找回) as actions an entry must cover', () => {
    const actionOf = (word: string) => lexicon.actionOf.get(lexicon.synonyms.get(word) ?? word);
    expect([actionOf('卖掉'), actionOf('转卖'), actionOf('找回来'), actionOf('重置')]).toEqual(['出售', '出售', '找回', '找回']);
    // The entry on resettlement housing says how it is allotted, not whether it may be sold; the one on the
    // one-stop portal says how to register, not how to recover an account.
    expect(onSeeds('棚改安置房能卖掉吗')).toMatchObject({ decision: 'partial', partial: { subject: '安置房' } });
    expect(onSeeds('一网通办的账号怎么找回来')).toMatchObject({ decision: 'partial', partial: { subject: '账号' } });
    expect(onSeeds('一网通办怎么注册账号')).toMatchObject({ decision: 'answer', entry: 'one-network-service' });
    // 卖 alone, 取消 and 继承 ask for such a service too: selling public housing, cancelling a registration,
    // inheriting a fund's balance are no entry's (an answer mentioning 继承 tells how a tenancy ends, not that).
    expect([actionOf('卖'), actionOf('取消'), actionOf('继承')]).toEqual(['出售', '注销', '继承']);
    expect(lexicon.headActions.has('继承')).toBe(true);
    expect(onSeeds('公租房住满五年能卖吗')).toMatchObject({ decision: 'partial', partial: { subject: '公共租赁住房' } });
    expect(onSeeds('失业登记怎么取消')).toMatchObject({ decision: 'partial', partial: { subject: '失业登记' } });
    expect(onSeeds('公积金账户里的钱能继承吗')).toMatchObject({ decision: 'partial', partial: { subject: '住房公积金' } });
    // Donating (捐, 捐款) is a service of its own: the assistance entries say how to receive help, not how to give it.
    expect(actionOf('捐')).toBe('捐赠');
    expect(onSeeds('旧衣服能捐给特困供养的老人吗')).toMatchObject({ decision: 'partial', partial: { subject: '特困供养' } });
    // Claiming compensation (索赔, 要赔偿) too: the internship entry says how to take part, not what is owed after it.
    expect(actionOf('索赔')).toBe('赔偿');
    expect(onSeeds('见习单位提前让我走了能索赔吗')).toMatchObject({ decision: 'partial', partial: { subject: '见习' } });
    // Recommending someone and drafting a document too: no entry says who drafts the bulletin or whether tenants may recommend.
    expect([actionOf('推荐'), actionOf('撰写')]).toEqual(['推荐', '起草']);
    expect(onSeeds('统计公报由谁来撰写')).toMatchObject({ decision: 'partial', partial: { subject: '统计公报' } });
    expect(onSeeds('公租房能推荐朋友来租吗')).toMatchObject({ decision: 'partial', partial: { subject: '公共租赁住房' } });
    // Paying in instalments and a holiday asked of an office: the fee entry says how to pay, the centre's says its hours.
    expect([actionOf('分几次交'), actionOf('放假')]).toEqual(['分期', '放假']);
    expect(onSeeds('供暖费可以分几次交吗')).toMatchObject({ decision: 'partial', partial: { subject: '供暖费' } });
    expect(onSeeds('政务服务中心五一放假吗')).toMatchObject({ decision: 'partial', partial: { subject: '政务服务中心' } });
    // 变更登记 is one action, changing: its 登记 is not registering, which the licence entry covers.
    expect(actionOf('变更登记')).toBe('变更');
    expect(onSeeds('个体户改名字要去哪做变更登记')).toMatchObject({ decision: 'partial', partial: { subject: '个体工商户' } });
    expect(onSeeds('个体户怎么登记')).toMatchObject({ decision: 'answer', entry: 'individual-business-licence' });
    // 买了 sounds like 卖了: buying is never read as selling.
    expect(lexicon.actionOf.has('买了')).toBe(false);
    expect(onSeeds('买了房户口能迁过来吗').terms).not.toContain('出售');
  });

  it('answers no entry that never mentions the thing whose value or existence is asked (比例是多少, 有物业费吗: story.yaml)', () => {
    expect(lexicon.story.valueWords.has('是谁')).toBe(true);
    // The balance entry is about the housing fund but says nothing of a contribution rate: say what it can answer.
    expect(onSeeds('公积金单位缴存的比例有多少')).toMatchObject({ decision: 'partial', partial: { subject: '住房公积金' } });
    expect(onSeeds('便民代办员的工资是多少').decision).not.toBe('answer');
    // A value the entry does state, or an amount asked of an action (发多少), is answered as before.
    expect(onSeeds('公积金账户余额还剩多少')).toMatchObject({ decision: 'answer', entry: 'housing-fund-balance-query' });
    expect(onSeeds('低保每人每月发多少')).toMatchObject({ decision: 'answer', entry: 'minimum-living-allowance-standard' });
    // Opening hours are a value of the place named before them (几点关门 is 工作时间): the service centre's are not a temple's.
    expect(onSeeds('白马寺几点关门').decision).not.toBe('answer');
    expect(onSeeds('税务局上班时间是几点').decision).not.toBe('answer');
    expect(onSeeds('政务服务中心几点下班')).toMatchObject({ decision: 'answer', entry: 'government-service-center' });
    // Whether there is a thing (有X吗, 有没有X): an entry never mentioning it cannot say; one mentioning it may.
    expect(onSeeds('公租房有没有物业费')).toMatchObject({ decision: 'partial', partial: { subject: '公共租赁住房' } });
    expect(onSeeds('供暖费有发票吗')).toMatchObject({ decision: 'answer', entry: 'heating-fees' });
    // 有 without a closing particle does not ask whether (预警有几级 asks how many).
    expect(onSeeds('重污染预警有几级')).toMatchObject({ decision: 'answer', entry: 'heavy-pollution-alert' });
    // A value word the segmenter cuts in two (叫 啥) asks as well: the bureau's entry names no head of it.
    expect(onSeeds('行政审批局的负责人叫啥')).toMatchObject({ decision: 'partial', partial: { subject: '行政审批局' } });
    // Who holds an office is no entry's to state (story.yaml's officeHolders), though the mailbox entry names the mayor.
    expect(lexicon.story.officeHolders.has('市长')).toBe(true);
    expect(onSeeds('这届市长是谁')).toMatchObject({ decision: 'partial', partial: { subject: '市长' } });
    // Named alone, the office is no bare topic either.
    expect(onSeeds('市长是谁')).toMatchObject({ decision: 'partial', partial: { subject: '市长' } });
    expect(onSeeds('怎么给市长写信')).toMatchObject({ decision: 'answer', entry: 'mayor-mailbox' });
    // 大约 and 大概 say how exact, not what: the value asked is the rent's, which the entry states.
    expect(onSeeds('公租房的租金大约是多少')).toMatchObject({ decision: 'answer', entry: 'public-rental-housing-rent-exit' });
  });

  it('does not answer getting a document (办残疾人证) with an entry that asks for it among its materials', () => {
    const index = seedsIndex();
    expect(index.asksToBring('disability-two-subsidies', '残疾人证')).toBe(true);
    expect(index.asksToBring('residence-permit', '居住证')).toBe(false);
    // The subsidy entry needs the card; where to get the card is no entry's: say what can be answered about it.
    expect(onSeeds('残疾人证到哪儿去申请')).toMatchObject({ decision: 'partial', partial: { subject: '残疾人证' } });
    // The subsidy asked for, and a document an entry is about, are answered as before.
    expect(onSeeds('残疾人两项补贴要带什么材料')).toMatchObject({ decision: 'answer', entry: 'disability-two-subsidies' });
    expect(onSeeds('居住证怎么办')).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
  });

  it('does not answer a document or registration asked for last (办不动产登记) with an entry that never mentions it', () => {
    // The housing entries say how flats are allotted or rented; the registration asked for is another entry's subject.
    expect(onSeeds('棚改回迁房咋办不动产登记')).toMatchObject({ decision: 'partial', partial: { subject: '安置房' } });
    expect(onSeeds('租的保租房能做不动产登记不')).toMatchObject({ decision: 'partial', partial: { subject: '保障性租赁住房' } });
    // An entry mentioning the document, or a document named before what is asked, is answered as before.
    expect(onSeeds('不动产登记信息怎么查')).toMatchObject({ decision: 'answer', entry: 'real-estate-register-query' });
    expect(onSeeds('个体户营业执照要带啥')).toMatchObject({ decision: 'answer', entry: 'individual-business-licence' });
  });

  it('does not answer a question asking for what an entry names only as lacked (没有社保卡能办读者证吗 → 社保卡怎么申请)', () => {
    const readerCard = published({
      key: 'reader-card',
      kind: 'faq',
      title: '图书馆读者证办理',
      questions: ['读者证怎么办', '没有社保卡能办读者证吗'],
      answer: '凭身份证到图书馆总服务台当场办理读者证，押金全免；未成年人由监护人陪同。',
    });
    const swimming = published({
      key: 'swimming-pool',
      kind: 'faq',
      title: '全民健身游泳馆开放时间',
      questions: ['游泳馆几点开门'],
      answer: '游泳馆每天9:00至21:00开放，周一上午闭馆清洁。',
    });
    const lacking = buildKnowledgeIndex([readerCard, swimming], lexicon);
    expect(lacking.namesOnlyAsLacked('reader-card', '社会保障卡')).toBe(true);
    expect(lacking.namesOnlyAsLacked('reader-card', '读者证')).toBe(false);
    // The reader card needs no social security card; getting one is not what the entry tells.
    expect(matchQuestion(lacking, '社保卡怎么申请', { now }).decision).not.toBe('answer');
    // A question saying it lacks the card too, and one asking for the reader card, are the entry's.
    expect(matchQuestion(lacking, '我没有社保卡 能办读者证不', { now })).toMatchObject({ decision: 'answer', entry: 'reader-card' });
    expect(matchQuestion(lacking, '图书馆读者证要押金吗', { now })).toMatchObject({ decision: 'answer', entry: 'reader-card' });
  });

  it("does not take a thing an entry names only as lacked for its topic when the question names it beside the entry's subject", () => {
    // The newborn-insurance entry says insurance needs no 户口 first; registering the 户口 is not what it tells.
    expect(onSeeds('小孩刚出生上户口带什么')).toMatchObject({ decision: 'partial', entry: null });
    expect(onSeeds('娃刚出生想上户口咋弄')).toMatchObject({ decision: 'partial', entry: null });
    // Saying the 户口 is lacked too, it is the entry's question.
    expect(onSeeds('刚生的孩子还没上户口能办医保吗')).toMatchObject({ decision: 'answer', entry: 'newborn-medical-insurance' });
  });

  it('reads money left in an account (里头有多少钱, 还剩多少钱) as its balance, not a fee', () => {
    expect(lexicon.synonyms.get('还剩多少钱')).toBe('余额');
    // Read as 多少钱, the amount looked like a fee: the withdrawal entry's fee section answered it.
    expect(onSeeds('公积金账户里头有多少钱在哪查')).toMatchObject({ decision: 'answer', entry: 'housing-fund-balance-query' });
    expect(onSeeds('公积金卡里还剩多少钱')).toMatchObject({ decision: 'answer', entry: 'housing-fund-balance-query' });
  });

  it('keeps permits and roles the knowledge base lacks whole (dictionary.yaml), so that their parts match no other entry', () => {
    // Cut into 排污 / 许可 / 证, the permit offered the company registration and enterprise credit entries (公司, 许可).
    expect(onSeeds('公司的排污许可证怎么办理')).toMatchObject({ decision: 'fallback', terms: ['公司', '排污许可证', '办理'] });
    // Cut into 统计 / 调查 / 员, the role was offered the statistical bulletin alone.
    expect(onSeeds('统计调查员在哪报名').decision).toBe('fallback');
  });

  it('reads a length of time (一个月) as no subject, so that an entry whose sample question names one is not about it', () => {
    // The disclosure-fee entry asks about requests made within a month: a carer's monthly fee is not its answer.
    expect(onSeeds('陪护一个月要交多少钱').decision).toBe('fallback');
    // An amount per month of a thing an entry is about is answered as before.
    expect(onSeeds('公租房租金一个月多少钱')).toMatchObject({ decision: 'answer', entry: 'public-rental-housing-rent-exit' });
  });

  it('reads an amount received (领多少钱: receivingActions) as the amount asked, which a fee section does not state', () => {
    expect([...lexicon.receivingActions]).toEqual(['领取']);
    // The unemployment benefit entry says how to claim, and that claiming is free, but states no amount paid out.
    expect(onSeeds('失业保险金能领多少钱')).toMatchObject({ decision: 'partial', partial: { subject: '失业保险金' } });
    // An entry stating the amount received still answers it.
    expect(onSeeds('低保每人能领多少钱')).toMatchObject({
      decision: 'answer',
      entry: 'minimum-living-allowance-standard',
      section: 'criteria',
    });
  });

  it('reads an action said done (交了, 办了) as what happened when another is asked right after it (能退吗)', () => {
    expect(lexicon.actionOf.get(lexicon.synonyms.get('能退') ?? '能退')).toBe('退还');
    // Paying is what was done, a refund is asked: the enrolment entry says how to pay, not whether it is refunded.
    expect(onSeeds('居民医保的钱交了还能退吗')).toMatchObject({ decision: 'partial', partial: { subject: '城乡居民医疗保险' } });
    // The action asked after the done one is still answered where an entry covers it.
    expect(onSeeds('社保卡办了能换吗')).toMatchObject({ decision: 'answer', entry: 'social-security-card-replace' });
    // A done action with no other asked after it is what the question is about.
    expect(onSeeds('低保申请了多久能批下来')).toMatchObject({ decision: 'answer', entry: 'minimum-living-allowance-apply' });
  });

  it('answers a change of owner (购买: headActions) only with an entry whose head names it, not one whose answer mentions it', () => {
    // The public-housing exit entry mentions buying a home as a reason to leave, not buying the flat itself.
    expect(onSeeds('租的公租房可以买下来产权吗')).toMatchObject({ decision: 'partial', partial: { subject: '公共租赁住房' } });
    // Another action the same answer mentions still fits it (租金 is what the entry states).
    expect(onSeeds('公租房的租金怎么交')).toMatchObject({ decision: 'answer', entry: 'public-rental-housing-rent-exit' });
  });

  it('reads 交房 as handing over a flat, one word, not as paying (交) for a 房', () => {
    expect(onSeeds('开发商交房晚了怎么办').terms).toEqual(expect.arrayContaining(['交房']));
    expect(onSeeds('开发商交房晚了怎么办').terms).not.toContain('缴纳');
    // No entry is about a flat's handing over: none is offered for paying heating fees or the like.
    expect(onSeeds('商品房交房以后面积不够').decision).toBe('fallback');
  });

  it('reads a parcel (快递) as a thing of its own, and sending by courier (寄快递, 快递申请) as posting', () => {
    expect(lexicon.synonyms.has('快递')).toBe(false);
    expect([lexicon.synonyms.get('寄快递'), lexicon.synonyms.get('快递申请')]).toEqual(['邮寄', '邮寄']);
    // Tracking a parcel is no entry's: the entry on applying by post is not its answer.
    expect(onSeeds('快递到哪儿了在哪查').decision).not.toBe('answer');
    expect(onSeeds('通过快递申请公开行不行')).toMatchObject({ decision: 'answer', entry: 'disclosure-apply-by-letter' });
  });

  it('reads 上户口 as a thing (a household registration), not as the action 登记 other entries name', () => {
    expect(lexicon.actionOf.has('上户口')).toBe(false);
    expect(lexicon.synonyms.get('上户')).toBe('上户口');
  });

  it('knows marriage registration, so that an entry about moving a household registration does not answer it', () => {
    expect(lexicon.synonyms.get('结婚登记')).toBe('婚姻登记');
    expect(onSeeds('结婚登记要带什么证件').decision).not.toBe('answer');
  });

  it('keeps whole the names of services confused with known ones, so that their qualifier is not dropped', () => {
    // 港澳台 / 长期 / 资质 cut off would leave 居住证, 护理 保险, 环评 to answer.
    expect(onSeeds('港澳台居民居住证在哪里办理').decision).not.toBe('answer');
    expect(onSeeds('长期护理保险需要什么材料').decision).not.toBe('answer');
    expect(onSeeds('环评资质去哪办').decision).not.toBe('answer');
  });

  it('answers the one of close siblings that has every subject named, when each other lacks a telling one', () => {
    const gate = (ranked: ScoredCandidate[], terms: string[]) => seedGate(ranked, terms);
    // The allowance's standard only mentions 低保边缘家庭; the low-income entry is about it.
    const close = [
      { entry: 'minimum-living-allowance-standard', score: 0.55 },
      { entry: 'low-income-family-recognition', score: 0.51 },
    ];
    expect(gate(close, ['低保边缘家庭', '收入', '低保标准'])).toMatchObject({
      decision: 'answer',
      entry: 'low-income-family-recognition',
      candidates: [{ entry: 'low-income-family-recognition' }, { entry: 'minimum-living-allowance-standard' }],
    });
    // 期限 is a word of everyday business: it tells no sibling apart.
    const disclosure = [
      { entry: 'disclosure-reply-deadline', score: 0.5 },
      { entry: 'disclosure-apply-by-letter', score: 0.46 },
    ];
    expect(gate(disclosure, ['申请', '期限', '答复']).decision).toBe('clarify');
  });

  it('answers the one of close siblings whose head names the service asked, not one whose answer only mentions it', () => {
    // The application entry's answer mentions renewing; only the rent and exit entry is about it.
    const close = [
      { entry: 'public-rental-housing-apply', score: 0.53 },
      { entry: 'public-rental-housing-rent-exit', score: 0.51 },
    ];
    const gate = (terms: string[], stated?: ReadonlySet<string>) => seedGate(close, terms, stated);
    expect(lexicon.actionOf.get('续租')).toBe('续期');
    expect(gate(['公共租赁住房', '办理', '续租', '手续'])).toMatchObject({
      decision: 'answer',
      entry: 'public-rental-housing-rent-exit',
      candidates: [{ entry: 'public-rental-housing-rent-exit' }, { entry: 'public-rental-housing-apply' }],
    });
    // A service the question says happened (续租了) asks for no sibling of its own.
    expect(gate(['公共租赁住房', '办理', '续租', '手续'], new Set(['续期'])).decision).toBe('clarify');
    // A general action (办理) tells no sibling apart.
    expect(gate(['公共租赁住房', '办理', '手续']).decision).toBe('clarify');
  });

  it('answers a sibling scoring below an answer, in place of the best entry not covering the action, only when its head names the service asked', () => {
    const gate = (ranked: ScoredCandidate[], terms: string[]) => seedGate(ranked, terms);
    // Enrolling names no 领取; the student aid, scoring below an answer, fits it only as any benefit does (a guess).
    const benefits = [
      { entry: 'migrant-children-enrolment', score: 0.48 },
      { entry: 'student-financial-aid', score: 0.36 },
    ];
    expect(gate(benefits, ['领取', '居住证', '孩子', '上学', '就医']).entry).toBeNull();
    // The company's registration names no 查询; the enterprise information entry's head does: it is what was asked.
    const company = [
      { entry: 'company-registration', score: 0.53 },
      { entry: 'enterprise-credit-info-query', score: 0.33 },
    ];
    expect(gate(company, ['投资', '公司', '查询', '公司设立登记', '资本', '成立'])).toMatchObject({
      decision: 'answer',
      entry: 'enterprise-credit-info-query',
    });
  });

  it('answers the entry whose title names the general action asked, beside the interpretations of the same policy', () => {
    const close = [
      { entry: 'farmland-subsidy-policy', score: 0.8 },
      { entry: 'farmland-subsidy-apply', score: 0.8 },
    ];
    const gate = (text: string) => {
      const { terms } = matchQuestion(farmland, text, { now });
      const asksWhether = lexicon.questionForms.canQuestion.test(text);
      return decideByStructure(
        close,
        readStructure(terms, farmland, { asksWhether }),
        farmland,
        DEFAULT_MATCH_THRESHOLDS,
        () => true,
        () => [],
      );
    };
    expect(gate('耕地地力保护补贴咋申请')).toMatchObject({ decision: 'answer', entry: 'farmland-subsidy-apply' });
    // Whether one may apply is who qualifies, which the interpretation tells as much.
    expect(gate('种地的能申请耕地地力保护补贴吗').decision).toBe('clarify');
    // 办理 is said in no title: it tells the two apart no more than the subject does.
    expect(gate('耕地地力保护补贴怎么办理').decision).toBe('clarify');
  });

  it('answers what only a service tells (materials, procedure, location) with the close entry of the same policy that has it, not its interpretation', () => {
    const answered = {
      decision: 'answer' as const,
      entry: 'farmland-subsidy-policy',
      candidates: [
        { entry: 'farmland-subsidy-policy', score: 0.68 },
        { entry: 'farmland-subsidy-apply', score: 0.62 },
      ],
    };
    expect(toService(answered, farmland, () => 'materials')).toMatchObject({
      decision: 'answer',
      entry: 'farmland-subsidy-apply',
      candidates: [{ entry: 'farmland-subsidy-apply' }, { entry: 'farmland-subsidy-policy' }],
    });
    // How long or how much may be the policy's own; nothing asked, the answer stands.
    expect(toService(answered, farmland, () => 'timeLimit')).toBe(answered);
    expect(toService(answered, farmland, () => null)).toBe(answered);
  });

  it('answers a document named alone with the one entry about it titled by no service, when it names the document whole', () => {
    const entry = (key: string, title: string, keywords: string[]): MatchableEntry =>
      published({ key, kind: 'guide', title, keywords, answer: `${title}请到市文化和旅游局窗口办理。` });
    const guides = buildKnowledgeIndex(
      [
        entry('guide-card-apply', '导游证首次申领', ['导游证']),
        entry('guide-card-replace', '导游证换领', ['导游证到期']),
        entry('guide-card-cancel', '导游证注销', ['导游证作废']),
      ],
      lexicon,
    );
    expect(matchQuestion(guides, '导游证', { now })).toMatchObject({ decision: 'answer', entry: 'guide-card-apply' });
    // A second entry titled by no service: the thing alone tells neither, and both are listed with the rest.
    const more = buildKnowledgeIndex(
      [
        entry('guide-card-apply', '导游证首次申领', ['导游证']),
        entry('guide-card-rules', '导游证管理规定', ['导游证管理']),
        entry('guide-card-cancel', '导游证注销', ['导游证作废']),
      ],
      lexicon,
    );
    expect(matchQuestion(more, '导游证', { now }).decision).toBe('partial');
  });

  it('reads every action followed by 了 or 过 as said to have happened, whatever follows', () => {
    const seeds = seedsIndex();
    const places = new Places(loadCity('config/city.yaml'));
    const asked = (text: string) => matchQuestion(seeds, text, { now: new Date('2026-11-25T02:00:00Z'), places });
    // 交了 with no action after it is background: the balance entry (about paying in) is not picked for it.
    expect(asked('以前在外地单位给交了公积金 现在在洛阳上班 咋合并到一起')).toMatchObject({
      decision: 'clarify',
      candidates: [{ entry: 'housing-fund-balance-query' }, { entry: 'housing-fund-transfer' }],
    });
  });

  it('answers a lone offer that has every subject named in a head field and every action asked, when a subject is telling', () => {
    // The heating-fee entry is close but covers none of the subjects: only the low-income entry is offered.
    const close = [
      { entry: 'low-income-family-recognition', score: 0.53 },
      { entry: 'heating-fees', score: 0.5 },
    ];
    const gate = (terms: string[]) => seedGate(close, terms);
    expect(gate(['低保边缘家庭', '领取'])).toMatchObject({ decision: 'answer', entry: 'low-income-family-recognition' });
    // 注销 is asked too, which the entry never mentions: still offered, not answered.
    expect(gate(['低保边缘家庭', '申请', '注销'])).toMatchObject({
      decision: 'clarify',
      candidates: [{ entry: 'low-income-family-recognition' }],
    });
  });

  it('reads a way of asking (是干嘛的, 为啥) as no subject: an entry whose sample question asks the same way is not about the thing asked of', () => {
    const seeds = seedsIndex();
    expect(isSubjectWord('干什么', seeds)).toBe(false);
    expect(isSubjectWord('为什么', seeds)).toBe(false);
    expect(isSubjectWord('行政审批局', seeds)).toBe(true);
    // The hotline's and the approval bureau's entries ask 是干什么的 of themselves, not of another number.
    expect(onSeeds('12366是干嘛的')).toMatchObject({ decision: 'fallback', entry: null });
    expect(onSeeds('行政审批局是弄啥的')).toMatchObject({ decision: 'answer', entry: 'administrative-approval-bureau' });
  });

  it('reads a directional complement (调出来, 复印出来) as no subject: an entry whose sample question has one is not about it', () => {
    expect(isSubjectWord('出来', seedsIndex())).toBe(false);
    // The allowance's sample question asks how it is 算出来: that says nothing of a medical record.
    expect(onSeeds('病历能复印出来吗')).toMatchObject({ decision: 'fallback', candidates: [] });
  });

  it('does not switch to a sibling having the action asked when it only mentions a telling subject the best entry is about', () => {
    // The internship entry is about 见习 but states no 标准; the graduates' policy mentions 见习 among much else.
    const ranked = [
      { entry: 'employment-internship', score: 0.62 },
      { entry: 'graduate-employment-policy', score: 0.43 },
    ];
    expect(seedGate(ranked, ['见习', '补贴', '标准'])).toMatchObject({ decision: 'partial', subject: '见习' });
    // A sibling whose head names the service asked (查询) is still what was asked.
    expect(onSeeds('想核实一家公司的注册登记信息 去哪查询').entry).toBe('enterprise-credit-info-query');
  });

  it('does not switch to a sibling whose head names the service asked when it names no part of a telling subject the best entry is about', () => {
    // 标准 is read off the living allowance here: the renovation subsidy's head names 标准, but nothing of 就业见习.
    const ranked = [
      { entry: 'employment-internship', score: 0.61 },
      { entry: 'rural-dilapidated-house-renovation', score: 0.43 },
    ];
    expect(seedGate(ranked, ['就业见习', '生活', '补助', '标准'])).toMatchObject({ decision: 'partial', subject: '就业见习' });
    expect(onSeeds('见习期的生活费标准')).toMatchObject({ decision: 'partial', partial: { subject: '就业见习' } });
  });

  it('does not pick the sibling naming every subject when the head of another names a service asked that it lacks', () => {
    // Company registration names 注册资本 in its head; the enterprise lookup's head names 查询, which registration lacks.
    const ranked = [
      { entry: 'enterprise-credit-info-query', score: 0.55 },
      { entry: 'company-registration', score: 0.54 },
    ];
    expect(seedGate(ranked, ['查询', '企业', '注册资本', '收费'])).toMatchObject({ decision: 'clarify' });
    expect(onSeeds('查企业的注册资本要收费吗')).toMatchObject({ decision: 'clarify', entry: null });
  });

  it('uses the given thresholds', () => {
    const strict = { answerMin: 0.99, minMargin: 0.5, clarifyMin: 0.98, clarifyWindow: 0.1 };
    expect(matchQuestion(index, '公积金贷款要什么条件', { now, thresholds: strict }).decision).toBe('fallback');
  });
});

describe('availability', () => {
  const entry = (overrides: Partial<MatchableEntry>): MatchableEntry => ({ ...ENTRIES[5], ...overrides });
  const only = (overrides: Partial<MatchableEntry>) => buildKnowledgeIndex([entry(overrides)], lexicon);
  const ask = (overrides: Partial<MatchableEntry>, at: Date, includeDrafts?: boolean) =>
    matchQuestion(only(overrides), '棚改补偿怎么算', { now: at, includeDrafts }).decision;

  it('answers a story whose question clause names no subject about the topic named just before it', () => {
    // The side words of the story (收银员, 超市, 关门) leave 失业登记 a small share of its subjects; the
    // question (有什么用) asks about the clause before it.
    expect(onSeeds('我在超市当了五年收银员，上个月超市关门了，听说能办失业登记，登记完有什么用')).toMatchObject({
      decision: 'answer',
      entry: 'employment-registration-card',
    });
    // A topic named before is no answer to a question about something no entry covers.
    expect(onSeeds('我在厂里干了十来年，厂子倒闭了，听说能办失业登记，楼下路灯坏了好几天，该找谁').decision).not.toBe('answer');
  });

  it('answers where to apply when the story says the family has hardly any income (没啥收入 asks nothing)', () => {
    expect(onSeeds('我姨在农村，腿脚不好也没什么收入，想给她申请低保，去哪申请')).toMatchObject({
      decision: 'answer',
      entry: 'minimum-living-allowance-apply',
      section: 'location',
    });
  });

  it('never answers drafts unless drafts are included', () => {
    expect(ask({ status: 'draft' }, now)).toBe('fallback');
    expect(ask({ status: 'draft' }, now, true)).toBe('answer');
  });

  it('never answers archived entries, not even with drafts included', () => {
    expect(ask({ status: 'archived' }, now)).toBe('fallback');
    expect(ask({ status: 'archived' }, now, true)).toBe('fallback');
  });

  it('answers only within validFrom..validUntil, in Asia/Shanghai calendar days', () => {
    const valid = { validFrom: '2025-01-01', validUntil: '2025-06-30' };
    expect(ask(valid, new Date('2025-06-30T15:59:59Z'))).toBe('answer'); // 23:59:59 on the 30th in Shanghai
    expect(ask(valid, new Date('2025-06-30T16:00:00Z'))).toBe('fallback'); // 00:00 on July 1st in Shanghai
    expect(ask(valid, new Date('2024-12-31T16:00:00Z'))).toBe('answer'); // 00:00 on January 1st in Shanghai
    expect(ask(valid, new Date('2024-12-31T15:59:59Z'))).toBe('fallback');
    expect(ask({ ...valid, status: 'draft' }, new Date('2025-07-02T00:00:00Z'), true)).toBe('fallback');
  });

  it('prefers a valid entry over an expired one on the same topic', () => {
    const old = { ...ENTRIES[4], key: 'allowance-standard-2024', validUntil: '2024-12-31' };
    const current = { ...ENTRIES[4], validFrom: '2025-01-01' };
    const both = buildKnowledgeIndex([old, current], lexicon);
    expect(matchQuestion(both, '低保标准是多少', { now }).entry).toBe('allowance-standard');
  });

  it('computes the Shanghai calendar day', () => {
    expect(shanghaiDate(new Date('2025-01-31T16:30:00Z'))).toBe('2025-02-01');
    // Around midnight in Shanghai (16:00 UTC), asked in any order: the day remembered from the last call never leaks.
    const instants = [
      '2025-01-31T15:59:59.999Z',
      '2025-01-31T16:00:00.000Z',
      '2025-01-31T15:59:59.999Z',
      '2025-02-01T15:59:59.999Z',
      '2025-02-01T16:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
    ];
    expect(instants.map((at) => shanghaiDate(new Date(at)))).toEqual([
      '2025-01-31',
      '2025-02-01',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '1970-01-01',
    ]);
    expect(isAnswerable(entry({}), '2025-02-01')).toBe(true);
    expect(isAnswerable(entry({ validFrom: '2025-02-02' }), '2025-02-01')).toBe(false);
  });
});
