import type { ExportDocument } from '../reports.types.js';

/**
 * The register as one JSON document (described in docs/exports.md), streamed: every table is an
 * object with its title, its columns (key and label) and its rows as objects keyed by column key.
 */
export async function* jsonChunks(doc: ExportDocument): AsyncIterable<string> {
  const { meta } = doc;
  const head = {
    format: 'art30-register-export',
    version: 1,
    exportId: meta.exportId,
    tenant: meta.tenant,
    layout: meta.layout,
    locale: meta.lang,
    asOf: meta.asOf.toISOString(),
    generatedAt: meta.generatedAt.toISOString(),
    generatedBy: meta.generatedBy,
    history: meta.history,
    header: doc.header,
  };
  yield JSON.stringify(head).slice(0, -1) + ',"tables":{';
  let firstTable = true;
  for (const table of doc.tables) {
    const columns = table.keys.map((key, i) => ({ key, label: table.headers[i] }));
    yield `${firstTable ? '' : ','}${JSON.stringify(table.name)}:{"title":${JSON.stringify(table.title)},"columns":${JSON.stringify(columns)},"rows":[`;
    firstTable = false;
    let chunk = '';
    let first = true;
    for await (const row of table.rows()) {
      const object: Record<string, unknown> = {};
      table.keys.forEach((key, i) => (object[key] = row[i] ?? null));
      chunk += (first ? '' : ',') + JSON.stringify(object);
      first = false;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk + ']}';
  }
  yield '}}\n';
}
