/**
 * The server cannot start for a reason an operator can fix (port taken, database unreachable): the CLI
 * prints the message as one line and exits non-zero. Messages name variables, never secrets.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
