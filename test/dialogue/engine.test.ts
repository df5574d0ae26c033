import type { InboundMessage } from '../../src/dialogue/inboundMessage';
import { createDialogueEngine, type Understanding } from '../../src/dialogue/engine';
import { MAX_REPLY_BYTES } from '../../src/dialogue/replies';
import { INITIAL_STATE, type DialogueState } from '../../src/dialogue/state';
import type { EntryFileEntry } from '../../entities/knowledgeEntryFile';
import type { MatchResult } from '../../src/understanding/nlp/match';
import type { IntentMatch } from '../../src/understanding/intents/recognize';
import type { IntakeForm } from '../../src/dialogue/forms';
import { loadFormVocabulary } from '../../src/dialogue/vocabulary';
import { join } from 'node:path';

const vocabulary = loadFormVocabulary(join(__dirname, '../../seeds/nlp'));

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
  'low-income-standard': {
    key: 'low-income-standard',
    kind: 'interpretation',
    title: '最低生活保障标准',
    questions: ['低保标准'],
    answer: '按当地公布标准执行。',
    status: 'published',
  },
};

const intentScript: Record<string, IntentMatch> = {
  你好: { intent: 'greeting', confidence: 1 },
  转人工: { intent: 'human', confidence: 1 },
  着火了: { intent: 'emergency', confidence: 1 },
  有用: { intent: 'feedback', confidence: 1, category: 'positive' },
  没用: { intent: 'feedback', confidence: 1, category: 'negative' },
  我要投诉: { intent: 'hotline.report', confidence: 1 },
  '查询工单 RX1': { intent: 'ticket.status', confidence: 1, capture: { ticketNumber: 'RX1' } },
};

/** Scripted understanding: the engine's logic is tested apart from the matcher's and the recognizer's. */
function understandingFor(script: Record<string, Partial<MatchResult>>, serviceHours = true): Understanding {
  return {
    prepareMatch: () => Promise.resolve(null),
    match: (text) => ({ decision: 'fallback', entry: null, section: null, score: 0, candidates: [], terms: [text], ...script[text] }),
    entry: (key) => entries[key],
    sectionOf: (text) => (/材料/.test(text) ? 'materials' : /多久/.test(text) ? 'timeLimit' : null),
    intentOf: (text) => intentScript[text] ?? null,
    hasIntent: (name) => ['greeting', 'human', 'menu'].includes(name),
    intentReply: (match) => `intent:${match.intent}`,
    redirectOf: () => null,
    withinServiceHours: () => serviceHours,
  };
}

/** A two-step form: the engine's form handling is tested with it, the real forms have their own tests. */
type Draft = { what?: string; phone?: string };
const ticketForm: IntakeForm<Draft> = {
  name: 'ticket',
  title: '热线工单',
  start: () => ({}),
  steps: [
    { field: 'what', prompt: () => '请描述情况', accept: (answer, d) => ({ ok: true, draft: { ...d, what: answer } }) },
    {
      field: 'phone',
      prompt: () => '请留下电话',
      skip: (d) => d.what?.includes('匿名') ?? false,
      accept: (answer, d) =>
        /^1\d{10}$/.test(answer) ? { ok: true, draft: { ...d, phone: answer } } : { ok: false, message: '手机号码格式不对' },
    },
  ],
  summary: (d) => [
    { label: '事项', value: d.what ?? '', step: 'what' },
    { label: '电话', value: `${d.phone?.slice(0, 3)}****`, step: 'phone' },
  ],
  submit: (d) => ({ type: 'submit-form', form: 'ticket', draft: d }),
};
const disclosureForm: IntakeForm<{ description?: string }> = {
  name: 'disclosure',
  title: '政府信息公开申请',
  start: () => ({}),
  steps: [
    {
      field: 'description',
      prompt: () => '请描述您需要的政府信息',
      lookUpKnowledge: true,
      accept: (answer, d) =>
        /投诉/.test(answer)
          ? { ok: false, message: '这属于投诉，不是信息公开申请', switchTo: 'ticket' }
          : { ok: true, draft: { ...d, description: answer } },
    },
  ],
  summary: (d) => [{ label: '所需信息', value: d.description ?? '', step: 'description' }],
  submit: (d) => ({ type: 'submit-form', form: 'disclosure', draft: d }),
};
const forms = { ticket: ticketForm, disclosure: disclosureForm } as Record<string, IntakeForm<unknown>>;

