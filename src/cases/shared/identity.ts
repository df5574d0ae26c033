/**
 * Intake validation and masking of personal data, domain.md §4.
 *
 * Every validator returns a discriminated result: 'valid' with the normalised value, or
 * 'invalid' with an English code (for logs and tests) and a Simplified-Chinese message
 * that tells the citizen exactly what to fix. The unified social credit code can also be
 * 'warning': a failed checksum that staff may override (the code register is not ours).
 */
import { isRealDate, type IsoDate, assertIsoDate } from '../../platform/calendar/dates';

export type Valid<T> = { status: 'valid'; value: T };
export type Invalid<C extends string> = { status: 'invalid'; code: C; message: string };
export type Validation<T, C extends string> = Valid<T> | Invalid<C>;

function invalid<C extends string>(code: C, message: string): Invalid<C> {
  return { status: 'invalid', code, message };
}

/** Full-width digits and letters typed with a Chinese input method become ASCII. */
function normalizeInput(input: string): string {
  return input.normalize('NFKC').trim();
}

// ---------------------------------------------------------------------------------------
// Resident identity number (公民身份号码), GB 11643-1999

export type ResidentIdCode = 'id.empty' | 'id.length' | 'id.characters' | 'id.birthDate' | 'id.birthDateFuture' | 'id.checksum';

export interface ResidentId {
  /** 18 characters, check character upper-case. */
  idNumber: string;
  /** 地址码: the county-level area of first registration. */
  areaCode: string;
  birthDate: IsoDate;
  /** 顺序码 odd = male, even = female (GB 11643-1999 §5.3). */
  sex: 'male' | 'female';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar: needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-character resident ID. `today` (the city's calendar date) is passed in
 * so that "birth date not in the future" stays a pure check.
 */
export function validateResidentId(input: string, today: IsoDate): Validation<ResidentId, ResidentIdCode> {
  assertIsoDate(today, 'today');
  const id = normalizeInput(input).replace(/\s+/g, '').toUpperCase();
  if (id === '') return invalid('id.empty', '请填写身份证号码。');
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    return invalid('id.length', '您填写的是15位旧版身份证号码，请填写18位公民身份号码。');
  }
  if (id.length !== 18) return invalid('id.length', `身份证号码应为18位，您填写了${id.length}位。`);
  if (!/^\d{17}[\dX]$/.test(id)) return invalid('id.characters', '身份证号码前17位应为数字，最后一位为数字或字母X。');

  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const spoken = `${id.slice(6, 10)}年${id.slice(10, 12)}月${id.slice(12, 14)}日`;
  if (!isRealDate(y, m, d)) return invalid('id.birthDate', `身份证号码第7至14位是出生日期，${spoken}不是有效日期，请核对。`);
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return invalid('id.birthDateFuture', `身份证号码第7至14位是出生日期，${spoken}晚于今天，请核对。`);

  // The expected check character is not shown: it would help invent numbers, not fix typos.
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return invalid('id.checksum', '身份证号码校验不通过，可能有数字填错或前后颠倒，请对照证件逐位核对。');
  }
  return {
    status: 'valid',
    value: { idNumber: id, areaCode: id.slice(0, 6), birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

// ---------------------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码), GB 32100-2015

export type CreditCodeCode = 'uscc.empty' | 'uscc.length' | 'uscc.characters' | 'uscc.checksum';

/** The 31 symbols, in the order that gives each its value 0-30 (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type CreditCodeValidation =
  | Valid<string>
  | Invalid<Exclude<CreditCodeCode, 'uscc.checksum'>>
  /** Well-formed but the checksum fails: staff may check the register and accept it. */
  | { status: 'warning'; value: string; code: 'uscc.checksum'; message: string; expectedCheckChar: string };

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar: needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`creditCodeCheckChar: "${first17[i]}" is not in the GB 32100 character set`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(input: string): CreditCodeValidation {
  const code = normalizeInput(input).replace(/\s+/g, '').toUpperCase();
  if (code === '') return invalid('uscc.empty', '请填写统一社会信用代码。');
  if (code.length !== 18) return invalid('uscc.length', `统一社会信用代码应为18位，您填写了${code.length}位。`);
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i]!)) {
      return invalid(
        'uscc.characters',
        `统一社会信用代码第${i + 1}位"${code[i]}"不是有效字符：代码只由数字和大写字母组成，且不含I、O、Z、S、V。`,
      );
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return {
      status: 'warning',
      value: code,
      code: 'uscc.checksum',
      message: '统一社会信用代码校验未通过，请对照营业执照或登记证书核对；如确认无误，可继续提交，由工作人员核实。',
      expectedCheckChar: expected,
    };
  }
  return { status: 'valid', value: code };
}

