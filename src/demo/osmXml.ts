import type { RoadNetwork } from './roadNetwork.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The network as an OSM XML file (API 0.6) that `osrm-extract -p car.lua` reads: nodes with
 * their 7-decimal coordinates, ways with `highway`, `name` and `ref` tags. Ids count from 1
 * in the order things were built, so the same network gives the same bytes.
 */
export function osmXml(net: RoadNetwork, generator: string): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<osm version="0.6" generator="${escape(generator)}">`];
  for (let i = 0; i < net.lon.length; i++) out.push(` <node id="${i + 1}" version="1" lat="${net.lat[i].toFixed(7)}" lon="${net.lon[i].toFixed(7)}"/>`);
  net.ways.forEach((w, k) => {
    out.push(` <way id="${k + 1}" version="1">`);
    for (const n of w.nodes) out.push(`  <nd ref="${n + 1}"/>`);
    out.push(`  <tag k="highway" v="${w.highway}"/>`, `  <tag k="name" v="${escape(w.name)}"/>`);
    if (w.ref) out.push(`  <tag k="ref" v="${escape(w.ref)}"/>`);
    out.push(' </way>');
  });
  out.push('</osm>', '');
  return out.join('\n');
}
