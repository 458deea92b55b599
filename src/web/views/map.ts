import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import type { App } from '../app.ts';
import { fill, h } from '../dom.ts';
import { gridCorners, hillshade, parseAsc, type Grid } from '../hillshade.ts';
import { t, weekdayName, type Word } from '../i18n.ts';
import { nextMode, retailerFeatures, routeLegs, visitsByShop, type DatasetMap, type RetailerVisits, type ShopVisit } from '../mapData.ts';
import { planOf } from './common.ts';
import { diffLine } from '../diff.ts';
import type { LinePlan, VisitRecord } from '../types.ts';

// The worker is its own file in the build (MapLibre 6 ships it apart); same origin, no CDN.
maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', document.baseURI).href);

interface PageConfig {
  styleUrl: string | null;
  tilesUrl: string | null;
  tilesAttribution: string;
  counties: string;
  terrain: string;
}

interface ServedDay {
  date: string;
  base: { lon: number; lat: number };
  leaveBase: string | null;
  backAtBase: string | null;
  stops: { seq: number; retailer: string; name: string; lon: number; lat: number; arrive: string; depart: string; leg: { km: number; minutes: number; geometry?: [number, number][] } }[];
  returnLeg: { km: number; geometry?: [number, number][] };
  remote: { retailer: string; name: string; mode: string }[];
}

/** The map of the last map view: removed when the view is drawn again (its WebGL context and worker freed). */
let current: maplibregl.Map | undefined;

const CLASS_COLOURS = ['match', ['get', 'class'], 'modern1', '#d7301f', 'modern2', '#fc8d59', 'ordinary', '#4575b4', 'violating', '#7b3294', '#888888'];
const BASE_COLOUR = '#000000';
const MODE_COLOURS = ['match', ['get', 'mode'], 'in_person', '#1a9850', 'phone', '#fdae61', 'online', '#2c7bb6', '#bbbbbb'];

/**
 * The offline style: the county outlines and (added after) the hillshade; online tiles when
 * configured. The plain background is the map element's own (style.css), not a layer: without
 * a GPU every layer is one more pass over the whole canvas in every frame.
 */
function baseStyle(cfg: PageConfig): StyleSpecification {
  const style: StyleSpecification = { version: 8, sources: { counties: { type: 'geojson', data: cfg.counties } }, layers: [] };
  if (cfg.tilesUrl) {
    style.sources.tiles = { type: 'raster', tiles: [cfg.tilesUrl], tileSize: 256, attribution: cfg.tilesAttribution };
    style.layers.push({ id: 'tiles', type: 'raster', source: 'tiles' });
  }
  style.layers.push({ id: 'counties-line', type: 'line', source: 'counties', paint: { 'line-color': '#8a8170', 'line-width': 1.2 } });
  return style;
}

