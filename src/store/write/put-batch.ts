import { articleJson, type AnalysedArticle, type Event } from '../../core/index.js';
import {
  assignStories,
  storedCandidates,
  type NewArticle,
  type StoryCandidate,
} from '../dedup/assign-stories.js';
import { dateWindow, planEventMerge, type EventReport, type MergePlan } from '../dedup/merge-events.js';
import { signatureBytes, signatureFrom, type Fingerprint, type Fingerprinter } from '../dedup/minhash.js';
import type { ShingleCache } from '../dedup/shingle-cache.js';
import { StoreError, type ArticleToStore, type PutOutcome } from '../store.js';
import { UNDATED_MONTH } from '../schema.js';
import { bandsAtLock, type BatchIo, type BandMatch, type BandsBefore, type Row } from './batch-io.js';

/**
 * What a store keeps for story clustering and event merging between batches: its fingerprinter
 * (scratch buffers), the shingles of the articles it stored or checked lately, and the share of
 * recent reports that joined an event already stored or earlier in their batch (each batch's
 * share weighs half, the batches before it the other half).
 */
export interface Dedup {
  readonly fingerprinter: Fingerprinter;
  readonly cache: ShingleCache;
  readonly joins: { share: number };
}

/**
 * Where other writers wait for the batch lock (`BatchIo.sharedLock`), a batch writes its reports'
 * events, with their source rows and story links, before taking it while at most this share of
 * recent reports joined another event: each report that joins costs inserts and a delete, each new
 * one takes its inserts out of the lock.
 * News whose copies arrive together (every report joining) keeps its inserts in the lock, where
 * they are only those of the new events.
 */
export const EARLY_EVENTS_BELOW = 0.25;

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}/;

const toJson = (value: unknown): string => JSON.stringify(value);
/** A span as JSON (`[s,e]`), without the general serialiser: six of them per event. */
const spanJson = (span: readonly [number, number]): string => `[${span[0]},${span[1]}]`;

/** A batch checked and fingerprinted outside the transaction, ready to write. */
export interface PreparedBatch {
  readonly size: number;
  /** Outcomes known before writing: invalid records. */
  readonly invalid: ReadonlyMap<number, PutOutcome>;
  /** Records repeating an earlier record of the batch: index → the earlier index and how they match. */
  readonly repeats: ReadonlyMap<
    number,
    { readonly of: number; readonly by: 'content-hash' | 'canonical-url' }
  >;
  /** Records to insert, in batch order, with their fingerprints. */
  readonly fresh: readonly {
    readonly index: number;
    readonly item: ArticleToStore;
    readonly fp: Fingerprint;
  }[];
}

/**
 * Checks a batch and fingerprints its new articles (no I/O): a content hash that is not 64 hex
 * digits throws (a programmer error: nothing of the batch is written); a bad date or an empty text
 * makes that record `invalid`; a record repeating an earlier one of the batch (same hash or canonical
 * URL) is a duplicate of it.
 *
 * @example
 * const prepared = prepareBatch(batch, createFingerprinter());
 */
export function prepareBatch(batch: readonly ArticleToStore[], fingerprinter: Fingerprinter): PreparedBatch {
  for (const { article, contentHash } of batch)
    if (!HEX64.test(contentHash))
      throw new StoreError('STORE_KEY', `content hash of "${article.id}" is not 64 lower-case hex digits`);
  const invalid = new Map<number, PutOutcome>();
  const repeats = new Map<number, { of: number; by: 'content-hash' | 'canonical-url' }>();
  const fresh: { index: number; item: ArticleToStore; fp: Fingerprint }[] = [];
  const byHash = new Map<string, number>();
  const byUrl = new Map<string, number>();
  batch.forEach((item, index) => {
    const a = item.article;
    const problem =
      a.published !== undefined && !ISO_PREFIX.test(a.published)
        ? `"published" of "${a.id}" is not an ISO date: "${a.published}"`
        : a.raw.trim() === ''
          ? `article "${a.id}" has no text`
          : null;
    if (problem !== null) {
      invalid.set(index, { status: 'invalid', problem: { code: 'INVALID_ARTICLE', message: problem } });
      return;
    }
    const sameHash = byHash.get(item.contentHash);
    const sameUrl = item.canonicalUrl === null ? undefined : byUrl.get(item.canonicalUrl);
    if (sameHash !== undefined || sameUrl !== undefined) {
      repeats.set(
        index,
        sameHash !== undefined ? { of: sameHash, by: 'content-hash' } : { of: sameUrl!, by: 'canonical-url' },
      );
      return;
    }
    byHash.set(item.contentHash, index);
    if (item.canonicalUrl !== null) byUrl.set(item.canonicalUrl, index);
    fresh.push({ index, item, fp: fingerprinter.fingerprint(a.text) });
  });
  return { size: batch.length, invalid, repeats, fresh };
}

