// @ts-check
/**
 * The entry editor: structured sections by kind, validity and status, version history with a
 * diff and restore, per-entry statistics, and "try a question" against the saved entries.
 */
import { api, ApiError, errorText, get, post } from '../api.js';
import { announce, badge, busy, dateTime, field, h, mount, notice, select } from '../dom.js';
import { renderChange } from '../diff.js';
import {
  ENTRY_KIND_CHOICES,
  ENTRY_STATUS_CHOICES,
  fieldLabel,
  DECISION_LABELS,
  IMPACT_LABELS,
  labelOf,
  SECTION_LABELS,
  sectionsOf,
  VALIDITY_CHOICES,
} from '../labels.js';
import { statusTone, validityTone } from './kbList.js';
import { tryResult } from './tryQuestion.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const key = ctx.params.key ?? null;
  /** @type {any} */
  let detail = null;
  if (key) detail = await get(`/api/v1/kb/entries/${key}`);
  if (ctx.signal.aborted) return;

  const status = h('div', { class: 'entry-status', role: 'status' });
  const message = h('div', { class: 'form-message' });
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'editor', novalidate: true }));
  const side = h('div', { class: 'editor-side' });
  let dirty = false;

  mount(
    root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/kb' }, '← 返回知识库')),
    h('div', { class: 'page-head' }, h('h1', null, key ? `编辑：${detail.entry.title}` : '新建条目'), status),
    h('div', { class: 'editor-layout' }, h('section', { class: 'panel', 'aria-label': '条目内容' }, form, message), side),
  );

  // ---------------------------------------------------------------------------------------
  // The form

  const prefill = ctx.query;
  // A published entry with a change waiting to be published is edited as that change.
  const e = detail?.draft?.entry ??
    detail?.entry ?? {
      key: '',
      kind: prefill.get('kind') ?? 'faq',
      title: prefill.get('title') ?? '',
      questions: prefill.getAll('question'),
      keywords: [],
      answer: '',
    };
  const input = (/** @type {string} */ name, /** @type {any} */ value, /** @type {Record<string, any>} */ extra = {}) =>
    h('input', { name, value: value ?? '', ...extra });
  const area = (/** @type {string} */ name, /** @type {any} */ value, /** @type {Record<string, any>} */ extra = {}) =>
    h('textarea', { name, rows: '3', ...extra }, value ?? '');
  const sectionsBox = h('fieldset', { class: 'sections' });

  /** @param {string} kind @param {Record<string, string>} values */
  function renderSections(kind, values) {
    mount(
      sectionsBox,
      h('legend', null, `分项内容（${labelOf(ENTRY_KIND_CHOICES, kind)}）`),
      h('p', { class: 'muted small' }, '群众问到某一方面（如“要带什么材料”）时，机器人用对应分项回答；留空的分项不显示。'),
      sectionsOf(kind).map((name) =>
        field(SECTION_LABELS[name], area(`sections.${name}`, values[name], { rows: '2', maxlength: '4000' }), { wide: true }),
      ),
    );
  }
  const kindSelect = select('kind', ENTRY_KIND_CHOICES, { value: e.kind });
  kindSelect.addEventListener('change', () => {
    renderSections(/** @type {HTMLSelectElement} */ (kindSelect).value, currentSections());
  });

  mount(
    form,
    h(
      'div',
      { class: 'grid-form' },
      field(
        '标识',
        input('key', e.key, {
          required: true,
          readonly: Boolean(key),
          pattern: '[a-z0-9][a-z0-9-]{1,63}',
          maxlength: '64',
          spellcheck: 'false',
          autocomplete: 'off',
        }),
        { hint: key ? '标识创建后不能修改' : '小写字母、数字和连字符，如 pet-dog-licence' },
      ),
      field('类型', kindSelect),
      field('标题', input('title', e.title, { required: true, maxlength: '200', placeholder: prefill.get('titleHint') ?? '' }), {
        wide: true,
        hint: prefill.get('titleHint') ? `建议：${prefill.get('titleHint')}` : undefined,
      }),
      field('常见问法', area('questions', (e.questions ?? []).join('\n'), { rows: '4', required: true }), {
        wide: true,
        hint: '每行一个问法，群众的说法越多匹配越准',
      }),
      field('关键词', input('keywords', (e.keywords ?? []).join('、'), { maxlength: '2000' }), {
        wide: true,
        hint: '用顿号、逗号或空格分隔',
      }),
      field('简要答复', area('answer', e.answer, { rows: '5', required: true, maxlength: '2000' }), { wide: true }),
    ),
    sectionsBox,
    h(
      'fieldset',
      { class: 'grid-form' },
      h('legend', null, '来源、部门和有效期'),
      field('主管部门', input('department', e.department, { maxlength: '100' })),
      field('适用地区', input('region', e.region, { maxlength: '100' })),
      field('来源文件名称', input('source.title', e.source?.title, { maxlength: '300' }), { wide: true }),
      field('文号', input('source.docNumber', e.source?.docNumber)),
      field('发文机关', input('source.issuer', e.source?.issuer)),
      field('原文链接', input('source.url', e.source?.url, { type: 'url', inputmode: 'url' }), { wide: true }),
      field('发布日期', input('source.publishedAt', e.source?.publishedAt, { type: 'date' })),
      field('生效日期', input('validFrom', e.validFrom, { type: 'date' })),
      field('失效日期', input('validUntil', e.validUntil, { type: 'date' }), { hint: '过了失效日期，机器人不再用它回答' }),
    ),
    h('div', { class: 'actions sticky-actions' }),
  );
  renderSections(e.kind, e.sections ?? {});
  form.addEventListener('input', () => {
    dirty = true;
    renderStatus();
  });

  function currentSections() {
    /** @type {Record<string, string>} */
    const out = {};
    for (const el of form.querySelectorAll('[name^="sections."]')) {
      const v = /** @type {HTMLTextAreaElement} */ (el).value.trim();
      if (v) out[/** @type {HTMLTextAreaElement} */ (el).name.slice(9)] = v;
    }
    return out;
  }

  /** The entry as the API takes it (the kb import file format). */
  function entryFromForm() {
    const data = new FormData(form);
    const text = (/** @type {string} */ name) => String(data.get(name) ?? '').trim();
    const kind = text('kind');
    const allowed = sectionsOf(kind);
    const sections = Object.fromEntries(Object.entries(currentSections()).filter(([name]) => allowed.includes(name)));
    const source = {
      title: text('source.title'),
      docNumber: text('source.docNumber'),
      issuer: text('source.issuer'),
      url: text('source.url'),
      publishedAt: text('source.publishedAt'),
    };
    /** @type {Record<string, any>} */
    const entry = {
      key: text('key'),
      kind,
      title: text('title'),
      questions: text('questions')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      keywords: text('keywords')
        .split(/[、,，;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      answer: text('answer'),
    };
    if (!entry.keywords.length) delete entry.keywords;
    if (Object.keys(sections).length) entry.sections = sections;
    for (const f of ['department', 'region', 'validFrom', 'validUntil']) if (text(f)) entry[f] = text(f);
    if (source.title) entry.source = Object.fromEntries(Object.entries(source).filter(([, v]) => v));
    else if (source.docNumber || source.issuer || source.url || source.publishedAt) entry.source = source; // the server says the title is missing
    return entry;
  }

  // ---------------------------------------------------------------------------------------
  // Saving and status changes

  /** Set once the interpreter confirmed a change that makes labelled questions worse. */
  let confirmWorse = false;
  const confirmQuery = () => (confirmWorse ? { confirmWorse: 'true' } : {});

  /** @param {unknown} err @param {() => Promise<any>} [retry] */
  function showError(err, retry) {
    if (err instanceof ApiError && err.code === 'labelled_questions_worse' && retry) {
      mount(
        message,
        h(
          'div',
          { class: 'notice error labelled-worse', role: 'alert' },
          h('p', null, '这次修改会让以下已标注的问题答错或答不上：'),
          h(
            'ul',
            null,
            err.fields.map((f) => h('li', null, f.message)),
          ),
          button('确认仍要提交', async () => {
            confirmWorse = true;
            try {
              await retry();
            } finally {
              confirmWorse = false;
            }
            mount(message);
          }),
        ),
      );
      return;
    }
    if (err instanceof ApiError && err.fields.length) {
      mount(
        message,
        h(
          'div',
          { class: 'notice error', role: 'alert' },
          h('p', null, '请修改以下内容后再保存：'),
          h(
            'ul',
            null,
            err.fields.map((f) => h('li', null, `${fieldLabel(f.field.replace(/^entries\[\d+\]\./, ''))}：${f.message}`)),
          ),
        ),
      );
      const first = form.querySelector(`[name="${err.fields[0].field}"]`);
      if (first instanceof HTMLElement) first.focus();
    } else mount(message, notice(errorText(err)));
  }

  async function save() {
    const entry = entryFromForm();
    mount(message);
    if (!key) {
      const created = await api('POST', '/api/v1/kb/entries', { body: { ...entry, status: 'draft' } });
      dirty = false;
      // Written from a 待审问题 group: its questions become labelled examples of the new entry, out of the queue.
      const asked = prefill.getAll('asked').map(Number);
      const labelled = asked.length
        ? await api('POST', '/api/v1/kb/review/label', { body: { questionIds: asked, action: 'assign', entry: created.entry.key } }).then(
            () => '，待审问题已归入此条目',
            (/** @type {unknown} */ err) => `；待审问题未能归入此条目：${errorText(err)}`,
          )
        : '';
      announce(`已创建草稿“${created.entry.title}”${labelled}`, 'ok');
      ctx.navigate(`#/kb/edit/${created.entry.key}`);
      return null;
    }
    const saved = await api('PUT', `/api/v1/kb/entries/${key}`, {
      body: entry,
      headers: { 'If-Match': `"${detail.version}"` },
      query: confirmQuery(),
    });
    detail = saved;
    dirty = false;
    announce(
      saved.outcome === 'drafted'
        ? '已保存为待发布的修改：发布后机器人才用新内容回答'
        : saved.outcome === 'unchanged'
          ? saved.draft
            ? '内容没有变化'
            : '内容与线上版本相同，没有待发布的修改'
          : `已保存为第 ${saved.version} 版`,
      'ok',
    );
    return saved;
  }

  /** @param {'publish' | 'unpublish' | 'archive'} verb @param {string} done */
  async function setStatus(verb, done) {
    if (dirty) await save();
    detail = await api('POST', `/api/v1/kb/entries/${key}/${verb}`, { body: {}, query: confirmQuery() });
    announce(done, 'ok');
  }

  /** @param {string} label @param {() => Promise<any>} work @param {string} [tone] */
  const button = (label, work, tone = '') =>
    h(
      'button',
      {
        type: 'button',
        class: tone,
        onclick: (/** @type {MouseEvent} */ ev) =>
          busy(/** @type {HTMLButtonElement} */ (ev.currentTarget), async () => {
            try {
              await work();
              if (key) await refreshSide();
            } catch (err) {
              showError(err, work);
            }
            renderStatus();
          }),
      },
      label,
    );

  function renderStatus() {
    const actions = /** @type {HTMLElement} */ (form.querySelector('.sticky-actions'));
    if (!key) {
      mount(status, badge('未保存', 'warn'));
      mount(actions, button('保存草稿', save, 'primary'));
      return;
    }
    const draft = detail.draft;
    mount(
      status,
      badge(labelOf(ENTRY_STATUS_CHOICES, detail.status), statusTone(detail.status)),
      ' ',
      badge(labelOf(VALIDITY_CHOICES, detail.validity), validityTone(detail.validity)),
      ' ',
      h('span', { class: 'muted' }, `第 ${detail.version} 版 · 更新于 ${dateTime(detail.updatedAt)}`),
      draft
        ? [
            ' ',
            badge('待发布', 'warn'),
            h(
              'span',
              { class: 'muted draft-note' },
              ` ${draft.savedBy} 于 ${dateTime(draft.savedAt)} 保存了修改（改动 ${draft.changes.length} 项），发布前机器人仍按第 ${detail.version} 版回答`,
            ),
          ]
        : null,
      dirty ? [' ', badge('有未保存的修改', 'warn')] : null,
    );
    const publishable = detail.status !== 'published' || draft || dirty;
    const publish = () => setStatus('publish', '已发布，机器人将在几秒内用新内容回答');
    mount(
      actions,
      button('保存', save, 'primary'),
      publishable && (!draft || draft.mayPublish || dirty) ? button(dirty ? '保存并发布' : '发布', publish, 'primary') : null,
      draft && !draft.mayPublish && !dirty ? h('span', { class: 'muted small' }, '这是您保存的修改，须由另一位解释人员审核后发布') : null,
      draft
        ? button('放弃待发布的修改', async () => {
            if (!window.confirm('放弃待发布的修改，恢复为线上版本的内容？')) return;
            detail = await api('PUT', `/api/v1/kb/entries/${key}`, { body: detail.entry, headers: { 'If-Match': `"${detail.version}"` } });
            dirty = false;
            announce('已放弃待发布的修改', 'ok');
            ctx.navigate(window.location.hash);
          })
        : null,
      detail.status === 'published' ? button('撤回为草稿', () => setStatus('unpublish', '已撤回为草稿，机器人不再用它回答')) : null,
      detail.status !== 'archived' ? button('归档', () => setStatus('archive', '已归档')) : null,
    );
  }

  // ---------------------------------------------------------------------------------------
  // Side panels: try, history, statistics

  const historyBox = h('div');
  const impactBox = h('div');
  /** Which labelled questions the bot would answer differently once this form's content is published. */
  async function checkImpact() {
    const result = await post(`/api/v1/kb/entries/${key}/impact`, { ...entryFromForm(), status: 'published' });
    const outcome = (/** @type {any} */ r) =>
      r.decision === 'answer' ? `回答「${r.entry}」` : r.decision === 'clarify' ? DECISION_LABELS.clarify : '不回答';
    mount(
      impactBox,
      h('p', null, `变好 ${result.better} 个，变差 ${result.worse} 个，其他变化 ${result.changed} 个`),
      result.items.length
        ? h(
            'ul',
            { class: 'impact-list' },
            result.items.map((/** @type {any} */ i) =>
              h(
                'li',
                { 'data-impact': i.impact },
                badge(IMPACT_LABELS[i.impact], i.impact === 'worse' ? 'danger' : i.impact === 'better' ? 'ok' : 'muted'),
                ` “${i.text}”：${outcome(i.before)} → ${outcome(i.after)}`,
              ),
            ),
          )
        : h('p', { class: 'muted' }, '已标注的问题都不受影响。'),
    );
  }
  const statsBox = h('div');
  const tryBox = h('div');

  async function refreshSide() {
    if (!key) return;
    const [history, stats] = await Promise.all([get(`/api/v1/kb/entries/${key}/history`), get(`/api/v1/kb/entries/${key}/stats`)]);
    if (ctx.signal.aborted) return;
    renderHistory(history.versions);
    renderStats(stats);
  }

  /** Codes as staff read them. @param {string} fieldName @param {unknown} value */
  const shown = (fieldName, value) =>
    value === null
      ? null
      : fieldName === 'status'
        ? labelOf(ENTRY_STATUS_CHOICES, String(value))
        : fieldName === 'kind'
          ? labelOf(ENTRY_KIND_CHOICES, String(value))
          : value;

  /** @param {any[]} versions */
  function renderHistory(versions) {
    const newest = versions[versions.length - 1]?.version;
    mount(
      historyBox,
      h(
        'ol',
        { class: 'versions', reversed: true },
        [...versions].reverse().map((v) =>
          h(
            'li',
            { 'data-version': v.version },
            h(
              'details',
              null,
              h(
                'summary',
                null,
                h('strong', null, `第 ${v.version} 版`),
                ' ',
                badge(labelOf(ENTRY_STATUS_CHOICES, v.status), statusTone(v.status)),
                h('span', { class: 'muted small' }, ` ${v.changedBy} · ${dateTime(v.changedAt)}`),
                h('span', { class: 'muted small' }, ` · 改动 ${v.changes.length} 项`),
              ),
              h(
                'div',
                { class: 'changes' },
                v.changes.length
                  ? v.changes.map((/** @type {any} */ c) =>
                      h(
                        'div',
                        { class: 'change' },
                        h('h4', null, fieldLabel(c.field)),
                        renderChange(shown(c.field, c.before), shown(c.field, c.after)),
                      ),
                    )
                  : h('p', { class: 'muted' }, '没有字段变化'),
                v.version !== newest
                  ? button(`恢复第 ${v.version} 版的内容`, async () => {
                      if (!window.confirm(`用第 ${v.version} 版的内容保存为新版本？当前状态不变。`)) return;
                      detail = await post(`/api/v1/kb/entries/${key}/restore`, { version: v.version });
                      announce(
                        detail.outcome === 'drafted'
                          ? `已将第 ${v.version} 版的内容保存为待发布的修改`
                          : `已恢复第 ${v.version} 版的内容，保存为第 ${detail.version} 版`,
                        'ok',
                      );
                      ctx.navigate(window.location.hash);
                    })
                  : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {any} s */
  function renderStats(s) {
    const total = s.helpful + s.notHelpful;
    mount(
      statsBox,
      h(
        'dl',
        { class: 'stats' },
        h('div', null, h('dt', null, '回答次数'), h('dd', null, String(s.timesAnswered))),
        h('div', null, h('dt', null, '最近被问'), h('dd', null, s.lastAsked ? dateTime(s.lastAsked) : '—')),
        h(
          'div',
          null,
          h('dt', null, '有帮助'),
          h('dd', null, `${s.helpful}${total ? `（${Math.round((s.helpful / total) * 100)}%）` : ''}`),
        ),
        h('div', null, h('dt', null, '没帮助'), h('dd', null, String(s.notHelpful))),
      ),
      h('p', { class: 'muted small' }, `当前第 ${s.version} 版：有帮助 ${s.currentVersion.helpful}，没帮助 ${s.currentVersion.notHelpful}`),
    );
  }

  const question = h('input', { name: 'question', maxlength: '1000', value: detail?.entry.questions?.[0] ?? '', autocomplete: 'off' });
  const includeDrafts = h('input', { type: 'checkbox', id: 'try-drafts', checked: true });
  const tryForm = h(
    'form',
    {
      class: 'try-form',
      onsubmit: async (/** @type {SubmitEvent} */ ev) => {
        ev.preventDefault();
        const text = /** @type {HTMLInputElement} */ (question).value.trim();
        if (!text) return;
        await busy(/** @type {HTMLButtonElement} */ (tryForm.querySelector('button')), async () => {
          try {
            const result = await post('/api/v1/kb/match', { text, includeDrafts: /** @type {HTMLInputElement} */ (includeDrafts).checked });
            mount(tryBox, await tryResult(result, key));
          } catch (err) {
            mount(tryBox, notice(errorText(err)));
          }
        });
      },
    },
    field('群众的问题', question),
    h('div', { class: 'field checkbox' }, includeDrafts, h('label', { for: 'try-drafts' }, '包括草稿（只看已保存的内容）')),
    h('button', { type: 'submit' }, '试一试'),
  );

  if (key) {
    mount(
      side,
      h('section', { class: 'panel', 'aria-labelledby': 'try-title' }, h('h2', { id: 'try-title' }, '试一试'), tryForm, tryBox),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'impact-title' },
        h('h2', { id: 'impact-title' }, '发布前检查'),
        h('p', { class: 'muted small' }, '按表单中的内容发布后，已标注的问题（城市自己的评估题）哪些会答得不一样。'),
        button('检查对已标注问题的影响', checkImpact),
        impactBox,
      ),
      h('section', { class: 'panel', 'aria-labelledby': 'stats-title' }, h('h2', { id: 'stats-title' }, '使用统计'), statsBox),
      h('section', { class: 'panel', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, '版本历史'), historyBox),
    );
    await refreshSide();
  } else {
    mount(
      side,
      h(
        'section',
        { class: 'panel' },
        h('h2', null, '提示'),
        h('p', null, '新条目先保存为草稿，在“试一试”中确认机器人能匹配到它，再发布。'),
      ),
    );
  }
  renderStatus();
}
