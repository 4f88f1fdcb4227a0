/// <reference lib="dom" />
import type { Article } from './api-client.js';
import { byId, el } from './dom.js';
import { layoutHighlights, type Mark } from './highlight.js';

/** The marks of an article: event triggers, quotes, actor and person mentions. */
function marksOf(article: Article): Mark[] {
  const marks: Mark[] = [];
  for (const r of article.reports)
    marks.push({
      span: r.trigger.span,
      cls: 'trigger',
      title: `${r.event.type} trigger “${r.event.trigger.text}”`,
    });
  for (const q of article.quotes)
    marks.push({
      span: q.span,
      cls: 'quote',
      title: `quote (${q.kind})${q.speaker ? ` by ${q.speaker.name}` : ''}`,
    });
  for (const m of article.mentions) {
    if (m.actor !== null) marks.push({ span: m.span, cls: 'actor', title: `${m.text} = ${m.actor}` });
    else if (m.person !== null) marks.push({ span: m.span, cls: 'person', title: m.text });
  }
  return marks;
}

/** The cleaned text with evidence blocks as `<mark class="evidence">` and triggers, quotes and mentions as spans. */
function renderText(article: Article): DocumentFragment {
  const blocks = layoutHighlights(
    article.text,
    article.reports.map((r, event) => ({ span: r.evidence.span, event })),
    marksOf(article),
  );
  const out = document.createDocumentFragment();
  for (const b of blocks) {
    const parts = b.segments.map((s) =>
      s.classes.length === 0
        ? document.createTextNode(s.text)
        : el('span', { class: s.classes.join(' '), title: s.titles.join('; ') }, s.text),
    );
    if (b.evidence === null) out.append(...parts);
    else {
      const events = b.evidence.map((i) => article.reports[i]!.event);
      out.append(
        el(
          'mark',
          {
            class: 'evidence',
            id: `evidence-${b.start}`,
            'data-events': b.evidence.join(' '),
            title: events.map((e) => `${e.source.code} ${e.type} ${e.target.code}`).join('; '),
          },
          ...parts,
        ),
      );
    }
  }
  return out;
}

/** One event of the article as a list item: who did what to whom, type, mode, date, modality, rule. */
function eventItem(article: Article, index: number): HTMLLIElement {
  const r = article.reports[index]!;
  const e = r.event;
  const item = el(
    'li',
    { 'data-event': e.id },
    el('div', { class: 'ev-head' }, `${e.source.code} ${e.negated ? 'NOT ' : ''}${e.type} ${e.target.code}`),
    el(
      'div',
      { class: 'ev-meta' },
      `type ${e.type} · mode ${e.mode ?? '—'} · date ${e.date ?? 'undated'} · modality ${e.modality} · rule ${e.rule}` +
        ` · CAMEO ${e.cameo} · Goldstein ${e.goldstein} · trigger “${e.trigger.text}”` +
        (r.articles > 1 ? ` · reported by ${r.articles} articles` : ''),
    ),
  );
  item.addEventListener('click', () => {
    const mark = [...document.querySelectorAll<HTMLElement>('#article-text mark.evidence')].find((m) =>
      (m.dataset['events'] ?? '').split(' ').includes(String(index)),
    );
    if (mark === undefined) return;
    mark.scrollIntoView({ block: 'center' });
    mark.classList.add('flash');
    setTimeout(() => mark.classList.remove('flash'), 1500);
  });
  return item;
}

/**
 * Shows an article: its clean text with every event's evidence highlighted (triggers, quotes, actor
 * and person mentions marked inside), the events with their coding, quotes with speakers, people,
 * actors, and the raw text on demand.
 *
 * @example
 * renderArticle(await getJson<Article>('/api/articles/3'));
 */
export function renderArticle(article: Article): void {
  byId('article-section').hidden = false;
  byId('article-title').textContent = article.title ?? article.docId;
  const meta = byId('article-meta');
  meta.replaceChildren(
    `${article.docId} · published ${article.published ?? 'unknown'} · ${article.events} events`,
    ...(article.url !== null
      ? [' · ', el('a', { href: article.url, rel: 'noopener noreferrer' }, 'source')]
      : []),
  );
  byId('article-text').replaceChildren(renderText(article));
  byId('article-events').replaceChildren(...article.reports.map((_, i) => eventItem(article, i)));
  byId('article-quotes').replaceChildren(
    ...article.quotes.map((q) =>
      el(
        'li',
        {},
        el('q', {}, q.text),
        ` — ${q.speaker ? `${q.speaker.name}${q.speaker.actor ? ` (${q.speaker.actor})` : ''}` : 'unattributed'}`,
        el('span', { class: 'ev-meta' }, ` ${q.kind}${q.cue ? `, “${q.cue}”` : ''}`),
      ),
    ),
  );
  byId('article-people').replaceChildren(
    ...article.people.map((p) =>
      el('li', {}, `${p.name}${p.role ? `, ${p.role}` : ''}${p.actor ? ` (${p.actor})` : ''}`),
    ),
  );
  byId('article-actors').replaceChildren(
    ...article.actors.map((a) => el('li', {}, `${a.code} — ${a.name} (${a.kind}, ×${a.mentions.length})`)),
  );
  const raw = byId<HTMLPreElement>('article-raw');
  raw.textContent = article.raw;
  raw.hidden = true;
  byId('toggle-raw').textContent = 'Show raw text';
  byId('article-section').scrollIntoView({ block: 'start' });
}
