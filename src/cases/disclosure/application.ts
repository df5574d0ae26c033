/**
 * A disclosure application (政府信息公开申请, 《政府信息公开条例》Art. 29) and its validation: the
 * ONE module every intake path uses (the chat form now, the form API later, officers registering
 * in-person and letter applications). Each field validator answers `{ok: true, value}` or
 * `{ok: false, code, message}` with an English code and a Chinese message saying what to fix;
 * validateApplication reports every invalid field at once.
 */
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, type ApplicantType } from './rules/annualReport';
import { wrongType } from '../../platform/fieldRefusal';
import { validateCreditCode, validateEmail, validatePhone, validateResidentId } from '../shared/identity';
import type { AgencyDirectory, AgencySuggestion } from './agencies';

export type FieldResult<T> =
  | { ok: true; value: T; /** Accepted, but staff should check (a credit-code checksum). */ warning?: FieldIssue }
  | { ok: false; code: string; message: string };

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

const ok = <T>(value: T, warning?: FieldIssue): FieldResult<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (code: string, message: string): { ok: false; code: string; message: string } => ({ ok: false, code, message });

/** Full-width characters typed with a Chinese input method become ASCII; outer spaces go. */
const clean = (input: string) => input.normalize('NFKC').trim();

// ---------------------------------------------------------------------------------------
// The application

export const ORGANIZATION_TYPES = APPLICANT_TYPES.filter((t) => t !== 'naturalPerson');

export const IDENTITY_KINDS = ['residentId', 'creditCode', 'other'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export type IdentityDocument =
  | { kind: 'residentId'; number: string }
  /** checksumWarning: the GB 32100 check failed and the applicant confirmed it; staff verify it. */
  | { kind: 'creditCode'; number: string; checksumWarning?: boolean }
  /** Another document (护照, 港澳居民来往内地通行证, 事业单位法人证书 …): its type and number. */
  | { kind: 'other'; documentType: string; number: string };

export const IDENTITY_KIND_LABELS: Record<IdentityKind, string> = {
  residentId: '居民身份证',
  creditCode: '统一社会信用代码',
  other: '其他证件',
};

/** 载体形式: paper or electronic. */
export const FORMS = ['paper', 'electronic'] as const;
export type InformationForm = (typeof FORMS)[number];
export const FORM_LABELS: Record<InformationForm, string> = { paper: '纸质', electronic: '电子' };

/** 获取方式: collect at the agency, by post, by e-mail. */
export const DELIVERIES = ['collect', 'post', 'email'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DELIVERY_LABELS: Record<Delivery, string> = { collect: '自行领取', post: '邮寄', email: '电子邮件' };

export interface DisclosureApplication {
  applicantType: ApplicantType;
  /** The person's name or the organisation's full name. */
  name: string;
  identity: IdentityDocument;
  phone: string;
  /** Postal address; at least one of address and e-mail is given. */
  address: string | null;
  email: string | null;
  /** What information is wanted: title, 文号, or features that let the agency find it. */
  description: string;
  form: InformationForm;
  delivery: Delivery;
  /** Agency code from config/agencies.yaml. */
  agency: string;
  /** Art. 39: the description reads like a complaint, report or petition; a hint for the officer, who decides. */
  art39Hint?: Art39Kind | null;
}

// ---------------------------------------------------------------------------------------
// Field validators

function choice<T extends string>(input: string, codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}): T | null {
  const s = clean(input);
  if ((codes as readonly string[]).includes(s)) return s as T;
  const byLabel = codes.find((c) => labels[c] === s);
  return byLabel ?? extra[s] ?? null;
}

/** 申请人类型: a code (naturalPerson, commercialEnterprise …) or its label (自然人, 商业企业 …). */
export function validateApplicantType(input: string): FieldResult<ApplicantType> {
  if (clean(input) === '') return fail('applicantType.empty', '请选择申请人类型：自然人，或法人或其他组织。');
  const type = choice(input, APPLICANT_TYPES, APPLICANT_TYPE_LABELS, {
    个人: 'naturalPerson',
    公民: 'naturalPerson',
    企业: 'commercialEnterprise',
    其他组织: 'otherOrganization',
  });
  if (!type) {
    return fail(
      'applicantType.unknown',
      `申请人类型应为：自然人，或法人或其他组织中的${ORGANIZATION_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]).join('、')}。`,
    );
  }
  return ok(type);
}

const PERSON_NAME = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·•.\s-]*$/u;

