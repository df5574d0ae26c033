/**
 * The chat intake form for a disclosure application (依申请公开). The dialogue engine runs it:
 * it asks each step's prompt, hands the answer to accept(), and handles 返回 / 取消 / 确认 and
 * the confirmation itself. Every answer is checked with the shared validators of application.ts.
 */
import { APPLICANT_TYPE_LABELS, type ApplicantType } from './rules/annualReport';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../shared/identity';
import { scrubText, transcribeAs } from '../../staff/audit/personalData';
import { misplacedAnswer, valueInSentence, type ExpectedAnswer } from '../../dialogue/fieldChecks';
import type { IntakeForm, StepContext, StepResult } from '../../dialogue/forms';
import type { AgencyDirectory } from './agencies';
import {
  CONSULTATION_CONTINUE,
  CONSULTATION_NOTE,
  DELIVERY_LABELS,
  isProcedureQuestion,
  FORM_LABELS,
  IDENTITY_KIND_LABELS,
  ORGANIZATION_TYPES,
  parseIdentityAnswer,
  validateAddress,
  validateAddressOrEmail,
  validateAgency,
  validateContactPhone,
  validateDelivery,
  validateDescription,
  validateForm,
  validateName,
  validateReplyEmail,
  type Delivery,
  type DisclosureApplication,
  type IdentityDocument,
  type InformationForm,
} from './application';

/** The answers so far: plain JSON, kept in the conversation state between messages. */
export interface DisclosureDraft {
  applicantGroup?: 'person' | 'organization';
  applicantType?: ApplicantType;
  name?: string;
  identity?: IdentityDocument;
  phone?: string;
  /** The answer to "通信地址或电子邮箱". */
  contact?: { kind: 'address' | 'email'; value: string };
  description?: string;
  form?: InformationForm;
  delivery?: Delivery;
  /** Asked only when the delivery needs it and the contact answer was the other kind. */
  postalAddress?: string;
  replyEmail?: string;
  agency?: string;
}

const DIGIT_CHOICE = /^[1-9]$/;

/** "1" → options[0]; otherwise null. */
function numbered<T>(answer: string, options: readonly T[]): T | null {
  const s = answer.normalize('NFKC').trim();
  if (!DIGIT_CHOICE.test(s)) return null;
  return options[Number(s) - 1] ?? null;
}

const accepted = <D>(draft: D, note?: string): StepResult<D> => (note ? { ok: true, draft, note } : { ok: true, draft });
const rejected = (message: string): StepResult<DisclosureDraft> => ({ ok: false, message });

/** An answer plainly meant for another question (an ID number as the name …), refused before the field's own check. */
const misplaced = (answer: string, expected: ExpectedAnswer, context: StepContext): StepResult<DisclosureDraft> | null => {
  const message = misplacedAnswer(answer, expected, context);
  return message ? rejected(message) : null;
};

export function draftAddress(draft: DisclosureDraft): string | null {
  return draft.contact?.kind === 'address' ? draft.contact.value : (draft.postalAddress ?? null);
}

export function draftEmail(draft: DisclosureDraft): string | null {
  return draft.contact?.kind === 'email' ? draft.contact.value : (draft.replyEmail ?? null);
}

const isPerson = (draft: DisclosureDraft) => draft.applicantGroup !== 'organization';

const DELIVERY_OPTIONS: Record<InformationForm, Delivery[]> = { paper: ['collect', 'post'], electronic: ['email', 'post', 'collect'] };

/** The agencies offered at the agency step: suggestions for the description, best first. */
function offeredAgencies(draft: DisclosureDraft, agencies: AgencyDirectory) {
  return agencies.suggest(draft.description ?? '').map((s) => s.agency);
}

