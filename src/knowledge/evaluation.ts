/**
 * Matching quality over questions whose right answer is known (the offline evaluation set in
 * test/eval and the city's labelled questions).
 *
 * Definitions (strict: a clarifying question is never a correct answer):
 * - in scope: the question names an expected entry; out of scope: `entry: null`.
 * - top-1 accuracy: in-scope questions answered (decision `answer`) with the expected entry ÷ in-scope questions.
 * - section accuracy: questions with an expected section answered with the expected entry AND section ÷ those questions.
 * - wrong answers: questions answered with an entry other than the expected one (for out-of-scope
 *   questions: answered at all) ÷ all questions.
 * - out-of-scope rejection: out-of-scope questions NOT answered (clarify or fallback) ÷ out-of-scope questions.
 * - clarify rate: questions answered with a clarifying question ÷ all questions.
 */
export interface EvalStats {
  questions: number;
  inScope: number;
  correct: number;
  withSection: number;
  sectionCorrect: number;
  wrong: number;
  outOfScope: number;
  rejected: number;
  clarified: number;
  top1: number | null;
  sectionAccuracy: number | null;
  wrongRate: number | null;
  rejection: number | null;
  clarifyRate: number | null;
}

/** A question with its expected entry (null: out of scope) and section, and what the matcher made of it. */
export interface EvalOutcome {
  question: { entry: string | null; section: string | null };
  result: { decision: string; entry: string | null; section: string | null };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Whether the matcher did what the question expects: the right entry answered, or an out-of-scope question not answered. */
export function isRight({ question, result }: EvalOutcome): boolean {
  return question.entry === null ? result.decision !== 'answer' : result.decision === 'answer' && result.entry === question.entry;
}

export function statsOf(outcomes: readonly EvalOutcome[]): EvalStats {
  const count = (predicate: (outcome: EvalOutcome) => boolean) => outcomes.filter(predicate).length;
  const inScope = count(({ question }) => question.entry !== null);
  const answeredRight = ({ question, result }: EvalOutcome) => result.decision === 'answer' && result.entry === question.entry;
  const correct = count((outcome) => outcome.question.entry !== null && answeredRight(outcome));
  const withSection = count(({ question }) => question.entry !== null && question.section !== null);
  const sectionCorrect = count(
    (outcome) => outcome.question.section !== null && answeredRight(outcome) && outcome.result.section === outcome.question.section,
  );
  const wrong = count(({ question, result }) => result.decision === 'answer' && result.entry !== question.entry);
  const outOfScope = outcomes.length - inScope;
  const rejected = count(({ question, result }) => question.entry === null && result.decision !== 'answer');
  const clarified = count(({ result }) => result.decision === 'clarify');
  return {
    questions: outcomes.length,
    inScope,
    correct,
    withSection,
    sectionCorrect,
    wrong,
    outOfScope,
    rejected,
    clarified,
    top1: ratio(correct, inScope),
    sectionAccuracy: ratio(sectionCorrect, withSection),
    wrongRate: ratio(wrong, outcomes.length),
    rejection: ratio(rejected, outOfScope),
    clarifyRate: ratio(clarified, outcomes.length),
  };
}
