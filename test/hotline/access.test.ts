import { ROLES, type Role } from '../../entities/StaffAccount';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';

/** Who may call the hotline and thread routes: operators; the report and the reference also admins. */
const EXPECTED: Record<string, readonly Role[]> = {
  'GET /api/v1/hotline/reference': ['operator', 'admin'],
  'GET /api/v1/hotline/report': ['operator', 'admin'],
  'GET /api/v1/tickets': ['operator'],
  'GET /api/v1/tickets/:number': ['operator'],
  'GET /api/v1/tickets/:number/dispatch-sheet': ['operator'],
  'POST /api/v1/tickets/:number/dispatch': ['operator'],
  'POST /api/v1/tickets/:number/sign': ['operator'],
  'POST /api/v1/tickets/:number/reply': ['operator'],
  'POST /api/v1/tickets/:number/callback': ['operator'],
  'POST /api/v1/tickets/:number/close': ['operator'],
  'POST /api/v1/tickets/:number/supervise': ['operator'],
  'POST /api/v1/tickets/:number/reopen': ['operator'],
  'GET /api/v1/threads': ['operator'],
  'GET /api/v1/threads/stream': ['operator'],
  'GET /api/v1/threads/:id': ['operator'],
  'GET /api/v1/threads/:id/messages': ['operator'],
  'GET /api/v1/threads/operators': ['operator'],
  'POST /api/v1/threads/:id/claim': ['operator'],
  'POST /api/v1/threads/:id/messages': ['operator'],
  'POST /api/v1/threads/:id/release': ['operator'],
  'POST /api/v1/threads/:id/transfer': ['operator'],
  'POST /api/v1/threads/:id/ticket': ['operator'],
};

describe('access to the hotline and thread routes', () => {
  let app: TestApp;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
    for (const role of ROLES) tokens.set(role, await addStaff(app, `only-${role.replace('_', '-')}`, [role]));
  });
  afterAll(() => app.close());

  const call = (route: string, headers: Record<string, string>) => {
    const [method, path] = route.split(' ');
    const concrete = path.replace(':number', '12345-2026-000001').replace(':id', '1');
    return api(app)[method.toLowerCase() as 'get' | 'post'](concrete).set(headers).send({});
  };

  it('are all declared in the OpenAPI registry with these roles', () => {
    const declared = app.staffApi.routes.filter((r) => /^\/api\/v1\/(tickets|threads|hotline)/.test(r.path));
    expect(Object.fromEntries(declared.map((r) => [`${r.method.toUpperCase()} ${r.path}`, [...(r.access as string[])].sort()]))).toEqual(
      Object.fromEntries(Object.entries(EXPECTED).map(([route, roles]) => [route, [...roles].sort()])),
    );
    const paths = Object.keys(app.staffApi.document.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/threads/{id}/claim', '/api/v1/tickets/{number}/dispatch-sheet', '/api/v1/threads/stream']),
    );
  });

  describe.each(Object.entries(EXPECTED))('%s', (route, allowed) => {
    it('answers 401 without a token', async () => {
      expect((await call(route, {})).status).toBe(401);
    });

    it('answers 403 to the other roles and lets the allowed ones through', async () => {
      for (const role of ROLES) {
        const status =
          route === 'GET /api/v1/threads/stream' && allowed.includes(role) ? null : (await call(route, bearer(tokens.get(role)!))).status;
        if (allowed.includes(role)) expect({ role, status }).not.toEqual({ role, status: 403 });
        else expect({ role, status }).toEqual({ role, status: 403 });
      }
    });
  });

  it('lets an admin read the monthly report over the API', async () => {
    const res = await api(app)
      .get('/api/v1/hotline/report?month=2026-11')
      .set(bearer(tokens.get('admin')!))
      .expect(200);
    expect(res.body).toMatchObject({ month: '2026-11', total: 0, composite: null });
    const md = await api(app)
      .get('/api/v1/hotline/report?month=2026-11&format=md')
      .set(bearer(tokens.get('admin')!))
      .expect(200);
    expect(md.type).toBe('text/markdown');
    await api(app)
      .get('/api/v1/hotline/report?month=2026-1')
      .set(bearer(tokens.get('admin')!))
      .expect(400);
  });
});