const message = (text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'webchat',
  citizenId: 'c1',
  externalId: text,
  kind: 'text',
  text,
  receivedAt: new Date(),
  ...extra,
});
const at = new Date('2026-11-25T02:00:00Z');

describe('dialogue engine', () => {
  const engine = createDialogueEngine(
    understandingFor({
      低保怎么申请: { decision: 'answer', entry: 'low-income-apply', score: 0.9 },
      低保: {
        decision: 'clarify',
        candidates: [
          { entry: 'low-income-apply', score: 0.6 },
          { entry: 'low-income-standard', score: 0.55 },
        ],
        score: 0.6,
      },
      低保要带什么材料: {
        decision: 'clarify',
        section: 'materials',
        candidates: [
          { entry: 'low-income-apply', score: 0.6 },
          { entry: 'low-income-standard', score: 0.55 },
        ],
        score: 0.6,
      },
      长沙低保多少钱: { decision: 'elsewhere', score: 0.7, place: { name: '长沙市', hotline: '12345' } },
      香港低保多少钱: { decision: 'elsewhere', score: 0.7, place: { name: '香港特别行政区', hotline: null } },
      公积金: {
        decision: 'partial',
        score: 0.8,
        partial: { subject: '住房公积金', entries: ['low-income-apply', 'low-income-standard'], kind: 'topic' },
      },
      低保怎么注销: {
        decision: 'partial',
        score: 0.6,
        partial: { subject: '最低生活保障', entries: ['low-income-apply', 'low-income-standard'], kind: 'action' },
      },
    }),
    { idleMinutes: 30, forms, vocabulary },
  );
  const turn = (state: DialogueState, text: string, lastActivityAt: Date | null = at) =>
    engine.turn(state, message(text), { now: at, lastActivityAt });

  it("points a question about another city to that city's hotline, without counting it as a miss or a gap", () => {
    const t = turn(INITIAL_STATE, '长沙低保多少钱');
    expect(t.replies.map((r) => r.text)).toEqual([
      '您问的是长沙市的政策。本平台解答本市政务问题，长沙市的政策请拨打当地12345政务服务便民热线或登录当地政务服务网查询。',
    ]);
    expect(t.decision).toMatchObject({ decision: 'elsewhere', place: '长沙市' });
    expect(t.state).toEqual({ mode: 'bot', misses: 0, lastAnswer: null });
    expect(t.effects).toEqual([]);
    expect(turn(INITIAL_STATE, '香港低保多少钱').replies[0].text).toBe(
      '您问的是香港特别行政区的政策。本平台解答本市政务问题，香港特别行政区的政策请向当地政府部门咨询。',
    );
  });

  it('understands a text ahead of its turn and hands that to the turn; events and empty texts need none', async () => {
    const asked: string[] = [];
    const handedBack: { to: string; given: unknown }[] = [];
    const scripted = understandingFor({});
    const prepared = {
      text: '低保标准是多少',
      revision: 7,
      day: '2026-11-25',
      intent: null,
      result: {
        decision: 'answer' as const,
        entry: 'low-income-standard',
        section: null,
        score: 0.9,
        candidates: [],
        terms: ['低保', '标准'],
      },
    };
    const ahead = createDialogueEngine(
      {
        ...scripted,
        prepareMatch: (text) => {
          asked.push(text);
          return Promise.resolve(prepared);
        },
        intentOf: (text, given) => {
          handedBack.push({ to: 'intentOf', given });
          return given ? given.intent : scripted.intentOf(text);
        },
        match: (text, now, given) => {
          handedBack.push({ to: 'match', given });
          return given ? given.result : scripted.match(text, now);
        },
      },
      { idleMinutes: 30, forms, vocabulary },
    );
    const question = message(' 低保标准是多少 ');
    const got = await ahead.prepare(question, at);
    expect(got).toBe(prepared);
    const t = ahead.turn(INITIAL_STATE, question, { now: at, lastActivityAt: null, prepared: got });
    expect(t.decision).toMatchObject({ decision: 'answer', entry: 'low-income-standard' });
    expect(handedBack).toEqual([
      { to: 'intentOf', given: prepared },
      { to: 'match', given: prepared },
    ]);
    // A prepared intent decides like one recognized in the turn.
    const greeting = { ...prepared, text: '在吗', intent: { intent: 'greeting', confidence: 1 } };
    expect(ahead.turn(INITIAL_STATE, message('在吗'), { now: at, lastActivityAt: null, prepared: greeting }).decision).toEqual({
      decision: 'intent',
      intent: 'greeting',
    });
    expect(await ahead.prepare(message('', { kind: 'event', event: 'subscribe' }), at)).toBeNull();
    expect(await ahead.prepare(message('   '), at)).toBeNull();
    expect(asked).toEqual(['低保标准是多少']);
  });

  it('answers with title, answer and source, and remembers the entry', () => {
    const t = turn(INITIAL_STATE, '低保怎么申请');
    expect(t.replies[0].text).toMatch(/^【最低生活保障申请】\n向户籍所在地/);
    expect(t.replies[0].text).toMatch(/来源：《社会救助暂行办法》 国务院令第649号/);
    expect(t.replies[0].text).toMatch(/有帮助吗？回复"有用"或"没用"/);
    expect(t.state).toEqual({ mode: 'bot', misses: 0, lastAnswer: { entry: 'low-income-apply', section: null } });
    expect(t.decision).toMatchObject({ decision: 'answer', entry: 'low-income-apply' });
    // The answered question's record counts the answer: no record-answer beside it.
    expect(t.effects).toEqual([
      {
        type: 'record-question',
        text: '低保怎么申请',
        question: expect.objectContaining({ decision: 'answer', via: null, entry: 'low-income-apply' }),
      },
    ]);
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

  it('says honestly what it can answer about a subject when what is asked is not covered, and answers the one picked', () => {
    const asked = turn(INITIAL_STATE, '低保怎么注销');
    expect(asked.replies[0].text).toBe(
      '关于「最低生活保障」，暂时没有您问的这一项。我可以解答：\n1. 最低生活保障申请\n2. 最低生活保障标准\n请回复序号查看，回复 0 取消。',
    );
    expect(asked.decision).toMatchObject({ decision: 'partial' });
    expect(asked.state).toMatchObject({ mode: 'clarifying', options: ['low-income-apply', 'low-income-standard'] });
    expect(turn(asked.state, '2').replies[0].text).toMatch(/^【最低生活保障标准】/);
  });

  it('lists what it can answer about a bare topic, without saying that something asked is missing', () => {
    const asked = turn(INITIAL_STATE, '公积金');
    expect(asked.replies[0].text).toBe(
      '关于「住房公积金」，我可以解答：\n1. 最低生活保障申请\n2. 最低生活保障标准\n请回复序号查看，也可以直接说明您想办的事项。回复 0 取消。',
    );
    expect(asked.state).toMatchObject({ mode: 'clarifying', options: ['low-income-apply', 'low-income-standard'] });
    expect(turn(asked.state, '1').replies[0].text).toMatch(/^【最低生活保障申请】/);
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
    expect(first.effects).toEqual([
      { type: 'record-unanswered', text: '火星移民政策', terms: ['火星移民政策'] },
      {
        type: 'record-question',
        text: '火星移民政策',
        question: expect.objectContaining({ decision: 'fallback', entry: null, terms: ['火星移民政策'] }),
      },
    ]);
    const second = turn(first.state, '月球户口');
    expect(second.replies[0].text).toMatch(/申请政府信息公开[\s\S]*转人工/);
    const answered = turn(second.state, '低保怎么申请');
    expect(answered.state).toMatchObject({ misses: 0 });
  });

  it('starts over after the idle time', () => {
    const asked = turn(INITIAL_STATE, '低保');
    const later = engine.turn(asked.state, message('2'), { now: at, lastActivityAt: new Date(at.getTime() - 31 * 60_000) });
    expect(later.state).toMatchObject({ mode: 'bot' });
    expect(later.replies.map((r) => r.text).join('\n')).not.toMatch(/最低生活保障标准/);
    expect(later.decision).not.toMatchObject({ via: 'clarify' });
  });

  it('welcomes on subscribe, stays silent on other events, and is polite about voice and images', () => {
    expect(
      engine.turn(INITIAL_STATE, message('', { kind: 'event', event: 'subscribe' }), { now: at, lastActivityAt: null }).replies[0].text,
    ).toMatch(/欢迎/);
    expect(
      engine.turn(INITIAL_STATE, message('', { kind: 'event', event: 'unsubscribe' }), { now: at, lastActivityAt: null }).replies,
    ).toEqual([]);
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'voice' }), { now: at, lastActivityAt: null }).replies[0].text).toMatch(/语音/);
    expect(engine.turn(INITIAL_STATE, message('', { kind: 'image' }), { now: at, lastActivityAt: null }).replies[0].text).toMatch(/文字/);
  });

  it("keeps long answers within WeChat's byte limit", () => {
    const long = { ...entries['low-income-apply'], key: 'long-entry', answer: '很长的答复。'.repeat(500) };
    entries['long-entry'] = long;
    const e = createDialogueEngine(understandingFor({ 长: { decision: 'answer', entry: 'long-entry', score: 0.9 } }), {
      idleMinutes: 30,
      forms,
      vocabulary,
    });
    const text = e.turn(INITIAL_STATE, message('长'), { now: at, lastActivityAt: null }).replies[0].text;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    expect(text).toMatch(/内容较长/);
    expect(text).toMatch(/来源：/);
  });

  describe('system intents', () => {
    it('answers a greeting with its template and keeps the state', () => {
      const t = turn(INITIAL_STATE, '你好');
      expect(t.replies.map((r) => r.text)).toEqual(['intent:greeting']);
      expect(t.decision).toEqual({ decision: 'intent', intent: 'greeting' });
    });

    it('stores feedback on the entry just answered, and ignores feedback with nothing to rate', () => {
      const answered = turn(INITIAL_STATE, '低保怎么申请');
      expect(turn(answered.state, '没用').effects).toEqual([{ type: 'store-feedback', entry: 'low-income-apply', helpful: false }]);
      expect(turn(answered.state, '有用').effects).toEqual([{ type: 'store-feedback', entry: 'low-income-apply', helpful: true }]);
      expect(turn(INITIAL_STATE, '有用').effects).toEqual([
        { type: 'record-unanswered', text: '有用', terms: ['有用'] },
        expect.objectContaining({ type: 'record-question', text: '有用' }),
      ]);
    });

    it('asks for an operator in service hours, and outside them also starts a ticket', () => {
      expect(turn(INITIAL_STATE, '转人工').effects).toEqual([{ type: 'request-operator', reason: '转人工' }]);
      const closed = createDialogueEngine(understandingFor({}, false), { idleMinutes: 30, forms, vocabulary });
      const t = closed.turn(INITIAL_STATE, message('转人工'), { now: at, lastActivityAt: at });
      expect(t.effects).toEqual([{ type: 'request-operator', reason: '转人工' }]);
      expect(t.state).toMatchObject({ mode: 'intake', form: 'ticket' });
    });

    it('asks for the status of a case with the captured number', () => {
      expect(turn(INITIAL_STATE, '查询工单 RX1').effects).toEqual([{ type: 'case-status', kind: 'ticket', number: 'RX1' }]);
    });

    it('answers an emergency at once, even in a form or while an operator holds the thread', () => {
      const inForm = turn(INITIAL_STATE, '我要投诉');
      for (const state of [INITIAL_STATE, inForm.state, { mode: 'human', operator: '王' } as DialogueState]) {
        const t = turn(state, '着火了');
        expect(t.replies.map((r) => r.text)).toEqual(['intent:emergency']);
        expect(t.effects).toEqual([]);
        expect(t.state).toEqual(state);
      }
    });
  });

  describe('menu clicks', () => {
    const click = (key: string) =>
      engine.turn(INITIAL_STATE, message('', { kind: 'event', event: 'click', eventKey: key }), { now: at, lastActivityAt: null });
    it('answers an entry key with the entry, an intent name with the intent, anything else with the menu', () => {
      expect(click('low-income-apply').replies[0].text).toMatch(/^【最低生活保障申请】/);
      // No question to record: the answer is counted on its own.
      expect(click('low-income-apply').effects).toEqual([{ type: 'record-answer', entry: 'low-income-apply' }]);
      expect(click('greeting').replies.map((r) => r.text)).toEqual(['intent:greeting']);
      expect(click('  ').replies[0].text).toMatch(/我可以为您做这些/);
      expect(click('no-such-thing').decision).toEqual({ decision: 'menu' });
    });
  });

  describe('ticket ratings', () => {
    it('passes a rating to the ticket in bot mode, but not a digit meant for a "which one" question', () => {
      expect(turn(INITIAL_STATE, '满意').effects).toEqual([{ type: 'rate-ticket', rating: 'satisfied' }]);
      const asked = turn(INITIAL_STATE, '低保');
      expect(turn(asked.state, '3').effects.some((e) => e.type === 'rate-ticket')).toBe(false);
    });
  });

  describe('operator hand-off', () => {
    it('stays silent while an operator holds the thread, whatever the citizen writes', () => {
      const held: DialogueState = { mode: 'human', operator: '王' };
      for (const text of ['低保怎么申请', '你好', '没用']) {
        const t = turn(held, text);
        expect(t.replies).toEqual([]);
        expect(t.effects).toEqual([]);
        expect(t.state).toEqual(held);
      }
    });

    it('does not expire a held thread on idle time', () => {
      const held: DialogueState = { mode: 'human', operator: '王' };
      const later = engine.turn(held, message('还在吗'), { now: at, lastActivityAt: new Date(at.getTime() - 120 * 60_000) });
      expect(later.state).toEqual(held);
    });
  });

  describe('intake forms', () => {
    it('walks the steps, validates each answer, and submits only on confirmation', () => {
      const started = turn(INITIAL_STATE, '我要投诉');
      expect(started.replies.map((r) => r.text)).toEqual([expect.stringMatching(/热线工单/), '请描述情况']);
      const described = turn(started.state, '楼下噪音');
      expect(described.replies.map((r) => r.text)).toEqual(['请留下电话']);
      const wrong = turn(described.state, '12345');
      expect(wrong.replies.map((r) => r.text)).toEqual(['手机号码格式不对', '请留下电话']);
      expect(wrong.state).toEqual(described.state);
      const summary = turn(described.state, '13800138000');
      expect(summary.replies[0].text).toMatch(/1\. 事项：楼下噪音\n2\. 电话：138\*\*\*\*[\s\S]*回复"确认"提交/);
      expect(summary.effects).toEqual([]);
      const confirmed = turn(summary.state, '确认');
      expect(confirmed.effects).toEqual([{ type: 'submit-form', form: 'ticket', draft: { what: '楼下噪音', phone: '13800138000' } }]);
      expect(confirmed.state).toEqual(INITIAL_STATE);
    });

    it('skips steps that do not apply to the draft', () => {
      const t = turn(turn(INITIAL_STATE, '我要投诉').state, '匿名举报楼下噪音');
      expect(t.state).toMatchObject({ mode: 'intake', confirming: true });
      expect(turn(t.state, '返回').replies.map((r) => r.text)).toEqual(['请描述情况']);
    });

    it('goes back a step with 返回 and abandons with 取消', () => {
      const described = turn(turn(INITIAL_STATE, '我要投诉').state, '楼下噪音');
      const back = turn(described.state, '返回');
      expect(back.replies.map((r) => r.text)).toEqual(['请描述情况']);
      const summary = turn(turn(back.state, '楼上噪音').state, '13800138000');
      expect(turn(summary.state, '返回').replies.map((r) => r.text)).toEqual(['请留下电话']);
      const cancelled = turn(summary.state, '取消');
      expect(cancelled.state).toEqual(INITIAL_STATE);
      expect(cancelled.effects).toEqual([]);
      expect(cancelled.replies[0].text).toMatch(/已取消「热线工单」/);
    });

    it('moves a complaint filed as a disclosure request over to a ticket', () => {
      const disclosure = engine.turn(
        { mode: 'intake', form: 'disclosure', step: 0, draft: {}, confirming: false },
        message('我要投诉邻居'),
        { now: at, lastActivityAt: at },
      );
      expect(disclosure.replies[0].text).toBe('这属于投诉，不是信息公开申请');
      expect(disclosure.state).toMatchObject({ mode: 'intake', form: 'ticket' });
    });

    it('answers already-published information from the knowledge base during a disclosure request', () => {
      const e = createDialogueEngine(understandingFor({ 低保怎么申请: { decision: 'answer', entry: 'low-income-apply', score: 0.9 } }), {
        idleMinutes: 30,
        forms,
        vocabulary,
      });
      const t = e.turn({ mode: 'intake', form: 'disclosure', step: 0, draft: {}, confirming: false }, message('低保怎么申请'), {
        now: at,
        lastActivityAt: at,
      });
      expect(t.replies.map((r) => r.text)).toEqual([
        expect.stringMatching(/^【最低生活保障申请】/),
        expect.stringMatching(/已经公开/),
        expect.stringMatching(/请核对/),
      ]);
    });
  });
});
