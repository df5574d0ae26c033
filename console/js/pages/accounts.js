// @ts-check
/**
 * 账号管理 (admins): the staff accounts, a new one with its API token shown once, and for each
 * account its roles, contact details, password, token and whether it may log in. Names and phone
 * numbers stay masked here; the server refuses to lock out the last admin.
 */
import { api, errorText, get, post } from '../api.js';
import { announce, badge, dateTime, field, h, mount, notice } from '../dom.js';
import { actionButton, sendingForm } from '../forms.js';
import { ROLE_LABELS } from '../labels.js';

const ROLES = Object.keys(ROLE_LABELS);

/** Role checkboxes in a fieldset (its legend names them for screen readers). @param {string[]} checked */
function roleChoices(checked) {
  return h(
    'fieldset',
    { class: 'field wide choices' },
    h('legend', null, '角色（至少一个）'),
    ROLES.map((role) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'checkbox', name: 'roles', value: role, checked: checked.includes(role) }),
        ` ${ROLE_LABELS[role]}`,
      ),
    ),
  );
}

/** @param {HTMLFormElement} form */
const rolesOf = (form) => new FormData(form).getAll('roles').map(String);

/** The API token, which the server shows this one time only. @param {string} name @param {string} token */
function tokenNotice(name, token) {
  return h(
    'div',
    { class: 'notice ok', role: 'status' },
    h('p', null, `账号 ${name} 的接口令牌（只显示这一次，请立即交给本人妥善保存）：`),
    h('p', null, h('code', { class: 'token' }, token)),
  );
}

