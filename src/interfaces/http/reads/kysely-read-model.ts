import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type {
  ActorKind,
  ActorRef,
  Diagnostic,
  Edit,
  Event,
  Modality,
  PloverType,
  Quote,
  Span,
} from '../../../core/index.js';
import { decodeMentions, type Database } from '../../../store/index.js';
import type {
  ActorRow,
  ArticleDetail,
  ArticleEvent,
  ArticleSummary,
  IdPage,
  PersonRow,
  QuoteRow,
  ReadModel,
} from './read-model.js';

/** SQLite returns JSON columns as text, Postgres (jsonb) as parsed values. */
const fromJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);

/** A `like` pattern matching `part` anywhere, with the wildcards in it escaped. */
const containing = (part: string) => `%${part.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `lower(column) like '%part%'`, the same in both dialects. */
const contains = (column: string, part: string): Expression<SqlBool> =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${containing(part)} escape '\\'`;

/** Articles read for actor names in `listActors` (the latest ones). */
const NAME_SAMPLE = 500;

/** The event of an `events` row in the output contract's shape. */
function eventOf(r: Selectable<Database['events']>): Event {
  return {
    id: r.uid,
    type: r.type as PloverType,
    mode: r.mode,
    source: { code: r.source_code, text: r.source_text, span: fromJson<Span>(r.source_span) },
    target: { code: r.target_code, text: r.target_text, span: fromJson<Span>(r.target_span) },
    negated: Number(r.negated) === 1,
    modality: r.modality as Modality,
    date: r.date,
    cameo: r.cameo,
    goldstein: Number(r.goldstein),
    quad: Number(r.quad) as Event['quad'],
    contexts: fromJson<string[]>(r.contexts),
    trigger: { text: r.trigger_text, span: fromJson<Span>(r.trigger_span) },
    evidence: {
      sentence: r.evidence_sentence,
      span: fromJson<Span>(r.evidence_span),
      raw: fromJson<Span>(r.evidence_raw),
    },
    quote: r.quote,
    confidence: Number(r.confidence),
    rule: r.rule,
  };
}

/**
 * The API's extra reads over a store database (either dialect), with parameterised queries only.
 *
 * @example
 * const reads = createKyselyReadModel(new Kysely<Database>({ dialect }));
 * const article = await reads.articleDetail(1);
 */
