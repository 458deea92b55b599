import type { App } from '../app.ts';
import { calendarWeeks, type CalendarDay } from '../calendar.ts';
import { diffLine, movesByDay, sameHorizon, type Move } from '../diff.ts';
import { fill, h } from '../dom.ts';
import { num, t, weekdayName, type Word } from '../i18n.ts';
import type { LinePlan, Mode, VisitRecord } from '../types.ts';
import { exportButtons, planOf } from './common.ts';
import type { Job } from './plans.ts';

/** A line's calendar (days × visits, modes, market hours, flags), a day's timetable, and the diff against another plan. */
export async function renderCalendar(app: App, el: HTMLElement): Promise<void> {
  const plan = await planOf(app, el);
  if (!plan) return;
  const job = await app.api.get<Job & { lines: { line: string; manager: string }[] }>(`/v1/plans/${plan}`);
  const line = app.place.line ?? job.lines[0]?.line;
  if (!line) return fill(el, h('p', { class: 'empty' }, t('noPlan')));
  const linePlan = await app.api.get<LinePlan>(`/v1/plans/${plan}/lines/${encodeURIComponent(line)}`);
  const against = app.place.against ?? linePlan.parent ?? undefined;
  let moves: Move[] = [];
  let byWeekday = false;
  if (against) {
    const [before, records] = await Promise.all([
      app.api.get<LinePlan>(`/v1/plans/${against}/lines/${encodeURIComponent(line)}`),
      app.api.get<{ visits: VisitRecord[] }>(`/v1/visits?plan=${against}&line=${encodeURIComponent(line)}&limit=1000`),
    ]);
    moves = diffLine(before, linePlan, records.visits);
    byWeekday = !sameHorizon(before, linePlan);
  }
  const byDay = movesByDay(moves);
  const timetable = h('div', { id: 'day-timetable', class: 'timetable' });

  const lineSelect = h('select', { id: 'cal-line', disabled: app.me.role !== 'planner' }, ...job.lines.map((l) => h('option', { value: l.line, selected: l.line === line }, `${l.line} ${l.manager}`)));
  lineSelect.addEventListener('change', () => app.go({ line: lineSelect.value, against: undefined }));
  const toolbar = h('div', { class: 'toolbar' }, `${t('planOf')} ${plan} · `, h('label', {}, t('line'), ' ', lineSelect), ' ', exportButtons(app, plan, line));
  if (app.me.role === 'planner') {
    const { plans } = await app.api.get<{ plans: Job[] }>('/v1/plans');
    // Any plan of the same dataset: a re-plan's parent, another plan of the week, last week's.
    const others = plans.filter((p) => p.id !== plan && p.status === 'succeeded' && p.dataset === job.dataset);
    const label = (p: Job) => `${p.id} · ${p.start} (${p.weeks} ${t('weeksShort')})${p.id === linePlan.parent ? ` ${t('parent')}` : ''}`;
    const pick = h('select', { id: 'cal-against' }, h('option', { value: '' }, '—'), ...others.map((p) => h('option', { value: p.id, selected: p.id === against }, label(p))));
    pick.addEventListener('change', () => app.go({ against: pick.value || undefined }));
    toolbar.append(' ', h('label', {}, t('diffAgainst'), ' ', pick));
  }

  const openDay = async (date: string) => {
    fill(timetable, t('loading'));
    try {
      const day = await app.api.get<ServedDay>(`/v1/plans/${plan}/lines/${encodeURIComponent(line)}/days/${date}`);
      fill(timetable, dayTimetable(app, plan, line, day));
    } catch (e) {
      fill(timetable);
      app.fail(e);
    }
  };
  const weeks = calendarWeeks(linePlan);
  fill(el,
    toolbar,
    linePlan.warnings?.length ? h('ul', { class: 'warnings' }, ...linePlan.warnings.map((w) => h('li', {}, w))) : null,
    h('table', { id: 'calendar', class: 'calendar' },
      h('tbody', {}, ...weeks.map((week) => h('tr', {}, ...week.map((d) => cell(d, byDay.get(d.date), () => void openDay(d.date)))))),
    ),
    against ? diffTable(plan, line, against, byWeekday, moves) : null,
    timetable,
  );
  if (app.place.date) await openDay(app.place.date);
}

interface ServedDay {
  date: string;
  blocked: boolean;
  leaveBase: string | null;
  backAtBase: string | null;
  stops: { seq: number; retailer: string; name: string; arrive: string; depart: string; leg: { km: number } }[];
  remote: { retailer: string; name: string; mode: string }[];
  figures: { km: number; marketMinutes: number };
}

