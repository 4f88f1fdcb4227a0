import type { RawDocument } from '../../core/index.js';
import { documentFromPage } from '../fetch/document-from-page.js';
import type { HttpClient } from '../fetch/http-client.js';
import { orderedMap } from '../fetch/ordered-map.js';
import { extractArticle } from '../html/extract-article.js';
import type { InputRecord } from '../input-record.js';
import { parseFeed, type FeedItem, type FeedText } from './parse-feed.js';

/** How feed items become articles. */
export interface FeedReading {
  /** Publication date for items that carry none (and whose page gives none). */
  readonly published?: string;
  /** Whether items without their full text are completed by fetching their link. */
  readonly followLinks: boolean;
  /** Least length (characters of text) of an item's content for it to count as the full article. */
  readonly fullContentChars: number;
  /** The HTTP client, created on first use. */
  readonly client: () => HttpClient;
}

/** An item's text: HTML through the article extractor, plain text as given. */
interface ItemText {
  readonly text: string;
  readonly credits: readonly string[];
  readonly html: boolean;
}

function toText(value: FeedText | undefined): ItemText | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'text') {
    const text = value.value.replace(/\r\n?/g, '\n').trim();
    return text === '' ? undefined : { text, credits: [], html: false };
  }
  const article = extractArticle(value.value);
  const text = article.text.trim();
  return text === '' ? undefined : { text, credits: article.credits, html: true };
}

/** The item's id: its guid, else its link, else the feed's name and the item's position. */
function itemId(item: FeedItem, stem: string): string {
  return item.guid ?? item.link ?? `${stem}-${item.index + 1}`;
}

function itemDocument(item: FeedItem, stem: string, body: ItemText, fallbackPublished?: string): RawDocument {
  const published = (item.published ?? fallbackPublished)?.slice(0, 10);
  return {
    id: itemId(item, stem),
    raw: body.text,
    mediaType: body.html ? 'text/html' : 'text/plain',
    ...(item.title !== undefined ? { title: item.title } : {}),
    ...(item.link !== undefined ? { url: item.link } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(body.credits.length > 0 ? { credits: body.credits } : {}),
  };
}

/**
 * One feed item as a record: its own content when it holds the full article (at least
 * `fullContentChars` of text), else the article of the page its link points to, else (no link, or
 * links not followed) whatever text it has.
 */
async function readItem(
  item: FeedItem,
  origin: string,
  stem: string,
  reading: FeedReading,
): Promise<InputRecord> {
  const where = `${origin}[item ${item.index + 1}]`;
  const content = toText(item.content);
  const summary = toText(item.summary);
  const longest = [content, summary]
    .filter((t): t is ItemText => t !== undefined)
    .sort((a, b) => b.text.length - a.text.length)[0];
  if (longest !== undefined && longest.text.length >= reading.fullContentChars)
    return { ok: true, origin: where, doc: itemDocument(item, stem, longest, reading.published) };
  const link = item.link !== undefined && /^https?:\/\//i.test(item.link) ? item.link : undefined;
  if (link !== undefined && reading.followLinks) {
    const page = await reading.client().get(link);
    if (!page.ok) return { ok: false, origin: where, error: `${link}: ${page.error}` };
    const doc = documentFromPage(page.text, page.url, itemId(item, stem), {
      ...(item.title !== undefined ? { title: item.title } : {}),
      ...(item.published !== undefined ? { published: item.published } : {}),
      ...(reading.published !== undefined ? { fallbackPublished: reading.published } : {}),
    });
    return typeof doc === 'string'
      ? { ok: false, origin: where, error: `${link}: ${doc}` }
      : { ok: true, origin: where, doc };
  }
  if (longest !== undefined)
    return { ok: true, origin: where, doc: itemDocument(item, stem, longest, reading.published) };
  const why =
    item.link === undefined
      ? 'the item has no text and no link'
      : link === undefined
        ? `the item has no text and its link "${item.link}" is not an http(s) URL`
        : 'the item has no text (and links are not followed)';
  return { ok: false, origin: where, error: why };
}

/**
 * Reads a feed document (RSS 2.0, RSS 1.0/RDF or Atom) into one record per item, fetching the
 * pages of items that do not carry their full text; several pages are fetched at once within the
 * client's limits, the records come in feed order. A malformed feed is one error record (an empty feed gives none); a bad
 * item is an error record naming the feed and the item's position, and the other items go on.
 *
 * @example
 * for await (const rec of readFeed('news.rss', xml, 'news', undefined, reading)) if (rec.ok) run(rec.doc);
 */
export async function* readFeed(
  origin: string,
  xml: string,
  stem: string,
  baseUrl: string | undefined,
  reading: FeedReading,
): AsyncGenerator<InputRecord> {
  const parsed = parseFeed(xml, baseUrl);
  if (!parsed.ok) {
    yield { ok: false, origin, error: parsed.error };
    return;
  }
  const window = reading.followLinks ? Math.max(2, reading.client().options.concurrency * 2) : 1;
  yield* orderedMap(parsed.feed.items, (item) => readItem(item, origin, stem, reading), window);
}
