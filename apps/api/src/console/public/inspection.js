import { allItems, api, ApiError } from './api.js';
import { candidateName, dmy, dmyTime, h, routeQuery, show } from './dom.js';
import { field, setError, showFieldErrors } from './fields.js';
import { may } from './session.js';
import { OBLIGATION_NAMES } from '/console/labels.js';

/** The statuses the board filters by, as the inspection committee says them. */
export const CASE_STATUS_NAMES = {
  open: 'Đang mở',
  acknowledged: 'Đã tiếp nhận',
  closed: 'Đã kết luận',
  withdrawn: 'Đã rút',
};
const FILTERED = ['open', 'acknowledged', 'closed'];

/** The case's own events, as its history lists them. */
const CASE_EVENT_NAMES = {
  InspectionCaseOpened: 'Mở vụ việc (thời hạn bị vi phạm)',
  InspectionCaseAcknowledged: 'Tiếp nhận vụ việc',
  InspectionCaseClosed: 'Kết luận vụ việc',
  InspectionCaseWithdrawn: 'Rút vụ việc',
};

/** What an event of the case's history says besides its name: the note, finding, resolution or reason. */
function eventDetail(data) {
  const said = [
    ['note', 'Ghi chú'],
    ['finding', 'Kết luận'],
    ['resolution', 'Biện pháp xử lý'],
    ['reason', 'Lý do'],
  ].filter(([key]) => data?.[key]);
  return said.map(([key, label]) => `. ${label}: ${data[key]}`).join('');
}

const term = (name, value, attributes = {}) => [h('dt', {}, name), h('dd', attributes, value)];

/**
 * The inspector's two actions on a case, each a disclosure holding its form: acknowledge (an optional
 * note), close (finding and resolution, both required; the API's field errors shown next to them).
 */
function caseActions(item, n, done) {
  const forms = [];
  if (item.status === 'open') {
    const note = field(`case-${n}-note`, 'Ghi chú (không bắt buộc)', h('textarea', { name: 'note', rows: 2 }));
    const message = h('p', { class: 'field-error', role: 'alert' });
    const form = h(
      'form',
      { class: 'case-form', novalidate: true },
      note.element,
      message,
      h('button', { type: 'submit' }, 'Tiếp nhận'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = note.control.value.trim();
      void work(item, 'acknowledge', text ? { note: text } : {}, { note }, message, form, done);
    });
    forms.push(h('details', { class: 'case-action' }, h('summary', {}, 'Tiếp nhận vụ việc'), form));
  }
  if (item.status === 'open' || item.status === 'acknowledged') {
    const finding = field(`case-${n}-finding`, 'Kết luận', h('textarea', { name: 'finding', rows: 3 }));
    const resolution = field(`case-${n}-resolution`, 'Biện pháp xử lý', h('textarea', { name: 'resolution', rows: 2 }));
    const message = h('p', { class: 'field-error', role: 'alert' });
    const form = h(
      'form',
      { class: 'case-form', novalidate: true },
      finding.element,
      resolution.element,
      message,
      h('button', { type: 'submit' }, 'Kết luận'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // Sent as typed: the API decides what a finding needs and answers its own field errors.
      const json = { finding: finding.control.value, resolution: resolution.control.value };
      void work(item, 'close', json, { finding, resolution }, message, form, done);
    });
    forms.push(h('details', { class: 'case-action' }, h('summary', {}, 'Kết luận vụ việc'), form));
  }
  return forms.length > 0 && h('div', { class: 'case-actions' }, forms);
}

/** Sends an action; on success the board reloads, on a refusal the errors stay next to their fields. */
async function work(item, action, json, fields, message, form, done) {
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  message.textContent = '';
  try {
    const written = await api(`/inspection/cases/${encodeURIComponent(item.id)}/${action}`, {
      method: 'POST',
      json,
    });
    await done(action === 'close' ? 'Đã kết luận vụ việc.' : 'Đã tiếp nhận vụ việc.', written);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (!showFieldErrors(error, fields)) message.textContent = error.message;
  } finally {
    submit.disabled = false;
  }
}

