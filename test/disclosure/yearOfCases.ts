import type { App } from '../../src/app';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import type { ApplicantType } from '../../src/cases/disclosure/rules/annualReport';
import type { DisclosureApplication } from '../../src/cases/disclosure/application';
import { proceedings, type ProceedingInput } from '../../src/cases/disclosure/proceedings';
import { APPLICATION, at, OFFICER } from './support';

const ORG = { name: '福州某某机构', identity: { kind: 'creditCode' as const, number: '91350100M000100Y43' } };

const TOPIC_TEXT = {
  demolition: '城东片区棚户区改造项目的房屋征收补偿方案',
  landAcquisition: '某村集体土地征收的青苗补偿标准',
  urbanPlanning: '城东片区控制性详细规划图',
  projectApproval: '某某路拓宽工程的立项批复',
  other: '2024年财政预算执行情况报告',
} as const;

/**
 * A year of disclosure requests (2025, with two carried over from 2024 and some running into
 * 2026), made through the service exactly as officers and citizens would, and reviews and
 * lawsuits for table 四. The expected counts below were worked out by hand from this list.
 */
export async function generateYear(app: App): Promise<Record<string, string>> {
  const numbers: Record<string, string> = {};
  const tx = <T>(date: string, work: (tx: Parameters<Parameters<App['db']['transaction']>[0]>[0], now: Date) => Promise<T>) =>
    app.db.transaction((t) => work(t, at(date)));
  const application = (type: ApplicantType, topic: keyof typeof TOPIC_TEXT, agency = 'housing'): DisclosureApplication => ({
    ...APPLICATION,
    ...(type === 'naturalPerson' ? {} : ORG),
    applicantType: type,
    description: `${TOPIC_TEXT[topic]}`,
    agency,
  });
  const register = async (key: string, date: string, channel: 'inPerson' | 'letter', app2: DisclosureApplication) => {
    numbers[key] = (await tx(date, (t, now) => app.disclosure.registerApplication(t, app2, { channel }, OFFICER, now))).number;
  };
  const online = async (key: string, date: string, app2: DisclosureApplication) => {
    numbers[key] = (
      await tx(date, (t, now) =>
        app.disclosure.submitApplication(t, app2, { channel: 'webchat', citizenId: `web:${key}`, conversationId: null, via: 'chat' }, now),
      )
    ).number;
  };
  const reply = (key: string, date: string, outcome: string) =>
    tx(date, (t, now) => app.disclosure.reply(t, numbers[key]!, { outcome, text: '答复见附件。' }, OFFICER, now));

  // Carried over from 2024
  await register('C1', '2024-12-10', 'inPerson', application('naturalPerson', 'other'));
  await register('C2', '2024-12-20', 'letter', application('commercialEnterprise', 'other'));
  await register('C3', '2024-12-25', 'inPerson', application('legalServiceOrganization', 'other'));
  await reply('C2', '2024-12-30', 'outcome.disclosed');
  await reply('C1', '2025-01-08', 'outcome.disclosed');

  // New in 2025
  await online('N1', '2025-03-03', application('naturalPerson', 'demolition'));
  await reply('N1', '2025-03-20', 'outcome.disclosed');
  await online('N2', '2025-04-01', application('naturalPerson', 'landAcquisition'));
  await reply('N2', '2025-04-20', 'outcome.partiallyDisclosed');
  await online('N3', '2025-06-02', application('naturalPerson', 'urbanPlanning'));
  await tx('2025-06-05', (t, now) =>
    app.disclosure.requestCorrection(t, numbers.N3!, { items: '请说明地块', dueOn: '2025-06-20' }, OFFICER, now),
  );
  await tx('2025-06-23', (t, now) => app.disclosure.sweepLapsedCorrections(t, SYSTEM_ACTOR, now));
  await online('N4', '2025-12-15', application('naturalPerson', 'projectApproval'));
  await register('N5', '2025-05-06', 'letter', application('commercialEnterprise', 'demolition'));
  await reply('N5', '2025-05-30', 'outcome.withheld.thirdPartyRights');
  await online('N6', '2025-07-01', application('researchInstitution', 'other'));
  await reply('N6', '2025-07-15', 'outcome.unavailable.notHeld');
  await register('N7', '2025-08-04', 'inPerson', application('publicInterestOrganization', 'other'));
  await reply('N7', '2025-08-05', 'outcome.notProcessed.petitionOrComplaint');
  await online('N8', '2025-09-01', application('otherOrganization', 'other'));
  await tx('2025-09-02', (t, now) =>
    app.disclosure.requestCorrection(t, numbers.N8!, { items: '请说明年份', dueOn: '2025-09-16' }, OFFICER, now),
  );
  await tx('2025-09-05', (t, now) => app.disclosure.receiveCorrection(t, numbers.N8!, {}, OFFICER, now));
  await reply('N8', '2025-09-20', 'outcome.unavailable.unclearAfterCorrection');
  await register('N9', '2025-10-09', 'letter', application('naturalPerson', 'other', 'finance'));
  await reply('N9', '2025-10-31', 'outcome.withheld.processInformation');
  await online('N10', '2025-12-30', application('commercialEnterprise', 'other', 'finance'));
  await reply('N10', '2026-01-05', 'outcome.disclosed');
  await online('N11', '2025-11-03', application('naturalPerson', 'other'));
  await tx('2025-11-04', (t, now) => app.disclosure.setFee(t, numbers.N11!, { method: 'perPage', pages: 100 }, OFFICER, now));
  await reply('N11', '2025-12-03', 'outcome.otherHandling.feeUnpaid');
  await reply('C3', '2026-01-10', 'outcome.disclosed');
  // Received in 2026: not in the 2025 report.
  await online('X1', '2026-01-05', application('naturalPerson', 'other'));

  // Reviews and lawsuits
  const record = (input: Record<string, unknown>) =>
    tx('2026-11-25', (t, now) => proceedings.record(t, input as unknown as ProceedingInput, app.disclosure.agencies, OFFICER, now));
  await record({ kind: 'review', requestNumber: numbers.N5, filedOn: '2025-02-10', result: 'upheld', decidedOn: '2025-04-01' });
  await record({ kind: 'review', agency: 'housing', filedOn: '2025-11-01' });
  await record({ kind: 'directLawsuit', agency: 'housing', filedOn: '2024-11-01', result: 'corrected', decidedOn: '2025-03-01' });
  await record({ kind: 'lawsuitAfterReview', agency: 'finance', filedOn: '2025-06-01', result: 'other', decidedOn: '2026-02-01' });
  await record({ kind: 'review', agency: 'housing', filedOn: '2024-05-01', result: 'upheld', decidedOn: '2024-08-01' });
  return numbers;
}