function articleRow(item: ArticleToStore, fp: Fingerprint, now: string): Row {
  const a = item.article;
  const json = item.json ?? articleJson(a);
  return [
    a.id,
    a.title ?? null,
    a.url ?? null,
    item.canonicalUrl,
    a.published ?? null,
    a.lang,
    item.contentHash,
    item.origin ?? null,
    a.raw,
    a.text,
    json.credits,
    json.edits,
    json.actors,
    json.diagnostics,
    json.mentions,
    now,
    fp.shingles.length,
    fp.bands.length > 0 ? signatureBytes(fp.signature) : null,
  ];
}

function eventRow(e: Event, articleId: number): Row {
  return [
    e.id,
    articleId,
    e.type,
    e.mode,
    e.source.code,
    e.source.text,
    spanJson(e.source.span),
    e.target.code,
    e.target.text,
    spanJson(e.target.span),
    e.negated ? 1 : 0,
    e.modality,
    e.date,
    e.cameo,
    e.goldstein,
    e.quad,
    toJson(e.contexts),
    e.trigger.text,
    spanJson(e.trigger.span),
    e.evidence.sentence,
    spanJson(e.evidence.span),
    spanJson(e.evidence.raw),
    e.quote,
    e.confidence,
    e.rule,
    e.mentions !== undefined ? toJson(e.mentions) : null,
  ];
}

/** The `event_sources` row of a report of event `eventId`. */
function sourceRow(eventId: number, r: EventReport): Row {
  const e = r.event;
  return [
    eventId,
    r.articleId,
    e.id,
    r.story,
    e.date,
    spanJson(e.trigger.span),
    e.evidence.sentence,
    spanJson(e.evidence.span),
    spanJson(e.evidence.raw),
  ];
}

/** People and quotes rows of one stored article (its mentions are a column of its own row). */
function annotationRows(a: AnalysedArticle, id: number): { people: Row[]; quotes: Row[] } {
  return {
    people: a.people.map((p, idx) => [id, idx, p.name, p.actor, p.role, toJson(p.mentions)]),
    quotes: a.quotes.map((q, idx) => [
      id,
      idx,
      q.text,
      q.span[0],
      q.span[1],
      q.kind,
      q.cue,
      q.speaker?.name ?? null,
      q.speaker?.actor ?? null,
      q.speaker?.span ? toJson(q.speaker.span) : null,
    ]),
  };
}

/** Band matches grouped by key, as story candidates. */
function bandIndex(matches: readonly BandMatch[]): Map<number, StoryCandidate[]> {
  const index = new Map<number, StoryCandidate[]>();
  const signatures = new Map<number, Int32Array>();
  for (const m of matches) {
    if (m.minhash === null) continue;
    let signature = signatures.get(m.articleId);
    if (signature === undefined) {
      signature = signatureFrom(m.minhash);
      signatures.set(m.articleId, signature);
    }
    const c = { articleId: m.articleId, story: m.story, size: m.shingles, signature };
    const list = index.get(m.key);
    if (list === undefined) index.set(m.key, [c]);
    else list.push(c);
  }
  return index;
}

/** The shingles of the stored candidates the exact check needs: cached, or from their texts. */
async function candidateShingles(
  io: BatchIo,
  index: ReadonlyMap<number, readonly StoryCandidate[]>,
  needed: ReadonlySet<number>,
  dedup: Dedup,
): Promise<Map<number, Uint32Array>> {
  const shingles = new Map<number, Uint32Array>();
  if (needed.size === 0) return shingles;
  const wanted = new Map<number, StoryCandidate>();
  for (const list of index.values())
    for (const c of list) if (needed.has(c.articleId)) wanted.set(c.articleId, c);
  const missing: number[] = [];
  for (const [id, c] of wanted) {
    const cached = dedup.cache.get(c);
    if (cached === undefined) missing.push(id);
    else shingles.set(id, cached);
  }
  if (missing.length === 0) return shingles;
  for (const [id, text] of await io.articleTexts(missing)) {
    const fp = dedup.fingerprinter.fingerprint(text);
    shingles.set(id, fp.shingles);
    dedup.cache.put(id, fp);
  }
  return shingles;
}

