import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleJson, toOutputRecord, type RawDocument } from '../../src/core/index.js';
import { buildPipeline } from '../../src/lexicons/index.js';
import { createAnalysisPool, toAnalysed, type AnalysisPool } from '../../src/pool/index.js';

const DEV_DIR = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

/** The dev articles as documents (their gold files are valid input). */
function devDocs(): RawDocument[] {
  return readdirSync(DEV_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const g = JSON.parse(readFileSync(`${DEV_DIR}${f}`, 'utf8')) as Record<string, string>;
      return {
        id: g['id']!,
        raw: g['text']!,
        mediaType: 'text/plain',
        ...(g['title'] ? { title: g['title'] } : {}),
        ...(g['published'] ? { published: g['published'] } : {}),
      };
    });
}

describe('analysis pool', () => {
  let pool: AnalysisPool;
  beforeAll(async () => {
    pool = createAnalysisPool({ threads: 2 });
    await pool.ready();
  }, 60_000);
  afterAll(async () => {
    await pool.close();
  });

  it('gives every document the same analysis as the pipeline on this thread', async () => {
    const docs = devDocs();
    expect(docs.length).toBeGreaterThan(20);
    const here = buildPipeline();
    const outcomes = await Promise.all(docs.map((d) => pool.analyse(d)));
    outcomes.forEach((outcome, i) => {
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const article = toAnalysed(here.run(docs[i]!));
      expect(outcome.article).toEqual(article);
      // serialised as on this thread (the fields that crossed as JSON texts in their places)
      expect(JSON.stringify(outcome.article)).toBe(JSON.stringify(article));
      // and with those texts, ready for the store
      expect(outcome.json).toEqual(articleJson(article));
    });
  }, 60_000);

  it('keeps no token layers or offset map in what it sends back', async () => {
    const outcome = await pool.analyse({
      id: 'x',
      raw: 'Japan condemned Russia on Friday.',
      mediaType: 'text/plain',
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(Object.keys(outcome.article)).not.toContain('tokens');
    expect(Object.keys(outcome.article)).not.toContain('offsets');
    expect(outcome.article.text).toBe('Japan condemned Russia on Friday.');
  });

  it("gives a document's output record as its JSON line when asked, in any order of asking", async () => {
    const docs = devDocs().slice(0, 8);
    const here = buildPipeline();
    // asked for both ways at once: the threads answer each request as it asked
    const [json, objects] = await Promise.all([
      Promise.all(docs.map((d) => pool.analyseToJson(d))),
      Promise.all(docs.map((d) => pool.analyse(d))),
    ]);
    json.forEach((outcome, i) => {
      expect(outcome).toEqual({
        ok: true,
        json: JSON.stringify(toOutputRecord(toAnalysed(here.run(docs[i]!)))),
      });
      expect(objects[i]!.ok && objects[i]!.article.id).toBe(docs[i]!.id);
    });
  }, 60_000);
});

describe('analysis pool set-up', () => {
  it('rejects ready() with the file name when a dictionary cannot be read, and fails documents', async () => {
    const pool = createAnalysisPool({ threads: 1, spec: { actorFiles: ['/nonexistent/actors.yaml'] } });
    await expect(pool.ready()).rejects.toThrow(/actors\.yaml/);
    const outcome = await pool.analyse({ id: 'x', raw: 'Japan condemned Russia.', mediaType: 'text/plain' });
    expect(outcome.ok).toBe(false);
    await pool.close();
  }, 60_000);

  it('analyses on the calling thread with threads: 0', async () => {
    const pool = createAnalysisPool({ threads: 0 });
    await pool.ready();
    const outcome = await pool.analyse({
      id: 'x',
      raw: 'Japan condemned Russia on Friday.',
      mediaType: 'text/plain',
    });
    expect(outcome.ok && outcome.article.events.map((e) => e.type)).toEqual(['ACCUSE']);
    // documents asked for at once are analysed in batches, stage by stage: the same analyses
    const docs = devDocs();
    const here = buildPipeline();
    const outcomes = await Promise.all(docs.map((d) => pool.analyse(d)));
    outcomes.forEach((o, i) => expect(o).toEqual({ ok: true, article: toAnalysed(here.run(docs[i]!)) }));
    expect(await pool.analyseToJson(docs[0]!)).toEqual({
      ok: true,
      json: JSON.stringify(toOutputRecord(toAnalysed(here.run(docs[0]!)))),
    });
    await pool.close();
  }, 60_000);

  it("gives its threads the young generation it is asked for, and V8's own without", async () => {
    const small = createAnalysisPool({ threads: 1, youngGenerationMb: 24 });
    const plain = createAnalysisPool({ threads: 1 });
    await Promise.all([small.ready(), plain.ready()]);
    const doc = { id: 'x', raw: 'Japan condemned Russia on Friday.', mediaType: 'text/plain' } as const;
    const [a, b] = await Promise.all([small.analyse(doc), plain.analyse(doc)]);
    expect(a).toEqual(b);
    expect(small.threadLimits().map((l) => l.maxYoungGenerationSizeMb)).toEqual([24]);
    const [own] = plain.threadLimits().map((l) => l.maxYoungGenerationSizeMb);
    expect(own).toBeGreaterThan(24);
    expect(createAnalysisPool({ threads: 0 }).threadLimits()).toEqual([]);
    await Promise.all([small.close(), plain.close()]);
  }, 60_000);

  it('refuses a negative or fractional thread count', () => {
    expect(() => createAnalysisPool({ threads: -1 })).toThrow(/threads/);
    expect(() => createAnalysisPool({ threads: 1.5 })).toThrow(/threads/);
  });

  it('fails documents given after close()', async () => {
    const pool = createAnalysisPool({ threads: 1 });
    await pool.ready();
    await pool.close();
    const doc = { id: 'x', raw: 'Japan condemned Russia.', mediaType: 'text/plain' } as const;
    expect(await pool.analyse(doc)).toEqual({ ok: false, error: 'the analysis pool is closed' });
    expect(await pool.analyseToJson(doc)).toEqual({ ok: false, error: 'the analysis pool is closed' });
  }, 60_000);
});
