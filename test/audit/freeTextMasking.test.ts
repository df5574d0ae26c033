import { UnansweredQuestion } from '../../entities';
import { unansweredQuestions } from '../../src/knowledge/repository';
import { openStream } from '../handoff/support';
import { webCitizen } from '../support/conversation';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * Numbers as citizens type them (international prefix, grouped, full-width, run into letters) are
 * masked wherever staff read free text: the transcript, the queue's last question, the live
 * stream and the knowledge gaps (API, dashboard, and what `kb gaps` reads).
 */
const TYPED = [
  '+8613912345678',
  '139 1234 5678',
  '１３９１２３４５６７８',
  '138-1234-5678',
  '1101 0519 8503 1512 30',
  'ID110105198503151230',
];
const WHOLE = [/13912345678/, /13812345678/, /110105198503151230/, /1\s*3\s*9\s*1\s*2\s*3\s*4/, /１３９/, /1101 0519/];

function expectMasked(value: unknown) {
  const text = JSON.stringify(value);
  for (const whole of WHOLE) expect(text).not.toMatch(whole);
}

describe('masking personal numbers in free text, however typed', () => {
  let app: TestApp;
  let operator: string;
  let interpreter: string;
  beforeAll(async () => {
    app = await createTestApp();
    operator = await addStaff(app, 'op-mask', ['operator']);
    interpreter = await addStaff(app, 'kb-mask', ['interpreter']);
  });
  afterAll(() => app.close());

  it('in the queue, the transcript and the live stream', async () => {
    const citizen = webCitizen(app);
    const stream = await openStream(app, operator);
    try {
      await stream.next((e) => e.event === 'ready');
      await citizen.say(`公交卡充值失败，我的号码${TYPED[0]}`);
      await citizen.say('人工客服');
      const [thread] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(operator)).expect(200)).body.threads;
      expect(thread.lastQuestion).toBe('公交卡充值失败，我的号码139****5678');
      await api(app).post(`/api/v1/threads/${thread.id}/claim`).set(bearer(operator)).expect(200);
      for (const typed of TYPED.slice(1)) await citizen.say(`号码是${typed}`);
      await app.threadHub.poll();
      const live = await stream.next((e) => e.event === 'message' && String(e.data.text).startsWith('号码是ID'));
      expect(live.data.text).toBe('号码是ID1101**********1230');
      const transcript = await api(app).get(`/api/v1/threads/${thread.id}/messages`).set(bearer(operator)).expect(200);
      const said = transcript.body.messages.filter((m: { author: string }) => m.author === 'citizen').map((m: { text: string }) => m.text);
      expect(said).toEqual(
        expect.arrayContaining(['号码是139****5678', '号码是138****5678', '号码是1101**********1230', '号码是ID1101**********1230']),
      );
      expectMasked(transcript.body);
      expectMasked(stream.events);
    } finally {
      await stream.close();
    }
  });

  it('in the knowledge gaps: stored masked, and masked in the API and the dashboard', async () => {
    await app.db.transaction(async (tx) => {
      for (const typed of TYPED)
        await unansweredQuestions.record(tx, {
          text: `共享单车堆成山 ${typed}`,
          terms: [typed],
          channel: 'webchat',
          conversationId: 'c',
          askedAt: app.clock.now,
        });
    });
    const stored = await app.db.dataSource.getRepository(UnansweredQuestion).find();
    // The first test's unanswered question is there too.
    expect(stored.filter((row) => row.conversationId === 'c')).toHaveLength(TYPED.length);
    expectMasked(stored);
    // Rows kept before masking are masked when read.
    await app.db.dataSource
      .getRepository(UnansweredQuestion)
      .insert({ text: '共享单车堆成山 13912345678', terms: [] as never, channel: 'webchat', conversationId: 'c', askedAt: app.clock.now });
    const gaps = await api(app).get('/api/v1/kb/gaps').set(bearer(interpreter)).expect(200);
    expect(JSON.stringify(gaps.body)).toContain('139****5678');
    expectMasked(gaps.body);
    const dashboard = await api(app).get('/api/v1/dashboard/knowledge?top=50').set(bearer(interpreter)).expect(200);
    expect(JSON.stringify(dashboard.body)).toContain('****');
    expectMasked(dashboard.body);
  });
});
