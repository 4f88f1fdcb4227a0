import { linkedom } from '../html/linkedom.js';
import { checkWellFormed } from './check-well-formed.js';
import { parseFeedDate } from './parse-feed-date.js';

/** A text of a feed item: HTML markup (RSS description, `content:encoded`, Atom html/xhtml) or plain text. */
export interface FeedText {
  readonly type: 'html' | 'text';
  readonly value: string;
}

/** One RSS `item` or Atom `entry`, as the feed gives it. */
export interface FeedItem {
  /** Position in the feed, from 0. */
  readonly index: number;
  readonly title?: string;
  /** The article's address (absolute when the feed's address or site link allows resolving it). */
  readonly link?: string;
  /** RSS `guid` or Atom `id`. */
  readonly guid?: string;
  /** ISO date-time in the feed's zone (see parseFeedDate). */
  readonly published?: string;
  /** The full content: RSS `content:encoded`, Atom `content`. */
  readonly content?: FeedText;
  /** The summary: RSS `description`, Atom `summary`. */
  readonly summary?: FeedText;
}

export interface Feed {
  readonly kind: 'rss' | 'rdf' | 'atom';
  readonly title?: string;
  /** The site the feed belongs to. */
  readonly link?: string;
  readonly items: readonly FeedItem[];
}

export type FeedResult =
  { readonly ok: true; readonly feed: Feed } | { readonly ok: false; readonly error: string };

/** The part of linkedom's XML elements this module reads. */
interface XmlElement {
  readonly tagName: string;
  readonly children: Iterable<XmlElement>;
  readonly textContent: string | null;
  readonly innerHTML: string;
  getAttribute(name: string): string | null;
}

