/**
 * The hotline appeal (诉求) as the citizen gives it: category, what happened, where, how to
 * reach them. One set of validators for every way in (the chat intake form, the citizen API):
 * each returns the normalised value or an English code with a Chinese message, and
 * validateAppeal reports every invalid field at once.
 */
import { BASE_HOTLINE_CATEGORIES, type Labelled } from './rules/hotline';
import { validatePhone } from '../shared/identity';
import { isDisclosureMatter, suggestUrgency } from './classify';
import type { HotlineScope } from './scope';

/** The draft of the chat intake form: plain JSON, kept in the dialogue state between messages. */
export interface TicketDraft {
  /** The confirmed category code; null until the citizen confirms or picks one. */
  category: string | null;
  /** What the text suggested, offered for confirmation. */
  suggestedCategory: string | null;
  content: string | null;
  /** What the first message already said ("我要举报有人非法排污"): the description step adds to it. */
  seed?: string | null;
  /** null with locationSkipped: the matter has no place (a consultation, a suggestion). */
  location: string | null;
  locationSkipped?: boolean;
  /** Digits only (mobile) or 0XX-XXXXXXX (landline). */
  phone: string | null;
  /** An anonymous 举报: no contact, and the department never learns who reported. */
  anonymous: boolean;
}

export const emptyDraft = (): TicketDraft => ({
  category: null,
  suggestedCategory: null,
  content: null,
  seed: null,
  location: null,
  phone: null,
  anonymous: false,
});

/** A complete, valid appeal: what a ticket is opened from. */
export interface TicketAppeal {
  category: string;
  urgency: string;
  content: string;
  location: string | null;
  phone: string | null;
  anonymous: boolean;
}

export interface AppealIssue {
  field: 'category' | 'urgency' | 'content' | 'location' | 'phone' | 'anonymous';
  /** Stable English code, e.g. content.tooShort; content.emergency, content.discipline and content.petition are no hotline matters. */
  code: string;
  /** In Chinese: what is wrong and how to fix it. */
  message: string;
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string; switchTo?: 'disclosure' };

export const CONTENT_MIN = 5;
export const CONTENT_MAX = 2000;
export const LOCATION_MIN = 2;
export const LOCATION_MAX = 200;

/** The report category: the only one that may stay anonymous. */
export const REPORT_CATEGORY = 'report';
/** Categories whose matter need not have a place. */
const PLACELESS = new Set(['consultation', 'suggestion']);

/** For choices and numbers: full-width digits and letters become ASCII. */
const clean = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
/** For the citizen's own words: kept as written (Chinese punctuation stays), spaces tidied. */
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
/** How much a text says: its letters and digits, not its spaces, punctuation or emoji. */
const wordCharacters = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

export function categoryLabel(code: string, categories: readonly Labelled[] = BASE_HOTLINE_CATEGORIES): string {
  return categories.find((c) => c.code === code)?.label ?? code;
}

/** "1 咨询  2 求助 …" */
export function categoryMenu(categories: readonly Labelled[]): string {
  return categories.map((c, i) => `${i + 1} ${c.label}`).join('  ');
}

/** A category by code, label or its number in the menu (1-based). */
export function validateCategory(input: string, categories: readonly Labelled[]): FieldResult<string> {
  const s = clean(input).replace(/[。.!！]$/, '');
  if (s === '') return { ok: false, code: 'category.empty', message: `请选择问题类别：${categoryMenu(categories)}` };
  const n = /^\d{1,2}$/.test(s) ? Number(s) : NaN;
  const found =
    categories[n - 1] ??
    categories.find((c) => c.code === s || c.label === s || (c.label === '意见建议' && (s === '意见' || s === '建议')));
  if (!found) return { ok: false, code: 'category.unknown', message: `没有"${s}"这个类别，请回复编号选择：${categoryMenu(categories)}` };
  return { ok: true, value: found.code };
}

