import { actorLabel } from '../../src/staff/labels';

describe('who did a step, as staff read it', () => {
  it('names citizens by their channel, the system and the command line in Chinese; staff by their login name', () => {
    expect(actorLabel('citizen')).toBe('市民');
    expect(actorLabel('citizen:webchat')).toBe('市民（网页）');
    expect(actorLabel('citizen:wechat-official')).toBe('市民（公众号）');
    expect(actorLabel('system')).toBe('系统');
    expect(actorLabel('cli:root')).toBe('命令行（root）');
    expect(actorLabel('op-li')).toBe('op-li');
  });
});