/** Element name without namespace prefix, lower-cased (`content:encoded` → `encoded`). */
function localName(el: XmlElement): string {
  const name = el.tagName.toLowerCase();
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function childrenNamed(el: XmlElement, ...names: string[]): XmlElement[] {
  return [...el.children].filter((c) => names.includes(localName(c)));
}

function childNamed(el: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = [...el.children].find((c) => localName(c) === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Text of an element; markup or HTML entities left in it (escaped HTML titles) are resolved. */
function plainText(el: XmlElement | undefined): string | undefined {
  const text = squash(el?.textContent);
  if (text === '') return undefined;
  if (!/<|&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(text)) return text;
  const { document } = linkedom().parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  return squash(document.body?.textContent) || undefined;
}

/** An Atom text construct (`type` text, html or xhtml) or an RSS element holding HTML. */
function feedText(el: XmlElement | undefined, defaultType: 'html' | 'text'): FeedText | undefined {
  if (el === undefined) return undefined;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = childNamed(el, 'div');
    const value = (div ?? el).innerHTML.trim();
    return value === '' ? undefined : { type: 'html', value };
  }
  const value = (el.textContent ?? '').trim();
  if (value === '') return undefined;
  const html = type === '' ? defaultType === 'html' : type === 'html' || type.includes('html');
  return { type: html ? 'html' : 'text', value };
}

function resolveLink(href: string | undefined, base: string | undefined): string | undefined {
  const value = href?.trim();
  if (value === undefined || value === '') return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

/** The first date among the given child elements that parses. */
function firstDate(el: XmlElement, names: readonly string[]): string | undefined {
  for (const name of names) {
    for (const child of childrenNamed(el, name)) {
      const date = parseFeedDate(child.textContent ?? undefined);
      if (date !== undefined) return date;
    }
  }
  return undefined;
}

/** An Atom entry's or feed's page link: rel=alternate (or no rel), preferring an HTML type. */
function atomLink(el: XmlElement): string | undefined {
  const links = childrenNamed(el, 'link').filter((l) => {
    const rel = (l.getAttribute('rel') ?? 'alternate').toLowerCase();
    return rel === 'alternate' && (l.getAttribute('href') ?? '').trim() !== '';
  });
  const html = links.find((l) => /html/i.test(l.getAttribute('type') ?? 'text/html'));
  return (html ?? links[0])?.getAttribute('href') ?? undefined;
}

/** The fields of `T`, each possibly undefined (before {@link definedFields} drops them). */
type MaybeFields<T> = { [K in keyof T]: T[K] | undefined };

function definedFields<T extends object>(value: MaybeFields<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readRssItem(item: XmlElement, index: number, base: string | undefined): FeedItem {
  const guidEl = childNamed(item, 'guid');
  const guid = squash(guidEl?.textContent) || undefined;
  const permalink = guid !== undefined && guidEl?.getAttribute('ispermalink') !== 'false' ? guid : undefined;
  const linkEl = childNamed(item, 'link');
  const linkText = squash(linkEl?.textContent) || (linkEl?.getAttribute('href') ?? undefined);
  const link =
    resolveLink(linkText, base) ??
    (permalink !== undefined && /^https?:\/\//i.test(permalink) ? permalink : undefined);
  return definedFields<FeedItem>({
    index,
    title: plainText(childNamed(item, 'title')),
    link,
    guid,
    published: firstDate(item, ['pubdate', 'date', 'published', 'issued', 'created', 'updated', 'modified']),
    content: feedText(childNamed(item, 'encoded'), 'html'),
    summary: feedText(childNamed(item, 'description', 'summary'), 'html'),
  });
}

function readAtomEntry(entry: XmlElement, index: number, base: string | undefined): FeedItem {
  const content = childNamed(entry, 'content');
  return definedFields<FeedItem>({
    index,
    title: plainText(childNamed(entry, 'title')),
    link: resolveLink(atomLink(entry), base),
    guid: squash(childNamed(entry, 'id')?.textContent) || undefined,
    published: firstDate(entry, ['published', 'issued', 'updated', 'modified', 'created']),
    // out-of-line content (`src`) is not the article text
    content: content?.getAttribute('src') ? undefined : feedText(content, 'text'),
    summary: feedText(childNamed(entry, 'summary'), 'text'),
  });
}

/** Whether a text looks like an RSS, RDF or Atom document (its root element, after any prolog). */
export function looksLikeFeed(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<(?:rss|feed|rdf:RDF)[\s>]/i.test(head);
}

/**
 * Parses an RSS 2.0 (or 0.9x), RSS 1.0 (RDF) or Atom feed with linkedom's XML parser: the items
 * with title, link, guid, date, content and summary. Relative links are resolved against `baseUrl`
 * (the feed's address) or the feed's site link. A document whose tags do not nest, or that is not
 * a feed, is an error naming the problem.
 *
 * @example
 * const r = parseFeed('<rss version="2.0"><channel><item><title>T</title><link>https://example.org/a</link></item></channel></rss>');
 * r.ok && r.feed.items[0]?.link; // 'https://example.org/a'
 */
export function parseFeed(xml: string, baseUrl?: string): FeedResult {
  const text = xml.replace(/^\uFEFF/, '');
  const malformed = checkWellFormed(text);
  if (malformed !== undefined) return { ok: false, error: `malformed feed: ${malformed}` };
  let root: XmlElement | null;
  try {
    root = new (linkedom().DOMParser)().parseFromString(text, 'text/xml')
      .documentElement as unknown as XmlElement | null;
  } catch (cause) {
    return { ok: false, error: `malformed feed: ${(cause as Error).message}` };
  }
  if (root === null) return { ok: false, error: 'malformed feed: no root element' };
  const rootName = localName(root);
  if (rootName === 'feed') {
    const link = atomLink(root);
    const base = baseUrl ?? link;
    return {
      ok: true,
      feed: definedFields<Feed>({
        kind: 'atom',
        title: plainText(childNamed(root, 'title')),
        link,
        items: childrenNamed(root, 'entry').map((e, i) => readAtomEntry(e, i, base)),
      }),
    };
  }
  if (rootName === 'rss' || rootName === 'rdf') {
    const channel = childNamed(root, 'channel');
    const link = channel && squash(childNamed(channel, 'link')?.textContent);
    const base = baseUrl ?? (link || undefined);
    // RSS 2.0 puts items in the channel, RSS 1.0 and some 0.9x beside it
    const items = [...(channel ? childrenNamed(channel, 'item') : []), ...childrenNamed(root, 'item')];
    return {
      ok: true,
      feed: definedFields<Feed>({
        kind: rootName === 'rss' ? 'rss' : 'rdf',
        title: channel && plainText(childNamed(channel, 'title')),
        link: link || undefined,
        items: items.map((item, i) => readRssItem(item, i, base)),
      }),
    };
  }
  return { ok: false, error: `not an RSS or Atom feed (the root element is <${root.tagName}>)` };
}
