import { compileQuestionForms, type QuestionFormWords } from '../../src/understanding/nlp/sectionForms';

const none: QuestionFormWords = {
  yesNoEnds: [],
  closingParticles: [],
  linkWords: [],
  canAsked: [],
  canWords: [],
  mannerWords: [],
  helperWords: [],
  thingVerbs: [],
  bareThingVerbs: [],
  againWords: [],
  numerals: [],
  measureWords: [],
  periodUnits: [],
  longerUnits: [],
  withinWords: [],
  momentStarts: [],
  momentEnds: [],
  moneyUnits: [],
  freeWords: [],
  payingVerbs: [],
  paidCharges: [],
  pricedCharges: [],
  amountWords: [],
  notAmountAfter: [],
  kindWords: [],
  mayWords: [],
  coveredWords: [],
  whatWords: [],
  thingWords: [],
  notWhatAfter: [],
  whyWords: [],
  listingGlue: [],
  notAsking: [],
  dialectHow: {},
  doneMarks: [],
  negations: [],
  unmarkedClauseEnds: [],
  goingVerbs: [],
  orWords: [],
};

describe('compileQuestionForms', () => {
  it('never matches with empty lists', () => {
    const forms = compileQuestionForms(none);
    for (const form of Object.values(forms))
      if (form instanceof RegExp) expect(form.test('外地人能申请吗 都管什么事 房租多少')).toBe(false);
  });

  it('reads a what word within a why word as no what, and one merely after its first character as one', () => {
    const { whatThings } = compileQuestionForms({
      ...none,
      whatWords: ['哪些', '什么'],
      kindWords: ['什么样'],
      thingWords: ['类型', '事'],
      whyWords: ['为什么'],
    });
    expect(whatThings.test('都管什么事')).toBe(true);
    expect(whatThings.test('为什么事')).toBe(false);
    expect(whatThings.test('为什么样事')).toBe(false);
    expect(whatThings.test('诉求分为哪些类型')).toBe(true);
    expect(whatThings.test('能反映什么')).toBe(true);
    expect(whatThings.test('这是为什么')).toBe(false);
  });

  it('asks whether within a clause ending in a yes/no word, closing particles after it', () => {
    const { endsAsking, canQuestion } = compileQuestionForms({
      ...none,
      yesNoEnds: ['不', '吗'],
      closingParticles: ['啊'],
      canWords: ['能'],
    });
    expect(endsAsking.test('补正有期限没')).toBe(false);
    expect(endsAsking.test('能办不啊')).toBe(true);
    expect(canQuestion.test('外地人能申请吗啊')).toBe(true);
    expect(canQuestion.test('能 这是真的吗')).toBe(false);
  });

  it('ends a clause after an unmarked yes/no word that more text follows, its closing particles kept with it', () => {
    const { unmarkedClauseEnd } = compileQuestionForms({ ...none, unmarkedClauseEnds: ['吗'], closingParticles: ['啊'] });
    expect('能网上办吗啊要多久'.replace(unmarkedClauseEnd, '$& ')).toBe('能网上办吗啊 要多久');
    expect('能网上办吗 要多久'.replace(unmarkedClauseEnd, '$& ')).toBe('能网上办吗 要多久');
    expect('能网上办吗'.replace(unmarkedClauseEnd, '$& ')).toBe('能网上办吗');
  });

  it('reads a dialect how word as the standard one, except in a clause telling a thing done or before a negation', () => {
    const forms = compileQuestionForms({ ...none, dialectHow: { 好久: '多久', 好多: '多少' }, doneMarks: ['了'], negations: ['没'] });
    const read = (text: string) => text.replace(forms.dialectHow, (word) => forms.standardHow.get(word) ?? word);
    expect(read('换证要好久 押金退好多')).toBe('换证要多久 押金退多少');
    expect(read('排了好久的队 好久没回音 好多回了 还要等好久')).toBe('排了好久的队 好久没回音 好多回了 还要等多久');
    expect(read('交了申请好久能批')).toBe('交了申请多久能批');
  });

  it('reads going to one place or another as a choice of places', () => {
    const { placeChoice } = compileQuestionForms({ ...none, goingVerbs: ['去', '到'], orWords: ['还是'] });
    expect(placeChoice.test('老年卡到社区还是到民政局办')).toBe(true);
    expect(placeChoice.test('去年还是前年去的医院')).toBe(false);
  });

  it('reads a whole term of a number and a period or longer unit as a length of time', () => {
    const { lengthOfTime, namedPeriod } = compileQuestionForms({
      ...none,
      numerals: ['2', '一', '两'],
      measureWords: ['个'],
      periodUnits: ['月', '工作日'],
      longerUnits: ['年', '季度'],
    });
    for (const term of ['一个月', '2工作日', '两年', '一个季度']) expect(lengthOfTime.test(term)).toBe(true);
    for (const term of ['两年内', '月', '今年', '一周']) expect(lengthOfTime.test(term)).toBe(false);
    expect(namedPeriod.test('两年')).toBe(false);
  });
});