/** Lines, bases and territories; all retailers coloured by class or next visit; a line's day route; a shop's visits on click. */
export async function renderMap(app: App, el: HTMLElement): Promise<void> {
  // What tests and the benchmark wait for: set again once this map has drawn.
  for (const k of ['map', 'route', 'moves']) delete document.body.dataset[k];
  // MapLibre's worker boots (its 0.5 MB module fetched and compiled) while the page asks for
  // the plan and builds the map's WebGL context; kept for the next map view.
  maplibregl.prewarm();
  const plan = await planOf(app, el);
  if (!plan) return;
  // The map starts (WebGL, its worker, the basemap) while the data is fetched: on a slow
  // machine each takes hundreds of milliseconds, and they do not depend on each other.
  const jobAnswer = app.api.get<{ dataset: string }>(`/v1/plans/${plan}`);
  const cfg = (await fetch('/page-config.json').then((r) => r.json())) as PageConfig;
  current?.remove();
  const container = h('div', { id: 'map' });
  const map = new maplibregl.Map({
    container,
    style: cfg.styleUrl ?? baseStyle(cfg),
    center: [114.9, 32.0],
    zoom: 7,
    attributionControl: cfg.tilesUrl || cfg.styleUrl ? {} : false,
    // Kept so a test can read the pixels back (a blank map fails the end-to-end tests).
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  current = map;
  performance.mark('map:created');
  // The overlays go in as soon as the style is read and the data is here, not after the
  // basemap's first frame ('load'): the worker tiles the shops alongside the county outlines.
  const styled = map.once('style.load').then(() => performance.mark('map:style-loaded'));
  // The hillshade is computed while the data comes (the main thread waits on the network then).
  const shade = cfg.styleUrl || cfg.tilesUrl ? Promise.resolve(null) : hillshadeCanvas(cfg.terrain);
  const job = await jobAnswer;
  const [data, visits] = await Promise.all([app.api.get<DatasetMap>(`/v1/datasets/${job.dataset}/map`), app.api.get<RetailerVisits>(`/v1/plans/${plan}/retailer-visits`)]);
  performance.mark('map:data');
  const byShop = visitsByShop(visits);
  const dates = [...visits.dates].sort();
  const firstDate = app.place.date && dates.includes(app.place.date) ? app.place.date : dates[0] ?? '';

  const lineSelect = h('select', { id: 'map-line' }, ...data.lines.map((l) => h('option', { value: l.line, selected: l.line === app.place.line }, `${l.line} ${l.manager}`)));
  const dateSelect = h('select', { id: 'map-date' }, ...dates.map((d) => h('option', { value: d, selected: d === firstDate }, d)));
  const colour = h('select', { id: 'map-colour' }, h('option', { value: 'class' }, t('byClass')), h('option', { value: 'mode' }, t('byMode')));
  const show = h('button', { id: 'map-show' }, t('showRoute'));
  const legend = h('span', { class: 'legend' }, ...legendItems('class'));
  const timetable = h('div', { id: 'map-timetable', class: 'timetable' });
  fill(el,
    h('div', { class: 'toolbar' }, h('label', {}, t('line'), ' ', lineSelect), ' ', h('label', {}, t('date'), ' ', dateSelect), ' ', show, ' ', h('label', {}, t('colourBy'), ' ', colour), ' ', legend),
    h('div', { class: 'map-wrap' }, container, timetable),
  );

  map.resize();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  (window as unknown as { __map: maplibregl.Map }).__map = map;
  await styled;
  map.fitBounds(bounds(data), { padding: 20, duration: 0 });

  void shade.then((s) => s && addHillshade(map, s)).catch(app.fail);
  map.addSource('territories', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: data.lines.filter((l) => l.territory).map((l) => ({ type: 'Feature', properties: { line: l.line }, geometry: { type: 'Polygon', coordinates: l.territory! } })) },
  });
  map.addLayer({ id: 'territories', type: 'line', source: 'territories', paint: { 'line-color': '#9aa7b4', 'line-width': 0.8 } });
  // The bases go to the worker before the 26,400 shops, as circles coloured by a property like
  // the shops: the same shader program, so the frame that first draws a base compiles what the
  // shops need (0.3-0.6 s without a GPU) while the worker is still tiling the shops.
  const bases = new Map<string, [number, number]>();
  for (const l of data.lines) bases.set(`${l.base[0]},${l.base[1]}`, l.base);
  map.addSource('bases', {
    type: 'geojson',
    buffer: 8,
    data: { type: 'FeatureCollection', features: [...bases.values()].map((b) => ({ type: 'Feature', properties: { colour: BASE_COLOUR }, geometry: { type: 'Point', coordinates: b } })) },
  });
  // A tile holds the shops within `buffer` pixels of it, so a circle cut by its edge is drawn
  // whole: the largest circle is 4 px (a base 7 px). MapLibre's default, 128 px of a 512 px
  // tile, put each shop in 2.25 tiles on average, each copy tiled, encoded and drawn.
  map.addSource('retailers', { type: 'geojson', buffer: 8, data: retailerFeatures(data, (id) => nextMode(byShop.get(id), firstDate)) });
  map.addLayer({
    id: 'retailers',
    type: 'circle',
    source: 'retailers',
    paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.3, 12, 4], 'circle-color': CLASS_COLOURS as never, 'circle-opacity': 0.85 },
  });
  map.addLayer({ id: 'bases', type: 'circle', source: 'bases', paint: { 'circle-radius': 5, 'circle-color': ['to-color', ['get', 'colour']], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  // The route as plain lines: every layer type or paint variant is a shader program, and a
  // browser without a GPU (headless, SwiftShader) compiles each for 0.2 s or more.
  map.addSource('route', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'route', type: 'line', source: 'route', paint: { 'line-color': '#c0392b', 'line-width': 3 } });

  colour.addEventListener('change', () => {
    const by = colour.value === 'mode' ? 'mode' : 'class';
    map.setPaintProperty('retailers', 'circle-color', (by === 'mode' ? MODE_COLOURS : CLASS_COLOURS) as never);
    fill(legend, ...legendItems(by));
  });
  map.on('click', 'retailers', (ev) => {
    const i = ev.features?.[0]?.id;
    if (typeof i !== 'number') return;
    new maplibregl.Popup().setLngLat(ev.lngLat).setDOMContent(shopPopup(data, i, byShop.get(data.retailers.id[i]) ?? [])).addTo(map);
  });
  map.on('mouseenter', 'retailers', () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', 'retailers', () => (map.getCanvas().style.cursor = ''));

  let markers: maplibregl.Marker[] = [];
  const drawRoute = async () => {
    const line = lineSelect.value;
    const date = dateSelect.value;
    document.body.dataset.route = 'loading';
    try {
      const day = await app.api.get<ServedDay>(`/v1/plans/${plan}/lines/${encodeURIComponent(line)}/days/${date}`);
      (map.getSource('route') as GeoJSONSource).setData(routeLegs(day));
      for (const m of markers) m.remove();
      markers = day.stops.map((s) => new maplibregl.Marker({ element: h('div', { class: 'stop-marker', title: `${s.seq}. ${s.name} ${s.arrive}` }, s.seq) }).setLngLat([s.lon, s.lat]).addTo(map));
      fill(timetable, dayTable(day));
      map.resize();
      if (day.stops.length > 0) map.fitBounds(routeBounds(day), { padding: 80, duration: 0 });
      history.replaceState(null, '', `#view=map&plan=${plan}&line=${line}&date=${date}`);
      await drawn(map, 'route');
      document.body.dataset.route = `${line}/${date}`;
    } catch (e) {
      document.body.dataset.route = 'failed';
      app.fail(e);
    }
  };
  show.addEventListener('click', () => void drawRoute());
  if (app.place.against && app.place.line) await showMoves(app, map, data, plan, app.place.line, app.place.against).catch(app.fail);
  performance.mark('map:layers-added');
  await map.once('idle');
  performance.mark('map:idle');
  document.body.dataset.map = `${data.retailers.id.length}`;
  if (app.place.line && app.place.date) await drawRoute();
}

/** The colours in use: the four classes, or the modes of the next visit. */
/** The diff against another plan on the map: the shops of the line whose visits moved, ringed, with where to and why on a click. */
async function showMoves(app: App, map: maplibregl.Map, data: DatasetMap, plan: string, line: string, against: string): Promise<void> {
  const path = (id: string) => `/v1/plans/${id}/lines/${encodeURIComponent(line)}`;
  const [before, after, records] = await Promise.all([
    app.api.get<LinePlan>(path(against)),
    app.api.get<LinePlan>(path(plan)),
    app.api.get<{ visits: VisitRecord[] }>(`/v1/visits?plan=${against}&line=${encodeURIComponent(line)}&limit=1000`),
  ]);
  const moves = diffLine(before, after, records.visits);
  const at = new Map(data.retailers.id.map((id, i) => [id, i]));
  const features = moves.flatMap((m) => {
    const i = at.get(m.retailer);
    if (i === undefined) return [];
    const day = (date: string | null) => (date ? `${weekdayName(date)} ${date}` : '—');
    const text = `${m.retailer}: ${day(m.from)} → ${day(m.to)} (${t(`reason_${m.reason}` as Word)})`;
    return [{ type: 'Feature' as const, properties: { text }, geometry: { type: 'Point' as const, coordinates: [data.retailers.lon[i], data.retailers.lat[i]] } }];
  });
  map.addSource('moves', { type: 'geojson', data: { type: 'FeatureCollection', features } });
  map.addLayer({ id: 'moves', type: 'circle', source: 'moves', paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#e67e22', 'circle-stroke-width': 2.5 } });
  map.on('click', 'moves', (ev) => {
    const f = ev.features?.[0];
    if (f) new maplibregl.Popup().setLngLat(ev.lngLat).setText(String(f.properties.text)).addTo(map);
  });
  document.body.dataset.moves = String(features.length);
}

/** Resolves at the first frame drawn with the source loaded (the route on screen; shops at a new zoom may still be coming). */
function drawn(map: maplibregl.Map, source: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!map.isSourceLoaded(source)) return;
      map.off('render', check);
      resolve();
    };
    map.on('render', check);
    map.triggerRepaint();
  });
}