export function validateUrgency(input: string, urgencies: readonly Labelled[]): FieldResult<string> {
  const s = clean(input);
  const found = urgencies.find((u) => u.code === s || u.label === s);
  if (!found) return { ok: false, code: 'urgency.unknown', message: `紧急程度应为以下之一：${urgencies.map((u) => u.label).join('、')}` };
  return { ok: true, value: found.code };
}

/**
 * What happened: long enough to act on, and a hotline matter: not an emergency, not a disclosure
 * request, not officials' discipline (12388) nor 信访 (国办发〔2020〕53号).
 */
export function validateContent(input: string, scope: HotlineScope): FieldResult<string> {
  const s = tidy(input);
  if (s === '')
    return { ok: false, code: 'content.empty', message: '请描述您遇到的问题：发生了什么、从什么时候开始、涉及哪个单位或哪些人。' };
  const emergency = scope.emergencyReply(s);
  if (emergency) return { ok: false, code: 'content.emergency', message: emergency };
  if (isDisclosureMatter(scope.vocabulary, clean(s))) {
    return {
      ok: false,
      code: 'content.disclosure',
      message: '您要的是政府信息，这属于政府信息公开申请（依申请公开），不通过12345工单办理。我可以帮您提交公开申请。',
      switchTo: 'disclosure',
    };
  }
  const redirect = scope.redirect(s);
  if (redirect) return { ok: false, code: `content.${redirect.matter}`, message: redirect.message };
  if (wordCharacters(s) < CONTENT_MIN)
    return {
      ok: false,
      code: 'content.tooShort',
      message: `描述太简单了，请再具体一些（至少${CONTENT_MIN}个字），例如发生了什么、在哪里、持续多久。`,
    };
  if (Array.from(s).length > CONTENT_MAX)
    return { ok: false, code: 'content.tooLong', message: `描述太长了，请控制在${CONTENT_MAX}字以内。` };
  return { ok: true, value: s };
}

const NO_PLACE = /^(无|没有|不涉及|不需要|不用|跳过|没|不知道|不清楚)$/;

/** Where: an address or a district; only consultations and suggestions may have none (null). */
export function validateLocation(input: string, category: string | null): FieldResult<string | null> {
  const s = tidy(input).replace(/[。.!！]$/, '');
  if (s === '' || NO_PLACE.test(s)) {
    if (category && PLACELESS.has(category)) return { ok: true, value: null };
    return {
      ok: false,
      code: 'location.required',
      message: '请告诉我问题发生的地点：详细地址，或至少所在的区县、街道（乡镇）、小区名称。',
    };
  }
  if (wordCharacters(s) < LOCATION_MIN)
    return { ok: false, code: 'location.tooShort', message: '地点太简单了，请写明所在区县、街道或小区名称。' };
  if (Array.from(s).length > LOCATION_MAX) return { ok: false, code: 'location.tooLong', message: `地点请控制在${LOCATION_MAX}字以内。` };
  return { ok: true, value: s };
}

const ANONYMOUS = /^(匿名|匿名举报|我要匿名|不留|不留了|不留电话|不方便留|不想留|不愿意留|不愿留|保密)$/;

export function saysAnonymous(input: string): boolean {
  return ANONYMOUS.test(clean(input).replace(/[。.!！]$/, ''));
}

/**
 * How to reach the citizen: a phone number, or for a 举报 "匿名" (anonymous). Other
 * categories need a number: the department calls back with its answer.
 */
export function validateContact(input: string, category: string | null): FieldResult<{ phone: string | null; anonymous: boolean }> {
  const s = clean(input);
  if (saysAnonymous(s) || (s === '' && category === REPORT_CATEGORY)) {
    if (category === REPORT_CATEGORY) return { ok: true, value: { phone: null, anonymous: true } };
    return {
      ok: false,
      code: 'anonymous.notAllowed',
      message: '只有举报可以匿名。请留下联系电话（手机号码或带区号的固定电话），以便承办部门联系您、答复办理结果。',
    };
  }
  const phone = validatePhone(s);
  if (phone.status !== 'valid') {
    const hint = category === REPORT_CATEGORY ? '如希望匿名举报，请回复"匿名"。' : '';
    return { ok: false, code: phone.code, message: `${phone.message}${hint}` };
  }
  return { ok: true, value: { phone: phone.value.number, anonymous: false } };
}

