import type { InboundMessage } from './inboundMessage';
import type { IntentMatch } from '../understanding/intents/recognize';
import { NO_PERSON_CATEGORY } from '../understanding/intents/schema';
import type { EntryFileEntry, EntryKind, SectionName } from '../../entities/knowledgeEntryFile';
import type { PreparedMatch } from '../knowledge/matchThreads';
import type { MatchResult } from '../understanding/nlp/match';
import { afterForm, askAgain, listNumber, runForm, startForm, whileQueued } from './formRunner';
import type { IntakeForm } from './forms';
import { followUpHint, formatAnswer, SECTION_LABELS } from './replies';
import { INITIAL_STATE, restoreState, type DialogueState, type EngineTurn } from './state';
import * as say from './texts';
import type { AskedKnowledgeQuestion, DialogueEngine, Effect, Reply, TurnContext } from './types';
import type { FormVocabulary } from './vocabulary';

/** What the engine needs to understand a message; pure lookups over loaded data. */
export interface Understanding {
  /** Matches `text` and recognizes its intent ahead of the turn (remembered, on a match thread, or here). */
  prepareMatch(text: string, now: Date): Promise<PreparedMatch | null>;
  /** The match of `text`: the prepared one if it is still valid, else worked out now. */
  match(text: string, now: Date, prepared?: PreparedMatch | null): MatchResult;
  entry(key: string): EntryFileEntry | undefined;
  /** The section a text asks for ("要带什么材料" → materials), if any. */
  sectionOf(text: string, kind?: EntryKind): SectionName | null;
  /** A system intent (greeting, 转人工, 我要投诉 ...), or null for a knowledge question; the prepared one if it is for this text. */
  intentOf(text: string, prepared?: PreparedMatch | null): IntentMatch | null;
  /** Whether a system intent of this name exists (menu keys may name one). */
  hasIntent(name: string): boolean;
  /** The reply template of an intent, filled. */
  intentReply(match: IntentMatch): string;
  /**
   * Where a matter the 12345 hotline does not take goes (国办发〔2020〕53号): officials' corruption
   * or discipline → 12388, 信访 → the petition channel; the reply naming it, or null.
   */
  redirectOf(text: string): string | null;
  /** Whether operators answer now (WENZHENG_SERVICE_HOURS on working days). */
  withinServiceHours(now: Date): boolean;
}

export interface EngineOptions {
  idleMinutes: number;
  forms: Readonly<Record<string, IntakeForm<unknown>>>;
  /** yes / no / back / cancel and the ticket ratings, shared by every form and question. */
  vocabulary: FormVocabulary;
}

/**
 * Inside a form, a command is a short message: "转人工" is one, while a description that mentions
 * 联系工作人员 is an answer.
 */
const COMMAND_MAX_CHARS = 12;

const STATUS_INTENTS = new Set(['ticket.status', 'disclosure.status']);

/** Said while waiting for an operator, they ask where the citizen stands in the queue ("有人吗", "还要等多久"). */
const QUEUE_QUESTIONS = new Set(['greeting', 'waiting']);

/**
 * What the citizen said, without the invisible format characters (zero-width spaces, joiners, BOM,
 * direction marks) that text copied from another app carries: "取\u200b消" is 取消.
 */
const saidText = (message: InboundMessage) => message.text.replace(/\p{Cf}/gu, '').trim();

/** The intent of a text when no operator is awaited: a wait that names nobody ("要等多久") asks about the matter (a follow-up), not the queue. */
export function intentOutsideQueue(match: IntentMatch | null): IntentMatch | null {
  return match?.intent === 'waiting' && match.category !== 'person' ? null : match;
}

/** Intents a matter for 12388 or 信访 overrides: a question, or the wish to file a ticket. */
const REDIRECTABLE_INTENTS = new Set(['hotline.report']);
/** The ticket form's steps where the citizen says what the matter is. */
const REDIRECT_STEPS = new Set(['category', 'content']);

const CORRECTION_OPENING = /^[\s:：,，。]*(的)?(我要|提交)?补正(一下)?(申请)?(的内容(是|如下)?)?/;

/**
 * "补正 YSQ2026000123 内容", "YSQ2026000123 补正：内容", "我要补正申请YSQ…，内容", "补正一下，内容" → the
 * content: the number, the word and what only leads up to the content go.
 */
