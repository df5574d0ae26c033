import { loadIntents } from '../../src/understanding/intents/load';
import { patternLists } from '../../src/understanding/intents/recognize';
import * as necessaryModule from '../../src/understanding/intents/necessary';
import { createTestApp, type TestApp } from '../support/testApp';

describe('the intents’ gates, prepared once the server is ready', () => {
  let app: TestApp;
  const derive = jest.spyOn(necessaryModule, 'gateFor');
  beforeAll(async () => {
    app = await createTestApp();
    await app.warmedUp();
  });
  afterAll(async () => {
    derive.mockRestore();
    await app.close();
  });

  it('are every one worked out by the warm-up after the start, each once', () => {
    const intents = loadIntents(app.config.intentsDir);
    const lists = intents.flatMap(patternLists).map(({ patterns }) => patterns);
    expect(derive).toHaveBeenCalledTimes(lists.length);
    expect(derive.mock.calls.map(([patterns]) => patterns.map(String))).toEqual(
      expect.arrayContaining(lists.map((patterns) => patterns.map(String))),
    );
  });

  it('so that no message, an intent or a question, works one out', () => {
    derive.mockClear();
    const intents = loadIntents(app.config.intentsDir);
    const texts = [...intents.flatMap((intent) => intent.examples), '低保怎么申请', '公积金提取需要什么材料'];
    for (const text of texts) app.replyTo(text, app.clock.now);
    expect(derive).not.toHaveBeenCalled();
  });
});
