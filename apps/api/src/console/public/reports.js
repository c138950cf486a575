import { api, ApiError } from './api.js';
import { committeesBelow, planYear } from './dashboard.js';
import { h, routeQuery, show } from './dom.js';
import { field, setError, showFieldErrors } from './fields.js';
import { may, session } from './session.js';
import { QUOTA_TABLE_TITLES } from '/console/labels.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';
const TSV = 'text/tab-separated-values';

/**
 * The reports a committee's page offers as files (API.md "Reports", "Committees and reports across
 * levels"): every one as XLSX, the quota report of a party committee also as CSV (a roll-up has none).
 */
const FILES = [
  { id: 'quota-xlsx', label: 'Chỉ tiêu phát triển đảng viên (XLSX)', report: 'quota', accept: XLSX, ext: 'xlsx' },
  {
    id: 'quota-csv',
    label: 'Chỉ tiêu phát triển đảng viên (CSV)',
    report: 'quota',
    accept: CSV,
    ext: 'csv',
    partyOnly: true,
  },
  { id: 'pipeline-xlsx', label: 'Tiến độ hồ sơ (XLSX)', report: 'pipeline', accept: XLSX, ext: 'xlsx' },
  { id: 'admissions-xlsx', label: 'Kết nạp trong năm (XLSX)', report: 'admissions', accept: XLSX, ext: 'xlsx' },
];

/** A report's route and the name its file is saved under. */
function reportFile(report, committeeId, year, ext) {
  const committee = encodeURIComponent(committeeId);
  if (report === 'pipeline')
    return { path: `/committees/${committee}/reports/pipeline`, name: `bao-cao-tien-do-${committeeId}.${ext}` };
  const name = report === 'quota' ? 'chi-tieu' : 'ket-nap';
  return {
    path: `/committees/${committee}/reports/${report}/${year}`,
    name: `bao-cao-${name}-${committeeId}-${year}.${ext}`,
  };
}

/**
 * Saves a Blob as a file: a link to an object URL, clicked. The page's Content-Security-Policy has no
 * say here: a download is a navigation, which `default-src` does not govern.
 */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const total = (units, key) => units.reduce((sum, u) => sum + (u.total?.[key] ?? 0), 0);

