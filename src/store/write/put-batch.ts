import { articleJson, type AnalysedArticle, type Event } from '../../core/index.js';
import {
  assignStories,
  storedCandidates,
  type NewArticle,
  type StoryAssignment,
  type StoryCandidate,
} from '../dedup/assign-stories.js';
import {
  dateWindow,
  planEventMerge,
  type EventReport,
  type MergePlan,
  type StoredMatch,
} from '../dedup/merge-events.js';
import { compactFrom, type Fingerprint, type Fingerprinter } from '../dedup/minhash.js';
import type { ShingleCache } from '../dedup/shingle-cache.js';
import { StoreError, type ArticleToStore, type PutOutcome } from '../store.js';
import { UNDATED_MONTH } from '../schema.js';
import {
  bandsAtLock,
  type BandMatch,
  type BandsBefore,
  type BatchIo,
  type EventHit,
  type EventLookup,
  type Row,
} from './batch-io.js';

/**
 * What a store keeps for story clustering and event merging between batches: its fingerprinter
 * (scratch buffers), the shingles of the articles it stored or checked lately, the share of
 * recent reports that joined an event already stored or earlier in their batch, and the share of
 * recent articles that joined a story (each batch's share weighs half, the batches before it the
 * other half).
 */
export interface Dedup {
  readonly fingerprinter: Fingerprinter;
  readonly cache: ShingleCache;
  readonly joins: { share: number; copies: number };
}

/**
 * Where other writers wait for the batch lock (`BatchIo.sharedLock`), a batch writes every report's
 * event, with its source row and story link, before taking it while at most this share of recent
 * reports joined another event: each report that joins costs inserts and a delete, each new one
 * takes its inserts out of the lock. Past it (copies arriving together, news retelling stored
 * events) the batch runs the event match before the lock and writes there only the events the
 * merge would then start (`writeEventsEarly`): one query more, outside the lock, for those inserts.
 */
export const EARLY_EVENTS_BELOW = 0.25;

/**
 * Likewise, a batch writes every band key of every article before the lock, as a founder stores
 * them, while at most this share of recent articles joined a story: under the lock it then deletes
 * a copy's keys that its story holds, instead of inserting every article's keys there. Each
 * founder takes its 32 inserts out of the lock; each copy adds as many deletes as its story's keys
 * it repeats. Independent of the events' share: news whose articles found their own stories may
 * still report the same events (in a store of 50,000 generated articles more than a quarter of the
 * reports joined, no article), and then the band inserts were a fifth of the lock's time.
 */
export const EARLY_BANDS_BELOW = 0.25;

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
  readonly fresh: readonly FreshRecord[];
}

