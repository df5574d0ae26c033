import { KnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { createTestApp } from '../support/testApp';

describe('the knowledge index of a starting instance', () => {
  it('is the one an earlier start kept for the same knowledge base, read back instead of built', async () => {
    const earlier = await createTestApp();
    const asked = earlier.understand('低保怎么申请', earlier.clock.now);
    await earlier.close();

    const build = jest.spyOn(KnowledgeIndex, 'build');
    try {
      const app = await createTestApp();
      try {
        expect(build).not.toHaveBeenCalled();
        expect(app.knowledge.loaded).toBe(true);
        expect(app.understand('低保怎么申请', app.clock.now)).toEqual(asked);
      } finally {
        await app.close();
      }
    } finally {
      build.mockRestore();
    }
  });
});
