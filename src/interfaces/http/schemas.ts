import { z } from '@hono/zod-openapi';
import { PLOVER_TYPES } from '../../core/index.js';

/** Largest page of any listing. */
export const MAX_LIMIT = 500;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Actor codes: ISO alpha-3, organisation codes, `NSA:<Name>`. */
const ACTOR_CODE = /^[\p{L}\p{N}:._' -]{1,80}$/u;

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2022-02-30). */
const isCalendarDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const actorCode = (description: string) =>
  z
    .string()
    .regex(ACTOR_CODE, 'must be an actor code (letters, digits, ":", ".", "-", at most 80 characters)')
    .openapi({ description, example: 'RUS' });

const isoDate = (description: string) =>
  z
    .string()
    .regex(ISO_DATE, 'must be a date YYYY-MM-DD')
    .refine(isCalendarDate, 'must be a real calendar date')
    .openapi({ description, example: '2022-09-30' });

const words = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .openapi({ description });

const limit = (fallback: number) =>
  z.coerce
    .number()
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
    .default(fallback)
    .openapi({ description: `rows per page (1–${MAX_LIMIT}, default ${fallback})`, type: 'integer' });

const cursor = z
  .string()
  .max(200)
  .optional()
  .openapi({ description: 'the `next` value of the previous page' });

/** The event filters shared by /api/events, /api/stance, /api/matrix, /api/timeline, /api/network. */
export const EventFilterQuery = z.strictObject({
  actor: actorCode('source or target actor code').optional(),
  source: actorCode('source actor code').optional(),
  target: actorCode('target actor code').optional(),
  type: z.enum(PLOVER_TYPES).optional().openapi({ description: 'PLOVER event type' }),
  quad: z.enum(['1', '2', '3', '4']).optional().openapi({ description: 'QuadClass' }),
  from: isoDate('events on or after this date').optional(),
  to: isoDate('events on or before this date').optional(),
  text: words('only events of articles containing all these words (full-text search)').optional(),
  modality: z.enum(['asserted', 'future', 'hypothetical', 'historical']).optional(),
  negated: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'only negated (true) or affirmed (false) events' }),
});

export const EventsQuery = EventFilterQuery.extend({ limit: limit(50), cursor });

export const PeriodQuery = z.strictObject({
  by: z.enum(['day', 'month']).default('month').openapi({ description: 'period of a row (default month)' }),
});

export const StanceQuery = EventFilterQuery.omit({ target: true, actor: true }).extend({
  target: actorCode('target actor code (give it, or `text`)').optional(),
  ...PeriodQuery.shape,
  reports: z.enum(['true', 'false']).optional().openapi({
    description: 'also sum the reports and independent stories of each row (slower on large stores)',
  }),
  limit: limit(MAX_LIMIT),
  cursor,
});

export const TimelineQuery = EventFilterQuery.extend(PeriodQuery.shape);

export const ArticlesQuery = z.strictObject({ limit: limit(20), cursor });

export const SearchQuery = z.strictObject({
  q: words('words that must all occur in the title or text (stemmed)'),
  limit: limit(20),
});

export const ActorsQuery = z.strictObject({ limit: limit(200) });

export const PeopleQuery = z.strictObject({
  actor: actorCode('the actor the person speaks for').optional(),
  name: words('part of the name (case-insensitive)').optional(),
  limit: limit(50),
  cursor,
});

export const QuotesQuery = z.strictObject({
  actor: actorCode("the speaker's actor").optional(),
  speaker: words("part of the speaker's name (case-insensitive)").optional(),
  text: words('part of the quoted text (case-insensitive)').optional(),
  limit: limit(50),
  cursor,
});

export const ArticleParams = z.object({
  id: z.coerce
    .number()
    .int('must be an integer')
    .min(1, 'must be a positive integer')
    .openapi({ param: { name: 'id', in: 'path' }, example: 1, type: 'integer' }),
});

/** An article posted to /api/analyze or /api/ingest. */
export const ArticleInput = z
  .object({
    id: z
      .union([z.string().max(200), z.number()])
      .optional()
      .openapi({ description: 'document id (default: derived)' }),
    text: z.string().trim().min(1, 'must not be empty').openapi({ description: 'the article text' }),
    title: z.string().max(1000).nullish(),
    url: z.string().max(2000).nullish(),
    published: isoDate('publication date; event dates are resolved against it').nullish(),
  })
  .openapi('ArticleInput');

