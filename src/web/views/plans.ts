import type { App } from '../app.ts';
import { fill, h } from '../dom.ts';
import { num, t, type Word } from '../i18n.ts';
import { SseParser } from '../sse.ts';

export interface Job {
  id: string;
  kind: 'plan' | 'replan';
  dataset: string;
  parent: string | null;
  start: string;
  weeks: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { linesDone: number; linesTotal: number };
  error: { code: string; message: string } | null;
  createdAt: string;
  ratios: { fuelYuan: number } | null;
}

/** Start a plan, watch its progress live (the job's event stream), list, retry and cancel. */
export async function renderPlans(app: App, el: HTMLElement): Promise<void> {
  const { datasets } = await app.api.get<{ datasets: { id: string; retailers: number }[] }>('/v1/datasets');
  const dataset = h('select', { id: 'plan-dataset' }, ...datasets.map((d) => h('option', { value: d.id }, `${d.id} (${num(d.retailers, 0)})`)));
  const start = h('input', { id: 'plan-start', type: 'date', value: nextMonday(), required: true });
  const weeks = h('select', { id: 'plan-weeks' }, ...[1, 2, 3, 4].map((w) => h('option', { value: w }, w)));
  const budget = h('input', { id: 'plan-budget', type: 'number', min: 1, max: 3600, value: 60, required: true });
  const form = h('form', { id: 'plan-form', class: 'card' },
    h('h2', {}, t('startPlan')),
    h('label', {}, t('dataset'), ' ', dataset), ' ',
    h('label', {}, t('startDate'), ' ', start), ' ',
    h('label', {}, t('weeks'), ' ', weeks), ' ',
    h('label', {}, t('budget'), ' ', budget), ' ',
    h('button', { type: 'submit' }, t('startPlan')),
  );
  const list = h('div', { id: 'plan-list' });
  const streams = new AbortController();
  // Streams end when the page leaves this view (the list element is gone).
  const watching = new Set<string>();

  const refresh = async () => {
    const { plans } = await app.api.get<{ plans: Job[] }>('/v1/plans');
    fill(list, h('table', {},
      h('thead', {}, h('tr', {}, ...(['id', 'dataset', 'startDate', 'weeks', 'status', 'progress', 'parent'] as Word[]).map((w) => h('th', {}, t(w))), h('th', {}))),
      h('tbody', {}, ...plans.map((j) => row(j))),
    ));
    for (const j of plans) if ((j.status === 'queued' || j.status === 'running') && !watching.has(j.id)) void follow(j.id);
  };
  const row = (j: Job) => {
    const actions = h('td', { class: 'actions' });
    if (j.status === 'succeeded') actions.append(h('a', { href: `#view=figures&plan=${j.id}`, class: 'open' }, t('open')));
    if (j.status === 'failed') actions.append(h('button', { class: 'retry', onclick: () => act(`/v1/plans/${j.id}/retry`) }, t('retry')));
    if (j.status === 'queued' || j.status === 'running') actions.append(h('button', { class: 'cancel', onclick: () => act(`/v1/plans/${j.id}/cancel`) }, t('cancel')));
    const { linesDone, linesTotal } = j.progress;
    return h('tr', { 'data-plan': j.id, 'data-status': j.status },
      h('td', {}, j.id), h('td', {}, j.dataset), h('td', {}, j.start), h('td', {}, j.weeks),
      h('td', { class: `status ${j.status}`, title: j.error ? `${j.error.code}: ${j.error.message}` : '' }, t(j.status), j.error ? ` (${j.error.code})` : ''),
      h('td', {}, h('progress', { max: Math.max(1, linesTotal), value: linesDone }), ` ${linesDone}/${linesTotal}`),
      h('td', {}, j.parent ?? ''), actions);
  };
  const act = async (path: string) => {
    try {
      await app.api.post(path);
      await refresh();
    } catch (e) {
      app.fail(e);
    }
  };
  /** Follows a job's event stream, redrawing its row on each event; the list again when it ends. */
  const follow = async (id: string) => {
    watching.add(id);
    try {
      const res = await app.api.stream(`/v1/plans/${id}/events`, streams.signal);
      if (!res.ok || !res.body) return;
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(value)) {
          if (!list.isConnected) return streams.abort();
          const job = JSON.parse(ev.data) as Job;
          list.querySelector(`tr[data-plan="${job.id}"]`)?.replaceWith(row(job));
        }
      }
      if (list.isConnected) await refresh();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') app.fail(e);
    } finally {
      watching.delete(id);
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      try {
        await app.api.post('/v1/plans', { dataset: dataset.value, start: start.value, weeks: Number(weeks.value), timeLimitMs: Math.round(Number(budget.value) * 1000) });
        await refresh();
      } catch (e) {
        app.fail(e);
      }
    })();
  });
  fill(el, form, h('h2', {}, t('plans')), list);
  await refresh();
}

function nextMonday(): string {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
