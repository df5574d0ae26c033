import type { Context } from 'koa';
import { z } from 'zod';
import { apiActor } from './audit/context';
import type { AuditActor } from './audit/repository';
import { routeBuilder } from '../platform/http/openapi';
import type { StaffPrincipal } from './auth';

/** Routes a staff token must call; the handler gets the principal. */
export const staffRoute = routeBuilder<StaffPrincipal>();

/** The audit actor of a staff request. */
export const actorOf = (ctx: Context, principal: StaffPrincipal): AuditActor => apiActor(ctx, principal);

/** `?flag=true|false` */
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A whole number in a query string. */
export const intQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