export const IngestBody = z
  .object({
    articles: z
      .array(ArticleInput)
      .min(1, 'must hold at least one article')
      .max(100, 'at most 100 articles per request'),
  })
  .openapi('IngestBody');

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INVALID_PARAMETER' }),
      message: z.string(),
      parameter: z.string().optional().openapi({ description: 'the query parameter or body field at fault' }),
    }),
  })
  .openapi('Error');

const Span = z
  .tuple([z.number(), z.number()])
  .readonly()
  .openapi({ description: 'half-open [start, end) in the clean text' });

/** An event of the output contract (the fields the dashboard reads; the rest pass through). */
export const ContractEvent = z
  .object({
    id: z.string(),
    type: z.enum(PLOVER_TYPES),
    mode: z.string().nullable(),
    source: z.object({ code: z.string(), text: z.string(), span: Span }),
    target: z.object({ code: z.string(), text: z.string(), span: Span }),
    negated: z.boolean(),
    modality: z.string(),
    date: z.string().nullable(),
    cameo: z.string(),
    goldstein: z.number(),
    quad: z.number(),
    trigger: z.object({ text: z.string(), span: Span }),
    evidence: z.object({ sentence: z.string(), span: Span, raw: Span }),
    rule: z.string(),
  })
  .openapi('Event');

const ArticleRef = z.object({ id: z.number(), docId: z.string(), published: z.string().nullable() });

export const EventRow = z
  .object({
    event: ContractEvent,
    articleId: z.number(),
    docId: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    articles: z.number(),
    outlets: z.number(),
    stories: z.number(),
    sources: z.array(z.object({ articleId: z.number(), docId: z.string() })).readonly(),
  })
  .openapi('StoredEvent');

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item).readonly(), next: z.string().nullable() }).openapi(name);

export const ArticleSummary = z
  .object({
    id: z.number(),
    docId: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    story: z.number(),
    events: z.number(),
  })
  .openapi('ArticleSummary');

/** A half-open [start, end) into the raw input, as the cleaning log and evidence give it. */
const RawSpan = z
  .tuple([z.number(), z.number()])
  .readonly()
  .openapi({ description: 'half-open [start, end) in the raw input' });

export const ArticleDetail = ArticleSummary.extend({
  canonicalUrl: z.string().nullable(),
  lang: z.string(),
  origin: z.string().nullable().openapi({ description: 'where it was read: file[:line], URL' }),
  ingestedAt: z.string(),
  text: z.string(),
  raw: z.string(),
  credits: z.array(z.string()).readonly(),
  edits: z
    .array(
      z.object({
        kind: z.string(),
        raw: RawSpan,
        before: z.string(),
        after: z.string(),
        confidence: z.literal('low').optional(),
      }),
    )
    .readonly()
    .openapi({ description: 'the cleaning log: each repair of the raw input' }),
  diagnostics: z
    .array(
      z.object({
        stage: z.string(),
        code: z.string(),
        message: z.string(),
        severity: z.enum(['info', 'warning', 'error']),
        span: Span.optional(),
      }),
    )
    .readonly()
    .openapi({ description: 'what the analysis noted, such as a trigger it did not code and why' }),
  actors: z
    .array(
      z.object({ code: z.string(), name: z.string(), kind: z.string(), mentions: z.array(Span).readonly() }),
    )
    .readonly(),
  people: z
    .array(z.object({ name: z.string(), actor: z.string().nullable(), role: z.string().nullable() }))
    .readonly(),
  quotes: z
    .array(
      z.object({
        text: z.string(),
        span: Span,
        kind: z.string(),
        cue: z.string().nullable(),
        speaker: z
          .object({ name: z.string(), actor: z.string().nullable(), span: Span.nullable() })
          .nullable(),
      }),
    )
    .readonly(),
  mentions: z
    .array(
      z.object({
        span: Span,
        text: z.string(),
        kind: z.string(),
        actor: z.string().nullable(),
        person: z.number().nullable(),
        sentence: z.number(),
      }),
    )
    .readonly(),
  reports: z
    .array(
      z.object({
        event: ContractEvent,
        representative: z.boolean(),
        articles: z.number(),
        trigger: z.object({ span: Span }),
        evidence: z.object({ sentence: z.string(), span: Span, raw: Span }),
      }),
    )
    .readonly(),
}).openapi('ArticleDetail');

