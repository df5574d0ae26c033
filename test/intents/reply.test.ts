import { join } from 'node:path';
import { MENU } from '../../src/dialogue/texts';
import { loadIntents } from '../../src/understanding/intents/load';
import { recognizeIntent } from '../../src/understanding/intents/recognize';
import { renderReply } from '../../src/understanding/intents/reply';
import { loadCity } from '../../src/understanding/places/city';

const intents = loadIntents(join(__dirname, '../../intents'));

/** What the bot would answer: recognise, then render. */
function answer(text: string, provided = {}): string {
  const match = recognizeIntent(text, intents);
  if (!match) throw new Error(`"${text}" is no intent`);
  return renderReply(intents, match, provided, loadCity('config/city.yaml').emergencyNumbers);
}

describe('renderReply', () => {
  it('fills {menu} when the engine provides it, and falls back when not', () => {
    expect(answer('你好', { menu: MENU })).toContain(MENU);
    expect(answer('菜单', { menu: MENU })).toContain(MENU);
    expect(answer('你好')).not.toMatch(/[{}]/);
  });

  it('names the case number when the text has one, and asks for it when not', () => {
    expect(answer('查询工单 12345-2026-000123')).toBe('正在为您查询工单12345-2026-000123的办理进度，请稍候。');
    expect(answer('我的工单到哪了')).toMatch(/请发送您的工单编号/);
    expect(answer('查询申请 ysq2026000123')).toContain('YSQ2026000123');
    expect(answer('查询申请')).toMatch(/请发送您的申请编号/);
  });

  it('names the emergency numbers for the situation, all four when none is named', () => {
    expect(answer('着火了')).toBe('情况紧急！请立即拨打119（火警）。12345热线和本平台不受理紧急求助，请不要在这里等待回复。');
    expect(answer('出车祸了，有人受伤')).toContain('120（急救）、122（交通事故报警）');
    expect(answer('救命')).toContain('119（火警）、110（报警）、120（急救）、122（交通事故报警）');
  });

  it('takes the numbers from the city (config/city.yaml emergencyNumbers)', () => {
    const match = recognizeIntent('着火了', intents)!;
    expect(renderReply(intents, match, {}, [{ service: 'fire', label: '消防', number: '96119' }])).toContain('96119（消防）');
  });

  it('names the hotline category when there is one', () => {
    expect(answer('我要投诉物业')).toMatch(/^好的，我来帮您提交投诉。/);
    expect(answer('我要反映个情况')).toMatch(/^好的，我来帮您向12345热线反映。/);
  });

  it('answers feedback and acknowledgements with their category replies', () => {
    expect(answer('没用')).toMatch(/^抱歉没能帮到您/);
    expect(answer('有用')).toMatch(/^感谢您的肯定/);
    expect(answer('知道了')).toMatch(/^好的。/);
    expect(answer('谢谢')).toMatch(/^不客气/);
  });

  it('leaves no placeholder unfilled for any intent', () => {
    for (const intent of intents) {
      for (const example of intent.examples) expect(answer(example)).not.toMatch(/\{[A-Za-z]+\}/);
    }
  });

  it('refuses a match for an unknown intent', () => {
    expect(() => renderReply(intents, { intent: 'weather', confidence: 1 })).toThrow(/weather/);
  });
});
