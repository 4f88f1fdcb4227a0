import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/index.js';
import type { Database as Schema } from '../../src/store/schema.js';
import { MATCH_EVENTS, type EventLookup } from '../../src/store/write/batch-io.js';
import { createPostgresBatchIo } from '../../src/store/write/postgres-batch-io.js';
import { findPostgres } from './backends.js';

const server = await findPostgres();

/** Every scan of a JSON plan (`explain (format json)`), as "node type on relation". */
function scans(plan: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    const relation = node['Relation Name'];
    if (typeof relation === 'string') out.push(`${String(node['Node Type'])} on ${relation}`);
    for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(plan);
  return out;
}

const day = (iso: string, by: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

describe.runIf(server !== null)('the event match of a Postgres batch', () => {
  it('searches the events by index, lookup by lookup, with no statistics on the tables, and finds what the plain join finds', async () => {
    const schema = `match_plan_${process.pid}_${Date.now().toString(36)}`;
    await (await openPostgresStore({ url: server!, schema })).close();
    const pool = new pg.Pool({ connectionString: server!, max: 1, options: `-c search_path=${schema}` });
    const queries: CompiledQuery[] = [];
    const db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    try {
      // tables filled and never analysed, as a store grows where autovacuum is off: 200 articles,
      // each its own story, 20,000 events over two years, a seventh of them linked to their story
      await sql`insert into articles (id, doc_id, lang, content_hash, raw, text, credits, edits, actors,
          diagnostics, ingested_at, published, story_id)
        select n, 'd' || n, 'en', 'h' || n, '', '', '[]', '[]', '[]', '[]', '',
          '2022-09-' || lpad((n % 28 + 1)::text, 2, '0'), n
        from generate_series(1, 200) n`.execute(db);
      await sql`insert into events (uid, article_id, type, source_code, source_text, source_span,
          target_code, target_text, target_span, negated, modality, date, cameo, goldstein, quad,
          contexts, trigger_text, trigger_span, evidence_sentence, evidence_span, evidence_raw,
          confidence, rule)
        select 'u' || n, n % 200 + 1, (array['REJECT', 'ACCUSE', 'CONSULT', 'SANCTION'])[n % 4 + 1],
          'S' || (n / 4 % 25), '', '[]', 'T' || (n / 100 % 25), '', '[]', n % 2, 'asserted',
          to_char(date '2021-01-01' + (n * 7 % 730), 'YYYY-MM-DD'), '', 0, 1, '[]', '', '[]', '', '[]',
          '[]', 1, ''
        from generate_series(1, 20000) n`.execute(db);
      await sql`insert into story_events (story_id, event_id)
        select article_id, id from events where id % 7 = 0`.execute(db);

      // lookups made from 300 stored events: their keys, a day either side of their dates, half of
      // them in the story of the event's article; the batch's own articles are the first ten
      const picked = await sql<{
        article_id: number;
        type: string;
        source_code: string;
        target_code: string;
        negated: number;
        date: string;
      }>`select article_id, type, source_code, target_code, negated, date from events
        where id % 61 = 0 order by id limit 300`.execute(db);
      const lookups: EventLookup[] = picked.rows.map((e, report) => ({
        report,
        source: e.source_code,
        target: e.target_code,
        type: e.type,
        modality: 'asserted',
        negated: e.negated,
        from: report % 5 === 0 ? null : day(e.date, -1),
        to: report % 5 === 0 ? null : day(e.date, 1),
        story: report % 2 === 0 ? e.article_id : null,
      }));
      const own = Array.from({ length: 10 }, (_, i) => i + 1);

      queries.length = 0;
      const hits = await db
        .transaction()
        .execute((trx) => createPostgresBatchIo(trx, { binaryArrays: true }).matchEvents(lookups, own));
      const match = queries.find((q) => q.sql.startsWith('with k as'));
      expect(match).toBeDefined();

      const client = await pool.connect();
      try {
        const explained = await client.query(`explain (format json) ${match!.sql}`, [...match!.parameters]);
        const plan = (explained.rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan;
        const found = scans(plan);
        expect(found.filter((s) => s.endsWith(' on events'))).not.toHaveLength(0);
        expect(found.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);

        // the same rows as the join SQLite runs, lookup by lookup
        const joined = await client.query(
          `with k as (select * from json_to_recordset($1::json) as k(report int4, source text,
              target text, type text, modality text, negated int4, date_from text, date_to text,
              story int4))
            ${MATCH_EVENTS.byDate} and e.article_id <> all($2::int4[])
            union all ${MATCH_EVENTS.byStory}`,
          [
            JSON.stringify(lookups.map(({ from, to, ...l }) => ({ ...l, date_from: from, date_to: to }))),
            own,
          ],
        );
        const rows = (list: { report: unknown; id: unknown; same_story: unknown }[]) =>
          list.map((r) => `${Number(r.report)}:${Number(r.id)}:${Number(r.same_story)}`).sort();
        const expected = rows(joined.rows);
        expect(
          rows(hits.map((h) => ({ report: h.report, id: h.id, same_story: h.sameStory ? 1 : 0 }))),
        ).toEqual(expected);
        // both branches answered: events in a report's window, in its story and outside the window
        expect(hits.some((h) => h.sameStory)).toBe(true);
        expect(hits.some((h) => !h.sameStory)).toBe(true);
        expect(new Set(hits.map((h) => h.report)).size).toBeGreaterThan(lookups.length / 2);
        expect(hits.every((h) => h.published !== null)).toBe(true);
      } finally {
        client.release();
      }
    } finally {
      await db.destroy();
      const client = new pg.Client({ connectionString: server! });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
