import { join } from 'node:path';
import { loadAgencies } from '../../src/cases/disclosure/agencies';
import { createDisclosureIntakeForm, type DisclosureDraft } from '../../src/cases/disclosure/intakeForm';
import type { FormStep, StepContext, StepResult } from '../../src/dialogue/forms';
import { loadFormVocabulary } from '../../src/dialogue/vocabulary';

const agencies = loadAgencies(join(__dirname, '../../config/agencies.yaml'));
const form = createDisclosureIntakeForm(() => agencies);
const context: StepContext = {
  now: new Date('2026-11-25T02:00:00Z'),
  today: '2026-11-25',
  vocabulary: loadFormVocabulary(join(__dirname, '../../seeds/nlp')),
  intent: null,
  lookUp: () => null,
};

/** Walks the form like the engine: skip what does not apply, answer the rest in order. */
function fill(answers: string[]): { draft: DisclosureDraft; asked: string[]; notes: string[] } {
  let draft = form.start('申请公开');
  const asked: string[] = [];
  const notes: string[] = [];
  const queue = [...answers];
  for (const step of form.steps) {
    if (step.skip?.(draft)) continue;
    asked.push(step.field);
    const answer = queue.shift();
    if (answer === undefined) throw new Error(`no answer for ${step.field}`);
    const r = step.accept(answer, draft, context);
    if (!r.ok) throw new Error(`${step.field}: ${r.message}`);
    if (r.note) notes.push(r.note);
    draft = r.draft;
  }
  return { draft, asked, notes };
}

const step = (field: string) => form.steps.find((s) => s.field === field) as FormStep<DisclosureDraft>;
const rejected = (r: StepResult<DisclosureDraft>) => (r.ok ? null : r);