/** 姓名 (natural person) or 单位名称 (organisation). */
export function validateName(input: string, applicantType: ApplicantType | undefined): FieldResult<string> {
  const s = clean(input).replace(/\s+/g, ' ');
  const person = applicantType === 'naturalPerson';
  const what = person ? '姓名' : '单位名称';
  if (s === '') return fail('name.empty', `请填写${what}。`);
  const length = Array.from(s).length;
  if (person) {
    if (length < 2 || length > 50) return fail('name.length', '姓名应为2至50个字，请填写证件上的姓名。');
    if (!PERSON_NAME.test(s)) return fail('name.characters', '姓名只能包含汉字、字母和间隔号"·"，请填写证件上的姓名。');
  } else {
    if (length < 2 || length > 100) return fail('name.length', '单位名称应为2至100个字，请填写营业执照或登记证书上的全称。');
    if (!/[\p{Script=Han}A-Za-z]/u.test(s)) return fail('name.characters', '单位名称应包含文字，请填写营业执照或登记证书上的全称。');
  }
  return ok(s);
}

const OTHER_DOCUMENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{3,29}$/;

/** A structured identity document: what the form API and officers send. */
export function validateIdentity(
  input: { kind?: unknown; number?: unknown; documentType?: unknown },
  applicantType: ApplicantType | undefined,
  today: string,
): FieldResult<IdentityDocument> {
  const person = applicantType !== undefined && applicantType === 'naturalPerson';
  const kind = typeof input.kind === 'string' ? input.kind : '';
  const number = typeof input.number === 'string' ? clean(input.number) : '';
  if (!(IDENTITY_KINDS as readonly string[]).includes(kind))
    return fail('identity.kind', '请说明身份证明的种类：居民身份证、统一社会信用代码或其他证件。');
  if (kind === 'residentId') {
    if (applicantType !== undefined && !person)
      return fail('identity.kind', '法人或其他组织请提供统一社会信用代码，或其他登记证件的类型和号码。');
    const r = validateResidentId(number, today);
    return r.status === 'valid'
      ? ok({ kind: 'residentId', number: r.value.idNumber })
      : fail(`idNumber.${r.code.slice('id.'.length)}`, r.message);
  }
  if (kind === 'creditCode') {
    if (person) return fail('identity.kind', '自然人请提供居民身份证号码，或其他身份证件的类型和号码。');
    const r = validateCreditCode(number);
    if (r.status === 'valid') return ok({ kind: 'creditCode', number: r.value });
    if (r.status === 'warning')
      return ok(
        { kind: 'creditCode', number: r.value, checksumWarning: true },
        { field: 'identity', code: 'creditCode.checksum', message: r.message },
      );
    return fail(`creditCode.${r.code.slice('uscc.'.length)}`, r.message);
  }
  const documentType = typeof input.documentType === 'string' ? clean(input.documentType) : '';
  if (Array.from(documentType).length < 2 || Array.from(documentType).length > 30 || /^\d+$/.test(documentType)) {
    return fail('identity.documentType', '请写明证件名称，如"护照""港澳居民来往内地通行证""事业单位法人证书"。');
  }
  const compact = number.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return fail('identity.number', `请填写${documentType}号码。`);
  if (!OTHER_DOCUMENT_NUMBER.test(compact)) return fail('identity.number', `${documentType}号码应为4至30位字母或数字，请核对。`);
  return ok({ kind: 'other', documentType, number: compact });
}

const RESIDENT_ID_WORDS = /^(居民)?身份证(号码?)?$/;
const CREDIT_CODE_WORDS = /^(统一)?社会信用代码$|^信用代码$/;

