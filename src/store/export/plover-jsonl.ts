import type { StoredActor, StoredEvent } from '../store.js';
import { wellFormed } from './delimited.js';

/** An actor object of the PLOVER manual ("Information object for actors"), with demarche's extras. */
export interface PloverActor {
  readonly code: string;
  readonly actor_text: string;
  /** The actor's canonical name (the article's `actors` list), or null. */
  readonly identifier_text: string | null;
  /** Extras: the actor's kind and the span of `actor_text` in the clean text. */
  readonly kind: StoredActor['kind'] | null;
  readonly start: number;
  readonly end: number;
}

/**
 * One event under the field names of the PLOVER manual's JSON table (`id`, `date`, `event`,
 * `mode`, `context`, `source`, `recipient`, `event_text`, `quad_code`, `event_scale`, `text`,
 * `text_info`, `cite_info`, `coder`), plus demarche's extras (`cameo`, `goldstein`, …).
 */
export interface PloverRecord {
  readonly id: string;
  readonly date: string | null;
  readonly event: readonly string[];
  readonly mode: string | null;
  readonly context: readonly string[];
  readonly source: readonly PloverActor[];
  readonly recipient: readonly PloverActor[];
  readonly event_text: readonly string[];
  readonly quad_code: number;
  readonly event_scale: number;
  readonly text: string;
  readonly text_info: {
    readonly start: number;
    readonly end: number;
    readonly raw_start: number;
    readonly raw_end: number;
  };
  readonly cite_info: {
    readonly citation: string;
    readonly url: string | null;
    readonly title: string | null;
    readonly language: string;
    readonly published: string | null;
    readonly article_id: number;
    /** Store ids of every article reporting the event. */
    readonly sources: readonly number[];
    /** Their distinct URLs. */
    readonly urls: readonly string[];
    /** Reporting articles, outlets (URL hosts; an article without URL counts as its own) and independent stories. */
    readonly num_articles: number;
    readonly num_sources: number;
    readonly num_stories: number;
  };
  readonly coder: string;
  readonly cameo: string;
  readonly goldstein: number;
  readonly modality: string;
  readonly negated: boolean;
  readonly confidence: number;
  readonly rule: string;
  readonly trigger: { readonly text: string; readonly start: number; readonly end: number };
}

const actor = (arg: StoredEvent['event']['source'], resolved: StoredActor | null): PloverActor => ({
  code: wellFormed(arg.code),
  actor_text: wellFormed(arg.text),
  identifier_text: resolved === null ? null : wellFormed(resolved.name),
  kind: resolved?.kind ?? null,
  start: arg.span[0],
  end: arg.span[1],
});

const text = (s: string | null): string | null => (s === null ? null : wellFormed(s));

/**
 * A stored event as a PLOVER record, under the export id `id` (unique within the export).
 *
 * @example
 * JSON.stringify(toPloverRecord(row, row.event.id, 'demarche 0.1.0'));
 */
export function toPloverRecord(row: StoredEvent, id: string, coder: string): PloverRecord {
  const e = row.event;
  return {
    id: wellFormed(id),
    date: e.date,
    event: [e.type],
    mode: text(e.mode),
    context: e.contexts.map(wellFormed),
    source: [actor(e.source, row.sourceActor)],
    recipient: [actor(e.target, row.targetActor)],
    event_text: [wellFormed(e.trigger.text)],
    quad_code: e.quad,
    event_scale: e.goldstein,
    text: wellFormed(e.evidence.sentence),
    text_info: {
      start: e.evidence.span[0],
      end: e.evidence.span[1],
      raw_start: e.evidence.raw[0],
      raw_end: e.evidence.raw[1],
    },
    cite_info: {
      citation: wellFormed(row.docId),
      url: text(row.url),
      title: text(row.title),
      language: wellFormed(row.lang),
      published: text(row.published),
      article_id: row.articleId,
      sources: [...new Set(row.sources.map((s) => s.articleId))],
      urls: [...new Set(row.sources.flatMap((s) => (s.url === null ? [] : [wellFormed(s.url)])))],
      num_articles: row.articles,
      num_sources: row.outlets,
      num_stories: row.stories,
    },
    coder: wellFormed(coder),
    cameo: e.cameo,
    goldstein: e.goldstein,
    modality: e.modality,
    negated: e.negated,
    confidence: e.confidence,
    rule: wellFormed(e.rule),
    trigger: { text: wellFormed(e.trigger.text), start: e.trigger.span[0], end: e.trigger.span[1] },
  };
}

/** One line of PLOVER JSONL (the record and a LF). */
export function ploverJsonLine(row: StoredEvent, id: string, coder: string): string {
  return JSON.stringify(toPloverRecord(row, id, coder)) + '\n';
}