describe('the disclosure intake form', () => {
  it('is the form the engine runs: name disclosure, steps in the order of Art. 29', () => {
    expect(form.name).toBe('disclosure');
    expect(form.steps.map((s) => s.field)).toEqual([
      'applicantType',
      'organizationType',
      'name',
      'identity',
      'phone',
      'contact',
      'description',
      'form',
      'delivery',
      'postalAddress',
      'replyEmail',
      'agency',
    ]);
    expect(step('description').lookUpKnowledge).toBe(true);
    for (const s of form.steps)
      expect(s.prompt({ applicantGroup: 'person', description: '棚户区改造补偿方案', form: 'paper' })).toMatch(/[\u4e00-\u9fa5]/);
    expect(step('applicantType').prompt({})).toMatch(/回复1.*回复2/);
  });

  it('takes a natural person through every step it needs and submits the draft', () => {
    const { draft, asked } = fill([
      '1',
      '张三',
      '11010519491231002x',
      '13800138000',
      'zhang.san@example.com',
      '2025年城东片区棚户区改造项目的房屋征收补偿方案',
      '2',
      '1',
      '1',
    ]);
    expect(asked).toEqual(['applicantType', 'name', 'identity', 'phone', 'contact', 'description', 'form', 'delivery', 'agency']);
    expect(draft).toEqual({
      applicantGroup: 'person',
      applicantType: 'naturalPerson',
      name: '张三',
      identity: { kind: 'residentId', number: '11010519491231002X' },
      phone: '13800138000',
      contact: { kind: 'email', value: 'zhang.san@example.com' },
      description: '2025年城东片区棚户区改造项目的房屋征收补偿方案',
      form: 'electronic',
      delivery: 'email',
      agency: 'housing',
    });
    expect(form.submit(draft)).toEqual({ type: 'submit-form', form: 'disclosure', draft });
  });

  it('asks an organisation for its type and credit code; a checksum failure is accepted with a note', () => {
    const { draft, asked, notes } = fill([
      '2',
      '3',
      '福州市某某公益基金会',
      '91350100M000100Y44',
      '0591-87654321',
      '福建省福州市鼓楼区五四路100号',
      '某村集体土地征收的青苗补偿标准',
      '1',
      '2',
      '1',
    ]);
    expect(asked).toEqual([
      'applicantType',
      'organizationType',
      'name',
      'identity',
      'phone',
      'contact',
      'description',
      'form',
      'delivery',
      'agency',
    ]);
    expect(draft).toMatchObject({
      applicantType: 'publicInterestOrganization',
      identity: { kind: 'creditCode', checksumWarning: true },
      delivery: 'post',
      agency: 'natural-resources',
    });
    expect(notes).toEqual([expect.stringContaining('工作人员核实')]);
  });

  it('asks for a postal address only when post is chosen and none was given', () => {
    const { draft, asked } = fill([
      '1',
      '李四',
      '11010519491231002X',
      '13800138000',
      'li@example.com',
      '城东片区控制性详细规划图',
      '1',
      '2',
      '福建省福州市鼓楼区五四路100号',
      '确认',
    ]);
    expect(asked).toContain('postalAddress');
    expect(draft).toMatchObject({
      contact: { kind: 'email' },
      postalAddress: '福建省福州市鼓楼区五四路100号',
      agency: 'natural-resources',
    });
  });

  it('explains what is wrong with each answer, in Chinese, with the accepted answers', () => {
    expect(rejected(step('applicantType').accept('3', {}, context))?.message).toBe('请回复1或2：1 自然人，2 法人或其他组织。');
    expect(
      rejected(step('identity').accept('110105194912310021', { applicantGroup: 'person', applicantType: 'naturalPerson' }, context))
        ?.message,
    ).toMatch(/校验不通过/);
    expect(rejected(step('phone').accept('1380013800', {}, context))?.message).toMatch(/11位/);
    expect(rejected(step('description').accept('政府文件', {}, context))?.message).toMatch(/不够具体[\s\S]*文号/);
    expect(rejected(step('delivery').accept('3', { form: 'paper' }, context))?.message).toBe('请回复1至2之间的序号。');
    expect(rejected(step('agency').accept('市宇宙局', { description: '棚户区改造补偿方案' }, context))?.message).toMatch(/没有找到/);
  });

  it('Art. 39: warns about a complaint and offers the hotline, but takes the answer (the agency decides)', () => {
    const r = step('description').accept('我要投诉小区楼下饭店油烟扰民，要求查处', { applicantGroup: 'person' }, context);
    expect(r).toEqual({
      ok: true,
      draft: { applicantGroup: 'person', description: '我要投诉小区楼下饭店油烟扰民,要求查处' },
      note: expect.stringMatching(/看起来像是投诉[\s\S]*第三十九条[\s\S]*12345/),
    });
  });

  it('offers the suggested agency first and other candidates by number', () => {
    const draft: DisclosureDraft = { description: '某某路拓宽工程的立项批复和环境影响评价报告' };
    const prompt = step('agency').prompt(draft);
    expect(prompt).toMatch(/^根据您的描述，建议向"市(生态环境局|发展和改革委员会)"申请。回复1 确认。/);
    expect(prompt).toMatch(/2 市/);
    const second = step('agency').accept('2', draft, context);
    expect(second.ok).toBe(true);
    expect(step('agency').accept('市财政局', draft, context)).toMatchObject({ ok: true, draft: { agency: 'finance' } });
  });

  it('summarises with personal data masked and says the confirmation is the date of receipt', () => {
    const { draft } = fill([
      '1',
      '欧阳娜娜',
      '11010519491231002X',
      '13800138000',
      '福建省福州市鼓楼区五四路100号3单元201室',
      '2025年城东片区棚户区改造项目的房屋征收补偿方案，联系我13900139000',
      '1',
      '2',
      '1',
    ]);
    const summary = [...form.summary(draft).map((line) => `${line.label}：${line.value}`), form.summaryNote].join('\n');
    expect(summary).toContain('姓名：欧阳**');
    expect(summary).toContain('居民身份证 1101**********002X');
    expect(summary).toContain('联系电话：138****8000');
    expect(summary).toContain('通信地址：福建省福州市鼓楼区****');
    expect(summary).toContain('139****9000');
    expect(summary).toContain('受理机关：市住房和城乡建设局');
    expect(summary).toMatch(/确认提交之日即为机关收到申请之日/);
    for (const secret of ['11010519491231002X', '13800138000', '五四路', '娜娜', '13900139000']) expect(summary).not.toContain(secret);
  });
});
