import pino, { type Logger } from 'pino';

/** Paths that may carry secrets or personal data; their values never reach the log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'text',
  '*.text',
  // A failed query's values (TypeORM's QueryFailedError) and the statement with them filled in
  // (mysql2's `sql`): a message's text, a name, a phone number. The query with its placeholders stays.
  'parameters',
  '*.parameters',
  '*.driverError.parameters',
  'sql',
  '*.sql',
  '*.driverError.sql',
];

/**
 * Standard output by default, written asynchronously: lines logged while a write is under way go
 * out together in the next one, instead of a blocking write per request under load. pino flushes
 * what is left when the process exits.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'wenzheng' } }, destination);
}

/** Commands whose output is their standard output (`ask --json`, `kb export`) log to standard error, which keeps that output parseable. */
export function createCommandLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 2, sync: true }));
}
