import { join } from 'node:path';
import { APPLICATION } from './support';
import { loadAgencies, parseAgencies } from '../../src/cases/disclosure/agencies';
import {
  checkVagueness,
  classifyArt39,
  isProcedureQuestion,
  parseIdentityAnswer,
  validateAddress,
  validateAddressOrEmail,
  validateAgency,
  validateApplicantType,
  validateApplication,
  validateContactPhone,
  validateDelivery,
  validateDescription,
  validateIdentity,
  validateName,
} from '../../src/cases/disclosure/application';
import { DataFileError } from '../../src/platform/data/loadDataFile';

const agencies = loadAgencies(join(__dirname, '../../config/agencies.yaml'));
const TODAY = '2026-11-25';

export const VALID_APPLICATION = {
  applicantType: 'naturalPerson',
  name: '张三',
  identity: { kind: 'residentId', number: '11010519491231002X' },
  phone: '138 0013 8000',
  address: '福建省福州市鼓楼区五四路100号3单元201室',
  description: '2025年城东片区棚户区改造项目的房屋征收补偿方案',
  form: 'paper',
  delivery: 'post',
  agency: 'housing',
};

describe('field validators', () => {
  it('takes applicant types by code or label', () => {
    expect(validateApplicantType('自然人')).toEqual({ ok: true, value: 'naturalPerson' });
    expect(validateApplicantType('法律服务机构')).toEqual({ ok: true, value: 'legalServiceOrganization' });
    expect(validateApplicantType('commercialEnterprise')).toEqual({ ok: true, value: 'commercialEnterprise' });
    expect(validateApplicantType('外星人')).toMatchObject({ ok: false, code: 'applicantType.unknown' });
  });

  it('checks names of persons and organisations differently', () => {
    expect(validateName(' 欧阳 娜娜 ', 'naturalPerson')).toEqual({ ok: true, value: '欧阳 娜娜' });
    expect(validateName('买买提·艾力', 'naturalPerson')).toMatchObject({ ok: true });
    expect(validateName('张', 'naturalPerson')).toMatchObject({ ok: false, code: 'name.length', message: expect.stringContaining('姓名') });
    expect(validateName('张3', 'naturalPerson')).toMatchObject({ ok: false, code: 'name.characters' });
    expect(validateName('福州某某律师事务所', 'legalServiceOrganization')).toMatchObject({ ok: true });
    expect(validateName('12345', 'commercialEnterprise')).toMatchObject({ ok: false, code: 'name.characters' });
  });

  it('checks a resident ID: checksum, real birth date, not in the future, lower-case x', () => {
    expect(validateIdentity({ kind: 'residentId', number: '11010519491231002x' }, 'naturalPerson', TODAY)).toEqual({
      ok: true,
      value: { kind: 'residentId', number: '11010519491231002X' },
    });
    expect(validateIdentity({ kind: 'residentId', number: '110105194912310021' }, 'naturalPerson', TODAY)).toMatchObject({
      ok: false,
      code: 'idNumber.checksum',
      message: expect.stringContaining('校验'),
    });
    expect(validateIdentity({ kind: 'residentId', number: '110105194902301234' }, 'naturalPerson', TODAY)).toMatchObject({
      ok: false,
      code: 'idNumber.birthDate',
    });
    expect(validateIdentity({ kind: 'residentId', number: '110105203001010011' }, 'naturalPerson', TODAY)).toMatchObject({
      ok: false,
      code: 'idNumber.birthDateFuture',
    });
    expect(validateIdentity({ kind: 'residentId', number: '1101051949' }, 'naturalPerson', TODAY)).toMatchObject({
      ok: false,
      code: 'idNumber.length',
    });
  });

  it('takes a credit code for organisations; a failed checksum is a warning staff check', () => {
    expect(validateIdentity({ kind: 'creditCode', number: '91350100M000100Y43' }, 'commercialEnterprise', TODAY)).toEqual({
      ok: true,
      value: { kind: 'creditCode', number: '91350100M000100Y43' },
    });
    const warned = validateIdentity({ kind: 'creditCode', number: '91350100M000100Y44' }, 'commercialEnterprise', TODAY);
    expect(warned).toMatchObject({ ok: true, value: { checksumWarning: true }, warning: { code: 'creditCode.checksum' } });
    expect(validateIdentity({ kind: 'creditCode', number: '91350100M000100YI3' }, 'commercialEnterprise', TODAY)).toMatchObject({
      ok: false,
      code: 'creditCode.characters',
    });
    expect(validateIdentity({ kind: 'creditCode', number: '91350100M000100Y43' }, 'naturalPerson', TODAY)).toMatchObject({
      ok: false,
      code: 'identity.kind',
    });
    expect(validateIdentity({ kind: 'residentId', number: '11010519491231002X' }, 'researchInstitution', TODAY)).toMatchObject({
      ok: false,
      code: 'identity.kind',
    });
  });

  it('reads a typed identity answer: the number alone, or "证件名称 号码"', () => {
    expect(parseIdentityAnswer('11010519491231002X', 'naturalPerson', TODAY)).toMatchObject({ ok: true, value: { kind: 'residentId' } });
    expect(parseIdentityAnswer('身份证：11010519491231002X', 'naturalPerson', TODAY)).toMatchObject({
      ok: true,
      value: { kind: 'residentId' },
    });
    expect(parseIdentityAnswer('护照 e12345678', 'naturalPerson', TODAY)).toEqual({
      ok: true,
      value: { kind: 'other', documentType: '护照', number: 'E12345678' },
    });
    expect(parseIdentityAnswer('港澳居民来往内地通行证 H1234567890', 'naturalPerson', TODAY)).toMatchObject({
      ok: true,
      value: { kind: 'other' },
    });
    expect(parseIdentityAnswer('９１３５０１００Ｍ０００１００Ｙ４３', 'commercialEnterprise', TODAY)).toMatchObject({
      ok: true,
      value: { kind: 'creditCode', number: '91350100M000100Y43' },
    });
    expect(parseIdentityAnswer('护照 #', 'naturalPerson', TODAY)).toMatchObject({ ok: false, code: 'identity.number' });
    expect(parseIdentityAnswer('我没有身份证', 'naturalPerson', TODAY)).toMatchObject({ ok: false, code: 'identity.noNumber' });
  });

  it('checks phones, addresses and e-mail', () => {
    expect(validateContactPhone('+86 138-0013-8000')).toEqual({ ok: true, value: '13800138000' });
    expect(validateContactPhone('0591-87654321')).toEqual({ ok: true, value: '0591-87654321' });
    expect(validateContactPhone('12345678901')).toMatchObject({
      ok: false,
      code: 'phone.prefix',
      message: expect.stringContaining('第二位'),
    });
    expect(validateAddress('鼓楼区')).toMatchObject({ ok: false, code: 'address.incomplete' });
    expect(validateAddress('福建省福州市鼓楼区五四路')).toMatchObject({
      ok: false,
      code: 'address.incomplete',
      message: expect.stringContaining('门牌号'),
    });
    expect(validateAddressOrEmail('Zhang.San@Example.COM')).toEqual({ ok: true, value: { kind: 'email', value: 'Zhang.San@example.com' } });
    expect(validateAddressOrEmail('zhang@qq')).toMatchObject({ ok: false, code: 'email.domain' });
    expect(validateAddressOrEmail('福建省福州市鼓楼区五四路100号')).toMatchObject({ ok: true, value: { kind: 'address' } });
  });

  it('checks the delivery against the form and the contact details', () => {
    expect(validateDelivery('电子邮件', 'paper', null)).toMatchObject({ ok: false, code: 'delivery.paperByEmail' });
    expect(validateDelivery('post', 'electronic', { address: null, email: 'a@b.cn' })).toMatchObject({
      ok: false,
      code: 'delivery.needsAddress',
    });
    expect(validateDelivery('email', 'electronic', { address: 'x', email: null })).toMatchObject({
      ok: false,
      code: 'delivery.needsEmail',
    });
    expect(validateDelivery('自行领取', 'paper', { address: null, email: 'a@b.cn' })).toEqual({ ok: true, value: 'collect' });
  });

  it('finds an agency by code, name or alias', () => {
    expect(validateAgency('市住建局', agencies)).toEqual({ ok: true, value: 'housing' });
    expect(validateAgency('市人民政府办公室', agencies)).toEqual({ ok: true, value: 'city-office' });
    expect(validateAgency('natural-resources', agencies)).toEqual({ ok: true, value: 'natural-resources' });
    expect(validateAgency('市宇宙局', agencies)).toMatchObject({ ok: false, code: 'agency.unknown' });
  });
});

