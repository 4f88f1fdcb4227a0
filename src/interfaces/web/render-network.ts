/// <reference lib="dom" />
import cytoscape from 'cytoscape';
import type { Network } from './api-client.js';

/** Most actors the network draws (the most active). */
const MAX_NODES = 60;

/** Edge colour from a mean Goldstein weight (−10 hostile … +10 cooperative). */
function goldsteinColour(g: number): string {
  if (g <= -1) return '#c62828';
  if (g >= 1) return '#2e7d32';
  return '#9e9e9e';
}

/**
 * Renders the actor network with cytoscape: nodes sized by events, directed edges as wide as their
 * event count and coloured by mean Goldstein weight; returns the instance (to destroy on redraw).
 *
 * @example
 * const cy = renderNetwork(document.getElementById('network')!, network, (id) => setActor(id));
 */
export function renderNetwork(
  host: HTMLElement,
  network: Network,
  select: (actor: string) => void,
): cytoscape.Core {
  const ids = new Set(network.nodes.slice(0, MAX_NODES).map((n) => n.id));
  const maxCount = Math.max(1, ...network.edges.map((e) => e.count));
  const cy = cytoscape({
    container: host,
    elements: [
      ...network.nodes
        .filter((n) => ids.has(n.id))
        .map((n) => ({ data: { id: n.id, label: n.id, size: 20 + Math.sqrt(n.events) * 6 } })),
      ...network.edges
        .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
        .map((e) => ({
          data: {
            id: `${e.source}->${e.target}`,
            source: e.source,
            target: e.target,
            width: 1 + (6 * e.count) / maxCount,
            colour: goldsteinColour(e.goldstein),
            label: `${e.count}`,
          },
        })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          width: 'data(size)',
          height: 'data(size)',
          'font-size': 11,
          'background-color': '#5c6bc0',
          color: '#222',
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-size': 9,
        },
      },
    ],
    layout: { name: 'cose', animate: false, randomize: false },
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node', (e) => select(String(e.target.id())));
  return cy;
}
