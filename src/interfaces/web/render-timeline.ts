/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import type { Timeline } from './api-client.js';
import { el } from './dom.js';

/**
 * Renders the timeline as stacked bars of events per period, coloured by event type (Observable Plot).
 *
 * @example
 * renderTimeline(document.getElementById('timeline')!, await getJson('/api/timeline', filters));
 */
export function renderTimeline(host: HTMLElement, timeline: Timeline): void {
  host.replaceChildren();
  if (timeline.series.length === 0) {
    host.append(
      el('p', {}, timeline.undated > 0 ? `${timeline.undated} undated events only.` : 'No dated events.'),
    );
    return;
  }
  const chart = Plot.plot({
    width: Math.max(480, host.clientWidth || 900),
    height: 260,
    marginLeft: 40,
    x: { label: timeline.by === 'day' ? 'day' : 'month', tickRotate: -30 },
    y: { label: 'events', grid: true },
    color: { legend: true, scheme: 'tableau10' },
    marks: [
      Plot.barY(timeline.series, { x: 'period', y: 'count', fill: 'type', tip: true }),
      Plot.ruleY([0]),
    ],
  });
  host.append(chart);
  if (timeline.undated > 0)
    host.append(el('p', { class: 'note' }, `${timeline.undated} undated events not shown.`));
}
