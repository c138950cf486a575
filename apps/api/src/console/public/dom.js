/** `h('p', { class: 'x' }, 'text', child)`: an element with attributes (false/null ones left out) and children. */
export function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'g', 'rect', 'text', 'title', 'line'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A legal date `YYYY-MM-DD` as Vietnamese documents write it: `dd/mm/yyyy`. */
/** The candidate's name, or what stands for it once the dossier's personal data was erased (API.md "Personal data"). */
export const candidateName = (dossier) => dossier.candidate?.fullName ?? 'Hồ sơ (đã xóa thông tin cá nhân)';

export const dmy = (date) => (date ? date.split('-').reverse().join('/') : '');

/** A date typed as Vietnamese documents write it (`dd/mm/yyyy`, `d/m/yyyy`) as a legal date `YYYY-MM-DD`; null otherwise. */
export function legalDateOf(text) {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return match ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}` : null;
}

/** The query of the current route (`#/ho-so?q=nguyen` → URLSearchParams of `q=nguyen`). */
export const routeQuery = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

/**
 * Replaces the content of `main` and moves the focus to its heading, for screen readers and keyboards.
 * Children left out as `h()` leaves them out (false, null, undefined) are not shown as text.
 */
export function show(main, ...children) {
  main.replaceChildren(...children.filter((child) => child !== false && child !== null && child !== undefined));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant (ISO 8601) as a time in Việt Nam: `dd/mm/yyyy hh:mm`. */
export function dmyTime(instant) {
  if (!instant) return '';
  const part = Object.fromEntries(TIME.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}
