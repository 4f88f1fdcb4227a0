import { Readability } from '@mozilla/readability';
import { linkedom } from './linkedom.js';

/** What the HTML reader found in a page: the article text and its metadata. */
export interface ExtractedArticle {
  /** Article text, paragraphs separated by blank lines. */
  readonly text: string;
  readonly title?: string;
  readonly byline?: string;
  /** ISO date or date-time from meta tags, JSON-LD or `<time datetime>`. */
  readonly published?: string;
  /** Canonical URL (`<link rel=canonical>` or `og:url`). */
  readonly url?: string;
  /** Figure captions removed before extraction. */
  readonly captions: string[];
  /** Photo and story credits removed before extraction ("Photo: AP", "Reporting by …"). */
  readonly credits: string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- linkedom's DOM is typed loosely */
type El = any;

/** Class or id words of page furniture dropped before Readability sees the page. */
const FURNITURE =
  /(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|subscription|signup|sign-up|related|recommended|recirc|promo|outbrain|taboola|most-?popular|most-?read|read-?more|readmore|also-?read|trending|comments?|author-?bio|tags|breadcrumbs?|advert|advertisement|ad-?slot|ad-?container|sponsored|paywall|cookie|toolbar)(?:$|[\s_-])/i;
const CREDIT =
  /(?:^|[\s_-])(?:credit|credits|copyright|photo-?credit|image-?credit|caption-?credit)(?:$|[\s_-])/i;
const CAPTION =
  /(?:^|[\s_-])(?:caption|figcaption|wp-caption-text|image-?caption|photo-?caption)(?:$|[\s_-])/i;
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
  'FIGCAPTION',
  'CAPTION',
  'DETAILS',
  'SUMMARY',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
]);
/** Largest text a furniture block may hold: a bigger one is more likely the article itself. */
const MAX_FURNITURE_CHARS = 1500;
/** Pages longer than this are cut before parsing. */
const MAX_HTML = 8_000_000;

function squash(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function attr(el: El, name: string): string {
  const v = el?.getAttribute?.(name);
  return typeof v === 'string' ? v : '';
}

function metaContent(doc: El, selectors: readonly string[]): string | undefined {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = squash(attr(el, 'content') || attr(el, 'datetime') || attr(el, 'href') || el?.textContent);
    if (v !== '') return v;
  }
  return undefined;
}

/** Every object in a JSON-LD value, descending into arrays and `@graph`. */
function* ldObjects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const v of value) yield* ldObjects(v);
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    yield o;
    if (o['@graph'] !== undefined) yield* ldObjects(o['@graph']);
  }
}

function jsonLd(doc: El): { published?: string; title?: string; author?: string; url?: string } {
  const out: { published?: string; title?: string; author?: string; url?: string } = {};
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let value: unknown;
    try {
      value = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const o of ldObjects(value)) {
      if (out.published === undefined && typeof o['datePublished'] === 'string')
        out.published = o['datePublished'];
      if (out.title === undefined && typeof o['headline'] === 'string') out.title = o['headline'];
      if (out.url === undefined && typeof o['url'] === 'string' && typeof o['headline'] === 'string')
        out.url = o['url'];
      const author = o['author'];
      if (out.author === undefined) {
        const first = Array.isArray(author) ? author[0] : author;
        if (typeof first === 'string') out.author = first;
        else if (typeof first === 'object' && first !== null && typeof first.name === 'string')
          out.author = first.name;
      }
    }
  }
  return out;
}

/** An ISO date (YYYY-MM-DD, with time when given) from a date string, or undefined. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?/.exec(
    value.trim(),
  );
  if (m !== null) return m[2] === undefined ? m[1]! : `${m[1]}T${m[2]}${m[3] ?? ''}`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function readMetadata(doc: El): Pick<ExtractedArticle, 'title' | 'byline' | 'published' | 'url'> {
  const ld = jsonLd(doc);
  const published = isoDate(
    metaContent(doc, [
      'meta[property="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publishdate"]',
      'meta[name="date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dc.date"]',
      'meta[name="parsely-pub-date"]',
      'meta[name="sailthru.date"]',
    ]) ??
      ld.published ??
      metaContent(doc, ['time[datetime][pubdate]', 'time[itemprop="datePublished"]', 'time[datetime]']),
  );
  const title =
    metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    ld.title ??
    (squash(doc.querySelector('title')?.textContent) || undefined);
  const byline =
    metaContent(doc, [
      'meta[name="author"]',
      'meta[property="article:author"]',
      '[rel="author"]',
      '[itemprop="author"]',
    ]) ?? ld.author;
  const url = metaContent(doc, ['link[rel="canonical"]', 'meta[property="og:url"]']) ?? ld.url;
  return {
    ...(title !== undefined ? { title } : {}),
    ...(byline !== undefined && !/^https?:/.test(byline) ? { byline } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

function describeElement(el: El): string {
  return `${attr(el, 'class')} ${attr(el, 'id')} ${attr(el, 'role')} ${attr(el, 'data-component')}`;
}

/**
 * Removes captions, credits and furniture blocks (share, newsletter, related links) from the page,
 * keeping caption and credit texts.
 */