/** Table 三 for 2025, by hand: columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
export const EXPECTED_2025: Record<string, number[]> = {
  '一、本年新收政府信息公开申请数量': [6, 2, 1, 1, 0, 1, 11],
  '二、上年结转政府信息公开申请数量': [1, 0, 0, 0, 1, 0, 2],
  '（一）予以公开': [2, 0, 0, 0, 0, 0, 2],
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': [1, 0, 0, 0, 0, 0, 1],
  '1.属于国家秘密': [0, 0, 0, 0, 0, 0, 0],
  '4.保护第三方合法权益': [0, 1, 0, 0, 0, 0, 1],
  '6.属于四类过程性信息': [1, 0, 0, 0, 0, 0, 1],
  '1.本机关不掌握相关政府信息': [0, 0, 1, 0, 0, 0, 1],
  '3.补正后申请内容仍不明确': [0, 0, 0, 0, 0, 1, 1],
  '1.信访举报投诉类申请': [0, 0, 0, 1, 0, 0, 1],
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': [1, 0, 0, 0, 0, 0, 1],
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请': [1, 0, 0, 0, 0, 0, 1],
  '3.其他': [0, 0, 0, 0, 0, 0, 0],
  '（七）总计': [6, 1, 1, 1, 0, 1, 10],
  '四、结转下年度继续办理': [1, 1, 0, 0, 1, 0, 3],
};
