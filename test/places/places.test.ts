import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { buildKnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { matchQuestion } from '../../src/understanding/nlp/match';
import { normalize } from '../../src/understanding/nlp/normalize';
import { loadCity } from '../../src/understanding/places/city';
import { Places } from '../../src/understanding/places/places';
import { tempFiles } from '../support/files';

const lexicon = loadLexicon('seeds/nlp');
const index = buildKnowledgeIndex(loadEntryFiles(entryFilesIn('seeds/knowledge')), lexicon);
const city = loadCity('config/city.yaml');
const places = new Places(city);
const now = new Date('2026-06-01T04:00:00Z');
const match = (text: string) => matchQuestion(index, text, { now, places });
const named = (text: string) => places.read(normalize(text), lexicon).mentions.map(({ name, local }) => `${name}${local ? '(本市)' : ''}`);

describe('places named in a question', () => {
  it('finds provinces, cities and districts with and without their suffix', () => {
    expect(named('南京的公积金怎么取')).toEqual(['南京市']);
    expect(named('南京市的公积金怎么取')).toEqual(['南京市']);
    expect(named('广西养老金多少')).toEqual(['广西壮族自治区']);
    expect(named('江苏省社保')).toEqual(['江苏省']);
    expect(named('朝阳区的居住证')).toEqual(['朝阳区']);
    expect(named('在香港生的孩子')).toEqual(['香港特别行政区']);
  });

  it('tells this city, its province and its districts from other places', () => {
    expect(named(`${city.name}低保标准`)).toEqual([`${city.name}(本市)`]);
    expect(named(`${city.province.replace(/省$/, '')}的低保标准`)).toEqual([`${city.province}(本市)`]);
    expect(named(`${city.districts[0]}怎么办居住证`)).toEqual([`${city.districts[0]}(本市)`]);
  });

  it('takes no street, station or idiom for a place', () => {
    expect(named('南京路上的店铺怎么办营业执照')).toEqual([]);
    expect(named('长沙站附近能办身份证吗')).toEqual([]);
    expect(named('苏州大学毕业的能在这落户吗')).toEqual([]);
    expect(named('中山路怎么走')).toEqual([]);
    expect(named('长治久安')).toEqual([]);
    // Bare names that are ordinary words: a county-level city (合作市) and a city the dictionary knows as a noun (来宾市).
    expect(named('校企合作项目怎么申报')).toEqual([]);
    expect(named('来宾登记要带什么')).toEqual([]);
    expect(named('合作市的低保标准')).toEqual(['合作市']);
    expect(named('日照时间多长')).toEqual([]);
    expect(named('开封后的食品能退吗')).toEqual([]);
  });

  it("takes this city's districts and counties as citizens write them, without the suffix or the people named", () => {
    expect(named('西工的公租房怎么申请')).toEqual(['西工区(本市)']);
    expect(named('瀍河区哪里能办居住证')).toEqual(['瀍河回族区(本市)']);
    expect(places.read(normalize('住在瀍河那边 低保怎么申请'), lexicon).text).toBe('住在 那边 低保怎么申请');
    // A bare name that is also an ordinary word (老城) only where a place stands.
    expect(named('老城那边的低保')).toEqual(['老城区(本市)']);
    expect(named('老城墙能参观吗')).toEqual([]);
    // The people an autonomous county is named for, and 自治, are left out as well (孟村回族自治县: 孟村县, 孟村).
    const cangzhou = new Places({ ...city, name: '沧州市', province: '河北省', districts: ['孟村回族自治县'] });
    const cangzhouNamed = (text: string) =>
      cangzhou.read(normalize(text), lexicon).mentions.map(({ name, local }) => `${name}${local ? '(本市)' : ''}`);
    expect(cangzhouNamed('孟村县的低保标准')).toEqual(['孟村回族自治县(本市)']);
    expect(cangzhouNamed('孟村的低保标准')).toEqual(['孟村回族自治县(本市)']);
  });

  it('takes a part of a city (城区, 郊区, 东区) for no district, though some districts bear such a name', () => {
    expect(named('城区哪里能办居住证')).toEqual([]);
    expect(named('住在郊区的老人能领高龄津贴吗')).toEqual([]);
    expect(match('东区的公租房怎么申请')).toMatchObject({ decision: 'answer', entry: 'public-rental-housing-apply' });
    // Its city named before it still names the place.
    expect(named('阳泉市城区的低保标准')).toEqual(['阳泉市']);
  });

  it("takes a name before a school's students (大学生, 中学生) for the place whose people they are", () => {
    expect(named('苏州大学生就业见习补贴怎么领')).toEqual(['苏州市']);
    expect(named('成都中学生资助怎么申请')).toEqual(['成都市']);
    expect(match('成都大学生创业贷款怎么申请')).toMatchObject({ decision: 'elsewhere', place: { name: '成都市' } });
  });

  it('takes a name before an ordinary word that begins as a street does (路边, 道路) for the place', () => {
    expect(named('长沙路边停车要交钱吗')).toEqual(['长沙市']);
    expect(named('成都道路挖掘要审批吗')).toEqual(['成都市']);
    // The street itself, and what is on it, stay a street.
    expect(named('南京路上的店铺怎么办营业执照')).toEqual([]);
  });

  it('takes a city the dictionary mistags as an ordinary word where a place stands', () => {
    // Before 的 or 那边, after 是 or a location word, before a district or a domain noun.
    expect(named('开封的个体户营业执照在哪办')).toEqual(['开封市']);
    expect(named('老家是周口 那边特困供养怎么申请')).toEqual(['周口市']);
    expect(named('户口在信阳能办吗')).toEqual(['信阳市']);
    expect(named('周口川汇区的低保')).toEqual(['周口市', '川汇区']);
    expect(named('商丘低保边缘家庭的认定标准')).toEqual(['商丘市']);
    // Before a time: its news of the moment is asked.
    expect(named('周口今年的低保标准')).toEqual(['周口市']);
    expect(named('开封日期怎么看')).toEqual([]);
  });

  it('takes such a city before a thing the knowledge base names in a head field, though the lexicon does not know it', () => {
    // A city's own base names its services in words the lexicon never heard of (家庭医生, 摆摊).
    const text = normalize('焦作家庭医生怎么签约');
    expect(places.read(text, lexicon).mentions).toEqual([]);
    expect(places.read(text, lexicon, (term) => term === '家庭').mentions.map(({ name }) => name)).toEqual(['焦作市']);
    expect(match('焦作摆摊要办营业执照吗')).toMatchObject({ decision: 'elsewhere', place: { name: '焦作市' } });
    // Not before an action, even one the base names.
    expect(places.read(normalize('来宾登记要带什么'), lexicon, () => true).mentions).toEqual([]);
  });

  it('takes a name before a word the knowledge base names that merely starts like a street (路灯) for the place', () => {
    const text = normalize('许昌路灯维修找哪个部门');
    expect(places.read(text, lexicon).mentions).toEqual([]);
    expect(places.read(text, lexicon, (term) => term === '路灯').mentions.map(({ name }) => name)).toEqual(['许昌市']);
    // The street's ending itself names the street or the institution, whatever the base names.
    expect(places.read(normalize('开封路派出所几点上班'), lexicon, () => true).mentions).toEqual([]);
    expect(places.read(normalize('南京银行几点上班'), lexicon, () => true).mentions).toEqual([]);
  });

  it('takes such a city before the name of a public office for the place whose office it is', () => {
    expect(named('周口公证处在哪')).toEqual(['周口市']);
    expect(named('商丘法律援助中心几点上班')).toEqual(['商丘市']);
    expect(match('信阳法律援助中心怎么走')).toMatchObject({ decision: 'elsewhere', place: { name: '信阳市' } });
    // An action before the office makes the name an ordinary word (guests sign in there); a street keeps its name.
    expect(named('来宾登记处在哪')).toEqual([]);
    expect(named('开封路派出所几点上班')).toEqual([]);
    // This city's own offices stay local.
    expect(named(`${city.districts[0]}法律援助中心在哪`)).toEqual([`${city.districts[0]}(本市)`]);
    expect(match(`${city.name.replace(/市$/, '')}法律援助中心怎么走`)).not.toMatchObject({ decision: 'elsewhere' });
  });

  it('finds a county-level city its province governs directly by its bare name, when it is known as a place', () => {
    expect(named('济源今年的低保标准')).toEqual(['济源市']);
    expect(named('潜江有公租房吗')).toEqual(['潜江市']);
    // 东方市 (Hainan) bare is a direction, not a place.
    expect(named('东方红小区的居住证')).toEqual([]);
  });

  it('finds the places in a name the segmenter keeps whole', () => {
    expect(named('上海浦东新区公租房怎么申请')).toEqual(['上海市', '浦东新区']);
  });

  it('reads another place as 外地 and leaves this city out of the text it matches', () => {
    expect(places.read(normalize('我在北京看病能报销吗'), lexicon).text).toBe('我在外地看病能报销吗');
    expect(places.read(normalize(`${city.name}低保标准`), lexicon).text).toBe('低保标准');
  });
});

describe('questions about another place', () => {
  it("are told apart from this city's policy, naming the place", () => {
    for (const [text, place] of [
      ['南京的公积金怎么取', '南京市'],
      ['长沙低保多少钱一个月', '长沙市'],
      ['我在广州交的社保怎么查', '广州市'],
      ['吉林省的低保政策', '吉林省'],
      ['信阳的临时救助怎么申请', '信阳市'],
    ]) {
      expect(match(text)).toMatchObject({ decision: 'elsewhere', entry: null, place: { name: place, hotline: city.hotline } });
    }
  });

  it('point to no 12345 outside the mainland', () => {
    expect(match('香港的公积金怎么取')).toMatchObject({ decision: 'elsewhere', place: { name: '香港特别行政区', hotline: null } });
  });

  it('are answered normally when they name this city or its districts', () => {
    expect(match(`${city.name}低保标准是多少`)).toMatchObject({ decision: 'answer', entry: 'minimum-living-allowance-standard' });
    expect(match(`${city.districts[1]}怎么办居住证`)).toMatchObject({ decision: 'answer', entry: 'residence-permit' });
  });

  it('reach the entries about moving between places when the citizen is or was there', () => {
    expect(match('我在北京看病能报销吗')).toMatchObject({ decision: 'answer', entry: 'medical-insurance-out-of-town' });
    expect(match('我在上海住院怎么报销')).toMatchObject({ decision: 'answer', entry: 'medical-insurance-out-of-town' });
    expect(match('上海的公积金怎么转到这边').decision).not.toBe('elsewhere');
  });

  it('read a word pointing here (回来) as no thing asked about, when a story set there asks what this city offers', () => {
    expect(match('去年在上海住院忘了备案，回来还能报吗')).toMatchObject({ decision: 'answer', entry: 'medical-insurance-out-of-town' });
  });

  it('answer an entry about moving between places only when it covers what is asked besides where', () => {
    // The entry on applying by letter from out of town shares 外地 alone with the question, not the subsidy asked about.
    expect(match('我在南京住，南京的残疾人两项补贴怎么申请')).toMatchObject({ decision: 'elsewhere', place: { name: '南京市' } });
    expect(match('人在开封，开封的公租房咋申请')).toMatchObject({ decision: 'elsewhere', place: { name: '开封市' } });
  });

  it('ask about the other place when it is named again outside where the citizen is', () => {
    // 在成都 sets the scene; 成都那边 or the place alone before the matter asks for its rule.
    expect(match('我在成都上班，成都那边的医保怎么报销')).toMatchObject({ decision: 'elsewhere', place: { name: '成都市' } });
    expect(match('我在成都工作，成都那边的公积金贷款咋办')).toMatchObject({ decision: 'elsewhere', place: { name: '成都市' } });
    expect(match('我在成都看病，能报销吗')).toMatchObject({ decision: 'answer', entry: 'medical-insurance-out-of-town' });
  });

  it('answer a question about the home left here when the citizen only goes to the other place', () => {
    expect(match('我去三亚住 房子的暖气咋报停')).toMatchObject({ decision: 'answer', entry: 'heating-suspend' });
    // Without the home, or with the place named as whose matter it is, the other place's heating is asked about.
    expect(match('冬天去三亚住 暖气能报停吗')).toMatchObject({ decision: 'elsewhere', place: { name: '三亚市' } });
    expect(match('去三亚的话 三亚的房子暖气能报停吗').decision).toBe('elsewhere');
  });

  it("take the permits for a trip outside the mainland (去香港) for this city's matter, asked by the place as written", () => {
    expect(places.read(normalize('下个月去香港出差 要办什么证'), lexicon).text).toBe('下个月去香港出差 要办什么证');
    expect(match('去台湾旅游要办什么手续').decision).not.toBe('elsewhere');
    // Named as whose matter it is, or without a trip, it is that place's policy.
    expect(match('去澳门的话 澳门的公积金能取吗')).toMatchObject({ decision: 'elsewhere', place: { name: '澳门特别行政区' } });
    expect(match('香港的公积金怎么取').decision).toBe('elsewhere');
  });

  it('read the place the citizen only goes to, leaving the home named here, as nothing to match (not 外地)', () => {
    const text = (question: string) => places.read(normalize(question), lexicon).text;
    expect(text('冬天去三亚住 家里暖气咋报停')).toBe('冬天去 住 家里暖气咋报停');
    expect(text('冬天去三亚住 暖气咋报停')).toBe('冬天去外地住 暖气咋报停');
  });

  it("tell a move named as the other place's matter, with nothing pointing here, apart from a move here", () => {
    expect(match('周口的户口迁入要什么手续')).toMatchObject({ decision: 'elsewhere', place: { name: '周口市' } });
    expect(match('想问问周口川汇区的户口迁入要什么手续').decision).toBe('elsewhere');
    expect(match('我周口的户口能迁过来吗').decision).not.toBe('elsewhere');
    // A place opening the question names whose matter it is, as 的 does.
    expect(match('南阳户口迁入要啥手续')).toMatchObject({ decision: 'elsewhere', place: { name: '南阳市' } });
    expect(match('南阳户口怎么迁过来').decision).not.toBe('elsewhere');
  });

  it('are answered when the citizen comes from another place but names where here the matter is', () => {
    expect(match('老家郑州的，现在住涧西，低保咋申请')).toMatchObject({ decision: 'answer', entry: 'minimum-living-allowance-apply' });
  });

  it("take this city's own province as the scene of another city of it, not as this city", () => {
    expect(match(`我老家${city.province.replace(/省$/, '')}周口的 那边的居民医保一年交多少钱`)).toMatchObject({
      decision: 'elsewhere',
      place: { name: '周口市' },
    });
    expect(match(`${city.province}低保标准是多少`).decision).not.toBe('elsewhere');
  });
});

describe('config/city.yaml', () => {
  it('is checked against GB/T 2260, naming the file and field', () => {
    const files = tempFiles({
      'city.yaml': 'name: 洛阳市\nprovince: 河南省\ndistricts: [老城区, 鼓楼区]\nhotline: "12345"\ncrossRegionTerms: [异地]\n',
      'province.yaml': 'name: 洛阳市\nprovince: 河南\nhotline: "12345"\ncrossRegionTerms: [异地]\n',
      'city-of-other.yaml': 'name: 南京市\nprovince: 河南省\nhotline: "12345"\ncrossRegionTerms: [异地]\n',
      'hotline.yaml': 'name: 洛阳市\nprovince: 河南省\nhotline: 市长热线\ncrossRegionTerms: []\n',
    });
    expect(() => loadCity(files['city.yaml'])).toThrow(/city\.yaml: districts\[1\]: "鼓楼区" is no district or county of 洛阳市/);
    expect(() => loadCity(files['province.yaml'])).toThrow(/province\.yaml: province: "河南" is no province/);
    expect(() => loadCity(files['city-of-other.yaml'])).toThrow(/city-of-other\.yaml: name: "南京市" is no city of 河南省/);
    expect(() => loadCity(files['hotline.yaml'])).toThrow(
      /hotline\.yaml: hotline: must be a phone number[\s\S]*crossRegionTerms: needs at least one term/,
    );
  });

  const HOW_PLACES_ARE_WRITTEN = [
    'provinceSuffixes',
    'citySuffixes',
    'separateSuffixes',
    'placeLeaders',
    'placeFollowers',
    'placeOffices',
    'namedAfterPlace',
    'notNamedAfterPlace',
  ] as const;

  it.each(HOW_PLACES_ARE_WRITTEN)('names the file and the field of a word of %s not written normalized', (field) => {
    const files = tempFiles({
      'city.yaml': `name: 洛阳市\nprovince: 河南省\nhotline: "12345"\ncrossRegionTerms: [异地]\n${field}: [市, 學院]\n`,
    });
    expect(() => loadCity(files['city.yaml'])).toThrow(new RegExp(`city\\.yaml: ${field}\\[1\\]: must be one word written normalized`));
  });

  it('reads how citizens write places from the file', () => {
    const without = (field: (typeof HOW_PLACES_ARE_WRITTEN)[number]) =>
      new Places({ ...city, [field]: [] }).read(normalize('南京路上的店铺怎么办营业执照'), lexicon).mentions.map(({ name }) => name);
    expect(without('notNamedAfterPlace')).toEqual([]);
    expect(without('namedAfterPlace')).toEqual(['南京市']);
    expect(new Places({ ...city, placeOffices: [] }).read(normalize('周口公证处在哪'), lexicon).mentions).toEqual([]);
    expect(new Places({ ...city, citySuffixes: [] }).read(normalize('南京的公积金怎么取'), lexicon).mentions).toEqual([]);
    expect(new Places({ ...city, provinceSuffixes: [] }).read(normalize('广西养老金多少'), lexicon).mentions).toEqual([]);
  });

  it('accepts a municipality as its own province', () => {
    const files = tempFiles({
      'city.yaml': 'name: 北京市\nprovince: 北京市\ndistricts: [朝阳区]\nhotline: "12345"\ncrossRegionTerms: [异地]\n',
    });
    const beijing = new Places(loadCity(files['city.yaml']));
    expect(beijing.read(normalize('朝阳区怎么办居住证'), lexicon).mentions).toEqual([expect.objectContaining({ local: true })]);
  });
});