/**
 * Stores new articles' story clusters and their new band keys; returns the stories in `stored`
 * order. `early`: every key of every article was written before the lock (as a founder's), so
 * the batch's own are left out of the matches and a copy's keys that its story holds are deleted.
 */
async function clusterStories(
  io: BatchIo,
  stored: readonly NewArticle[],
  dedup: Dedup,
  early: boolean,
  before: BandsBefore | null,
): Promise<number[]> {
  const keys = bandKeys(stored);
  // what was read before the lock, and what the batches that committed since stored; all of it
  // read here when the log no longer reaches back to that read
  const since = before === null || keys.length === 0 ? null : await io.bandMatchesSince(keys, before.seen);
  const index = bandIndex(
    before !== null && since !== null
      ? bandsAtLock(before, since)
      : keys.length > 0
        ? await io.bandMatches(keys, early ? stored.map((a) => a.id) : [])
        : [],
  );
  const shingles = await candidateShingles(io, index, storedCandidates(stored, index), dedup);
  const assigned = assignStories(stored, index, shingles);
  // the next copies of these stories are likely to be checked against them
  for (const a of stored) if (a.fingerprint.bands.length > 0) dedup.cache.put(a.id, a.fingerprint);
  const stories = assigned.map((a) => a.story);
  const copies = stored.flatMap((a, n) => (stories[n] === a.id ? [] : [n]));
  await io.setStories(
    copies.map((n) => stored[n]!.id),
    copies.map((n) => stories[n]!),
  );
  const kept = stored.flatMap((a, n) => assigned[n]!.bands.map((key) => [key, a.id] as const));
  if (io.sharedLock) await io.logBands(kept);
  if (early) {
    await io.deleteBands(
      stored.flatMap((a, n) => {
        if (stories[n] === a.id) return [];
        const keep = new Set(assigned[n]!.bands);
        return a.fingerprint.bands.flatMap((key) => (keep.has(key) ? [] : [[key, a.id] as const]));
      }),
    );
  } else {
    await io.insertRows('article_bands', kept);
  }
  return stories;
}

/** The distinct band keys of a batch's articles. */
const bandKeys = (articles: readonly NewArticle[]) => [
  ...new Set(articles.flatMap((a) => a.fingerprint.bands)),
];

/** The fields of an event that place it in `event_counts`. */
interface Counted {
  readonly source: string;
  readonly target: string;
  readonly type: string;
  readonly date: string | null;
  readonly quad: number;
  readonly modality: string;
  readonly negated: boolean;
  readonly goldstein: number;
}

const counted = (e: Event): Counted => ({
  source: e.source.code,
  target: e.target.code,
  type: e.type,
  date: e.date,
  quad: e.quad,
  modality: e.modality,
  negated: e.negated,
  goldstein: e.goldstein,
});

/** Net `event_counts` changes (rows of `COUNT_COLUMNS`) of events added (+1) and taken away (-1). */
function countChanges(changes: readonly (readonly [Counted, 1 | -1])[]): Row[] {
  const byKey = new Map<string, unknown[]>();
  for (const [e, sign] of changes) {
    const key = [
      e.target,
      e.source,
      e.date?.slice(0, 7) ?? UNDATED_MONTH,
      e.type,
      e.quad,
      e.modality,
      e.negated ? 1 : 0,
    ];
    const id = JSON.stringify(key);
    const row = byKey.get(id) ?? byKey.set(id, [...key, 0, 0]).get(id)!;
    row[7] = (row[7] as number) + sign;
    row[8] = (row[8] as number) + sign * e.goldstein;
  }
  return [...byKey.values()].filter((r) => r[7] !== 0 || r[8] !== 0);
}

/** The event of the report that represents the plan's `i`th event. */
function representativeOf(reports: readonly EventReport[], plan: MergePlan, i: number): Event {
  return reports[plan.events[i]!.representative!]!.event;
}

/**
 * Merges the new articles' events into stored ones or new ones, and writes every report. `written`:
 * per report, the event row the batch inserted for it before the lock (`BatchIo.sharedLock`), or
 * null when the batch writes only the new events here.
 */
