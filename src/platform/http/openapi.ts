import { createHash } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { yaml } from '../data/loadDataFile';
import { readRawBody } from './body';
import { HttpError } from './errors';
import type { RateLimiter } from './rateLimit';

/**
 * The API is declared, not just coded: every route, staff or citizen, states its method, path,
 * who may call it and the zod schemas of its input and output. The routers are built from these
 * declarations and so is the OpenAPI document, so the document cannot drift from what the server does.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * `public`: anyone; `authenticated`: any valid staff token; a role list: a staff token of an
 * account holding one of them; `citizen`: a chat token; `publicOrCitizen`: anyone, and a chat
 * token, when sent and valid, says which citizen it is.
 */
export type Access = 'public' | 'authenticated' | 'citizen' | 'publicOrCitizen' | readonly string[];

/** A body that is not JSON (a YAML export): sent as it is, not checked against the response schema. */
export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly body: string,
    readonly filename?: string,
  ) {}
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<Principal, P = unknown, Q = unknown, H = unknown, B = unknown> {
  ctx: Context;
  principal: Principal;
  params: P;
  query: Q;
  headers: H;
  body: B;
}

interface RouteCommon {
  method: HttpMethod;
  /** Koa-style: /api/v1/kb/entries/:key */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Also accept the body as YAML (Content-Type application/yaml), like the CLI's data files. */
  yamlBody?: boolean;
  /** A body limit of its own (entry files are larger than ordinary requests). */
  bodyLimitBytes?: number;
  /** The success status, 200 unless said otherwise. */
  status?: number;
  /** Other representations the success response can take, e.g. application/yaml. */
  alsoProduces?: string[];
  /** Error statuses beyond 400 (invalid input), 401 and 403 (access), 422 (form) and 429 (rate limit), which are documented automatically. */
  errors?: number[];
  /** Public data that changes only with the knowledge base: cacheable for this long, revalidated by ETag (304); everything else is no-store. */
  cache?: { maxAgeSeconds: number };
  /** Words a body that fails its schema in the route's own terms (a field's name, Chinese); the zod error as it is otherwise. */
  refuseBody?(error: z.ZodError, body: unknown): Error;
  /** Counted before anything else: past the limit, 429 with Retry-After. */
  rateLimit?: { limiter: RateLimiter; key(ctx: Context): string };
}

export interface RouteSpec<Principal, P, Q, H, B, R extends z.ZodType> extends RouteCommon {
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  response: R;
  handler(input: RouteInput<Principal, Parsed<P>, Parsed<Q>, Parsed<H>, Parsed<B>>): Promise<z.input<R> | RawResponse>;
}

/** A declared route, its types erased so routes of every shape fit in one list. */
export interface ApiRoute extends RouteCommon {
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  handler(input: RouteInput<unknown>): Promise<unknown>;
}

/** `const staffRoute = routeBuilder<StaffPrincipal>()` types every handler's principal. */
export function routeBuilder<Principal>() {
  return <
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    H extends z.ZodObject | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends z.ZodType = z.ZodType,
  >(
    spec: RouteSpec<Principal, P, Q, H, B, R>,
  ): ApiRoute => spec as unknown as ApiRoute;
}

/** Routes anyone may call (staff login, the OpenAPI document, the public knowledge base). */
export const publicRoute = routeBuilder<null>();

/**
 * How a router knows its callers; a router given a route whose access it cannot check refuses to
 * be built, so a citizen route never ends up behind the staff authenticator or the reverse.
 */
export interface ApiRouterOptions {
  /** Resolves the staff caller or throws a 401. */
  authenticate?(ctx: Context): Promise<{ roles: readonly string[] }>;
  /** Resolves the citizen behind the chat token or throws a 401. */
  authenticateCitizen?(ctx: Context): Promise<unknown>;
  /** The citizen behind the chat token, or null when there is none or it is unknown. */
  identifyCitizen?(ctx: Context): Promise<unknown>;
  bodyLimitBytes: number;
}

/** A form's body, carrying the schema that documents it. */
type FormBody = z.ZodRecord<z.ZodString, z.ZodUnknown> & { readonly formFields: z.ZodType };