function cell(d: CalendarDay, moved: { out: number; in: number } | undefined, open: () => void): HTMLElement {
  const flags = d.flags.map((f) => h('span', { class: `flag ${f}` }, t(f as Word)));
  return h('td', { class: `day ${d.flags.join(' ')}${moved ? ' moved' : ''}`, 'data-date': d.date, onclick: open },
    h('div', { class: 'date' }, d.date.slice(5)),
    h('div', {}, `${t('in_person')} ${d.inPerson} · ${t('phone')} ${d.phone} · ${t('online')} ${d.online}`),
    h('div', {}, `${num(d.marketHours)} h / ${num(d.dayHours)} h`),
    ...flags,
    moved ? h('div', { class: 'moves' }, `−${moved.out} / +${moved.in}`) : null,
  );
}

function diffTable(plan: string, line: string, against: string, byWeekday: boolean, moves: Move[]): HTMLElement {
  const day = (date: string | null, mode: Mode | null) => (date ? `${date} ${weekdayName(date)} ${t(mode as Word)}` : '—');
  return h('div', { id: 'diff', 'data-by': byWeekday ? 'weekday' : 'date' },
    h('h3', {}, `${t('diff')} (${t('comparedWith')} ${against}${byWeekday ? `; ${t('byWeekday')}` : ''}): ${moves.length} `, h('a', { id: 'diff-map', href: `#view=map&plan=${plan}&line=${line}&against=${against}` }, t('map'))),
    moves.length === 0 ? h('p', {}, t('nothingMoved')) : h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('retailers')), h('th', {}, t('from')), h('th', {}, t('to')), h('th', {}, t('why')))),
      h('tbody', {}, ...moves.map((m) => h('tr', { 'data-reason': m.reason },
        h('td', {}, m.retailer), h('td', {}, day(m.from, m.fromMode)), h('td', {}, day(m.to, m.toMode)), h('td', {}, t(`reason_${m.reason}` as Word))))),
    ),
  );
}

function dayTimetable(app: App, plan: string, line: string, day: ServedDay): HTMLElement {
  const budget = h('input', { id: 'replan-budget', type: 'number', min: 1, max: 600, value: 5, size: 4 });
  const replan = h('button', { id: 'block-replan' }, t('blockAndReplan'));
  replan.addEventListener('click', () => {
    void (async () => {
      try {
        const job = await app.api.post<{ id: string }>(`/v1/plans/${plan}/replan`, { line, blocked: [day.date], timeLimitMs: Math.round(Number(budget.value) * 1000) });
        app.note(`${t('running')}: ${job.id}`);
        await waitFor(app, job.id);
        app.go({ plan: job.id, line, against: plan, date: undefined });
      } catch (e) {
        app.fail(e);
      }
    })();
  });
  return h('div', {},
    h('h3', {}, `${t('timetable')} ${day.date}`, ' ', h('a', { href: `#view=map&plan=${plan}&line=${line}&date=${day.date}` }, t('map'))),
    day.blocked ? h('p', {}, t('blocked')) : h('p', {}, `${t('leaveBase')} ${day.leaveBase ?? '—'} · ${t('backAtBase')} ${day.backAtBase ?? '—'} · ${num(day.figures.km)} km`),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('stop')), h('th', {}, t('retailers')), h('th', {}, t('arrive')), h('th', {}, t('depart')))),
      h('tbody', {}, ...day.stops.map((s) => h('tr', {}, h('td', {}, s.seq), h('td', {}, `${s.name} (${s.retailer})`), h('td', {}, s.arrive), h('td', {}, s.depart))),
        ...day.remote.map((r) => h('tr', { class: 'remote' }, h('td', {}), h('td', {}, `${r.name} (${r.retailer})`), h('td', { colspan: 2 }, t(r.mode as Word))))),
    ),
    day.blocked ? null : h('p', {}, replan, ' ', h('label', {}, t('budget'), ' ', budget)),
  );
}

/** Polls a job until it ends (a re-plan of one line takes about a second). */
async function waitFor(app: App, id: string): Promise<void> {
  for (;;) {
    const job = await app.api.get<Job>(`/v1/plans/${id}`);
    if (job.status === 'succeeded') return;
    if (job.status === 'failed') throw new Error(`${id}: ${job.error?.code} ${job.error?.message}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
