import type Router from '@koa/router';
import { z } from 'zod';
import type { Understood } from '../conversation/understanding';
import { auditRoutes } from '../staff/auditRoutes';
import type { Database } from '../platform/db/database';
import { apiRouter, openApiDocument, publicRoute, type ApiRoute } from '../platform/http/openapi';
import { sharedRateLimiter } from '../platform/http/rateLimit';
import { kbRoutes } from './kb/routes';
import type { LiveKnowledge } from '../knowledge/liveKnowledge';
import { createLogin, staffAuthenticator, type LoginPolicy } from '../staff/auth';
import { authRoutes, staffAdminRoutes } from '../staff/routes';

export interface StaffApiDeps {
  db: Database;
  knowledge: LiveKnowledge;
  now: () => Date;
  understand(text: string, now: Date): Understood;
  replyTo(text: string, now: Date): string[];
  bodyLimitBytes: number;
  /** WENZHENG_KB_SELF_PUBLISH: an interpreter may publish a change they saved themselves. */
  kbSelfPublish: boolean;
  login: LoginPolicy & { ipMaxFailures: number };
  /** Routes of other modules (disclosure requests, hotline tickets) declared the same way. */
  extraRoutes?: ApiRoute[];
  /** The citizen routes: served by a router of their own (chat tokens, never staff tokens), documented here. */
  citizenRoutes?: ApiRoute[];
}

export interface StaffApi {
  router: Router;
  /** Every declared staff route, the OpenAPI document's included. */
  routes: ApiRoute[];
  /** The staff and the citizen routes. */
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
  const ipFailures = sharedRateLimiter(db, 'login-ip', {
    limit: deps.login.ipMaxFailures,
    windowMs: deps.login.lockoutMinutes * 60_000,
    now,
  });
  const login = createLogin({ db, now, policy: deps.login, ipFailures });
  const routes: ApiRoute[] = [
    ...authRoutes({ db, now, login, policy: deps.login }),
    ...staffAdminRoutes({ db, now, login, policy: deps.login }),
    ...auditRoutes({ db }),
    ...kbRoutes({
      db,
      knowledge: deps.knowledge,
      now,
      understand: deps.understand,
      replyTo: deps.replyTo,
      importLimitBytes: Math.max(IMPORT_LIMIT_BYTES, deps.bodyLimitBytes),
      selfPublish: deps.kbSelfPublish,
    }),
    ...(deps.extraRoutes ?? []),
  ];
  let document: StaffApi['document'] | null = null;
  const openApiRoute = publicRoute({
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    tag: 'meta',
    summary: 'This document: every /api/v1 route, staff and citizen, with who may call it and its schemas',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    async handler() {
      return documentOf();
    },
  });
  routes.push(openApiRoute);
  // One document for all of /api/v1, not one per audience: the citizen routes share the error
  // format and the components, each operation states its own security (none, chatToken or
  // bearerAuth), and client generators and reviewers get one file that cannot miss a route.
  const documentOf = () =>
    (document ??= openApiDocument([...(deps.citizenRoutes ?? []), ...routes], {
      title: 'wenzheng API',
      version: '1',
      description:
        'The JSON API of the 问政 chat-bot. Citizens: web chat, mini-program login, the public knowledge base, their own disclosure requests and 12345 tickets (chat token or none). Staff: operators, disclosure officers, interpreters and admins (staff token).',
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