async function mergeEvents(
  io: BatchIo,
  reports: readonly EventReport[],
  written: readonly number[] | null,
): Promise<boolean[]> {
  // stories founded by this batch's articles (a story's id is its first article's) have no stored events
  const founded = new Set(reports.map((r) => r.articleId));
  const hits = await io.matchEvents(
    reports.map((r, report) => {
      const e = r.event;
      const window = dateWindow(e.date);
      return {
        report,
        source: e.source.code,
        target: e.target.code,
        type: e.type,
        modality: e.modality,
        negated: e.negated ? 1 : 0,
        from: window?.[0] ?? null,
        to: window?.[1] ?? null,
        story: founded.has(r.story) ? null : r.story,
      };
    }),
    // the events written early are the batch's articles' (those with events are `founded`)
    written === null ? [] : [...founded],
  );
  const plan = planEventMerge(
    reports,
    hits.map((h) => ({
      report: h.report,
      sameStory: h.sameStory,
      event: { id: h.id, uid: h.uid, mode: h.mode, date: h.date, published: h.published },
    })),
  );
  const created = plan.events.flatMap((p, i) => (p.storedId === null ? [i] : []));
  let newIds: number[];
  if (written === null) {
    newIds = await io.insertEvents(
      created.map((i) => {
        const r = reports[plan.events[i]!.representative!]!;
        return eventRow(r.event, r.articleId);
      }),
    );
  } else {
    // a new event is the row written for its representative report; the other rows joined an event
    newIds = created.map((i) => written[plan.events[i]!.representative!]!);
    const kept = new Set(newIds);
    await io.deleteEvents(written.filter((id) => !kept.has(id)));
  }
  const idOf = plan.events.map((p) => p.storedId ?? -1);
  created.forEach((i, n) => (idOf[i] = newIds[n]!));
  const changed = plan.events.flatMap((p, i) =>
    p.storedId !== null && p.representative !== null ? [i] : [],
  );
  await io.updateEvents(
    changed.map((i) => idOf[i]!),
    changed.map((i) => {
      const r = reports[plan.events[i]!.representative!]!;
      return eventRow(r.event, r.articleId);
    }),
  );
  // Counted per month: a new event adds its key; a new representative moves its event from the
  // stored representative's key (date, quad, Goldstein may differ) to its own.
  const stored = new Map(hits.map((h) => [h.id, h]));
  await io.addCounts(
    countChanges([
      ...created.map((i) => [counted(representativeOf(reports, plan, i)), 1] as const),
      ...changed.flatMap((i) => {
        const was = stored.get(idOf[i]!)!;
        const key = reports[was.report]!.event;
        const old: Counted = { ...counted(key), date: was.date, quad: was.quad, goldstein: was.goldstein };
        return [
          [old, -1],
          [counted(representativeOf(reports, plan, i)), 1],
        ] as const;
      }),
    ]),
  );
  // Each report's source row and story link. Rows written before the lock stand where the report's
  // event is the one written for it and its article founded its story; a deleted event took its
  // rows with it (the keys cascade); a copy's new event moves its rows to the copy's story.
  const eventOf = plan.eventOf.map((g) => idOf[g]!);
  const early: boolean[] = [];
  for (let i = 0; i < reports.length; i++) early.push(written !== null && eventOf[i] === written[i]);
  const fresh = reports.flatMap((_, i) => (early[i] ? [] : [i]));
  await io.moveReports(
    reports.flatMap((r, i) =>
      early[i] && r.story !== r.articleId ? [[eventOf[i]!, r.articleId, r.story] as const] : [],
    ),
  );
  await io.insertRows(
    'event_sources',
    fresh.map((i) => sourceRow(eventOf[i]!, reports[i]!)),
  );
  const pairs = new Map(
    fresh.map((i) => {
      const story = reports[i]!.story;
      return [`${story}:${eventOf[i]}`, [story, eventOf[i]]];
    }),
  );
  await io.insertRows('story_events', [...pairs.values()]);
  return [...plan.joined];
}

/**
 * Writes a prepared batch (inside the caller's transaction): inserts the articles (a hash or URL
 * already stored makes a duplicate), assigns story clusters, writes people and quotes,
 * and merges the events. Returns one outcome per record, in batch order.
 *
 * @example
 * const dedup = { fingerprinter: createFingerprinter(), cache: new ShingleCache(), joins: { share: 0 } };
 * await db.transaction().execute(() => writeBatch(io, prepareBatch(batch, dedup.fingerprinter), dedup));
 */