/**
 * A typed answer to the identity question: a resident ID number (natural persons), a credit code
 * (organisations), or "证件类型 号码" for any other document ("护照 E12345678").
 */
export function parseIdentityAnswer(
  answer: string,
  applicantType: ApplicantType | undefined,
  today: string,
): FieldResult<IdentityDocument> {
  const s = clean(answer);
  if (s === '') return fail('identity.empty', '请填写身份证明号码。');
  const person = applicantType === 'naturalPerson';
  const typed = /^([^\s:：\d][^\s:：]*?)[\s:：]+(.+)$/.exec(s);
  if (typed && !/^[0-9A-Za-z]+$/.test(typed[1]!)) {
    const [, type, number] = typed as unknown as [string, string, string];
    if (RESIDENT_ID_WORDS.test(type)) return validateIdentity({ kind: 'residentId', number }, applicantType, today);
    if (CREDIT_CODE_WORDS.test(type)) return validateIdentity({ kind: 'creditCode', number }, applicantType, today);
    return validateIdentity({ kind: 'other', documentType: type, number }, applicantType, today);
  }
  // Every number of an ID card or a credit code has digits: "我没有身份证" is about the document, not a number to count.
  if (!/\d/.test(s))
    return fail(
      'identity.noNumber',
      person
        ? '您的回复里没有证件号码。没有身份证的，可以改用其他证件，按"证件名称 号码"发送；不想继续填写，请回复"取消"。'
        : '您的回复里没有证件号码。没有统一社会信用代码的，可以改用其他登记证件，按"证件名称 号码"发送；不想继续填写，请回复"取消"。',
    );
  return validateIdentity({ kind: person ? 'residentId' : 'creditCode', number: s }, applicantType, today);
}

/** 联系电话: a mobile or a landline with its area code. */
export function validateContactPhone(input: string): FieldResult<string> {
  const r = validatePhone(input);
  return r.status === 'valid' ? ok(r.value.number) : fail(`phone.${r.code.split('.')[1]}`, r.message);
}

/** 通信地址: a mainland postal address precise enough to deliver a letter. */
export function validateAddress(input: string): FieldResult<string> {
  const s = clean(input).replace(/\s+/g, ' ');
  if (s === '') return fail('address.empty', '请填写通信地址。');
  const length = Array.from(s).length;
  if (length > 200) return fail('address.length', '通信地址请控制在200字以内。');
  if (length < 8 || !/\p{Script=Han}/u.test(s))
    return fail(
      'address.incomplete',
      '通信地址不完整，请写明省、市、区（县）、街道（乡镇）、门牌号，例如"福建省福州市鼓楼区五四路100号3单元201室"。',
    );
  if (!/\d|号|室|组|栋|幢|单元|信箱/.test(s))
    return fail('address.incomplete', '通信地址请写到门牌号（如"100号""3单元201室"），以便邮寄答复。');
  return ok(s);
}

export function validateReplyEmail(input: string): FieldResult<string> {
  const r = validateEmail(input);
  return r.status === 'valid' ? ok(r.value) : fail(r.code, r.message);
}

/** One answer that is a postal address or an e-mail address (the chat asks for either). */
export function validateAddressOrEmail(input: string): FieldResult<{ kind: 'address' | 'email'; value: string }> {
  const s = clean(input);
  if (s === '') return fail('contact.empty', '请填写通信地址或电子邮箱，用于送达答复。');
  if (s.includes('@') || /^[\w.+-]+[@＠]/.test(s)) {
    const r = validateReplyEmail(s);
    return r.ok ? ok({ kind: 'email', value: r.value }) : r;
  }
  const r = validateAddress(s);
  return r.ok ? ok({ kind: 'address', value: r.value }) : r;
}

export function validateForm(input: string): FieldResult<InformationForm> {
  const form = choice(input, FORMS, FORM_LABELS, {
    纸质版: 'paper',
    纸件: 'paper',
    纸质文件: 'paper',
    电子版: 'electronic',
    电子文件: 'electronic',
    电子文档: 'electronic',
  });
  return form ? ok(form) : fail('form.unknown', '获取信息的形式应为"纸质"或"电子"。');
}

