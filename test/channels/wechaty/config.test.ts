import { ConfigError, loadConfig, type Env } from '../../../config';
import { puppetNameProblem } from '../../../src/channels/wechaty/puppetName';

function problemOf(env: Env): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('configuration was accepted');
}

describe('wechaty channel configuration', () => {
  it('is off unless a puppet is set', () => {
    expect(loadConfig({}).wechaty).toBeNull();
    expect(loadConfig({ WENZHENG_WECHATY_PUPPET: '' }).wechaty).toBeNull();
  });

  it('takes an installed puppet by name, with its token and session name', () => {
    expect(
      loadConfig({
        WENZHENG_WECHATY_PUPPET: 'wechaty-puppet-mock',
        WENZHENG_WECHATY_PUPPET_TOKEN: 'puppet_padlocal_0123',
        WENZHENG_WECHATY_NAME: 'data/wechaty',
      }).wechaty,
    ).toEqual({
      puppet: 'wechaty-puppet-mock',
      token: 'puppet_padlocal_0123',
      name: 'data/wechaty',
    });
    expect(loadConfig({ WENZHENG_WECHATY_PUPPET: 'wechaty-puppet-mock' }).wechaty).toEqual({
      puppet: 'wechaty-puppet-mock',
      token: null,
      name: null,
    });
  });

  it('refuses a name that is not a puppet package, or one that is not installed, naming the variable', () => {
    expect(problemOf({ WENZHENG_WECHATY_PUPPET: 'child_process' })).toMatch(
      /^WENZHENG_WECHATY_PUPPET: must be the npm name of a wechaty puppet/,
    );
    expect(problemOf({ WENZHENG_WECHATY_PUPPET: '../../evil/wechaty-puppet-x' })).toMatch(/^WENZHENG_WECHATY_PUPPET: must be the npm name/);
    expect(problemOf({ WENZHENG_WECHATY_PUPPET: 'wechaty-puppet-not-installed' })).toMatch(
      /^WENZHENG_WECHATY_PUPPET: puppet package "wechaty-puppet-not-installed" is not installed/,
    );
  });

  it('refuses the mock puppet in production', () => {
    expect(problemOf({ NODE_ENV: 'production', WENZHENG_WECHATY_PUPPET: 'wechaty-puppet-mock' })).toMatch(
      /WENZHENG_WECHATY_PUPPET: wechaty-puppet-mock is a test double/,
    );
  });

  it('refuses a token or a session name without a puppet, and never echoes the token', () => {
    const problem = problemOf({ WENZHENG_WECHATY_PUPPET_TOKEN: 'secret-token-value' });
    expect(problem).toMatch(/^WENZHENG_WECHATY_PUPPET: must be set when WENZHENG_WECHATY_PUPPET_TOKEN is/);
    expect(problem).not.toContain('secret-token-value');
    expect(problemOf({ WENZHENG_WECHATY_NAME: 'data/wechaty' })).toMatch(
      /^WENZHENG_WECHATY_PUPPET: must be set when WENZHENG_WECHATY_NAME is/,
    );
  });

  it('accepts scoped puppet names', () => {
    expect(puppetNameProblem('@juzibot/wechaty-puppet-wxwork', 'production', () => 'resolved')).toBeNull();
    expect(puppetNameProblem('wechaty-puppet-service', 'production', () => 'resolved')).toBeNull();
  });
});
