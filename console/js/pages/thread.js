// @ts-check
/** One escalated thread: the transcript with the bot's attempts, the reply box, claim / release / transfer, a ticket. */
import { api, errorText, get, post, session, stream } from '../api.js';
import { announce, badge, busy, dateTime, duration, field, h, mount, notice, select, time } from '../dom.js';
import { unmaskButton } from '../caseView.js';
import { sendingForm } from '../forms.js';
import { AUTHOR_LABELS, CHANNEL_LABELS, CLOSE_REASON_LABELS, THREAD_STATUS_LABELS } from '../labels.js';

/**
 * A one-field form whose submit runs `run` with the trimmed value, the button busy meanwhile.
 * @param {string} label
 * @param {HTMLElement} input
 * @param {string} buttonText
 * @param {(value: string) => Promise<void>} run
 */
function actionForm(label, input, buttonText, run) {
  return h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        const button = /** @type {HTMLButtonElement} */ (/** @type {HTMLFormElement} */ (e.currentTarget).querySelector('button'));
        await busy(button, () => run(/** @type {HTMLInputElement | HTMLSelectElement} */ (input).value.trim()));
      },
    },
    field(label, input),
    h('button', { type: 'submit' }, buttonText),
  );
}

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const id = Number(ctx.params.id);
  const me = session.account?.name;
  /** @type {any} */
  let thread = null;
  /** @type {Map<number, any>} */
  const messages = new Map();
  let unmasked = false;

  const head = h('div', { class: 'thread-head' });
  const summary = h('div', { class: 'thread-summary' });
  const log = h('ol', {
    class: 'transcript',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    tabindex: '0',
    'aria-label': '对话记录',
  });
  const composer = h('div', { class: 'composer' });
  const side = h('div', { class: 'thread-side' });
  const error = h('div');
  const live = h('p', { class: 'live-status', role: 'status' }, '正在连接实时更新…');

  mount(
    root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/queue' }, '← 返回排队列表')),
    head,
    error,
    h(
      'div',
      { class: 'thread-layout' },
      h(
        'section',
        { class: 'panel conversation', 'aria-labelledby': 'transcript-title' },
        h('div', { class: 'panel-head' }, h('h2', { id: 'transcript-title' }, '对话记录'), live),
        summary,
        log,
        composer,
      ),
      side,
    ),
  );

  const heldByMe = () => thread?.status === 'held' && thread.operator === me;

  function renderHead() {
    const tone = thread.status === 'waiting' ? 'warn' : thread.status === 'held' ? 'ok' : 'muted';
    mount(
      head,
      h('h1', null, `会话 #${thread.id} `, badge(THREAD_STATUS_LABELS[thread.status] ?? thread.status, tone)),
      h(
        'p',
        { class: 'meta' },
        `渠道：${CHANNEL_LABELS[thread.channel] ?? thread.channel ?? '未知'}`,
        ' · ',
        `请求人工：${dateTime(thread.requestedAt)}`,
        ' · ',
        thread.claimedAt ? `等待 ${duration(thread.waitingSeconds)} 后接入` : `已等待 ${duration(thread.waitingSeconds)}`,
        thread.operator ? ` · 接待人：${thread.operator}` : '',
        thread.closedAt ? ` · ${CLOSE_REASON_LABELS[thread.closeReason] ?? '已结束'}（${dateTime(thread.closedAt)}）` : '',
        thread.withinServiceHours ? '' : ' · 服务时间外',
      ),
    );
    mount(
      summary,
      h(
        'div',
        { class: 'attempts' },
        h('strong', null, '转人工原因：'),
        `“${thread.reason}”`,
        thread.lastQuestion ? [h('br'), h('strong', null, '机器人未答上的问题：'), thread.lastQuestion] : null,
        h('br'),
        thread.botAttempts
          ? badge(`机器人连续尝试 ${thread.botAttempts} 次未能回答`, thread.botAttempts >= 2 ? 'danger' : 'warn')
          : badge('群众直接要求人工', 'muted'),
      ),
    );
  }

  /** Ids already in the transcript: new messages are appended, so a screen reader hears only them. */
  let rendered = /** @type {number[]} */ ([]);
  function renderLog() {
    const sorted = [...messages.values()].sort((a, b) => a.id - b.id);
    // The bot's attempts: its replies before the citizen asked for a person (that message, or failing that the time of the request).
    const requested = thread ? Date.parse(thread.requestedAt) : 0;
    let requestIndex = -1;
    sorted.forEach((m, i) => {
      if (m.author === 'citizen' && thread && m.text === thread.reason && Date.parse(m.at) <= requested) requestIndex = i;
    });
    const item = (/** @type {any} */ m, /** @type {number} */ i) => {
      const attempt = m.author === 'bot' && (requestIndex >= 0 ? i < requestIndex : Date.parse(m.at) < requested);
      return h(
        'li',
        { class: `msg ${m.author}${attempt ? ' attempt' : ''}`, 'data-message-id': m.id },
        h(
          'div',
          { class: 'msg-meta' },
          h('span', { class: 'who' }, AUTHOR_LABELS[m.author] ?? m.author),
          attempt ? badge('机器人尝试', 'warn') : null,
          h('time', { datetime: m.at }, time(m.at)),
        ),
        h('div', { class: 'bubble' }, m.text),
      );
    };
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const appendOnly = rendered.length > 0 && rendered.every((id, i) => sorted[i]?.id === id);
    if (appendOnly) {
      sorted.forEach((m, i) => {
        if (i >= rendered.length) log.append(item(m, i));
      });
    } else {
      mount(log, sorted.map(item), sorted.length ? null : h('li', { class: 'empty' }, '暂无消息'));
    }
    rendered = sorted.map((m) => m.id);
    if (atBottom || !appendOnly) log.scrollTop = log.scrollHeight;
  }

  function renderComposer() {
    if (!heldByMe()) {
      mount(
        composer,
        h(
          'p',
          { class: 'muted' },
          thread.status === 'waiting'
            ? '接入会话后即可回复群众，机器人将暂停回答。'
            : thread.status === 'held'
              ? `该会话由 ${thread.operator} 接待中。`
              : '会话已结束，机器人已恢复回答。',
        ),
      );
      return;
    }
    const text = /** @type {HTMLTextAreaElement} */ (
      h('textarea', { name: 'text', rows: '3', maxlength: '2000', required: true, placeholder: '输入回复内容，Ctrl+Enter 发送' })
    );
    const send = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, '发送'));
    const form = /** @type {HTMLFormElement} */ (
      h(
        'form',
        {
          class: 'reply-form',
          onsubmit: async (/** @type {SubmitEvent} */ e) => {
            e.preventDefault();
            const value = text.value.trim();
            if (!value) {
              text.focus();
              return;
            }
            await busy(send, async () => {
              try {
                await api('POST', `/api/v1/threads/${id}/messages`, {
                  body: { text: value, id: `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` },
                });
                text.value = '';
                announce('已发送', 'ok');
                await loadMessages();
              } catch (err) {
                announce(errorText(err), 'error');
              }
            });
            text.focus();
          },
        },
        h('label', { for: 'reply-text' }, '回复群众'),
        text,
        h('div', { class: 'actions' }, send),
      )
    );
    text.id = 'reply-text';
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    });
    mount(composer, form);
  }

  /** @param {string} label @param {() => Promise<any>} work @param {string} [tone] */
  const actionButton = (label, work, tone = '') =>
    h(
      'button',
      {
        type: 'button',
        class: tone,
        onclick: (/** @type {MouseEvent} */ e) =>
          busy(/** @type {HTMLButtonElement} */ (e.currentTarget), async () => {
            try {
              await work();
            } catch (err) {
              announce(errorText(err), 'error');
            }
            await loadThread();
          }),
      },
      label,
    );

  /** @type {any} */
  let reference = null;
  async function renderSide() {
    const parts = [];
    const controls = [];
    if (thread.status === 'waiting') {
      controls.push(
        actionButton(
          '接入会话',
          async () => {
            await post(`/api/v1/threads/${id}/claim`);
            announce('已接入，机器人已暂停回答', 'ok');
          },
          'primary',
        ),
      );
      controls.push(
        actionButton('关闭（不接入）', async () => {
          await post(`/api/v1/threads/${id}/release`, {});
          announce('已关闭该排队请求');
        }),
      );
    }
    if (heldByMe()) {
      const note = h('input', { name: 'note', maxlength: '1000' });
      controls.push(
        actionForm('交还说明（可选）', note, '结束接待，交还机器人', async (v) => {
          try {
            await post(`/api/v1/threads/${id}/release`, v ? { note: v } : {});
            announce('已交还机器人', 'ok');
            // The conversation is over for the operator: back to the people still waiting.
            ctx.navigate('#/queue');
            return;
          } catch (err) {
            announce(errorText(err), 'error');
          }
          await loadThread();
        }),
      );
      const { operators } = await get('/api/v1/threads/operators');
      /** @type {Map<string, string>} */
      const names = new Map(operators.map((/** @type {any} */ o) => [o.name, o.displayName ?? o.name]));
      const target = select(
        'operator',
        operators.map((/** @type {any} */ o) => ({
          code: o.name,
          label: `${o.displayName ? `${o.displayName}（${o.name}）` : o.name} · ${o.signedIn ? '在线' : '未登录'} · 接待中 ${o.holding}`,
        })),
        { empty: '不指定，放回排队' },
      );
      controls.push(
        actionForm('转给话务员', target, '转接', async (v) => {
          try {
            await post(`/api/v1/threads/${id}/transfer`, v ? { operator: v } : {});
            announce(v ? `已转给 ${names.get(v)}` : '已放回排队', 'ok');
            ctx.navigate('#/queue');
          } catch (err) {
            announce(errorText(err), 'error');
            await loadThread();
          }
        }),
      );
    }
    parts.push(
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'actions-title' },
        h('h2', { id: 'actions-title' }, '会话操作'),
        controls.length ? h('div', { class: 'stack' }, controls) : h('p', { class: 'muted' }, '当前没有可执行的操作。'),
      ),
    );

    parts.push(
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'privacy-title' },
        h('h2', { id: 'privacy-title' }, '个人信息'),
        h('p', { class: 'muted small' }, '证件号和手机号默认打码。需要回拨或核实时可查看完整内容，查看行为会记入审计。'),
        unmaskButton(unmasked, '显示完整号码（记入审计）', async () => {
          unmasked = !unmasked;
          messages.clear();
          rendered = [];
          lastId = 0;
          await loadMessages();
          void renderSide();
        }),
      ),
    );

    if (thread.ticketNumber) {
      parts.push(
        h(
          'section',
          { class: 'panel' },
          h('h2', null, '12345工单'),
          h('p', null, h('a', { href: `#/tickets/${thread.ticketNumber}` }, `查看工单 ${thread.ticketNumber}`)),
        ),
      );
    } else {
      reference ??= await get('/api/v1/hotline/reference').catch(() => null);
      if (reference) parts.push(ticketForm());
    }
    mount(side, parts);
  }

  function ticketForm() {
    const form = sendingForm(
      {
        labels: { category: '类别', urgency: '紧急程度', content: '诉求内容', location: '地点', phone: '联系电话', anonymous: '匿名' },
        actions: h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, '创建12345工单')),
        async send(v) {
          const body = {
            category: v.category,
            content: v.content,
            urgency: v.urgency || undefined,
            location: v.location || undefined,
            phone: v.phone || undefined,
            anonymous: v.anonymous === 'on',
          };
          const result = await post(`/api/v1/threads/${id}/ticket`, body);
          announce(`已创建工单 ${result.ticket.number}`, 'ok');
          await loadThread();
        },
      },
      field('类别', select('category', reference.categories, { required: true })),
      field('紧急程度', select('urgency', reference.urgencies, { empty: '按类别默认' })),
      field('诉求内容', h('textarea', { name: 'content', rows: '4', maxlength: '4000', required: true }, thread.lastQuestion ?? ''), {
        wide: true,
      }),
      field('地点', h('input', { name: 'location', maxlength: '400' })),
      field('联系电话', h('input', { name: 'phone', maxlength: '40', inputmode: 'tel', autocomplete: 'off' })),
      h(
        'div',
        { class: 'field wide checkbox' },
        h('input', { type: 'checkbox', name: 'anonymous', id: 'ticket-anonymous' }),
        h('label', { for: 'ticket-anonymous' }, '匿名举报（部门不会得知举报人）'),
      ),
    );
    return h('section', { class: 'panel', 'aria-labelledby': 'ticket-title' }, h('h2', { id: 'ticket-title' }, '转为12345工单'), form);
  }

  let lastId = 0;
  async function loadMessages() {
    const result = await get(
      `/api/v1/threads/${id}/messages`,
      unmasked ? { after: lastId || undefined, unmask: 'true', reason: '话务员回拨核实' } : { after: lastId || undefined },
    );
    if (ctx.signal.aborted) return;
    thread = result.thread;
    for (const m of result.messages) {
      messages.set(m.id, m);
      lastId = Math.max(lastId, m.id);
    }
    renderLog();
  }
  async function loadThread() {
    try {
      const before = thread ? `${thread.status}/${thread.operator}/${thread.ticketNumber}` : '';
      thread = await get(`/api/v1/threads/${id}`);
      if (ctx.signal.aborted) return;
      mount(error);
      renderHead();
      renderComposer();
      if (before !== `${thread.status}/${thread.operator}/${thread.ticketNumber}`) await renderSide();
    } catch (err) {
      mount(error, notice(errorText(err)));
    }
  }

  await loadThread();
  await loadMessages();

  let pending = 0;
  void stream(
    '/api/v1/threads/stream',
    (event, data) => {
      if (data.threadId !== id) return;
      window.clearTimeout(pending);
      pending = window.setTimeout(async () => {
        try {
          if (event === 'thread') await loadThread();
          await loadMessages();
        } catch (err) {
          mount(error, notice(errorText(err)));
        }
      }, 100);
    },
    {
      signal: ctx.signal,
      onState: (on) => {
        live.textContent = on ? '● 实时' : '重连中…';
        live.className = `live-status ${on ? 'on' : 'off'}`;
        if (on) void loadMessages().catch(() => undefined);
      },
    },
  );
  ctx.signal.addEventListener('abort', () => window.clearTimeout(pending));
}
