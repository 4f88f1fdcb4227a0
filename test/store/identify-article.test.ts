import { describe, expect, it } from 'vitest';
import { canonicalUrl, contentHash, identifyArticle } from '../../src/ingest/index.js';

describe('article identity', () => {
  it('hashes text with spacing and Unicode normalised', () => {
    expect(contentHash('Japan  rejected\r\nthe vote ')).toBe(contentHash('Japan rejected the vote'));
    expect(contentHash('caf\u0065\u0301')).toBe(contentHash('caf\u00e9'));
    expect(contentHash('Japan rejected the vote')).not.toBe(contentHash('Japan rejected the votes'));
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('canonicalises URLs: host case, www, default port, fragment, tracking parameters, trailing slash', () => {
    expect(canonicalUrl('HTTPS://www.Example.com:443/news/a/?utm_source=x&fbclid=1#top')).toBe(
      'https://example.com/news/a',
    );
    expect(canonicalUrl('https://example.com/a?b=2&a=1')).toBe('https://example.com/a?a=1&b=2');
    expect(canonicalUrl('https://example.com/')).toBe('https://example.com/');
    expect(canonicalUrl('ftp://example.com/a')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
    expect(identifyArticle({ raw: 'a', url: 'http://x.org/p/' })).toEqual({
      contentHash: contentHash('a'),
      canonicalUrl: 'http://x.org/p',
    });
  });
});
