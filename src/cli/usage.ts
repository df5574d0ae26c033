/** A wrong command line: printed with the help and exit code 2. */
export class UsageError extends Error {}
