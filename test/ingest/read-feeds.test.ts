import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInputs, readInputs, type InputRecord, type ReadOptions } from '../../src/ingest/index.js';
import { articlePage, delay, page, startServer, type Route, type TestServer } from './http-server.js';
import { testTempDir } from '../support/temp-dir.js';

const SENTENCE =
  'The government of Ruritania on Monday recalled its ambassador from Freedonia over the border dispute';
const FULL_TEXT = Array.from(
  { length: 8 },
  (_, i) => `<p>${SENTENCE}, the ministry said in statement ${i + 1}.</p>`,
).join('');

/** Test settings: no delay between requests, short timeout, small size cap. */
const OPTIONS: ReadOptions = {
  http: { perHostDelayMs: 0, timeoutMs: 500, maxBytes: 100_000, retryBaseMs: 20 },
};

let server: TestServer;

function rssItem(fields: {
  title: string;
  link?: string;
  guid?: string;
  date?: string;
  description?: string;
  content?: string;
}): string {
  return [
    '<item>',
    `<title>${fields.title}</title>`,
    fields.link !== undefined ? `<link>${fields.link}</link>` : '',
    fields.guid !== undefined ? `<guid isPermaLink="false">${fields.guid}</guid>` : '',
    fields.date !== undefined ? `<pubDate>${fields.date}</pubDate>` : '',
    fields.description !== undefined ? `<description><![CDATA[${fields.description}]]></description>` : '',
    fields.content !== undefined ? `<content:encoded><![CDATA[${fields.content}]]></content:encoded>` : '',
    '</item>',
  ].join('\n');
}

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test wire</title><link>http://wire.invalid/</link>
${items.join('\n')}
</channel></rss>`;
}

async function readAll(paths: string[], options: ReadOptions = OPTIONS): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const rec of readInputs(paths, options)) out.push(rec);
  return out;
}

beforeAll(async () => {
  const slowPage: Route = async (_req, res) => {
    await delay(60);
    res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Slow-ish', SENTENCE));
  };
  const routes: Record<string, Route> = {
    '/articles/2': page(articlePage('Page title 2', SENTENCE, '/canonical/2')),
    '/articles/4': page(articlePage('Page title 4', SENTENCE)),
    '/articles/never': page(articlePage('Never fetched', SENTENCE)),
    '/slow': async (_req, res) => {
      await delay(2000);
      res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Too late', SENTENCE));
    },
    '/huge': page(articlePage('Huge', SENTENCE, undefined, 3000)),
    '/not-a-feed.xml': page(
      '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>',
      'application/xml',
    ),
    '/broken.xml': page('<rss><channel><item><title>x</title></channel></rss>', 'application/rss+xml'),
  };
  for (let i = 1; i <= 6; i++) routes[`/p/${i}`] = slowPage;
  server = await startServer(routes);
  const u = server.url;
  routes['/feed.xml'] = page(
    rss([
      rssItem({
        title: 'Full item',
        link: `${u}/articles/never`,
        guid: 'wire-1',
        date: 'Fri, 30 Sep 2022 23:15:00 -0500',
        content: FULL_TEXT,
      }),
      rssItem({
        title: 'Teaser item',
        link: `${u}/articles/2`,
        guid: 'wire-2',
        date: 'Sat, 01 Oct 2022 08:00:00 GMT',
        description: '<p>Only a teaser.</p>',
      }),
      rssItem({ title: 'Gone', link: `${u}/missing` }),
      rssItem({ title: 'Linked item', link: `${u}/articles/4` }),
      rssItem({ title: 'Slow item', link: `${u}/slow` }),
      rssItem({ title: 'Huge item', link: `${u}/huge` }),
    ]),
    'application/rss+xml; charset=utf-8',
  );
  routes['/many.xml'] = page(
    rss(Array.from({ length: 6 }, (_, i) => rssItem({ title: `Item ${i + 1}`, link: `${u}/p/${i + 1}` }))),
    'application/rss+xml',
  );
});

afterAll(async () => {
  await server.close();
});

describe('readInputs on feeds and URLs', () => {
  it('reads a feed URL: full items as they are, teasers from their page, each failure as its own record', async () => {
    const feed = `${server.url}/feed.xml`;
    const recs = await readAll([feed]);
    expect(recs.map((r) => r.origin)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `${feed}[item ${i}]`));

    const [full, teaser, gone, linked, slow, huge] = recs;
    expect(full).toMatchObject({
      ok: true,
      doc: {
        id: 'wire-1',
        title: 'Full item',
        url: `${server.url}/articles/never`,
        published: '2022-09-30',
        mediaType: 'text/html',
      },
    });
    expect(full!.ok && full!.doc.raw).toContain('statement 8');
    expect(server.seen.some((s) => s.path === '/articles/never')).toBe(false);

    // the page's canonical URL, the item's title and date
    expect(teaser).toMatchObject({
      ok: true,
      doc: { id: 'wire-2', title: 'Teaser item', url: `${server.url}/canonical/2`, published: '2022-10-01' },
    });
    expect(teaser!.ok && teaser!.doc.raw).toContain('(paragraph 4)');
    expect(teaser!.ok && teaser!.doc.raw).not.toContain('Only a teaser');

    expect(gone).toEqual({
      ok: false,
      origin: `${feed}[item 3]`,
      error: `${server.url}/missing: HTTP 404 Not Found`,
    });
    // no canonical link: the item's link; no date in the item: the page's
    expect(linked).toMatchObject({
      ok: true,
      doc: { id: `${server.url}/articles/4`, url: `${server.url}/articles/4`, published: '2022-09-29' },
    });
    expect(slow).toEqual({
      ok: false,
      origin: `${feed}[item 5]`,
      error: `${server.url}/slow: no complete response within 0.5 s`,
    });
    expect(huge).toEqual({
      ok: false,
      origin: `${feed}[item 6]`,
      error: `${server.url}/huge: the response is larger than 100 kB`,
    });
  });

  it('never sends more requests to one host at once than allowed', async () => {
    await readAll([`${server.url}/many.xml`], {
      http: { ...OPTIONS.http, perHostConcurrency: 1, concurrency: 8 },
    });
    expect(server.maxConcurrent('/p/')).toBe(1);
    const two = await readAll([`${server.url}/many.xml`], {
      http: { ...OPTIONS.http, perHostConcurrency: 2, concurrency: 8 },
    });
    expect(two.every((r) => r.ok)).toBe(true);
    expect(two.map((r) => r.ok && r.doc.title)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Item ${i}`));
    expect(server.maxConcurrent('/p/')).toBe(2);
  });

  it('reports a malformed feed and a document that is not a feed, and goes on with the next input', async () => {
    const recs = await readAll([
      `${server.url}/broken.xml`,
      `${server.url}/not-a-feed.xml`,
      `${server.url}/articles/4`,
    ]);
    expect(recs).toMatchObject([
      {
        ok: false,
        origin: `${server.url}/broken.xml`,
        error: 'malformed feed: line 1: </channel> closes <item>',
      },
      { ok: false, origin: `${server.url}/not-a-feed.xml` },
      {
        ok: true,
        origin: `${server.url}/articles/4`,
        doc: { title: 'Page title 4', url: `${server.url}/articles/4` },
      },
    ]);
  });

  it('reads an Atom feed file on disk, fetching what it lacks, and counts its entries', async () => {
    const dir = testTempDir('demarche-feed-');
    const atom = join(dir, 'ministry.atom');
    writeFileSync(
      atom,
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministry</title>
  <entry>
    <title>Full entry</title><id>urn:ministry:1</id><link href="https://ministry.invalid/1"/>
    <published>2022-09-30T10:00:00+09:00</published>
    <content type="html">${FULL_TEXT.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</content>
  </entry>
  <entry>
    <title>Summary entry</title><id>urn:ministry:2</id><link rel="alternate" href="${server.url}/articles/2"/>
    <updated>2022-10-02T10:00:00Z</updated>
    <summary>One line.</summary>
  </entry>
  <entry><title>Empty entry</title></entry>
</feed>`,
    );
    writeFileSync(join(dir, 'note.txt'), 'Ruritania recalled its envoy.');
    const recs = await readAll([dir]);
    expect(recs).toMatchObject([
      {
        ok: true,
        origin: `${atom}[item 1]`,
        doc: { id: 'urn:ministry:1', published: '2022-09-30', url: 'https://ministry.invalid/1' },
      },
      {
        ok: true,
        origin: `${atom}[item 2]`,
        doc: { id: 'urn:ministry:2', title: 'Summary entry', url: `${server.url}/canonical/2` },
      },
      { ok: false, origin: `${atom}[item 3]`, error: 'the item has no text and no link' },
      { ok: true, origin: join(dir, 'note.txt') },
    ]);
    expect(await countInputs([dir])).toBe(recs.length);
    expect(await countInputs([dir, `${server.url}/feed.xml`])).toBeNull();
  });

  it('uses a short item text when links are not followed, and sniffs a feed on standard input', async () => {
    const xml = rss([
      rssItem({ title: 'Teaser', link: `${server.url}/articles/2`, description: '<p>Only a teaser.</p>' }),
    ]);
    const recs = await readAll(['-'], { followLinks: false, stdin: async () => xml });
    expect(recs).toMatchObject([
      {
        ok: true,
        origin: '-[item 1]',
        doc: { raw: 'Only a teaser.', title: 'Teaser', url: `${server.url}/articles/2` },
      },
    ]);
  });

  it('gives an error record for a URL that cannot be fetched, and keeps URL order', async () => {
    const recs = await readAll([
      `${server.url}/missing`,
      `${server.url}/articles/2`,
      `${server.url}/articles/4`,
    ]);
    expect(recs.map((r) => [r.origin, r.ok])).toEqual([
      [`${server.url}/missing`, false],
      [`${server.url}/articles/2`, true],
      [`${server.url}/articles/4`, true],
    ]);
  });
});
