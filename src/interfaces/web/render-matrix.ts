/// <reference lib="dom" />
import type { Matrix } from './api-client.js';
import { el } from './dom.js';

/** Most rows and columns the matrix shows (the most active actors). */
const MAX_SIDE = 30;

/**
 * Renders the stance matrix as a table: sources down, targets across; each cell coloured by its
 * stance, showing the dominant event type and the count; a click calls `open(source, target)`.
 *
 * @example
 * renderMatrix(document.getElementById('matrix')!, matrix, (s, t) => showEvents({ source: s, target: t }));
 */
export function renderMatrix(
  host: HTMLElement,
  matrix: Matrix,
  open: (source: string, target: string) => void,
): void {
  host.replaceChildren();
  if (matrix.cells.length === 0) {
    host.append(el('p', {}, 'No events match these filters.'));
    return;
  }
  const sources = matrix.sources.slice(0, MAX_SIDE);
  const targets = matrix.targets.slice(0, MAX_SIDE);
  const cells = new Map(matrix.cells.map((c) => [`${c.source}\u0000${c.target}`, c]));
  const head = el('tr', {}, el('th', { scope: 'col' }, 'source \\ target'));
  for (const t of targets) head.append(el('th', { scope: 'col' }, t));
  const body = el('tbody');
  for (const s of sources) {
    const row = el('tr', { 'data-source': s }, el('th', { scope: 'row' }, s));
    for (const t of targets) {
      const c = cells.get(`${s}\u0000${t}`);
      if (c === undefined) {
        row.append(el('td', { class: 'empty' }));
        continue;
      }
      const types = Object.entries(c.types)
        .map(([type, n]) => `${type} ×${n}`)
        .join(', ');
      const td = el(
        'td',
        {
          class: `cell ${c.stance}`,
          'data-source': s,
          'data-target': t,
          'data-stance': c.stance,
          'data-dominant': c.dominant,
          title: `${s} → ${t}: ${c.stance}; ${types}; mean Goldstein ${c.goldstein}`,
          tabindex: '0',
        },
        el('span', { class: 'type' }, c.dominant),
        `${c.count}`,
      );
      td.addEventListener('click', () => open(s, t));
      td.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') open(s, t);
      });
      row.append(td);
    }
    body.append(row);
  }
  host.append(el('table', { class: 'matrix' }, el('thead', {}, head), body));
}
