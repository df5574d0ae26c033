// @ts-check
/**
 * Citizens waiting for an operator, in view on every page: the count beside 会话排队 in the
 * navigation and in the window title, and a toast when someone new starts waiting.
 */
import { get, session, stream } from './api.js';
import { announce } from './dom.js';

/** @type {AbortController | null} */
let watching = null;
let count = 0;
/** @type {Set<number> | null} */
let seen = null;
let title = document.title;

/** Sets the page title; the waiting count goes in front of it. @param {string} text */
export function setTitle(text) {
  title = text;
  show();
}

/** The count on the navigation link and in the title. */
function show() {
  for (const el of document.querySelectorAll('[data-waiting-count]')) {
    el.textContent = count ? String(count) : '';
    el.setAttribute('aria-label', count ? `${count} 位群众等待接入` : '');
  }
  document.title = count ? `(${count}) ${title}` : title;
}

async function refresh() {
  try {
    const { threads } = await get('/api/v1/threads', { status: 'waiting' });
    count = threads.length;
    const fresh = seen ? threads.filter((/** @type {any} */ t) => !seen?.has(t.id)) : [];
    // The queue page announces new waits itself, with the thread numbers.
    if (fresh.length && !window.location.hash.startsWith('#/queue'))
      announce(`新的群众等待接入（共 ${count} 位在等待），请到“会话排队”接入`, 'info');
    seen = new Set(threads.map((/** @type {any} */ t) => t.id));
    show();
  } catch {
    // the next event or tick tries again
  }
}

/** Starts watching for an operator (once), stops after logout. */
export function watchWaiting() {
  if (!session.has('operator')) {
    watching?.abort();
    watching = null;
    count = 0;
    seen = null;
    show();
    return;
  }
  if (watching) return show();
  const controller = new AbortController();
  watching = controller;
  let pending = 0;
  const soon = () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => void refresh(), 150);
  };
  const timer = window.setInterval(() => void refresh(), 30000);
  controller.signal.addEventListener('abort', () => {
    window.clearTimeout(pending);
    window.clearInterval(timer);
  });
  void refresh();
  void stream('/api/v1/threads/stream', (event) => event === 'thread' && soon(), {
    signal: controller.signal,
    onState: (on) => on && soon(),
  });
}
