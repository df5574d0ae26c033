import { ConfigError, loadConfig, parseDatabaseUrl } from '../../config';

describe('configuration from the environment', () => {
  it('runs with zero configuration on the embedded SQLite database', () => {
    const config = loadConfig({});
    expect(config.db).toEqual({ type: 'sqlite', file: 'data/wenzheng.db' });
    expect(config.http.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.matchCacheSize).toBe(10_000);
    // Matching on the event loop: a thread costs about 200 MB per instance and added no throughput on two cores.
    expect(config.matchThreads).toBe(0);
  });

  it('keeps the configured service hours by default; 国办发〔2020〕53号 7×24 human service where the city says so', () => {
    expect(loadConfig({}).hotline.serviceHours).toMatchObject({ kind: 'rules', text: 'Mon-Fri 08:30-17:30' });
    expect(loadConfig({ WENZHENG_HOTLINE_HUMAN_24X7: 'false' }).hotline.serviceHours.kind).toBe('rules');
    expect(loadConfig({ WENZHENG_HOTLINE_HUMAN_24X7: 'true' }).hotline.serviceHours.kind).toBe('always');
    expect(loadConfig({ WENZHENG_HOTLINE_HUMAN_24X7: 'true', WENZHENG_SERVICE_HOURS: 'always' }).hotline.serviceHours.kind).toBe('always');
  });

  it('parses a MySQL URL with escaped credentials', () => {
    expect(parseDatabaseUrl('mysql://wz:p%40ss@db.local:3307/wenzheng')).toEqual({
      type: 'mysql',
      host: 'db.local',
      port: 3307,
      user: 'wz',
      password: 'p@ss',
      database: 'wenzheng',
      socketPath: null,
    });
  });

  it('parses a MySQL URL that reaches the server through a Unix socket', () => {
    expect(parseDatabaseUrl('mysql://wz:pw@localhost/wenzheng?socket=%2Frun%2Fmysqld%2Fmysqld.sock')).toMatchObject({
      database: 'wenzheng',
      socketPath: '/run/mysqld/mysqld.sock',
    });
    expect(parseDatabaseUrl('mysql://wz:pw@localhost/wenzheng?socket=/run/mysqld/mysqld.sock')).toMatchObject({
      socketPath: '/run/mysqld/mysqld.sock',
    });
  });

  it.each([
    [{ WENZHENG_DB: 'postgres://x/y' }, /^WENZHENG_DB: must start with sqlite: or mysql:\/\//],
    [{ WENZHENG_DB: 'mysql://user@host' }, /^WENZHENG_DB: needs a database name/],
    [{ WENZHENG_DB: 'sqlite:' }, /^WENZHENG_DB: sqlite: needs a file name/],
    [{ WENZHENG_DB: 'mysql://u:p@h/db?sslmode=on' }, /^WENZHENG_DB: knows only the parameter socket \(a Unix socket path\), not sslmode/],
    [{ WENZHENG_DB: 'mysql://u:p@h/db?socket=mysqld.sock' }, /^WENZHENG_DB: socket must be an absolute path/],
    [{ WENZHENG_PORT: '70000' }, /^WENZHENG_PORT: must be at most 65535$/],
    [{ WENZHENG_PORT: 'abc' }, /^WENZHENG_PORT: must be a whole number/],
    [{ WENZHENG_LOG_LEVEL: 'loud' }, /^WENZHENG_LOG_LEVEL: .*expected one of/],
    [{ WENZHENG_MATCH_ANSWER_MIN: '1.5' }, /^WENZHENG_MATCH_ANSWER_MIN: must be a number between 0 and 1/],
    [{ WENZHENG_MATCH_CACHE: '-1' }, /^WENZHENG_MATCH_CACHE: must be a whole number between 0 and 1000000/],
    [{ WENZHENG_HOTLINE_HUMAN_24X7: 'yes' }, /^WENZHENG_HOTLINE_HUMAN_24X7: must be true or false$/],
    [
      { WENZHENG_HOTLINE_HUMAN_24X7: 'true', WENZHENG_SERVICE_HOURS: 'Mon-Fri 08:30-17:30' },
      /^WENZHENG_SERVICE_HOURS: must be unset or always when WENZHENG_HOTLINE_HUMAN_24X7 is true/,
    ],
    [{ WENZHENG_KB_SELF_PUBLISH: 'yes' }, /^WENZHENG_KB_SELF_PUBLISH: must be true or false$/],
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

  it('takes the WeChat message mode: safe by default with an EncodingAESKey, plain without, and no safe mode without a key', () => {
    const key = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    expect(loadConfig({ WENZHENG_WECHAT_TOKEN: 'tok123' }).wechat.official?.mode).toBe('plain');
    expect(
      loadConfig({ WENZHENG_WECHAT_TOKEN: 'tok123', WENZHENG_WECHAT_APPID: 'wx0123456789abcdef', WENZHENG_WECHAT_AES_KEY: key }).wechat
        .official?.mode,
    ).toBe('safe');
    expect(
      loadConfig({
        WENZHENG_MINIPROGRAM_TOKEN: 'tok123',
        WENZHENG_MINIPROGRAM_APPID: 'wx0123456789abcdef',
        WENZHENG_MINIPROGRAM_AES_KEY: key,
        WENZHENG_MINIPROGRAM_MODE: 'compat',
      }).wechat.miniprogram?.mode,
    ).toBe('compat');
    expect(() => loadConfig({ WENZHENG_WECHAT_TOKEN: 'tok123', WENZHENG_WECHAT_MODE: 'safe' })).toThrow(
      'WENZHENG_WECHAT_MODE: safe mode needs WENZHENG_WECHAT_AES_KEY',
    );
    expect(() => loadConfig({ WENZHENG_WECHAT_TOKEN: 'tok123', WENZHENG_WECHAT_MODE: 'secure' })).toThrow(
      /WENZHENG_WECHAT_MODE: must be one of plain, compat, safe/,
    );
  });

  it('names a wrong variable but never prints its value, which may be a password or an AppSecret', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
      throw new Error('expected a configuration error');
    };
    const db = problems({ WENZHENG_DB: 'mysql://wz:SuperSecretDbPass@db.local:3306/' });
    expect(db).toMatch(/^WENZHENG_DB: needs a database name/);
    expect(db).not.toContain('SuperSecretDbPass');
    const secret = problems({
      WENZHENG_WECHAT_TOKEN: 'tok123',
      WENZHENG_WECHAT_APPID: 'wx0123456789abcdef',
      WENZHENG_WECHAT_APPSECRET: 'leaked-secret!value',
    });
    expect(secret).toMatch(/^WENZHENG_WECHAT_APPSECRET: /);
    expect(secret).not.toContain('leaked-secret!value');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ WENZHENG_PORT: '' }).http.port).toBe(3000);
  });
});

