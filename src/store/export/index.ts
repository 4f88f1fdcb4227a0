import type { StoredEvent } from '../store.js';
import { cameoHeader, cameoLine } from './cameo-csv.js';
import { ploverJsonLine } from './plover-jsonl.js';
import { polecatHeader, polecatLine } from './polecat-tsv.js';

export { csvLine, tsvLine, wellFormed } from './delimited.js';
export { CAMEO_COLUMNS, cameoFields } from './cameo-csv.js';
export { toPloverRecord, type PloverActor, type PloverRecord } from './plover-jsonl.js';
export { POLECAT_COLUMNS, polecatRecord, type PolecatColumn } from './polecat-tsv.js';

export const EXPORT_FORMATS = ['plover-jsonl', 'polecat-tsv', 'cameo-csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes one export: its header (empty for JSONL) and one line per event, ids made unique. */
export interface EventExporter {
  readonly header: string;
  line(row: StoredEvent): string;
}

/**
 * An exporter for one run: the line formatters are pure; the only state is the set of ids given
 * so far. An event keeps its contract id unless an earlier row of the run had it (two articles
 * with the same input id can yield the same id): it then becomes `<id>-a<article id>`.
 *
 * @example
 * const x = createExporter('cameo-csv', { coder: 'demarche 0.1.0' });
 * out(x.header); for (const row of rows) out(x.line(row));
 */
export function createExporter(format: ExportFormat, options: { readonly coder: string }): EventExporter {
  const seen = new Set<string>();
  const uniqueId = (row: StoredEvent): string => {
    let id = row.event.id;
    if (seen.has(id)) id = `${row.event.id}-a${row.articleId}`;
    for (let n = 2; seen.has(id); n++) id = `${row.event.id}-a${row.articleId}-${n}`;
    seen.add(id);
    return id;
  };
  switch (format) {
    case 'plover-jsonl':
      return { header: '', line: (row) => ploverJsonLine(row, uniqueId(row), options.coder) };
    case 'polecat-tsv':
      return { header: polecatHeader(), line: (row) => polecatLine(row, uniqueId(row), options.coder) };
    case 'cameo-csv':
      return { header: cameoHeader(), line: (row) => cameoLine(row, uniqueId(row)) };
  }
}
