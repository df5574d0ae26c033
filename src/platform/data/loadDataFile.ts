import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { z } from 'zod';
import { contentKey, derivedValue } from './derivedFile';

/** A data file failed validation; `problems` are `file: path: reason` lines, one per invalid field. */
export class DataFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DataFileError';
  }
}

/** Formats a zod issue path the way people read it: entries[3].source.title */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${formatIssuePath(issue.path)}: ${issue.message}`);
}

const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;

/** The YAML library, required on first use: a start whose data files were all parsed before never loads it. */
export function yaml(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

/**
 * Parsing YAML was a sixth of every start (the lexicon, intents and configuration files): the value a
 * text parses to is kept in the user's cache folder (derivedFile.ts) under the hash of the text and the parser's version,
 * serialized by V8 (which keeps every value YAML gives). Only parsing is skipped: the value is validated
 * every time.
 */
export function parseYamlOnce(text: string): unknown {
  return derivedValue(`wenzheng-yaml-${contentKey(YAML_VERSION, text)}.v8`, () => yaml().parse(text), { write: serialize, read: deserialize });
}

/** Parses YAML (a superset of JSON) text and validates it; errors name the file and the field. */
export function parseDataText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = parseYamlOnce(text);
  } catch (err) {
    throw new DataFileError([`${file}: (root): not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new DataFileError(describeIssues(file, result.error));
  return result.data;
}

/** A data file's text; a file that cannot be read is a DataFileError naming it. */
export function readDataText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError([`${file}: (root): cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
}

export function loadDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return parseDataText(file, readDataText(file), schema);
}