function legendItems(by: 'class' | 'mode'): HTMLElement[] {
  const item = (c: string, text: string) => h('span', { class: 'legend-item' }, h('i', { style: `background:${c}` }), text);
  return by === 'mode'
    ? [item('#1a9850', t('in_person')), item('#fdae61', t('phone')), item('#2c7bb6', t('online')), item('#bbbbbb', t('none'))]
    : [item('#d7301f', 'modern1'), item('#fc8d59', 'modern2'), item('#4575b4', 'ordinary'), item('#7b3294', 'violating')];
}

/** The terrain grid as a hillshade on a canvas; null when the service has no terrain. */
async function hillshadeCanvas(url: string): Promise<{ canvas: HTMLCanvasElement; grid: Grid } | null> {
  const res = await fetch(url);
  if (!res.ok) return null; // no terrain configured: the county outlines alone
  const grid = parseAsc(await res.text());
  const canvas = Object.assign(document.createElement('canvas'), { width: grid.ncols, height: grid.nrows });
  // A canvas kept in memory (willReadFrequently): MapLibre copies its pixels to a texture, and
  // without a GPU an accelerated canvas is slow to hand them back.
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(hillshade(grid) as Uint8ClampedArray<ArrayBuffer>, grid.ncols, grid.nrows), 0, 0);
  return { canvas, grid };
}

