/**
 * The article data model: flat arrays linked by index, spans into the cleaned text.
 * Spans are half-open `[start, end)` in UTF-16 code units of `Article.text`
 * (`text.slice(start, end)` is the surface form). `OffsetMap` maps them back to `raw`.
 */
import type { OffsetMap } from './offset-map.js';
import type { Span } from './span.js';

export type { Span };

/** What the clean stage did to the raw input, with the raw span it touched. */
export type EditKind =
  | 'normalise-whitespace'
  | 'normalise-quote'
  | 'normalise-character'
  | 'drop-boilerplate'
  | 'drop-duplicate-paragraph'
  | 'extract-credit'
  | 'split-glued-word'
  | 'fix-doubled-letter'
  | 'insert-space'
  | 'insert-sentence-break';

export interface Edit {
  readonly kind: EditKind;
  /** Span in the raw input that was replaced. */
  readonly raw: Span;
  readonly before: string;
  readonly after: string;
  /** Set when the repair is a guess a reader should check. */
  readonly confidence?: 'low';
}

export interface Paragraph {
  readonly span: Span;
  /** First and one-past-last sentence index. */
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
}

export interface Sentence {
  readonly span: Span;
  readonly paragraph: number;
  /** First and one-past-last token index. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
}

/**
 * One word or mark of the clean text. Its offsets are two fields rather than a `Span` like every
 * other layer's: an article has about 700 tokens, each kept until the article is done, and a pair
 * array per token was 30% of what the segment stage's own code allocated (147 of the 666 MB the
 * stage, wink included, allocated per pass of the benchmark corpus; 622 MB without it).
 */
export interface Token {
  /** Offset of the first character in `Article.text`. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  /** Surface text as in `Article.text`. */
  readonly text: string;
  /** Lower-cased surface text. */
  readonly lower: string;
  readonly lemma: string;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, VERB, AUX, ADP, PUNCT, …). */
  readonly pos: string;
  readonly sentence: number;
}

export type MentionKind =
  | 'country' // "Japan", "the United States"
  | 'demonym' // "Japanese", "Russian"
  | 'capital' // "Tokyo", "Moscow" (metonym for the state)
  | 'institution' // "the Kremlin", "the White House" (metonym for the state)
  | 'organisation' // "the UN", "NATO"
  | 'group' // non-state actors, NSA:<Name>
  | 'person' // a named person
  | 'description'; // "the spokesman", "the UN chief", "he" resolved to a person or actor

export interface Mention {
  readonly span: Span;
  readonly text: string;
  readonly kind: MentionKind;
  /** Actor code the mention stands for (ISO alpha-3, organisation code, NSA:<Name>), or null. */
  readonly actor: string | null;
  /** Index into `Article.people` for person mentions, else null. */
  readonly person: number | null;
  readonly sentence: number;
  /**
   * PLOVER sector of the mention when the words give one ("Mali's army" → MIL, a minister → GOV,
   * a rebel group → REB); absent otherwise.
   */
  readonly sector?: string;
}

export interface Person {
  /** Full name as first given in the article. */
  readonly name: string;
  /** Actor the person acts for, when the text says so. */
  readonly actor: string | null;
  readonly role: string | null;
  readonly mentions: Span[];
}

export type ActorKind = 'country' | 'organisation' | 'group';

export interface ActorRef {
  readonly code: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly mentions: Span[];
}

export interface Speaker {
  readonly name: string;
  readonly actor: string | null;
  readonly span: Span | null;
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed';

export interface Quote {
  readonly text: string;
  /** Span of the quoted content (inside the marks for direct quotes). */
  readonly span: Span;
  readonly kind: QuoteKind;
  readonly cue: string | null;
  readonly speaker: Speaker | null;
}

export const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export type Modality = 'asserted' | 'future' | 'hypothetical' | 'historical';

export interface EventArgument {
  readonly code: string;
  readonly text: string;
  readonly span: Span;
}

export interface Event {
  readonly id: string;
  readonly type: PloverType;
  readonly mode: string | null;
  readonly source: EventArgument;
  readonly target: EventArgument;
  readonly negated: boolean;
  readonly modality: Modality;
  /** ISO date (YYYY-MM-DD) of the event, or null when unknown. */
  readonly date: string | null;
  readonly cameo: string;
  readonly goldstein: number;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  readonly quad: 1 | 2 | 3 | 4;
  readonly contexts: string[];
  readonly trigger: { readonly text: string; readonly span: Span };
  readonly evidence: { readonly sentence: string; readonly span: Span; readonly raw: Span };
  /** Index into `Article.quotes` when the event was coded from a quotation. */
  readonly quote: number | null;
  readonly confidence: number;
  readonly rule: string;
  /** Evidence sentence spans of further reports of the same fact in the article (merged into this event). */
  readonly mentions?: readonly Span[];
}

export type Severity = 'info' | 'warning' | 'error';

export interface Diagnostic {
  readonly stage: string;
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly span?: Span;
}

/** The input of the pipeline, as produced by ingest readers. */
export interface RawDocument {
  readonly id: string;
  readonly raw: string;
  readonly mediaType: 'text/plain' | 'text/html';
  readonly title?: string;
  readonly url?: string;
  /** ISO date or date-time of publication. */
  readonly published?: string;
  /** Credits found outside the text (photo and story credits of an HTML page), merged by the clean stage. */
  readonly credits?: readonly string[];
}

export interface Article {
  readonly id: string;
  readonly title?: string;
  readonly url?: string;
  readonly published?: string;
  readonly lang: string;
  readonly raw: string;
  // clean
  readonly text: string;
  readonly offsets: OffsetMap;
  readonly edits: Edit[];
  /** Wire agencies and credit lines found in the text ("EFE"), kept as metadata. */
  readonly credits: string[];
  // segment
  readonly paragraphs: Paragraph[];
  readonly sentences: Sentence[];
  readonly tokens: Token[];
  // actors
  readonly mentions: Mention[];
  readonly people: Person[];
  readonly actors: ActorRef[];
  // quotes
  readonly quotes: Quote[];
  // events
  readonly events: Event[];
  readonly diagnostics: Diagnostic[];
}

/**
 * What outlives the analysis of an article: everything but the offset map and the token layers,
 * which only the process that made them needs. It is plain data, so it crosses worker threads
 * (structured clone) and maps onto the store's rows.
 */
export type AnalysedArticle = Omit<Article, 'offsets' | 'paragraphs' | 'sentences' | 'tokens'>;

/** Annotation layers a stage can require or provide. */
export type Layer =
  'text' | 'paragraphs' | 'sentences' | 'tokens' | 'mentions' | 'people' | 'actors' | 'quotes' | 'events';
