import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { field, setError } from './fields.js';
import { keepSession } from './session.js';

/** A labelled input of the sign-in form, its error next to it. */
const input = (name, label, attributes) => field(name, label, h('input', { name, ...attributes }));

/** The sign-in page: username and password, the API's refusal shown next to the field it concerns. */
export function showLogin(main, signedIn) {
  document.title = 'Đăng nhập – ketnap';
  const username = input('username', 'Tên đăng nhập', { autocomplete: 'username', required: true });
  const password = input('password', 'Mật khẩu', {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, 'Đăng nhập');
  const form = h('form', { class: 'card sign-in', novalidate: true }, username.element, password.element, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    setError(username, username.control.value.trim() ? '' : 'Nhập tên đăng nhập.');
    setError(password, password.control.value ? '' : 'Nhập mật khẩu.');
    const invalid = form.querySelector('[aria-invalid="true"]');
    if (invalid) return invalid.focus();
    submit.disabled = true;
    try {
      const login = await api('/auth/login', {
        method: 'POST',
        json: { username: username.control.value.trim(), password: password.control.value },
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
  username.control.focus();
}
