import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

/** The commands that load the dictionaries and the knowledge base (seconds) say so on standard error at a terminal. */
describe.each([
  ['ask', () => ['ask', '低保怎么申请']],
  ['kb import', () => ['kb', 'import', '--dry-run', join(__dirname, '..', '..', 'seeds', 'knowledge', 'civil-affairs.yaml')]],
  ['kb export', () => ['kb', 'export', join(mkdtempSync(join(tmpdir(), 'wenzheng-export-')), 'kb.yaml')]],
])('wenzheng %s', (_name, argv) => {
  const saved = { ...process.env };
  const stderrIsTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  beforeEach(() => {
    process.env.WENZHENG_DB = 'sqlite::memory:';
    process.env.WENZHENG_LOG_LEVEL = 'silent';
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
    delete (process.stderr as { isTTY?: boolean }).isTTY;
    if (stderrIsTTY) Object.defineProperty(process.stderr, 'isTTY', stderrIsTTY);
  });

  const run = async (isTTY: boolean) => {
    const written: string[] = [];
    Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => written.push(String(text)) > 0);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const args = argv();
    const code = await main(args);
    return { code, written, args };
  };

  it('tells a person at a terminal, on standard error, that it is loading and when it is ready', async () => {
    const { code, written, args } = await run(true);
    expect(code).toBe(0);
    expect(written.slice(0, 2)).toEqual(['wenzheng: 正在加载词典和知识库…\n', expect.stringMatching(/^wenzheng: 已就绪（\d+\.\d 秒）\n$/)]);
    if (args[1] === 'export') expect(readFileSync(args[2], 'utf8')).toContain('entries:');
  });

  it('says nothing of it in a script or a pipe', async () => {
    const { code, written } = await run(false);
    expect(code).toBe(0);
    expect(written.filter((text) => text.startsWith('wenzheng: 正在') || text.startsWith('wenzheng: 已就绪'))).toEqual([]);
  });
});
