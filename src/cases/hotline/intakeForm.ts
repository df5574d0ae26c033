/**
 * The chat intake of a hotline ticket (12345工单): category (suggested from the text, then
 * confirmed), what happened, where, and a phone number (or "匿名" for a 举报). The dialogue
 * engine runs the steps; submitting emits {type:'submit-form', form:'ticket', draft}, which the
 * app turns into a ticket with openTicket.
 */
import { transcribeAs } from '../../staff/audit/personalData';
import { BASE_HOTLINE_CATEGORIES, type Labelled } from './rules/hotline';
import { misplacedAnswer, valueInSentence } from '../../dialogue/fieldChecks';
import type { FormStep, IntakeForm, StepResult } from '../../dialogue/forms';
import { maskPhone } from '../shared/identity';
import {
  categoryLabel,
  categoryMenu,
  emptyDraft,
  REPORT_CATEGORY,
  validateCategory,
  validateContact,
  validateContent,
  validateLocation,
  type FieldResult,
  type TicketDraft,
} from './appeal';
import { substanceOf, suggestCategory } from './classify';
import type { HotlineScope } from './scope';

export type { TicketDraft } from './appeal';

export const TICKET_FORM = 'ticket';

/** "重写：……" replaces what the first message said instead of adding to it. */
const REWRITE = /^(重写|重新描述|重新写|改为|改成)[:：,，\s]*/;

function failed<T>(result: Extract<FieldResult<T>, { ok: false }>): StepResult<TicketDraft> {
  return result.switchTo ? { ok: false, message: result.message, switchTo: result.switchTo } : { ok: false, message: result.message };
}

/** The form for the given categories (the five national ones plus any configured extras). */
export function createTicketIntakeForm(
  scope: HotlineScope,
  categories: readonly Labelled[] = BASE_HOTLINE_CATEGORIES,
): IntakeForm<TicketDraft> {
  const label = (code: string) => categoryLabel(code, categories);

  const categoryStep: FormStep<TicketDraft> = {
    field: 'category',
    prompt(draft) {
      if (draft.suggestedCategory)
        return `您要反映的问题属于"${label(draft.suggestedCategory)}"吗？回复"是"确认，或回复编号选择其他类别：${categoryMenu(categories)}`;
      return `请选择您要反映的问题类别，回复编号：${categoryMenu(categories)}`;
    },
    accept(answer, draft, context) {
      const trimmed = answer.trim().replace(/[。.!！]$/, '');
      if (draft.suggestedCategory && context.vocabulary.replyOf(trimmed) === 'yes')
        return { ok: true, draft: { ...draft, category: draft.suggestedCategory } };
      const chosen = validateCategory(trimmed, categories);
      if (!chosen.ok) return failed(chosen);
      // Another category than before: a phone given as "匿名" only stands for a 举报.
      return {
        ok: true,
        draft: { ...draft, category: chosen.value, ...(chosen.value !== REPORT_CATEGORY && draft.anonymous ? { anonymous: false } : {}) },
      };
    },
  };

  // Always asked, also when the first message said what happened: "返回" reaches it, and the details go here, not to the next step.
  const contentStep: FormStep<TicketDraft> = {
    field: 'content',
    prompt: (draft) =>
      draft.seed
        ? `您说的是："${draft.seed}"。请补充具体情况：发生了什么、从什么时候开始、涉及哪个单位或哪些人。没有要补充的请回复"没有了"；要重新描述请回复"重写：新的描述"。`
        : '请描述您遇到的问题：发生了什么、从什么时候开始、涉及哪个单位或哪些人。',
    accept(answer, draft, context) {
      if (draft.seed && context.vocabulary.replyOf(answer) === 'no') return { ok: true, draft: { ...draft, content: draft.seed } };
      const misplaced = misplacedAnswer(answer, 'description', context);
      if (misplaced) return { ok: false, message: misplaced };
      const rewrite = REWRITE.test(answer.trim());
      const own = answer.trim().replace(REWRITE, '');
      // What the citizen adds follows what they said first; the step asked again replaces the addition, not the seed.
      const content = validateContent(draft.seed && !rewrite ? `${draft.seed.replace(/[。.!！]$/, '')}。${own}` : own, scope);
      return content.ok ? { ok: true, draft: { ...draft, content: content.value } } : failed(content);
    },
  };

  const locationStep: FormStep<TicketDraft> = {
    field: 'location',
    transcribe: transcribeAs('地点', 'address'),
    prompt: (draft) =>
      draft.category === 'consultation' || draft.category === 'suggestion'
        ? '问题涉及哪里？请告诉我地址或所在区县、街道；不涉及具体地点请回复"无"。'
        : '问题发生在哪里？请告诉我详细地址，或至少所在的区县、街道（乡镇）、小区名称。',
    pending: (draft) => draft.location === null && !validateLocation('无', draft.category).ok,
    accept(answer, draft, context) {
      const misplaced = misplacedAnswer(answer, 'address', context);
      if (misplaced) return { ok: false, message: misplaced };
      const location = validateLocation(answer, draft.category);
      if (!location.ok) return failed(location);
      return { ok: true, draft: { ...draft, location: location.value, locationSkipped: location.value === null } };
    },
  };

  const phoneStep: FormStep<TicketDraft> = {
    field: 'phone',
    transcribe: transcribeAs('联系电话', 'phone'),
    prompt: (draft) =>
      draft.category === REPORT_CATEGORY
        ? '请留下联系电话，方便承办部门核实情况、答复结果。如希望匿名举报，请回复"匿名"：承办部门将看不到您的任何身份信息，办理结果仍可在这里查询。'
        : '请留下您的联系电话（手机号码或带区号的固定电话），方便承办部门联系您、答复办理结果。',
    pending: (draft) => draft.phone === null && !(draft.anonymous && draft.category === REPORT_CATEGORY),
    accept(answer, draft, context) {
      const misplaced = misplacedAnswer(answer, 'phone', context);
      if (misplaced) return { ok: false, message: misplaced };
      const contact = validateContact(valueInSentence(answer, 'phone'), draft.category);
      if (!contact.ok) return failed(contact);
      return { ok: true, draft: { ...draft, phone: contact.value.phone, anonymous: contact.value.anonymous } };
    },
  };

  return {
    name: TICKET_FORM,
    title: '12345热线工单',
    start(seedText) {
      const text = seedText.normalize('NFKC').trim();
      const draft = emptyDraft();
      draft.suggestedCategory = suggestCategory(scope.vocabulary, text, categories);
      // "我要投诉小区噪音" already says what happened; "我要投诉" or "转人工" does not.
      if (Array.from(substanceOf(scope.vocabulary, text)).length >= 4) {
        // Kept as the citizen wrote it: NFKC would turn their "，" into ",".
        const content = validateContent(seedText.trim(), scope);
        if (content.ok) draft.seed = content.value;
      }
      return draft;
    },
    steps: [categoryStep, contentStep, locationStep, phoneStep],
    summary: (draft) => [
      { label: '类别', value: draft.category ? label(draft.category) : '（未选择）', step: 'category' },
      { label: '问题描述', value: draft.content ?? '（未填写）', step: 'content' },
      { label: '地点', value: draft.location ?? (draft.locationSkipped ? '不涉及' : '（未填写）'), step: 'location' },
      {
        label: '联系电话',
        value: draft.anonymous ? '匿名举报（不留联系方式）' : draft.phone ? maskPhone(draft.phone) : '（未填写）',
        step: 'phone',
      },
    ],
    submit: (draft) => ({ type: 'submit-form', form: TICKET_FORM, draft }),
  };
}
