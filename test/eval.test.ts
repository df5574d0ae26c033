import { EVAL_TARGETS, runEvaluation } from './eval/runEval';

/**
 * The matching quality floors (see src/knowledge/evaluation.ts for the definitions), so that they cannot
 * regress silently. Failures are printed to make a regression quick to diagnose.
 */
describe('question matching evaluation', () => {
  const report = runEvaluation();

  it('covers every tag of the evaluation set', () => {
    expect(report.overall.questions).toBeGreaterThan(0);
    expect(report.overall.inScope).toBeGreaterThan(0);
    expect(report.overall.outOfScope).toBeGreaterThan(0);
  });

  it(`answers at least ${EVAL_TARGETS.top1 * 100}% of in-scope questions with the right entry`, () => {
    if ((report.overall.top1 ?? 0) < EVAL_TARGETS.top1) {
      console.log(
        report.failures
          .filter(({ kind }) => kind === 'missed' || kind === 'wrong-answer')
          .map(({ question, result }) => `${question.text} → expected ${question.entry}, got ${result.decision} ${result.entry ?? ''}`)
          .join('\n'),
      );
    }
    expect(report.overall.top1).toBeGreaterThanOrEqual(EVAL_TARGETS.top1);
  });

  it(`answers at most ${EVAL_TARGETS.maxWrong * 100}% of all questions wrongly`, () => {
    expect(report.overall.wrongRate).toBeLessThanOrEqual(EVAL_TARGETS.maxWrong);
  });

  it(`does not answer at least ${EVAL_TARGETS.rejection * 100}% of out-of-scope questions`, () => {
    expect(report.overall.rejection).toBeGreaterThanOrEqual(EVAL_TARGETS.rejection);
  });
});

describe('held-out evaluation questions', () => {
  it('load, with every entry they name in the seed knowledge base (report only: no floors, see npm run eval:heldout)', () => {
    const heldOut = runEvaluation({ questionsFile: 'test/eval/heldout.yaml' });
    expect(heldOut.overall.questions).toBe(75);
    expect(heldOut.overall.inScope).toBe(60);
  });
});
