/**
 * Refusals of a field given with the wrong type, in Chinese: the citizens' forms and the staff APIs
 * alike (HTTP 400 with the field named; src/platform/http/errors.ts).
 */
import type { z } from 'zod';
import { DomainError, type FieldProblem } from './domainError';

/** What a value of the wrong type (a list for a text …) should have been. */
const EXPECTED_TYPES = {
  text: '应为一段文字，不能是列表、数字或对象',
  document: '应为证件类型（kind）和号码（number）',
  number: '应为数字',
  boolean: '应为true或false',
  list: '应为列表',
  object: '应为对象',
} as const;

export type ExpectedType = keyof typeof EXPECTED_TYPES;

/** A field given with the wrong type, named by `label` (the citizen form's and the officers' refusals alike). */
export const wrongType = (field: string, label: string, expected: ExpectedType): Required<FieldProblem> => ({
  field,
  code: `${field}.type`,
  message: `${label}${EXPECTED_TYPES[expected]}。`,
});

const EXPECTED_OF_ZOD: Readonly<Record<string, ExpectedType>> = {
  string: 'text',
  number: 'number',
  int: 'number',
  boolean: 'boolean',
  array: 'list',
  object: 'object',
};

/** A field as staff know it, with the API's name beside: 补正事项（items）. */
export const fieldLabel = (labels: Readonly<Record<string, string>>, field: string) => `${labels[field] ?? field}（${field}）`;

/**
 * The refusal of a staff API's body that fails its schema: a field of the wrong type (or missing) is
 * refused in Chinese, named from `labels`; other findings keep the schema's own words.
 */
export const bodyRefusal =
  (labels: Readonly<Record<string, string>>) =>
  (error: z.ZodError, body: unknown): Error => {
    const labelOf = (field: string) => fieldLabel(labels, field);
    const given = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const typeIssue = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && issue.path.length === 1;
    if (!error.issues.some(typeIssue)) return error;
    const fields: FieldProblem[] = error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      if (issue.code !== 'invalid_type' || !typeIssue(issue)) return { field, message: issue.message };
      if (given[field] === undefined) return { field, code: `${field}.missing`, message: `${labelOf(field)}：必须填写。` };
      return wrongType(field, labelOf(field), EXPECTED_OF_ZOD[issue.expected] ?? 'text');
    });
    return new DomainError('invalid', 'invalid_request', fields[0]!.message, fields[0]!.field, fields);
  };
