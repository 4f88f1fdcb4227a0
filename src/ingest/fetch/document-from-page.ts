import type { RawDocument } from '../../core/index.js';
import { extractArticle } from '../html/extract-article.js';

/** What a feed (or the command line) already knows about a page, preferred to what the page says. */
export interface PageHints {
  readonly title?: string;
  /** ISO date or date-time, preferred to the page's. */
  readonly published?: string;
  /** ISO date used when neither the hint nor the page gives one (`--published`). */
  readonly fallbackPublished?: string;
}

/** A URL resolved against the page's address, or undefined when it is not an http(s) URL. */
function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The article of a fetched HTML page as a RawDocument: Readability's text, the hinted title and date
 * first (a feed item's), else the page's; the url is the page's canonical URL (resolved against the
 * address it was fetched from) or that address. A page with no article text is an error string.
 *
 * @example
 * documentFromPage(html, 'https://example.org/a', 'https://example.org/a', { title: 'From the feed' });
 */
export function documentFromPage(
  html: string,
  pageUrl: string,
  id: string,
  hints: PageHints = {},
): RawDocument | string {
  const article = extractArticle(html);
  if (article.text.trim() === '') return 'no article text found in the page';
  const title = hints.title ?? article.title;
  const published = (hints.published ?? article.published ?? hints.fallbackPublished)?.slice(0, 10);
  return {
    id,
    raw: article.text,
    mediaType: 'text/html',
    url: absoluteUrl(article.url, pageUrl) ?? pageUrl,
    ...(title !== undefined ? { title } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(article.credits.length > 0 ? { credits: article.credits } : {}),
  };
}