// ---------------------------------------------------------------------------------------
// Telephone numbers. Carrier prefixes change; only the shape from domain.md is checked.

export type MobileCode = 'mobile.empty' | 'mobile.characters' | 'mobile.countryCode' | 'mobile.length' | 'mobile.prefix';
export type LandlineCode = 'landline.empty' | 'landline.areaCode' | 'landline.format';

const MOBILE = /^(?:(?:\+|00)86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Valid value: the 11-digit national number (country code dropped). */
export function validateMobile(input: string): Validation<string, MobileCode> {
  const s = normalizeInput(input).replace(/[\s-]+/g, '');
  if (s === '') return invalid('mobile.empty', '请填写手机号码。');
  if (MOBILE.test(s)) return { status: 'valid', value: s.slice(-11) };
  if (!/^\+?\d+$/.test(s)) return invalid('mobile.characters', '手机号码只能包含数字（可带+86），请去掉其他字符。');
  if (/^(?:\+|00)/.test(s) && !/^(?:\+|00)86/.test(s)) {
    return invalid('mobile.countryCode', '目前只受理中国大陆手机号码（+86），请填写11位手机号码。');
  }
  const national = s.replace(/^(?:\+|00)86/, '');
  if (national.length !== 11) return invalid('mobile.length', `手机号码应为11位数字，您填写了${national.length}位。`);
  return invalid('mobile.prefix', '手机号码应以1开头，第二位为3至9，请核对。');
}

/** Valid value: the number as written, spaces removed (e.g. 0591-87654321). */
export function validateLandline(input: string): Validation<string, LandlineCode> {
  const s = normalizeInput(input).replace(/\s+/g, '');
  if (s === '') return invalid('landline.empty', '请填写固定电话号码。');
  if (LANDLINE.test(s)) return { status: 'valid', value: s };
  if (/^[1-9]\d{6,7}$/.test(s)) return invalid('landline.areaCode', '固定电话请加上区号，例如0591-87654321。');
  return invalid('landline.format', '固定电话号码格式应为"区号-号码"：区号以0开头共3至4位，号码7至8位，例如0591-87654321。');
}

export type PhoneKind = 'mobile' | 'landline';

/** Contact number (联系电话): a mobile or a landline; the error addresses what it looks like. */
export function validatePhone(input: string): Validation<{ kind: PhoneKind; number: string }, MobileCode | LandlineCode | 'phone.empty'> {
  const s = normalizeInput(input).replace(/[\s-]+/g, '');
  if (s === '') return invalid('phone.empty', '请填写联系电话（手机号码或带区号的固定电话）。');
  const mobile = validateMobile(input);
  if (mobile.status === 'valid') return { status: 'valid', value: { kind: 'mobile', number: mobile.value } };
  const landline = validateLandline(input);
  if (landline.status === 'valid') return { status: 'valid', value: { kind: 'landline', number: landline.value } };
  // 0 (not 00) starts an area code; anything else was most likely meant as a mobile.
  return /^0(?!0)/.test(s) ? landline : mobile;
}

// ---------------------------------------------------------------------------------------
// E-mail

export type EmailCode = 'email.empty' | 'email.characters' | 'email.at' | 'email.local' | 'email.domain' | 'email.length';

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A practical address check (not full RFC 5322). Valid value: domain lower-cased. */
export function validateEmail(input: string): Validation<string, EmailCode> {
  const s = normalizeInput(input);
  if (s === '') return invalid('email.empty', '请填写电子邮箱地址。');
  if (/\s/.test(s)) return invalid('email.characters', '电子邮箱地址中不能有空格。');
  if (s.includes('。')) return invalid('email.characters', '电子邮箱地址中的点请使用英文句点"."，不要使用中文句号"。"。');
  const parts = s.split('@');
  if (parts.length !== 2) {
    return invalid('email.at', parts.length === 1 ? '电子邮箱地址缺少"@"，格式如 name@example.com。' : '电子邮箱地址只能包含一个"@"。');
  }
  const [local, domain] = parts as [string, string];
  if (s.length > 254) return invalid('email.length', '电子邮箱地址过长，请核对。');
  if (local === '' || local.length > 64 || !EMAIL_LOCAL.test(local)) {
    return invalid('email.local', '电子邮箱"@"前面的部分有误：只能使用英文字母、数字和 . _ - + 等符号，且不能以点开头或结尾。');
  }
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/.test(tld)) {
    return invalid('email.domain', `电子邮箱"@"后面的域名"${domain}"有误，应类似 example.com 或 qq.com。`);
  }
  return { status: 'valid', value: `${local}@${domain.toLowerCase()}` };
}