/**
 * The body of a form: the handler gets the JSON object as sent and validates it itself, so that
 * the 422 names every invalid field at once (`invalidFields`); `fields` documents what it takes.
 */
export function formBody(fields: z.ZodType): FormBody {
  return Object.assign(z.record(z.string(), z.unknown()), { formFields: fields });
}

/** The fields a route's form body takes, or undefined when its body is no form. */
const formOf = (route: ApiRoute): z.ZodType | undefined =>
  route.body && 'formFields' in route.body ? (route.body as FormBody).formFields : undefined;

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

async function readBody(ctx: Context, route: ApiRoute, limitBytes: number): Promise<unknown> {
  const raw = (await readRawBody(ctx, limitBytes)).toString('utf8');
  if (route.yamlBody && ctx.is(YAML_TYPES)) {
    try {
      return yaml().parse(raw);
    } catch (err) {
      throw new HttpError(400, 'malformed_yaml', `request body is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'malformed_json', 'request body is not valid JSON');
  }
}

export function describeAccess(access: Access): string {
  if (access === 'public') return 'no authentication';
  if (access === 'authenticated') return 'any staff account';
  if (access === 'citizen') return 'a chat token (POST /api/v1/chat or POST /api/v1/auth/miniprogram)';
  if (access === 'publicOrCitizen') return "no authentication; a chat token, when sent, continues that citizen's conversation";
  return `role ${access.join(' or ')}`;
}

const routeName = (route: ApiRoute) => `${route.method.toUpperCase()} ${route.path}`;

/** The route's caller: null for public routes, else whom its access names (401/403 otherwise). */
function principalResolver(route: ApiRoute, options: ApiRouterOptions): (ctx: Context) => Promise<unknown> {
  const { access } = route;
  if (access === 'public') return async () => null;
  const resolve =
    access === 'citizen' ? options.authenticateCitizen : access === 'publicOrCitizen' ? options.identifyCitizen : options.authenticate;
  if (!resolve) throw new Error(`${routeName(route)}: this router cannot check ${describeAccess(access)}`);
  if (!Array.isArray(access)) return resolve;
  const roles: readonly string[] = access;
  return async (ctx) => {
    const principal = (await resolve(ctx)) as { roles: readonly string[] };
    if (!roles.some((role) => principal.roles.includes(role)))
      throw new HttpError(403, 'forbidden', `${routeName(route)} needs the ${describeAccess(access)}`);
    return principal;
  };
}

/** A strong ETag over the exact bytes sent lets clients and proxies revalidate cheaply. */
function sendCacheable(ctx: Context, body: unknown, maxAgeSeconds: number): void {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  ctx.set('ETag', etag);
  if (ctx.get('if-none-match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = json;
}

function parseBody(route: ApiRoute, schema: z.ZodType, raw: unknown): unknown {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw route.refuseBody ? route.refuseBody(parsed.error, raw) : parsed.error;
}

/**
 * Builds the router: the rate limit and access first (429, 401, 403 before the body is even
 * read), then path, query, headers and body validated by their schemas, then the handler, whose
 * result must match the response schema (a mismatch is a 500, never an undocumented body).
 */
export function apiRouter(routes: readonly ApiRoute[], options: ApiRouterOptions): Router {
  const router = new Router();
  for (const route of routes) {
    const principalOf = principalResolver(route, options);
    router.register(route.path, [route.method.toUpperCase()], async (ctx) => {
      if (route.rateLimit) {
        const decision = await route.rateLimit.limiter.hit(route.rateLimit.key(ctx));
        if (!decision.allowed) {
          ctx.set('Retry-After', String(decision.retryAfterSeconds));
          throw new HttpError(429, 'rate_limited', '请求太频繁，请稍后再试');
        }
      }
      // A cacheable answer says so once it is known; anything else, errors included, is never stored.
      if (!route.cache) ctx.set('Cache-Control', 'no-store');
      const principal = await principalOf(ctx);
      const params = route.params?.parse(ctx.params);
      const query = route.query?.parse(ctx.query);
      const headers = route.headers?.parse(ctx.headers);
      const body = route.body
        ? parseBody(route, route.body, await readBody(ctx, route, route.bodyLimitBytes ?? options.bodyLimitBytes))
        : undefined;
      const result = await route.handler({ ctx, principal, params, query, headers, body });
      ctx.status = route.status ?? 200;
      if (result instanceof RawResponse) {
        ctx.type = result.contentType;
        if (result.filename) ctx.attachment(result.filename);
        ctx.body = result.body;
        return;
      }
      const checked = route.response.safeParse(result);
      if (!checked.success) {
        throw new Error(`${routeName(route)}: response does not match its schema: ${checked.error.message}`);
      }
      if (route.cache) sendCacheable(ctx, checked.data, route.cache.maxAgeSeconds);
      else ctx.body = checked.data;
    });
  }
  return router;
}

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    fields: z.array(z.object({ field: z.string(), code: z.string().optional(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `field` names the first field at fault, `fields` all of them',
  401: 'no valid token: missing, unknown, expired, revoked, or the account is disabled',
  403: 'the account lacks the role this route needs',
  404: 'no such object',
  409: 'conflicts with the current state (exists already, changed meanwhile)',
  412: 'If-Match does not match the current version',
  413: 'request body too large',
  422: 'the form has mistakes: `fields` names every invalid field with an English `code` and a Chinese `message`, `field` the first',
  429: 'too many attempts; Retry-After says when to try again',
  503: 'a service this route depends on (WeChat) did not answer; try again later',
};

type JsonSchema = Record<string, unknown>;

/**
 * Schemas with a name here become components (#/components/schemas/<id>) instead of being
 * repeated inline wherever they are used.
 */
export const apiSchemas = z.registry<{ id: string }>();

export function named<S extends z.ZodType>(schema: S, id: string): S {
  apiSchemas.add(schema, { id });
  return schema;
}

/** An instant in responses: ISO 8601, UTC. */
export const instant = named(z.iso.datetime(), 'Instant');

const DEFS_REF = /^#\/\$defs\/(.+)$/;

function mapRefs(json: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(json)) return json.map((item) => mapRefs(item, rename));
  if (!json || typeof json !== 'object') return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => {
      const m = key === '$ref' && typeof value === 'string' ? DEFS_REF.exec(value) : null;
      return [key, m ? `#/components/schemas/${rename(m[1])}` : mapRefs(value, rename)];
    }),
  );
}

