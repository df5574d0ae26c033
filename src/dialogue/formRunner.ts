import { toShanghaiDate } from '../platform/calendar/dates';
import type { IntakeForm, StepContext } from './forms';
import { INITIAL_STATE, type DialogueState, type EngineTurn } from './state';
import * as say from './texts';
import type { Reply, TurnContext } from './types';

type IntakeState = Extract<DialogueState, { mode: 'intake' }>;

/** The first step at or after `from` that applies to this draft; steps.length when none is left. */
function nextStep(form: IntakeForm<unknown>, draft: unknown, from: number): number {
  let i = from;
  while (i < form.steps.length && form.steps[i].skip?.(draft)) i++;
  return i;
}

/** The step asked before `before`: every step that applies counts, also one answered by the first message. */
function previousStep(form: IntakeForm<unknown>, draft: unknown, before: number): number | null {
  for (let i = before - 1; i >= 0; i--) if (!form.steps[i].skip?.(draft)) return i;
  return null;
}

/** After an edit from the summary: the first later step the change left unanswered, else the summary. */
function nextPendingStep(form: IntakeForm<unknown>, draft: unknown, after: number): number {
  for (let i = after + 1; i < form.steps.length; i++) if (!form.steps[i].skip?.(draft) && form.steps[i].pending?.(draft)) return i;
  return form.steps.length;
}

const texts = (...lines: (string | null | undefined)[]): Reply[] => lines.filter((t): t is string => Boolean(t)).map((text) => ({ text }));

/** The summary lines with the numbers the citizen edits them by. */
function numberedSummary(form: IntakeForm<unknown>, draft: unknown): { text: string; steps: string[] } {
  const steps: string[] = [];
  const lines = form.summary(draft).map((line) => {
    if (!line.step) return `${line.label}：${line.value}`;
    steps.push(line.step);
    return `${steps.length}. ${line.label}：${line.value}`;
  });
  return { text: [form.title, ...lines, ...(form.summaryNote ? [form.summaryNote] : [])].join('\n'), steps };
}

const CHINESE_DIGITS = '一二三四五六七八九';
const LIST_NUMBER = new RegExp(`^第?(\\d{1,2}|[${CHINESE_DIGITS}])[个项条]?$`, 'u');

/**
 * The number a reply picks from a numbered list ("which one", the summary), as typed with a Chinese
 * input method: "2", "２", "2。", "第2个", "第二项"; NaN for anything else.
 */
export function listNumber(text: string): number {
  const s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.!！,，、]+$/u, '');
  const digits = LIST_NUMBER.exec(s)?.[1];
  if (!digits) return NaN;
  return /\d/.test(digits) ? Number(digits) : CHINESE_DIGITS.indexOf(digits) + 1;
}

/** Which step a reply to the summary wants to change: "2", "修改地点", "改电话". */
function editedStep(form: IntakeForm<unknown>, draft: unknown, text: string): number | null {
  const lines = form.summary(draft).filter((line) => line.step !== null);
  const number = listNumber(text);
  const label = /^(修改|更改|改)(.+?)[。.!！]*$/u.exec(text)?.[2];
  const line =
    number >= 1 && number <= lines.length
      ? lines[number - 1]
      : label
        ? lines.find((l) => l.label === label || l.label.includes(label))
        : undefined;
  if (!line) return null;
  const index = form.steps.findIndex((step) => step.field === line.step);
  return index >= 0 ? index : null;
}

/** Asks the question at `step`, or shows the summary for confirmation when every step is answered. */
function ask(
  form: IntakeForm<unknown>,
  draft: unknown,
  step: number,
  before: (string | null)[],
  decision: Record<string, unknown>,
  editing = false,
): EngineTurn {
  const at = nextStep(form, draft, step);
  if (at >= form.steps.length) {
    const summary = numberedSummary(form, draft);
    const example = form.summary(draft).find((line) => line.step !== null && summary.steps.indexOf(line.step) > 0);
    const hint = example ? `${summary.steps.indexOf(example.step as string) + 1} 修改${example.label}` : null;
    return {
      state: { mode: 'intake', form: form.name, step: at, draft, confirming: true },
      replies: texts(...before, say.formConfirm(summary.text, hint)),
      effects: [],
      decision,
    };
  }
  return {
    state: { mode: 'intake', form: form.name, step: at, draft, confirming: false, ...(editing ? { editing } : {}) },
    replies: texts(...before, form.steps[at].prompt(draft)),
    effects: [],
    decision,
  };
}