export function createKyselyReadModel(db: Kysely<Database>): ReadModel {
  const eventCounts = async (ids: readonly number[]) => {
    if (ids.length === 0) return new Map<number, number>();
    const rows = await db
      .selectFrom('event_sources')
      .select(['article_id', (eb) => eb.fn.countAll().as('n')])
      .where('article_id', 'in', ids)
      .groupBy('article_id')
      .execute();
    return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
  };

  const articleRef = (r: { article_id: number; doc_id: string; published: string | null }) => ({
    id: r.article_id,
    docId: r.doc_id,
    published: r.published,
  });

  const reportsOf = async (articleId: number): Promise<ArticleEvent[]> => {
    const rows = await db
      .selectFrom('event_sources as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .selectAll('e')
      .select([
        's.trigger_span as own_trigger_span',
        's.evidence_sentence as own_evidence_sentence',
        's.evidence_span as own_evidence_span',
        's.evidence_raw as own_evidence_raw',
        (eb) =>
          eb
            .selectFrom('event_sources as o')
            .select((o) => o.fn.countAll().as('n'))
            .whereRef('o.event_id', '=', 's.event_id')
            .as('articles'),
      ])
      .where('s.article_id', '=', articleId)
      .orderBy('e.id')
      .execute();
    return rows
      .map((r) => ({
        event: eventOf(r),
        representative: r.article_id === articleId,
        articles: Number(r.articles),
        trigger: { span: fromJson<Span>(r.own_trigger_span) },
        evidence: {
          sentence: r.own_evidence_sentence,
          span: fromJson<Span>(r.own_evidence_span),
          raw: fromJson<Span>(r.own_evidence_raw),
        },
      }))
      .sort((a, b) => a.evidence.span[0] - b.evidence.span[0] || a.trigger.span[0] - b.trigger.span[0]);
  };

  return {
    async listArticles(page: IdPage): Promise<ArticleSummary[]> {
      let q = db.selectFrom('articles').select(['id', 'doc_id', 'title', 'url', 'published', 'story_id']);
      if (page.before !== undefined) q = q.where('id', '<', page.before);
      const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
      const counts = await eventCounts(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        docId: r.doc_id,
        title: r.title,
        url: r.url,
        published: r.published,
        story: r.story_id ?? r.id,
        events: counts.get(r.id) ?? 0,
      }));
    },

    async articleDetail(id: number): Promise<ArticleDetail | null> {
      const a = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      if (a === undefined) return null;
      const [people, quotes, reports] = await Promise.all([
        db.selectFrom('people').selectAll().where('article_id', '=', id).orderBy('idx').execute(),
        db.selectFrom('quotes').selectAll().where('article_id', '=', id).orderBy('idx').execute(),
        reportsOf(id),
      ]);
      return {
        id: a.id,
        docId: a.doc_id,
        title: a.title,
        url: a.url,
        canonicalUrl: a.canonical_url,
        published: a.published,
        story: a.story_id ?? a.id,
        lang: a.lang,
        origin: a.origin,
        ingestedAt: a.ingested_at,
        text: a.text,
        raw: a.raw,
        credits: fromJson<string[]>(a.credits),
        edits: fromJson<Edit[]>(a.edits),
        diagnostics: fromJson<Diagnostic[]>(a.diagnostics),
        actors: fromJson<ActorRef[]>(a.actors),
        people: people.map((p) => ({
          name: p.name,
          actor: p.actor,
          role: p.role,
          mentions: fromJson<Span[]>(p.mentions),
        })),
        quotes: quotes.map((q): Quote => ({
          text: q.text,
          span: [q.span_start, q.span_end],
          kind: q.kind as Quote['kind'],
          cue: q.cue,
          speaker:
            q.speaker_name === null
              ? null
              : {
                  name: q.speaker_name,
                  actor: q.speaker_actor,
                  span: q.speaker_span === null ? null : fromJson<Span | null>(q.speaker_span),
                },
        })),
        mentions: decodeMentions(fromJson<unknown>(a.mentions), a.text).map((m) => ({
          span: m.span,
          text: m.text,
          kind: m.kind,
          actor: m.actor,
          person: m.person,
          sentence: m.sentence,
        })),
        events: reports.length,
        reports,
      };
    },

    async listPeople(filter, page): Promise<PersonRow[]> {
      let q = db
        .selectFrom('people as p')
        .innerJoin('articles as a', 'a.id', 'p.article_id')
        .select([
          'p.id',
          'p.name',
          'p.actor',
          'p.role',
          'p.mentions',
          'p.article_id',
          'a.doc_id',
          'a.published',
        ]);
      if (filter.actor !== undefined) q = q.where('p.actor', '=', filter.actor);
      if (filter.name !== undefined) q = q.where(contains('p.name', filter.name));
      if (page.after !== undefined) q = q.where('p.id', '>', page.after);
      const rows = await q.orderBy('p.id').limit(page.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        actor: r.actor,
        role: r.role,
        mentions: fromJson<Span[]>(r.mentions).length,
        article: articleRef(r),
      }));
    },

    async listQuotes(filter, page): Promise<QuoteRow[]> {
      let q = db
        .selectFrom('quotes as q')
        .innerJoin('articles as a', 'a.id', 'q.article_id')
        .select([
          'q.id',
          'q.text',
          'q.span_start',
          'q.span_end',
          'q.kind',
          'q.cue',
          'q.speaker_name',
          'q.speaker_actor',
          'q.article_id',
          'a.doc_id',
          'a.published',
        ]);
      if (filter.actor !== undefined) q = q.where('q.speaker_actor', '=', filter.actor);
      if (filter.speaker !== undefined) q = q.where(contains('q.speaker_name', filter.speaker));
      if (filter.text !== undefined) q = q.where(contains('q.text', filter.text));
      if (page.after !== undefined) q = q.where('q.id', '>', page.after);
      const rows = await q.orderBy('q.id').limit(page.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        text: r.text,
        span: [r.span_start, r.span_end] as Span,
        kind: r.kind,
        cue: r.cue,
        speaker: r.speaker_name === null ? null : { name: r.speaker_name, actor: r.speaker_actor },
        article: articleRef(r),
      }));
    },

    async listActors(limit): Promise<ActorRow[]> {
      const [sources, targets, recent] = await Promise.all([
        db
          .selectFrom('events')
          .select(['source_code as code', (eb) => eb.fn.countAll().as('n')])
          .groupBy('source_code')
          .execute(),
        db
          .selectFrom('events')
          .select(['target_code as code', (eb) => eb.fn.countAll().as('n')])
          .groupBy('target_code')
          .execute(),
        db.selectFrom('articles').select('actors').orderBy('id', 'desc').limit(NAME_SAMPLE).execute(),
      ]);
      const names = new Map<string, { name: string; kind: ActorKind }>();
      for (const r of recent)
        for (const a of fromJson<ActorRef[]>(r.actors))
          if (!names.has(a.code)) names.set(a.code, { name: a.name, kind: a.kind });
      const rows = new Map<string, { asSource: number; asTarget: number }>();
      const entry = (code: string) =>
        rows.get(code) ?? rows.set(code, { asSource: 0, asTarget: 0 }).get(code)!;
      for (const r of sources) entry(r.code).asSource = Number(r.n);
      for (const r of targets) entry(r.code).asTarget = Number(r.n);
      return [...rows]
        .map(([code, n]) => ({
          code,
          name: names.get(code)?.name ?? null,
          kind: names.get(code)?.kind ?? null,
          ...n,
        }))
        .sort((a, b) => b.asSource + b.asTarget - (a.asSource + a.asTarget) || (a.code < b.code ? -1 : 1))
        .slice(0, limit);
    },

    async close() {
      await db.destroy();
    },
  };
}
