import { api, ApiError } from './api.js';
import { candidateName, dmy, h, routeQuery, show } from './dom.js';
import { STAGE_NAMES } from '/console/labels.js';

const FILTERS = ['q', 'branchId', 'stage', 'overdue'];

function labelled(id, label, control) {
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', `${id}-error`);
  return { error, control, element: h('div', { class: 'field' }, h('label', { for: id }, label), control, error) };
}

/** A filter's select: "Tất cả" (no filter), then one option per `[value, name]`, the query's value selected. */
function choice(id, options, query) {
  return h(
    'select',
    { id, name: id },
    h('option', { value: '' }, 'Tất cả'),
    options.map(([value, name]) => h('option', { value, selected: value === query.get(id) }, name)),
  );
}

/** Hồ sơ: the dossier list with the API's filters (branch, stage, overdue) and its name search. */
export async function showDossiers(main) {
  document.title = 'Hồ sơ – ketnap';
  const units = new Map((await api('/units')).items.map((u) => [u.unitId, u]));
  const query = routeQuery();
  const fields = {
    q: labelled(
      'q',
      'Tìm theo họ tên',
      h('input', { id: 'q', name: 'q', type: 'search', maxlength: 100, value: query.get('q') ?? '' }),
    ),
    branchId: labelled(
      'branchId',
      'Chi bộ',
      choice(
        'branchId',
        [...units.values()].filter((u) => u.kind === 'branch').map((u) => [u.unitId, u.name]),
        query,
      ),
    ),
    stage: labelled('stage', 'Giai đoạn', choice('stage', Object.entries(STAGE_NAMES), query)),
    overdue: labelled(
      'overdue',
      'Chỉ hồ sơ quá hạn',
      h('input', { id: 'overdue', name: 'overdue', type: 'checkbox', checked: query.get('overdue') === 'true' }),
    ),
  };
  fields.overdue.element.classList.add('check');
  const status = h('p', { id: 'result-status', role: 'status' });
  const body = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'Xem thêm');
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Lọc hồ sơ' },
    FILTERS.map((name) => fields[name].element),
    h('button', { type: 'submit' }, 'Lọc'),
  );

  const params = () => {
    const p = new URLSearchParams();
    if (fields.q.control.value.trim()) p.set('q', fields.q.control.value.trim());
    if (fields.branchId.control.value) p.set('branchId', fields.branchId.control.value);
    if (fields.stage.control.value) p.set('stage', fields.stage.control.value);
    if (fields.overdue.control.checked) p.set('overdue', 'true');
    return p;
  };
  let shown = 0;
  const load = async (cursor) => {
    const p = params();
    if (cursor) p.set('cursor', cursor);
    for (const name of FILTERS) {
      fields[name].error.textContent = '';
      fields[name].control.removeAttribute('aria-invalid');
    }
    try {
      const page = await api(`/dossiers?${p}`);
      if (!cursor) {
        body.replaceChildren();
        shown = 0;
      }
      body.append(
        ...page.items.map((d) =>
          h(
            'tr',
            { 'data-dossier': d.id },
            h('th', { scope: 'row' }, h('a', { href: `#/ho-so/${encodeURIComponent(d.id)}` }, candidateName(d))),
            h('td', {}, units.get(d.branchId)?.name ?? d.branchId),
            h('td', {}, STAGE_NAMES[d.stage] ?? d.stage),
            h('td', {}, dmy(d.nominatedOn)),
            h('td', {}, dmy(d.lastStepOn)),
          ),
        ),
      );
      shown += page.items.length;
      more.hidden = !page.nextCursor;
      more.onclick = () => load(page.nextCursor);
      status.textContent = shown === 0 ? 'Không có hồ sơ nào.' : `${shown} hồ sơ${page.nextCursor ? ', còn nữa' : ''}.`;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      const named = FILTERS.filter((name) => error.fieldMessage(name));
      for (const name of named) {
        fields[name].error.textContent = error.fieldMessage(name);
        fields[name].control.setAttribute('aria-invalid', 'true');
      }
      if (named.length === 0) status.textContent = error.message;
      else fields[named[0]].control.focus();
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = params().toString();
    history.replaceState(null, '', `#/ho-so${p ? `?${p}` : ''}`);
    void load();
  });

  show(
    main,
    h('h1', {}, 'Hồ sơ'),
    form,
    status,
    h(
      'div',
      { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': 'Danh sách hồ sơ' },
      h(
        'table',
        { class: 'list' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Họ và tên', 'Chi bộ', 'Giai đoạn', 'Ngày giới thiệu', 'Bước gần nhất'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        body,
      ),
    ),
    more,
  );
  await load();
}