/** @param {any} account */
function statusBadges(account) {
  return [
    account.disabled ? badge('已停用', 'danger') : badge('启用', 'ok'),
    account.lockedUntil ? [' ', badge(`登录锁定至 ${dateTime(account.lockedUntil)}`, 'warn')] : null,
  ];
}

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  if (ctx.params.name) return renderAccount(root, ctx, ctx.params.name);
  const message = h('div');
  const list = h('div');
  const form = sendingForm(
    {
      labels: { name: '账号', roles: '角色', displayName: '姓名', phone: '手机号码', password: '初始密码' },
      actions: h('div', { class: 'actions wide' }, h('button', { type: 'submit', class: 'primary' }, '新建账号')),
      async send(v, form) {
        const created = await post('/api/v1/staff', {
          name: v.name,
          roles: rolesOf(form),
          displayName: v.displayName || undefined,
          phone: v.phone || undefined,
          password: v.password || undefined,
        });
        mount(message, tokenNotice(created.account.name, created.token));
        form.reset();
        announce(`已新建账号 ${created.account.name}`, 'ok');
        await load();
      },
    },
    field('账号', h('input', { name: 'name', required: true, maxlength: '64', autocomplete: 'off' }), {
      hint: '登录用，字母、数字、点、横线或下划线',
    }),
    field('姓名', h('input', { name: 'displayName', maxlength: '100', autocomplete: 'off' })),
    field('手机号码', h('input', { name: 'phone', inputmode: 'tel', maxlength: '20', autocomplete: 'off' })),
    field('初始密码', h('input', { name: 'password', type: 'password', minlength: '12', maxlength: '200', autocomplete: 'new-password' }), {
      hint: '至少 12 位；不填则只能用接口令牌',
    }),
    roleChoices([]),
  );
  mount(
    root,
    h('div', { class: 'page-head' }, h('h1', null, '账号管理'), h('p', { class: 'muted' }, '姓名和手机号码按个人信息保护要求脱敏显示。')),
    message,
    h('details', { class: 'action' }, h('summary', null, '新建账号'), form),
    list,
  );

  async function load() {
    try {
      const { accounts } = await get('/api/v1/staff');
      if (ctx.signal.aborted) return;
      mount(
        list,
        h(
          'table',
          { class: 'data' },
          h('caption', null, `共 ${accounts.length} 个账号`),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['账号', '姓名', '角色', '状态', '创建时间'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            null,
            accounts.map((/** @type {any} */ a) =>
              h(
                'tr',
                null,
                h('td', null, h('a', { href: `#/staff/${encodeURIComponent(a.name)}` }, a.name)),
                h('td', null, a.displayName ?? '—'),
                h('td', null, a.roles.map((/** @type {string} */ r) => ROLE_LABELS[r] ?? r).join('、')),
                h('td', null, statusBadges(a)),
                h('td', null, dateTime(a.createdAt)),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      mount(list, notice(errorText(err)));
    }
  }
  await load();
}

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx @param {string} name */
async function renderAccount(root, ctx, name) {
  const body = h('div');
  const message = h('div');
  mount(root, h('p', { class: 'crumbs' }, h('a', { href: '#/staff' }, '← 返回账号列表')), message, body);

  const labels = { roles: '角色', displayName: '姓名', phone: '手机号码', password: '新密码', disabled: '状态' };
  /** @param {any} patch */
  const update = (patch) => api('PATCH', `/api/v1/staff/${encodeURIComponent(name)}`, { body: patch });
  /** @param {string} done */
  const reload = async (done) => {
    mount(message);
    announce(done, 'ok');
    await load();
  };

  async function load() {
    let a;
    try {
      a = await get(`/api/v1/staff/${encodeURIComponent(name)}`);
    } catch (err) {
      mount(body, h('h1', null, `账号 ${name}`), notice(errorText(err)));
      return;
    }
    if (ctx.signal.aborted) return;
    const profile = sendingForm(
      {
        labels,
        actions: h('div', { class: 'actions wide' }, h('button', { type: 'submit', class: 'primary' }, '保存')),
        async send(v, form) {
          await update({
            roles: rolesOf(form),
            ...(v.displayName ? { displayName: v.displayName } : {}),
            ...(v.phone ? { phone: v.phone } : {}),
          });
          await reload('已保存');
        },
      },
      field('姓名', h('input', { name: 'displayName', maxlength: '100', placeholder: a.displayName ?? '', autocomplete: 'off' }), {
        hint: '不填则不改',
      }),
      field('手机号码', h('input', { name: 'phone', inputmode: 'tel', maxlength: '20', placeholder: a.phone ?? '', autocomplete: 'off' }), {
        hint: '不填则不改',
      }),
      roleChoices(a.roles),
    );
    const password = sendingForm(
      {
        labels,
        actions: h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, '重置密码')),
        async send(v) {
          await update({ password: v.newPassword });
          await reload('密码已重置');
        },
      },
      field(
        '新密码',
        h('input', {
          name: 'newPassword',
          type: 'password',
          required: true,
          minlength: '12',
          maxlength: '200',
          autocomplete: 'new-password',
        }),
        { hint: '至少 12 位' },
      ),
    );
    const toggle = actionButton(a.disabled ? '启用账号' : '停用账号', {
      class: a.disabled ? 'primary' : 'danger',
      message,
      labels,
      async action() {
        await update({ disabled: !a.disabled });
        await reload(a.disabled ? '账号已启用' : '账号已停用，令牌已作废');
      },
    });
    const rotate = actionButton('更换接口令牌', {
      message,
      async action() {
        const { token } = await post(`/api/v1/staff/${encodeURIComponent(name)}/token`);
        mount(message, tokenNotice(name, token));
        announce('已更换接口令牌，旧令牌已作废', 'ok');
      },
    });
    mount(
      body,
      h(
        'div',
        { class: 'page-head' },
        h('h1', null, `账号 ${a.name} `, statusBadges(a)),
        h(
          'p',
          { class: 'muted' },
          `创建于 ${dateTime(a.createdAt)} · 最近修改 ${dateTime(a.updatedAt)} · ${a.hasPassword ? '可用密码登录' : '未设密码，只能用接口令牌'}`,
        ),
      ),
      h('section', { class: 'panel', 'aria-labelledby': 'account-profile' }, h('h2', { id: 'account-profile' }, '角色和联系方式'), profile),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'account-access' },
        h('h2', { id: 'account-access' }, '登录和令牌'),
        password,
        h('div', { class: 'actions' }, rotate, toggle),
        h('p', { class: 'muted small' }, '停用账号会立即作废它的所有令牌；最后一个启用的管理员不能被停用或取消管理员角色。'),
      ),
    );
  }
  await load();
}
