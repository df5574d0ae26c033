import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import type { Role } from '../../entities/StaffAccount';
import { staffService } from '../../src/staff/service';
import type { TestApp } from '../support/testApp';

/** Creates an account directly (as `wenzheng staff add` does) and returns its API token. */
export async function addStaff(
  app: TestApp,
  name: string,
  roles: Role[],
  extra: { password?: string; displayName?: string; phone?: string } = {},
): Promise<string> {
  const { token } = await staffService.create(app.db, { name, roles, ...extra }, SYSTEM_ACTOR, app.clock.now);
  return token;
}

export const api = (app: TestApp) => request(app.callback());

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Adds an entry as a policy interpreter would, through the API, and returns that interpreter's token. */
export async function postEntry(app: TestApp, entry: object, interpreter = 'li-interpreter'): Promise<string> {
  const token = await addStaff(app, interpreter, ['interpreter']);
  await api(app).post('/api/v1/kb/entries').set(bearer(token)).send(entry).expect(201);
  return token;
}
