import { ConfigError, loadConfig, parseDatabaseUrl } from '../../config';

describe('configuration from the environment', () => {
  it('runs with zero configuration on the embedded SQLite database', () => {
    const config = loadConfig({});
    expect(config.db).toEqual({ type: 'sqlite', file: 'data/wenzheng.db' });
    expect(config.http.port).toBe(3000);
    expect(config.logLevel).toBe('info');
  });

  it('parses a MySQL URL with escaped credentials', () => {
    expect(parseDatabaseUrl('mysql://wz:p%40ss@db.local:3307/wenzheng')).toEqual({ type: 'mysql', host: 'db.local', port: 3307, user: 'wz', password: 'p@ss', database: 'wenzheng' });
  });

  it.each([
    [{ WENZHENG_DB: 'postgres://x/y' }, /^WENZHENG_DB: must start with sqlite: or mysql:\/\//],
    [{ WENZHENG_DB: 'mysql://user@host' }, /^WENZHENG_DB: needs a database name/],
    [{ WENZHENG_DB: 'sqlite:' }, /^WENZHENG_DB: sqlite: needs a file name/],
    [{ WENZHENG_PORT: '70000' }, /^WENZHENG_PORT: must be at most 65535 \(got "70000"\)/],
    [{ WENZHENG_PORT: 'abc' }, /^WENZHENG_PORT: must be a whole number/],
    [{ WENZHENG_LOG_LEVEL: 'loud' }, /^WENZHENG_LOG_LEVEL: .*\(got "loud"\)/],
    [{ WENZHENG_MATCH_ANSWER_MIN: '1.5' }, /^WENZHENG_MATCH_ANSWER_MIN: must be a number between 0 and 1/],
  ])('rejects %j naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(message);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ WENZHENG_PORT: '' }).http.port).toBe(3000);
  });
});
