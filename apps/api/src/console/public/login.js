import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { keepSession } from './session.js';

/** A labelled field with its error next to it (`aria-describedby`, `aria-invalid` when it has one). */
function field(name, label, attributes) {
  const error = h('p', { class: 'field-error', id: `${name}-error`, 'aria-live': 'polite' });
  const input = h('input', { id: name, name, 'aria-describedby': `${name}-error`, ...attributes });
  return { input, error, element: h('div', { class: 'field' }, h('label', { for: name }, label), input, error) };
}

const setError = ({ input, error }, message) => {
  error.textContent = message ?? '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
};

/** The sign-in page: username and password, the API's refusal shown next to the field it concerns. */
export function showLogin(main, signedIn) {
  document.title = 'Đăng nhập – ketnap';
  const username = field('username', 'Tên đăng nhập', { autocomplete: 'username', required: true });
  const password = field('password', 'Mật khẩu', {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, 'Đăng nhập');
  const form = h('form', { class: 'card sign-in', novalidate: true }, username.element, password.element, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    setError(username, username.input.value.trim() ? '' : 'Nhập tên đăng nhập.');
    setError(password, password.input.value ? '' : 'Nhập mật khẩu.');
    const invalid = form.querySelector('[aria-invalid="true"]');
    if (invalid) return invalid.focus();
    submit.disabled = true;
    try {
      const login = await api('/auth/login', {
        method: 'POST',
        json: { username: username.input.value.trim(), password: password.input.value },
      });
      keepSession(login);
      signedIn();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const byField = error.fieldMessage('username') || error.fieldMessage('password');
      setError(username, error.fieldMessage('username'));
      // A refusal (401, 429) names no field: it is about the password given for that name.
      setError(password, error.fieldMessage('password') || (byField ? '' : error.message));
      form.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  show(main, h('h1', {}, 'Đăng nhập'), form);
  username.input.focus();
}
