import { h } from './dom.js';

const ROW = 28;
const LABEL = 150;
const WIDTH = 520;

/**
 * A horizontal bar chart of each row's target and actual (two bars a row), as inline SVG that scales
 * to the screen's width. `rows`: [{ label, target, actual }]. The table beside it holds the same figures.
 */
export function barChart(title, rows) {
  const top = Math.max(1, ...rows.flatMap((row) => [row.target, row.actual]));
  const scale = (WIDTH - LABEL - 40) / top;
  const height = rows.length * ROW + 24;
  const bars = rows.map((row, i) => {
    const y = i * ROW + 4;
    return h(
      'g',
      {},
      h('text', { x: LABEL - 6, y: y + 15, 'text-anchor': 'end', class: 'chart-label' }, row.label),
      h('rect', { x: LABEL, y, width: row.target * scale, height: 9, class: 'bar-target' }),
      h('rect', { x: LABEL, y: y + 11, width: row.actual * scale, height: 9, class: 'bar-actual' }),
      h(
        'text',
        { x: LABEL + Math.max(row.target, row.actual) * scale + 4, y: y + 15, class: 'chart-value' },
        `${row.actual}/${row.target}`,
      ),
    );
  });
  const legendY = rows.length * ROW + 16;
  return h(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title, class: 'chart' },
    h('title', {}, title),
    ...bars,
    h('rect', { x: LABEL, y: legendY - 8, width: 10, height: 8, class: 'bar-target' }),
    h('text', { x: LABEL + 14, y: legendY, class: 'chart-label' }, 'Chỉ tiêu'),
    h('rect', { x: LABEL + 90, y: legendY - 8, width: 10, height: 8, class: 'bar-actual' }),
    h('text', { x: LABEL + 104, y: legendY, class: 'chart-label' }, 'Thực hiện'),
  );
}
