import { In } from 'typeorm';
import { parse as parseYaml } from 'yaml';
import { AskedQuestion, AuditEvent, LabelledQuestion } from '../../entities';
import { webCitizen } from '../console/support';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';

/** A citizen on the web chat: each call sends one message and returns the bot's replies. */
function citizen(app: TestApp) {
  const chat = webCitizen(app);
  return (text: string) => chat.say(text);
}

const DECLINED = /暂时没有找到|还是没能找到/;

/** Migrating and seeding a fresh MariaDB database takes a while on a busy machine. */
const STARTUP_MS = 120_000;

interface Item {
  key: string;
  count: number;
  texts: { text: string; count: number }[];
  reasons: Record<string, number>;
  bot: { decision: string; entry: string | null; score: number; candidates: { entry: string; score: number }[] };
  questionIds: number[];
}

describe('the interpreters’ learning loop', () => {
  let app: TestApp;
  let token: string;
  const auth = () => bearer(token);
  const queue = async (): Promise<Item[]> => (await api(app).get('/api/v1/kb/review').set(auth()).expect(200)).body.items;
  const itemWith = async (text: string) => {
    const found = (await queue()).find((item) => item.texts.some((t) => t.text === text));
    if (!found) throw new Error(`no review item with “${text}”`);
    return found;
  };
  const label = (body: Record<string, unknown>) => api(app).post('/api/v1/kb/review/label').set(auth()).send(body);

  beforeAll(async () => {
    app = await createTestApp();
    token = await addStaff(app, 'wang-interpreter', ['interpreter']);
  }, STARTUP_MS);
  afterAll(() => app.close());

  it('queues what the bot did not understand or probably got wrong, grouped, with what it did and why', async () => {
    await citizen(app)('老了每月领钱的事');
    await citizen(app)('老了每月领钱的事！');
    const clarified = citizen(app);
    expect(await clarified('办执照')).toMatch(/您想了解的是哪一项/);
    const unhelpful = citizen(app);
    await unhelpful('公积金怎么提取');
    await unhelpful('没用');
    const rephrasing = citizen(app);
    await rephrasing('分户需要带什么');
    await rephrasing('分户带啥材料');
    await citizen(app)('公积金怎么提取');

    const items = await queue();
    const pension = await itemWith('老了每月领钱的事');
    expect(pension).toMatchObject({ count: 2, reasons: { unanswered: 2 }, bot: { decision: 'fallback', entry: null } });
    expect(pension.texts.map((t) => t.text).sort()).toEqual(['老了每月领钱的事', '老了每月领钱的事！']);
    const licence = await itemWith('办执照');
    expect(licence.reasons).toEqual({ 'unresolved-clarify': 1 });
    expect(licence.bot.decision).toBe('clarify');
    expect(licence.bot.candidates.map((c) => c.entry)).toEqual(['individual-business-licence', 'company-registration']);
    expect(licence.bot.candidates.every((c) => c.score > 0.3)).toBe(true);
    // The unhelpful answer is queued; the same question answered without complaint adds to the count only.
    const fund = await itemWith('公积金怎么提取');
    expect(fund.reasons).toEqual({ 'not-helpful': 1 });
    expect(fund.bot).toMatchObject({ decision: 'answer', entry: 'housing-fund-withdrawal', score: 1 });
    expect((await itemWith('分户需要带什么')).reasons).toEqual({ rephrased: 1 });
    expect(items.map((item) => item.count)).toEqual([...items.map((item) => item.count)].sort((a, b) => b - a));
  });

  it('queues an answer that led the runner-up by less than twice WENZHENG_MATCH_MIN_MARGIN (0.06), with the scores', async () => {
    const answered = (text: string, scores: [number, number]) => ({
      conversationId: `margin-${text}`,
      channel: 'webchat',
      text,
      terms: [text],
      decision: 'answer',
      via: null,
      entryKey: 'housing-fund-withdrawal',
      section: null,
      match: {
        score: scores[0],
        candidates: [
          { entry: 'housing-fund-withdrawal', score: scores[0] },
          { entry: 'housing-fund-loan', score: scores[1] },
        ],
      },
      askedAt: app.clock.now,
    });
    await app.db.dataSource
      .getRepository(AskedQuestion)
      .insert([answered('公积金取钱咋弄', [0.5, 0.39]), answered('公积金取出来', [0.5, 0.37])]);
    const close = await itemWith('公积金取钱咋弄');
    expect(close.reasons).toEqual({ 'small-margin': 1 });
    expect(close.bot.candidates).toEqual([
      { entry: 'housing-fund-withdrawal', score: 0.5 },
      { entry: 'housing-fund-loan', score: 0.39 },
    ]);
    expect((await queue()).some((i) => i.texts.some((t) => t.text === '公积金取出来'))).toBe(false);
  });

  it('queues the question before a hand-off in which an operator answered, not one nobody answered', async () => {
    const operator = await addStaff(app, 'op-li', ['operator']);
    const answeredByOperator = webCitizen(app);
    expect(await answeredByOperator.say('暖气不热了怎么报修')).toMatch(/供暖|暖气/);
    await answeredByOperator.say('转人工');
    const unanswered = webCitizen(app);
    await unanswered.say('低保咋申请');
    await unanswered.say('转人工');
    const { body } = await api(app).get('/api/v1/threads?status=waiting').set(bearer(operator)).expect(200);
    const thread = body.threads.find((t: { lastQuestion: string }) => t.lastQuestion === '暖气不热了怎么报修');
    await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(operator)).expect(200);
    await api(app)
      .post(`/api/v1/threads/${thread.id}/messages`)
      .set(bearer(operator))
      .send({ text: '您好，暖气不热请告诉我小区名称，我帮您联系供热公司。', id: 'heating-1' })
      .expect(201);
    const item = await itemWith('暖气不热了怎么报修');
    expect(item.reasons).toEqual({ 'operator-answered': 1 });
    expect(item.bot).toMatchObject({ decision: 'answer', entry: 'heating-repair' });
    expect((await queue()).some((i) => i.texts.some((t) => t.text === '低保咋申请'))).toBe(false);
  });

  it('masks personal data in the queue as in transcripts: ID and phone numbers, names', async () => {
    await citizen(app)('身份证号110101199003074514的老人领钱的事');
    await citizen(app)('我叫张三丰，电话13912345678，老人领钱的事找谁');
    const res = await api(app).get('/api/v1/kb/review').set(auth()).expect(200);
    const shown = JSON.stringify(res.body);
    for (const whole of ['110101199003074514', '13912345678', '张三丰', '三丰']) expect(shown).not.toContain(whole);
    expect(shown).toContain('1101**********4514');
    expect(res.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ texts: [{ text: '我叫张**，电话139****5678，老人领钱的事找谁', count: 1 }] })]),
    );
  });

  it('“belongs to entry X”: the question becomes a labelled example, audited, and the bot answers it with X next time', async () => {
    const say = citizen(app);
    expect(await say('老了每月领钱的事')).toMatch(DECLINED);
    const item = await itemWith('老了每月领钱的事');
    const res = await label({ questionIds: item.questionIds, action: 'assign', entry: 'resident-pension-insurance' }).expect(200);
    // One label per normalized text: the two spellings are one question.
    expect(res.body.labelled.map((l: { text: string; outcome: string }) => [l.text, l.outcome])).toEqual([['老了每月领钱的事', 'created']]);
    expect(await citizen(app)('老了每月领钱的事')).toMatch(/城乡居民基本养老保险/);
    expect(await citizen(app)('老了，每月领钱的事？')).toMatch(/城乡居民基本养老保险/);
    expect((await queue()).some((i) => i.texts.some((t) => t.text.startsWith('老了每月领钱')))).toBe(false);
    const events = await app.db.dataSource.getRepository(AuditEvent).find({ where: { action: 'kb.label.create' } });
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'wang-interpreter',
          objectType: 'labelled_question',
          details: expect.objectContaining({
            text: '老了每月领钱的事',
            after: { entry: 'resident-pension-insurance', section: null, verdict: 'assigned' },
          }),
        }),
      ]),
    );
  });

  it('keeps no citizen identity in a label and masks personal data before it becomes one', async () => {
    const withId = await itemWith('身份证号1101**********4514的老人领钱的事');
    await label({ questionIds: withId.questionIds, action: 'assign', entry: 'resident-pension-insurance' }).expect(200);
    const withNameAndPhone = await itemWith('我叫张**，电话139****5678，老人领钱的事找谁');
    await label({ questionIds: withNameAndPhone.questionIds, action: 'out-of-scope' }).expect(200);
    const rows = await app.db.dataSource.getRepository(LabelledQuestion).find();
    expect(rows.map((r) => r.text)).toEqual(
      expect.arrayContaining(['身份证号1101**********4514的老人领钱的事', '我叫张**，电话139****5678，老人领钱的事找谁']),
    );
    const stored = JSON.stringify(rows);
    for (const whole of ['110101199003074514', '13912345678', '张三丰']) expect(stored).not.toContain(whole);
    // Nothing that leads back to the citizen: not the conversation, the chat token or the channel's user.
    const asked = await app.db.dataSource
      .getRepository(AskedQuestion)
      .findBy({ id: In([...withId.questionIds, ...withNameAndPhone.questionIds]) });
    for (const question of asked) expect(stored).not.toContain(question.conversationId);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['askedAt', 'entryKey', 'id', 'labelledAt', 'labelledBy', 'section', 'text', 'textKey', 'verdict', 'version'].sort(),
    );
    for (const text of ['身份证号1101**********4514的老人领钱的事', '我叫张**，电话139****5678，老人领钱的事找谁'])
      expect((await queue()).some((i) => i.texts.some((t) => t.text === text))).toBe(false);
  });

  it('refuses a label naming no entry or a section the entry lacks', async () => {
    const item = await itemWith('办执照');
    expect((await label({ questionIds: item.questionIds, action: 'assign', entry: 'no-such-entry' }).expect(422)).body.error.field).toBe(
      'entry',
    );
    expect(
      (
        await label({
          questionIds: item.questionIds,
          action: 'assign',
          entry: 'company-registration',
          section: 'criteria',
        }).expect(422)
      ).body.error.field,
    ).toBe('section');
    expect((await label({ questionIds: item.questionIds, action: 'assign' }).expect(400)).body.error.field).toBe('entry');
    expect((await label({ questionIds: [99999999], action: 'out-of-scope' }).expect(404)).body.error.field).toBe('questionIds');
  });

  it('“out of scope”: the bot declines the question and near-identical ones, and still answers the entry’s own questions', async () => {
    const say = citizen(app);
    expect(await say('分户需要带什么')).toMatch(/公租房/);
    const item = await itemWith('分户需要带什么');
    await label({ questionIds: item.questionIds, action: 'out-of-scope' }).expect(200);
    expect(await citizen(app)('分户需要带什么')).toMatch(DECLINED);
    expect(await citizen(app)('分户需要带什么？？')).toMatch(DECLINED);
    expect(await citizen(app)('公租房申请需要什么材料')).toMatch(/公租房/);
    expect((await app.db.dataSource.getRepository(LabelledQuestion).findOneByOrFail({ text: '分户需要带什么' })).entryKey).toBeNull();
  });

  it('“the answer was right”: labelled positive for the entry the bot answered, out of the queue', async () => {
    const item = await itemWith('公积金怎么提取');
    await label({ questionIds: item.questionIds, action: 'confirm' }).expect(200);
    expect(await app.db.dataSource.getRepository(LabelledQuestion).findOneByOrFail({ text: '公积金怎么提取' })).toMatchObject({
      entryKey: 'housing-fund-withdrawal',
      verdict: 'confirmed',
      version: 1,
    });
    expect((await queue()).some((i) => i.texts.some((t) => t.text === '公积金怎么提取'))).toBe(false);
  });

  it('labelling a question again makes a new version, audited with what it was', async () => {
    const licence = await itemWith('办执照');
    await label({ questionIds: licence.questionIds, action: 'assign', entry: 'company-registration' }).expect(200);
    const asked = await app.db.dataSource.getRepository(AskedQuestion).findOneByOrFail({ id: licence.questionIds[0] });
    await label({ questionIds: [asked.id], action: 'assign', entry: 'individual-business-licence' }).expect(200);
    expect(await app.db.dataSource.getRepository(LabelledQuestion).findOneByOrFail({ text: '办执照' })).toMatchObject({
      entryKey: 'individual-business-licence',
      version: 2,
    });
    const [update] = await app.db.dataSource.getRepository(AuditEvent).find({ where: { action: 'kb.label.update' } });
    expect(update.details).toMatchObject({
      version: 2,
      before: { entry: 'company-registration' },
      after: { entry: 'individual-business-licence' },
    });
    expect(await citizen(app)('办执照')).toMatch(/个体工商户营业执照办理/);
  });

  it('before publishing, lists the labelled questions a draft edit would break, and refuses it without confirmation', async () => {
    const { body: detail } = await api(app).get('/api/v1/kb/entries/housing-fund-withdrawal').set(auth()).expect(200);
    // The draft ends the entry's validity: the bot would stop answering it.
    const draft = { ...detail.entry, validFrom: undefined, validUntil: '2026-01-31' };
    const impact = await api(app).post('/api/v1/kb/entries/housing-fund-withdrawal/impact').set(auth()).send(draft).expect(200);
    expect(impact.body).toMatchObject({ worse: 1, better: 0 });
    expect(impact.body.items).toEqual([
      expect.objectContaining({
        text: '公积金怎么提取',
        impact: 'worse',
        expected: { entry: 'housing-fund-withdrawal', section: null },
        before: expect.objectContaining({ decision: 'answer', entry: 'housing-fund-withdrawal' }),
        after: expect.objectContaining({ entry: null }),
      }),
    ]);
    // A change to a published entry waits as its draft: the check runs when it is published.
    const put = (entry: object) => api(app).put('/api/v1/kb/entries/housing-fund-withdrawal').set(auth()).send(entry).expect(200);
    const publish = (query = '') => api(app).post(`/api/v1/kb/entries/housing-fund-withdrawal/publish${query}`).set(auth());
    expect((await put(draft)).body.outcome).toBe('drafted');
    const refused = await publish().expect(409);
    expect(refused.body.error).toMatchObject({ code: 'labelled_questions_worse', field: 'confirmWorse' });
    expect(refused.body.error.fields).toEqual([
      expect.objectContaining({ code: 'worse', message: expect.stringContaining('公积金怎么提取') }),
    ]);
    expect(await citizen(app)('公积金怎么提取')).toMatch(/^【住房公积金提取/);
    // A harmless edit goes through as before.
    await put({ ...detail.entry, answer: `${detail.entry.answer}（已核对）` });
    await publish().expect(200);
    await put({ ...draft, answer: `${detail.entry.answer}（已核对）` });
    await publish('?confirmWorse=true').expect(200);
    expect(await citizen(app)('公积金怎么提取')).not.toMatch(/^【住房公积金提取/);
  });

  it(
    'exports labelled questions with the entries, and imports them into another environment in the same format',
    async () => {
      const exported = await api(app).get('/api/v1/kb/export?format=yaml').set(auth()).expect(200);
      const file = parseYaml(exported.text);
      expect(file.labels).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ text: '老了每月领钱的事', entry: 'resident-pension-insurance', section: null, verdict: 'assigned' }),
          expect.objectContaining({ text: '分户需要带什么', entry: null, verdict: 'out-of-scope' }),
        ]),
      );
      const other = await createTestApp();
      try {
        const otherToken = await addStaff(other, 'zhao-interpreter', ['interpreter']);
        const bad = await api(other)
          .post('/api/v1/kb/import')
          .set(bearer(otherToken))
          .send({ entries: [], labels: [{ text: '问题', entry: 'no-such-entry' }] })
          .expect(422);
        expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['labels[0].entry']);
        const importYaml = (query = '') =>
          api(other).post(`/api/v1/kb/import${query}`).set(bearer(otherToken)).set('Content-Type', 'application/yaml').send(exported.text);
        // The file carries the edit that ended 公积金提取's validity: here, where it is still answered, that is worse.
        const refused = await importYaml().expect(409);
        expect(refused.body.error).toMatchObject({ code: 'labelled_questions_worse', field: 'confirmWorse' });
        expect(refused.body.error.fields).toEqual([expect.objectContaining({ message: expect.stringContaining('公积金怎么提取') })]);
        expect(await other.db.dataSource.getRepository(LabelledQuestion).count()).toBe(0);
        expect(await citizen(other)('公积金怎么提取')).toMatch(/^【住房公积金提取/);
        const imported = await importYaml('?confirmWorse=true').expect(200);
        expect(imported.body.labels).toEqual({ created: file.labels.length, updated: 0, unchanged: 0 });
        expect(await citizen(other)('老了每月领钱的事')).toMatch(/城乡居民基本养老保险/);
        expect(await citizen(other)('分户需要带什么')).toMatch(DECLINED);
        const again = await api(other)
          .post('/api/v1/kb/import')
          .set(bearer(otherToken))
          .set('Content-Type', 'application/yaml')
          .send(exported.text)
          .expect(200);
        expect(again.body.labels).toEqual({ created: 0, updated: 0, unchanged: file.labels.length });
        // The round trip keeps every label as it was (text, entry, section, verdict, when asked and labelled), in JSON too.
        const exportJson = async (target: TestApp, auth: Record<string, string>) =>
          (await api(target).get('/api/v1/kb/export').set(auth).expect(200)).body.labels;
        expect(await exportJson(other, bearer(otherToken))).toEqual(await exportJson(app, bearer(token)));
      } finally {
        await other.close();
      }
    },
    STARTUP_MS,
  );

  it('lists and removes labels (audited), and the bot forgets a removed one', async () => {
    const { body } = await api(app).get('/api/v1/kb/labels').set(auth()).expect(200);
    const outOfScope = body.labels.find((l: { text: string }) => l.text === '分户需要带什么');
    expect(outOfScope).toMatchObject({ entry: null, verdict: 'out-of-scope', labelledBy: 'wang-interpreter', version: 1 });
    await api(app).delete(`/api/v1/kb/labels/${outOfScope.id}`).set(auth()).expect(200);
    expect(await app.db.dataSource.getRepository(AuditEvent).count({ where: { action: 'kb.label.delete' } })).toBe(1);
    expect(await citizen(app)('分户需要带什么')).toMatch(/公租房/);
  });

  it('before publishing, lists a question the change would answer better: one labelled for a draft entry', async () => {
    const say = citizen(app);
    expect(await say('小区里的流浪猫谁来管')).toMatch(DECLINED);
    const stray = {
      key: 'stray-animals',
      kind: 'faq',
      title: '流浪动物管理',
      questions: ['流浪狗伤人怎么办'],
      answer: '小区内的流浪猫狗问题，请联系所在社区居委会。',
      status: 'draft',
    };
    await api(app).post('/api/v1/kb/entries').set(auth()).send(stray).expect(201);
    await label({ questionIds: (await itemWith('小区里的流浪猫谁来管')).questionIds, action: 'assign', entry: 'stray-animals' }).expect(
      200,
    );
    // A draft is not answered: the label waits for it.
    expect(await citizen(app)('小区里的流浪猫谁来管')).toMatch(DECLINED);
    const impact = await api(app)
      .post('/api/v1/kb/entries/stray-animals/impact')
      .set(auth())
      .send({ ...stray, status: 'published' })
      .expect(200);
    expect(impact.body).toMatchObject({ better: 1, worse: 0 });
    expect(impact.body.items).toEqual([
      expect.objectContaining({
        text: '小区里的流浪猫谁来管',
        impact: 'better',
        before: expect.objectContaining({ decision: 'fallback' }),
        after: expect.objectContaining({ decision: 'answer', entry: 'stray-animals' }),
      }),
    ]);
    await api(app).post('/api/v1/kb/entries/stray-animals/publish').set(auth()).expect(200);
    expect(await citizen(app)('小区里的流浪猫谁来管')).toMatch(/^【流浪动物管理】/);
  });

  it('refuses to create a published entry that takes a labelled question from its entry, unless confirmed', async () => {
    const lookalike = {
      key: 'pension-lookalike',
      kind: 'faq',
      title: '养老金领取咨询',
      questions: ['老了每月领钱的事'],
      answer: '请咨询社保经办机构。',
      status: 'published',
    };
    const create = (query = '') => api(app).post(`/api/v1/kb/entries${query}`).set(auth()).send(lookalike);
    const refused = await create().expect(409);
    expect(refused.body.error).toMatchObject({ code: 'labelled_questions_worse', field: 'confirmWorse' });
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ message: expect.stringContaining('老了每月领钱的事') })]);
    expect(await citizen(app)('老了每月领钱的事')).toMatch(/^【城乡居民基本养老保险/);
    await create('?confirmWorse=true').expect(201);
    expect(await citizen(app)('老了每月领钱的事')).not.toMatch(/^【城乡居民基本养老保险/);
    // Created as a draft, it changes nothing the bot says: no check.
    await api(app)
      .post('/api/v1/kb/entries')
      .set(auth())
      .send({ ...lookalike, key: 'pension-lookalike-draft', status: 'draft' })
      .expect(201);
  });
});
