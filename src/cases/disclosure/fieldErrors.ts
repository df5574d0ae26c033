/**
 * The refusal of an officer's invalid field (HTTP 400): the JSON error's `field` keeps the API name, the
 * message is for staff, in Chinese, naming the field as they know it.
 */
import { DomainError } from '../../platform/domainError';
import { bodyRefusal, fieldLabel } from '../../platform/fieldRefusal';

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

const labelOf = (field: string) => fieldLabel(FIELD_LABELS, field);

export const badInput = (field: string, message: string) =>
  new DomainError('invalid', 'invalid_request', `${labelOf(field)}：${message}`, field);

/** An officer's body that fails its schema, refused in Chinese with the field named as staff know it. */
export const officerBodyRefusal = bodyRefusal(FIELD_LABELS);
