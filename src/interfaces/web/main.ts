/// <reference lib="dom" />
import type cytoscape from 'cytoscape';
import { PLOVER_TYPES } from '../../core/index.js';
import {
  ApiFailure,
  getJson,
  type Actor,
  type Article,
  type EventItem,
  type Filters,
  type Hit,
  type Matrix,
  type Network,
  type Stats,
  type Timeline,
} from './api-client.js';
import { byId, el } from './dom.js';
import { renderArticle } from './render-article.js';
import { renderMatrix } from './render-matrix.js';
import { renderNetwork } from './render-network.js';
import { renderTimeline } from './render-timeline.js';

/** The filter fields of the form, in the API's parameter names. */
const FIELDS = ['text', 'actor', 'source', 'target', 'type', 'from', 'to'] as const;

const form = () => byId<HTMLFormElement>('filters');
let network: cytoscape.Core | null = null;
let eventsNext: string | null = null;
let eventsScope: Filters = {};

/** The form's filters (empty fields left out); actor codes upper-cased. */
function readFilters(): Filters {
  const data = new FormData(form());
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = String(data.get(f) ?? '').trim();
    if (v !== '') out[f] = f === 'text' || f === 'from' || f === 'to' ? v : v.toUpperCase();
  }
  return out;
}

function writeFilters(filters: Filters): void {
  for (const f of FIELDS) {
    const input = form().elements.namedItem(f) as HTMLInputElement | HTMLSelectElement | null;
    if (input) input.value = filters[f] ?? '';
  }
}

function showError(error: unknown): void {
  const box = byId('error');
  box.hidden = false;
  box.textContent = error instanceof ApiFailure ? `The server refused: ${error.message}` : String(error);
}

/** One event as a table row, its article one click away. */
function eventRow(r: EventItem): HTMLTableRowElement {
  const e = r.event;
  const open = el('button', { type: 'button', class: 'link', 'data-article': String(r.articleId) }, r.docId);
  open.addEventListener('click', () => void openArticle(r.articleId));
  return el(
    'tr',
    { 'data-event': e.id },
    el('td', {}, e.date ?? '—'),
    el('td', {}, e.source.code),
    el('td', {}, `${e.negated ? 'NOT ' : ''}${e.type}`),
    el('td', {}, e.target.code),
    el('td', {}, e.modality),
    el('td', { class: 'evidence' }, e.evidence.sentence),
    el('td', {}, open),
  );
}

/** Lists the events of a scope (the filters, or a matrix cell), first page or the next one. */
async function loadEvents(scope: Filters, more = false): Promise<void> {
  if (!more) {
    eventsScope = scope;
    eventsNext = null;
  }
  const page = await getJson<{ items: EventItem[]; next: string | null }>('/api/events', {
    ...eventsScope,
    limit: '50',
    ...(more && eventsNext !== null ? { cursor: eventsNext } : {}),
  });
  const body = byId('events').querySelector('tbody')!;
  if (!more) body.replaceChildren();
  body.append(...page.items.map(eventRow));
  eventsNext = page.next;
  byId('more-events').hidden = page.next === null;
  const described = Object.entries(eventsScope)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  byId('events-scope').textContent = described === '' ? 'all' : described;
}

async function openArticle(id: number): Promise<void> {
  try {
    renderArticle(await getJson<Article>(`/api/articles/${id}`));
  } catch (error) {
    showError(error);
  }
}

async function loadSearch(text: string | undefined): Promise<void> {
  const section = byId('search-section');
  section.hidden = text === undefined;
  if (text === undefined) return;
  const { items } = await getJson<{ items: Hit[] }>('/api/search', { q: text, limit: '20' });
  byId('search-results').replaceChildren(
    ...items.map((h) => {
      const open = el('button', { type: 'button', class: 'link' }, h.title ?? h.docId);
      open.addEventListener('click', () => void openArticle(h.id));
      return el('li', {}, open, ` ${h.published ?? ''}`);
    }),
  );
  if (items.length === 0) byId('search-results').append(el('li', {}, 'No article contains all these words.'));
}

/** Reloads every view for the form's filters and records them in the address. */
async function refresh(): Promise<void> {
  const filters = readFilters();
  const query = new URLSearchParams(filters as Record<string, string>).toString();
  history.replaceState(null, '', query === '' ? location.pathname : `?${query}`);
  byId('error').hidden = true;
  document.body.dataset['loading'] = 'true';
  try {
    const [matrix, timeline, net] = await Promise.all([
      getJson<Matrix>('/api/matrix', filters),
      getJson<Timeline>('/api/timeline', filters),
      getJson<Network>('/api/network', filters),
      loadEvents(filters),
      loadSearch(filters['text']),
    ]);
    renderMatrix(byId('matrix'), matrix, (source, target) => {
      void loadEvents({ ...filters, source, target }).then(() => byId('events-section').scrollIntoView());
    });
    renderTimeline(byId('timeline'), timeline);
    network?.destroy();
    network = renderNetwork(byId('network'), net, (actor) => {
      writeFilters({ ...readFilters(), actor });
      void refresh();
    });
  } catch (error) {
    showError(error);
  } finally {
    document.body.dataset['loading'] = 'false';
  }
}

async function loadChoices(): Promise<void> {
  const type = form().elements.namedItem('type') as HTMLSelectElement;
  type.append(...PLOVER_TYPES.map((t) => el('option', { value: t }, t)));
  const [stats, actors] = await Promise.all([
    getJson<Stats>('/api/stats'),
    getJson<{ items: Actor[] }>('/api/actors', { limit: '500' }),
  ]);
  byId('stats').textContent =
    `${stats.articles} articles · ${stats.events} events · ${stats.quotes} quotes · ${stats.people} people`;
  byId('actor-codes').replaceChildren(
    ...actors.items.map((a) => el('option', { value: a.code }, a.name ?? a.code)),
  );
}

async function start(): Promise<void> {
  form().addEventListener('submit', (e) => {
    e.preventDefault();
    void refresh();
  });
  form().addEventListener('reset', () => setTimeout(() => void refresh(), 0));
  byId('more-events').addEventListener('click', () => void loadEvents(eventsScope, true).catch(showError));
  byId('toggle-raw').addEventListener('click', () => {
    const raw = byId('article-raw');
    raw.hidden = !raw.hidden;
    byId('toggle-raw').textContent = raw.hidden ? 'Show raw text' : 'Hide raw text';
  });
  try {
    await loadChoices();
  } catch (error) {
    showError(error);
  }
  writeFilters(Object.fromEntries(new URLSearchParams(location.search)));
  await refresh();
  document.body.dataset['ready'] = 'true';
}

void start();