export function startForm(
  form: IntakeForm<unknown>,
  seedText: string,
  decision: Record<string, unknown>,
  before: (string | null)[] = [],
): EngineTurn {
  return ask(form, form.start(seedText), 0, [...before, say.formIntro(form.title)], { ...decision, form: form.name });
}

/** Where a form leaves the conversation: back to the bot, or still in the operators' queue. */
export const afterForm = (state: IntakeState): DialogueState => (state.queued ? { mode: 'queued' } : INITIAL_STATE);

/** The form goes on while the thread waits for an operator (asked for outside service hours). */
export function whileQueued(turn: EngineTurn): EngineTurn {
  return turn.state.mode === 'intake' ? { ...turn, state: { ...turn.state, queued: true } } : turn;
}

/** The question the form is at, again (after a command answered in between: the menu, a status). */
export function askAgain(
  state: IntakeState,
  form: IntakeForm<unknown>,
  before: (string | null)[],
  decision: Record<string, unknown>,
): EngineTurn {
  return keepQueued(
    state,
    ask(
      form,
      state.draft,
      state.confirming ? form.steps.length : state.step,
      [...before, say.formResume(form.title)],
      decision,
      state.editing,
    ),
  );
}

const keepQueued = (state: IntakeState, turn: EngineTurn) => (state.queued ? whileQueued(turn) : turn);

/**
 * One answer to a form in progress: "返回" goes back a step, the confirmation submits or picks a
 * line to change, anything else is the answer to the current question, validated as it is given.
 * Commands that work anywhere (取消, 转人工, the menu) are the engine's, before this.
 */
export function runForm(
  state: IntakeState,
  form: IntakeForm<unknown>,
  text: string,
  context: TurnContext,
  helpers: FormHelpers,
): EngineTurn {
  return keepQueued(state, answer(state, form, text, context, helpers));
}

interface FormHelpers {
  forms: Readonly<Record<string, IntakeForm<unknown>>>;
  lookUp(answer: string): string | null;
  step: Pick<StepContext, 'vocabulary' | 'intent'>;
}

function answer(state: IntakeState, form: IntakeForm<unknown>, text: string, context: TurnContext, helpers: FormHelpers): EngineTurn {
  const decision = { decision: 'intake', form: form.name };
  const reply = helpers.step.vocabulary.replyOf(text);
  if (reply === 'back') {
    // Back from an edit is back to the summary it came from.
    if (state.editing) return ask(form, state.draft, form.steps.length, [], decision);
    const back = previousStep(form, state.draft, state.confirming ? form.steps.length : state.step);
    return back === null ? ask(form, state.draft, state.step, [say.formAtStart()], decision) : ask(form, state.draft, back, [], decision);
  }
  if (state.confirming) {
    if (reply === 'yes')
      return { state: afterForm(state), replies: [], effects: [form.submit(state.draft)], decision: { ...decision, decision: 'submit' } };
    const edit = editedStep(form, state.draft, text.normalize('NFKC').replace(/\s+/g, ''));
    if (edit !== null) return ask(form, state.draft, edit, [], { ...decision, editing: form.steps[edit].field }, true);
    return ask(form, state.draft, form.steps.length, [say.formConfirmHelp()], decision);
  }
  const step = form.steps[state.step];
  // A personal answer is kept out of the transcript, valid or not.
  const stored = step.transcribe ? { storedText: step.transcribe(text) } : {};
  const result = step.accept(text, state.draft, {
    now: context.now,
    today: toShanghaiDate(context.now),
    ...helpers.step,
    lookUp: helpers.lookUp,
  });
  if (!result.ok) {
    if ('switchTo' in result) {
      const other = helpers.forms[result.switchTo];
      if (other) return { ...startForm(other, text, { ...decision, switchedTo: other.name }, [result.message]), ...stored };
    }
    return {
      state,
      replies: texts(result.message, step.prompt(state.draft)),
      effects: [],
      decision: { ...decision, invalid: step.field },
      ...stored,
    };
  }
  // Information that is already published is answered at once; the citizen may still go on.
  const published = step.lookUpKnowledge ? helpers.lookUp(text) : null;
  const before = [result.note ?? null, published, published ? say.formPublishedHint() : null];
  if (state.editing) {
    const pending = nextPendingStep(form, result.draft, state.step);
    return { ...ask(form, result.draft, pending, before, decision, pending < form.steps.length), ...stored };
  }
  return { ...ask(form, result.draft, state.step + 1, before, decision), ...stored };
}