/** The plan as adopted: its figures per unit and every warning of the import. */
function planSummary(plan, committeeName) {
  const units = plan.units ?? [];
  const warnings = plan.warnings ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'plan-adopted', id: 'plan-result' },
    h('h3', { id: 'plan-adopted', tabindex: '-1' }, `Đã thông qua kế hoạch năm ${plan.year}`),
    h(
      'p',
      { id: 'plan-summary' },
      `${committeeName}, lần thông qua thứ ${plan.version}: ${units.length} đơn vị, ` +
        `giới thiệu ${total(units, 'nominations')}, kết nạp ${total(units, 'admissions')}.`,
    ),
    h('h4', {}, `Cảnh báo (${warnings.length})`),
    warnings.length === 0
      ? h('p', {}, 'Không có cảnh báo.')
      : h(
          'ul',
          { id: 'plan-warnings' },
          warnings.map((w) => h('li', {}, w)),
        ),
    h(
      'div',
      { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': 'Kế hoạch đã thông qua' },
      h(
        'table',
        { class: 'list', id: 'plan-units' },
        h('caption', {}, 'Chỉ tiêu cả năm theo đơn vị'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Đơn vị', 'Bảng', 'Giới thiệu', 'Kết nạp'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          units.map((u) =>
            h(
              'tr',
              { 'data-unit': u.unitId },
              h('th', { scope: 'row' }, u.name),
              h('td', {}, QUOTA_TABLE_TITLES[u.table] ?? u.table),
              h('td', { 'data-figure': 'nominations' }, u.total.nominations),
              h('td', { 'data-figure': 'admissions' }, u.total.admissions),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The plan import (roles allowed to adopt plans): the published table as a file, sent as it is to
 * `PUT /committees/{id}/plans/{year}`; the adopted plan and the import's warnings shown after.
 */
function planImport(partyCommittees, committeeId, year) {
  const committee = field(
    'plan-committee',
    'Đảng ủy của kế hoạch',
    h(
      'select',
      { name: 'committeeId' },
      partyCommittees.map((c) => h('option', { value: c.unitId, selected: c.unitId === committeeId }, c.name)),
    ),
  );
  const file = field(
    'plan-file',
    'Bảng kế hoạch đã công bố (.tsv, .txt)',
    h('input', { type: 'file', name: 'body', accept: '.tsv,.txt,text/tab-separated-values,text/plain' }),
  );
  const planYear = field(
    'plan-year',
    'Năm của kế hoạch',
    h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year }),
  );
  const createUnits = field('plan-create-units', 'Tạo các đơn vị còn thiếu', h('input', { type: 'checkbox' }));
  createUnits.element.classList.add('check');
  const message = h('p', { class: 'field-error', id: 'plan-error', role: 'alert' });
  const result = h('div', { id: 'plan-outcome' });
  const submit = h('button', { type: 'submit' }, 'Nhập kế hoạch');
  const form = h(
    'form',
    { class: 'card plan-import', novalidate: true, 'aria-labelledby': 'plan-import' },
    committee.element,
    planYear.element,
    file.element,
    createUnits.element,
    message,
    submit,
  );
  const fields = { committeeId: committee, year: planYear, body: file, createUnits };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    for (const f of Object.values(fields)) setError(f, '');
    const chosen = file.control.files[0];
    if (!chosen) {
      setError(file, 'Chọn tệp bảng kế hoạch.');
      return file.control.focus();
    }
    submit.disabled = true;
    try {
      const options = createUnits.control.checked ? '?createUnits=true' : '';
      const plan = await api(
        `/committees/${encodeURIComponent(committee.control.value)}/plans/${encodeURIComponent(planYear.control.value)}${options}`,
        { method: 'PUT', body: await chosen.text(), type: TSV },
      );
      const name = committee.control.selectedOptions[0]?.textContent ?? committee.control.value;
      result.replaceChildren(planSummary(plan, name));
      result.querySelector('h3').focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.replaceChildren();
      // A rule of the table (an unknown unit, a cell that is not a number) names no field: said above the button.
      if (!showFieldErrors(error, fields)) message.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'plan-import' },
    h('h2', { id: 'plan-import' }, 'Nhập kế hoạch năm'),
    h(
      'p',
      {},
      'Bảng chỉ tiêu như đã công bố, dạng văn bản phân cách bằng dấu tab; các đơn vị được đối chiếu theo tên.',
    ),
    form,
    result,
  );
}

/** Báo cáo: a committee's reports as files, and for those who may, the import of a year's plan. */
export async function showReports(main) {
  document.title = 'Báo cáo – ketnap';
  const units = (await api('/units')).items;
  const committees = units.filter((u) => u.kind === 'party-committee' || u.kind === 'higher-committee');
  const partyCommittees = committees.filter((u) => u.kind === 'party-committee');
  const query = routeQuery();
  const own = committees.find((c) => session()?.user.units.includes(c.unitId));
  const committeeId = query.get('committee') ?? (own ?? committees[0])?.unitId;
  const year = Number(query.get('year')) || (committeeId ? await planYear(committeesBelow(units, committeeId)) : 0);

  const committee = field(
    'report-committee',
    'Đảng ủy',
    h(
      'select',
      { name: 'committeeId' },
      committees.map((c) => h('option', { value: c.unitId, selected: c.unitId === committeeId }, c.name)),
    ),
  );
  const reportYear = field(
    'report-year',
    'Năm',
    h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year }),
  );
  const said = h('p', { id: 'download-status', role: 'status' });
  const buttons = FILES.map((f) => h('button', { type: 'button', 'data-file': f.id }, f.label));
  const kindOf = (id) => committees.find((c) => c.unitId === id)?.kind;
  const fitButtons = () => {
    const party = kindOf(committee.control.value) === 'party-committee';
    FILES.forEach((f, i) => (buttons[i].hidden = f.partyOnly && !party));
  };
  committee.control.addEventListener('change', fitButtons);
  fitButtons();
  FILES.forEach((f, i) =>
    buttons[i].addEventListener('click', async () => {
      const { path, name } = reportFile(f.report, committee.control.value, reportYear.control.value, f.ext);
      setError(committee, '');
      setError(reportYear, '');
      said.textContent = `Đang tải ${name}…`;
      buttons[i].disabled = true;
      try {
        save(await api(path, { accept: f.accept }), name);
        said.textContent = `Đã tải ${name}.`;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        said.textContent = showFieldErrors(error, { committeeId: committee, year: reportYear })
          ? 'Không tải được báo cáo.'
          : `Không tải được báo cáo: ${error.message}`;
      } finally {
        buttons[i].disabled = false;
      }
    }),
  );

  show(
    main,
    h('h1', {}, 'Báo cáo'),
    committees.length === 0
      ? h('p', {}, 'Chưa có đảng ủy nào.')
      : h(
          'section',
          { 'aria-labelledby': 'downloads' },
          h('h2', { id: 'downloads' }, 'Tải báo cáo'),
          h(
            'div',
            { class: 'chooser', role: 'group', 'aria-label': 'Chọn đảng ủy và năm' },
            committee.element,
            reportYear.element,
          ),
          h('div', { class: 'downloads' }, buttons),
          said,
        ),
    may('plans:write') && partyCommittees.length > 0 && planImport(partyCommittees, committeeId, year),
  );
}