/** 获取方式, checked against the form and the contact details it needs. */
export function validateDelivery(
  input: string,
  form: InformationForm | undefined,
  contact: { address: string | null; email: string | null } | null,
): FieldResult<Delivery> {
  const delivery = choice(input, DELIVERIES, DELIVERY_LABELS, {
    领取: 'collect',
    自取: 'collect',
    现场领取: 'collect',
    当面领取: 'collect',
    邮政寄送: 'post',
    快递: 'post',
    寄送: 'post',
    邮件: 'email',
    电子邮箱: 'email',
    邮箱: 'email',
  });
  if (!delivery) return fail('delivery.unknown', '获取方式应为"自行领取""邮寄"或"电子邮件"。');
  if (form === 'paper' && delivery === 'email')
    return fail('delivery.paperByEmail', '纸质信息不能通过电子邮件发送，请选择自行领取或邮寄。');
  if (contact && delivery === 'post' && !contact.address) return fail('delivery.needsAddress', '选择邮寄的，需要填写通信地址。');
  if (contact && delivery === 'email' && !contact.email) return fail('delivery.needsEmail', '选择电子邮件的，需要填写电子邮箱。');
  return ok(delivery);
}

export function validateAgency(input: string, agencies: AgencyDirectory): FieldResult<string> {
  if (clean(input) === '') return fail('agency.empty', '请选择受理申请的机关。');
  const agency = agencies.find(input);
  return agency ? ok(agency.code) : fail('agency.unknown', `没有找到"${clean(input)}"这个机关，请从列表中选择。`);
}

// ---------------------------------------------------------------------------------------
// The description: Art. 39 and vagueness

export type Art39Kind = 'complaint' | 'report' | 'petition';
export const ART39_KIND_LABELS: Record<Art39Kind, string> = { complaint: '投诉', report: '举报', petition: '信访' };

export interface Art39Classification {
  kind: Art39Kind;
  /** The words that gave it away, for logs and tests. */
  cue: string;
}

/** Asking for a record: a verb of access, or a thing that is a record. */
const INFO_VERB = /公开|提供|查阅|获取|复印|复制|告知|出具|调取|索取|抄录/;
const INFO_OBJECT =
  /文件|通知|决定书?|批复|方案|规划|报告|名单|清单|记录|数据|统计|合同|协议|纪要|公告|公示|台账|依据|标准|结果|说明|目录|证书|许可证|图纸|预算|决算|明细|文书|意见书|函|会议|档案|红线图|登记表|审批表/;
