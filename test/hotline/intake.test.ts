import { BASE_HOTLINE_CATEGORIES } from '../../src/cases/hotline/rules/hotline';
import type { StepContext, StepResult } from '../../src/dialogue/forms';
import { loadFormVocabulary } from '../../src/dialogue/vocabulary';
import { validateAppeal, type TicketDraft } from '../../src/cases/hotline/appeal';
import { isDisclosureMatter, suggestCategory, suggestUrgency } from '../../src/cases/hotline/classify';
import { createTicketIntakeForm } from '../../src/cases/hotline/intakeForm';
import { loadHotlineData } from '../../src/cases/hotline/settings';
import { join } from 'node:path';
import { repositoryHotlineScope } from './support';

const { settings } = loadHotlineData(join(__dirname, '../../config'));
const scope = repositoryHotlineScope();
const { vocabulary } = scope;
const ticketIntakeForm = createTicketIntakeForm(scope);
const context: StepContext = {
  now: new Date('2026-11-25T02:00:00Z'),
  today: '2026-11-25',
  vocabulary: loadFormVocabulary(join(__dirname, '../../seeds/nlp')),
  intent: null,
  lookUp: () => null,
};
const summaryText = (draft: TicketDraft) =>
  ticketIntakeForm
    .summary(draft)
    .map((line) => `${line.label}：${line.value}`)
    .join('\n');
const step = (field: string) => ticketIntakeForm.steps.find((s) => s.field === field)!;
const accepted = (result: StepResult<TicketDraft>): TicketDraft => {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.draft;
};
const refused = (result: StepResult<TicketDraft>) => {
  if (result.ok) throw new Error('accepted');
  return result;
};

describe('what the text suggests', () => {
  it.each([
    ['我要投诉小区噪音', 'complaint'],
    ['举报有人偷排污水', 'report'],
    ['有人在河边偷排污水', 'report'],
    ['楼下饭店油烟太大了', 'complaint'],
    ['家里停水三天了，求助', 'help'],
    ['建议在学校门口增设红绿灯', 'suggestion'],
    ['咨询一下公租房怎么申请', 'consultation'],
    ['转人工', null],
  ])('%s → %s', (text, category) => {
    expect(suggestCategory(vocabulary, text)).toBe(category);
  });

  it('names an extra configured category by its label', () => {
    expect(suggestCategory(vocabulary, '我想表扬一下社区医生', [...BASE_HOTLINE_CATEGORIES, { code: 'praise', label: '表扬' }])).toBe(
      'praise',
    );
  });

  it('marks water, power, gas and heating outages as urgent utilities', () => {
    expect(suggestUrgency(vocabulary, '整栋楼停水了', settings.urgencies)).toBe('urgentUtility');
    expect(suggestUrgency(vocabulary, '暖气不热，屋里只有十度', settings.urgencies)).toBe('urgentUtility');
    expect(suggestUrgency(vocabulary, '路灯坏了', settings.urgencies)).toBe('normal');
  });

  it('knows emergencies (the emergency intent, the one detector) and disclosure requests are not hotline tickets', () => {
    expect(scope.emergencyReply('楼下着火了')).toContain('119（火警）');
    expect(scope.emergencyReply('路口发生车祸')).toContain('122（交通事故报警）');
    expect(scope.emergencyReply('小区噪音太大')).toBeNull();
    expect(isDisclosureMatter(vocabulary, '我要申请公开我们村的征地补偿方案')).toBe(true);
    expect(isDisclosureMatter(vocabulary, '要求提供拆迁的红头文件')).toBe(true);
    expect(isDisclosureMatter(vocabulary, '拆迁补偿款一直没发')).toBe(false);
  });
});

