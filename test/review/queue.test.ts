import type { AskedQuestion } from '../../entities';
import { reviewQueue, type ReviewSignals } from '../../src/knowledge/review/queue';

let nextId = 1;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 2, minute));
function asked(
  conversationId: string,
  minute: number,
  text: string,
  terms: string[],
  decision: string,
  candidates: { entry: string; score: number }[] = [],
  via: string | null = null,
): AskedQuestion {
  return {
    id: nextId++,
    conversationId,
    channel: 'webchat',
    text,
    terms,
    decision,
    via,
    entryKey: decision === 'answer' ? (candidates[0]?.entry ?? null) : null,
    section: null,
    match: { score: candidates[0]?.score ?? 0, candidates },
    askedAt: at(minute),
  };
}
const signals = (extra: Partial<ReviewSignals> = {}): ReviewSignals => ({
  notHelpful: [],
  operatorAnswered: [],
  smallMargin: 0.12,
  labelled: new Set(),
  ...extra,
});

describe('the review queue’s reasons', () => {
  it('flags an answer that led the runner-up by less than the small margin, not one that led clearly', () => {
    const close = asked('c1', 0, '公积金取钱', ['公积金', '取钱'], 'answer', [
      { entry: 'housing-fund-withdrawal', score: 0.5 },
      { entry: 'housing-fund-loan', score: 0.43 },
    ]);
    const clear = asked('c2', 0, '低保咋申请', ['低保', '申请'], 'answer', [
      { entry: 'minimum-living-allowance-apply', score: 0.9 },
      { entry: 'temporary-assistance', score: 0.7 },
    ]);
    const items = reviewQueue([close, clear], signals());
    expect(items.map((i) => [i.texts[0].text, i.reasons])).toEqual([['公积金取钱', { 'small-margin': 1 }]]);
    expect(items[0].bot.candidates).toEqual([
      { entry: 'housing-fund-withdrawal', score: 0.5 },
      { entry: 'housing-fund-loan', score: 0.43 },
    ]);
  });

  it('flags the last knowledge question before a hand-off an operator answered, within ten minutes', () => {
    const first = asked('c3', 0, '暖气不热', ['暖气', '不热'], 'answer', [{ entry: 'heating-repair', score: 0.8 }]);
    const last = asked('c3', 5, '还是不热', ['不热'], 'fallback');
    const long = asked('c4', 0, '房子拆了', ['房子', '拆'], 'fallback');
    const items = reviewQueue(
      [first, last, long],
      signals({
        operatorAnswered: [
          { conversationId: 'c3', requestedAt: at(8) },
          { conversationId: 'c4', requestedAt: at(30) },
        ],
      }),
    );
    expect(Object.fromEntries(items.map((i) => [i.texts[0].text, i.reasons]))).toEqual({
      还是不热: { unanswered: 1, 'operator-answered': 1 },
      房子拆了: { unanswered: 1 },
    });
  });

  it('does not take a resolved clarify, a follow-up or an answer to a new subject for a problem', () => {
    const clarified = asked('c5', 0, '暖气', ['暖气'], 'clarify', [
      { entry: 'heating-repair', score: 0.35 },
      { entry: 'heating-fees', score: 0.33 },
    ]);
    const picked = asked('c5', 1, '2', [], 'answer', [], 'clarify');
    const other = asked('c6', 0, '低保咋申请', ['低保', '申请'], 'answer', [{ entry: 'minimum-living-allowance-apply', score: 0.9 }]);
    const followUp = asked('c6', 1, '要带什么材料', ['材料'], 'answer', [], 'follow-up');
    const newSubject = asked('c6', 1, '公积金怎么提取', ['公积金', '提取'], 'answer', [{ entry: 'housing-fund-withdrawal', score: 1 }]);
    expect(reviewQueue([clarified, picked, other, followUp, newSubject], signals())).toEqual([]);
  });
});