// ---------------------------------------------------------------------------------------
// Masking (脱敏): what is shown to anyone whose role does not need the full value.

/** Keeps the first 4 and last 4 characters: 2101**********123X. Short values are masked whole. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** Mobile 138****5678; landline keeps the area code and last 4 digits: 0591-****4321. */
export function maskPhone(phone: string): string {
  const s = normalizeInput(phone).replace(/[\s-]+/g, '');
  if (MOBILE.test(s)) {
    const n = s.slice(-11);
    return `${n.slice(0, 3)}****${n.slice(7)}`;
  }
  if (LANDLINE.test(s)) {
    // 010 and 02X are the three-digit area codes; every other area code has four digits.
    const areaLength = /^0[12]/.test(s) ? 3 : 4;
    const local = s.slice(areaLength);
    return `${s.slice(0, areaLength)}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  if (s.length <= 4) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 4) + s.slice(-4);
}

/**
 * Two-character surnames (复姓) that are kept whole, so 欧阳娜娜 shows as 欧阳** as in
 * domain.md; every other name keeps only its first character (张三 → 张*).
 */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '闻人',
  '万俟',
  '单于',
  '赫连',
  '钟离',
  '濮阳',
  '淳于',
  '东郭',
  '拓跋',
  '左丘',
  '第五',
  '公羊',
  '闾丘',
];

/** 张三 → 张*, 欧阳娜娜 → 欧阳**; at least one character is always masked. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const head = chars.slice(0, 2).join('');
  const keep = chars.length > 2 && COMPOUND_SURNAMES.includes(head) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

// Administrative prefix of a mainland address: province, prefecture, then county level.
// Names exclude characters that mark streets and buildings so that an estate ending in
// 区 (某某小区, 某某社区) is never mistaken for a district and shown; the cost is that a
// few real districts (e.g. 小店区) are masked with the rest, which errs on the safe side.
const PROVINCE = /^[^\s省市区县旗路街道巷号镇乡村]{2,12}?(?:省|自治区|特别行政区)/;
const PREFECTURE = /^[^\s省市区县旗路街道巷号镇乡村]{1,12}?(?:市|自治州|地区|盟)/;
const COUNTY = /^[^\s省市区县旗路街道巷号镇乡村小社]{1,14}?(?:区|县|旗|市)/;

/**
 * Keeps the administrative prefix down to the district/county level (e.g.
 * 福建省福州市鼓楼区) and replaces the rest with ****. Addresses whose prefix cannot be
 * recognised are masked whole rather than risk showing a street or building.
 */
export function maskAddress(address: string): string {
  const s = normalizeInput(address);
  if (s === '') return '';
  let rest = s;
  let kept = '';
  for (const part of [PROVINCE, PREFECTURE, COUNTY]) {
    const m = part.exec(rest);
    if (m) {
      kept += m[0];
      rest = rest.slice(m[0].length);
    }
  }
  if (kept === '') return '****';
  return rest === '' ? kept : `${kept}****`;
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const s = email.trim();
  const at = s.lastIndexOf('@');
  if (at < 0) return s === '' ? '' : `${Array.from(s)[0]}***`;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  return `${local.length <= 1 ? '*' : `${Array.from(local)[0]}***`}@${domain}`;
}
