import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type EventCount } from '../../src/store/index.js';
import { analysedDevSet, seedWithCopies } from './dev-set.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-counts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shapes = [['source', 'period'], ['period'], ['source', 'target']] as const;

async function allCounts(path: string): Promise<EventCount[][]> {
  const store = await openSqliteStore({ path });
  try {
    const out: EventCount[][] = [];
    for (const by of shapes) {
      const r = await store.countEvents({}, { by });
      if (!r.ok) throw new Error(r.problem.message);
      out.push(r.value);
    }
    return out;
  } finally {
    await store.close();
  }
}

describe('migration 0004_event_counts', () => {
  it('fills the monthly counts of a database stored before it, as putArticles keeps them', async () => {
    const { items } = await analysedDevSet();
    const path = join(dir, 'upgraded.db');
    const store = await openSqliteStore({ path });
    const copies = seedWithCopies();
    await store.putArticles(items.slice(0, 12));
    await store.putArticles([...copies, ...items.slice(12)]);
    await store.close();
    const kept = await allCounts(path);
    expect(kept[0]!.length).toBeGreaterThan(10);

    // The database as before the migration: no rollup, and the migration not applied.
    const db = new Database(path);
    db.exec(`drop table event_counts;
      delete from demarche_migrations where name = '0004_event_counts';
      create index events_target_code on events (target_code);`);
    db.close();
    expect(await allCounts(path)).toEqual(kept);
    const after = new Database(path, { readonly: true });
    const tables = after
      .prepare(`select name from sqlite_master where name in ('event_counts', 'events_target_code')`)
      .all();
    after.close();
    expect(tables).toEqual([{ name: 'event_counts' }]);
  });
});