/**
 * Converts zod schemas for one document. A named schema may read differently as input (defaults
 * make fields optional) and as output; it becomes one component when both read the same, and
 * <id> plus <id>Input otherwise.
 */
function schemaCollector() {
  const defs = { input: new Map<string, JsonSchema>(), output: new Map<string, JsonSchema>() };
  const pending: { io: 'input' | 'output'; json: JsonSchema; target: JsonSchema }[] = [];

  return {
    convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
      const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', metadata: apiSchemas }) as JsonSchema;
      const { $schema: _ignored, $defs, ...json } = converted;
      for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) defs[io].set(id, def);
      // Filled in by finish(), when every named schema has been seen in both readings.
      const target: JsonSchema = {};
      pending.push({ io, json, target });
      return target;
    },

    finish(): Record<string, JsonSchema> {
      const same = new Set(
        [...defs.input.keys()].filter((id) => JSON.stringify(defs.input.get(id)) === JSON.stringify(defs.output.get(id))),
      );
      // A shared definition must only refer to shared ones.
      for (let changed = true; changed;) {
        changed = false;
        for (const id of same) {
          const refs = [...JSON.stringify(defs.input.get(id)).matchAll(/"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]);
          if (refs.some((ref) => !same.has(ref))) {
            same.delete(id);
            changed = true;
          }
        }
      }
      const nameOf = (io: 'input' | 'output') => (id: string) =>
        io === 'output' || same.has(id) || !defs.output.has(id) ? id : `${id}Input`;
      for (const { io, json, target } of pending) Object.assign(target, mapRefs(json, nameOf(io)));
      const components: Record<string, JsonSchema> = {};
      for (const io of ['output', 'input'] as const) {
        for (const [id, def] of defs[io]) components[nameOf(io)(id)] = mapRefs(def, nameOf(io)) as JsonSchema;
      }
      return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
    },
  };
}

