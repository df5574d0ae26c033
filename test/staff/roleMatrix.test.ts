import type Router from '@koa/router';
import { staffTokens } from '../../src/staff/repository';
import { ROLES, type Role } from '../../entities/StaffAccount';
import { staffService } from '../../src/staff/service';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from './support';

type Allowed = readonly Role[] | 'any';

/**
 * Who may use which staff route. A new route must be added here (the completeness test fails
 * otherwise), which forces a decision about its roles.
 */
const MATRIX: Record<string, Allowed> = {
  'GET /api/v1/auth/me': 'any',
  'POST /api/v1/auth/logout': 'any',
  'POST /api/v1/auth/password': 'any',
  'GET /api/v1/staff': ['admin'],
  'POST /api/v1/staff': ['admin'],
  'GET /api/v1/staff/:name': ['admin'],
  'PATCH /api/v1/staff/:name': ['admin'],
  'POST /api/v1/staff/:name/token': ['admin'],
  'GET /api/v1/audit': ['admin'],
  'GET /api/v1/kb/entries': ['interpreter'],
  'POST /api/v1/kb/entries': ['interpreter'],
  'GET /api/v1/kb/entries/:key': ['interpreter'],
  'PUT /api/v1/kb/entries/:key': ['interpreter'],
  'POST /api/v1/kb/entries/:key/publish': ['interpreter'],
  'POST /api/v1/kb/entries/:key/unpublish': ['interpreter'],
  'POST /api/v1/kb/entries/:key/archive': ['interpreter'],
  'GET /api/v1/kb/entries/:key/history': ['interpreter'],
  'GET /api/v1/kb/entries/:key/versions/:version': ['interpreter'],
  'POST /api/v1/kb/entries/:key/restore': ['interpreter'],
  'GET /api/v1/kb/entries/:key/stats': ['interpreter'],
  'GET /api/v1/kb/export': ['interpreter'],
  'POST /api/v1/kb/import': ['interpreter'],
  'POST /api/v1/kb/match': ['interpreter'],
  'GET /api/v1/kb/gaps': ['interpreter'],
  'GET /api/v1/kb/review': ['interpreter'],
  'POST /api/v1/kb/review/label': ['interpreter'],
  'GET /api/v1/kb/labels': ['interpreter'],
  'DELETE /api/v1/kb/labels/:id': ['interpreter'],
  'GET /api/v1/kb/eval': ['interpreter'],
  'POST /api/v1/kb/entries/:key/impact': ['interpreter'],
};

/** Routes anyone may call. */
const PUBLIC = ['POST /api/v1/auth/login', 'GET /api/v1/openapi.json'];

/** How citizens call their routes: no authentication or a chat token, never a staff token. */
const CITIZEN_ACCESS = ['public', 'citizen', 'publicOrCitizen'];

/** The route families this table pins; routes of other modules are checked against their declarations below. */
const MATRIX_PREFIXES = ['/api/v1/auth/', '/api/v1/staff', '/api/v1/audit', '/api/v1/kb/', '/api/v1/openapi.json'];
const inMatrixScope = (route: string) => MATRIX_PREFIXES.some((prefix) => route.split(' ')[1].startsWith(prefix));

const concrete = (path: string) =>
  path.replace(':key', 'matrix-entry').replace(':name', 'matrix-target').replace(':version', '1').replace(/:\w+/g, 'x1');

