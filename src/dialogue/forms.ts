import type { Effect } from './types';
import type { FormVocabulary } from './vocabulary';

/** What a form step may look at besides the citizen's answer. */
export interface StepContext {
  now: Date;
  /** Today in the city's calendar (Asia/Shanghai), YYYY-MM-DD. */
  today: string;
  /** The shared yes / no / back / cancel words (seeds/nlp/form-replies.yaml). */
  vocabulary: FormVocabulary;
  /** The system intent the answer reads as (greeting, 我要投诉, 查询工单 …), null for plain content. */
  intent: string | null;
  /** The published answer to a question in the knowledge base (the bot's matcher), or null. */
  lookUp(question: string): string | null;
}

/** One line of the summary shown before the confirmation; `step` is the field that answers it ("回复 3 修改地点"). */
export interface SummaryLine {
  label: string;
  value: string;
  step: string | null;
}

export type StepResult<Draft> =
  | { ok: true; draft: Draft; /** Said before the next question, e.g. a correction made for the citizen. */ note?: string }
  | { ok: false; /** What is wrong, in Chinese, and how to answer. */ message: string }
  /** The answer shows the matter belongs to another form (a complaint filed as a disclosure request, Art. 39). */
  | { ok: false; message: string; switchTo: string };

/**
 * One question of an intake form. Drafts are plain JSON: they are stored in the conversation
 * state between messages.
 */
export interface FormStep<Draft> {
  field: string;
  prompt(draft: Draft): string;
  /**
   * Steps that do not apply to this draft (e.g. organisation type for a natural person). Not for
   * "already answered": "返回" must reach every step that applies.
   */
  skip?(draft: Draft): boolean;
  accept(answer: string, draft: Draft, context: StepContext): StepResult<Draft>;
  /**
   * After an earlier answer was changed from the summary: whether this step must be asked again
   * (e.g. the delivery, when the new form rules the old one out). Steps without it are kept.
   */
  pending?(draft: Draft): boolean;
  /** After this step, look the answer up in the knowledge base: published information is answered at once. */
  lookUpKnowledge?: boolean;
  /**
   * The answer is personal data of the case (name, ID, phone, address): the transcript keeps
   * this instead of the citizen's words, and the value lives only in the case record.
   */
  transcribe?(answer: string): string;
}

/** A chat intake form (disclosure application, hotline ticket): steps, a masked summary, the submit effect. */
export interface IntakeForm<Draft> {
  name: string;
  title: string;
  /** The first draft, possibly seeded from the message that started the form ("我要投诉小区噪音"). */
  start(seedText: string): Draft;
  steps: FormStep<Draft>[];
  /** Every answer, shown before the confirmation with personal data masked, each line editable. */
  summary(draft: Draft): SummaryLine[];
  /** Said under the summary (e.g. when the deadline starts). */
  summaryNote?: string;
  submit(draft: Draft): Effect;
}
