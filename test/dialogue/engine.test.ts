import type { InboundMessage } from '../../src/channels/inboundMessage';
import { createDialogueEngine, type Understanding } from '../../src/dialogue/engine';
import { MAX_REPLY_BYTES } from '../../src/dialogue/replies';
import { INITIAL_STATE, type DialogueState } from '../../src/dialogue/state';
import type { EntryFileEntry } from '../../src/knowledge/entryFile';
import type { MatchResult } from '../../src/nlp/match';

const entries: Record<string, EntryFileEntry> = {
  'low-income-apply': {
    key: 'low-income-apply',
    kind: 'guide',
    title: '最低生活保障申请',
    questions: ['低保怎么申请'],
    answer: '向户籍所在地乡镇（街道）提出申请。',
    sections: { materials: '身份证、户口簿、收入证明。', timeLimit: '30个工作日。' },
    source: { title: '《社会救助暂行办法》', docNumber: '国务院令第649号' },
    status: 'published',
  },
  'low-income-standard': { key: 'low-income-standard', kind: 'interpretation', title: '最低生活保障标准', questions: ['低保标准'], answer: '按当地公布标准执行。', status: 'published' },
};

/** Scripted understanding: the engine's logic is tested apart from the matcher's. */
function understandingFor(script: Record<string, Partial<MatchResult>>): Understanding {
  return {
    match: (text) => ({ decision: 'fallback', entry: null, section: null, score: 0, candidates: [], terms: [text], ...script[text] }),
    entry: (key) => entries[key],
    sectionOf: (text) => (/材料/.test(text) ? 'materials' : /多久/.test(text) ? 'timeLimit' : null),
  };
}

const message = (text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'webchat', citizenId: 'c1', externalId: text, kind: 'text', text, receivedAt: new Date(), ...extra });
const at = new Date('2026-11-25T02:00:00Z');

describe('dialogue engine', () => {
  const engine = createDialogueEngine(
    understandingFor({
      低保怎么申请: { decision: 'answer', entry: 'low-income-apply', score: 0.9 },
      低保: { decision: 'clarify', candidates: [{ entry: 'low-income-apply', score: 0.6 }, { entry: 'low-income-standard', score: 0.55 }], score: 0.6 },
      低保要带什么材料: { decision: 'clarify', section: 'materials', candidates: [{ entry: 'low-income-apply', score: 0.6 }, { entry: 'low-income-standard', score: 0.55 }], score: 0.6 },
    }),
    { idleMinutes: 30 },
  );
  const turn = (state: DialogueState, text: string, lastActivityAt: Date | null = at) => engine.turn(state, message(text), { now: at, lastActivityAt });

  it('answers with title, answer and source, and remembers the entry', () => {
    const t = turn(INITIAL_STATE, '低保怎么申请');
    expect(t.replies[0].text).toMatch(/^【最低生活保障申请】\n向户籍所在地/);
    expect(t.replies[0].text).toMatch(/来源：《社会救助暂行办法》 国务院令第649号/);
    expect(t.state).toEqual({ mode: 'bot', misses: 0, lastAnswer: { entry: 'low-income-apply', section: null } });
    expect(t.decision).toMatchObject({ decision: 'answer', entry: 'low-income-apply' });
  });

  it('resolves a follow-up question to the section of the entry just answered', () => {
    const first = turn(INITIAL_STATE, '低保怎么申请');
    const second = turn(first.state, '需要带什么材料');
    expect(second.replies[0].text).toMatch(/^【最低生活保障申请·申请材料】\n身份证、户口簿、收入证明。/);
    expect(second.decision).toMatchObject({ via: 'follow-up', section: 'materials' });
  });

  it('offers close candidates and answers the one picked by number or by title', () => {
    const asked = turn(INITIAL_STATE, '低保');
    expect(asked.state).toMatchObject({ mode: 'clarifying', options: ['low-income-apply', 'low-income-standard'] });
    expect(asked.replies[0].text).toMatch(/1\. 最低生活保障申请\n2\. 最低生活保障标准/);
    expect(turn(asked.state, '2').replies[0].text).toMatch(/^【最低生活保障标准】/);
    expect(turn(asked.state, '最低生活保障申请').replies[0].text).toMatch(/^【最低生活保障申请】/);
  });

  it('keeps the asked section through the clarifying question', () => {
    const asked = turn(INITIAL_STATE, '低保要带什么材料');
    expect(turn(asked.state, '1').replies[0].text).toMatch(/^【最低生活保障申请·申请材料】/);
  });

  it('leaves the clarifying question on 0 / 取消', () => {
    const asked = turn(INITIAL_STATE, '低保');
    for (const word of ['0', '取消', '退出']) {
      const left = turn(asked.state, word);
      expect(left.state).toEqual(INITIAL_STATE);
      expect(left.replies[0].text).toMatch(/已取消/);
    }
  });

  it('climbs the fallback ladder: rephrase first, then the two ways forward, recording each miss', () => {
    const first = turn(INITIAL_STATE, '火星移民政策');
    expect(first.replies[0].text).toMatch(/换个说法/);
    expect(first.effects).toEqual([{ type: 'record-unanswered', text: '火星移民政策', terms: ['火星移民政策'] }]);
    const second = turn(first.state, '月球户口');
    expect(second.replies[0].text).toMatch(/申请政府信息公开[\s\S]*转人工/);
    const answered = turn(second.state, '低保怎么申请');
    expect(answered.state).toMatchObject({ misses: 0 });
  });

  it('starts over after the idle time', () => {
    const asked = turn(INITIAL_STATE, '低保');
    const later = engine.turn(asked.state, message('2'), { now: at, lastActivityAt: new Date(at.getTime() - 31 * 60_000) });
    expect(later.state).toMatchObject({ mode: 'bot' });
    expect(later.replies[0].text).not.toMatch(/最低生活保障标准/);
  });

  it('welcomes on subscribe, stays silent on other events, and is polite about voice and images', () => {
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'event', event: 'subscribe' }), { now: at, lastActivityAt: null }).replies[0].text).toMatch(/欢迎/);
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'event', event: 'unsubscribe' }), { now: at, lastActivityAt: null }).replies).toEqual([]);
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'voice' }), { now: at, lastActivityAt: null }).replies[0].text).toMatch(/语音/);
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'image' }), { now: at, lastActivityAt: null }).replies[0].text).toMatch(/文字/);
  });

  it('keeps long answers within WeChat\'s byte limit', () => {
    const long = { ...entries['low-income-apply'], key: 'long-entry', answer: '很长的答复。'.repeat(500) };
    entries['long-entry'] = long;
    const e = createDialogueEngine(understandingFor({ 长: { decision: 'answer', entry: 'long-entry', score: 0.9 } }), { idleMinutes: 30 });
    const text = e.turn(INITIAL_STATE, message('长'), { now: at, lastActivityAt: null }).replies[0].text;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    expect(text).toMatch(/内容较长/);
    expect(text).toMatch(/来源：/);
  });
});
