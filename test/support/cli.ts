import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';

/**
 * Runs `wenzheng ...args` in this process with extra environment variables (logs silent unless
 * told otherwise) and, if given, standard input; returns the exit code and what it printed.
 */
export async function runCli(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  const savedEnv = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const realStdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (options.stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([options.stdin]), configurable: true });
  Object.assign(process.env, { WENZHENG_LOG_LEVEL: 'silent' }, options.env);
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = savedEnv;
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    if (options.stdin !== undefined && realStdin) Object.defineProperty(process, 'stdin', realStdin);
  }
}