describe('Art. 39: complaints, reports and petitions are not disclosure requests', () => {
  it.each([
    ['我要投诉小区楼下饭店油烟扰民', 'complaint'],
    ['举报某某公司偷排污水，要求环保局立即查处', 'report'],
    ['某某街道办不作为，请你们处理一下', 'complaint'],
    ['楼上装修噪音太大扰民', 'complaint'],
    ['实名举报某局长受贿', 'report'],
    ['我要上访，拆迁补偿不公', 'petition'],
    ['希望政府尽快解决我们小区停水问题', 'complaint'],
    ['要求开发商退还多收的物业费', 'complaint'],
  ])('%s → %s', (text, kind) => {
    expect(classifyArt39(text)).toMatchObject({ kind });
  });

  it.each([
    '请公开2024年对我小区噪音投诉的处理结果',
    '申请公开对某某公司举报的调查报告',
    '2025年城东片区棚户区改造项目的房屋征收补偿方案',
    '市政府关于印发《城市停车管理办法》的通知（榕政〔2024〕12号）',
    '请提供某某路拓宽工程的环境影响评价批复',
    '我的信访件的处理意见书',
    // False positives of the first version (issue #22): they ask to be told a record.
    '希望调查一下为什么我的低保被取消，请告知取消依据',
    '本人反映的问题的处理情况，请书面告知',
  ])('%s is a request for a record', (text) => {
    expect(classifyArt39(text)).toBeNull();
  });

  it('Art. 39 is decided by the agency: the description validator accepts it with a warning and the hotline pointer', () => {
    const r = validateDescription('我要投诉小区噪音');
    expect(r).toMatchObject({
      ok: true,
      value: '我要投诉小区噪音',
      art39: { kind: 'complaint' },
      warning: { field: 'description', code: 'description.notDisclosure' },
    });
    if (r.ok) expect(r.warning!.message).toMatch(/第三十九条[\s\S]*由受理机关审查决定[\s\S]*12345/);
  });
});

