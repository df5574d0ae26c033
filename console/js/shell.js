// @ts-check
/** Navigation and the logged-in account, shared by the shell and the pages. */
import { api, session } from './api.js';

/** Goes to a hash route (re-renders when it is the current one). @param {string} hash */
export function navigate(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

/** Where an account starts: the work of its first role. */
export function landing() {
  if (session.has('admin')) return '#/';
  if (session.has('operator')) return '#/queue';
  if (session.has('disclosure_officer')) return '#/disclosure';
  if (session.has('interpreter')) return '#/kb';
  return '#/';
}

/** Loads the account behind the stored token; false (and the token forgotten) when it is not valid. */
export async function loadAccount() {
  if (!session.token) return false;
  try {
    session.account = await api('GET', '/api/v1/auth/me');
    return true;
  } catch {
    session.clear();
    return false;
  }
}
