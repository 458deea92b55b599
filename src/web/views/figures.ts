import type { App } from '../app.ts';
import { fill, h } from '../dom.ts';
import { shapeFigures, sortRows, type CityRow, type LineRow, type SortKey } from '../figures.ts';
import { num, t, type Word } from '../i18n.ts';
import type { FiguresAnswer } from '../types.ts';
import { exportButtons, planOf } from './common.ts';

const COLUMNS: SortKey[] = ['line', 'manager', 'fuelRatio', 'kmPerMonth', 'emptyDays', 'longestDayHours', 'visitsPerDay'];

/** The city's figures beside today's practice (numbers and bars) and the sortable per-line table. */
export async function renderFigures(app: App, el: HTMLElement): Promise<void> {
  const plan = await planOf(app, el);
  if (!plan) return;
  const answer = await app.api.get<FiguresAnswer>(`/v1/plans/${plan}/figures`);
  const { city, lines } = shapeFigures(answer);
  const table = h('div', { id: 'line-table' });
  let sort: { key: SortKey; desc: boolean } = { key: 'line', desc: false };
  const draw = () => {
    const rows = sortRows(lines, sort.key, sort.desc);
    fill(table, h('table', { class: 'sortable' },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c) =>
        h('th', { 'data-key': c, class: `${c === sort.key ? (sort.desc ? 'desc' : 'asc') : ''} ${c === 'line' || c === 'manager' ? '' : 'n'}`, onclick: () => {
          sort = { key: c, desc: sort.key === c ? !sort.desc : c !== 'line' && c !== 'manager' };
          draw();
        } }, t(c as Word))))),
      h('tbody', {}, ...rows.map((r) => lineRow(plan, r))),
    ));
  };
  draw();
  fill(el,
    h('div', { class: 'toolbar' }, `${t('planOf')} ${plan} `, exportButtons(app, plan)),
    h('div', { class: 'figures' }, cityTable(city), cityChart(city)),
    h('h2', {}, t('lines')),
    table,
  );
}

function cityTable(rows: CityRow[]): HTMLElement {
  return h('table', { id: 'city-figures' },
    h('thead', {}, h('tr', {}, h('th', {}), h('th', { class: 'n' }, t('planOf')), h('th', { class: 'n' }, t('today')), h('th', { class: 'n' }, t('ratio')))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-key': r.key },
      h('th', {}, t(r.key as Word)), h('td', { class: 'n' }, num(r.plan)), h('td', { class: 'n' }, num(r.today)), h('td', { class: 'n' }, r.ratio === null ? '—' : num(r.ratio, 3))))),
  );
}

/** Plan and today's practice as paired bars, each figure scaled to the larger of the two. */
function cityChart(rows: CityRow[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const rowH = 34;
  svg.setAttribute('viewBox', `0 0 420 ${rows.length * rowH + 20}`);
  svg.setAttribute('class', 'chart');
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
  };
  rows.forEach((r, i) => {
    const top = i * rowH + 4;
    const max = Math.max(r.plan, r.today, 1e-9);
    el('text', { x: 0, y: top + 10, class: 'label' }, t(r.key as Word));
    el('rect', { x: 160, y: top, width: (250 * r.plan) / max, height: 10, class: 'plan' });
    el('rect', { x: 160, y: top + 12, width: (250 * r.today) / max, height: 10, class: 'today' });
  });
  el('rect', { x: 160, y: rows.length * rowH + 6, width: 10, height: 10, class: 'plan' });
  el('text', { x: 175, y: rows.length * rowH + 15, class: 'label' }, t('planOf'));
  el('rect', { x: 260, y: rows.length * rowH + 6, width: 10, height: 10, class: 'today' });
  el('text', { x: 275, y: rows.length * rowH + 15, class: 'label' }, t('today'));
  return svg;
}

function lineRow(plan: string, r: LineRow): HTMLElement {
  return h('tr', { 'data-line': r.line, class: r.error ? 'error' : '' },
    h('td', {}, h('a', { href: `#view=calendar&plan=${plan}&line=${r.line}` }, r.line)),
    h('td', {}, r.manager),
    h('td', { class: 'n' }, r.fuelRatio === null ? '—' : num(r.fuelRatio, 3)),
    h('td', { class: 'n' }, num(r.kmPerMonth, 0)),
    h('td', { class: 'n' }, r.emptyDays),
    h('td', { class: 'n' }, num(r.longestDayHours)),
    h('td', { class: 'n' }, num(r.visitsPerDay)),
  );
}
