import { createApp } from '../../src/app';
import { withCliApp } from '../../src/cli/cliApp';

describe('a command that loads the knowledge base', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.WENZHENG_DB = 'sqlite::memory:';
    process.env.WENZHENG_LOG_LEVEL = 'silent';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const run = async (isTTY: boolean) => {
    const written: string[] = [];
    const code = await withCliApp(createApp, 'start', async () => 0, { isTTY, write: (text: string) => written.push(text) });
    return { code, written };
  };

  it('tells a person at a terminal that it is loading, and when it is ready', async () => {
    const { code, written } = await run(true);
    expect(code).toBe(0);
    expect(written).toEqual(['wenzheng: 正在加载词典和知识库…\n', expect.stringMatching(/^wenzheng: 已就绪（\d+\.\d 秒）\n$/)]);
  });

  it('writes nothing when standard error is not a terminal (a script or a pipe)', async () => {
    expect(await run(false)).toEqual({ code: 0, written: [] });
  });
});
