import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDashboardAssets } from '../../src/interfaces/http/index.js';
import { createPipeline, type Stage } from '../../src/pipeline/index.js';
import { ARTICLES, openTestApi, testPipeline, type TestApi } from './api-fixture.js';

const TOKEN = 'test-token-1234';
let api: TestApi;

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  body: any;
}

async function call(path: string, init?: RequestInit): Promise<Reply> {
  const res = await api.app.request(path, init);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  api = await openTestApi({ token: TOKEN });
});
afterAll(async () => {
  await api.close();
});

describe('GET /api/events', () => {
  it('filters by target and pages with the keyset cursor', async () => {
    const all = await call('/api/events?target=RUS');
    expect(all.status).toBe(200);
    const triples = all.body.items.map(
      (r: { event: { source: { code: string }; type: string } }) => `${r.event.source.code} ${r.event.type}`,
    );
    expect(triples).toEqual(['USA ACCUSE', 'JPN REJECT']); // by date: Thursday, then Friday
    expect(all.body.next).toBeNull();

    const first = await call('/api/events?target=RUS&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.next).toBe('string');
    const second = await call(`/api/events?target=RUS&limit=1&cursor=${first.body.next}`);
    expect(second.body.items[0].event.id).toBe(all.body.items[1].event.id);
  });

  it('carries the evidence and the reporting article of each event', async () => {
    const { body } = await call('/api/events?source=JPN&type=REJECT');
    const row = body.items[0];
    expect(row.docId).toBe('tokyo-rejects');
    expect(row.event.trigger.text).toBe('rejected');
    expect(row.event.evidence.sentence).toContain('rejected the referendums');
    expect(row.sources.map((s: { docId: string }) => s.docId)).toEqual(['tokyo-rejects']);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: [string, string][] = [
      ['/api/events?limit=0', 'limit'],
      ['/api/events?limit=abc', 'limit'],
      ['/api/events?limit=501', 'limit'],
      ['/api/events?type=HUG', 'type'],
      ['/api/events?from=2022-13-45', 'from'],
      ['/api/events?to=yesterday', 'to'],
      ['/api/events?quad=7', 'quad'],
      ['/api/events?modality=maybe', 'modality'],
      ['/api/events?negated=yes', 'negated'],
      ['/api/events?target=%3Cscript%3E', 'target'],
      ['/api/events?cursor=not-a-cursor', 'cursor'],
      ['/api/events?targt=RUS', 'targt'],
    ];
    for (const [path, parameter] of cases) {
      const { status, body } = await call(path);
      expect({ path, status, parameter: body.error?.parameter }).toEqual({ path, status: 400, parameter });
      expect(body.error.message).toContain(parameter);
    }
  });

  it('treats quotes in values as data (parameterised queries)', async () => {
    const { status, body } = await call(`/api/events?source=${encodeURIComponent("JPN' OR 'A")}`);
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });
});

describe('GET /api/articles', () => {
  it('lists articles newest first with a cursor', async () => {
    const page1 = await call('/api/articles?limit=1');
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((a: { docId: string }) => a.docId)).toEqual(['aid-pledge']);
    const page2 = await call(`/api/articles?limit=1&cursor=${page1.body.next}`);
    expect(page2.body.items.map((a: { docId: string }) => a.docId)).toEqual(['tokyo-rejects']);
    expect(page2.body.items[0].events).toBe(3);
  });

  it('returns one article with its people, quotes and per-article evidence', async () => {
    const list = await call('/api/articles?limit=5');
    const id = list.body.items.find((a: { docId: string }) => a.docId === 'tokyo-rejects').id;
    const { status, body } = await call(`/api/articles/${id}`);
    expect(status).toBe(200);
    expect(body.people.map((p: { name: string }) => p.name)).toEqual(['Hirokazu Matsuno']);
    const direct = body.quotes.find((q: { kind: string }) => q.kind === 'direct');
    expect(direct.speaker.name).toBe('Hirokazu Matsuno');
    expect(body.text.slice(direct.span[0], direct.span[1])).toContain('will never recognize');
    for (const r of body.reports) {
      expect(body.text.slice(r.evidence.span[0], r.evidence.span[1])).toBe(r.evidence.sentence);
    }
    expect(body.raw).toContain('Japan on Friday');
    // the stored cleaning log and diagnostics are the analysis's own, as `analyze` prints them
    const analysed = testPipeline().run(ARTICLES.find((d) => d.id === 'tokyo-rejects')!);
    expect(body.diagnostics).toEqual(JSON.parse(JSON.stringify(analysed.diagnostics)));
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toContain('EVENT_SKIPPED');
    expect(body.edits).toEqual(JSON.parse(JSON.stringify(analysed.edits)));
    // and the OpenAPI document describes every field the route returns
    const { schemas } = (await call('/openapi.json')).body.components;
    const described = [schemas.ArticleSummary, ...schemas.ArticleDetail.allOf.slice(1)].flatMap((part) =>
      Object.keys(part.properties),
    );
    expect(described.sort()).toEqual(Object.keys(body).sort());
  });

  it('answers 404 for an unknown article and 400 for a bad id', async () => {
    expect((await call('/api/articles/9999')).status).toBe(404);
    const bad = await call('/api/articles/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.parameter).toBe('id');
    expect((await call('/api/articles?cursor=eyJ4IjoxfQ')).body.error.parameter).toBe('cursor');
  });
});

describe('GET /api/search, /api/actors, /api/people, /api/quotes, /api/stats', () => {
  it('searches article texts', async () => {
    const { body } = await call('/api/search?q=humanitarian');
    expect(body.items.map((h: { docId: string }) => h.docId)).toEqual(['aid-pledge']);
    expect((await call('/api/search')).body.error.parameter).toBe('q');
    expect((await call('/api/search?q=%20')).status).toBe(400);
  });

  it('lists actors with their counts', async () => {
    const { body } = await call('/api/actors');
    const ukr = body.items.find((a: { code: string }) => a.code === 'UKR');
    expect(ukr).toMatchObject({ name: 'Ukraine', kind: 'country', asSource: 0, asTarget: 3 });
    expect((await call('/api/actors?limit=-1')).body.error.parameter).toBe('limit');
  });

  it('lists people and quotes with filters', async () => {
    const people = await call('/api/people?actor=JPN');
    expect(people.body.items.map((p: { name: string }) => p.name)).toEqual(['Hirokazu Matsuno']);
    expect((await call('/api/people?name=matsu')).body.items).toHaveLength(1);
    expect((await call('/api/people?name=zzz')).body.items).toHaveLength(0);
    const quotes = await call('/api/quotes?speaker=matsuno');
    expect(quotes.body.items.map((q: { text: string }) => q.text).join(' ')).toContain('never recognize');
    expect((await call('/api/quotes?text=100%25')).body.items).toEqual([]);
    const paged = await call('/api/quotes?limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await call(`/api/quotes?limit=1&cursor=${paged.body.next}`);
    expect(next.body.items[0].id).toBeGreaterThan(paged.body.items[0].id);
    expect((await call('/api/quotes?speaker=')).body.error.parameter).toBe('speaker');
  });

  it('counts the stored rows', async () => {
    const { body } = await call('/api/stats');
    expect(body).toMatchObject({ articles: 2, events: 5, people: 1, dialect: 'sqlite' });
  });
});

describe('GET /api/stance, /api/matrix, /api/timeline, /api/network', () => {
  it('gives each source actor stance toward a target', async () => {
    const { status, body } = await call('/api/stance?target=RUS');
    expect(status).toBe(200);
    expect(body.rows.map((r: { source: string; stance: string }) => `${r.source} ${r.stance}`)).toEqual([
      'JPN hostile',
      'USA hostile',
    ]);
    const full = await call('/api/stance?target=RUS&reports=true');
    expect(
      full.body.rows.map(
        (r: { source: string; stance: string; reports: number }) => `${r.source} ${r.stance} ${r.reports}`,
      ),
    ).toEqual(['JPN hostile 1', 'USA hostile 1']);
    expect(body.rows[0].reports).toBeUndefined();
    const missing = await call('/api/stance');
    expect(missing.status).toBe(400);
    expect(missing.body.error.parameter).toBe('target');
    expect((await call('/api/stance?target=RUS&by=week')).body.error.parameter).toBe('by');
    expect(body.next).toBeNull();
  });

  it('pages stance rows with a cursor, each page after the last row of the one before', async () => {
    for (const reports of ['false', 'true']) {
      const whole = await call(`/api/stance?target=RUS&reports=${reports}`);
      const first = await call(`/api/stance?target=RUS&reports=${reports}&limit=1`);
      expect(first.body.rows).toHaveLength(1);
      expect(first.body.next).toEqual(expect.any(String));
      const second = await call(
        `/api/stance?target=RUS&reports=${reports}&limit=1&cursor=${first.body.next}`,
      );
      const last = await call(`/api/stance?target=RUS&reports=${reports}&limit=1&cursor=${second.body.next}`);
      expect([...first.body.rows, ...second.body.rows]).toEqual(whole.body.rows);
      expect(last.body).toMatchObject({ rows: [], next: null });
    }
    const bad = await call('/api/stance?target=RUS&cursor=eyJpZCI6MX0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.parameter).toBe('cursor');
    expect((await call('/api/stance?target=RUS&limit=0')).body.error.parameter).toBe('limit');
  });

  it('builds the stance matrix coloured by the dominant type', async () => {
    const { body } = await call('/api/matrix?target=UKR');
    const cell = (s: string) => body.cells.find((c: { source: string }) => c.source === s);
    expect(cell('DEU')).toMatchObject({ target: 'UKR', stance: 'supportive', dominant: 'AID' });
    expect(cell('FRA')).toMatchObject({ stance: 'supportive', dominant: 'CONSULT' });
    expect(cell('JPN')).toMatchObject({ stance: 'hostile', dominant: 'COERCE' });
    const issue = await call('/api/matrix?text=humanitarian');
    expect(issue.body.cells.map((c: { source: string }) => c.source).sort()).toEqual(['DEU', 'FRA']);
    expect((await call('/api/matrix?type=nope')).body.error.parameter).toBe('type');
  });

  it('counts events per period and type', async () => {
    const { body } = await call('/api/timeline?by=day&actor=UKR');
    expect(body.series).toEqual([
      { period: '2022-09-30', type: 'COERCE', count: 1 },
      { period: '2022-10-03', type: 'AID', count: 1 },
      { period: '2022-10-03', type: 'CONSULT', count: 1 },
    ]);
    expect(body.undated).toBe(0);
    expect((await call('/api/timeline?from=2022-02-30')).body.error.parameter).toBe('from');
  });

  it('weights network edges by count and Goldstein', async () => {
    const { body } = await call('/api/network');
    const edge = body.edges.find((e: { source: string; target: string }) => e.source === 'DEU');
    expect(edge).toMatchObject({ target: 'UKR', count: 1, stance: 'supportive' });
    expect(edge.goldstein).toBeGreaterThan(0);
    expect(body.nodes.find((n: { id: string }) => n.id === 'UKR').events).toBe(3);
  });
});

describe('POST /api/analyze', () => {
  it('returns the output contract of a posted article', async () => {
    const { status, body } = await post('/api/analyze', {
      id: 'posted',
      text: 'Canada condemned Iran on Tuesday.',
      published: '2023-01-10',
    });
    expect(status).toBe(200);
    expect(body.id).toBe('posted');
    expect(
      body.events.map(
        (e: { source: { code: string }; type: string; target: { code: string } }) =>
          `${e.source.code} ${e.type} ${e.target.code}`,
      ),
    ).toEqual(['CAN ACCUSE IRN']);
    expect((await call('/api/stats')).body.articles).toBe(2); // nothing stored
  });

  it('answers 400 naming the field, and 413 for a body over the limit', async () => {
    expect((await post('/api/analyze', { text: '' })).body.error.parameter).toBe('text');
    expect((await post('/api/analyze', { title: 'no text' })).body.error.parameter).toBe('text');
    expect((await post('/api/analyze', { text: 'x', published: '30/09/2022' })).body.error.parameter).toBe(
      'published',
    );
    const malformed = await post('/api/analyze', '{"text": ');
    expect(malformed.status).toBe(400);
    const big = await post('/api/analyze', { text: 'a '.repeat(600_000) });
    expect(big.status).toBe(413);
  });
});

describe('POST /api/ingest', () => {
  const doc = {
    id: 'ottawa',
    text: 'Canada expelled two Iranian diplomats on Wednesday.',
    published: '2023-01-11',
  };

  it('needs the token: 401 without it or with a wrong one', async () => {
    expect((await post('/api/ingest', { articles: [doc] })).status).toBe(401);
    expect((await post('/api/ingest', { articles: [doc] }, { authorization: 'Bearer wrong' })).status).toBe(
      401,
    );
    expect((await post('/api/ingest', { articles: [doc] }, { authorization: TOKEN })).status).toBe(401);
    expect((await call('/api/stats')).body.articles).toBe(2);
  });

  it('stores posted articles once with the token', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const first = await post('/api/ingest', { articles: [doc] }, auth);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ docId: 'ottawa', status: 'stored' });
    const again = await post('/api/ingest', { articles: [doc] }, auth);
    expect(again.body.results[0]).toMatchObject({
      status: 'duplicate',
      articleId: first.body.results[0].articleId,
    });
    expect((await call('/api/stats')).body.articles).toBe(3);
    const bad = await post('/api/ingest', { articles: [] }, auth);
    expect(bad.body.error.parameter).toBe('articles');
  });

  it('answers invalid for an article whose analysis fails, naming why, and stores the others', async () => {
    // the real stages, with one that cannot read the article "broken" after the clean stage
    const refuse: Stage = {
      name: 'refuse',
      requires: ['text'],
      provides: [],
      run: (a) => {
        if (a.id === 'broken') throw new Error('cannot read this one');
        return {};
      },
    };
    const [clean, ...rest] = testPipeline().stages;
    const pipeline = createPipeline([clean!, refuse, ...rest]);
    const own = await openTestApi({ docs: [], token: TOKEN, pipeline: () => pipeline });
    try {
      const res = await own.app.request('/api/ingest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          articles: [
            doc,
            { id: 'broken', text: 'Japan condemned Russia on Friday.' },
            { id: 'third', text: 'The United Nations rejected the referendums held by Moscow.' },
          ],
        }),
      });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as {
        results: { docId: string; status: string; message: string }[];
      };
      expect(results.map((r) => [r.docId, r.status])).toEqual([
        ['ottawa', 'stored'],
        ['broken', 'invalid'],
        ['third', 'stored'],
      ]);
      expect(results[1]!.message).toBe('analysis failed: cannot read this one');
      expect((await own.store.counts()).articles).toBe(2);
    } finally {
      await own.close();
    }
  });

  it('is off (403) on a server without a token', async () => {
    const open = await openTestApi({ docs: [] });
    try {
      const res = await open.app.request('/api/ingest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything' },
        body: JSON.stringify({ articles: [doc] }),
      });
      expect(res.status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe('OpenAPI document and the rest', () => {
  it('describes every route', async () => {
    const { status, body } = await call('/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/actors',
      '/api/analyze',
      '/api/articles',
      '/api/articles/{id}',
      '/api/events',
      '/api/ingest',
      '/api/matrix',
      '/api/network',
      '/api/people',
      '/api/quotes',
      '/api/search',
      '/api/stance',
      '/api/stats',
      '/api/timeline',
    ]);
    const params = body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['target', 'type', 'from', 'cursor', 'limit']));
  });

  it('answers unknown routes with a JSON 404, and / says how to build the dashboard', async () => {
    const missing = await call('/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const home = await call('/');
    expect(home.status).toBe(404);
    expect(home.body).toContain('npm run build');
  });

  it('serves the built dashboard files, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-assets-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1);');
    const served = await openTestApi({ docs: [], assets: loadDashboardAssets(dir) });
    try {
      const home = await served.app.request('/');
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
      const js = await served.app.request('/assets/app.js');
      expect(js.headers.get('content-type')).toContain('javascript');
      expect(await js.text()).toBe('console.log(1);');
      expect((await served.app.request('/assets/secret.db')).status).toBe(404);
      expect((await served.app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    } finally {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
