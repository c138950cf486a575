import { allItems, api, ApiError } from './api.js';
import { barChart } from './chart.js';
import { dmy, h, routeQuery, show } from './dom.js';
import { session } from './session.js';
import { OBLIGATION_NAMES, QUOTA_MINIMUM_NAMES, QUOTA_STATUS_NAMES, QUOTA_TABLE_TITLES } from '/console/labels.js';

const ROMAN = ['I', 'II', 'III', 'IV'];
/** How many of the nearest open deadlines the list shows. */
const UPCOMING_SHOWN = 10;

/** The most recent year, from this one back five, for which the committee has a plan (asked all at once). */
async function planYear(committeeId) {
  const thisYear = new Date().getFullYear();
  const years = [0, 1, 2, 3, 4].map((back) => thisYear - back);
  const planned = await Promise.all(
    years.map((year) =>
      api(`/committees/${encodeURIComponent(committeeId)}/plans/${year}`).then(
        () => true,
        (error) => {
          if (error instanceof ApiError && error.status === 404) return false;
          throw error;
        },
      ),
    ),
  );
  return years.find((_, i) => planned[i]) ?? thisYear;
}

/** What a list the actor may not read shows instead of figures. */
const readable = (promise) =>
  promise.catch((error) => {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  });

const figureCells = (unitId, key, figures) => [
  h('td', { 'data-unit': unitId, 'data-period': key, 'data-figure': 'target.nominations' }, figures.target.nominations),
  h('td', { 'data-unit': unitId, 'data-period': key, 'data-figure': 'actual.nominations' }, figures.actual.nominations),
  h('td', { 'data-unit': unitId, 'data-period': key, 'data-figure': 'target.admissions' }, figures.target.admissions),
  h('td', { 'data-unit': unitId, 'data-period': key, 'data-figure': 'actual.admissions' }, figures.actual.admissions),
];