/** The draft as an application for validateApplication (the same shape the form API takes). */
export function applicationInputFromDraft(draft: DisclosureDraft): Record<string, unknown> {
  const identity = draft.identity;
  return {
    applicantType: draft.applicantType,
    name: draft.name,
    identity: identity
      ? { kind: identity.kind, number: identity.number, ...(identity.kind === 'other' ? { documentType: identity.documentType } : {}) }
      : undefined,
    phone: draft.phone,
    address: draftAddress(draft),
    email: draftEmail(draft),
    description: draft.description,
    form: draft.form,
    delivery: draft.delivery,
    agency: draft.agency,
  };
}

function identityLine(identity: IdentityDocument): string {
  const label = identity.kind === 'other' ? identity.documentType : IDENTITY_KIND_LABELS[identity.kind];
  return `${label} ${maskIdNumber(identity.number)}`;
}

function applicantTypeLabel(type: ApplicantType | undefined): string {
  if (!type) return '';
  return type === 'naturalPerson' ? APPLICANT_TYPE_LABELS[type] : `法人或其他组织（${APPLICANT_TYPE_LABELS[type]}）`;
}

/**
 * Builds the form over an agency directory (createApp gives it the one of the configured folder).
 */
export function createDisclosureIntakeForm(directory: () => AgencyDirectory): IntakeForm<DisclosureDraft> {
  return {
    name: 'disclosure',
    title: '政府信息公开申请',
    start: () => ({}),
    steps: [
      {
        field: 'applicantType',
        prompt: () => '请选择申请人类型：回复1 自然人（个人申请）；回复2 法人或其他组织（单位申请）。',
        accept(answer, draft) {
          const s = answer.normalize('NFKC').trim();
          if (s === '1' || /^(自然人|个人|本人)$/.test(s))
            return accepted({ ...draft, applicantGroup: 'person', applicantType: 'naturalPerson' });
          if (s === '2' || /^(法人或其他组织|法人|单位|组织|企业|公司)$/.test(s)) {
            const keep = draft.applicantGroup === 'organization' ? draft.applicantType : undefined;
            return accepted({ ...draft, applicantGroup: 'organization', applicantType: keep });
          }
          return rejected('请回复1或2：1 自然人，2 法人或其他组织。');
        },
      },
      {
        field: 'organizationType',
        skip: isPerson,
        pending: (draft) => draft.applicantType === undefined,
        prompt: () => `请选择单位类型，回复序号：\n${ORGANIZATION_TYPES.map((t, i) => `${i + 1}. ${APPLICANT_TYPE_LABELS[t]}`).join('\n')}`,
        accept(answer, draft) {
          const s = answer.normalize('NFKC').trim();
          const type = numbered(s, ORGANIZATION_TYPES) ?? ORGANIZATION_TYPES.find((t) => APPLICANT_TYPE_LABELS[t] === s);
          if (!type) return rejected(`请回复1至${ORGANIZATION_TYPES.length}之间的序号。`);
          return accepted({ ...draft, applicantType: type });
        },
      },
      {
        field: 'name',
        transcribe: transcribeAs('姓名', 'name'),
        prompt: (draft) => (isPerson(draft) ? '请填写申请人姓名（与身份证件一致）。' : '请填写单位全称（与营业执照或登记证书一致）。'),
        accept(answer, draft, context) {
          const wrong = misplaced(answer, isPerson(draft) ? 'name' : 'organizationName', context);
          if (wrong) return wrong;
          const r = validateName(answer, draft.applicantType ?? (isPerson(draft) ? 'naturalPerson' : 'otherOrganization'));
          return r.ok ? accepted({ ...draft, name: r.value }) : rejected(r.message);
        },
      },
      {
        field: 'identity',
        transcribe: transcribeAs('证件号码', 'idNumber'),
        prompt: (draft) =>
          isPerson(draft)
            ? '请发送身份证号码（18位）。使用其他证件的，请按"证件名称 号码"发送，如"护照 E12345678"。'
            : '请发送单位的统一社会信用代码（18位）。没有代码的，请按"证件名称 号码"发送，如"事业单位法人证书 事证第123456号"中的名称和号码。',
        accept(answer, draft, context) {
          const wrong = misplaced(answer, 'identity', context);
          if (wrong) return wrong;
          const r = parseIdentityAnswer(
            answer,
            draft.applicantType ?? (isPerson(draft) ? 'naturalPerson' : 'otherOrganization'),
            context.today,
          );
          if (!r.ok) return rejected(r.message);
          return accepted({ ...draft, identity: r.value }, r.warning ? r.warning.message : undefined);
        },
      },
      {
        field: 'phone',
        transcribe: transcribeAs('联系电话', 'phone'),
        prompt: () => '请填写联系电话（手机号码，或带区号的固定电话）。',
        accept(answer, draft, context) {
          const wrong = misplaced(answer, 'phone', context);
          if (wrong) return wrong;
          const r = validateContactPhone(valueInSentence(answer, 'phone'));
          return r.ok ? accepted({ ...draft, phone: r.value }) : rejected(r.message);
        },
      },
      {
        field: 'contact',
        transcribe: transcribeAs('通信地址', 'address'),
        prompt: () => '请填写通信地址或电子邮箱，用于送达答复（如"福建省福州市鼓楼区五四路100号3单元201室"或"name@example.com"）。',
        accept(answer, draft, context) {
          const wrong = misplaced(answer, 'address', context);
          if (wrong) return wrong;
          const r = validateAddressOrEmail(valueInSentence(answer, 'email'));
          return r.ok ? accepted({ ...draft, contact: r.value }) : rejected(r.message);
        },
      },
      {
        field: 'description',
        lookUpKnowledge: true,
        prompt: () => '请描述您需要的政府信息：文件名称、文号，或发文机关、时间、事项等便于查找的特征。',
        accept(answer, draft, context) {
          const wrong = misplaced(answer, 'description', context);
          if (wrong) return wrong;
          // A question about a procedure is a consultation (咨询): answered, not filed.
          if (isProcedureQuestion(answer))
            return rejected(
              [CONSULTATION_NOTE, context.lookUp(answer) ?? '这个问题可以拨打12345热线咨询。', CONSULTATION_CONTINUE].join('\n'),
            );
          const r = validateDescription(answer);
          // Art. 39: warned and offered the hotline, never refused: the agency decides.
          return r.ok ? accepted({ ...draft, description: r.value }, r.warning?.message) : rejected(r.message);
        },
      },
      {
        field: 'form',
        prompt: () => '您希望以什么形式获取信息？回复1 纸质；回复2 电子。',
        accept(answer, draft) {
          const picked = numbered(answer, ['paper', 'electronic'] as const);
          const r = picked ? ({ ok: true, value: picked } as const) : validateForm(answer);
          if (!r.ok) return rejected('请回复1或2：1 纸质，2 电子。');
          // A new form may rule out the delivery chosen before ("返回" then another answer).
          const delivery = draft.delivery && DELIVERY_OPTIONS[r.value].includes(draft.delivery) ? draft.delivery : undefined;
          return accepted({ ...draft, form: r.value, delivery });
        },
      },
      {
        field: 'delivery',
        pending: (draft) => draft.delivery === undefined,
        prompt: (draft) => {
          const options = DELIVERY_OPTIONS[draft.form ?? 'paper'];
          return `您希望通过什么方式获取？${options.map((d, i) => `回复${i + 1} ${DELIVERY_LABELS[d]}`).join('；')}。`;
        },
        accept(answer, draft) {
          const options = DELIVERY_OPTIONS[draft.form ?? 'paper'];
          const picked = numbered(answer, options);
          const r = picked ? validateDelivery(picked, draft.form, null) : validateDelivery(answer, draft.form, null);
          if (!r.ok) return rejected(r.code === 'delivery.unknown' ? `请回复1至${options.length}之间的序号。` : r.message);
          return accepted({ ...draft, delivery: r.value });
        },
      },
      {
        field: 'postalAddress',
        transcribe: transcribeAs('通信地址', 'address'),
        skip: (draft) => draft.delivery !== 'post' || draft.contact?.kind === 'address',
        pending: (draft) => draft.postalAddress === undefined,
        prompt: () => '邮寄需要收件地址，请填写通信地址（写到门牌号）。',
        accept(answer, draft, context) {
          const wrong = misplaced(answer, 'address', context);
          if (wrong) return wrong;
          const r = validateAddress(answer);
          return r.ok ? accepted({ ...draft, postalAddress: r.value }) : rejected(r.message);
        },
      },
      {
        field: 'replyEmail',
        transcribe: transcribeAs('电子邮箱', 'email'),
        skip: (draft) => draft.delivery !== 'email' || draft.contact?.kind === 'email',
        pending: (draft) => draft.replyEmail === undefined,
        prompt: () => '请填写接收答复的电子邮箱。',
        accept(answer, draft) {
          const r = validateReplyEmail(valueInSentence(answer, 'email'));
          return r.ok ? accepted({ ...draft, replyEmail: r.value }) : rejected(r.message);
        },
      },
      {
        field: 'agency',
        prompt(draft) {
          const offered = offeredAgencies(draft, directory());
          const [first, ...others] = offered;
          const lines = [`根据您的描述，建议向"${first!.name}"申请。回复1 确认。`];
          if (others.length) lines.push(`也可以回复序号选择：${others.map((a, i) => `${i + 2} ${a.name}`).join('；')}。`);
          lines.push('或直接回复其他机关的名称。');
          return lines.join('\n');
        },
        accept(answer, draft, context) {
          const agencies = directory();
          const offered = offeredAgencies(draft, agencies);
          const s = answer.normalize('NFKC').trim();
          const picked = numbered(s, offered) ?? (context.vocabulary.replyOf(s) === 'yes' ? offered[0] : null);
          if (picked) return accepted({ ...draft, agency: picked.code });
          const r = validateAgency(s, agencies);
          return r.ok
            ? accepted({ ...draft, agency: r.value })
            : rejected(`${r.message}回复1至${offered.length}选择建议的机关，或回复机关全称。`);
        },
      },
    ],
    summary(draft) {
      const address = draftAddress(draft);
      const email = draftEmail(draft);
      const person = isPerson(draft);
      return [
        { label: '申请人类型', value: applicantTypeLabel(draft.applicantType), step: 'applicantType' },
        { label: person ? '姓名' : '单位名称', value: draft.name ? (person ? maskName(draft.name) : draft.name) : '', step: 'name' },
        { label: '身份证明', value: draft.identity ? identityLine(draft.identity) : '', step: 'identity' },
        { label: '联系电话', value: draft.phone ? maskPhone(draft.phone) : '', step: 'phone' },
        ...(address
          ? [{ label: '通信地址', value: maskAddress(address), step: draft.contact?.kind === 'address' ? 'contact' : 'postalAddress' }]
          : []),
        ...(email
          ? [{ label: '电子邮箱', value: maskEmail(email), step: draft.contact?.kind === 'email' ? 'contact' : 'replyEmail' }]
          : []),
        { label: '所需信息', value: scrubText(draft.description ?? ''), step: 'description' },
        { label: '获取形式', value: draft.form ? FORM_LABELS[draft.form] : '', step: 'form' },
        { label: '获取方式', value: draft.delivery ? DELIVERY_LABELS[draft.delivery] : '', step: 'delivery' },
        { label: '受理机关', value: draft.agency ? directory().nameOf(draft.agency) : '', step: 'agency' },
      ];
    },
    summaryNote: '确认提交之日即为机关收到申请之日，答复期限从次日起算。',
    submit: (draft) => ({ type: 'submit-form', form: 'disclosure', draft }),
  };
}

/** For the submit handler: the draft of a 'submit-form' effect as it came back from the state. */
export type { DisclosureApplication };
