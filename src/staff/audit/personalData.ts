import { z } from 'zod';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../cases/shared/identity';
import { DomainError } from '../../platform/domainError';

/**
 * Personal data (names, ID numbers, phone numbers, addresses) is masked wherever it is listed,
 * logged or exported. Seeing it whole is an explicit request (`?unmask=true`), allowed only to
 * the roles that need it for the case at hand, and every such view is written to the audit trail.
 */

/** `freeText`: what a citizen wrote in their own words, which may name them or give their numbers. */
export type PersonalKind = 'name' | 'idNumber' | 'phone' | 'address' | 'email' | 'freeText';

export const MASKERS: Record<PersonalKind, (value: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
  email: maskEmail,
  freeText: scrubPersonalText,
};

/**
 * What a transcript keeps of a form's personal answer: the question's label and the masked value
 * ("〔姓名〕张*"); the answer itself goes only into the case record. An address step may be
 * answered with an e-mail address.
 */
export function transcribeAs(label: string, kind: PersonalKind): (answer: string) => string {
  return (answer) => `〔${label}〕${MASKERS[kind === 'address' && answer.includes('@') ? 'email' : kind](answer.trim())}`;
}

/** Which fields of a record are personal data, and of which kind. */
export type PersonalFields<T> = { [K in keyof T]?: PersonalKind };

export function maskRecord<T extends object>(record: T, fields: PersonalFields<T>): T {
  const copy = { ...record };
  for (const [field, kind] of Object.entries(fields) as [keyof T, PersonalKind][]) {
    const value = copy[field];
    if (typeof value === 'string' && value !== '') copy[field] = MASKERS[kind](value) as T[keyof T];
  }
  return copy;
}

/** Query parameters of every route that can show personal data. */
export const unmaskQueryShape = {
  unmask: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: show personal data unmasked (only for roles that need it; the view is audit-logged)'),
  reason: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('why the personal data is needed (required with unmask=true), recorded in the audit trail'),
};

/** Every unmasking says why: without a reason it is refused with 400 naming `reason`. */
export function requireReason(reason: string | undefined): asserts reason is string {
  if (!reason?.trim())
    throw new DomainError(
      'invalid',
      'reason_required',
      'unmasking personal data needs a reason (why the data are needed), recorded in the audit trail',
      'reason',
    );
}

/**
 * Full-width digits, letters, plus and hyphen (typed with a Chinese input method) as ASCII, and the
 * ideographic space as a space, so that "１３９１２３４５６７８" is found like "13912345678". Only
 * these characters change: the rest of the text (full-width punctuation) is kept as written.
 */
function halfWidthDigits(text: string): string {
  return text.replace(/[\uFF0B\uFF0D\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Digits may be grouped with spaces, hyphens or dots ("139 1234 5678", "138-1234-5678",
// "1101 0519 8503 1512 30"); letters may touch them ("ID110105198503151230"), digits may not.
const SEP = '[ \\u00A0.\\-]?';
const ID_NUMBER_IN_TEXT = new RegExp(`(?<!\\d)\\d(?:${SEP}\\d){16}${SEP}[\\dXx](?![\\dXx])`, 'g');
const MOBILE_IN_TEXT = new RegExp(`(?<![\\d+])(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}(?!\\d)`, 'g');
const GROUPING = /[ \u00A0.-]/g;

/** Masks ID and mobile numbers inside free text (notes, reasons, questions), however typed, before it is stored, shown or logged. */
export function scrubText(text: string): string {
  return halfWidthDigits(text)
    .replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id.replace(GROUPING, '')))
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone.replace(GROUPING, '')));
}

// A name after the words that introduce one; an address where it reaches a house number.
const NAME_IN_TEXT =
  /(我叫|我的名字[是叫]|名字[是叫]|姓名[:：是为]?|申请人[:：是为]?|本人)\s*(\p{Script=Han}{2,4}?)(?=[，,。.;；\s、！!？?]|$)/gu;
const ADDRESS_IN_TEXT =
  /[\p{Script=Han}A-Za-z0-9]{2,30}?(?:路|街|巷|弄|大道|村|组|里)\s*\d+\s*号(?:\s*[\dA-Za-z一二三四五六七八九十]+\s*(?:栋|幢|座|号楼|单元|楼|层|室|户|号))*/gu;

/**
 * What an operator reads of a citizen's free text (transcripts, the queue's last question, the live
 * stream): ID and phone numbers, and names and addresses where the text shows them as such.
 */
export function scrubPersonalText(text: string): string {
  return scrubText(text)
    .replace(ADDRESS_IN_TEXT, (address) => maskAddress(address))
    .replace(NAME_IN_TEXT, (_all, cue: string, name: string) => `${cue}${maskName(name)}`);
}

const SECRET_KEYS = /^(token|password|passwordhash|secret|authorization|currentpassword|newpassword)$/i;

/** Audit details without secrets and with ID/phone numbers in strings masked. */
export function scrubDetails(value: Record<string, unknown>): Record<string, unknown> {
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([key]) => !SECRET_KEYS.test(key))
          .map(([key, inner]) => [key, scrub(inner)]),
      );
    }
    return v;
  };
  return scrub(value) as Record<string, unknown>;
}
