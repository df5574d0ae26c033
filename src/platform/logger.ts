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

/** Lines gathered before a write (about twenty access lines), and the longest a line waits for more. */
export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 250;

/**
 * Written asynchronously and in batches: under load each write carries about twenty lines instead of one
 * (a write per request was a twentieth of a webhook request's CPU), and a line logged alone goes out within
 * LOG_FLUSH_MS. pino writes what is left when the process exits, also after an uncaught exception.
 */
export function batchedDestination(dest: number | string): pino.DestinationStream {
  return pino.destination({ dest, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
}

/** Standard output by default (batchedDestination). */
export function createLogger(level: string, destination: pino.DestinationStream = batchedDestination(1)): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'wenzheng' } }, destination);
}

/** Commands whose output is their standard output (`ask --json`, `kb export`) log to standard error, which keeps that output parseable. */
export function createCommandLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 2, sync: true }));
}
