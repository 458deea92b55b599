/** An ESRI ASCII grid (the dataset's terrain.asc): rows north to south. */
export interface Grid {
  ncols: number;
  nrows: number;
  xll: number;
  yll: number;
  cell: number;
  nodata: number;
  z: Float32Array;
}

export function parseAsc(text: string): Grid {
  const lines = text.split('\n');
  const head = new Map<string, number>();
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^\s*([a-zA-Z_]+)\s+(-?[\d.]+)\s*$/.exec(lines[i]);
    if (!m) break;
    head.set(m[1].toLowerCase(), Number(m[2]));
  }
  const ncols = head.get('ncols');
  const nrows = head.get('nrows');
  const cell = head.get('cellsize');
  if (!ncols || !nrows || !cell) throw new Error('terrain: not an ESRI ASCII grid (ncols, nrows, cellsize missing)');
  const z = new Float32Array(ncols * nrows);
  let k = 0;
  for (; i < lines.length && k < z.length; i++) for (const v of lines[i].trim().split(/\s+/)) if (v !== '') z[k++] = Number(v);
  if (k !== z.length) throw new Error(`terrain: expected ${z.length} values, found ${k}`);
  return { ncols, nrows, cell, z, xll: head.get('xllcorner') ?? 0, yll: head.get('yllcorner') ?? 0, nodata: head.get('nodata_value') ?? -9999 };
}

/**
 * Hillshade as RGBA (grey, alpha by shade): light from the north-west at 45°, the usual
 * cartographic choice; slopes from central differences, with metres per degree at the
 * grid's latitude so hills are as steep as they are.
 */
export function hillshade(g: Grid, exaggeration = 2): Uint8ClampedArray {
  const out = new Uint8ClampedArray(g.ncols * g.nrows * 4);
  const lat = ((g.yll + (g.nrows * g.cell) / 2) * Math.PI) / 180;
  const dx = g.cell * 111_320 * Math.cos(lat);
  const dy = g.cell * 110_540;
  // ESRI's hillshade: the light's azimuth 315° (north-west) in maths convention is 135°.
  const azimuth = (135 * Math.PI) / 180;
  const altitude = (45 * Math.PI) / 180;
  const at = (c: number, r: number) => {
    const v = g.z[Math.min(g.nrows - 1, Math.max(0, r)) * g.ncols + Math.min(g.ncols - 1, Math.max(0, c))];
    return v === g.nodata ? 0 : v;
  };
  for (let r = 0; r < g.nrows; r++) {
    for (let c = 0; c < g.ncols; c++) {
      const dzdx = ((at(c + 1, r) - at(c - 1, r)) / (2 * dx)) * exaggeration;
      const dzdy = ((at(c, r + 1) - at(c, r - 1)) / (2 * dy)) * exaggeration; // south minus north (rows run south)
      const slope = Math.atan(Math.hypot(dzdx, dzdy));
      const aspect = Math.atan2(dzdy, -dzdx);
      const shade = Math.sin(altitude) * Math.cos(slope) + Math.cos(altitude) * Math.sin(slope) * Math.cos(azimuth - aspect);
      const k = (r * g.ncols + c) * 4;
      const s = Math.max(0, Math.min(1, shade));
      // Flat land is clear; the map's background shows through. Shadows darken, lit slopes lighten.
      const flat = Math.sin(altitude);
      const dark = s < flat;
      out[k] = out[k + 1] = out[k + 2] = dark ? 40 : 255;
      out[k + 3] = Math.round(Math.min(1, Math.abs(s - flat) * 1.6) * 200);
    }
  }
  return out;
}

/** The grid's corners as MapLibre wants them for an image/canvas source: NW, NE, SE, SW. */
export function gridCorners(g: Grid): [[number, number], [number, number], [number, number], [number, number]] {
  const w = g.xll;
  const s = g.yll;
  const e = g.xll + g.ncols * g.cell;
  const n = g.yll + g.nrows * g.cell;
  return [[w, n], [e, n], [e, s], [w, s]];
}
