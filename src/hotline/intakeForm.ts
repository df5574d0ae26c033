/**
 * The chat intake of a hotline ticket (12345工单): category (suggested from the text, then
 * confirmed), what happened, where, and a phone number (or "匿名" for a 举报). The dialogue
 * engine runs the steps; submitting emits {type:'submit-form', form:'ticket', draft}, which the
 * app turns into a ticket with openTicket.
 */
import { transcribeAs } from '../audit/personalData';
import { BASE_HOTLINE_CATEGORIES, type Labelled } from '../domain/hotline';
import type { FormStep, IntakeForm, StepResult } from '../dialogue/forms';
import {
  categoryLabel,
  categoryMenu,
  emptyDraft,
  REPORT_CATEGORY,
  summarizeDraft,
  validateCategory,
  validateContact,
  validateContent,
  validateLocation,
  type FieldResult,
  type TicketDraft,
} from './appeal';
import { substanceOf, suggestCategory } from './classify';

export type { TicketDraft } from './appeal';

export const TICKET_FORM = 'ticket';

const YES = /^(是|是的|对|对的|没错|确认|正确|好|好的|嗯|可以|行|yes|y|ok)$/i;

function failed<T>(result: Extract<FieldResult<T>, { ok: false }>): StepResult<TicketDraft> {
  return result.switchTo ? { ok: false, message: result.message, switchTo: result.switchTo } : { ok: false, message: result.message };
}

/** The form for the given categories (the five national ones plus any configured extras). */
export function createTicketIntakeForm(categories: readonly Labelled[] = BASE_HOTLINE_CATEGORIES): IntakeForm<TicketDraft> {
  const label = (code: string) => categoryLabel(code, categories);

  const categoryStep: FormStep<TicketDraft> = {
    field: 'category',
    prompt(draft) {
      if (draft.suggestedCategory) return `您要反映的问题属于"${label(draft.suggestedCategory)}"吗？回复"是"确认，或回复编号选择其他类别：${categoryMenu(categories)}`;
      return `请选择您要反映的问题类别，回复编号：${categoryMenu(categories)}`;
    },
    accept(answer, draft) {
      const trimmed = answer.trim().replace(/[。.!！]$/, '');
      if (draft.suggestedCategory && YES.test(trimmed)) return { ok: true, draft: { ...draft, category: draft.suggestedCategory } };
      const chosen = validateCategory(trimmed, categories);
      if (!chosen.ok) return failed(chosen);
      // Another category than before: a phone given as "匿名" only stands for a 举报.
      return { ok: true, draft: { ...draft, category: chosen.value, ...(chosen.value !== REPORT_CATEGORY && draft.anonymous ? { anonymous: false } : {}) } };
    },
  };

  const contentStep: FormStep<TicketDraft> = {
    field: 'content',
    prompt: () => '请描述您遇到的问题：发生了什么、从什么时候开始、涉及哪个单位或哪些人。',
    skip: (draft) => draft.content !== null,
    accept(answer, draft) {
      const content = validateContent(answer);
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
    accept(answer, draft) {
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
    accept(answer, draft) {
      const contact = validateContact(answer, draft.category);
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
      draft.suggestedCategory = suggestCategory(text, categories);
      // "我要投诉小区噪音" already says what happened; "我要投诉" or "转人工" does not.
      if (Array.from(substanceOf(text)).length >= 4) {
        const content = validateContent(text);
        if (content.ok) draft.content = content.value;
      }
      return draft;
    },
    steps: [categoryStep, contentStep, locationStep, phoneStep],
    summary: (draft) => `12345热线工单\n${summarizeDraft(draft, categories)}`,
    submit: (draft) => ({ type: 'submit-form', form: TICKET_FORM, draft }),
  };
}

/** The form with the five national categories; the app builds one with the configured extras (createTicketIntakeForm). */
export const ticketIntakeForm: IntakeForm<TicketDraft> = createTicketIntakeForm();
