import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { Api, ApiError } from './api.ts';
import { errorText, parsePlace, placeHash, type App, type Me, type Place, type View } from './app.ts';
import { fill, h } from './dom.ts';
import { currentLang, setLang, t, type Lang } from './i18n.ts';
import { renderCalendar } from './views/calendar.ts';
import { renderDatasets } from './views/datasets.ts';
import { renderFigures } from './views/figures.ts';
import { renderKeys } from './views/keys.ts';
import { renderMap } from './views/map.ts';
import { renderPlans } from './views/plans.ts';

const KEY = 'visit-planner.key';
const LANG = 'visit-planner.lang';

const root = document.getElementById('app')!;
setLang((localStorage.getItem(LANG) as Lang | null) ?? 'zh');
document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';

const VIEWS: Record<View, (app: App, el: HTMLElement) => Promise<void>> = {
  datasets: renderDatasets,
  plans: renderPlans,
  figures: renderFigures,
  map: renderMap,
  calendar: renderCalendar,
  keys: renderKeys,
};
const PLANNER_VIEWS: View[] = ['figures', 'plans', 'datasets', 'map', 'calendar', 'keys'];
const MANAGER_VIEWS: View[] = ['calendar', 'map'];

const message = h('div', { id: 'message', role: 'alert', hidden: true });

function showMessage(text: string, kind: 'error' | 'note'): void {
  message.className = kind;
  message.textContent = text;
  message.hidden = false;
}

function langSwitch(): HTMLElement {
  const other: Lang = currentLang() === 'zh' ? 'en' : 'zh';
  return h('button', {
    id: 'lang',
    class: 'link',
    onclick: () => {
      localStorage.setItem(LANG, other);
      location.reload();
    },
  }, other === 'en' ? 'English' : '中文');
}

function signInForm(problem?: string): void {
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', placeholder: t('keyPrompt'), size: 60 });
  const form = h('form', { id: 'sign-in', class: 'card' }, h('h2', {}, t('signIn')), input, ' ', h('button', { type: 'submit' }, t('signIn')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(input.value.trim());
  });
  fill(root, h('header', {}, h('h1', {}, t('title')), langSwitch()), message, form);
  if (problem) showMessage(problem, 'error');
  input.focus();
}

async function signIn(key: string): Promise<void> {
  const api = new Api(key);
  try {
    const me = await api.get<Me>('/v1/me');
    sessionStorage.setItem(KEY, key);
    message.hidden = true;
    start(api, me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) sessionStorage.removeItem(KEY);
    signInForm(errorText(e));
  }
}

function start(api: Api, me: Me): void {
  const views = me.role === 'planner' ? PLANNER_VIEWS : MANAGER_VIEWS;
  const nav = h('nav', {});
  const main = h('main', {});
  let rendering = 0;
  const app: App = {
    api,
    me,
    place: parsePlace(location.hash, views[0]),
    go(next: Partial<Place>) {
      const place = { ...app.place, ...next };
      if (!views.includes(place.view)) place.view = views[0];
      history.replaceState(null, '', placeHash(place));
      app.place = place;
      void show();
    },
    fail: (e) => showMessage(errorText(e), 'error'),
    note: (text) => showMessage(text, 'note'),
  };
  // A manager's own line unless the link names another: the service, not the page, refuses that one (403).
  if (me.role === 'manager') app.place.line ??= me.line;
  const show = async () => {
    const mine = ++rendering;
    message.hidden = true;
    fill(nav, ...views.map((v) => h('a', { href: placeHash({ ...app.place, view: v }), class: v === app.place.view ? 'active' : '', 'data-view': v }, t(v))));
    const el = h('section', { id: `view-${app.place.view}` }, t('loading'));
    fill(main, el);
    try {
      await VIEWS[app.place.view](app, el);
    } catch (e) {
      if (mine !== rendering) return;
      fill(el);
      app.fail(e);
    }
  };
  window.onhashchange = () => {
    app.place = parsePlace(location.hash, views[0]);
    if (me.role === 'manager') app.place.line ??= me.line;
    void show();
  };
  const who = `${me.id} · ${me.role === 'planner' ? t('plans') : `${t('line')} ${me.line}`}`;
  const out = h('button', {
    class: 'link',
    onclick: () => {
      sessionStorage.removeItem(KEY);
      location.hash = '';
      signInForm();
    },
  }, t('signOut'));
  fill(root, h('header', {}, h('h1', {}, t('title')), nav, h('span', { id: 'who' }, who), langSwitch(), out), message, main);
  void show();
}

const saved = sessionStorage.getItem(KEY);
if (saved) void signIn(saved);
else signInForm();
