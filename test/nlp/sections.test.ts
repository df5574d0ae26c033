import { createLexicon, loadLexicon, sectionsFileSchema } from '../../src/understanding/nlp/lexicon';
import { normalize } from '../../src/understanding/nlp/normalize';
import { askedPart, detectSection, sectionListing, sectionStatingAsked } from '../../src/understanding/nlp/sections';

const lexicon = loadLexicon('seeds/nlp');
const WHOLE_ASKED = { kind: 'whole', reason: 'asked' };
const detect = (text: string, kind?: 'guide' | 'interpretation' | 'faq') => detectSection(normalize(text), lexicon, kind);

describe('detectSection', () => {
  it.each([
    ['公租房申请要带什么材料', 'materials'],
    ['需要准备哪些东西', 'materials'],
    ['办社保卡要多久', 'timeLimit'],
    ['几个工作日能办好', 'timeLimit'],
    ['办居住证要钱吗', 'fee'],
    ['收费吗', 'fee'],
    ['在哪里办', 'location'],
    ['地址是哪', 'location'],
    ['咨询电话多少', 'contact'],
    ['这个规定的依据是什么', 'basis'],
    ['申请公租房需要什么条件', 'conditions'],
    ['谁能申请', 'conditions'],
    ['办理流程是怎样的', 'procedure'],
    // Everyday cues added for issue #18: the latest day, immediately, which branch, which law.
    ['补正材料最晚什么时候交', 'timeLimit'],
    ['交完能马上用吗', 'timeLimit'],
    ['哪个网点能办', 'location'],
    ['依的是哪条法律', 'basis'],
    ['要提交哪些', 'materials'],
  ] as const)('%s → %s (guide)', (text, section) => {
    expect(detect(text, 'guide')).toBe(section);
  });

  it.each([
    ['棚改补偿标准是多少', 'criteria'],
    ['农村危房改造补助多少钱', 'criteria'],
    ['新旧政策有什么不同', 'changes'],
    ['和以前比有什么变化', 'changes'],
    ['出台背景是什么', 'background'],
    ['哪些人能享受', 'scope'],
    ['货币化安置是什么意思', 'terms'],
    ['学校能收哪些费用', 'content'],
    ['这个政策都包括哪些', 'content'],
    ['条例修订了 主要改了啥', 'changes'],
    ['低保户能享受什么', 'benefits'],
    ['过程性信息怎么理解', 'terms'],
  ] as const)('%s → %s (interpretation)', (text, section) => {
    expect(detect(text, 'interpretation')).toBe(section);
  });

  // Everyday ways of asking for time, money, place, who qualifies, what it says and how it grades.
  it.each([
    ['营业执照当天能拿吗', 'guide', 'timeLimit'],
    ['一般几月份发', 'guide', 'timeLimit'],
    ['试用期多长', 'guide', 'timeLimit'],
    ['门诊能报多少', 'guide', 'fee'],
    ['缴费有哪几个档次', 'guide', 'fee'],
    ['哪个网站能查到', 'guide', 'location'],
    ['办事大厅从哪进', 'guide', 'location'],
    ['老人得有本地户口吗', 'guide', 'conditions'],
    ['被退回了能重新办吗', 'guide', 'procedure'],
    ['这份文件写了什么', 'interpretation', 'content'],
    ['对企业有哪些补贴', 'interpretation', 'content'],
    ['噪声超过多少算不算超标', 'interpretation', 'criteria'],
    ['橙色预警是什么级别', 'interpretation', 'criteria'],
    ['这次修订动了哪些地方', 'interpretation', 'changes'],
  ] as const)('%s → %s: %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  // Where a thing is asked with 哪里有 as with 哪有: the place, not whether it exists.
  it.each([
    ['城东哪里有献血点', 'guide', 'location'],
    ['退休证明哪儿有得开', 'guide', 'location'],
  ] as const)('%s → %s: %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  // How many steps it takes, how an amount is set, whether to bring a named document.
  it.each([
    ['开网店备案分几步', 'guide', 'procedure'],
    ['考驾照一共有哪几步', 'guide', 'procedure'],
    ['办护照要带身份证不', 'guide', 'materials'],
    ['物业费是怎么定的', 'interpretation', 'criteria'],
    ['独生子女奖励按啥算', 'interpretation', 'criteria'],
  ] as const)('%s → %s: %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  it('answers "within how many days" from the one section stating a period when the entry has no timeLimit section', () => {
    const period = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const review = { procedure: '1. 提交书面申请；2. 收到决定之日起60日内申请复议。', contact: '12345热线。' };
    expect(period('对处罚不服几天内要提出来', review)).toBe('procedure');
    // Not a question about time, a timeLimit section of its own, or periods in two sections.
    expect(period('对处罚不服找谁', review)).toBeNull();
    expect(period('对处罚不服几天内要提出来', { ...review, timeLimit: '20个工作日内办结。' })).toBeNull();
    expect(period('对处罚不服几天内要提出来', { ...review, notes: '逾期3个月内可补交。' })).toBeNull();
    // A policy interpretation has no timeLimit section: its notes say within how many days to object.
    expect(
      period('对评估结果有异议 几天内要提', {
        content: '按评估结果补偿。',
        notes: '对评估结果有异议的，可在收到报告之日起10日内申请复核。',
      }),
    ).toBe('notes');
  });

  it('answers how much or whether free from the one section stating an amount when the entry has no fee or criteria section', () => {
    const stated = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const rides = { content: '持卡老人乘坐市内公交免费；进入公园景区免收门票。', scope: '年满70周岁的本市户籍老人。' };
    expect(stated('老人坐公交要钱吗', rides)).toBe('content');
    const grant = { benefits: '每人每月发放300元，按季度打卡。', notes: '冒领的追回并记入信用记录。' };
    expect(stated('每个月发多少钱', grant)).toBe('benefits');
    // Not asked, a fee or criteria section of its own, amounts in two sections, or a length asked of an amount.
    expect(stated('老人坐公交怎么办卡', rides)).toBeNull();
    expect(stated('老人坐公交要钱吗', { ...rides, fee: '不收费。' })).toBeNull();
    expect(stated('每个月发多少钱', { ...grant, criteria: '按人头计发。' })).toBeNull();
    expect(stated('老人坐公交要钱吗', { ...rides, notes: '补办卡片收取工本费20元。' })).toBeNull();
    expect(stated('每个月几号发', grant)).toBeNull();
  });

  it('answers how much asked by an amount word alone from the one section other than the fee stating a sum of money', () => {
    const stated = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const allowance = {
      content: '独居老人每人每月补贴600元，按月打卡。',
      criteria: '年满80周岁且独自居住的本市户籍老人。',
      notes: '入住养老机构的停发。',
    };
    // A criteria section stating who qualifies does not keep the amount from the section stating it; 好多 asks as 多少.
    expect(stated('独居老人一个月能领多少', allowance)).toBe('content');
    expect(stated('独居老人一个月能领好多呀', allowance)).toBe('content');
    // A count asked (多少人), a fee stating what one pays, sums in two sections, or no amount word: no section.
    expect(stated('独居老人补贴要多少人签字', allowance)).toBeNull();
    expect(stated('独居老人一个月能领多少', { ...allowance, content: '按月打卡。', fee: '体检费每次50元。' })).toBeNull();
    expect(stated('独居老人一个月能领多少', { ...allowance, notes: '停发后多领的600元要退回。' })).toBeNull();
    expect(stated('独居老人补贴怎么领', allowance)).toBeNull();
  });

  it('answers how long from the one section stating a length right after what the question names, when none states a period within', () => {
    const stated = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const leave = { content: '职工生育后可享受带薪假期，按规定计发津贴。', benefits: '女职工产假120天，配偶护理假15天。' };
    expect(stated('配偶护理假放几天', leave)).toBe('benefits');
    // A length after words the question does not name (连续闲置6个月: not how early to renew), or named in two sections.
    expect(stated('续租要提前多久申请', { content: '连续闲置6个月以上的应当退回。', basis: '管理办法。' })).toBeNull();
    expect(stated('配偶护理假放几天', { ...leave, notes: '护理假15天须一次休完。' })).toBeNull();
    expect(stated('配偶护理假放几天', { ...leave, content: '配偶护理假期间工资照发，护理假15天。' })).toBeNull();
  });

  it('answers how long from the one section stating a period within counted in hours', () => {
    const stated = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const leak = { content: '接到报修后，燃气公司应在2小时内到场处置。', notes: '私自改管的责任自负。' };
    expect(stated('燃气漏了报修后多长时间能来人', leak)).toBe('content');
  });

  it('answers when from the one section stating the event before or after which it is done, when none states a period', () => {
    const stated = (text: string, sections: Record<string, string>) => sectionStatingAsked(normalize(text), lexicon, sections);
    const tax = { content: '首套住房按1%缴纳。', notes: '印花税在签订购房合同后申报缴纳，可网上办理。' };
    expect(stated('印花税啥时候交', tax)).toBe('notes');
    const grant = { benefits: '验收后一次性补助。', notes: '补助申请在改造完工验收之后向街道提出。', scope: '本市城区老旧小区。' };
    expect(stated('改造补助什么时候申请', grant)).toBe('notes');
    // Moments in two sections, a period within that another section states, or no time asked: no section.
    expect(stated('印花税啥时候交', { ...tax, content: '在办理过户前核定税额。' })).toBeNull();
    expect(stated('印花税啥时候交', { ...tax, content: '合同签订30日内申报。' })).toBe('content');
    expect(stated('印花税怎么交', tax)).toBeNull();
  });

  it('reads a yes/no "can I" question as asking who qualifies, unless a cue names another section', () => {
    expect(detect('退休了还能申请吗', 'guide')).toBe('conditions');
    expect(detect('没有本地户口可以办不', 'guide')).toBe('conditions');
    expect(detect('个体户能不能领这个补贴啊', 'guide')).toBe('conditions');
    expect(detect('考驾照需要本地户口吗', 'guide')).toBe('conditions');
    expect(detect('需要交钱不', 'guide')).toBe('fee');
    // Whether it can be done within a period the citizen names asks how long it takes.
    expect(detect('护照两周能办好吗', 'guide')).toBe('timeLimit');
    expect(detect('退休证5个工作日能拿到不', 'guide')).toBe('timeLimit');
    expect(detect('缴满15年能领吗', 'guide')).toBe('conditions');
    expect(detect('能免费办吗', 'guide')).toBe('fee');
    expect(detect('能在网上办吗', 'interpretation')).toBeNull();
    // An app or a way of paying named is such a way too (微信上能交吗, 能按月交不).
    expect(detect('医保费微信上可以缴吗', 'guide')).toBeNull();
    expect(detect('这个保险能按月交不', 'guide')).toBeNull();
    expect(detect('居住证怎么办', 'guide')).toBeNull();
  });

  it('reads a few days or years ago (前几天, 这几年) as telling the story, not asking how long', () => {
    expect(detect('这几年一直在外地打工 现在回来了 能办居住证不', 'guide')).toBe('conditions');
    expect(detect('好几天了还没人上门 该咋办', 'guide')).toBeNull();
    expect(detect('前几个月刚买了房 能领补贴不', 'guide')).toBe('conditions');
    // Asked, they still ask how long.
    expect(detect('要等几天', 'guide')).toBe('timeLimit');
  });

  it('reads how long, how much and how big asked with 好 (好久, 好多钱, 好大) as with 多, not where 好 says "very"', () => {
    expect(detect('换个驾照要等好久', 'guide')).toBe('timeLimit');
    expect(detect('补办结婚证好多钱', 'guide')).toBe('fee');
    expect(detect('门头招牌能做好大', 'interpretation')).toBe('criteria');
    // A thing done, or for a long time not: the story, not what is asked.
    expect(detect('排队排了好久 窗口在哪', 'guide')).toBe('location');
    expect(detect('路灯坏了好久没人管 该咋办', 'guide')).toBeNull();
  });

  // What each phrase asks, not the cue inside it: how many copies, which number, what one finds, how far it has got.
  it.each([
    ['申请表一共交几份', 'guide', 'materials'],
    ['退休金的事该打哪个热线', 'guide', 'contact'],
    ['公示平台上能查到哪些', 'faq', 'content'],
    ['价目表上要列出哪几样', 'interpretation', 'content'],
    ['去年说要修的那条路 现在进展到哪了', 'guide', null],
    ['上周交的申请办到哪了', 'guide', null],
  ] as const)('%s → %s (%s: everyday cues of session 17)', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  it('reads a period or a date told in a clause other than the one asking whether one can as the story, not as how long', () => {
    expect(detect('营业执照还有三个月到期 现在能申请延续吗', 'guide')).toBe('conditions');
    expect(detect('闺女十月才满六岁 今年能报名上一年级不', 'guide')).toBe('conditions');
    // In the can clause the period is what is asked.
    expect(detect('材料齐了 两周能办好吗', 'guide')).toBe('timeLimit');
  });

  it.each([
    ['外地孩子在这上学 几月报名', 'timeLimit'],
    ['补贴从哪个月开始发', 'timeLimit'],
    ['附近哪有招聘会', 'location'],
    ['哪家银行能当场拿卡', 'location'],
    ['备案有什么渠道办', 'location'],
    ['报销要哪些票据', 'materials'],
    // How long one must have lived or paid (住够多久) is a condition, like 满多久.
    ['得在这住够多久才能办', 'conditions'],
    // 手续 (procedure) inside 手续费 (a fee): the longer word names the aspect.
    ['贷款的手续费是多少', 'fee'],
    ['缴费基数能自己定吗', 'fee'],
    ['外地怎么打这个热线', 'contact'],
  ] as const)('%s → %s (guide: everyday cues of session 13)', (text, section) => {
    expect(detect(text, 'guide')).toBe(section);
  });

  it('gives where to apply from the procedure of an entry without a location section, and reads 到哪一步 as no place', () => {
    const withoutLocation = new Set(['procedure', 'materials'] as const);
    expect(detectSection(normalize('助学贷款应该去哪儿申请'), lexicon, 'guide', withoutLocation)).toBe('procedure');
    expect(detectSection(normalize('助学贷款应该去哪儿申请'), lexicon, 'guide')).toBe('location');
    expect(detectSection(normalize('诉求办到哪一步了'), lexicon, 'guide')).toBeNull();
  });

  it('reads whether there is a thing (有…吗) as asking for the whole answer, not who qualifies', () => {
    expect(detect('村里有帮着办事的人没', 'guide')).toBeNull();
    expect(detect('老人有啥补贴吗', 'guide')).toBeNull();
    expect(detect('没工作的人有资格吗', 'guide')).toBe('conditions');
  });

  it('reads a fine asked about as the notes of a policy', () => {
    expect(detect('乱扔会罚款吗', 'interpretation')).toBe('notes');
  });

  it('reads whether it can be done a certain way (网上, 寄, 当面) as asking for the whole answer, not who qualifies', () => {
    expect(detect('营业执照能在网上办不', 'guide')).toBeNull();
    expect(detect('这个申请表可以寄过去吗', 'guide')).toBeNull();
    expect(detect('老人走不动 能上门帮着办吗', 'guide')).toBeNull();
    expect(detect('营业执照能在网上办不', 'faq')).toBeNull();
    // A cue still names its section.
    expect(detect('网上办要带什么材料', 'guide')).toBe('materials');
  });

  it('reads whether it can be done directly, or by someone for the citizen, as asking for the whole answer', () => {
    expect(detect('异地住院能直接刷卡吗', 'guide')).toBeNull();
    expect(detect('孤寡老人没人照顾 政府能管吗', 'guide')).toBeNull();
    expect(detect('腿脚不便 能请人代办不', 'guide')).toBeNull();
    expect(detect('不会填表 能让工作人员帮忙填不', 'guide')).toBeNull();
  });

  it('reads whether something the citizen has can be reimbursed, replaced, made up or suspended as asking for the whole answer', () => {
    expect(detect('急诊自己垫的钱 能报销不', 'guide')).toBeNull();
    expect(detect('身份证旧了能换吗', 'guide')).toBeNull();
    expect(detect('去年漏交了 还能补不', 'guide')).toBeNull();
    expect(detect('出门半年 燃气能报停吗', 'guide')).toBeNull();
    expect(detect('第二次住院还能再报吗', 'guide')).toBeNull();
    // Bare 报 and 补 only right before the yes/no word: registering (报名) or a subsidy (补贴) still asks who qualifies.
    expect(detect('外地孩子能报名吗', 'guide')).toBe('conditions');
    expect(detect('个体户能补贴吗', 'guide')).toBe('conditions');
  });

  it('reads a way of doing it told in another clause as the story: the can clause still asks who qualifies', () => {
    expect(detect('去年在网上办过一回 这次还能申请吗', 'guide')).toBe('conditions');
    expect(detect('之前政府发过一次补贴 今年还能领吗', 'guide')).toBe('conditions');
  });

  it('treats "how do I apply for X" as a general question, not the procedure', () => {
    expect(detect('低保怎么申请', 'guide')).toBeNull();
    expect(detect('如何办理社保卡', 'guide')).toBeNull();
    expect(detect('低保申请流程', 'guide')).toBe('procedure');
    // It names no aspect: the matched entry may still show one (unlike a whole asked in so many words).
    expect(askedPart(normalize('低保怎么申请'), lexicon, 'guide')).toEqual({ kind: 'whole', reason: 'unnamed' });
  });

  it('finds cues after synonyms (要带啥 → 要带什么)', () => {
    expect(detect('要带啥')).toBe('materials');
  });

  it('prefers, of cues ending at the same place, the longest, then the section listed first', () => {
    const cues = createLexicon({
      words: [],
      synonyms: {},
      stopWords: [],
      sections: { fee: ['收费', '标准'], criteria: ['收费标准', '标准'] },
    });
    expect(detectSection('收费标准是多少', cues)).toBe('criteria');
    expect(detectSection('有标准吗', cues)).toBe('fee');
  });

  it('takes the cue nearest the end of the question: what is asked comes last', () => {
    const cues = createLexicon({ words: [], synonyms: {}, stopWords: [], sections: { fee: ['收费'], criteria: ['收费标准', '标准'] } });
    expect(detectSection('收费有标准吗', cues)).toBe('criteria');
    expect(detectSection('标准以外还收费', cues)).toBe('fee');
    expect(detect('查房产登记资料收费吗', 'guide')).toBe('fee');
    expect(detect('个体户执照材料都齐了 当天能拿到不', 'guide')).toBe('timeLimit');
  });

  it('prefers a cue that asks (has a question word) to one that only tells what was done', () => {
    expect(detect('居住证交了材料多久能拿到', 'guide')).toBe('timeLimit');
    expect(detect('居民医保每年啥时候交钱', 'guide')).toBe('timeLimit');
    expect(detect('多久能拿到 材料放哪了', 'guide')).toBe('timeLimit');
  });

  // Everyday ways of asking that name no section word.
  it.each([
    ['网上提交要上传啥', 'guide', 'materials'],
    ['会收信息处理费吗', 'guide', 'fee'],
    ['信息处理费咋收', 'guide', 'fee'],
    ['一年交多少', 'guide', 'fee'],
    ['领失业金那段时间医保谁给交', 'guide', 'fee'],
    ['饮用水执行的是啥标准', 'guide', 'basis'],
    ['写信要实名吗', 'guide', 'conditions'],
    ['外地人住多久能办居住证', 'guide', 'conditions'],
    ['办居住证得住满多长时间', 'guide', 'conditions'],
    ['交满多少年能领', 'guide', 'conditions'],
    ['信封上要写啥', 'guide', 'procedure'],
    ['政务公开日是咋来的', 'interpretation', 'background'],
    ['抽查结果都公开些啥', 'interpretation', 'content'],
    ['信用信息公示系统能查到啥', 'interpretation', 'content'],
    ['12345都管些啥事', 'interpretation', 'content'],
    ['空置费吗', 'interpretation', 'criteria'],
    ['AQI多少算污染', 'interpretation', 'criteria'],
    ['要交什么才能办', 'guide', 'materials'],
    ['身份证要原件吗', 'guide', 'materials'],
    ['申请截止到什么时候', 'guide', 'timeLimit'],
    ['居住证有效期几年', 'guide', 'timeLimit'],
    ['办这个贵不贵', 'guide', 'fee'],
    ['上哪办', 'guide', 'location'],
    ['在哪个窗口办', 'guide', 'location'],
    ['这是按什么规定来的', 'guide', 'basis'],
    ['需要满足什么', 'guide', 'conditions'],
    ['网上怎么操作', 'guide', 'procedure'],
  ] as const)('%s → %s: %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  it('reads "what is the difference" as a change only when compared with before', () => {
    expect(detect('跟原来的办法比有啥不一样', 'interpretation')).toBe('changes');
    expect(detect('新老办法有什么区别', 'interpretation')).toBe('changes');
    // Two things the policy names, compared with each other: not what changed.
    expect(detect('一类户和二类户有啥区别', 'interpretation')).toBeNull();
    expect(detect('租房补贴跟购房补贴有什么不同', 'interpretation')).toBeNull();
  });

  it('reads why the policy was made as asking its background', () => {
    expect(detect('为啥要搞这个试点', 'interpretation')).toBe('background');
    expect(detect('当初为啥要修订这个办法', 'interpretation')).toBe('background');
    expect(detect('为什么定在每年六月', 'interpretation')).toBe('background');
    // An entry without a background section: why something happened to me is no cue.
    expect(detectSection(normalize('为什么要交这么多材料'), lexicon, 'guide')).toBe('materials');
    expect(detect('为啥我的申请被退回了', 'guide')).toBeNull();
  });

  it('reads how much is charged, how big, and whom to apply to', () => {
    expect(detect('物业费一个月收多少', 'guide')).toBe('fee');
    expect(detect('停车费一小时收多少', 'interpretation')).toBe('criteria');
    expect(detect('人才公寓一套多大', 'interpretation')).toBe('criteria');
    expect(detect('多大年纪能领', 'faq')).toBe('conditions');
    // Applying to someone: where it is handed in, or the step that says so.
    expect(detect('残疾证找谁申请', 'guide')).toBe('location');
    expect(detectSection(normalize('奖学金向谁提出申请'), lexicon, 'faq', new Set(['procedure', 'contact']))).toBe('procedure');
  });

  // Whom to turn to with a problem (找谁, 去哪投诉) asks what the whole answer tells; a number, or whom to ask, is the contact.
  it.each([
    ['噪音扰民找谁', 'guide'],
    ['医院乱收费找谁', 'guide'],
    ['工厂偷排污水咋举报', 'guide'],
    ['乱收费去哪儿举报', 'guide'],
    ['态度不好上哪投诉', 'faq'],
    ['单位拖欠工资去哪告', 'guide'],
    ['罚得不对 上哪儿告', 'faq'],
  ] as const)('%s → the whole entry (%s)', (text, kind) => {
    expect(detect(text, kind)).toBeNull();
    expect(askedPart(normalize(text), lexicon, kind)).toEqual(WHOLE_ASKED);
  });

  it('reads what it takes (要啥) as the materials, and what formalities it takes (要啥手续) as the whole entry', () => {
    expect(detect('给孩子办证要啥', 'guide')).toBe('materials');
    expect(detect('要什么条件', 'guide')).toBe('conditions');
    expect(detect('迁户口要啥手续', 'guide')).toBeNull();
    expect(askedPart(normalize('办这个需要哪些手续'), lexicon, 'guide')).toEqual(WHOLE_ASKED);
    expect(detect('手续怎么走', 'guide')).toBe('procedure');
  });

  it('reads a cue without a question word before whether a thing can be refunded or reimbursed as the situation', () => {
    expect(askedPart(normalize('供暖温度不达标能退钱不'), lexicon, 'faq', new Set(['criteria', 'contact']))).toEqual(WHOLE_ASKED);
    expect(detect('住院的费用医保能报不', 'guide')).toBeNull();
    // Asked about the cue itself (当天), the can question keeps its section.
    expect(detect('材料齐了当天能拿到不', 'guide')).toBe('timeLimit');
  });

  it('keeps the contact for a number asked or whom to ask, and where to apply for whom to apply to', () => {
    expect(detect('投诉电话是多少', 'guide')).toBe('contact');
    expect(detect('助学金的事找谁问', 'guide')).toBe('contact');
    expect(detect('残疾证找谁申请', 'guide')).toBe('location');
  });

  it('answers two aspects asked in two clauses with the whole entry, one aspect asked twice with its section', () => {
    expect(detect('社保卡在哪个窗口办 办理步骤有哪几步', 'guide')).toBeNull();
    expect(detect('补贴能领多久 到哪里申请', 'guide')).toBeNull();
    expect(detect('标准分几级 每级都有哪些措施', 'interpretation')).toBeNull();
    expect(detect('在哪办 具体地址是哪', 'guide')).toBe('location');
    // Only the aspects the entry has count: its one section asked is given.
    expect(detectSection(normalize('在哪办 要多久'), lexicon, 'guide', new Set(['location']))).toBe('location');
  });

  // Days counted in 日 as in 天, 啥时候 kept whole by a longer word (啥时候发), and how many grades there are.
  it.each([
    ['审核一般在几日内办完', 'guide', 'timeLimit'],
    ['受理后多少日内能拿到', 'guide', 'timeLimit'],
    ['补贴每年啥时候发', 'guide', 'timeLimit'],
    ['前几日交了材料 材料还要补吗', 'guide', 'materials'],
    ['补助分为几个级别', 'interpretation', 'criteria'],
  ] as const)('%s (%s) → %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  it('rejects a whole cue that is also a section cue', () => {
    expect(() => sectionsFileSchema.parse({ sections: { contact: ['找谁'] }, wholeCues: ['找谁'] })).toThrow(/already a section cue/);
  });

  it('reads paying a named charge, or how much a rent is, as the fee, else the criteria that set it', () => {
    expect(detect('过户还得交登记费不', 'guide')).toBe('fee');
    expect(detect('请人帮忙要给跑腿费吗', 'guide')).toBe('fee');
    expect(detect('停了车位还得交管理费不', 'interpretation')).toBe('criteria');
    expect(detect('人才公寓一个月租金大概多少', 'interpretation')).toBe('criteria');
    // A refund is no paying, and a period to pay in is a time question.
    expect(detect('不满意能退费不', 'interpretation')).toBeNull();
    expect(detect('接到缴费通知多少天内要交', 'interpretation')).toBeNull();
  });

  it('answers what kinds of things an entry covers from its content section, what a thing is from the whole entry', () => {
    const listing = (text: string, sections: Record<string, string>) => sectionListing(normalize(text), lexicon, sections);
    const service = { content: '受理水电气暖、市容环境等方面的诉求；不受理涉诉涉法事项。', contact: '12345。' };
    expect(listing('这条热线都管啥事', service)).toBe('content');
    expect(listing('哪些事情它不受理', service)).toBe('content');
    expect(listing('诉求分为哪几类 分为哪些类型', service)).toBe('content');
    expect(listing('平台上能反映啥', service)).toBe('content');
    // What it is, or why: the whole entry; and an entry without a content section has nothing to list.
    expect(listing('这条热线是个啥', service)).toBeNull();
    expect(listing('开放日是啥活动', service)).toBeNull();
    expect(listing('为啥要设这条热线', service)).toBeNull();
    expect(listing('都管啥事', { contact: '12345。' })).toBeNull();
  });

  it('reads what one aspect includes as asking that aspect, not the content', () => {
    expect(detect('这项补贴的适用范围都包括哪些', 'interpretation')).toBe('scope');
    expect(detect('注意事项包括什么', 'faq')).toBe('notes');
    expect(detect('申请材料里都有哪些', 'faq')).toBe('materials');
    // Nothing named before: what the policy itself includes.
    expect(detect('这次的扶持措施包括哪些', 'interpretation')).toBe('content');
    expect(detect('条例包括哪些单位', 'interpretation')).toBe('content');
  });

  it('reads the counter (窗口) as where the story happens; which counter still asks', () => {
    expect(detect('窗口排队的人太多了 咋办', 'guide')).toBeNull();
    expect(detect('想到窗口口头说给工作人员听', 'guide')).toBeNull();
    expect(detect('哪个窗口能办', 'guide')).toBe('location');
  });

  it('passes over a cue that does not ask when it stands in a clause telling the story', () => {
    expect(detect('昨天有人打电话让我交钱认证，这是真的不', 'faq')).toBeNull();
    expect(detect('在窗口排了半天队，工作人员态度很差，这合理吗', 'guide')).toBeNull();
    // In the clause that asks, or the last when none asks, it still names the section.
    expect(detect('您好，想了解一下转移需要准备的材料，谢谢', 'guide')).toBe('materials');
    expect(detect('补正有期限没，过了期咋办', 'faq')).toBe('timeLimit');
    expect(detect('社保卡丢了 材料', 'guide')).toBe('materials');
  });

  it('reads which kind of applicant may do it as who qualifies, and 沾光 as the benefits', () => {
    expect(detect('哪类家庭能申请廉租房', 'guide')).toBe('conditions');
    expect(detect('啥样的企业可以领稳岗补贴', 'guide')).toBe('conditions');
    expect(detect('这个新政老百姓能沾啥光', 'interpretation')).toBe('benefits');
  });

  it('reads who qualifies asked of a policy, which states no conditions, as its scope', () => {
    // Which kind may, also in dialect (啥子 → 什么), and whether one can be covered (享受).
    expect(detect('什么样的小区可以申请改造', 'interpretation')).toBe('scope');
    expect(detect('啥子样的房子才可以申请补助', 'interpretation')).toBe('scope');
    expect(detect('灵活就业的人也能享受这个补贴吗', 'interpretation')).toBe('scope');
    // Whether one can without being covered stays the whole answer; a guide keeps its conditions.
    expect(detect('刚毕业的人能申请这个补贴吗', 'interpretation')).toBeNull();
    expect(detect('灵活就业的人也能享受这个补贴吗', 'guide')).toBe('conditions');
  });

  it('reads whether there is an app, a website or an official account as where to find it', () => {
    expect(detect('交通违章查询有app没', 'faq')).toBe('location');
    expect(detect('有没有公众号能查进度', 'guide')).toBe('location');
    expect(detect('这个平台有网站吗', 'faq')).toBe('location');
  });

  it('reads uploading a document as asking the materials', () => {
    expect(detect('网上报名 户口本还要拍照上传吗', 'guide')).toBe('materials');
    expect(detect('毕业证交扫描件行不行', 'guide')).toBe('materials');
  });

  it('only returns sections the kind of entry has', () => {
    expect(detect('补偿标准是多少', 'guide')).toBeNull();
    expect(detect('谁能申请', 'interpretation')).toBe('scope');
    expect(detect('多少钱', 'guide')).toBe('fee');
    expect(detect('多少钱', 'interpretation')).toBe('criteria');
  });

  // Session 16 (heldout-11's section misses, in other words): must (必须), in which situations, by what date, a share,
  // how much to pay or is waived, why it was set so, which kinds, compared with the old, paid for how long, what papers.
  it.each([
    ['老人办卡必须本人来吗', 'guide', 'conditions'],
    ['啥情况下可以申请延期', 'guide', 'conditions'],
    ['补贴材料几号之前交上去', 'guide', 'timeLimit'],
    ['慢性病门诊能给百分之多少', 'guide', 'fee'],
    ['慢性病门诊能给百分之多少', 'interpretation', 'criteria'],
    ['暖气停了一季还得交多少', 'interpretation', 'criteria'],
    ['火化能免多少', 'interpretation', 'criteria'],
    ['为什么把起征点定这么高', 'interpretation', 'background'],
    ['补贴分哪几种', 'interpretation', 'content'],
    ['条例跟老的相比有啥不一样', 'interpretation', 'changes'],
    ['新办法改了哪几处', 'interpretation', 'changes'],
    ['要交满几个月才能领', 'guide', 'conditions'],
    ['办残疾证需要啥手续材料', 'guide', 'materials'],
    ['开店得提供房产证吗', 'guide', 'materials'],
  ] as const)('%s (%s) → %s', (text, kind, section) => {
    expect(detect(text, kind)).toBe(section);
  });

  it('answers whether it can be done some way beside another aspect with the whole entry, also without punctuation between', () => {
    const whole = (text: string) => askedPart(normalize(text), lexicon, 'guide');
    expect(whole('社保卡网上能补办吗 入口是啥')).toEqual(WHOLE_ASKED);
    expect(whole('公积金能在app上提吗 要带啥')).toEqual(WHOLE_ASKED);
    expect(whole('居住证能在手机上办吗要带啥')).toEqual(WHOLE_ASKED);
    // Whether one can, without a way named, leads to the aspect asked next.
    expect(detect('补贴能晚点领吗 最晚拖几天', 'guide')).toBe('timeLimit');
    expect(detect('居住证能办吗要带啥', 'guide')).toBe('materials');
  });

  it('reads which of two places to go to as where it is done', () => {
    expect(detect('老年卡到社区还是到民政局办', 'guide')).toBe('location');
    expect(detect('去年还是前年去的医院 能报吗', 'guide')).toBeNull();
  });

  it('returns null for a general question', () => {
    expect(detect('公积金')).toBeNull();
    expect(detect('')).toBeNull();
  });
});