const DOC_NUMBER = /[〔[【(（]\s*(19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号/;
const BOOK_TITLE = /《[^》]{2,}》/;
/** The text also asks to be told a record or the state of a matter ("请告知取消依据", "处理情况，请书面告知"). */
const ASKS_FOR_RECORD = new RegExp(
  `(${INFO_VERB.source})[^，。,.!！?？；;]{0,6}(${INFO_OBJECT.source}|处理情况|办理情况)|(${INFO_OBJECT.source}|处理情况|办理情况)[^。.!！?？；;]{0,4}(${INFO_VERB.source})`,
);

/** A demand that the government act (查处, 赔偿 …), not for information. */
const ACTION_DEMAND =
  /(强烈要求|要求|请求|恳请|希望|请你们|请)([^，。,.!！?？；;\n]{0,14}?)(查处|处理|处罚|严惩|惩处|整改|解决|赔偿|退还|退款|取缔|关停|拆除|追究|纠正|调查|督促|责令|还我|给个说法|给一个说法|主持公道|管一管|管管)/;
/** Words after which an action word names a record (处理结果, 调查报告), not a demand. */
const RECORD_AFTER_ACTION = /^(结果|报告|记录|情况|决定|文书|意见|方案|依据|材料|通知|批复|书|函)/;
const FIRST_PERSON = /(我要|我想|我来|特此|现|实名|匿名|本人)(投诉|举报|检举|控告|揭发|信访|上访|反映)/;
const OPENING = /^(投诉|举报|检举|控告|揭发|上访)/;
/** Words that suggest a complaint when nothing in the text asks for a record. */
const WEAK_CUES =
  /投诉|举报|检举|控告|揭发|信访|上访|请愿|不作为|乱作为|乱收费|乱罚款|扰民|强拆|暴力执法|贪污|受贿|腐败|欺诈|拖欠|欠薪|太过分|不像话/;

function kindOf(cue: string): Art39Kind {
  if (/举报|检举|揭发|控告|贪污|受贿|腐败/.test(cue)) return 'report';
  if (/信访|上访|请愿/.test(cue)) return 'petition';
  return 'complaint';
}

/**
 * Art. 39: a complaint, report or petition dressed as a disclosure application is not one. The
 * text asks the government to act or accuses someone, rather than asking for a record. Asking for
 * the record of a complaint ("公开对XX投诉的处理结果") is a disclosure request and passes.
 */
export function classifyArt39(description: string): Art39Classification | null {
  const s = clean(description);
  // Asking for a record makes it a disclosure request, whatever else the text says.
  if (ASKS_FOR_RECORD.test(s)) return null;
  const demand = ACTION_DEMAND.exec(s);
  if (demand) {
    const [whole, , gap, action] = demand as unknown as [string, string, string, string];
    const after = s.slice(demand.index + whole.length);
    if (!INFO_VERB.test(gap) && !RECORD_AFTER_ACTION.test(after)) return { kind: kindOf(s), cue: `${demand[1]}…${action}` };
  }
  const firstPerson = FIRST_PERSON.exec(s);
  if (firstPerson) return { kind: kindOf(firstPerson[2]!), cue: firstPerson[0] };
  const opening = OPENING.exec(s);
  if (opening && !INFO_VERB.test(s)) return { kind: kindOf(opening[1]!), cue: opening[0] };
  const weak = WEAK_CUES.exec(s);
  if (weak && !INFO_VERB.test(s) && !INFO_OBJECT.test(s) && !DOC_NUMBER.test(s) && !BOOK_TITLE.test(s))
    return { kind: kindOf(weak[0]), cue: weak[0] };
  return null;
}

/**
 * A question about how a procedure works ("请问低保申请需要什么条件"): a consultation (咨询), which
 * the knowledge base answers, not an application for a record.
 */
const PROCEDURE_QUESTION =
  /^(请问|咨询一下|咨询|想问一下|想问|问一下|我想知道)|(怎么|怎样|如何)(办理|申请|办|领取|缴纳|登记|提取)|需要(什么|哪些)(条件|材料|手续|证件)|(什么|哪些)(条件|材料|手续)|(在哪里?|去哪里?)(办理?|申请)|(多久|多长时间)(能)?(办好|办结|下来)/;

export function isProcedureQuestion(description: string): boolean {
  const s = clean(description);
  return (
    PROCEDURE_QUESTION.test(s) &&
    !/公开|查阅|复制|复印|调取/.test(s) &&
    !ASKS_FOR_RECORD.test(s) &&
    !DOC_NUMBER.test(s) &&
    !BOOK_TITLE.test(s)
  );
}

export const CONSULTATION_NOTE = '您的问题属于咨询（了解办事条件和程序），不需要申请政府信息公开，可以直接解答。';
export const CONSULTATION_CONTINUE = '如您确实需要获取某项政府信息（如文件、批复、数据），请描述所需的信息；回复"取消"结束申请。';

export type VaguenessCode = 'description.vague' | 'description.blanket';

export interface Vagueness {
  code: VaguenessCode;
  /** How to sharpen the description, in Chinese. */
  hint: string;
}

const FILLER =
  /我们|我|你们|想要|想|需要|要|申请|公开|请|帮忙|帮|查询|查看|查|看看|看|了解|知道|获取|提供|政府|信息|文件|资料|材料|内容|东西|情况|相关|有关|关于|这个|那个|一些|一下|所有|全部|一切|任何|历年|的|了|吗|呢|吧|啊|和|及/g;
const BLANKET = /所有|全部|一切|任何|历年|历次|全套/;
const YEAR = /(19|20)\d{2}\s*年|(19|20)\d{2}[-./]\d{1,2}/;

export const SHARPEN_HINT =
  '请尽量写明：文件名称或文号（如"X政发〔2023〕12号"）、发文机关、大致时间，以及涉及的具体事项、地点或项目名称，便于机关准确查找。例如："2023年城东片区棚户区改造项目的房屋征收补偿方案"。';

/**
 * Too vague to find (Art. 29 para 2 (2)): almost nothing left once filler words go, or a blanket
 * request ("所有文件") with no title, 文号 or year to narrow it.
 */
export function checkVagueness(description: string): Vagueness | null {
  const s = clean(description);
  const anchored = DOC_NUMBER.test(s) || BOOK_TITLE.test(s) || YEAR.test(s);
  const substance = s.replace(FILLER, '').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
  if (!anchored && Array.from(substance).length < 4) {
    return { code: 'description.vague', hint: `您描述的信息还不够具体，机关难以查找。${SHARPEN_HINT}` };
  }
  if (!anchored && BLANKET.test(s)) {
    return { code: 'description.blanket', hint: `"所有""全部"这类范围过宽的申请难以查找，请缩小到具体的文件或事项。${SHARPEN_HINT}` };
  }
  return null;
}

/**
 * Art. 39 is decided by the agency, not at intake: the citizen is warned and offered the hotline,
 * and an application they confirm is received like any other.
 */
export const ART39_MESSAGE = (c: Art39Classification) =>
  `提示：您描述的内容看起来像是${ART39_KIND_LABELS[c.kind]}事项。按照《政府信息公开条例》第三十九条，信访、投诉、举报等诉求不作为政府信息公开申请处理，是否属于由受理机关审查决定。` +
  '如您是要反映问题、投诉或举报，建议拨打12345政务服务便民热线，或回复"取消"后发送"我要投诉"由我们帮您提交热线工单；如确需获取政府信息，可以继续填写，提交后机关将登记并依法答复。';

/** 所需信息的描述: a request for a record, specific enough to find. */
export function validateDescription(input: string): FieldResult<string> & { art39?: Art39Classification } {
  const s = clean(input);
  if (s === '') return fail('description.empty', '请描述您需要的政府信息：文件名称、文号，或便于查找的其他特征。');
  if (Array.from(s).length > 2000) return fail('description.length', '描述请控制在2000字以内；需要多项信息的，建议分别申请。');
  const vague = checkVagueness(s);
  if (vague) return fail(vague.code, vague.hint);
  const art39 = classifyArt39(s);
  if (art39) return { ...ok(s, { field: 'description', code: 'description.notDisclosure', message: ART39_MESSAGE(art39) }), art39 };
  return ok(s);
}

/** Agencies to offer for a description, best first (config/agencies.yaml keyword hints). */
export function suggestAgencies(description: string, agencies: AgencyDirectory): AgencySuggestion[] {
  return agencies.suggest(description);
}

// ---------------------------------------------------------------------------------------
// The whole application

export type ValidatedApplication = { ok: true; value: DisclosureApplication; warnings: FieldIssue[] } | { ok: false; errors: FieldIssue[] };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optionalStr = (v: unknown): string | null => (typeof v === 'string' && clean(v) !== '' ? v : null);

/** The fields as the applicant knows them, for a value of the wrong type. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  applicantType: '申请人类型',
  name: '姓名或单位名称',
  identity: '身份证明',
  phone: '联系电话',
  address: '通信地址',
  email: '电子邮箱',
  description: '所需信息的描述',
  form: '载体形式',
  delivery: '获取方式',
  agency: '受理机关',
};

/** Description findings an officer registering a paper application records rather than refuses. */
const REGISTRABLE_DESCRIPTION_CODES = new Set(['description.vague', 'description.blanket']);

/**
 * Validates an application as submitted in one piece (form API, officer registration, the chat
 * form's draft at confirmation). Every invalid field is reported, in the order of the form.
 *
 * A description that reads like a complaint (Art. 39) is always a warning (description.notDisclosure)
 * and a hint on the request: the agency decides. `received: true` is for an application that has
 * already reached the agency on paper (in person, by letter): a vague description is then a warning
 * too, because the agency must still register it and answer it (a correction notice).
 */
export function validateApplication(
  input: unknown,
  context: { today: string; agencies: AgencyDirectory; received?: boolean },
): ValidatedApplication {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const take = <T>(field: string, r: FieldResult<T>): T | undefined => {
    if (!r.ok) {
      errors.push({ field, code: r.code, message: r.message });
      return undefined;
    }
    if (r.warning) warnings.push(r.warning);
    return r.value;
  };

  // A value of the wrong type (a list, a number) is named as such: read as empty, it would ask the
  // applicant to fill in what they did fill in. Absent (or null) stays "not given".
  const typed = (field: string, value: unknown, what: 'text' | 'document' = 'text'): boolean => {
    if (value === undefined || value === null) return true;
    if (what === 'text' ? typeof value === 'string' : typeof value === 'object' && !Array.isArray(value)) return true;
    errors.push(wrongType(field, FIELD_NAMES[field]!, what));
    return false;
  };
  const text = <T>(field: string, validate: (input: string) => FieldResult<T>): T | undefined =>
    typed(field, raw[field]) ? take(field, validate(str(raw[field]))) : undefined;

  const applicantType = text('applicantType', validateApplicantType);
  const name = text('name', (input) => validateName(input, applicantType));
  const identityInput = raw.identity && typeof raw.identity === 'object' ? (raw.identity as Record<string, unknown>) : {};
  const identityTyped =
    typed('identity', raw.identity, 'document') && ['kind', 'number', 'documentType'].every((key) => typed('identity', identityInput[key]));
  const identity = identityTyped ? take('identity', validateIdentity(identityInput, applicantType, context.today)) : undefined;
  const phone = text('phone', validateContactPhone);
  // undefined: given with the wrong type (already reported); null: not given.
  const addressText = typed('address', raw.address) ? optionalStr(raw.address) : undefined;
  const emailText = typed('email', raw.email) ? optionalStr(raw.email) : undefined;
  const address = addressText == null ? null : take('address', validateAddress(addressText));
  const email = emailText == null ? null : take('email', validateReplyEmail(emailText));
  if (addressText === null && emailText === null)
    errors.push({ field: 'address', code: 'contact.missing', message: '请至少填写通信地址或电子邮箱中的一项，用于送达答复。' });
  const checkedDescription = typed('description', raw.description) ? validateDescription(str(raw.description)) : undefined;
  const description = !checkedDescription
    ? undefined
    : context.received && !checkedDescription.ok && REGISTRABLE_DESCRIPTION_CODES.has(checkedDescription.code)
      ? (warnings.push({ field: 'description', code: checkedDescription.code, message: checkedDescription.message }),
        clean(str(raw.description)))
      : take('description', checkedDescription);
  const form = text('form', validateForm);
  const contactKnown =
    addressText !== undefined &&
    emailText !== undefined &&
    (addressText === null || address !== undefined) &&
    (emailText === null || email !== undefined);
  const delivery = text('delivery', (input) =>
    validateDelivery(input, form, contactKnown ? { address: address ?? null, email: email ?? null } : null),
  );
  const agency = text('agency', (input) => validateAgency(input, context.agencies));

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      applicantType: applicantType!,
      name: name!,
      identity: identity!,
      phone: phone!,
      address: address ?? null,
      email: email ?? null,
      description: description!,
      form: form!,
      delivery: delivery!,
      agency: agency!,
      ...(checkedDescription?.ok && checkedDescription.art39 ? { art39Hint: checkedDescription.art39.kind } : {}),
    },
    warnings,
  };
}
