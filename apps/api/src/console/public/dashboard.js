import { allItems, api, ApiError } from './api.js';
import { barChart } from './chart.js';
import { candidateName, dmy, h, routeQuery, show } from './dom.js';
import { session } from './session.js';
import { OBLIGATION_NAMES, QUOTA_MINIMUM_NAMES, QUOTA_STATUS_NAMES, QUOTA_TABLE_TITLES } from '/console/labels.js';

const ROMAN = ['I', 'II', 'III', 'IV'];
/** How many of the nearest open deadlines the list shows. */
const UPCOMING_SHOWN = 10;

/**
 * The most recent year, from this one back five, for which one of `committeeIds` (party committees)
 * has a plan, asked all at once; this year when none has.
 */
export async function planYear(committeeIds) {
  const thisYear = new Date().getFullYear();
  const years = [0, 1, 2, 3, 4].map((back) => thisYear - back);
  const planned = await Promise.all(
    years.map((year) =>
      Promise.all(
        committeeIds.map((committeeId) =>
          api(`/committees/${encodeURIComponent(committeeId)}/plans/${year}`).then(
            () => true,
            (error) => {
              if (error instanceof ApiError && error.status === 404) return false;
              throw error;
            },
          ),
        ),
      ).then((answers) => answers.some(Boolean)),
    ),
  );
  return years.find((_, i) => planned[i]) ?? thisYear;
}

/** Every unit under `unitId`, at any depth (a higher committee's communes and their branches). */
function descendants(units, unitId) {
  const found = new Set();
  let level = [unitId];
  while (level.length > 0) {
    const parents = new Set(level);
    level = units.filter((u) => parents.has(u.parentId) && !found.has(u.unitId)).map((u) => u.unitId);
    for (const id of level) found.add(id);
  }
  return found;
}

/** The party committees whose plans a committee's reports read: itself, or those below a higher committee. */
export function committeesBelow(units, committeeId) {
  const committee = units.find((u) => u.unitId === committeeId);
  if (committee?.kind !== 'higher-committee') return [committeeId];
  const below = descendants(units, committeeId);
  return units.filter((u) => below.has(u.unitId) && u.kind === 'party-committee').map((u) => u.unitId);
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

/** The head of a table of quota figures: quarters I–IV and the year, each target and actual. */
function quotaHead(first) {
  const sub = ['GT chỉ tiêu', 'GT thực hiện', 'KN chỉ tiêu', 'KN thực hiện'];
  const periods = [...ROMAN.map((r) => `Quý ${r}`), 'Cộng'];
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col', rowspan: 2 }, first),
      periods.map((p) => h('th', { scope: 'colgroup', colspan: 4 }, p)),
      h('th', { scope: 'col', rowspan: 2 }, 'Đánh giá'),
    ),
    h(
      'tr',
      {},
      periods.map(() => sub.map((s) => h('th', { scope: 'col' }, s))),
    ),
  );
}

/** A row of quota figures: the quarters, the year and the verdict. */
const quotaRow = (key, name, row, attributes = {}) =>
  h(
    'tr',
    attributes,
    h('th', { scope: 'row' }, name),
    row.quarters.map((q) => figureCells(key, `q${q.quarter}`, q)),
    figureCells(key, 'total', row.total),
    h('td', { class: `status-${row.status}` }, QUOTA_STATUS_NAMES[row.status]),
  );

/**
 * A higher committee's roll-up (API.md "Committees and reports across levels"): one row per party
 * committee below it, its units summed, then the totals.
 */
function rollUpSection(report) {
  return h(
    'section',
    { 'aria-labelledby': 'roll-up' },
    h('h2', { id: 'roll-up' }, 'Chỉ tiêu theo đảng ủy cấp dưới và quý'),
    barChart(
      'Kết nạp theo đảng ủy cấp dưới: thực hiện so với chỉ tiêu năm',
      report.committees.map((row) => ({
        label: row.name,
        target: row.total.target.admissions,
        actual: row.total.actual.admissions,
      })),
    ),
    h(
      'div',
      { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': 'Bảng chỉ tiêu theo đảng ủy cấp dưới' },
      h(
        'table',
        { class: 'figures', 'data-roll-up': report.committee.unitId },
        h(
          'caption',
          {},
          `${report.committee.name}: giới thiệu (GT) và kết nạp (KN) của từng đảng ủy cấp dưới, rồi tổng cộng`,
        ),
        quotaHead('Đảng ủy'),
        h(
          'tbody',
          {},
          report.committees.map((row) =>
            quotaRow(row.unitId, row.inPlan ? row.name : `${row.name} (chưa có kế hoạch)`, row, {
              'data-committee': row.unitId,
            }),
          ),
        ),
        h('tfoot', {}, quotaRow('total', 'Tổng cộng', report.total, { 'data-committee': 'total' })),
      ),
    ),
  );
}

/** One plan table of the quota report (the branches, or the Fatherland Front and mass organisations). */
function quotaTable(table, rows) {
  const title = QUOTA_TABLE_TITLES[table];
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
        quotaHead('Đơn vị'),
        h(
          'tbody',
          {},
          rows.map((row) => quotaRow(row.unitId, row.name, row)),
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
  const catalog = (await api('/units')).items;
  const units = new Map(catalog.map((u) => [u.unitId, u]));
  const committees = catalog.filter((u) => u.kind === 'party-committee' || u.kind === 'higher-committee');
  const query = routeQuery();
  // By default the committee the user acts for, else the first one.
  const own = committees.find((c) => session()?.user.units.includes(c.unitId));
  const committeeId = query.get('committee') ?? (own ?? committees[0])?.unitId;
  if (!committeeId) return show(main, h('h1', {}, 'Tổng quan'), h('p', {}, 'Chưa có đảng ủy nào.'));
  const year = Number(query.get('year')) || (await planYear(committeesBelow(catalog, committeeId)));

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

  const branches = descendants(catalog, committeeId);
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
  const names = new Map((dossiers ?? []).map((d) => [d.id, candidateName(d)]));
  const upcoming = (open ?? []).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const overdue = (breached ?? []).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const committee = units.get(committeeId);
  // A higher committee's report is its roll-up: totals under `total`, no unit rows nor blocks.
  const rolledUp = report && 'committees' in report;
  const totals = report && (rolledUp ? report.total.total : report.committee.total);

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
        tile('admissions', 'Kết nạp (thực hiện/chỉ tiêu)', `${totals.actual.admissions}/${totals.target.admissions}`),
      report &&
        tile(
          'nominations',
          'Giới thiệu (thực hiện/chỉ tiêu)',
          `${totals.actual.nominations}/${totals.target.nominations}`,
        ),
      tile('overdue-count', 'Thời hạn quá hạn', breached ? overdue.length : '—'),
      tile('upcoming-count', 'Thời hạn sắp đến', open ? upcoming.length : '—'),
      tile('cases-count', 'Vụ việc kiểm tra đang mở', cases ? cases.length : 'Không có quyền xem'),
    ),
    rolledUp && rollUpSection(report),
    report && !rolledUp
      ? h(
          'section',
          { 'aria-labelledby': 'quota' },
          h('h2', { id: 'quota' }, 'Chỉ tiêu theo đơn vị và quý'),
          ['branches', 'coordination'].map((table) => {
            const rows = report.units.filter((u) => u.table === table);
            return rows.length > 0 && quotaTable(table, rows);
          }),
        )
      : !report && h('p', { id: 'no-plan' }, `Đảng ủy này chưa có kế hoạch năm ${year}.`),
    report && !rolledUp && blocksSection(report),
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
