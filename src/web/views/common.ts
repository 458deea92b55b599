import type { App } from '../app.ts';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import type { Job } from './plans.ts';

/**
 * The plan the view shows: the one in the URL, else (a planner) the newest succeeded
 * plan. A manager key cannot list plans: it is given a plan id in the link, or types it.
 */
export async function planOf(app: App, el: HTMLElement): Promise<string | undefined> {
  if (app.place.plan) return app.place.plan;
  if (app.me.role === 'planner') {
    const { plans } = await app.api.get<{ plans: Job[] }>('/v1/plans');
    const done = plans.find((p) => p.status === 'succeeded');
    if (done) {
      app.place.plan = done.id;
      history.replaceState(null, '', `#view=${app.place.view}&plan=${done.id}`);
      return done.id;
    }
    el.replaceChildren(h('p', { class: 'empty' }, t('noPlan')));
    return undefined;
  }
  const input = h('input', { id: 'plan-id', placeholder: t('planId') });
  const form = h('form', { class: 'card' }, h('label', {}, t('planId'), ' ', input), ' ', h('button', { type: 'submit' }, t('open')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    app.go({ plan: input.value.trim() });
  });
  el.replaceChildren(form);
  return undefined;
}

/** Export buttons: CSV, XLSX, GeoJSON of the city or of one line (a manager: its own). */
export function exportButtons(app: App, plan: string, line?: string): HTMLElement {
  const q = line ? `?line=${encodeURIComponent(line)}` : '';
  const b = (ext: string) =>
    h('button', { class: `export-${ext}`, onclick: () => void app.api.download(`/v1/plans/${plan}/export.${ext}${q}`, `plan-${plan}${line ? `-${line}` : ''}.${ext}`).catch(app.fail) }, ext.toUpperCase());
  return h('span', { class: 'exports' }, `${t('exports')} (${line ?? t('city')}): `, b('csv'), ' ', b('xlsx'), ' ', b('geojson'));
}
