import { join } from 'node:path';
import { z } from 'zod';
import type { TicketRating } from '../../entities/HotlineTicket';
import { loadDataFile } from '../platform/data/loadDataFile';

/** What a short reply to one of the bot's own questions means. */
export type FormReply = 'yes' | 'no' | 'back' | 'cancel';

const words = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'must list at least one word');

const schema = z
  .object({
    yes: words,
    no: words,
    back: words,
    cancel: words,
    rating: z.object({ satisfied: words, basicallySatisfied: words, dissatisfied: words }).strict(),
    self: z.object({ words, then: words }).strict(),
    nonAnswers: words,
  })
  .strict()
  .superRefine((file, ctx) => {
    // One meaning per word ("好的" cannot both confirm and decline); ratings are asked on their own,
    // so 1-3 may rate a ticket and still be a digit in a form.
    const namespaces: [string[], (string | number)[]][][] = [
      [
        [file.yes, ['yes']],
        [file.no, ['no']],
        [file.back, ['back']],
        [file.cancel, ['cancel']],
        [file.nonAnswers, ['nonAnswers']],
      ],
      [
        [file.rating.satisfied, ['rating', 'satisfied']],
        [file.rating.basicallySatisfied, ['rating', 'basicallySatisfied']],
        [file.rating.dissatisfied, ['rating', 'dissatisfied']],
      ],
    ];
    for (const lists of namespaces) {
      const seen = new Map<string, string>();
      for (const [list, path] of lists) {
        list.forEach((word, i) => {
          const earlier = seen.get(canonical(word));
          if (earlier) ctx.addIssue({ code: 'custom', path: [...path, i], message: `"${word}" is already listed under ${earlier}` });
          seen.set(canonical(word), path.join('.'));
        });
      }
    }
  });

export type FormRepliesFile = z.infer<typeof schema>;

/** The whole message as a vocabulary word: NFKC, lower case, no spaces, no trailing punctuation or particle. */
function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[。.!！~～,，、]+$/u, '')
    .replace(/(?<=.)[啊吧呀哦呢哈]+$/u, '');
}

export interface FormVocabulary {
  /** yes / no / back / cancel, or null when the text is not one of the words. */
  replyOf(text: string): FormReply | null;
  ratingOf(text: string): TicketRating | null;
  /** A reply that gives nothing (不知道, 没有, 我不确定), or for a person's name any sentence about oneself (我…). */
  isNonAnswer(text: string, of: 'person' | 'organization'): boolean;
}

export function formVocabulary(file: FormRepliesFile): FormVocabulary {
  const replies = new Map<string, FormReply>();
  for (const kind of ['yes', 'no', 'back', 'cancel'] as const) for (const word of file[kind]) replies.set(canonical(word), kind);
  const ratings = new Map<string, TicketRating>();
  for (const rating of ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const)
    for (const word of file.rating[rating]) ratings.set(canonical(word), rating);
  const selves = file.self.words.map(canonical);
  const selfThen = file.self.then.map(canonical);
  /** What follows the citizen's self (我, 我想 …), or null when the word does not start with it. */
  const afterSelf = (word: string): string | null => {
    const self = selves.find((start) => word.startsWith(start));
    if (self === undefined) return null;
    const rest = word.slice(self.length);
    const then = selfThen.find((start) => rest.startsWith(start) && rest.length > start.length);
    return then === undefined ? rest : rest.slice(then.length);
  };
  const replyOf = (text: string): FormReply | null => {
    const word = canonical(text);
    // "我不申请了" leaves the form like "不申请了", where it would otherwise be taken as the applicant's name.
    const rest = afterSelf(word);
    const whole = replies.get(word) ?? (rest ? replies.get(rest) : undefined);
    if (whole) return whole;
    // "是的，确认" / "好的 提交": several words of one meaning are that meaning; mixed ones are none.
    const parts = text.split(/[\s,，、。.!！;；]+/u).filter(Boolean);
    const kinds = new Set(parts.map((part) => replies.get(canonical(part)) ?? null));
    const [only] = kinds;
    return parts.length > 1 && kinds.size === 1 && only ? only : null;
  };
  const nonAnswers = new Set(file.nonAnswers.map(canonical));
  return {
    replyOf,
    ratingOf: (text) => ratings.get(canonical(text)) ?? null,
    isNonAnswer(text, of) {
      if (replyOf(text) !== null) return true;
      const word = canonical(text);
      const rest = afterSelf(word);
      if (rest === null) return nonAnswers.has(word);
      // No person's name starts with 我 or 俺, but a company's may (我爱我家…): there only a non-answer after it is one.
      return of === 'person' || nonAnswers.has(rest);
    },
  };
}

export const FORM_REPLIES_FILE = 'form-replies.yaml';

/** Loads <nlpDir>/form-replies.yaml; a mistake stops the start naming the file and the field. */
export function loadFormVocabulary(nlpDir: string): FormVocabulary {
  return formVocabulary(loadDataFile(join(nlpDir, FORM_REPLIES_FILE), schema));
}
