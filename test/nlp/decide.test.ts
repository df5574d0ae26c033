import { decide, DEFAULT_MATCH_THRESHOLDS, type MatchThresholds } from '../../src/understanding/nlp/decide';

const thresholds: MatchThresholds = { answerMin: 0.6, minMargin: 0.1, clarifyMin: 0.45, clarifyWindow: 0.15 };
const ranked = (...scores: number[]) => scores.map((score, i) => ({ entry: `e${i + 1}`, score }));

describe('decide', () => {
  it('answers when the best entry is good and clearly ahead', () => {
    expect(decide(ranked(0.9, 0.7), thresholds)).toEqual({ decision: 'answer', entry: 'e1', candidates: ranked(0.9) });
    expect(decide(ranked(0.6), thresholds).decision).toBe('answer');
  });

  it('lists close runners-up of an answer as related candidates', () => {
    expect(decide(ranked(0.9, 0.78, 0.5), thresholds).candidates).toEqual(ranked(0.9, 0.78));
  });

  it('asks which entry was meant when the best two are close', () => {
    expect(decide(ranked(0.9, 0.85, 0.8, 0.79), thresholds)).toEqual({
      decision: 'clarify',
      entry: null,
      candidates: ranked(0.9, 0.85, 0.8),
    });
  });

  it('asks about a single candidate that is good enough to offer but not to answer', () => {
    expect(decide(ranked(0.5, 0.2), thresholds)).toEqual({ decision: 'clarify', entry: null, candidates: ranked(0.5) });
  });

  it('offers only candidates above clarifyMin and within clarifyWindow of the best', () => {
    expect(decide(ranked(0.62, 0.58, 0.46, 0.44), thresholds).candidates).toEqual(ranked(0.62, 0.58, 0.46).slice(0, 2));
    expect(decide(ranked(0.55, 0.5, 0.46, 0.44), thresholds).candidates).toEqual(ranked(0.55, 0.5, 0.46));
  });

  it('falls back when nothing is good enough', () => {
    expect(decide(ranked(0.44, 0.3), thresholds)).toEqual({ decision: 'fallback', entry: null, candidates: [] });
    expect(decide([], thresholds)).toEqual({ decision: 'fallback', entry: null, candidates: [] });
  });

  it('treats the thresholds as inclusive', () => {
    expect(decide(ranked(0.6, 0.5), thresholds).decision).toBe('answer');
    expect(decide(ranked(0.45), thresholds).decision).toBe('clarify');
  });

  it('has consistent defaults', () => {
    const { answerMin, clarifyMin, minMargin, clarifyWindow } = DEFAULT_MATCH_THRESHOLDS;
    expect(clarifyMin).toBeLessThan(answerMin);
    expect(minMargin).toBeGreaterThan(0);
    expect(clarifyWindow).toBeGreaterThanOrEqual(minMargin);
  });
});