export const SearchHit = z
  .object({
    id: z.number(),
    docId: z.string(),
    title: z.string().nullable(),
    published: z.string().nullable(),
    url: z.string().nullable(),
  })
  .openapi('SearchHit');

export const ActorRow = z
  .object({
    code: z.string(),
    name: z.string().nullable(),
    kind: z.string().nullable(),
    asSource: z.number(),
    asTarget: z.number(),
  })
  .openapi('Actor');

export const PersonRow = z
  .object({
    id: z.number(),
    name: z.string(),
    actor: z.string().nullable(),
    role: z.string().nullable(),
    mentions: z.number(),
    article: ArticleRef,
  })
  .openapi('Person');

export const QuoteRow = z
  .object({
    id: z.number(),
    text: z.string(),
    span: Span,
    kind: z.string(),
    cue: z.string().nullable(),
    speaker: z.object({ name: z.string(), actor: z.string().nullable() }).nullable(),
    article: ArticleRef,
  })
  .openapi('Quote');

const Stance = z.enum(['supportive', 'hostile', 'mixed', 'neutral']);
const TypeCounts = z
  .record(z.string(), z.number())
  .openapi({ description: 'events per PLOVER type, most first' });

export const StanceBody = z
  .object({
    target: z.string().nullable(),
    text: z.string().nullable(),
    by: z.enum(['day', 'month']),
    rows: z.array(
      z.object({
        source: z.string(),
        period: z.string().nullable(),
        supportive: z.number(),
        hostile: z.number(),
        other: z.number(),
        reports: z
          .number()
          .optional()
          .openapi({ description: 'with reports=true: reports of the events, summed' }),
        stories: z
          .number()
          .optional()
          .openapi({ description: 'with reports=true: independent stories, summed' }),
        stance: Stance,
        types: TypeCounts,
      }),
    ),
    next: z.string().nullable().openapi({ description: 'the cursor of the next page; null on the last' }),
  })
  .openapi('Stance');

export const MatrixBody = z
  .object({
    sources: z.array(z.string()),
    targets: z.array(z.string()),
    cells: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        count: z.number(),
        supportive: z.number(),
        hostile: z.number(),
        other: z.number(),
        goldstein: z.number().openapi({ description: 'mean Goldstein weight' }),
        stance: Stance,
        dominant: z.enum(PLOVER_TYPES).openapi({ description: 'the most frequent event type' }),
        types: TypeCounts,
      }),
    ),
  })
  .openapi('StanceMatrix');

export const TimelineBody = z
  .object({
    by: z.enum(['day', 'month']),
    series: z.array(z.object({ period: z.string(), type: z.enum(PLOVER_TYPES), count: z.number() })),
    undated: z.number().openapi({ description: 'matching events without a date (not in the series)' }),
  })
  .openapi('Timeline');

export const NetworkBody = z
  .object({
    nodes: z.array(z.object({ id: z.string(), events: z.number(), goldstein: z.number() })),
    edges: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        count: z.number(),
        goldstein: z.number().openapi({ description: 'mean Goldstein weight' }),
        stance: Stance,
      }),
    ),
  })
  .openapi('Network');

export const StatsBody = z
  .object({
    articles: z.number(),
    events: z.number(),
    eventSources: z.number(),
    people: z.number(),
    quotes: z.number(),
    mentions: z.number(),
    stories: z.number(),
    dialect: z.string(),
  })
  .openapi('Stats');

export const AnalyzeBody = z
  .object({
    id: z.string(),
    text: z.string(),
    events: z.array(ContractEvent).readonly(),
    quotes: z.array(z.object({ text: z.string() })).readonly(),
    people: z.array(z.object({ name: z.string() })).readonly(),
    actors: z.array(z.object({ code: z.string() })).readonly(),
  })
  .openapi('OutputRecord');

export const IngestResult = z
  .object({
    results: z.array(
      z.object({
        docId: z.string(),
        status: z.enum(['stored', 'duplicate', 'invalid']),
        articleId: z.number().nullable(),
        events: z.number(),
        message: z.string().nullable(),
      }),
    ),
  })
  .openapi('IngestResult');
