import { describe, expect, it } from 'vitest';
import { looksLikeFeed, parseFeed, parseFeedDate } from '../../src/ingest/index.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Ruritanian Wire &amp; Co</title>
    <link>https://wire.example/</link>
    <item>
      <title>Envoy recalled</title>
      <link>/news/envoy</link>
      <guid isPermaLink="false">wire-1001</guid>
      <pubDate>Fri, 30 Sep 2022 23:15:00 -0500</pubDate>
      <description>&lt;p&gt;Short teaser.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>The full <b>story</b>.</p><p>Second paragraph.</p>]]></content:encoded>
    </item>
    <item>
      <title>&lt;b&gt;Talks&lt;/b&gt; resume</title>
      <guid>https://wire.example/news/talks</guid>
      <dc:date>2022-10-02T08:00:00Z</dc:date>
    </item>
  </channel>
</rss>`;

const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Ministry news</title>
  <link rel="self" href="https://ministry.example/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://ministry.example/"/>
  <entry>
    <title type="html">Minister &lt;em&gt;visits&lt;/em&gt;</title>
    <link rel="enclosure" href="https://ministry.example/a.mp3"/>
    <link rel="alternate" type="text/html" href="/press/visit"/>
    <id>tag:ministry.example,2022:visit</id>
    <updated>2022-10-03T09:00:00+02:00</updated>
    <published>2022-10-01T09:00:00+02:00</published>
    <summary>A short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Full <em>text</em>.</p></div></content>
  </entry>
  <entry>
    <title>Plain</title>
    <link href="https://ministry.example/press/plain"/>
    <updated>2022-10-04T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Escaped HTML.&lt;/p&gt;</content>
  </entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items: title, link resolved against the site, guid, RFC 822 date, content', () => {
    const r = parseFeed(RSS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.feed).toMatchObject({
      kind: 'rss',
      title: 'Ruritanian Wire & Co',
      link: 'https://wire.example/',
    });
    expect(r.feed.items[0]).toEqual({
      index: 0,
      title: 'Envoy recalled',
      link: 'https://wire.example/news/envoy',
      guid: 'wire-1001',
      published: '2022-09-30T23:15:00-05:00',
      content: { type: 'html', value: '<p>The full <b>story</b>.</p><p>Second paragraph.</p>' },
      summary: { type: 'html', value: '<p>Short teaser.</p>' },
    });
    // a permalink guid stands in for the link; markup in a title is reduced to its text
    expect(r.feed.items[1]).toEqual({
      index: 1,
      title: 'Talks resume',
      link: 'https://wire.example/news/talks',
      guid: 'https://wire.example/news/talks',
      published: '2022-10-02T08:00:00Z',
    });
  });

  it('reads Atom entries: the alternate link, published before updated, text constructs', () => {
    const r = parseFeed(ATOM, 'https://ministry.example/feed.atom');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.feed.kind).toBe('atom');
    expect(r.feed.items[0]).toEqual({
      index: 0,
      title: 'Minister visits',
      link: 'https://ministry.example/press/visit',
      guid: 'tag:ministry.example,2022:visit',
      published: '2022-10-01T09:00:00+02:00',
      content: { type: 'html', value: '<p>Full <em>text</em>.</p>' },
      summary: { type: 'text', value: 'A short summary.' },
    });
    expect(r.feed.items[1]).toMatchObject({
      link: 'https://ministry.example/press/plain',
      published: '2022-10-04T09:00:00Z',
      content: { type: 'html', value: '<p>Escaped HTML.</p>' },
    });
  });

  it('reads RSS 1.0 (RDF) items beside the channel', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link></channel>
      <item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link><dc:date>2022-09-30</dc:date></item>
    </rdf:RDF>`;
    const r = parseFeed(rdf);
    expect(r.ok && r.feed.kind).toBe('rdf');
    expect(r.ok && r.feed.items).toEqual([
      { index: 0, title: 'One', link: 'https://x.example/1', published: '2022-09-30' },
    ]);
  });

  it('reports a feed whose tags do not nest, with the line, and a document that is not a feed', () => {
    expect(parseFeed('<rss>\n<channel>\n<item><title>x</title>\n</channel></rss>')).toEqual({
      ok: false,
      error: 'malformed feed: line 4: </channel> closes <item>',
    });
    expect(parseFeed('<rss><channel><item>')).toEqual({
      ok: false,
      error: 'malformed feed: <item> opened on line 1 is never closed',
    });
    expect(parseFeed('<urlset><url/></urlset>')).toEqual({
      ok: false,
      error: 'not an RSS or Atom feed (the root element is <urlset>)',
    });
  });

  it('recognises feeds by their root element', () => {
    expect(looksLikeFeed('\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<rss version="2.0">')).toBe(true);
    expect(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(looksLikeFeed('<!doctype html><html>')).toBe(false);
  });
});

describe('parseFeedDate', () => {
  it('normalises RFC 822 and RFC 3339 dates to ISO in the feed’s zone', () => {
    expect(parseFeedDate('Fri, 30 Sep 2022 08:15:00 GMT')).toBe('2022-09-30T08:15:00Z');
    expect(parseFeedDate('30 Sep 22 08:15 EST')).toBe('2022-09-30T08:15:00-05:00');
    expect(parseFeedDate('Sunday, 02 October 2022 10:00:00 +0900')).toBe('2022-10-02T10:00:00+09:00');
    expect(parseFeedDate('2022-09-30T08:15:00.5+09:00')).toBe('2022-09-30T08:15:00+09:00');
    expect(parseFeedDate('Sat, 31 Sep 2022 08:15:00 GMT')).toBeUndefined();
    expect(parseFeedDate('last Friday')).toBeUndefined();
  });
});
