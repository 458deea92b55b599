import { ApiError } from '../api.ts';
import type { App } from '../app.ts';
import { fill, h } from '../dom.ts';
import { num, t } from '../i18n.ts';
import { uploadBody, type Problem } from '../upload.ts';

interface DatasetItem {
  id: string;
  createdAt: string;
  files: string[];
  retailers: number;
  lines: number;
}

/** Upload by drag and drop (every bad row in a table, nothing stored) and the list of datasets. */
export async function renderDatasets(app: App, el: HTMLElement): Promise<void> {
  const list = h('div', { id: 'dataset-list' });
  const result = h('div', { id: 'upload-result' });
  const picker = h('input', { type: 'file', multiple: true, hidden: true, id: 'file-input' });
  const drop = h('div', { id: 'drop', class: 'drop', tabindex: 0 }, t('dropFiles'));
  const upload = async (files: File[]) => {
    fill(result, t('uploading'));
    try {
      const body = await uploadBody(files);
      const ds = await app.api.post<DatasetItem>('/v1/datasets', body);
      fill(result, h('p', { class: 'ok' }, `${t('uploaded')}: ${ds.id} · ${num(ds.retailers, 0)} ${t('retailers')} · ${num(ds.lines, 0)} ${t('lines')}`));
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VP_IMPORT') fill(result, problemTable(e.body as { problems: Problem[]; counts?: unknown; message: string }));
      else {
        fill(result);
        app.fail(e);
      }
    }
  };
  drop.addEventListener('click', () => picker.click());
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    void upload([...(ev.dataTransfer?.files ?? [])]);
  });
  picker.addEventListener('change', () => void upload([...(picker.files ?? [])]));

  const refresh = async () => {
    const { datasets } = await app.api.get<{ datasets: DatasetItem[] }>('/v1/datasets');
    fill(
      list,
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, t('id')), h('th', {}, t('created')), h('th', {}, t('file')), h('th', { class: 'n' }, t('retailers')), h('th', { class: 'n' }, t('lines')))),
        h('tbody', {}, ...datasets.map((d) => h('tr', {}, h('td', {}, d.id), h('td', {}, d.createdAt.slice(0, 16).replace('T', ' ')), h('td', {}, d.files.join(', ')), h('td', { class: 'n' }, num(d.retailers, 0)), h('td', { class: 'n' }, num(d.lines, 0))))),
      ),
    );
  };
  fill(el, h('div', { class: 'card' }, drop, picker, result), h('h2', {}, t('datasets')), list);
  await refresh();
}

function problemTable(body: { problems: Problem[]; message: string }): HTMLElement {
  return h('div', { class: 'refused' },
    h('p', { class: 'error' }, `${t('uploadRefused')}: ${body.message}`),
    h('table', { id: 'problems' },
      h('thead', {}, h('tr', {}, h('th', {}, t('file')), h('th', { class: 'n' }, t('row')), h('th', {}, t('column')), h('th', {}, t('message')))),
      h('tbody', {}, ...body.problems.map((p) => h('tr', {}, h('td', {}, p.file), h('td', { class: 'n' }, p.line ?? ''), h('td', {}, p.column ?? p.path ?? ''), h('td', {}, p.reason)))),
    ),
  );
}