describe('the ticket intake form', () => {
  it('suggests the category from the seed text and pre-fills what happened', () => {
    const draft = ticketIntakeForm.start('我要投诉小区噪音');
    expect(draft).toMatchObject({ suggestedCategory: 'complaint', category: null, content: null, seed: '我要投诉小区噪音' });
    expect(step('category').prompt(draft)).toContain('"投诉"吗');
    // The description is still asked, with what was said first, so that the details land there.
    expect(step('content').prompt(draft)).toMatch(/^您说的是："我要投诉小区噪音"。请补充具体情况/);
    expect(accepted(step('content').accept('没有了', draft, context)).content).toBe('我要投诉小区噪音');
    expect(accepted(step('content').accept('楼上每天半夜装修', draft, context)).content).toBe('我要投诉小区噪音。楼上每天半夜装修');
    expect(accepted(step('content').accept('重写：楼上每天半夜装修，吵得睡不着', draft, context)).content).toBe(
      '楼上每天半夜装修，吵得睡不着',
    );
    // A bare request says nothing about what happened: the plain question is asked.
    const bare = ticketIntakeForm.start('我要投诉');
    expect(bare).toMatchObject({ suggestedCategory: 'complaint', content: null, seed: null });
    expect(step('content').prompt(bare)).toMatch(/^请描述您遇到的问题/);
    expect(ticketIntakeForm.start('转人工')).toMatchObject({ suggestedCategory: null, content: null });
  });

  it('confirms the suggestion with 是, or takes a number or a name from the menu', () => {
    const draft = ticketIntakeForm.start('我要投诉小区噪音');
    expect(accepted(step('category').accept('是', draft, context)).category).toBe('complaint');
    expect(accepted(step('category').accept('4', draft, context)).category).toBe('report');
    expect(accepted(step('category').accept('意见建议', draft, context)).category).toBe('suggestion');
    expect(refused(step('category').accept('9', draft, context)).message).toMatch(
      /请回复编号选择：1 咨询 {2}2 求助 {2}3 投诉 {2}4 举报 {2}5 意见建议/,
    );
    const none = ticketIntakeForm.start('转人工');
    expect(step('category').prompt(none)).toMatch(/^请选择您要反映的问题类别/);
    expect(refused(step('category').accept('是', none, context)).message).toMatch(/没有"是"这个类别/);
  });

  it('offers the configured extra categories', () => {
    const form = createTicketIntakeForm(scope, [...BASE_HOTLINE_CATEGORIES, { code: 'praise', label: '表扬' }]);
    const draft = form.start('我要表扬社区的王医生');
    expect(draft.suggestedCategory).toBe('praise');
    expect(form.steps[0].prompt({ ...draft, suggestedCategory: null })).toContain('6 表扬');
    expect(accepted(form.steps[0].accept('6', draft, context)).category).toBe('praise');
  });

  it('validates what happened: too short, an emergency, a disclosure request (switches form)', () => {
    const draft: TicketDraft = { ...ticketIntakeForm.start('我要投诉'), category: 'complaint' };
    expect(refused(step('content').accept('太吵', draft, context)).message).toMatch(/至少5个字/);
    expect(refused(step('content').accept('隔壁着火了快来人', draft, context)).message).toMatch(/119/);
    const switched = refused(step('content').accept('我要申请公开旧城改造的征收决定文件', draft, context));
    expect(switched).toMatchObject({ switchTo: 'disclosure', message: expect.stringContaining('政府信息公开申请') });
    expect(accepted(step('content').accept('小区门口的烧烤店每晚营业到凌晨两点，噪音很大', draft, context)).content).toBe(
      '小区门口的烧烤店每晚营业到凌晨两点，噪音很大',
    );
  });

  it('needs a place, except for consultations and suggestions', () => {
    const complaint: TicketDraft = { ...ticketIntakeForm.start('x'), category: 'complaint' };
    expect(refused(step('location').accept('无', complaint, context)).message).toMatch(/地点/);
    expect(accepted(step('location').accept('西工区幸福路12号', complaint, context)).location).toBe('西工区幸福路12号');
    const suggestion: TicketDraft = { ...complaint, category: 'suggestion' };
    expect(accepted(step('location').accept('无', suggestion, context))).toMatchObject({ location: null, locationSkipped: true });
  });

  it('needs a valid phone, but a 举报 may stay anonymous', () => {
    const complaint: TicketDraft = { ...ticketIntakeForm.start('x'), category: 'complaint' };
    expect(accepted(step('phone').accept('138 0013 8000', complaint, context))).toMatchObject({ phone: '13800138000', anonymous: false });
    expect(refused(step('phone').accept('12345', complaint, context)).message).toMatch(/手机号码/);
    expect(refused(step('phone').accept('匿名', complaint, context)).message).toMatch(/只有举报可以匿名/);
    const report: TicketDraft = { ...complaint, category: 'report' };
    expect(step('phone').prompt(report)).toMatch(/匿名/);
    expect(accepted(step('phone').accept('匿名', report, context))).toMatchObject({ phone: null, anonymous: true });
    expect(refused(step('phone').accept('123', report, context)).message).toMatch(/如希望匿名举报，请回复"匿名"/);
  });

  it('shows a summary with the phone masked and submits the draft as an effect', () => {
    const draft: TicketDraft = {
      category: 'complaint',
      suggestedCategory: 'complaint',
      content: '烧烤店噪音扰民',
      location: '西工区幸福路12号',
      phone: '13800138000',
      anonymous: false,
    };
    const summary = summaryText(draft);
    expect(summary).toContain('138****8000');
    expect(summary).not.toContain('13800138000');
    expect(summary).toContain('类别：投诉');
    expect(summaryText({ ...draft, category: 'report', phone: null, anonymous: true })).toContain('匿名举报');
    expect(ticketIntakeForm.submit(draft)).toEqual({ type: 'submit-form', form: 'ticket', draft });
  });
});