describe('questions about a procedure are consultations (咨询), not applications', () => {
  it.each(['请问低保申请需要什么条件', '公积金怎么提取办理', '办理居住证需要哪些材料'])('%s is a consultation', (text) => {
    expect(isProcedureQuestion(text)).toBe(true);
  });
  it.each(['2025年城东片区棚户区改造项目的房屋征收补偿方案', '请问能否公开2024年低保资金发放明细', '最低生活保障的申请条件和办理流程'])(
    '%s is not',
    (text) => {
      expect(isProcedureQuestion(text)).toBe(false);
    },
  );
});

describe('vague descriptions get a hint to sharpen them', () => {
  it.each(['政府文件', '我要相关资料', '所有文件', '全部信息公开一下', '低保'])('%s is too vague', (text) => {
    const v = checkVagueness(text);
    expect(v).not.toBeNull();
    expect(v!.hint).toMatch(/文号/);
  });

  it.each(['低保名单公示', '2023年的所有棚改补偿文件', '《城市停车管理办法》', '城东片区棚户区改造补偿方案', '榕政〔2024〕12号文件'])(
    '%s is specific enough',
    (text) => {
      expect(checkVagueness(text)).toBeNull();
    },
  );
});

describe('agency suggestion and topics (config/agencies.yaml)', () => {
  it('ranks agencies by the hints in the description, the default agency last', () => {
    const s = agencies.suggest('2025年城东片区棚户区改造项目的房屋征收补偿方案');
    expect(s[0]!.agency.code).toBe('housing');
    expect(s.map((x) => x.agency.code)).toContain('city-office');
    expect(agencies.suggest('向市自然资源局申请某地块的规划许可证')[0]!.agency.code).toBe('natural-resources');
    expect(agencies.suggest('一份说不清楚的文件')).toEqual([{ agency: agencies.defaultAgency, score: 0, matched: [] }]);
  });

  it('classifies topics for city reports', () => {
    expect(agencies.topicOf('城东片区棚户区改造的征收补偿方案').label).toBe('拆迁');
    expect(agencies.topicOf('某村集体土地征收的青苗补偿标准').label).toBe('征地');
    expect(agencies.topicOf('城东片区控制性详细规划图').label).toBe('城市规划');
    expect(agencies.topicOf('某某路拓宽工程的立项批复').label).toBe('项目审批');
    expect(agencies.topicOf('2025年三公经费决算').label).toBe('其他');
  });

  it('rejects a broken agencies file naming the field', () => {
    expect(() =>
      parseAgencies(
        'agencies:\n  - code: a1\n    name: 甲局\n  - code: a1\n    name: 乙局\ntopics:\n  - code: other\n    label: 其他\n    fallback: true\n',
      ),
    ).toThrow(DataFileError);
    try {
      parseAgencies(
        'agencies:\n  - code: a1\n    name: 甲局\n  - code: a1\n    name: 乙局\ntopics:\n  - code: other\n    label: 其他\n    fallback: true\n',
      );
    } catch (err) {
      expect((err as DataFileError).problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/agencies\[1\]\.code: "a1" is used twice/),
          expect.stringMatching(/agencies: exactly one agency must have default: true/),
        ]),
      );
    }
  });
});

describe('validateApplication', () => {
  it('accepts a complete application', () => {
    const r = validateApplication(VALID_APPLICATION, { today: TODAY, agencies });
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: APPLICATION,
    });
  });

  it('reports every invalid field at once, in form order', () => {
    const r = validateApplication(
      {
        applicantType: 'naturalPerson',
        name: 'X',
        identity: { kind: 'residentId', number: '110105194912310021' },
        phone: '123',
        description: '我要投诉',
        form: 'paper',
        delivery: 'email',
        agency: 'nowhere',
      },
      { today: TODAY, agencies },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'name.length'],
      ['identity', 'idNumber.checksum'],
      ['phone', 'phone.length'],
      ['address', 'contact.missing'],
      ['description', 'description.vague'],
      ['delivery', 'delivery.paperByEmail'],
      ['agency', 'agency.unknown'],
    ]);
    expect(r.errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
  });

  it('keeps a credit-code checksum warning and accepts the application', () => {
    const r = validateApplication(
      {
        ...VALID_APPLICATION,
        applicantType: 'commercialEnterprise',
        name: '福州某某科技有限公司',
        identity: { kind: 'creditCode', number: '91350100M000100Y44' },
      },
      { today: TODAY, agencies },
    );
    expect(r).toMatchObject({
      ok: true,
      value: { identity: { kind: 'creditCode', checksumWarning: true } },
      warnings: [{ field: 'identity', code: 'creditCode.checksum' }],
    });
  });
});
