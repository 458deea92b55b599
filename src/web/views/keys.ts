import type { App } from '../app.ts';
import { fill, h } from '../dom.ts';
import { t } from '../i18n.ts';

interface Key {
  id: string;
  role: 'planner' | 'manager';
  line?: string;
  city?: string;
  source: string;
}

/** Issue a manager key for a line (the token shown once) and revoke keys: both at once, no restart. */
export async function renderKeys(app: App, el: HTMLElement): Promise<void> {
  const list = h('div', { id: 'key-list' });
  const issued = h('div', { id: 'issued' });
  const line = h('input', { id: 'key-line', placeholder: 'L001', required: true, size: 10 });
  const id = h('input', { id: 'key-id', placeholder: `${t('id')} (optional)`, size: 16 });
  const form = h('form', { id: 'key-form', class: 'card' }, h('h2', {}, t('issueKey')), h('label', {}, t('line'), ' ', line), ' ', id, ' ', h('button', { type: 'submit' }, t('issueKey')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      try {
        const key = await app.api.post<Key & { token: string }>('/v1/keys', { role: 'manager', line: line.value.trim(), ...(id.value.trim() ? { id: id.value.trim() } : {}) });
        fill(issued, h('p', { class: 'ok' }, t('keyShownOnce')), h('code', { id: 'token' }, key.token));
        await refresh();
      } catch (e) {
        app.fail(e);
      }
    })();
  });
  const refresh = async () => {
    const { keys } = await app.api.get<{ keys: Key[] }>('/v1/keys');
    fill(list, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('id')), h('th', {}, t('role')), h('th', {}, t('line')), h('th', {}, t('source')), h('th', {}))),
      h('tbody', {}, ...keys.map((k) => h('tr', { 'data-key': k.id },
        h('td', {}, k.id), h('td', {}, k.role), h('td', {}, k.line ?? ''), h('td', {}, k.source),
        h('td', {}, k.id === app.me.id ? '' : h('button', { class: 'revoke', onclick: () => void revoke(k.id) }, t('revoke')))))),
    ));
  };
  const revoke = async (keyId: string) => {
    try {
      await app.api.call('DELETE', `/v1/keys/${encodeURIComponent(keyId)}`);
      await refresh();
    } catch (e) {
      app.fail(e);
    }
  };
  fill(el, form, issued, h('h2', {}, t('keys')), list);
  await refresh();
}
