import {
  creditCodeCheckChar,
  maskAddress,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  residentIdCheckChar,
  validateCreditCode,
  validateEmail,
  validateLandline,
  validateMobile,
  validatePhone,
  validateResidentId,
} from '../../src/cases/shared/identity';

const TODAY = '2026-03-10';

describe('validateResidentId (GB 11643-1999)', () => {
  it('computes the check character of the domain.md example (sum 167, r 2, X)', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts the example and reports birth date and sex', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      status: 'valid',
      value: { idNumber: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('accepts lower-case x, spaces and full-width digits, normalising to upper case', () => {
    for (const input of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
      const r = validateResidentId(input, TODAY);
      expect(r).toMatchObject({ status: 'valid', value: { idNumber: '11010519491231002X' } });
    }
  });

  it('reads sex from the 17th digit', () => {
    const male = `11010519491231001${residentIdCheckChar('11010519491231001')}`;
    expect(validateResidentId(male, TODAY)).toMatchObject({ status: 'valid', value: { sex: 'male' } });
  });

  it('rejects a wrong check character without revealing the right one', () => {
    const r = validateResidentId('110105194912310021', TODAY);
    expect(r).toMatchObject({ status: 'invalid', code: 'id.checksum' });
    expect(r.status === 'invalid' && r.message).toMatch(/校验不通过/);
    expect(r.status === 'invalid' && r.message).not.toMatch(/X/);
  });

  it('rejects a birth date that does not exist', () => {
    const r = validateResidentId('110105194902300010', TODAY);
    expect(r).toEqual({ status: 'invalid', code: 'id.birthDate', message: expect.stringContaining('1949年02月30日不是有效日期') });
    expect(validateResidentId('110105194913010010', TODAY)).toMatchObject({ code: 'id.birthDate' });
  });

  it('rejects a birth date after today, accepts one on today', () => {
    const future = `11010520260311001`;
    expect(validateResidentId(future + residentIdCheckChar(future), TODAY)).toMatchObject({
      status: 'invalid',
      code: 'id.birthDateFuture',
    });
    const born = `11010520260310001`;
    expect(validateResidentId(born + residentIdCheckChar(born), TODAY)).toMatchObject({
      status: 'valid',
      value: { birthDate: '2026-03-10' },
    });
  });

  it('explains wrong lengths and characters', () => {
    expect(validateResidentId('', TODAY)).toEqual({ status: 'invalid', code: 'id.empty', message: '请填写身份证号码。' });
    expect(validateResidentId('110105491231002', TODAY)).toMatchObject({ code: 'id.length', message: expect.stringContaining('15位旧版') });
    expect(validateResidentId('11010519491231002', TODAY)).toMatchObject({
      code: 'id.length',
      message: '身份证号码应为18位，您填写了17位。',
    });
    expect(validateResidentId('1101051949123100XX', TODAY)).toMatchObject({ code: 'id.characters' });
    expect(validateResidentId('11010519491231002Y', TODAY)).toMatchObject({ code: 'id.characters' });
  });

  it('needs a real `today`', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-13-01')).toThrow(RangeError);
  });
});

describe('validateCreditCode (GB 32100-2015)', () => {
  it('accepts the domain.md example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ status: 'valid', value: '91350100M000100Y43' });
  });

  it('normalises lower case and spaces', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toEqual({ status: 'valid', value: '91350100M000100Y43' });
  });

  it('gives a checksum failure as a warning staff may override', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ status: 'warning', code: 'uscc.checksum', value: '91350100M000100Y44', expectedCheckChar: '3' });
    expect(r.status === 'warning' && r.message).toMatch(/工作人员/);
  });

  it('treats format errors as invalid, naming the position', () => {
    expect(validateCreditCode('')).toMatchObject({ status: 'invalid', code: 'uscc.empty' });
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({
      status: 'invalid',
      code: 'uscc.length',
      message: expect.stringContaining('17位'),
    });
    const r = validateCreditCode('91350100M0001O0Y43');
    expect(r).toMatchObject({ status: 'invalid', code: 'uscc.characters', message: expect.stringContaining('第14位"O"') });
    for (const bad of ['I', 'Z', 'S', 'V'])
      expect(validateCreditCode(`9135010${bad}M000100Y43`)).toMatchObject({ code: 'uscc.characters' });
  });

  it('round-trips generated codes through the checksum', () => {
    const first17 = '12100000400000624';
    expect(validateCreditCode(first17 + creditCodeCheckChar(first17)).status).toBe('valid');
  });
});

describe('validateMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('accepts %s', (input, value) => {
    expect(validateMobile(input)).toEqual({ status: 'valid', value });
  });

  it.each([
    ['', 'mobile.empty'],
    ['12812345678', 'mobile.prefix'],
    ['23812345678', 'mobile.prefix'],
    ['1381234567', 'mobile.length'],
    ['138123456789', 'mobile.length'],
    ['+85291234567', 'mobile.countryCode'],
    ['138a1234567', 'mobile.characters'],
    ['(138)12345678', 'mobile.characters'],
  ])('rejects %s with %s', (input, code) => {
    expect(validateMobile(input)).toMatchObject({ status: 'invalid', code });
  });

  it('says how many digits were typed', () => {
    expect(validateMobile('1381234567')).toMatchObject({ message: '手机号码应为11位数字，您填写了10位。' });
  });
});

