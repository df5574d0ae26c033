import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong command line: printed with the command's usage line and exit code 2. */
export class UsageError extends Error {}

/** An --agency that is not in config/agencies.yaml: the message lists the codes there are. */
export function unknownAgency(given: string, agencies: readonly { code: string }[]): UsageError {
  return new UsageError(
    `--agency "${given}" is not an agency code in config/agencies.yaml; the codes are: ${agencies.map((a) => a.code).join(', ')}`,
  );
}

/**
 * The help's line for the command on the command line (`kb import`, else `kb`), without its
 * description: what a usage error prints instead of the whole help.
 */
export function usageLine(help: string, argv: readonly string[]): string {
  const lines = help
    .split('\n')
    .filter((l) => /^ {2}\S/.test(l))
    .map((l) => l.trim().split(/\s{2,}/)[0]!);
  const [name, sub] = argv;
  // "staff disable|enable --name NAME" is the line of both subcommands.
  const names = (l: string) => l.split(' ', 2)[1]?.split('|') ?? [];
  const found =
    (sub && lines.find((l) => l.startsWith(`${name} `) && names(l).includes(sub))) ||
    lines.find((l) => l === name || l.startsWith(`${name} `));
  return `usage: wenzheng ${found ?? '<command> [options]'}   (wenzheng --help lists every command)`;
}

/**
 * parseArgs, with a value that starts with a minus ("--within -1") taken as the option's value, so
 * that the command refuses it in its own words (the range it takes) instead of Node's "argument is
 * ambiguous", which reads as if the value were missing.
 */
export function parseCommandLine<T extends ParseArgsConfig & { args: string[] }>(config: T): ReturnType<typeof parseArgs<T>> {
  const args: string[] = [];
  for (let i = 0; i < config.args.length; i++) {
    const arg = config.args[i]!;
    const next = config.args[i + 1];
    const takesValue = arg.startsWith('--') && config.options?.[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return parseArgs({ ...config, args });
}