function caseItem(item, n, names, done) {
  const events = item.history?.case ?? [];
  const procedure = item.history?.procedure ?? [];
  const dossier = names.get(item.dossierId) ?? item.dossierId;
  return h(
    'li',
    { class: 'card case', 'data-case': item.id, 'data-status': item.status },
    h('h2', { id: `case-${n}-title` }, h('a', { href: `#/ho-so/${encodeURIComponent(item.dossierId)}` }, dossier)),
    h(
      'dl',
      { class: 'case-facts' },
      term('Nghĩa vụ', OBLIGATION_NAMES[item.obligation] ?? item.obligation),
      term('Hạn', dmy(item.dueOn), { 'data-fact': 'dueOn' }),
      term(
        'Quá hạn từ',
        `${dmy(item.breachedOn)}${item.workingDaysLate ? `, trễ ${item.workingDaysLate} ngày làm việc` : ''}`,
        { 'data-fact': 'breachedOn' },
      ),
      term('Mở lúc', dmyTime(item.openedAt), { 'data-fact': 'openedAt' }),
      term('Trạng thái', CASE_STATUS_NAMES[item.status] ?? item.status, { 'data-fact': 'status' }),
      item.note && term('Ghi chú', item.note, { 'data-fact': 'note' }),
      item.finding && term('Kết luận', item.finding, { 'data-fact': 'finding' }),
      item.resolution && term('Biện pháp xử lý', item.resolution, { 'data-fact': 'resolution' }),
      item.withdrawnReason && term('Lý do rút', item.withdrawnReason),
    ),
    h(
      'details',
      { class: 'case-history' },
      h('summary', {}, 'Lịch sử'),
      item.history?.explanation && h('p', { class: 'explanation' }, item.history.explanation),
      h(
        'ol',
        {},
        events.map((e) =>
          h('li', {}, `${dmyTime(e.recordedAt)}: ${CASE_EVENT_NAMES[e.type] ?? e.type}${eventDetail(e.data)}`),
        ),
      ),
      h(
        'p',
        {},
        `Quy trình của hồ sơ: ${procedure.length} sự kiện đã ghi; xem `,
        h('a', { href: `#/ho-so/${encodeURIComponent(item.dossierId)}` }, `hồ sơ ${dossier}`),
        '.',
      ),
    ),
    may('inspection:work') && caseActions(item, n, done),
  );
}

/** Thanh tra: the inspection committee's cases by status, and for an inspector the actions on them. */
export async function showInspection(main) {
  document.title = 'Thanh tra – ketnap';
  const query = routeQuery();
  const chosen = FILTERED.includes(query.get('status')) ? query.get('status') : 'open';
  const status = field(
    'case-status',
    'Trạng thái',
    h(
      'select',
      { name: 'status' },
      FILTERED.map((s) => h('option', { value: s, selected: s === chosen }, CASE_STATUS_NAMES[s])),
    ),
  );
  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Lọc vụ việc' },
    status.element,
    h('button', { type: 'submit' }, 'Lọc'),
  );
  const said = h('p', { id: 'board-status', role: 'status', tabindex: '-1' });
  const list = h('ol', { class: 'cases', 'aria-label': 'Vụ việc kiểm tra' });
  const dossiers = await allItems('/dossiers').catch((error) => {
    if (error instanceof ApiError && error.status === 403) return [];
    throw error;
  });
  const names = new Map(dossiers.map((d) => [d.id, candidateName(d)]));

  /**
   * Reads the cases of the chosen status again; after an action, `done` says what it did and `written`
   * is the write's answer. The list may lag a write by a moment (API.md "Reads after a write"): it is
   * read again until it shows the case as written, so the board never shows the action undone.
   */
  const load = async (done, written) => {
    setError(status, '');
    const chosen = status.control.value;
    let items;
    for (let tries = 0; ; tries += 1) {
      try {
        items = await allItems(`/inspection/cases?status=${encodeURIComponent(chosen)}`);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        if (!showFieldErrors(error, { status })) said.textContent = error.message;
        return;
      }
      const listed = written && items.find((item) => item.id === written.id);
      const current = !written || (listed ? listed.version >= written.version : written.status !== chosen);
      if (current || tries >= 25) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    list.replaceChildren(...items.map((item, n) => caseItem(item, n, names, load)));
    const count =
      items.length === 0
        ? 'Không có vụ việc nào.'
        : `${items.length} vụ việc ${CASE_STATUS_NAMES[status.control.value].toLowerCase()}.`;
    said.textContent = done ? `${done} ${count}` : count;
    // After an action its form is gone: the focus goes to what the board now says.
    if (done) said.focus();
  };
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', `#/thanh-tra?status=${encodeURIComponent(status.control.value)}`);
    void load();
  });

  show(main, h('h1', {}, 'Thanh tra'), filter, said, list);
  await load();
}