describe('validateLandline and validatePhone', () => {
  it.each(['0591-87654321', '010-12345678', '05918765432', '021 12345678', '0755-1234567'])('accepts landline %s', (input) => {
    expect(validateLandline(input).status).toBe('valid');
  });

  it('asks for the area code when it is missing', () => {
    expect(validateLandline('87654321')).toMatchObject({ status: 'invalid', code: 'landline.areaCode' });
    expect(validateLandline('0591-876')).toMatchObject({ status: 'invalid', code: 'landline.format' });
    expect(validateLandline(' ')).toMatchObject({ status: 'invalid', code: 'landline.empty' });
  });

  it('validatePhone accepts either kind and answers in the terms of what was typed', () => {
    expect(validatePhone('13812345678')).toEqual({ status: 'valid', value: { kind: 'mobile', number: '13812345678' } });
    expect(validatePhone('0591-87654321')).toEqual({ status: 'valid', value: { kind: 'landline', number: '0591-87654321' } });
    expect(validatePhone('0591-876')).toMatchObject({ code: 'landline.format' });
    expect(validatePhone('1381234')).toMatchObject({ code: 'mobile.length' });
    expect(validatePhone('')).toMatchObject({ code: 'phone.empty' });
  });
});

describe('validateEmail', () => {
  it('accepts ordinary addresses and lower-cases the domain', () => {
    expect(validateEmail('Zhang.San@Example.COM')).toEqual({ status: 'valid', value: 'Zhang.San@example.com' });
    expect(validateEmail('12345@qq.com')).toEqual({ status: 'valid', value: '12345@qq.com' });
    expect(validateEmail('a+b@mail.gov.cn').status).toBe('valid');
    expect(validateEmail('a＠qq.com')).toEqual({ status: 'valid', value: 'a@qq.com' }); // full-width @
  });

  it.each([
    ['', 'email.empty'],
    ['a b@qq.com', 'email.characters'],
    ['abc@qq。com', 'email.characters'],
    ['abc.qq.com', 'email.at'],
    ['a@@qq.com', 'email.at'],
    ['.abc@qq.com', 'email.local'],
    ['abc.@qq.com', 'email.local'],
    ['张三@qq.com', 'email.local'],
    ['abc@qq', 'email.domain'],
    ['abc@qq.c', 'email.domain'],
    ['abc@-qq.com', 'email.domain'],
    [`${'a'.repeat(65)}@qq.com`, 'email.local'],
  ])('rejects %s with %s', (input, code) => {
    expect(validateEmail(input)).toMatchObject({ status: 'invalid', code });
  });
});

describe('masking', () => {
  it('maskIdNumber keeps the first 4 and last 4', () => {
    expect(maskIdNumber('21010219900101123X')).toBe('2101**********123X');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('1234567')).toBe('*******');
  });

  it('maskPhone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('0591-87654321')).toBe('0591-****4321');
    expect(maskPhone('01012345678')).toBe('010-****5678');
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('123')).toBe('***');
  });

  it('maskName keeps the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李小龙')).toBe('李**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳修')).toBe('欧阳*');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('maskAddress keeps the prefix down to the district or county', () => {
    expect(maskAddress('福建省福州市鼓楼区五四路158号')).toBe('福建省福州市鼓楼区****');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区****');
    expect(maskAddress('重庆市城口县葛城街道1号')).toBe('重庆市城口县****');
    expect(maskAddress('内蒙古自治区呼和浩特市新城区新华大街1号')).toBe('内蒙古自治区呼和浩特市新城区****');
    expect(maskAddress('湖北省恩施土家族苗族自治州恩施市舞阳大街1号')).toBe('湖北省恩施土家族苗族自治州恩施市****');
    expect(maskAddress('福建省福州市福清市龙江街道1号')).toBe('福建省福州市福清市****');
    expect(maskAddress('鼓楼区五四路158号')).toBe('鼓楼区****');
  });

  it('maskAddress never shows a street, estate or building it cannot place', () => {
    expect(maskAddress('广东省东莞市南城街道鸿福路1号')).toBe('广东省东莞市****');
    expect(maskAddress('广东省东莞市阳光小区5栋')).toBe('广东省东莞市****');
    expect(maskAddress('幸福社区3栋201')).toBe('****');
    expect(maskAddress('五四路158号')).toBe('****');
    expect(maskAddress('')).toBe('');
  });

  it('maskEmail', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@qq.com')).toBe('*@qq.com');
    expect(maskEmail('nonsense')).toBe('n***');
  });
});