function dropFurniture(doc: El, captions: string[], credits: string[]): void {
  for (const el of [...doc.querySelectorAll('figcaption, .wp-caption-text')]) {
    // a credit inside a caption ("<span class=credit>Photo: AFP</span>") is a credit, not caption text
    for (const part of [...el.querySelectorAll('[class], [id]')]) {
      if (!CREDIT.test(describeElement(part))) continue;
      const credit = squash(part.textContent);
      if (credit !== '' && credit.length <= MAX_FURNITURE_CHARS) credits.push(credit);
      part.remove();
    }
    const t = squash(el.textContent);
    if (t !== '') captions.push(t);
    el.remove();
  }
  for (const el of [...doc.querySelectorAll('nav, aside, footer, form, [aria-hidden="true"]')]) {
    if (squash(el.textContent).length <= MAX_FURNITURE_CHARS) el.remove();
  }
  const body = doc.body ?? doc.documentElement;
  if (body === null || body === undefined) return;
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    if (el.parentNode === null || el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'ARTICLE')
      continue;
    const words = describeElement(el);
    const caption = CAPTION.test(words);
    const credit = !caption && CREDIT.test(words);
    if (!caption && !credit && !FURNITURE.test(words)) continue;
    const text = squash(el.textContent);
    if (text.length > MAX_FURNITURE_CHARS) continue;
    if (caption && text !== '') captions.push(text);
    if (credit && text !== '') credits.push(text);
    el.remove();
  }
}

/** The text of an element, one paragraph per block element, separated by blank lines. */
function blockText(root: El): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = current.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();
    if (t !== '') paragraphs.push(t);
    current = '';
  };
  const walk = (node: El): void => {
    for (let child = node.firstChild; child !== null && child !== undefined; child = child.nextSibling) {
      if (child.nodeType === 3) {
        current += child.textContent ?? '';
      } else if (child.nodeType === 1) {
        const tag = String(child.tagName).toUpperCase();
        if (SKIP.has(tag)) continue;
        if (tag === 'BR') {
          current += '\n';
          // two <br> in a row separate paragraphs
          if (child.nextSibling?.nodeType === 1 && String(child.nextSibling.tagName).toUpperCase() === 'BR')
            flush();
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Extracts the article of an HTML page: drops captions, credits and share, newsletter and
 * related-link blocks, runs Readability (on linkedom), and returns the text (paragraphs separated
 * by blank lines) with title, byline, published date and canonical URL. Never throws: a page
 * that cannot be parsed gives its visible text, or an empty text.
 *
 * @example
 * extractArticle('<html><head><title>T</title></head><body><article><p>Text.</p></article></body></html>').text // 'Text.'
 */
export function extractArticle(html: string): ExtractedArticle {
  const captions: string[] = [];
  const credits: string[] = [];
  try {
    const source = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
    const { document } = linkedom().parseHTML(
      /<html[\s>]/i.test(source) ? source : `<!doctype html><html><body>${source}</body></html>`,
    );
    const meta = readMetadata(document);
    dropFurniture(document, captions, credits);
    let text = '';
    try {
      const parsed = new Readability(document as never, { charThreshold: 300 }).parse();
      if (parsed?.content) {
        const { document: inner } = linkedom().parseHTML(
          `<!doctype html><html><body>${parsed.content}</body></html>`,
        );
        text = blockText(inner.body);
      }
      if (meta.byline === undefined && parsed?.byline)
        (meta as { byline?: string }).byline = squash(parsed.byline);
    } catch {
      text = '';
    }
    if (text === '') {
      const { document: again } = linkedom().parseHTML(source);
      text = again.body ? blockText(again.body) : '';
    }
    return { text, ...meta, captions, credits };
  } catch {
    return { text: '', captions, credits };
  }
}