/**
 * The hillshade under the outlines, as a canvas source that is never redrawn: its pixels go
 * to the map as they are (an image source wanted a PNG, which took 0.2-0.4 s of the main
 * thread to encode without a GPU).
 */
function addHillshade(map: maplibregl.Map, { canvas, grid }: { canvas: HTMLCanvasElement; grid: Grid }): void {
  map.addSource('hillshade', { type: 'canvas', canvas, animate: false, coordinates: gridCorners(grid) });
  map.addLayer({ id: 'hillshade', type: 'raster', source: 'hillshade', paint: { 'raster-opacity': 0.6, 'raster-resampling': 'linear', 'raster-fade-duration': 0 } }, 'counties-line');
}

function bounds(data: DatasetMap): [[number, number], [number, number]] {
  const r = data.retailers;
  if (r.lon.length === 0) return [[113.6, 31.3], [116, 32.7]];
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < r.lon.length; i++) {
    w = Math.min(w, r.lon[i]), e = Math.max(e, r.lon[i]), s = Math.min(s, r.lat[i]), n = Math.max(n, r.lat[i]);
  }
  return [[w, s], [e, n]];
}

function routeBounds(day: ServedDay): [[number, number], [number, number]] {
  const pts = [[day.base.lon, day.base.lat], ...day.stops.map((s) => [s.lon, s.lat])];
  return [[Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1]))], [Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))]];
}

function dayTable(day: ServedDay): HTMLElement {
  return h('div', {},
    h('h3', {}, `${t('timetable')} ${day.date}`),
    h('p', {}, `${t('leaveBase')} ${day.leaveBase ?? '—'} · ${t('backAtBase')} ${day.backAtBase ?? '—'}`),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('stop')), h('th', {}, t('retailers')), h('th', {}, t('arrive')), h('th', {}, t('depart')), h('th', { class: 'n' }, 'km'))),
      h('tbody', {}, ...day.stops.map((s) => h('tr', {}, h('td', {}, s.seq), h('td', {}, `${s.name} (${s.retailer})`), h('td', {}, s.arrive), h('td', {}, s.depart), h('td', { class: 'n' }, s.leg.km.toFixed(1)))),
        ...day.remote.map((r) => h('tr', { class: 'remote' }, h('td', {}, ''), h('td', {}, `${r.name} (${r.retailer})`), h('td', { colspan: 3 }, t(r.mode as Word))))),
    ),
  );
}

function shopPopup(data: DatasetMap, i: number, visits: ShopVisit[]): HTMLElement {
  const r = data.retailers;
  return h('div', { class: 'shop' },
    h('strong', {}, `${r.name[i]} (${r.id[i]})`), h('br'), `${t('line')} ${r.line[i]} · ${r.class[i]}`,
    h('h4', {}, t('visitsOf')),
    visits.length === 0 ? h('p', {}, t('none')) : h('ul', {}, ...visits.map((v) => h('li', {}, `${v.date} ${t(v.mode as Word)}${v.arrive ? ` ${v.arrive}` : ''}`))),
  );
}