/** One plan table of the quota report (the branches, or the Fatherland Front and mass organisations). */
function quotaTable(table, rows) {
  const title = QUOTA_TABLE_TITLES[table];
  const sub = ['GT chỉ tiêu', 'GT thực hiện', 'KN chỉ tiêu', 'KN thực hiện'];
  const periods = [...ROMAN.map((r) => `Quý ${r}`), 'Cộng'];
  return h(
    'section',
    { 'aria-labelledby': `table-${table}` },
    h('h3', { id: `table-${table}` }, title),
    barChart(
      `Kết nạp theo đơn vị, ${title.toLowerCase()}: thực hiện so với chỉ tiêu năm`,
      rows.map((row) => ({
        label: row.name,
        target: row.total.target.admissions,
        actual: row.total.actual.admissions,
      })),
    ),
    h(
      'div',
      { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': `Bảng chỉ tiêu, ${title.toLowerCase()}` },
      h(
        'table',
        { class: 'figures', 'data-table': table },
        h('caption', {}, `${title}: giới thiệu quần chúng ưu tú (GT) và kết nạp (KN), chỉ tiêu và thực hiện`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', rowspan: 2 }, 'Đơn vị'),
            periods.map((p) => h('th', { scope: 'colgroup', colspan: 4 }, p)),
            h('th', { scope: 'col', rowspan: 2 }, 'Đánh giá'),
          ),
          h(
            'tr',
            {},
            periods.map(() => sub.map((s) => h('th', { scope: 'col' }, s))),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, row.name),
              row.quarters.map((q) => figureCells(row.unitId, `q${q.quarter}`, q)),
              figureCells(row.unitId, 'total', row.total),
              h('td', { class: `status-${row.status}` }, QUOTA_STATUS_NAMES[row.status]),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The blocks' totals, and the plan's minimums when it sets them. */
function blocksSection(report) {
  const rows = [...report.blocks, { ...report.committee, block: 'committee' }];
  return h(
    'section',
    { 'aria-labelledby': 'blocks' },
    h('h2', { id: 'blocks' }, 'Theo khối'),
    h(
      'div',
      { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': 'Bảng theo khối' },
      h(
        'table',
        { class: 'figures' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Khối', 'GT chỉ tiêu', 'GT thực hiện', 'KN chỉ tiêu', 'KN thực hiện', 'Đánh giá'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, row.name),
              figureCells(row.block, 'total', row.total),
              h('td', { class: `status-${row.status}` }, QUOTA_STATUS_NAMES[row.status]),
            ),
          ),
        ),
      ),
    ),
    report.minimums.length > 0 &&
      h(
        'ul',
        { class: 'minimums', 'aria-label': 'Kết nạp tối thiểu' },
        report.minimums.map((m) =>
          h(
            'li',
            { 'data-minimum': m.name, class: m.met ? 'status-met' : 'status-behind' },
            `Kết nạp tối thiểu, ${QUOTA_MINIMUM_NAMES[m.name]}: ${m.actual}/${m.required} — ${m.met ? 'Đạt' : 'Chưa đạt'}`,
          ),
        ),
      ),
  );
}

function deadlineList(id, deadlines, names, units) {
  if (deadlines.length === 0) return h('p', { id }, 'Không có.');
  return h(
    'ul',
    { id, class: 'deadlines' },
    deadlines.map((d) =>
      h(
        'li',
        {},
        h('strong', {}, names.get(d.dossierId) ?? d.dossierId),
        ` (${units.get(d.branchId)?.name ?? d.branchId}): ${OBLIGATION_NAMES[d.obligation] ?? d.obligation}, hạn ${dmy(d.dueOn)}`,
        d.workingDaysLate ? `, trễ ${d.workingDaysLate} ngày làm việc` : '',
      ),
    ),
  );
}

const tile = (id, label, value) =>
  h(
    'div',
    { class: 'tile' },
    h('span', { class: 'tile-label', id: `${id}-label` }, label),
    h('span', { class: 'tile-value', id, 'aria-labelledby': `${id}-label ${id}` }, value),
  );

/** Tổng quan: the quota report of a committee and year, its deadlines and open inspection cases. */
export async function showDashboard(main) {
  document.title = 'Tổng quan – ketnap';
  const units = new Map((await api('/units')).items.map((u) => [u.unitId, u]));
  const committees = [...units.values()].filter((u) => u.kind === 'party-committee');
  const query = routeQuery();
  // By default the committee the user acts for, else the first one.
  const own = committees.find((c) => session()?.user.units.includes(c.unitId));
  const committeeId = query.get('committee') ?? (own ?? committees[0])?.unitId;
  if (!committeeId) return show(main, h('h1', {}, 'Tổng quan'), h('p', {}, 'Chưa có đảng ủy nào.'));
  const year = Number(query.get('year')) || (await planYear(committeeId));

  const select = h(
    'select',
    { id: 'committee', name: 'committee' },
    committees.map((c) => h('option', { value: c.unitId, selected: c.unitId === committeeId }, c.name)),
  );
  const yearInput = h('input', { id: 'year', name: 'year', type: 'number', min: 2000, max: 2100, value: year });
  const chooser = h(
    'form',
    { class: 'chooser', 'aria-label': 'Chọn đảng ủy và năm' },
    h('div', { class: 'field' }, h('label', { for: 'committee' }, 'Đảng ủy'), select),
    h('div', { class: 'field' }, h('label', { for: 'year' }, 'Năm'), yearInput),
    h('button', { type: 'submit' }, 'Xem'),
  );
  chooser.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/tong-quan?committee=${encodeURIComponent(select.value)}&year=${encodeURIComponent(yearInput.value)}`;
  });

  const branches = new Set([...units.values()].filter((u) => u.parentId === committeeId).map((u) => u.unitId));
  const inCommittee = (items) => items?.filter((item) => branches.has(item.branchId)) ?? null;
  const [report, breached, open, cases, dossiers] = await Promise.all([
    api(`/committees/${encodeURIComponent(committeeId)}/reports/quota/${year}`).catch((error) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
    readable(allItems('/deadlines?status=breached')).then(inCommittee),
    readable(allItems('/deadlines?status=open')).then(inCommittee),
    readable(allItems('/inspection/cases?status=open')).then(inCommittee),
    readable(allItems('/dossiers')),
  ]);
  const names = new Map((dossiers ?? []).map((d) => [d.id, d.candidate.fullName]));
  const upcoming = (open ?? []).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const overdue = (breached ?? []).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const committee = units.get(committeeId);

  show(
    main,
    h('h1', {}, 'Tổng quan'),
    chooser,
    h(
      'p',
      { class: 'as-of' },
      `${committee.name}, năm ${year}${report ? `, số liệu đến ngày ${dmy(report.asOf)}` : ''}`,
    ),
    h(
      'div',
      { class: 'tiles' },
      report &&
        tile(
          'admissions',
          'Kết nạp (thực hiện/chỉ tiêu)',
          `${report.committee.total.actual.admissions}/${report.committee.total.target.admissions}`,
        ),
      report &&
        tile(
          'nominations',
          'Giới thiệu (thực hiện/chỉ tiêu)',
          `${report.committee.total.actual.nominations}/${report.committee.total.target.nominations}`,
        ),
      tile('overdue-count', 'Thời hạn quá hạn', breached ? overdue.length : '—'),
      tile('upcoming-count', 'Thời hạn sắp đến', open ? upcoming.length : '—'),
      tile('cases-count', 'Vụ việc kiểm tra đang mở', cases ? cases.length : 'Không có quyền xem'),
    ),
    report
      ? h(
          'section',
          { 'aria-labelledby': 'quota' },
          h('h2', { id: 'quota' }, 'Chỉ tiêu theo đơn vị và quý'),
          ['branches', 'coordination'].map((table) => {
            const rows = report.units.filter((u) => u.table === table);
            return rows.length > 0 && quotaTable(table, rows);
          }),
        )
      : h('p', { id: 'no-plan' }, `Đảng ủy này chưa có kế hoạch năm ${year}.`),
    report && blocksSection(report),
    h(
      'section',
      { 'aria-labelledby': 'deadlines' },
      h('h2', { id: 'deadlines' }, 'Thời hạn'),
      h('h3', {}, `Quá hạn (${breached ? overdue.length : '—'})`),
      breached ? deadlineList('overdue', overdue, names, units) : h('p', {}, 'Không có quyền xem.'),
      h('h3', {}, `Sắp đến hạn (${open ? upcoming.length : '—'}), ${UPCOMING_SHOWN} thời hạn gần nhất`),
      open
        ? deadlineList('upcoming', upcoming.slice(0, UPCOMING_SHOWN), names, units)
        : h('p', {}, 'Không có quyền xem.'),
    ),
  );
  performance.mark('ketnap:dashboard-shown');
}