/** A record of a prepared batch to insert: its index in the batch, and its text's fingerprint. */
export interface FreshRecord {
  readonly index: number;
  readonly item: ArticleToStore;
  readonly fp: Fingerprint;
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
  const fresh: FreshRecord[] = [];
  const byHash = new Map<string, number>();
  const byUrl = new Map<string, number>();
  for (let index = 0; index < batch.length; index++) {
    const item = batch[index]!;
    const a = item.article;
    const problem =
      a.published !== undefined && !ISO_PREFIX.test(a.published)
        ? `"published" of "${a.id}" is not an ISO date: "${a.published}"`
        : a.raw.trim() === ''
          ? `article "${a.id}" has no text`
          : null;
    if (problem !== null) {
      invalid.set(index, { status: 'invalid', problem: { code: 'INVALID_ARTICLE', message: problem } });
      continue;
    }
    const sameHash = byHash.get(item.contentHash);
    const sameUrl = item.canonicalUrl === null ? undefined : byUrl.get(item.canonicalUrl);
    if (sameHash !== undefined || sameUrl !== undefined) {
      repeats.set(
        index,
        sameHash !== undefined ? { of: sameHash, by: 'content-hash' } : { of: sameUrl!, by: 'canonical-url' },
      );
      continue;
    }
    byHash.set(item.contentHash, index);
    if (item.canonicalUrl !== null) byUrl.set(item.canonicalUrl, index);
    fresh.push({ index, item, fp: fingerprinter.fingerprint(a.text) });
  }
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
    fp.bands.length > 0 ? fp.bytes : null,
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

/** Adds the people and quotes rows of one stored article (its mentions are a column of its own row). */
function pushAnnotationRows(a: AnalysedArticle, id: number, people: Row[], quotes: Row[]): void {
  for (let idx = 0; idx < a.people.length; idx++) {
    const p = a.people[idx]!;
    people.push([id, idx, p.name, p.actor, p.role, toJson(p.mentions)]);
  }
  for (let idx = 0; idx < a.quotes.length; idx++) {
    const q = a.quotes[idx]!;
    quotes.push([
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
    ]);
  }
}

/** Band matches grouped by key, as story candidates. */
function bandIndex(matches: readonly BandMatch[]): Map<number, StoryCandidate[]> {
  const index = new Map<number, StoryCandidate[]>();
  const signatures = new Map<number, Uint8Array>();
  for (const m of matches) {
    if (m.minhash === null) continue;
    let signature = signatures.get(m.articleId);
    if (signature === undefined) {
      signature = compactFrom(m.minhash);
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

/** The stories of `stored` among the candidates of `matches` (the shingles read or cached). */
async function findStories(
  io: BatchIo,
  stored: readonly NewArticle[],
  dedup: Dedup,
  matches: readonly BandMatch[],
): Promise<StoryAssignment[]> {
  const index = bandIndex(matches);
  const shingles = await candidateShingles(io, index, storedCandidates(stored, index), dedup);
  return assignStories(stored, index, shingles);
}

/**
 * Stores new articles' story clusters and their new band keys; returns the stories in `stored`
 * order. `early`: every key of every article was written before the lock (as a founder's), so
 * the batch's own are left out of the matches and a copy's keys that its story holds are deleted.
 * `found`: the stories `findStories` gave among `before`'s holders, before the lock.
 */
async function clusterStories(
  io: BatchIo,
  stored: readonly NewArticle[],
  dedup: Dedup,
  early: boolean,
  before: BandsBefore | null,
  found: readonly StoryAssignment[] | null,
): Promise<number[]> {
  const keys = bandKeys(stored);
  // what was read before the lock, and what the batches that committed since stored; all of it
  // read here when the log no longer reaches back to that read
  const since = before === null || keys.length === 0 ? null : await io.bandMatchesSince(keys, before.seen);
  const ids: number[] = [];
  if (early) for (const a of stored) ids.push(a.id);
  const assigned =
    found !== null && since !== null && since.length === 0
      ? found // nothing stored meanwhile: the stories found before the lock
      : await findStories(
          io,
          stored,
          dedup,
          before !== null && since !== null
            ? bandsAtLock(before, since)
            : keys.length > 0
              ? await io.bandMatches(keys, ids)
              : [],
        );
  // the next copies of these stories are likely to be checked against them
  for (const a of stored) if (a.fingerprint.bands.length > 0) dedup.cache.put(a.id, a.fingerprint);
  const stories: number[] = [];
  // the copies (articles that joined a story) and their stories; every article's kept band keys;
  // with `early`, each copy's keys that its story holds
  const copyIds: number[] = [];
  const copyStories: number[] = [];
  const kept: (readonly [number, number])[] = [];
  const dropped: (readonly [number, number])[] = [];
  for (let n = 0; n < stored.length; n++) {
    const a = stored[n]!;
    const { story, bands } = assigned[n]!;
    stories.push(story);
    for (const key of bands) kept.push([key, a.id]);
    if (story === a.id) continue;
    copyIds.push(a.id);
    copyStories.push(story);
    if (!early) continue;
    const keep = new Set(bands);
    for (const key of a.fingerprint.bands) if (!keep.has(key)) dropped.push([key, a.id]);
  }
  await io.setStories(copyIds, copyStories);
  if (io.sharedLock) await io.logBands(kept);
  if (early) await io.deleteBands(dropped);
  else await io.insertRows('article_bands', kept);
  return stories;
}

/** The distinct band keys of a batch's articles. */
function bandKeys(articles: readonly NewArticle[]): number[] {
  const keys = new Set<number>();
  for (const a of articles) for (const key of a.fingerprint.bands) keys.add(key);
  return [...keys];
}

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
class CountChanges {
  readonly #byKey = new Map<string, unknown[]>();

  add(e: Counted, sign: 1 | -1): void {
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
    let row = this.#byKey.get(id);
    if (row === undefined) {
      row = [...key, 0, 0];
      this.#byKey.set(id, row);
    }
    row[7] = (row[7] as number) + sign;
    row[8] = (row[8] as number) + sign * e.goldstein;
  }

  /** The rows whose count or Goldstein sum changed, in the order their keys were first added. */
  rows(): Row[] {
    const rows: Row[] = [];
    for (const r of this.#byKey.values()) if (r[7] !== 0 || r[8] !== 0) rows.push(r);
    return rows;
  }
}

/** The event of the report that represents the plan's `i`th event. */
function representativeOf(reports: readonly EventReport[], plan: MergePlan, i: number): Event {
  return reports[plan.events[i]!.representative!]!.event;
}

/**
 * The stored events the reports may join, and how they join them or start new ones
 * (`planEventMerge`). `early`: the batch wrote events of its own before the lock, which are not
 * to be matched.
 */
async function planMerge(
  io: BatchIo,
  reports: readonly EventReport[],
  early: boolean,
): Promise<{ hits: EventHit[]; plan: MergePlan }> {
  // Loops rather than callbacks: a callback made per batch is compiled again every batch or two
  // (docs/scaling.md: "Full collections also cost compilation").
  // stories founded by this batch's articles (a story's id is its first article's) have no stored events
  const founded = new Set<number>();
  for (const r of reports) founded.add(r.articleId);
  const lookups: EventLookup[] = [];
  for (let report = 0; report < reports.length; report++) {
    const r = reports[report]!;
    const e = r.event;
    const window = dateWindow(e.date);
    lookups.push({
      report,
      source: e.source.code,
      target: e.target.code,
      type: e.type,
      modality: e.modality,
      negated: e.negated ? 1 : 0,
      from: window?.[0] ?? null,
      to: window?.[1] ?? null,
      story: founded.has(r.story) ? null : r.story,
    });
  }
  // the events written early are the batch's articles' (those with events are `founded`)
  const hits = await io.matchEvents(lookups, early ? [...founded] : []);
  const found: StoredMatch[] = [];
  for (const h of hits)
    found.push({
      report: h.report,
      sameStory: h.sameStory,
      event: { id: h.id, uid: h.uid, mode: h.mode, date: h.date, published: h.published },
    });
  return { hits, plan: planEventMerge(reports, found) };
}

/**
 * What a batch wrote before the lock (`BatchIo.sharedLock`), per report in batch order: the event
 * row written for it as a new event (`event`; -1 for none), and the source row written for it
 * (`source`, the id of the event it names, or -1; `story`, the story it names). A report written as
 * a new event has its source row in that event and its article's own story, and its story link;
 * the source row of a report guessed to join an event (stored, or new in the batch) names the
 * event and the story the guess found. `links`: the story links written for those joining
 * reports (`[story, event]` by `story:event`), those in stories that articles of the batch found.
 */
interface WrittenEarly {
  readonly event: readonly number[];
  readonly source: readonly number[];
  readonly story: readonly number[];
  readonly links: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * Merges the new articles' events into stored ones or new ones, and writes every report. `written`:
 * what the batch wrote before the lock, or null when it wrote nothing.
 */
async function mergeEvents(
  io: BatchIo,
  reports: readonly EventReport[],
  written: WrittenEarly | null,
): Promise<boolean[]> {
  const { hits, plan } = await planMerge(io, reports, written !== null);
  // the plan's events that are new, and those stored whose representative is now a new report
  const created: number[] = [];
  const changed: number[] = [];
  const idOf: number[] = [];
  for (let i = 0; i < plan.events.length; i++) {
    const p = plan.events[i]!;
    idOf.push(p.storedId ?? -1);
    if (p.storedId === null) created.push(i);
    else if (p.representative !== null) changed.push(i);
  }
  // a new event is the row written before the lock for its representative report, if one was;
  // else it goes in now (all of them where none was written)
  const newIds: number[] = [];
  const late: number[] = [];
  const rows: Row[] = [];
  for (const i of created) {
    const representative = plan.events[i]!.representative!;
    const early = written === null ? -1 : written.event[representative]!;
    if (early < 0) {
      late.push(newIds.length);
      const r = reports[representative]!;
      rows.push(eventRow(r.event, r.articleId));
    }
    newIds.push(early);
  }
  if (rows.length > 0) {
    const ids = await io.insertEvents(rows);
    for (let n = 0; n < late.length; n++) newIds[late[n]!] = ids[n]!;
  }
  // the other events written early joined an event (their source rows and links go with them)
  const deleted = new Set<number>();
  if (written !== null) {
    const kept = new Set(newIds);
    for (const id of written.event) if (id >= 0 && !kept.has(id)) deleted.add(id);
    await io.deleteEvents([...deleted]);
  }
  for (let n = 0; n < created.length; n++) idOf[created[n]!] = newIds[n]!;
  const changedIds: number[] = [];
  const changedRows: Row[] = [];
  for (const i of changed) {
    const r = reports[plan.events[i]!.representative!]!;
    changedIds.push(idOf[i]!);
    changedRows.push(eventRow(r.event, r.articleId));
  }
  await io.updateEvents(changedIds, changedRows);
  // Counted per month: a new event adds its key; a new representative moves its event from the
  // stored representative's key (date, quad, Goldstein may differ) to its own.
  const stored = new Map<number, EventHit>();
  for (const h of hits) stored.set(h.id, h);
  const counts = new CountChanges();
  for (const i of created) counts.add(counted(representativeOf(reports, plan, i)), 1);
  for (const i of changed) {
    const was = stored.get(idOf[i]!)!;
    const key = reports[was.report]!.event;
    counts.add({ ...counted(key), date: was.date, quad: was.quad, goldstein: was.goldstein }, -1);
    counts.add(counted(representativeOf(reports, plan, i)), 1);
  }
  await io.addCounts(counts.rows());
  // Each report's source row and story link. Rows written before the lock stand where the report's
  // event is the one written for it and its article founded its story; a deleted event took its
  // rows with it (the keys cascade); a copy's new event moves its rows to the copy's story. A
  // joining report's source row written early stands where the guess named its event and story;
  // else it is deleted (batches committed between the guess and the lock changed the merge) and
  // written again, and a link written early that no report keeps is deleted. A link to a stored
  // story is written only here: another batch may link the same pair under its lock, and a link
  // written before the lock would make that batch wait for this one while this one waits for it.
  const moves: (readonly [number, number, number])[] = [];
  const stale: (readonly [number, number])[] = [];
  const sources: Row[] = [];
  const pairs = new Map<string, Row>();
  const finalPairs = new Set<string>();
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i]!;
    const eventId = idOf[plan.eventOf[i]!]!;
    const pair = `${r.story}:${eventId}`;
    finalPairs.add(pair);
    const was = written === null ? -1 : written.source[i]!;
    if (was >= 0 && was === eventId && written!.event[i] === eventId) {
      // its own new event, kept: its rows stand, moved to its story if its article is a copy
      if (r.story !== r.articleId) moves.push([eventId, r.articleId, r.story]);
      continue;
    }
    if (was < 0 || was !== eventId || written!.story[i] !== r.story) {
      // none written early, or a wrong guess: the row went with its deleted event, else it goes now
      if (was >= 0 && !deleted.has(was)) stale.push([was, r.articleId]);
      sources.push(sourceRow(eventId, r));
    }
    if (!pairs.has(pair) && !(written?.links.has(pair) ?? false)) pairs.set(pair, [r.story, eventId]);
  }
  const staleLinks: (readonly [number, number])[] = [];
  if (written !== null)
    for (const [pair, link] of written.links)
      if (!finalPairs.has(pair) && !deleted.has(link[1])) staleLinks.push(link);
  await io.moveReports(moves);
  await io.deleteReports(stale, staleLinks);
  await io.insertRows('event_sources', sources);
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
  // Loops rather than callbacks, as in `mergeEvents`.
  const out = new Array<PutOutcome | undefined>(batch.size);
  for (const [i, o] of batch.invalid) out[i] = o;
  const now = new Date().toISOString();
  const articleRows: Row[] = [];
  for (const f of batch.fresh) articleRows.push(articleRow(f.item, f.fp, now));
  const ids = await io.insertArticles(articleRows);

  // the new articles, and those whose hash or URL was stored already
  const stored: (FreshRecord & { readonly id: number })[] = [];
  const conflicts: FreshRecord[] = [];
  for (let n = 0; n < batch.fresh.length; n++) {
    const f = batch.fresh[n]!;
    const id = ids[n];
    if (id === null || id === undefined) conflicts.push(f);
    else stored.push({ ...f, id });
  }
  if (conflicts.length > 0) await markDuplicates(io, conflicts, out);

  const people: Row[] = [];
  const quotes: Row[] = [];
  for (const s of stored) pushAnnotationRows(s.item.article, s.id, people, quotes);
  await io.insertRows('people', people);
  await io.insertRows('quotes', quotes);
  // where other writers wait for the lock, the band keys' holders are read now (before the batch
  // writes its own keys), and under the lock only those stored since by other batches
  const newArticles: NewArticle[] = [];
  for (const s of stored) newArticles.push({ id: s.id, fingerprint: s.fp });
  const keys = bandKeys(newArticles);
  const before = io.sharedLock && keys.length > 0 ? await io.bandMatchesBefore(keys) : null;
  // and the stories among them: what grows with the archive (reading and shingling again the texts
  // of candidates the cache has forgotten, the signature estimates, the exact checks) need not hold
  // the lock. Stored articles never change story and texts never change, so at the lock these are
  // the stories unless batches committed meanwhile stored holders of the keys (then they are found
  // again, the shingles read here cached)
  const found = before === null ? null : await findStories(io, newArticles, dedup, bandsAtLock(before, []));
  // where other writers wait for the lock, reports' events go in now as new events, with their
  // source rows and story links: every report's while most recent reports started an event, else
  // those the merge would now start, and the source rows (and links to this batch's stories) of
  // the reports it would have join one (below); the merge under the lock keeps what it confirms
  // and deletes the rest
  const written = io.sharedLock
    ? await writeEventsEarly(io, stored, found, dedup.joins.share <= EARLY_EVENTS_BELOW)
    : null;
  // and, while most recent articles founded their own story, every band key of every article
  const bandsEarly = io.sharedLock && dedup.joins.copies <= EARLY_BANDS_BELOW;
  if (bandsEarly) {
    const bands: Row[] = [];
    for (const s of stored) for (const key of s.fp.bands) bands.push([key, s.id]);
    await io.insertRows('article_bands', bands);
  }

  // Only what reads or changes what other batches share (stories, band keys, events, their counts)
  // waits for the lock. The writes above touch this batch's own new rows: a concurrent batch does
  // not see them before they commit, and one inserting the same content hash or canonical URL
  // waits on the unique index until this one ends. They were half of a batch's time in Postgres,
  // and writers now overlap on them instead of queueing.
  await io.lock();
  const stories = await clusterStories(io, newArticles, dedup, bandsEarly, before, found);
  const reports: EventReport[] = [];
  let copies = 0;
  for (let n = 0; n < stored.length; n++) {
    const s = stored[n]!;
    const a = s.item.article;
    if (stories[n] !== s.id) copies++;
    for (const event of a.events)
      reports.push({ articleId: s.id, story: stories[n]!, published: a.published ?? null, event });
  }
  if (stored.length > 0) dedup.joins.copies = (dedup.joins.copies + copies / stored.length) / 2;
  const joined = await mergeEvents(io, reports, written);
  let joinedCount = 0;
  for (const j of joined) if (j) joinedCount++;
  if (joined.length > 0) dedup.joins.share = (dedup.joins.share + joinedCount / joined.length) / 2;

  let next = 0;
  for (let n = 0; n < stored.length; n++) {
    const s = stored[n]!;
    const count = s.item.article.events.length;
    let merged = 0;
    for (const end = next + count; next < end; next++) if (joined[next]) merged++;
    out[s.index] = { status: 'stored', id: s.id, story: stories[n]!, events: count, merged };
  }
  for (const [i, { of, by }] of batch.repeats) {
    const first = out[of];
    const id = first?.status === 'stored' || first?.status === 'duplicate' ? first.id : undefined;
    if (id === undefined) throw new Error(`record ${i} repeats record ${of}, which has no id`);
    out[i] = { status: 'duplicate', id, by };
  }
  const outcomes: PutOutcome[] = [];
  for (let i = 0; i < out.length; i++) {
    const o = out[i];
    if (o === undefined) throw new Error(`no outcome for record ${i}`);
    outcomes.push(o);
  }
  return outcomes;
}

/**
 * Writes reports' events before the batch lock (`BatchIo.sharedLock`), each as a new event with its
 * source row and story link as its article would have them were it to found its story (most do):
 * with `all`, every report's; else only those of the reports that would start an event if the
 * merge ran now, on the stories `found` before the lock (one more event match, outside the lock),
 * and the source rows of the reports that would join one (the event stored, or written here for
 * another report of the batch), in the story found, with their story links where an article of
 * the batch founds that story. What it wrote, per report in batch order.
 */
async function writeEventsEarly(
  io: BatchIo,
  stored: readonly (FreshRecord & { readonly id: number })[],
  found: readonly StoryAssignment[] | null,
  all: boolean,
): Promise<WrittenEarly> {
  // each report as written early (in its article's own story), and as the merge would see it now
  const early: EventReport[] = [];
  const guessed: EventReport[] = [];
  for (let n = 0; n < stored.length; n++) {
    const s = stored[n]!;
    const a = s.item.article;
    const published = a.published ?? null;
    const story = found?.[n]?.story ?? s.id;
    for (const event of a.events) {
      early.push({ articleId: s.id, story: s.id, published, event });
      if (!all) guessed.push({ articleId: s.id, story, published, event });
    }
  }
  let plan: MergePlan | null = null;
  let chosen: boolean[] | null = null;
  if (!all) {
    plan = (await planMerge(io, guessed, false)).plan;
    chosen = new Array<boolean>(early.length).fill(false);
    for (const p of plan.events) if (p.storedId === null) chosen[p.representative!] = true;
  }
  const reports: number[] = [];
  const eventRows: Row[] = [];
  for (let i = 0; i < early.length; i++) {
    if (chosen !== null && !chosen[i]) continue;
    reports.push(i);
    eventRows.push(eventRow(early[i]!.event, early[i]!.articleId));
  }
  const event = new Array<number>(early.length).fill(-1);
  const source = new Array<number>(early.length).fill(-1);
  const story = new Array<number>(early.length).fill(-1);
  const ids = eventRows.length > 0 ? await io.insertEvents(eventRows) : [];
  const sources: Row[] = [];
  const links: Row[] = [];
  const linked = new Set<string>();
  for (let k = 0; k < reports.length; k++) {
    const i = reports[k]!;
    const r = early[i]!;
    event[i] = source[i] = ids[k]!;
    story[i] = r.articleId;
    sources.push(sourceRow(ids[k]!, r));
    links.push([r.story, ids[k]]);
    // (keyed only where joining reports' links follow, which may repeat one)
    if (plan !== null) linked.add(`${r.story}:${ids[k]}`);
  }
  // a joining report's link only to a story an article of this batch founds: no other batch can
  // see that story before this one commits, so none can link to it meanwhile
  const joining = new Map<string, readonly [number, number]>();
  if (plan !== null) {
    const founded = new Set<number>();
    for (const s of stored) founded.add(s.id);
    for (let i = 0; i < guessed.length; i++) {
      if (chosen![i]) continue;
      const p = plan.events[plan.eventOf[i]!]!;
      const id = p.storedId ?? event[p.representative!]!;
      const r = guessed[i]!;
      source[i] = id;
      story[i] = r.story;
      sources.push(sourceRow(id, r));
      if (!founded.has(r.story)) continue;
      const pair = `${r.story}:${id}`;
      if (joining.has(pair)) continue;
      joining.set(pair, [r.story, id]);
      if (!linked.has(pair)) links.push([r.story, id]);
    }
  }
  await io.insertRows('event_sources', sources);
  await io.insertRows('story_events', links);
  return { event, source, story, links: joining };
}

/**
 * The outcomes of records whose content hash or canonical URL was stored already: duplicates of
 * those. (Rare, so written plainly: the rest of the write path avoids per-batch callbacks.)
 */
async function markDuplicates(
  io: BatchIo,
  conflicts: readonly FreshRecord[],
  out: (PutOutcome | undefined)[],
): Promise<void> {
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
