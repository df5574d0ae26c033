// @ts-check
import { api, errorText, session } from '../api.js';
import { busy, field, h, mount, notice } from '../dom.js';
import { landing, loadAccount, navigate } from '../shell.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export function render(root, ctx) {
  const name = h('input', {
    name: 'name',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    maxlength: '64',
  });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '200' });
  const message = h('div', { class: 'form-message' });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary wide' }, '登录'));
  const form = h(
    'form',
    {
      class: 'login-form',
      novalidate: true,
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const n = /** @type {HTMLInputElement} */ (name).value.trim();
        const p = /** @type {HTMLInputElement} */ (password).value;
        if (!n || !p) {
          mount(message, notice('请输入账号和密码'));
          (n ? password : name).focus();
          return;
        }
        mount(message);
        await busy(submit, async () => {
          try {
            const result = await api('POST', '/api/v1/auth/login', { body: { name: n, password: p } });
            session.set(result.token);
            await loadAccount();
            const next = ctx.query.get('next');
            navigate(next && next.startsWith('/') && !next.startsWith('/login') ? `#${next}` : landing());
          } catch (err) {
            const text = /** @type {any} */ (err).status === 401 ? '账号或密码不正确' : errorText(err);
            mount(message, notice(text));
            /** @type {HTMLInputElement} */ (password).select();
            password.focus();
          }
        });
      },
    },
    field('账号', name),
    field('密码', password),
    message,
    submit,
  );
  mount(
    root,
    h(
      'section',
      { class: 'login-card', 'aria-labelledby': 'login-title' },
      h('div', { class: 'login-brand', 'aria-hidden': 'true' }, '问'),
      h('h1', { id: 'login-title' }, '问政工作台'),
      h('p', { class: 'muted' }, '话务员、信息公开专员和政策解读员使用工作人员账号登录。'),
      form,
    ),
  );
  root.classList.add('login-page');
  name.focus();
}
