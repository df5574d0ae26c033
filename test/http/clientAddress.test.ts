import request from 'supertest';
import { loadConfig } from '../../config';
import { AuditEvent } from '../../entities';
import { clientAddress, trustedProxies } from '../../src/platform/http/clientAddress';
import { createTestApp } from '../support/testApp';

describe('the client address', () => {
  it('believes X-Forwarded-For only as far as trusted proxies vouch for it', () => {
    const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.1.2.3', '198.51.100.1', proxies)).toBe('198.51.100.1');
    // A client's forged entries sit left of what the proxies added.
    expect(clientAddress('10.1.2.3', '1.1.1.1, 198.51.100.1, 192.0.2.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('fd00::1', '10.0.0.5', proxies)).toBe('10.0.0.5');
    expect(clientAddress('10.1.2.3', 'not-an-address', proxies)).toBe('10.1.2.3');
    expect(clientAddress('127.0.0.1', '198.51.100.1', trustedProxies([]))).toBe('127.0.0.1');
  });

  it('is the socket address without trusted proxies: a rotating X-Forwarded-For neither escapes the login lock-out nor forges the audit', async () => {
    const app = await createTestApp({ WENZHENG_LOGIN_IP_MAX_FAILURES: '3' }, {}, { seed: false });
    try {
      for (let i = 0; i < 3; i++) {
        await request(app.callback())
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `198.51.100.${i + 1}`)
          .send({ name: `guess-${i}`, password: 'wrong password!' })
          .expect(401);
      }
      const refused = await request(app.callback())
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '198.51.100.200')
        .set('X-Forwarded-Proto', 'https')
        .send({ name: 'guess-x', password: 'wrong password!' })
        .expect(429);
      // Nor is a client's X-Forwarded-Proto believed.
      expect(refused.headers['strict-transport-security']).toBeUndefined();
      const ips = (await app.db.dataSource.getRepository(AuditEvent).find()).map((e) => e.ip);
      expect(ips.length).toBeGreaterThan(0);
      expect(ips.every((ip) => ip === '127.0.0.1' || ip === '::ffff:127.0.0.1' || ip === '::1')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses a WENZHENG_TRUSTED_PROXIES entry that is not an address or block, naming the variable', () => {
    expect(() => loadConfig({ WENZHENG_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(
      /WENZHENG_TRUSTED_PROXIES: must be a comma-separated list of IP addresses or CIDR blocks/,
    );
    expect(loadConfig({ WENZHENG_TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12' }).trustedProxies).toEqual(['10.0.0.1', '172.16.0.0/12']);
  });
});