export async function writeBatch(io: BatchIo, batch: PreparedBatch, dedup: Dedup): Promise<PutOutcome[]> {
  const out = new Array<PutOutcome | undefined>(batch.size);
  for (const [i, o] of batch.invalid) out[i] = o;
  const now = new Date().toISOString();
  const ids = await io.insertArticles(batch.fresh.map((f) => articleRow(f.item, f.fp, now)));

  const conflicts = batch.fresh.filter((_, n) => ids[n] === null);
  if (conflicts.length > 0) {
    const found = await io.findArticles(
      conflicts.map((f) => f.item.contentHash),
      conflicts.flatMap((f) => (f.item.canonicalUrl === null ? [] : [f.item.canonicalUrl])),
    );
    for (const { index, item } of conflicts) {
      const hit = found.find(
        (r) =>
          r.contentHash === item.contentHash ||
          (item.canonicalUrl !== null && r.canonicalUrl === item.canonicalUrl),
      );
      if (hit === undefined) throw new Error(`article "${item.article.id}" conflicted but was not found`);
      out[index] = {
        status: 'duplicate',
        id: hit.id,
        by: hit.contentHash === item.contentHash ? 'content-hash' : 'canonical-url',
      };
    }
  }

  const stored = batch.fresh.flatMap((f, n) => (ids[n] === null ? [] : [{ ...f, id: ids[n]! }]));
  const rows = { people: [] as Row[], quotes: [] as Row[] };
  for (const s of stored) {
    const r = annotationRows(s.item.article, s.id);
    rows.people.push(...r.people);
    rows.quotes.push(...r.quotes);
  }
  for (const table of ['people', 'quotes'] as const) await io.insertRows(table, rows[table]);
  // where other writers wait for the lock, the band keys' holders are read now (before the batch
  // writes its own keys), and under the lock only those stored since by other batches
  const newArticles = stored.map((s): NewArticle => ({ id: s.id, fingerprint: s.fp }));
  const keys = bandKeys(newArticles);
  const before = io.sharedLock && keys.length > 0 ? await io.bandMatchesBefore(keys) : null;
  // where other writers wait for the lock, and most recent reports started an event, every report's
  // event goes in now as a new event, with its source row and story link, in report order (below);
  // the merge keeps those that are new and deletes the rest
  let written: number[] | null = null;
  if (io.sharedLock && dedup.joins.share <= EARLY_EVENTS_BELOW) {
    // each report as its article's story would have it were the article to found one (most do)
    const early: EventReport[] = stored.flatMap((s) =>
      s.item.article.events.map((event) => ({
        articleId: s.id,
        story: s.id,
        published: s.item.article.published ?? null,
        event,
      })),
    );
    const ids = await io.insertEvents(early.map((r) => eventRow(r.event, r.articleId)));
    await io.insertRows(
      'event_sources',
      early.map((r, i) => sourceRow(ids[i]!, r)),
    );
    await io.insertRows(
      'story_events',
      early.map((r, i) => [r.story, ids[i]]),
    );
    // and every band key of every article, as a founder stores them
    await io.insertRows(
      'article_bands',
      stored.flatMap((s) => s.fp.bands.map((key) => [key, s.id])),
    );
    written = ids;
  }

  // Only what reads or changes what other batches share (stories, band keys, events, their counts)
  // waits for the lock. The writes above touch this batch's own new rows: a concurrent batch does
  // not see them before they commit, and one inserting the same content hash or canonical URL
  // waits on the unique index until this one ends. They were half of a batch's time in Postgres,
  // and writers now overlap on them instead of queueing.
  await io.lock();
  const stories = await clusterStories(io, newArticles, dedup, written !== null, before);
  const reports: EventReport[] = [];
  stored.forEach((s, n) => {
    const a = s.item.article;
    for (const event of a.events)
      reports.push({ articleId: s.id, story: stories[n]!, published: a.published ?? null, event });
  });
  const joined = await mergeEvents(io, reports, written);
  if (joined.length > 0)
    dedup.joins.share = (dedup.joins.share + joined.filter(Boolean).length / joined.length) / 2;

  let next = 0;
  stored.forEach((s, n) => {
    const count = s.item.article.events.length;
    const merged = joined.slice(next, next + count).filter(Boolean).length;
    next += count;
    out[s.index] = { status: 'stored', id: s.id, story: stories[n]!, events: count, merged };
  });
  for (const [i, { of, by }] of batch.repeats) {
    const first = out[of];
    const id = first?.status === 'stored' || first?.status === 'duplicate' ? first.id : undefined;
    if (id === undefined) throw new Error(`record ${i} repeats record ${of}, which has no id`);
    out[i] = { status: 'duplicate', id, by };
  }
  return out.map((o, i) => {
    if (o === undefined) throw new Error(`no outcome for record ${i}`);
    return o;
  });
}
