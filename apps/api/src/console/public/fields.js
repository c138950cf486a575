import { h } from './dom.js';

/**
 * A labelled control with its error next to it (`check`: a checkbox, its label beside it): the error is the control's description
 * (`aria-describedby`), and `setError` marks the control `aria-invalid` while it has one.
 */
export function field(id, label, control, { check = false } = {}) {
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  control.setAttribute('id', id);
  control.setAttribute('aria-describedby', `${id}-error`);
  const element = h('div', { class: check ? 'field check' : 'field' }, h('label', { for: id }, label), control, error);
  return { control, error, element };
}

export function setError({ control, error }, message) {
  error.textContent = message ?? '';
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * Shows a refusal's field errors next to their fields (`fields` by the API's field name) and focuses
 * the first; answers whether any field was named, so the caller shows the rest as a general message.
 */
export function showFieldErrors(error, fields) {
  const named = Object.entries(fields).filter(([name]) => error.fieldMessage?.(name));
  for (const [name, f] of Object.entries(fields)) setError(f, error.fieldMessage?.(name));
  named[0]?.[1].control.focus();
  return named.length > 0;
}
