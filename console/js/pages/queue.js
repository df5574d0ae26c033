// @ts-check
/** 会话排队: the waiting queue and the operator's own threads, live over the event stream. */
import { errorText, get, post, stream } from '../api.js';
import { announce, badge, busy, duration, h, mount, notice, time } from '../dom.js';
import { CHANNEL_LABELS } from '../labels.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const live = h('p', { class: 'live-status', role: 'status' }, '正在连接实时更新…');
  const waitingList = h('div', { class: 'thread-list', 'aria-busy': 'true' });
  const mineList = h('div', { class: 'thread-list' });
  const waitingCount = h('span', { class: 'count' });
  const mineCount = h('span', { class: 'count' });
  const error = h('div');
  mount(
    root,
    h('div', { class: 'page-head' }, h('h1', null, '会话排队'), live),
    error,
    h(
      'div',
      { class: 'columns two' },
      h(
        'section',
        { 'aria-labelledby': 'waiting-title', class: 'panel' },
        h('h2', { id: 'waiting-title' }, '等待接入 ', waitingCount),
        waitingList,
      ),
      h('section', { 'aria-labelledby': 'mine-title', class: 'panel' }, h('h2', { id: 'mine-title' }, '我正在接待 ', mineCount), mineList),
    ),
  );

  /** @param {any} t @param {boolean} mine */
  const card = (t, mine) =>
    h(
      'article',
      {
        class: `thread-card${t.withinServiceHours ? '' : ' after-hours'}${!mine && t.waitingSeconds > t.waitTargetSeconds ? ' long-wait' : ''}`,
        'data-thread-id': t.id,
        'aria-labelledby': `thread-${t.id}-title`,
      },
      h(
        'header',
        null,
        h('h3', { id: `thread-${t.id}-title` }, h('a', { href: `#/threads/${t.id}` }, `会话 #${t.id}`)),
        badge(CHANNEL_LABELS[t.channel] ?? t.channel ?? '未知渠道', 'info'),
        t.withinServiceHours ? null : badge('服务时间外', 'warn'),
        t.ticketNumber ? badge(`工单 ${t.ticketNumber}`, 'muted') : null,
      ),
      h('p', { class: 'reason' }, h('span', { class: 'label' }, '群众说：'), `“${t.reason}”`),
      t.lastQuestion ? h('p', { class: 'last-question' }, h('span', { class: 'label' }, '此前的问题：'), t.lastQuestion) : null,
      h(
        'p',
        { class: 'meta' },
        t.botAttempts
          ? badge(`机器人连续 ${t.botAttempts} 次未答上`, t.botAttempts >= 2 ? 'danger' : 'warn')
          : badge('直接要求人工', 'muted'),
        ' ',
        mine ? `接入于 ${time(t.claimedAt)}` : waited(t),
      ),
      h(
        'div',
        { class: 'actions' },
        mine
          ? h('a', { class: 'button primary', href: `#/threads/${t.id}` }, '继续接待')
          : h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: (/** @type {MouseEvent} */ e) =>
                  busy(/** @type {HTMLButtonElement} */ (e.currentTarget), async () => {
                    try {
                      await post(`/api/v1/threads/${t.id}/claim`);
                      announce(`已接入会话 #${t.id}`, 'ok');
                      ctx.navigate(`#/threads/${t.id}`);
                    } catch (err) {
                      announce(errorText(err), 'error');
                      void refresh();
                    }
                  }),
              },
              '接入',
            ),
        h('a', { class: 'button', href: `#/threads/${t.id}` }, '查看记录'),
      ),
    );

  /** How long the citizen has waited, marked once it passes the target (WENZHENG_HANDOFF_WAIT_TARGET_SECONDS). @param {any} t */
  const waited = (t) =>
    t.waitingSeconds > t.waitTargetSeconds
      ? badge(`已等待 ${duration(t.waitingSeconds)}（超过 ${duration(t.waitTargetSeconds)} 目标）`, 'danger')
      : `已等待 ${duration(t.waitingSeconds)}`;

  let pending = 0;
  /** @type {Set<number> | null} */
  let seen = null;
  async function refresh() {
    try {
      const [waiting, mine] = await Promise.all([
        get('/api/v1/threads', { status: 'waiting' }),
        get('/api/v1/threads', { status: 'mine' }),
      ]);
      if (ctx.signal.aborted) return;
      mount(error);
      mount(waitingCount, `(${waiting.threads.length})`);
      mount(mineCount, `(${mine.threads.length})`);
      mount(
        waitingList,
        waiting.threads.length
          ? waiting.threads.map((/** @type {any} */ t) => card(t, false))
          : h('p', { class: 'empty' }, '目前没有等待接入的会话。'),
      );
      mount(
        mineList,
        mine.threads.length
          ? mine.threads.map((/** @type {any} */ t) => card(t, true))
          : h('p', { class: 'empty' }, '您当前没有接待中的会话。'),
      );
      waitingList.setAttribute('aria-busy', 'false');
      // A new citizen in the queue is announced (shown, and read by screen readers) once.
      const fresh = waiting.threads.filter((/** @type {any} */ t) => seen && !seen.has(t.id));
      if (fresh.length) announce(`新的群众等待接入：${fresh.map((/** @type {any} */ t) => `会话 #${t.id}`).join('、')}`);
      seen = new Set([...(seen ?? []), ...waiting.threads.map((/** @type {any} */ t) => t.id)]);
    } catch (err) {
      mount(error, notice(`无法读取会话：${errorText(err)}`));
    }
  }
  /** Events come in bursts (a claim is a thread event and a message): one refresh for each burst. */
  function soon() {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => void refresh(), 150);
  }
  ctx.signal.addEventListener('abort', () => window.clearTimeout(pending));

  await refresh();
  // A safety net under the stream: the waiting times move on even when nothing happens.
  const timer = window.setInterval(() => void refresh(), 30000);
  ctx.signal.addEventListener('abort', () => window.clearInterval(timer));
  void stream(
    '/api/v1/threads/stream',
    (event) => {
      if (event === 'thread' || event === 'message') soon();
    },
    {
      signal: ctx.signal,
      onState: (on) => {
        live.textContent = on ? '● 实时更新中' : '连接中断，正在重连…';
        live.className = `live-status ${on ? 'on' : 'off'}`;
        if (on) soon();
      },
    },
  );
}
