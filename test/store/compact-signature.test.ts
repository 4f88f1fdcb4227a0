import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { CONTAINMENT, STANDARD_ERRORS } from '../../src/store/dedup/assign-stories.js';
import {
  HASHES,
  compactFrom,
  compactSignature,
  containment,
  createFingerprinter,
  equalMinima,
  mayShare,
} from '../../src/store/dedup/minhash.js';
import { openPostgresStore, openSqliteStore, type PutOutcome, type Store } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';
import { fileTempDir } from '../support/temp-dir.js';

const fingerprinter = createFingerprinter();
const docs = generateCorpus({ seed: 31, bytes: 400_000 });
const fps = docs.map((d) => fingerprinter.fingerprint(d.raw));

/** Positions where two full signatures hold the same minimum. */
function equalFull(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) n++;
  return n;
}

/** A signature as stores wrote it before 2026-12-08: every minimum in 4 bytes, little-endian. */
function fullBytes(signature: Int32Array): Buffer {
  const out = Buffer.alloc(4 * signature.length);
  signature.forEach((v, k) => out.writeInt32LE(v, 4 * k));
  return out;
}

describe('compact MinHash signatures', () => {
  it('agree wherever the full minima do, and elsewhere about once in 256', () => {
    let chance = 0;
    let unequal = 0;
    for (let i = 0; i < fps.length; i++)
      for (let j = i + 1; j < fps.length; j++) {
        const full = equalFull(fps[i]!.signature, fps[j]!.signature);
        const bytes = equalMinima(fps[i]!.bytes, fps[j]!.bytes);
        expect(bytes).toBeGreaterThanOrEqual(full);
        chance += bytes - full;
        unequal += HASHES - full;
      }
    // thousands of pairs of generated articles, most positions unequal
    expect(unequal).toBeGreaterThan(100_000);
    expect(chance / unequal).toBeGreaterThan(0.7 / 256);
    expect(chance / unequal).toBeLessThan(1.3 / 256);
  });

  it('keep every candidate that the full minima would keep', () => {
    // excerpts of each article, a quarter to the whole of it, against articles and each other
    let kept = 0;
    for (let i = 0; i < docs.length; i++) {
      const words = docs[i]!.raw.split(/\s+/);
      for (const part of [0.25, 0.5, 0.85, 1]) {
        const excerpt = fingerprinter.fingerprint(words.slice(0, Math.ceil(words.length * part)).join(' '));
        for (const other of [fps[i]!, fps[(i + 1) % fps.length]!]) {
          const [a, b] = [excerpt.shingles.length, other.shingles.length];
          const full = mayShare(
            equalFull(excerpt.signature, other.signature),
            a,
            b,
            CONTAINMENT,
            STANDARD_ERRORS,
          );
          const compact = mayShare(
            equalMinima(excerpt.bytes, other.bytes),
            a,
            b,
            CONTAINMENT,
            STANDARD_ERRORS,
          );
          if (full) {
            expect(compact).toBe(true);
            kept++;
          }
          // and a copy is a candidate either way
          if (containment(excerpt.shingles, other.shingles) >= 0.9) expect(full && compact).toBe(true);
        }
      }
    }
    expect(kept).toBeGreaterThan(docs.length * 4);
  });

  it('are read back from a row of either form, and refused at another length', () => {
    const fp = fps[0]!;
    expect(fp.bytes).toHaveLength(HASHES);
    expect(compactFrom(fp.bytes)).toBe(fp.bytes);
    expect([...compactFrom(fullBytes(fp.signature))]).toEqual([...compactSignature(fp.signature)]);
    expect(() => compactFrom(new Uint8Array(100))).toThrow(/100 bytes/);
  });
});

describe('stores holding signatures written before they were compacted', () => {
  const dir = fileTempDir('demarche-compact-');
  const [original, other] = analyseDocs(docs.slice(0, 2).map(({ mediaType: _, ...d }) => d));
  const [copy] = analyseDocs([
    { id: `${docs[0]!.id}-copy`, raw: `${docs[0]!.raw}\n\nThis story was updated.` },
  ]);
  const storyOf = (o: PutOutcome | undefined) => (o?.status === 'stored' ? o.story : o?.status);

  /** Stores the original, rewrites its signature in the old form (`rewrite`), then stores a copy. */
  async function copyJoins(
    open: () => Promise<Store>,
    rewrite: (id: number, signature: Buffer) => Promise<number[]>,
  ): Promise<void> {
    let store = await open();
    const [first, second] = await store.putArticles([original!, other!]);
    await store.close();
    if (first?.status !== 'stored') throw new Error(`the original was not stored: ${first?.status}`);
    // the rows as a store wrote them, then the original's signature as older stores wrote it
    expect(
      await rewrite(first.id, fullBytes(fingerprinter.fingerprint(original!.article.text).signature)),
    ).toEqual([HASHES, HASHES, 4 * HASHES]);
    store = await open();
    const [joined] = await store.putArticles([copy!]);
    await store.close();
    expect(storyOf(joined)).toBe(storyOf(first));
    expect(storyOf(second)).not.toBe(storyOf(first));
  }

  it('SQLite: a copy joins the story of an article stored with a full signature', async () => {
    const path = join(dir, 'old.db');
    await copyJoins(
      () => openSqliteStore({ path }),
      async (id, signature) => {
        const db = new Database(path);
        const before = db.prepare('select length(minhash) n from articles order by id').all() as {
          n: number;
        }[];
        db.prepare('update articles set minhash = ? where id = ?').run(signature, id);
        const after = db.prepare('select length(minhash) n from articles where id = ?').get(id) as {
          n: number;
        };
        db.close();
        return [...before.map((r) => r.n), after.n];
      },
    );
  });

  const schema = `demarche_test_compact_${process.pid}`;
  let url: string | null = null;
  afterAll(async () => {
    if (url === null) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  it('Postgres: a copy joins the story of an article stored with a full signature', async () => {
    url = await findPostgres();
    expect(url, 'a Postgres server (DEMARCHE_TEST_PG)').not.toBeNull();
    await copyJoins(
      () => openPostgresStore({ url: url!, schema }),
      async (id, signature) => {
        const client = new pg.Client({ connectionString: url! });
        await client.connect();
        await client.query(`set search_path to "${schema}"`);
        const before = await client.query<{ n: number }>(
          'select length(minhash) n from articles order by id',
        );
        await client.query('update articles set minhash = $1 where id = $2', [signature, id]);
        const after = await client.query<{ n: number }>(
          'select length(minhash) n from articles where id = $1',
          [id],
        );
        await client.end();
        return [...before.rows.map((r) => r.n), after.rows[0]!.n];
      },
    );
  });
});
