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