export interface AppealInput {
  category?: unknown;
  urgency?: unknown;
  content?: unknown;
  location?: unknown;
  phone?: unknown;
  anonymous?: unknown;
}

export interface AppealOptions {
  categories: readonly Labelled[];
  urgencies: readonly Labelled[];
  scope: HotlineScope;
}

export type AppealValidation = { ok: true; appeal: TicketAppeal } | { ok: false; issues: AppealIssue[] };

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

/**
 * Validates a whole appeal (a submitted chat draft, or the citizen API's body): every invalid
 * field is reported, each with its code and Chinese message. The urgency is suggested from the
 * text when not given.
 */
export function validateAppeal(input: AppealInput, options: AppealOptions): AppealValidation {
  const issues: AppealIssue[] = [];
  const category = validateCategory(text(input.category), options.categories);
  if (!category.ok) issues.push({ field: 'category', code: category.code, message: category.message });
  const categoryCode = category.ok ? category.value : null;
  const content = validateContent(text(input.content), options.scope);
  if (!content.ok) issues.push({ field: 'content', code: content.code, message: content.message });
  const location = validateLocation(text(input.location), categoryCode);
  if (!location.ok) issues.push({ field: 'location', code: location.code, message: location.message });

  let contact: FieldResult<{ phone: string | null; anonymous: boolean }>;
  // "yes" or "1" is no answer: taken as false, a reporter who asked for anonymity would be named to the department.
  if (input.anonymous != null && typeof input.anonymous !== 'boolean') {
    contact = { ok: false, code: 'anonymous.notBoolean', message: '是否匿名请填写 true（匿名）或 false（不匿名）。' };
  } else if (input.anonymous === true) {
    contact =
      categoryCode === REPORT_CATEGORY || categoryCode === null
        ? { ok: true, value: { phone: null, anonymous: true } }
        : validateContact('匿名', categoryCode);
    if (contact.ok && text(input.phone) !== '') {
      contact = { ok: false, code: 'anonymous.withPhone', message: '匿名举报不需要留电话；如需承办部门联系您，请取消匿名。' };
    }
  } else {
    contact = validateContact(text(input.phone), categoryCode);
  }
  if (!contact.ok)
    issues.push({ field: contact.code.startsWith('anonymous') ? 'anonymous' : 'phone', code: contact.code, message: contact.message });

  let urgency: string | null = null;
  if (input.urgency !== undefined && input.urgency !== null && input.urgency !== '') {
    const u = validateUrgency(text(input.urgency), options.urgencies);
    if (u.ok) urgency = u.value;
    else issues.push({ field: 'urgency', code: u.code, message: u.message });
  } else if (content.ok) {
    urgency = suggestUrgency(options.scope.vocabulary, content.value, options.urgencies);
  }

  if (issues.length || !category.ok || !content.ok || !location.ok || !contact.ok || urgency === null) return { ok: false, issues };
  return {
    ok: true,
    appeal: {
      category: category.value,
      urgency,
      content: content.value,
      location: location.value,
      phone: contact.value.phone,
      anonymous: contact.value.anonymous,
    },
  };
}

/** A submitted chat draft as appeal input. */
export function draftInput(draft: TicketDraft): AppealInput {
  return {
    category: draft.category ?? '',
    content: draft.content ?? '',
    location: draft.location ?? (draft.locationSkipped ? '无' : ''),
    phone: draft.phone ?? '',
    anonymous: draft.anonymous,
  };
}