function correctionText(text: string): string {
  const unnumbered = text.replace(/(?<![A-Za-z0-9])YSQ[\s-]?20\d{2}[\s-]?\d{6}(?!\d)/i, '');
  // Only a message that opens with 补正 carries the content; "帮我补正一下申请" only says it is coming.
  if (!CORRECTION_OPENING.test(unnumbered)) return '';
  return unnumbered
    .replace(CORRECTION_OPENING, '')
    .replace(/^[\s:：,，。]+/, '')
    .trim();
}

/** 补正 with its content: the effect that sends it; null for "补正" alone, which still needs the text. */
function correctionEffect(match: IntentMatch, text: string): Effect | null {
  const details = correctionText(text);
  return details ? { type: 'disclosure-correction', number: match.capture?.applicationNumber ?? null, text: details } : null;
}

function caseStatus(match: IntentMatch): Effect {
  return {
    type: 'case-status',
    kind: match.intent === 'ticket.status' ? 'ticket' : 'disclosure',
    number: match.capture?.ticketNumber ?? match.capture?.applicationNumber ?? null,
  };
}

export function reply(state: DialogueState, texts: string[], decision: Record<string, unknown>, effects: Effect[] = []): EngineTurn {
  return { state, replies: texts.map((text): Reply => ({ text })), effects, decision };
}

/** The message a citizen gets when the bot answers with the entry (or one section of it). */
export function answerText(entry: EntryFileEntry, section: SectionName | null): string {
  const footer = [followUpHint(entry, section), say.feedbackInvite()].filter(Boolean).join('\n');
  return formatAnswer(entry, section, footer);
}

function answerTurn(entry: EntryFileEntry, section: SectionName | null, decision: Record<string, unknown>): EngineTurn {
  return reply(
    { mode: 'bot', misses: 0, lastAnswer: { entry: entry.key, section } },
    [answerText(entry, section)],
    { ...decision, entry: entry.key, section },
    [{ type: 'record-answer', entry: entry.key }],
  );
}

/**
 * The turn, also recording what the bot did with the knowledge question (the review queue's raw material).
 * An answered question's record counts the answer too: no second row for it (issue 25).
 */
function recorded(turn: EngineTurn, text: string, question: AskedKnowledgeQuestion): EngineTurn {
  const effects = question.decision === 'answer' ? turn.effects.filter((effect) => effect.type !== 'record-answer') : turn.effects;
  return { ...turn, effects: [...effects, { type: 'record-question', text, question }] };
}

function askedFrom(
  result: MatchResult,
  decision: AskedKnowledgeQuestion['decision'],
  via: AskedKnowledgeQuestion['via'] = null,
  entry = result.entry,
  section: string | null = result.section,
): AskedKnowledgeQuestion {
  return {
    decision,
    via,
    entry,
    section,
    score: result.score,
    candidates: result.candidates.map(({ entry, score }) => ({ entry, score })),
    terms: result.terms,
  };
}

/** Picks one of the offered entries by number ("2") or by its title. */
function chosenOption(text: string, options: string[], understanding: Understanding): string | null {
  const number = listNumber(text);
  if (number >= 1 && number <= options.length) return options[number - 1];
  return options.find((key) => understanding.entry(key)?.title === text) ?? null;
}

