import type Router from '@koa/router';
import { openApiPath, type Access } from '../../src/platform/http/openapi';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from './support';

type Operation = {
  operationId: string;
  tags: string[];
  'x-roles': unknown;
  security: unknown[];
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};

describe('the OpenAPI document', () => {
  let app: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
    doc = (await api(app).get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => app.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('is public OpenAPI 3.1 with a bearer security scheme for staff and one for citizens', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.chatToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
  });

  const securityOf = (access: Access) => {
    if (access === 'public') return [];
    if (access === 'citizen') return [{ chatToken: [] }];
    if (access === 'publicOrCitizen') return [{ chatToken: [] }, {}];
    return [{ bearerAuth: [] }];
  };

  it('documents exactly the declared routes, staff and citizen, each with its access, parameters, body and responses', () => {
    const routes = [...app.staffApi.routes, ...app.citizenRoutes];
    const declared = routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    expect(
      operations()
        .map(({ method, path }) => `${method} ${path}`)
        .sort(),
    ).toEqual(declared);
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);

    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)][route.method];
      expect(op['x-roles']).toEqual(route.access);
      expect(op.security).toEqual(securityOf(route.access));
      const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
      expect(Boolean(op.requestBody)).toBe(Boolean(route.body));
      const success = op.responses[String(route.status ?? 200)];
      expect(success.content?.['application/json'].schema).toEqual(expect.any(Object));
      if (route.access === 'citizen') {
        expect(Object.keys(op.responses)).toContain('401');
        expect(Object.keys(op.responses)).not.toContain('403');
      } else if (route.access !== 'public' && route.access !== 'publicOrCitizen') {
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(response.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  const resolve = (schema: Record<string, unknown> | undefined) => {
    const ref = schema?.$ref as string | undefined;
    return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
  };

  it('names shared schemas as components, and every reference resolves', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['KnowledgeEntry', 'KnowledgeEntryBody', 'StaffAccount', 'AuditEvent', 'Instant']),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')]).toBeDefined();
    }
    // Input and output readings differ where a default applies: status is required in answers only.
    expect((doc.components.schemas.KnowledgeEntry as { required: string[] }).required).toContain('status');
    expect((doc.components.schemas.KnowledgeEntryInput as { required: string[] }).required).not.toContain('status');
  });

  it('carries the zod schemas: enums, required fields, query parameters and alternative formats', () => {
    const create = doc.paths['/api/v1/kb/entries'].post;
    const body = resolve(create.requestBody?.content['application/json'].schema) as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
    };
    expect(body.properties.kind.enum).toEqual(['guide', 'interpretation', 'faq']);
    expect(body.required).toEqual(expect.arrayContaining(['key', 'kind', 'title', 'questions', 'answer']));
    expect(body.required).not.toContain('status');
    const list = doc.paths['/api/v1/kb/entries'].get;
    expect(list.parameters.map((p) => p.name)).toEqual([
      'q',
      'status',
      'kind',
      'department',
      'validity',
      'expiringWithinDays',
      'limit',
      'offset',
    ]);
    expect(list.parameters.every((p) => p.in === 'query' && p.required === false)).toBe(true);
    expect(Object.keys(doc.paths['/api/v1/kb/import'].post.requestBody?.content ?? {})).toEqual(['application/json', 'application/yaml']);
    expect(Object.keys(doc.paths['/api/v1/kb/export'].get.responses['200'].content ?? {})).toEqual([
      'application/json',
      'application/yaml',
    ]);
    expect(doc.paths['/api/v1/kb/entries/{key}'].put.parameters.find((p) => p.in === 'header')?.name).toBe('if-match');
    expect(doc.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
  });

  /** Every citizen route the app serves under /api/v1, and how it is called. */
  const CITIZEN_SECURITY: Record<string, 'none' | 'chat token' | 'optional chat token'> = {
    'GET /api/v1/public/entries': 'none',
    'GET /api/v1/public/entries/:key': 'none',
    'GET /api/v1/public/hot': 'none',
    'GET /api/v1/public/departments': 'none',
    'GET /api/v1/public/forms': 'none',
    'POST /api/v1/chat': 'optional chat token',
    'GET /api/v1/me/data': 'chat token',
    'DELETE /api/v1/me/data': 'chat token',
    'GET /api/v1/chat/messages': 'chat token',
    'POST /api/v1/chat/logout': 'chat token',
    'POST /api/v1/auth/miniprogram': 'none',
    'GET /api/v1/me/requests': 'chat token',
    'POST /api/v1/me/requests': 'chat token',
    'GET /api/v1/me/requests/:number': 'chat token',
    'POST /api/v1/me/requests/:number/correction': 'chat token',
    'GET /api/v1/me/tickets': 'chat token',
    'POST /api/v1/me/tickets': 'chat token',
    'GET /api/v1/me/tickets/:number': 'chat token',
    'POST /api/v1/me/tickets/:number/rating': 'chat token',
  };
  const SECURITY = { none: [], 'chat token': [{ chatToken: [] }], 'optional chat token': [{ chatToken: [] }, {}] };

  it('documents every citizen route the app serves, with no authentication or the chat token', () => {
    const staff = new Set(app.staffApi.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    const mounted = app.koa.middleware
      .flatMap((mw) => (mw as unknown as { router?: Router }).router?.stack ?? [])
      .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`))
      .filter((route) => route.split(' ')[1].startsWith('/api/v1/') && !staff.has(route));
    expect(mounted.sort()).toEqual(Object.keys(CITIZEN_SECURITY).sort());
    for (const [route, security] of Object.entries(CITIZEN_SECURITY)) {
      const [method, path] = route.split(' ');
      const op = doc.paths[openApiPath(path)]?.[method.toLowerCase()];
      expect({ route, security: op?.security }).toEqual({ route, security: SECURITY[security] });
      if (security === 'chat token')
        expect({ route, status: Object.keys(op.responses) }).toEqual({ route, status: expect.arrayContaining(['401']) });
    }
  });

  it("documents a form's 422 with every invalid field, and the form it takes", () => {
    const submit = doc.paths['/api/v1/me/requests'].post;
    expect(submit.responses['422'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    const error = doc.components.schemas.Error as {
      properties: {
        error: { properties: Record<string, { type?: string; items?: { properties: Record<string, unknown>; required: string[] } }> };
      };
    };
    expect(error.properties.error.properties.fields.items?.required).toEqual(['field', 'message']);
    expect(Object.keys(error.properties.error.properties.fields.items?.properties ?? {})).toEqual(['field', 'code', 'message']);
    expect(submit.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/DisclosureApplication' });
    expect((doc.components.schemas.DisclosureApplication as { required: string[] }).required).toEqual(
      expect.arrayContaining(['applicantType', 'name', 'identity', 'phone', 'description', 'agency']),
    );
    expect(resolve(submit.responses['201'].content?.['application/json'].schema)).toMatchObject({
      required: expect.arrayContaining(['number', 'replyDue', 'warnings']),
    });
    // The staff registration takes the same application, and the ticket form the operators' appeal.
    expect(JSON.stringify(doc.paths['/api/v1/disclosure/requests'].post.requestBody)).toContain(
      '#/components/schemas/DisclosureApplication',
    );
    expect(doc.paths['/api/v1/me/tickets'].post.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TicketAppeal',
    });
    expect(doc.paths['/api/v1/threads/{id}/ticket'].post.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TicketAppeal',
    });
    expect(doc.paths['/api/v1/me/tickets'].post.responses['422']).toBeDefined();
    // A body zod checks answers 400, not 422.
    expect(Object.keys(doc.paths['/api/v1/me/tickets/{number}/rating'].post.responses)).toEqual(['200', '400', '401', '409']);
  });

  it('documents the public knowledge base as cacheable and rate-limited', () => {
    for (const path of ['/api/v1/public/entries', '/api/v1/public/entries/{key}', '/api/v1/public/hot', '/api/v1/public/departments']) {
      const op = doc.paths[path].get;
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '304', '429']));
      expect(op.parameters.find((p) => p.in === 'header')?.name).toBe('If-None-Match');
      expect(Object.keys((op.responses['200'] as { headers?: object }).headers ?? {})).toEqual(['ETag', 'Cache-Control']);
    }
    const list = doc.paths['/api/v1/public/entries'].get;
    expect(list.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
      'kind',
      'department',
      'q',
      'sort',
      'page',
      'pageSize',
    ]);
    expect(list.parameters.filter((p) => p.in === 'query').every((p) => !p.required)).toBe(true);
    expect(doc.paths['/api/v1/public/entries/{key}'].get.responses['404']).toBeDefined();
  });

  it('describes what the server really answers (responses are checked against the same schemas)', async () => {
    const token = await addStaff(app, 'doc-reader', ['interpreter', 'admin']);
    for (const path of ['/api/v1/auth/me', '/api/v1/staff', '/api/v1/audit', '/api/v1/kb/entries', '/api/v1/kb/gaps']) {
      await api(app).get(path).set(bearer(token)).expect(200);
    }
    const chat = (await api(app).post('/api/v1/chat').send({ text: '你好' }).expect(200)).body as { token: string };
    for (const path of [
      '/api/v1/chat/messages',
      '/api/v1/me/requests',
      '/api/v1/me/tickets',
      '/api/v1/public/entries',
      '/api/v1/public/hot',
      '/api/v1/public/departments',
    ]) {
      await api(app).get(path).set(bearer(chat.token)).expect(200);
    }
  });
});