describe('WeChat channel configuration', () => {
  const problemOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      return (err as ConfigError).problems.join('\n');
    }
    return null;
  };

  it('leaves a channel off when its token is not set', () => {
    expect(loadConfig({}).wechat.official).toBeNull();
  });

  it('refuses a malformed EncodingAESKey, naming the variable', () => {
    expect(
      problemOf({ WENZHENG_WECHAT_TOKEN: 'abc123', WENZHENG_WECHAT_APPID: 'wx0123456789abcdef', WENZHENG_WECHAT_AES_KEY: 'short' }),
    ).toMatch(/^WENZHENG_WECHAT_AES_KEY: must be the 43-character EncodingAESKey/);
  });

  it('refuses credentials without a token and safe mode without an AppID', () => {
    expect(problemOf({ WENZHENG_MINIPROGRAM_APPID: 'wx0123456789abcdef' })).toMatch(/^WENZHENG_MINIPROGRAM_TOKEN: must be set/);
    expect(problemOf({ WENZHENG_WECHAT_TOKEN: 'abc123', WENZHENG_WECHAT_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' })).toMatch(
      /^WENZHENG_WECHAT_APPID: must be set/,
    );
  });

  it('refuses an empty-looking or too short token, which would make signatures forgeable', () => {
    expect(problemOf({ WENZHENG_WECHAT_TOKEN: 'a' })).toMatch(/^WENZHENG_WECHAT_TOKEN: must be 3-32 letters or digits/);
  });
});
