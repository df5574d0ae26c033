import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

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

/** Parses YAML (a superset of JSON) text and validates it; errors name the file and the field. */
export function parseDataText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new DataFileError([`${file}: (root): not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new DataFileError(describeIssues(file, result.error));
  return result.data;
}

export function loadDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError([`${file}: (root): cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  return parseDataText(file, text, schema);
}
