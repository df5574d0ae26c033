import { toShanghaiDate } from '../domain/dates';
import type { EngineTurn } from './engine';
import type { IntakeForm } from './forms';
import { INITIAL_STATE, type DialogueState } from './state';
import * as say from './texts';
import type { Reply, TurnContext } from './types';

type IntakeState = Extract<DialogueState, { mode: 'intake' }>;

const BACK = /^(返回|上一步|上一项)$/;
const CONFIRM = /^(确认|确定|是|对|提交|1)$/;

/** The first step at or after `from` that applies to this draft; steps.length when none is left. */
function nextStep(form: IntakeForm<unknown>, draft: unknown, from: number): number {
  let i = from;
  while (i < form.steps.length && form.steps[i].skip?.(draft)) i++;
  return i;
}

function previousStep(form: IntakeForm<unknown>, draft: unknown, before: number): number | null {
  for (let i = before - 1; i >= 0; i--) if (!form.steps[i].skip?.(draft)) return i;
  return null;
}

const texts = (...lines: (string | null | undefined)[]): Reply[] => lines.filter((t): t is string => Boolean(t)).map((text) => ({ text }));

/** Asks the question at `step`, or shows the summary for confirmation when every step is answered. */
function ask(form: IntakeForm<unknown>, draft: unknown, step: number, before: (string | null)[], decision: Record<string, unknown>): EngineTurn {
  const at = nextStep(form, draft, step);
  if (at >= form.steps.length) {
    return { state: { mode: 'intake', form: form.name, step: at, draft, confirming: true }, replies: texts(...before, say.formConfirm(form.summary(draft))), effects: [], decision };
  }
  return { state: { mode: 'intake', form: form.name, step: at, draft, confirming: false }, replies: texts(...before, form.steps[at].prompt(draft)), effects: [], decision };
}

export function startForm(form: IntakeForm<unknown>, seedText: string, decision: Record<string, unknown>, before: (string | null)[] = []): EngineTurn {
  return ask(form, form.start(seedText), 0, [...before, say.formIntro(form.title)], { ...decision, form: form.name });
}

/**
 * One answer to a form in progress: "返回" goes back a step, the confirmation submits, anything
 * else is the answer to the current question, validated as it is given.
 */
export function runForm(
  state: IntakeState,
  form: IntakeForm<unknown>,
  text: string,
  context: TurnContext,
  helpers: { forms: Readonly<Record<string, IntakeForm<unknown>>>; lookUp(answer: string): string | null },
): EngineTurn {
  const decision = { decision: 'intake', form: form.name };
  if (BACK.test(text)) {
    const back = previousStep(form, state.draft, state.confirming ? form.steps.length : state.step);
    return back === null ? ask(form, state.draft, state.step, [say.formAtStart()], decision) : ask(form, state.draft, back, [], decision);
  }
  if (state.confirming) {
    if (!CONFIRM.test(text)) return ask(form, state.draft, form.steps.length, [say.formConfirmHelp()], decision);
    return { state: INITIAL_STATE, replies: [], effects: [form.submit(state.draft)], decision: { ...decision, decision: 'submit' } };
  }
  const step = form.steps[state.step];
  // A personal answer is kept out of the transcript, valid or not.
  const stored = step.transcribe ? { storedText: step.transcribe(text) } : {};
  const result = step.accept(text, state.draft, { now: context.now, today: toShanghaiDate(context.now) });
  if (!result.ok) {
    if ('switchTo' in result) {
      const other = helpers.forms[result.switchTo];
      if (other) return { ...startForm(other, text, { ...decision, switchedTo: other.name }, [result.message]), ...stored };
    }
    return { state, replies: texts(result.message, step.prompt(state.draft)), effects: [], decision: { ...decision, invalid: step.field }, ...stored };
  }
  // Information that is already published is answered at once; the citizen may still go on.
  const published = step.lookUpKnowledge ? helpers.lookUp(text) : null;
  return { ...ask(form, result.draft, state.step + 1, [result.note ?? null, published, published ? say.formPublishedHint() : null], decision), ...stored };
}
