/**
 * The part of an OSM XML file (as osmXml.ts writes it) inside a bounding box: nodes inside,
 * and every way cut to its runs of two or more nodes inside. For small test networks.
 */
export function osmExtract(xml: string, bbox: readonly [number, number, number, number]): string {
  const [west, south, east, north] = bbox;
  const inside = new Set<string>();
  const out: string[] = [];
  const lines = xml.split('\n');
  let way: { head: string; nds: string[]; tags: string[] } | null = null;
  let wayId = 0;
  for (const line of lines) {
    const node = /^ <node id="(\d+)" version="1" lat="([-\d.]+)" lon="([-\d.]+)"\/>$/.exec(line);
    if (node) {
      const [lat, lon] = [Number(node[2]), Number(node[3])];
      if (lon >= west && lon <= east && lat >= south && lat <= north) {
        inside.add(node[1]);
        out.push(line);
      }
      continue;
    }
    if (line.startsWith(' <way ')) {
      way = { head: line, nds: [], tags: [] };
      continue;
    }
    if (way && line.startsWith('  <nd ')) {
      way.nds.push(/ref="(\d+)"/.exec(line)![1]);
      continue;
    }
    if (way && line.startsWith('  <tag ')) {
      way.tags.push(line);
      continue;
    }
    if (way && line === ' </way>') {
      let run: string[] = [];
      const flush = () => {
        if (run.length >= 2) out.push(` <way id="${++wayId}" version="1">`, ...run.map((r) => `  <nd ref="${r}"/>`), ...way!.tags, ' </way>');
        run = [];
      };
      for (const nd of way.nds) {
        if (inside.has(nd)) run.push(nd);
        else flush();
      }
      flush();
      way = null;
      continue;
    }
    if (line !== '</osm>' && line !== '') out.push(line);
  }
  out.push('</osm>', '');
  return out.join('\n');
}
