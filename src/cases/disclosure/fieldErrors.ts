/**
 * The refusal of an officer's invalid field (HTTP 400): the JSON error's `field` keeps the API name, the
 * message is for staff, in Chinese, naming the field as they know it.
 */
import type { z } from 'zod';
import { DomainError, type FieldProblem } from '../../platform/domainError';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  on: '日期',
  receivedOn: '收到申请日期',
  agency: '办理机关',
  items: '补正事项',
  dueOn: '补正期限',
  description: '申请内容描述',
  workingDays: '延长工作日数',
  approver: '批准人',
  reason: '理由',
  note: '说明',
  thirdPartyReceivedOn: '第三方收到征求意见日期',
  pages: '页数',
  method: '收费方式',
  topic: '主题',
  outcome: '答复结果',
  text: '答复内容',
  attachment: '答复文书',
  kind: '案件类型',
  filedOn: '立案日期',
  requestNumber: '申请编号',
  result: '审理结果',
  decidedOn: '决定（判决）日期',
};

const labelOf = (field: string) => `${FIELD_LABELS[field] ?? field}（${field}）`;

export const badInput = (field: string, message: string) =>
  new DomainError('invalid', 'invalid_request', `${labelOf(field)}：${message}`, field);

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

/**
 * An officer's body that fails its schema: a field of the wrong type (or missing) is refused in
 * Chinese, named as staff know it, like every other refusal of this API; other findings keep zod's words.
 */
export function officerBodyRefusal(error: z.ZodError, body: unknown): Error {
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
}