describe('validateAppeal (the one validation for chat and API)', () => {
  const options = { categories: settings.categories, urgencies: settings.urgencies, scope };

  it('reports every invalid field with an English code and a Chinese message', () => {
    const result = validateAppeal({ category: '吐槽', content: '吵', location: '', phone: '123' }, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.field, i.code])).toEqual([
      ['category', 'category.unknown'],
      ['content', 'content.tooShort'],
      ['location', 'location.required'],
      ['phone', 'mobile.length'],
    ]);
    for (const issue of result.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts an anonymous report and suggests the urgency', () => {
    const result = validateAppeal(
      { category: '举报', content: '有人在河边偷排污水，河水发黑', location: '洛龙区滨河路', anonymous: true },
      options,
    );
    expect(result).toEqual({
      ok: true,
      appeal: {
        category: 'report',
        urgency: 'normal',
        content: '有人在河边偷排污水，河水发黑',
        location: '洛龙区滨河路',
        phone: null,
        anonymous: true,
      },
    });
    const utility = validateAppeal(
      { category: 'help', content: '整栋楼停水一整天了', location: '西工区幸福小区', phone: '13800138000' },
      options,
    );
    expect(utility).toMatchObject({ ok: true, appeal: { urgency: 'urgentUtility' } });
  });

  it('refuses anonymity outside 举报, a phone with anonymity, an unknown urgency', () => {
    const codes = (input: Parameters<typeof validateAppeal>[0]) => {
      const r = validateAppeal(input, options);
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes({ category: 'complaint', content: '烧烤店噪音扰民', location: '西工区', anonymous: true })).toEqual([
      'anonymous.notAllowed',
    ]);
    expect(codes({ category: 'report', content: '有人违规占道经营', location: '西工区', anonymous: true, phone: '13800138000' })).toEqual([
      'anonymous.withPhone',
    ]);
    expect(codes({ category: 'report', content: '有人违规占道经营', location: '西工区', phone: '13800138000', urgency: 'asap' })).toEqual([
      'urgency.unknown',
    ]);
  });
});