function parametersOf(schemas: ReturnType<typeof schemaCollector>, schema: z.ZodObject | undefined, location: 'path' | 'query' | 'header') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const description = (field as z.ZodType).description;
    return {
      name,
      in: location,
      required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: schemas.convert(field as z.ZodType, 'input'),
    };
  });
}

export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Staff routes take the staff bearer token, citizen routes the chat token (optional for `publicOrCitizen`). */
function securityOf(access: Access): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'citizen') return [{ chatToken: [] }];
  if (access === 'publicOrCitizen') return [{ chatToken: [] }, {}];
  return [{ bearerAuth: [] }];
}

const CITIZEN_401 = 'no valid chat token: missing or unknown (WWW-Authenticate: Bearer realm="wenzheng-chat")';
const OPTIONAL_CITIZEN_401 =
  'invalid_token: a chat token was sent but is unknown or no longer valid; send again without one to start a new conversation';

function accessStatuses(access: Access): number[] {
  if (access === 'public') return [];
  if (access === 'publicOrCitizen') return [401];
  if (access === 'citizen') return [401];
  return [401, 403];
}

const CACHE_HEADERS = {
  ETag: { description: 'strong validator of this body, for If-None-Match', schema: { type: 'string' } },
  'Cache-Control': { description: 'public, max-age=<seconds>', schema: { type: 'string' } },
};

/** The OpenAPI 3.1 document of the routes (its schemas are JSON Schema 2020-12, as 3.1 uses). */
export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string; description?: string }) {
  const schemas = schemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const route of routes) {
    const hasInput = Boolean(route.params || route.query || route.headers || route.body);
    const form = formOf(route);
    const statuses = [
      ...(hasInput ? [400] : []),
      ...accessStatuses(route.access),
      ...(form ? [422] : []),
      ...(route.rateLimit ? [429] : []),
      ...(route.errors ?? []),
    ];
    const success = schemas.convert(route.response, 'output');
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, `Access: ${describeAccess(route.access)}.`].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      'x-roles': route.access,
      security: securityOf(route.access),
      parameters: [
        ...parametersOf(schemas, route.params, 'path'),
        ...parametersOf(schemas, route.query, 'query'),
        ...parametersOf(schemas, route.headers, 'header'),
        ...(route.cache
          ? [
              {
                name: 'If-None-Match',
                in: 'header',
                required: false,
                description: 'the ETag of a copy held: 304 while it is current',
                schema: { type: 'string' },
              },
            ]
          : []),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                ['application/json', ...(route.yamlBody ? ['application/yaml'] : [])].map((type) => [
                  type,
                  { schema: schemas.convert(form ?? (route.body as z.ZodType), 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'success',
          ...(route.cache ? { headers: CACHE_HEADERS } : {}),
          content: Object.fromEntries(['application/json', ...(route.alsoProduces ?? [])].map((type) => [type, { schema: success }])),
        },
        ...(route.cache ? { 304: { description: 'not modified: If-None-Match names the current ETag', headers: CACHE_HEADERS } } : {}),
        ...Object.fromEntries(
          [...new Set(statuses)].sort().map((status) => [
            String(status),
            {
              description:
                (status === 401 && route.access === 'citizen'
                  ? CITIZEN_401
                  : status === 401 && route.access === 'publicOrCitizen'
                    ? OPTIONAL_CITIZEN_401
                    : ERROR_DESCRIPTIONS[status]) ?? 'error',
              content: { 'application/json': { schema: errorRef } },
            },
          ]),
        ),
      },
    };
    paths[openApiPath(route.path)] ??= {};
    paths[openApiPath(route.path)][route.method] = operation;
  }
  const error = schemas.convert(errorSchema, 'output');
  const components = schemas.finish();
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'a staff token: `wenzheng staff add`/`staff token` (until rotated) or POST /api/v1/auth/login (expires)',
        },
        chatToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "a citizen's chat token: returned by POST /api/v1/chat (web chat) or POST /api/v1/auth/miniprogram (wx.login); it identifies the citizen's conversation and is never a staff token",
        },
      },
      schemas: { Error: error, ...components },
    },
  };
}
