/**
 * The staff console: static files of console/ under /console/, from the same server as the API
 * it calls. A single-page app (hash routes), so only /console/ serves index.html; anything else
 * is one of the files, or 404.
 *
 * No build step: the files are plain ES modules, CSS and HTML. Each response carries a strong
 * ETag and `Cache-Control: no-cache`, so browsers revalidate (304) and never run a stale console
 * after an upgrade. The CSP allows only 'self': no inline script or style, no other origin.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { SECTION_LABELS } from '../../dialogue/replies';
import {
  DELIVERY_LABELS as DISCLOSURE_DELIVERY_LABELS,
  FORM_LABELS as DISCLOSURE_FORM_LABELS,
  IDENTITY_KIND_LABELS as DISCLOSURE_IDENTITY_KIND_LABELS,
} from '../../cases/disclosure/application';
import { EVENT_LABELS as DISCLOSURE_EVENT_LABELS } from '../../cases/disclosure/texts';
import { PROCEEDING_RESULTS, PROCEEDINGS } from '../../cases/disclosure/rules/annualReport';
import { RATE_LABELS as HOTLINE_RATE_LABELS } from '../../cases/hotline/report';
import {
  RATING_LABELS,
  RESOLUTION_LABELS as TICKET_RESOLUTION_LABELS,
  TICKET_FLOW,
  VIA_LABELS as TICKET_VIA_LABELS,
} from '../../cases/hotline/texts';
import { REVIEW_REASON_LABELS } from '../../knowledge/review/queue';
import { IMPACT_LABELS } from '../../knowledge/review/service';
import { VALIDITIES, VALIDITY_LABELS } from '../../knowledge/service';
import { ENTRY_KINDS, ENTRY_STATUSES, GUIDE_SECTIONS, INTERPRETATION_SECTIONS } from '../../../entities/knowledgeEntryFile';
import { choicesOf } from '../../platform/http/choices';
import {
  AUTHOR_LABELS,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  DECISION_LABELS,
  ENTRY_FIELD_LABELS,
  ENTRY_KIND_LABELS,
  ENTRY_STATUS_LABELS,
  ROLE_LABELS,
  SOURCE_FIELD_LABELS,
  THREAD_STATUS_LABELS,
} from '../../staff/labels';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** What is served of console/: the page, its stylesheet and icon, and the modules. */
const SERVED_FILES = new Set(['index.html', 'app.css', 'favicon.svg']);
const SERVED_FOLDERS = ['js/', 'assets/'];

/** The console/ folder: next to src/ in the repository, whether running from src/ (ts) or dist/src/ (compiled). */
export function findConsoleDir(from = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
}

export interface ConsoleRouteOptions {
  /** Where the files are; found from this module's location when left out. */
  dir?: string;
}

/**
 * What the console shows exactly as the server defines it, served as the module js/shared.js (typed by
 * console/js/shared.d.ts), so the browser code never keeps a copy that could drift.
 */
export const SHARED_MODULE_PATH = 'js/shared.js';
function sharedModule(): CachedFile {
  const exports = {
    SECTION_LABELS,
    GUIDE_SECTIONS,
    INTERPRETATION_SECTIONS,
    ROLE_LABELS,
    CHANNEL_LABELS,
    TICKET_FLOW,
    RATING_LABELS,
    TICKET_VIA_LABELS,
    TICKET_RESOLUTION_LABELS,
    HOTLINE_RATE_LABELS,
    DISCLOSURE_EVENT_LABELS,
    DISCLOSURE_FORM_LABELS,
    DISCLOSURE_DELIVERY_LABELS,
    DISCLOSURE_IDENTITY_KIND_LABELS,
    DISCLOSURE_PROCEEDING_KINDS: PROCEEDINGS,
    DISCLOSURE_PROCEEDING_RESULTS: PROCEEDING_RESULTS.filter((r) => r.code !== 'total'),
    AUTHOR_LABELS,
    THREAD_STATUS_LABELS,
    CLOSE_REASON_LABELS,
    // Lists, in the server's order, for the console's selects.
    ENTRY_KIND_CHOICES: choicesOf(ENTRY_KIND_LABELS, ENTRY_KINDS),
    ENTRY_STATUS_CHOICES: choicesOf(ENTRY_STATUS_LABELS, ENTRY_STATUSES),
    VALIDITY_CHOICES: choicesOf(VALIDITY_LABELS, VALIDITIES),
    ENTRY_FIELD_LABELS,
    SOURCE_FIELD_LABELS,
    DECISION_LABELS,
    REVIEW_REASON_LABELS,
    IMPACT_LABELS,
  };
  const body = Buffer.from(
    Object.entries(exports)
      .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};\n`)
      .join(''),
  );
  return { mtimeMs: 0, size: body.length, body, etag: etagOf(body) };
}

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export function consoleRoutes(options: ConsoleRouteOptions = {}): Router {
  const dir = options.dir ?? findConsoleDir();
  const root = dir ? resolve(dir) : null;
  const cache = new Map<string, CachedFile>();
  const shared = sharedModule();
  const router = new Router();

  /** The file, re-read only when it changed on disk (edits show up without a restart). */
  function load(file: string): CachedFile | null {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const body = readFileSync(file);
    const fresh = { mtimeMs: stat.mtimeMs, size: stat.size, body, etag: etagOf(body) };
    cache.set(file, fresh);
    return fresh;
  }

  function serve(ctx: Context, relative: string) {
    const type = CONTENT_TYPES[extname(relative).toLowerCase()];
    // Only the app's own files (not console/tsconfig.json), of known types, no dot-files, nothing outside the folder.
    const allowed = SERVED_FILES.has(relative) || SERVED_FOLDERS.some((folder) => relative.startsWith(folder));
    if (!root || !type || !allowed || relative.split('/').some((part) => part.startsWith('.') || part === '')) return notFound(ctx);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return notFound(ctx);
    const found = relative === SHARED_MODULE_PATH ? shared : load(file);
    if (!found) return notFound(ctx);
    ctx.set('Content-Security-Policy', CONSOLE_CSP);
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', found.etag);
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.type = type;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = found.body;
  }

  function notFound(ctx: Context) {
    ctx.status = 404;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = '404 未找到该页面';
  }

  // The router hands the path over decoded; an empty one is the app itself. Without the slash,
  // relative URLs in the page would resolve against /, so /console redirects to /console/.
  router.get(['/console', '/console/{*path}'], (ctx) => {
    if (ctx.path === '/console') {
      ctx.status = 301;
      ctx.redirect('/console/');
      return;
    }
    serve(ctx, String(ctx.params.path ?? '') || 'index.html');
  });
  return router;
}
