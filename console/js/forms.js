// @ts-check
/** Forms that send themselves to the API: one way of submitting, of waiting, and of showing what went wrong. */
import { errorText } from './api.js';
import { busy, formValues, h, mount, notice } from './dom.js';

/**
 * A form whose submit button is disabled while `send` runs with the form's trimmed values; an
 * error from the server appears between the fields and `actions` (the buttons), its fields named
 * by `labels`.
 * @param {{ class?: string, labels?: Record<string, string>, actions: HTMLElement, send: (values: Record<string, string>, form: HTMLFormElement) => Promise<void> }} options
 * @param {...import('./dom.js').Child} fields
 * @returns {HTMLFormElement}
 */
export function sendingForm(options, ...fields) {
  const message = h('div');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: options.class ?? 'grid-form',
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          mount(message);
          await busy(/** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]')), async () => {
            try {
              await options.send(formValues(form), form);
            } catch (err) {
              mount(message, notice(errorText(err, options.labels)));
            }
          });
        },
      },
      fields,
      message,
      options.actions,
    )
  );
  return form;
}

/**
 * A button that runs `action` (disabled meanwhile); an error from the server appears in `message`.
 * @param {string} label
 * @param {{ class?: string, message: HTMLElement, labels?: Record<string, string>, action: () => Promise<void> }} options
 * @returns {HTMLButtonElement}
 */
export function actionButton(label, options) {
  const button = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      {
        type: 'button',
        class: options.class,
        onclick: () =>
          busy(button, async () => {
            try {
              await options.action();
            } catch (err) {
              mount(options.message, notice(errorText(err, options.labels)));
            }
          }),
      },
      label,
    )
  );
  return button;
}