describe('roles → routes', () => {
  let app: TestApp;
  const accounts = new Map<Role, number>();
  beforeAll(async () => {
    app = await createTestApp();
    for (const role of ROLES) {
      await addStaff(app, `only-${role.replace('_', '-')}`, [role]);
      accounts.set(role, (await staffService.get(app.db, `only-${role.replace('_', '-')}`)).id);
    }
    await addStaff(app, 'matrix-target', ['operator']);
    const interpreter = await addStaff(app, 'matrix-writer', ['interpreter']);
    await api(app)
      .post('/api/v1/kb/entries')
      .set(bearer(interpreter))
      .send({ key: 'matrix-entry', kind: 'faq', title: '矩阵测试条目', questions: ['矩阵测试怎么办'], answer: '这是测试。' })
      .expect(201);
  });
  afterAll(() => app.close());

  /** A fresh token per request: logout revokes the one it is called with. */
  const tokenFor = (role: Role) =>
    app.db.transaction((tx) => staffTokens.issue(tx, accounts.get(role) as number, 'api', app.clock.now, null));

  const call = (route: string, headers: Record<string, string>) => {
    const [method, path] = route.split(' ');
    return api(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](concrete(path)).set(headers).send({});
  };

  it('covers every declared route, and every /api/v1 route the server has is declared', () => {
    const declared = app.staffApi.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const citizen = app.citizenRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(declared.filter((r) => inMatrixScope(r) && !PUBLIC.includes(r)).sort()).toEqual(Object.keys(MATRIX).sort());
    // Only the login and the document are public among all declared staff routes.
    expect(
      app.staffApi.routes
        .filter((r) => r.access === 'public')
        .map((r) => `${r.method.toUpperCase()} ${r.path}`)
        .sort(),
    ).toEqual([...PUBLIC].sort());
    expect(PUBLIC.every((r) => declared.includes(r))).toBe(true);
    for (const r of app.staffApi.routes) {
      const allowed = MATRIX[`${r.method.toUpperCase()} ${r.path}`];
      if (allowed)
        expect(allowed === 'any' ? 'authenticated' : [...r.access].sort()).toEqual(
          allowed === 'any' ? 'authenticated' : [...allowed].sort(),
        );
    }
    // Every router mounted on the app: its /api/v1 routes are declared, staff or citizen, and each one once.
    const mounted = app.koa.middleware
      .map((mw) => (mw as unknown as { router?: Router }).router)
      .filter((router): router is Router => Boolean(router))
      .flatMap((router) =>
        router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`)),
      )
      .filter((route) => route.split(' ')[1].startsWith('/api/v1/'));
    expect(mounted.sort()).toEqual([...declared, ...citizen].sort());
    // Staff routes take staff tokens, citizen routes chat tokens or none.
    expect(
      app.citizenRoutes.filter((r) => !CITIZEN_ACCESS.includes(r.access as string)).map((r) => `${r.method.toUpperCase()} ${r.path}`),
    ).toEqual([]);
    expect(
      app.staffApi.routes
        .filter((r) => r.access !== 'public' && CITIZEN_ACCESS.includes(r.access as string))
        .map((r) => `${r.method.toUpperCase()} ${r.path}`),
    ).toEqual([]);
  });

  /** Citizen routes are checked against their declarations: a chat token where they say so, and never a staff token instead. */
  it('refuses every citizen route that needs a chat token without one or with a staff token, and lets the others through', async () => {
    const staffToken = await tokenFor('admin');
    for (const r of app.citizenRoutes) {
      const route = `${r.method.toUpperCase()} ${r.path}`;
      const anonymous = await call(route, {});
      if (r.access !== 'citizen') {
        expect({ route, status: anonymous.status }).not.toEqual({ route, status: 401 });
        continue;
      }
      expect({ route, status: anonymous.status, code: anonymous.body.error?.code }).toEqual({ route, status: 401, code: 'invalid_token' });
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="wenzheng-chat"');
      expect({ route, status: (await call(route, bearer(staffToken))).status }).toEqual({ route, status: 401 });
    }
  });

  describe.each(Object.entries(MATRIX))('%s', (route, allowed) => {
    it('is refused with 401 without a token', async () => {
      const res = await call(route, {}).expect(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it.each([...ROLES])('role %s', async (role) => {
      const res = await call(route, bearer(await tokenFor(role)));
      if (allowed === 'any' || allowed.includes(role)) {
        expect([401, 403]).not.toContain(res.status);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({ code: 'forbidden', requestId: expect.any(String) });
      }
    });
  });

  /**
   * Routes other modules declare (disclosure requests, hotline tickets, threads): refused without
   * a token and for every role their declaration leaves out, before their handler runs.
   */
  it('refuses every other declared staff route without a token and for each role it does not name', async () => {
    const others = app.staffApi.routes.filter((r) => r.access !== 'public' && !inMatrixScope(`${r.method.toUpperCase()} ${r.path}`));
    for (const r of others) {
      const route = `${r.method.toUpperCase()} ${r.path}`;
      expect({ route, status: (await call(route, {})).status }).toEqual({ route, status: 401 });
      const refused = r.access === 'authenticated' ? [] : ROLES.filter((role) => !(r.access as readonly string[]).includes(role));
      for (const role of refused) {
        expect({ route, role, status: (await call(route, bearer(await tokenFor(role)))).status }).toEqual({ route, role, status: 403 });
      }
    }
  });

  it('grants the union of the roles an account holds', async () => {
    const token = await addStaff(app, 'two-hats', ['interpreter', 'admin']);
    await api(app).get('/api/v1/kb/entries').set(bearer(token)).expect(200);
    await api(app).get('/api/v1/audit').set(bearer(token)).expect(200);
    await api(app).get('/api/v1/staff').set(bearer(token)).expect(200);
  });

  it('refuses an account without roles everywhere except its own session', async () => {
    const { token } = await staffService.create(app.db, { name: 'no-roles', roles: [] }, SYSTEM_ACTOR, app.clock.now);
    await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
    const roleRoutes = app.staffApi.routes.filter((r) => Array.isArray(r.access)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(roleRoutes.length).toBeGreaterThanOrEqual(Object.values(MATRIX).filter((allowed) => allowed !== 'any').length);
    for (const route of roleRoutes) {
      expect({ route, status: (await call(route, bearer(token))).status }).toEqual({ route, status: 403 });
    }
  });
});
