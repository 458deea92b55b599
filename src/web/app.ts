import { Api, ApiError } from './api.ts';
import { t } from './i18n.ts';

export interface Me {
  id: string;
  role: 'planner' | 'manager';
  line?: string;
  city?: string;
}

export type View = 'datasets' | 'plans' | 'figures' | 'map' | 'calendar' | 'keys';

/** What the page is looking at; kept in the URL's hash so a reload or a link lands there. */
export interface Place {
  view: View;
  plan?: string;
  line?: string;
  date?: string;
  against?: string;
}

/** The signed-in page: its key's client, who the key is, where the page is, and how it reports trouble. */
export interface App {
  api: Api;
  me: Me;
  place: Place;
  go(place: Partial<Place>): void;
  /** Shows a problem in the message bar (never a blank screen). */
  fail(e: unknown): void;
  note(text: string): void;
}

/** A failure in words: a bad key, a removed plan, a service that is down, or the API's own message. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('serviceDown');
    if (e.status === 401) return `${t('badKey')} (${e.message})`;
    if (e.status === 410) return `${t('planGone')}: ${e.message}`;
    if (e.status === 403) return `${t('forbiddenLine')}: ${e.message}`;
    return `${e.code}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

export function parsePlace(hash: string, fallback: View): Place {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const views: View[] = ['datasets', 'plans', 'figures', 'map', 'calendar', 'keys'];
  const view = views.find((v) => v === p.get('view')) ?? fallback;
  const place: Place = { view };
  for (const k of ['plan', 'line', 'date', 'against'] as const) {
    const v = p.get(k);
    if (v) place[k] = v;
  }
  return place;
}

export function placeHash(place: Place): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(place)) if (v) p.set(k, v);
  return `#${p.toString()}`;
}
