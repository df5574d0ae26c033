import { openApiPath } from '../../src/http/openapi';
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

  const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('is public OpenAPI 3.1 with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
  });

  it('documents exactly the declared routes, each with its roles, parameters, body and responses', () => {
    const declared = app.staffApi.routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    expect(operations().map(({ method, path }) => `${method} ${path}`).sort()).toEqual(declared);
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);

    for (const route of app.staffApi.routes) {
      const op = doc.paths[openApiPath(route.path)][route.method];
      expect(op['x-roles']).toEqual(route.access);
      expect(op.security).toEqual(route.access === 'public' ? [] : [{ bearerAuth: [] }]);
      const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
      expect(Boolean(op.requestBody)).toBe(Boolean(route.body));
      const success = op.responses[String(route.status ?? 200)];
      expect(success.content?.['application/json'].schema).toEqual(expect.any(Object));
      if (route.access !== 'public') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
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
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['KnowledgeEntry', 'KnowledgeEntryBody', 'StaffAccount', 'AuditEvent', 'Instant']));
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
    const body = resolve(create.requestBody?.content['application/json'].schema) as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(body.properties.kind.enum).toEqual(['guide', 'interpretation', 'faq']);
    expect(body.required).toEqual(expect.arrayContaining(['key', 'kind', 'title', 'questions', 'answer']));
    expect(body.required).not.toContain('status');
    const list = doc.paths['/api/v1/kb/entries'].get;
    expect(list.parameters.map((p) => p.name)).toEqual(['q', 'status', 'kind', 'department', 'validity', 'expiringWithinDays', 'limit', 'offset']);
    expect(list.parameters.every((p) => p.in === 'query' && p.required === false)).toBe(true);
    expect(Object.keys(doc.paths['/api/v1/kb/import'].post.requestBody?.content ?? {})).toEqual(['application/json', 'application/yaml']);
    expect(Object.keys(doc.paths['/api/v1/kb/export'].get.responses['200'].content ?? {})).toEqual(['application/json', 'application/yaml']);
    expect(doc.paths['/api/v1/kb/entries/{key}'].put.parameters.find((p) => p.in === 'header')?.name).toBe('if-match');
    expect(doc.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
  });

  it('describes what the server really answers (responses are checked against the same schemas)', async () => {
    const token = await addStaff(app, 'doc-reader', ['interpreter', 'admin']);
    for (const path of ['/api/v1/auth/me', '/api/v1/staff', '/api/v1/audit', '/api/v1/kb/entries', '/api/v1/kb/gaps']) {
      await api(app).get(path).set(bearer(token)).expect(200);
    }
  });
});
