import { createHash } from 'node:crypto';

/** How a store recognises an article it already holds. */
export interface ArticleIdentity {
  /** SHA-256 (hex) of the text with Unicode and whitespace normalised. */
  readonly contentHash: string;
  /** The URL with tracking parameters, fragment, default port and trailing slash removed, or null. */
  readonly canonicalUrl: string | null;
}

const TRACKING =
  /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|ref|ref_src|smid|s_cid)$/i;

/**
 * SHA-256 of the text after NFC normalisation and whitespace collapsing, so copies
 * that differ only in spacing or line endings hash alike.
 *
 * @example
 * contentHash('Japan  rejected\r\nthe vote') === contentHash('Japan rejected the vote'); // true
 */
export function contentHash(text: string): string {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normal, 'utf8').digest('hex');
}

/**
 * The canonical form of an article URL (http/https only), or null when there is none.
 *
 * @example
 * canonicalUrl('HTTPS://www.Example.com:443/news/a/?utm_source=x#top'); // 'https://example.com/news/a'
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...u.searchParams]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = new URLSearchParams(kept).toString();
  let out = u.toString();
  if (u.pathname.length > 1 && u.pathname.endsWith('/') && u.search === '') out = out.replace(/\/$/, '');
  return out;
}

/**
 * The identity of an article: its content hash and canonical URL.
 *
 * @example
 * identifyArticle({ raw: doc.raw, url: doc.url }); // { contentHash: '9f…', canonicalUrl: null }
 */
export function identifyArticle(doc: {
  readonly raw: string;
  readonly url?: string | undefined;
}): ArticleIdentity {
  return { contentHash: contentHash(doc.raw), canonicalUrl: canonicalUrl(doc.url) };
}