export function createDialogueEngine(understanding: Understanding, options: EngineOptions): DialogueEngine<DialogueState> {
  const form = (name: string) => {
    const found = options.forms[name];
    if (!found) throw new Error(`no intake form "${name}"`);
    return found;
  };

  /** The field the form asked for last; null at the confirmation. */
  const askedField = (state: Extract<DialogueState, { mode: 'intake' }>) =>
    state.confirming ? null : (form(state.form).steps[state.step]?.field ?? null);

  function handleIntent(state: DialogueState, match: IntentMatch, text: string, now: Date): EngineTurn | null {
    const decision = { decision: 'intent', intent: match.intent };
    const lastEntry = state.mode === 'bot' ? state.lastAnswer?.entry : undefined;
    switch (match.intent) {
      case 'disclosure.apply':
        return startForm(form('disclosure'), text, decision);
      case 'hotline.report':
        return startForm(form('ticket'), text, decision);
      case 'human': {
        const effects: Effect[] = [{ type: 'request-operator', reason: text }];
        // Outside service hours the thread still waits, and the matter is written down as a ticket.
        if (understanding.withinServiceHours(now)) return reply({ mode: 'queued' }, [], decision, effects);
        const started = whileQueued(startForm(form('ticket'), text, decision));
        return { ...started, effects };
      }
      case 'disclosure.status':
      case 'ticket.status':
        return reply(state, [], decision, [caseStatus(match)]);
      case 'disclosure.correction': {
        const sent = correctionEffect(match, text);
        // "补正" alone: the next message is the correction.
        if (!sent) return reply({ mode: 'correcting', number: match.capture?.applicationNumber ?? null }, [say.correctionAsk()], decision);
        return reply(INITIAL_STATE, [], decision, [sent]);
      }
      case 'feedback':
        if (!lastEntry || !match.category) return null;
        return reply(state, [understanding.intentReply(match)], decision, [
          { type: 'store-feedback', entry: lastEntry, helpful: match.category === 'positive' },
        ]);
      default:
        return reply(match.intent === 'goodbye' ? INITIAL_STATE : state, [understanding.intentReply(match)], decision);
    }
  }

  function handleKnowledge(state: DialogueState, text: string, context: TurnContext): EngineTurn {
    const result = understanding.match(text, context.now, context.prepared);
    const decision = { decision: result.decision, score: result.score, candidates: result.candidates };
    // Another city's policy is not this city's to answer, nor a gap in its knowledge base.
    if (result.decision === 'elsewhere' && result.place) {
      return reply({ mode: 'bot', misses: 0, lastAnswer: null }, [say.elsewhere(result.place.name, result.place.hotline)], {
        ...decision,
        place: result.place.name,
      });
    }
    if (result.decision === 'answer' && result.entry) {
      const entry = understanding.entry(result.entry);
      if (entry) return recorded(answerTurn(entry, result.section, decision), text, askedFrom(result, 'answer'));
    }

    // A follow-up about the entry just answered: "需要带什么材料" / "多久能办好". A question labelled out of
    // scope is declined even right after an answer ("结婚登记需要带什么" is not about 户口迁移's materials).
    const last = state.mode === 'bot' && state.lastAnswer && !result.declined ? understanding.entry(state.lastAnswer.entry) : undefined;
    const followUp = last ? understanding.sectionOf(text, last.kind) : null;
    if (last && followUp && last.sections?.[followUp]) {
      return recorded(
        answerTurn(last, followUp, { ...decision, decision: 'answer', via: 'follow-up' }),
        text,
        askedFrom(result, 'answer', 'follow-up', last.key, followUp),
      );
    }
    // Or about the entries offered before a question the bot could not place.
    const offeredSection = !last && state.mode === 'bot' && state.offered ? understanding.sectionOf(text) : null;
    if (state.mode === 'bot' && state.offered && offeredSection) return askForSection(state.offered, offeredSection, state.misses);

    if (result.decision === 'clarify') {
      const offered = result.candidates.map((c) => understanding.entry(c.entry)).filter((e): e is EntryFileEntry => e !== undefined);
      if (offered.length > 0) {
        const asked = reply(
          { mode: 'clarifying', misses: 0, options: offered.map((e) => e.key), section: result.section },
          [say.clarify(offered.map((e) => e.title))],
          decision,
        );
        return recorded(asked, text, askedFrom(result, 'clarify'));
      }
    }

    // The subject is known but not what is asked about it, or nothing is asked about it (公积金): say so, and offer what can be answered.
    if (result.decision === 'partial' && result.partial) {
      const offered = result.partial.entries.map((key) => understanding.entry(key)).filter((e): e is EntryFileEntry => e !== undefined);
      if (offered.length > 0) {
        return reply(
          { mode: 'clarifying', misses: 0, options: offered.map((e) => e.key), section: null },
          [
            (result.partial.kind === 'topic' ? say.topic : say.partial)(
              result.partial.subject,
              offered.map((e) => e.title),
            ),
          ],
          decision,
        );
      }
    }

    const misses = (state.mode === 'bot' || state.mode === 'clarifying' ? state.misses : 0) + 1;
    // A question the bot could not place does not end the topic: "要带啥" next still means the last answer, or the entries offered.
    const offered = state.mode === 'clarifying' ? state.options : state.mode === 'bot' ? state.offered : undefined;
    const fallback = reply(
      { mode: 'bot', misses, lastAnswer: state.mode === 'bot' ? state.lastAnswer : null, ...(offered ? { offered } : {}) },
      [misses >= 2 ? say.fallbackOffer() : say.fallbackRephrase()],
      { ...decision, decision: 'fallback' },
      [{ type: 'record-unanswered', text, terms: result.terms }],
    );
    return recorded(fallback, text, askedFrom(result, 'fallback', null, null, null));
  }

  /**
   * A form in progress. Commands work from any step, as emergencies do: 取消 leaves, 转人工 queues
   * the thread, the menu and status questions are answered and the question asked again.
   */
  function handleIntake(
    state: Extract<DialogueState, { mode: 'intake' }>,
    text: string,
    intent: IntentMatch | null,
    context: TurnContext,
  ): EngineTurn {
    const current = form(state.form);
    if (options.vocabulary.replyOf(text) === 'cancel')
      return reply(afterForm(state), [say.formLeft(current.title)], { decision: 'leave', form: state.form });
    // A case number makes a status question a command at any length ("查询工单 12345-2026-000123"), as 补正 at the start does.
    const command =
      intent && (Array.from(text).length <= COMMAND_MAX_CHARS || intent.capture || intent.intent === 'disclosure.correction')
        ? intent
        : null;
    if (command?.intent === 'human') {
      const decision = { decision: 'intent', intent: 'human', form: state.form };
      const effects: Effect[] = [{ type: 'request-operator', reason: text }];
      // In service hours a person takes over and the unsent form is dropped; outside them the form goes on while the thread waits.
      if (understanding.withinServiceHours(context.now))
        return reply({ mode: 'queued' }, [say.formHandedOver(current.title)], { ...decision, discarded: true }, effects);
      return { ...whileQueued(askAgain(state, current, [say.formContinuesWhileQueued(current.title)], decision)), effects };
    }
    // Waiting for an operator while filling the form (outside service hours): "有人吗" and "还要等多久" hear where they
    // stand, and reach the operator's transcript, not a field check.
    if (state.queued && command && QUEUE_QUESTIONS.has(command.intent))
      return {
        ...askAgain(state, current, [], { decision: 'queued', form: state.form }),
        effects: [{ type: 'request-operator', reason: text }],
      };
    // Not waiting: "人呢" hears that, and how to ask for a person, then the question again.
    if (command?.intent === 'waiting')
      return askAgain(state, current, [understanding.intentReply(command)], { decision: 'intent', intent: 'waiting', form: state.form });
    // 补正 sent from a form: the correction goes, the form stays; "补正" alone is asked for in one message, not taken as an answer.
    if (command?.intent === 'disclosure.correction') {
      const decision = { decision: 'intent', intent: command.intent, form: state.form };
      const sent = correctionEffect(command, text);
      return sent
        ? { ...askAgain(state, current, [], decision), effects: [sent] }
        : askAgain(state, current, [say.correctionInOneMessage()], decision);
    }
    if (command?.intent === 'menu') return askAgain(state, current, [say.menu()], { decision: 'intent', intent: 'menu', form: state.form });
    if (command && STATUS_INTENTS.has(command.intent))
      return {
        ...askAgain(state, current, [], { decision: 'intent', intent: command.intent, form: state.form }),
        effects: [caseStatus(command)],
      };
    return runForm(state, current, text, context, {
      forms: options.forms,
      lookUp: (answer) => {
        const result = understanding.match(answer, context.now);
        const entry = result.decision === 'answer' && result.entry ? understanding.entry(result.entry) : undefined;
        return entry ? formatAnswer(entry, null) : null;
      },
      step: { vocabulary: options.vocabulary, intent: intent?.intent ?? null },
    });
  }

  /** "Which one did you mean": a number or a title picks; "要多久" asks again for that section. */
  function handleClarifying(
    state: Extract<DialogueState, { mode: 'clarifying' }>,
    text: string,
    intent: IntentMatch | null,
    context: TurnContext,
  ): EngineTurn | null {
    if (options.vocabulary.replyOf(text) === 'cancel') return reply(INITIAL_STATE, [say.left()], { decision: 'leave' });
    const picked = chosenOption(text, state.options, understanding);
    const entry = picked ? understanding.entry(picked) : undefined;
    if (entry) {
      const section = state.section && entry.sections?.[state.section] ? state.section : null;
      return recorded(answerTurn(entry, section, { decision: 'answer', via: 'clarify' }), text, {
        decision: 'answer',
        via: 'clarify',
        entry: entry.key,
        section,
        score: 0,
        candidates: [],
        terms: [],
      });
    }
    // A number beyond the list is a slip, not a question: the list stays open.
    const number = listNumber(text);
    if (number >= 1) return reply(state, [say.noSuchOption(number, state.options.length)], { decision: 'clarify', via: 'no-such-option' });
    const section = intent ? null : understanding.sectionOf(text);
    if (!section || understanding.match(text, context.now, context.prepared).decision === 'answer') return null;
    return askForSection(state.options, section, state.misses);
  }

  /** "要多久" about entries offered in "which one": asked again among those that say it, or answered when only one does. */
  function askForSection(options: string[], section: SectionName, misses: number): EngineTurn {
    const offered = options.map((key) => understanding.entry(key)).filter((e): e is EntryFileEntry => e !== undefined);
    const having = offered.filter((e) => e.sections?.[section]);
    // Only one of them says anything about it: that is the answer, under its own title.
    if (having.length === 1) return answerTurn(having[0], section, { decision: 'answer', via: 'clarify-section' });
    const still = having.length > 0 ? having : offered;
    return reply(
      { mode: 'clarifying', misses, options: still.map((e) => e.key), section },
      [
        say.clarify(
          still.map((e) => e.title),
          SECTION_LABELS[section],
        ),
      ],
      { decision: 'clarify', via: 'clarify-section', section },
    );
  }

  /** Waiting for an operator: the citizen hears where they stand; what they write is in the thread for the operator. */
  function handleQueued(state: DialogueState, text: string, intent: IntentMatch | null): EngineTurn {
    const declinesPerson = intent?.intent === 'thanks' && intent.category === NO_PERSON_CATEGORY;
    if (options.vocabulary.replyOf(text) === 'cancel' || declinesPerson)
      return reply(INITIAL_STATE, [], { decision: 'leave-queue' }, [{ type: 'leave-queue' }]);
    if (intent && STATUS_INTENTS.has(intent.intent))
      return reply(state, [], { decision: 'intent', intent: intent.intent }, [caseStatus(intent)]);
    if (intent?.intent === 'disclosure.correction') {
      const sent = correctionEffect(intent, text);
      const decision = { decision: 'intent', intent: intent.intent };
      return sent ? reply(state, [], decision, [sent]) : reply(state, [say.correctionInOneMessage()], decision);
    }
    return reply(state, [], { decision: 'queued' }, [{ type: 'request-operator', reason: text }]);
  }

  function handleText(state: DialogueState, text: string, context: TurnContext): EngineTurn {
    const heard = understanding.intentOf(text, context.prepared);
    const waitsForOperator = state.mode === 'queued' || (state.mode === 'intake' && state.queued);
    const intent = waitsForOperator ? heard : intentOutsideQueue(heard);
    // Emergencies are answered at once, whatever else is going on, and open nothing.
    if (intent?.intent === 'emergency')
      return reply(state, [understanding.intentReply(intent)], { decision: 'intent', intent: 'emergency' });
    // While an operator holds the thread, the citizen's messages are theirs to answer.
    if (state.mode === 'human') return reply(state, [], { decision: 'human', operator: state.operator });
    if (state.mode === 'queued') return handleQueued(state, text, intent);
    if (state.mode === 'correcting') {
      // A short reply is no correction: 返回 / 不 leave as 取消 does, "好的" still awaits the text.
      const word = options.vocabulary.replyOf(text);
      if (word === 'yes') return reply(state, [say.correctionAsk()], { decision: 'intent', intent: 'disclosure.correction' });
      if (word) return reply(INITIAL_STATE, [say.left()], { decision: 'leave' });
      if (!intent || Array.from(text).length > COMMAND_MAX_CHARS) {
        return reply(INITIAL_STATE, [], { decision: 'intent', intent: 'disclosure.correction' }, [
          { type: 'disclosure-correction', number: state.number, text },
        ]);
      }
      // A command instead of the correction: the question is dropped.
      return handleText(INITIAL_STATE, text, context);
    }
    // Never a ticket, and never a form to be stuck in: the ticket form is left, the channel named. Asked
    // where the matter is told (an address such as 信访局门口 is no 信访 matter).
    if (state.mode === 'intake' && state.form === 'ticket' && REDIRECT_STEPS.has(askedField(state) ?? '')) {
      const redirect = understanding.redirectOf(text);
      if (redirect)
        return reply(afterForm(state), [redirect, say.formLeft(form(state.form).title)], { decision: 'redirect', form: state.form });
    }
    if (state.mode === 'intake') return handleIntake(state, text, intent, context);
    if (!intent || REDIRECTABLE_INTENTS.has(intent.intent)) {
      const redirect = understanding.redirectOf(text);
      if (redirect) return reply(state.mode === 'bot' ? state : INITIAL_STATE, [redirect], { decision: 'redirect' });
    }
    if (state.mode === 'clarifying') {
      const handled = handleClarifying(state, text, intent, context);
      if (handled) return handled;
    }

    // Only in plain bot mode: in a form or a "which one" question, digits answer that question.
    const rating = state.mode === 'bot' ? options.vocabulary.ratingOf(text) : null;
    if (rating) return reply(state, [], { decision: 'rating', rating }, [{ type: 'rate-ticket', rating }]);

    if (intent) {
      const handled = handleIntent(state, intent, text, context.now);
      if (handled) return handled;
    }
    // 取消 / 返回 / 确认 with no form or question open act on nothing: said so, not a question the knowledge base failed.
    if (state.mode === 'bot' && options.vocabulary.replyOf(text))
      return reply(state, [say.nothingOpen(), say.menu()], { decision: 'nothing-open' });
    return handleKnowledge(state, text, context);
  }

  /** A text, voice or other message (not an event) in the state the conversation is in. */
  function handleMessage(state: DialogueState, message: InboundMessage, context: TurnContext): EngineTurn {
    const text = saidText(message);
    if (!text) {
      if (state.mode === 'human') return reply(state, [], { decision: 'human', operator: state.operator });
      const notText =
        message.kind === 'voice' ? say.voiceNotUnderstood() : message.kind === 'text' ? say.emptyText() : say.unsupportedKind();
      // A photo or an empty message in a form is no answer: the form's question again, not "what is your question".
      if (state.mode === 'intake')
        return askAgain(state, form(state.form), [message.kind === 'text' ? null : notText], {
          decision: 'unsupported',
          form: state.form,
        });
      return reply(state, [notText], { decision: 'unsupported' });
    }
    return handleText(state, text, context);
  }

  /** Menu clicks carry an entry key or an intent name (configured on the WeChat menu). */
  function handleClick(state: DialogueState, key: string, context: TurnContext): EngineTurn {
    const entry = understanding.entry(key);
    if (entry) return answerTurn(entry, null, { decision: 'answer', via: 'menu' });
    const handled = understanding.hasIntent(key) ? handleIntent(state, { intent: key, confidence: 1 }, '', context.now) : null;
    return handled ?? reply(state, [say.menu()], { decision: 'menu' });
  }

  return {
    initialState: () => INITIAL_STATE,
    restore: restoreState,
    // Every text may end up matched (intents and forms are decided in the turn, on the stored state).
    prepare(message, now) {
      const text = message.kind === 'event' ? '' : saidText(message);
      return text ? understanding.prepareMatch(text, now) : Promise.resolve(null);
    },
    turn(persisted, message: InboundMessage, context) {
      const idle =
        context.lastActivityAt !== null && context.now.getTime() - context.lastActivityAt.getTime() > options.idleMinutes * 60_000;
      // An idle conversation starts over, unless an operator holds it (the hand-off has its own timeout).
      const state = idle && persisted.mode !== 'human' && persisted.mode !== 'queued' ? INITIAL_STATE : persisted;
      if (message.kind === 'event') {
        // Opening the chat again while waiting for a person, or held by one, is no fresh start.
        if (state.mode === 'queued' && (message.event === 'subscribe' || message.event === 'enter-session'))
          return handleQueued(state, '', null);
        if (state.mode === 'human' && (message.event === 'subscribe' || message.event === 'enter-session'))
          return reply(state, [], { decision: 'human', operator: state.operator });
        if (message.event === 'subscribe' || message.event === 'enter-session')
          return reply(INITIAL_STATE, [say.welcome()], { decision: 'welcome' });
        if (message.event === 'click' && message.eventKey && state.mode !== 'human' && state.mode !== 'queued')
          return handleClick(state, message.eventKey, context);
        return reply(state, [], { decision: 'event' });
      }
      const answered = handleMessage(state, message, context);
      // A form left past the idle time is gone: said so, or the answer to its question (a phone number) reads as a question.
      return state !== persisted && persisted.mode === 'intake'
        ? { ...answered, replies: [{ text: say.formExpired(form(persisted.form).title) }, ...answered.replies] }
        : answered;
    },
  };
}
