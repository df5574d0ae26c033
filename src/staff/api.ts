import type Router from '@koa/router';
import { z } from 'zod';
import type { Understood } from '../app';
import { auditRoutes } from '../audit/routes';
import type { Database } from '../db/database';
import { apiRouter, openApiDocument, publicRoute, type ApiRoute } from '../http/openapi';
import { createRateLimiter } from '../http/rateLimit';
import { kbRoutes } from '../kbApi/routes';
import type { LiveKnowledge } from '../knowledge/liveKnowledge';
import { createLogin, staffAuthenticator, type LoginPolicy } from './auth';
import { authRoutes, staffAdminRoutes } from './routes';

export interface StaffApiDeps {
  db: Database;
  knowledge: LiveKnowledge;
  now: () => Date;
  understand(text: string, now: Date): Understood;
  bodyLimitBytes: number;
  login: LoginPolicy & { ipMaxFailures: number };
  /** Routes of other modules (disclosure requests, hotline tickets) declared the same way. */
  extraRoutes?: ApiRoute[];
}

export interface StaffApi {
  router: Router;
  /** Every declared route, the OpenAPI document's included. */
  routes: ApiRoute[];
  document: ReturnType<typeof openApiDocument>;
}

/** Largest entry file the import route accepts. */
const IMPORT_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The authenticated JSON API behind the staff console: auth, accounts, the audit trail and the
 * interpreters' knowledge API, every route declared with its roles and schemas.
 */
export function createStaffApi(deps: StaffApiDeps): StaffApi {
  const { db, now } = deps;
  const ipFailures = createRateLimiter({ limit: deps.login.ipMaxFailures, windowMs: deps.login.lockoutMinutes * 60_000, now });
  const login = createLogin({ db, now, policy: deps.login, ipFailures });
  const routes: ApiRoute[] = [
    ...authRoutes({ db, now, login, policy: deps.login }),
    ...staffAdminRoutes({ db, now, login, policy: deps.login }),
    ...auditRoutes({ db }),
    ...kbRoutes({ db, knowledge: deps.knowledge, now, understand: deps.understand, importLimitBytes: Math.max(IMPORT_LIMIT_BYTES, deps.bodyLimitBytes) }),
    ...(deps.extraRoutes ?? []),
  ];
  let document: StaffApi['document'] | null = null;
  const openApiRoute = publicRoute({
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    tag: 'meta',
    summary: 'This document: every staff route with its roles and schemas',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    async handler() {
      return documentOf();
    },
  });
  routes.push(openApiRoute);
  const documentOf = () =>
    (document ??= openApiDocument(routes, {
      title: 'wenzheng staff API',
      version: '1',
      description: 'The authenticated JSON API for the people behind the 问政 chat-bot: operators, disclosure officers, interpreters and admins.',
    }));
  const router = apiRouter(routes, { authenticate: staffAuthenticator({ db, now }), bodyLimitBytes: deps.bodyLimitBytes });
  return {
    router,
    routes,
    get document() {
      return documentOf();
    },
  };
}
