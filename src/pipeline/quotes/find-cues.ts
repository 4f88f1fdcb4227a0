import type { Article } from '../../core/index.js';
import type { QuoteLayout } from './build-units.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';
import { CUE_WORD, QUOTE_VERB, REPORTING_VERB, TOPIC_VERB, VIEW_ADJECTIVE } from './word-flags.js';
import { sortSmall } from '../sort-small.js';

/** A reporting cue outside the quotes: a verb ("said"), "according to X" or "quoted X as saying". */
export interface Cue {
  readonly kind: 'verb' | 'according' | 'quoted-as';
  /** First token of the cue ("quoted" for quoted-as). */
  readonly token: number;
  /** One past the last token of the cue. */
  readonly end: number;
  /** The verb token for kind verb; the token after "to" for according; "as" for quoted-as. */
  readonly head: number;
  readonly text: string;
  /** "-ing" forms take the subject of the clause they hang on ("…, adding that"). */
  readonly participle: boolean;
  /** A predicative adjective after a form of "be" ("was sure that …", "is critical of …"). */
  readonly adjective: boolean;
  readonly unit: number;
}

/** Punctuation that ends or splits a clause. */
const CLAUSE_MARK = /^[.,;:!?()[\]—–―…]+$/;
/** A possessive "'s" the tagger may read as punctuation. */
const POSSESSIVE_MARK = /^['’]s?$/;
/** Longest subject between a quotation and a verb that is a cue only beside one ("“…,” the former senator continued"), in tokens. */
const SUBJECT_WORDS = 4;
/** Verb forms taken as cues whatever the tagger says about them. */
const ALWAYS = new Set(['said', 'says', 'told', 'added']);
/** Verbs that, like "be", link a subject to an adjective of view ("remained confident that …"). */
const REMAIN = new Set(['remain', 'remains', 'remained', 'remaining', 'become', 'became', 'becomes']);
/** Subjects that hold no view of their own ("it is certain that …", "there is sure to be …"). */
const NO_HOLDER = new Set(['it', 'there', 'this', 'what']);
/** Prepositions opening the object of an adjective of view ("critical of", "worried about", "upset over"). */
const ABOUT = new Set(['about', 'of', 'over']);
/** Words opening a clause of cause or time after a cue's object ("… because they felt …"). */
const CAUSE = new Set([
  'because',
  'while',
  'although',
  'though',
  'since',
  'after',
  'before',
  'until',
  'unless',
]);
/** Modals that make a cue hypothetical or not yet done ("can brag", "will announce"). */
const MODALS = new Set([
  'can',
  'could',
  'might',
  'may',
  'should',
  'must',
  'will',
  'would',
  "'ll",
  '’ll',
  "can't",
  'can’t',
  'cannot',
  "couldn't",
  'couldn’t',
  "won't",
  'won’t',
  "wouldn't",
  'wouldn’t',
]);
/** Words opening an embedded question ("went on to explain how …"). */
const WH_WORDS = new Set(['whether', 'how', 'why', 'what', 'who']);
/** Verbs whose subject is that of the infinitive after them ("went on to say", "took to Twitter to accuse"). */
const RAISING = new Set(['went', 'go', 'goes', 'going', 'took', 'take', 'takes']);
/** Forms of "have" that make a past participle a perfect verb ("has warned"). */
const HAVE = new Set(['has', 'have', 'had', "'ve", '’ve']);
/** Forms of "be" that make an -ing form progressive ("is saying"). */
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'am', "'s", '’s', "'re", '’re']);

function byToken(a: Cue, b: Cue): number {
  return a.token - b.token;
}

/** A one-word cue (a reporting verb, or a predicative adjective) at token `i` of unit `unit`. */
function wordCue(i: number, text: string, unit: number, participle: boolean, adjective: boolean): Cue {
  return { kind: 'verb', token: i, end: i + 1, head: i, text, participle, adjective, unit };
}

/**
 * Finds reporting cues in the text outside quotation marks, grouped by attribution unit.
 *
 * @example
 * const cues = findCues(article, layout, lexicon);
 * cues[0]; // [{ kind: 'verb', text: 'said', token: 7, … }]
 */
export function findCues(article: Article, layout: QuoteLayout, lexicon: QuotesLexicon): Cue[][] {
  return new CueFinder(article, layout, lexicon).find();
}

/** One article's search for cues (its steps are methods, not closures made per article: see SpeakerReading). */
class CueFinder {
  readonly tokens: Article['tokens'];

  constructor(
    readonly article: Article,
    readonly layout: QuoteLayout,
    readonly lexicon: QuotesLexicon,
  ) {
    this.tokens = article.tokens;
  }

  find(): Cue[][] {
    const { tokens, layout, article } = this;
    const byUnit: Cue[][] = layout.units.map(() => []);
    for (let u = 0; u < layout.units.length; u++) {
      const [start, end] = layout.units[u]!;
      let quoted = -1;
      for (let i = start; i < end; i++) {
        // (a cue word or "quoted")
        if (layout.quoteOf[i] !== -1 || (layout.wordFlags[i]! & CUE_WORD) === 0) continue;
        const t = tokens[i]!;
        const lower = t.lower;
        if (lower === 'quoted' && quoted === -1) {
          quoted = i;
          continue;
        }
        const phrase = this.matchAccording(i, end);
        if (phrase > 0) {
          byUnit[u]!.push({
            kind: 'according',
            token: i,
            end: i + phrase,
            head: i + phrase,
            text: tokens
              .slice(i, i + phrase)
              .map((x) => x.lower)
              .join(' '),
            participle: false,
            adjective: false,
            unit: u,
          });
          i += phrase - 1;
          continue;
        }
        if (this.predicative(i, end)) {
          byUnit[u]!.push(wordCue(i, lower, u, false, true));
          continue;
        }
        if ((layout.wordFlags[i]! & REPORTING_VERB) === 0 && this.topicAt(i) === -1 && !this.besideQuote(i))
          continue;
        if (this.passive(i)) continue; // "was told", "is expected to", "were worried": no speaker in the clause
        // "so-called", "well-known": part of a compound word
        if (article.text[t.start - 1] === '-' || article.text[t.end] === '-') continue;
        // "a declining role", "the growing concern": an -ing form after a determiner or adjective modifies a noun
        if (lower.endsWith('ing') && /^(DET|ADJ)$/.test(tokens[i - 1]?.pos ?? '')) continue;
        // "the mayor's warning of …", "his warning": an -ing form after a possessive is a noun
        if (lower.endsWith('ing') && this.possessed(i)) continue;
        if (this.hypothetical(i)) continue; // "things he can brag about", "might suggest": nothing was said
        const before = tokens[i - 1];
        // "invited to observe the vote": an infinitive is a cue only when reported words follow ("went on to say that …")
        if (
          before?.lower === 'to' &&
          !/^(that|:|,)$/.test(tokens[i + 1]?.lower ?? '') &&
          layout.quoteOf[i + 1] === -1 &&
          !(WH_WORDS.has(tokens[i + 1]?.lower ?? '') || this.raised(i - 1))
        )
          continue;
        if (
          !ALWAYS.has(lower) &&
          t.pos !== 'VERB' &&
          !this.endsClause(i) &&
          !this.afterAuxiliary(i) &&
          !this.agrees(i)
        )
          continue;
        // "Asked about the vote, she said …": a participle opening the sentence is no cue of its own
        const opening =
          i === layout.firstWord[u] && (layout.firstQuote[u] === -1 || layout.firstQuote[u]! > i);
        if (opening && /ed$/.test(lower) && !ALWAYS.has(lower)) continue;
        const prev = tokens[i - 1];
        if (quoted !== -1 && prev?.lower === 'as' && lower.endsWith('ing') && i - quoted < 20) {
          byUnit[u]!.push({
            kind: 'quoted-as',
            token: quoted,
            end: i + 1,
            head: i - 1,
            text: `quoted as ${lower}`,
            participle: false,
            adjective: false,
            unit: u,
          });
          quoted = -1;
          continue;
        }
        byUnit[u]!.push(wordCue(i, lower, u, lower.endsWith('ing') && !this.progressive(i), false));
      }
    }
    for (const cues of byUnit) if (cues.length > 1) sortSmall(cues, byToken);
    return byUnit;
  }

  /**
   * "she was sure (that) the bill would pass", "is determined to win", "were critical of the plan": an adjective of
   * view after a form of "be" whose subject is someone ("it is certain that …" holds no one's view), with its
   * content right after it. Without content ("he was sure.", "a critical vote") it is no cue.
   */
  predicative(i: number, unitEnd: number): boolean {
    const { tokens, layout, lexicon } = this;
    // (most cue words are verbs: no adjective set to look them up in)
    if ((layout.wordFlags[i]! & VIEW_ADJECTIVE) === 0) return false;
    const t = tokens[i]!;
    const clause = lexicon.clauseAdjectives.has(t.lower);
    const infinitive = lexicon.infinitiveAdjectives.has(t.lower);
    const topic = lexicon.topicAdjectives.has(t.lower);
    if ((!clause && !infinitive && !topic) || !/^(ADJ|VERB)$/.test(t.pos)) return false;
    let k = i - 1;
    while (k >= 0 && i - k <= 4 && layout.quoteOf[k] === -1 && /^(ADV|PART)$/.test(tokens[k]!.pos)) k--;
    const be = tokens[k];
    if (be === undefined || layout.quoteOf[k] !== -1 || !(BE.has(be.lower) || REMAIN.has(be.lower)))
      return false;
    // "if he can be convinced that …", "may be reluctant to …": a view no one holds yet
    if (this.hypothetical(k)) return false;
    let s = k - 1;
    while (s >= 0 && /^(AUX|ADV|PART)$/.test(tokens[s]!.pos) && layout.quoteOf[s] === -1) s--;
    const subject = tokens[s];
    if (subject === undefined || NO_HOLDER.has(subject.lower) || layout.quoteOf[s] !== -1) return false;
    const next = tokens[i + 1];
    if (next === undefined || i + 2 >= unitEnd || layout.quoteOf[i + 1] !== -1) return false;
    if (clause && (next.lower === 'that' || next.lower === 'whether')) return true;
    if (infinitive && next.lower === 'to') return /^(VERB|AUX)$/.test(tokens[i + 2]!.pos);
    if (topic && ABOUT.has(next.lower)) return true;
    if (!clause || !/^(PRON|PROPN|DET|NOUN|NUM)$/.test(next.pos)) return false;
    // "she was sure Trump would win": a bare clause needs its own finite verb before any punctuation
    for (let j = i + 2; j < unitEnd && j - i <= 8; j++) {
      const w = tokens[j]!;
      if (layout.quoteOf[j] !== -1 || w.pos === 'PUNCT' || w.pos === 'ADP' || w.pos === 'SCONJ') return false;
      if (w.pos === 'AUX' || (w.pos === 'VERB' && !w.lower.endsWith('ing'))) return true;
    }
    return false;
  }

  /** Token `i` follows a possessive "'s" (not "’s" for "is") or a possessive determiner ("his", "their"). */
  possessed(i: number): boolean {
    const { tokens, layout, lexicon } = this;
    const prev = tokens[i - 1];
    if (prev === undefined || layout.quoteOf[i - 1] !== -1) return false;
    if (lexicon.possessives.has(prev.lower)) return true;
    return POSSESSIVE_MARK.test(prev.text) && prev.pos !== 'AUX' && prev.pos !== 'VERB';
  }

  /** "The White House is saying that …": an -ing form after a form of "be" is the finite verb, not a participle. */
  progressive(i: number): boolean {
    const { tokens } = this;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (BE.has(t.lower)) return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /** "“…,” she continued", "he continued: “…”": a verb that is a cue only right beside a quotation. */
  besideQuote(i: number): boolean {
    const { tokens, layout } = this;
    if ((layout.wordFlags[i]! & QUOTE_VERB) === 0) return false;
    // the quotation closes with a comma right before the subject ("“…,” she continued")
    let k = i - 1;
    while (
      k >= 0 &&
      i - k <= SUBJECT_WORDS &&
      layout.quoteOf[k] === -1 &&
      !/^[,.;:!?]$/.test(tokens[k]!.text)
    )
      k--;
    if (k >= 0 && i - k <= SUBJECT_WORDS + 1 && layout.quoteOf[k] !== -1) return true;
    const next = tokens[i + 1];
    const quoted = (layout.quoteOf[i + 2] ?? -1) !== -1 || (layout.quoteOf[i + 3] ?? -1) !== -1;
    return next !== undefined && (next.text === ':' || next.text === ',') && quoted;
  }

  /**
   * "spoke about the need for reforms", "talked Tuesday of a new start": the topic preposition after a verb of
   * speaking that is a cue only with a topic (over up to two adverbs or time words), else -1.
   */
  topicAt(i: number): number {
    const { tokens, layout, lexicon } = this;
    if ((layout.wordFlags[i]! & TOPIC_VERB) === 0) return -1;
    for (let k = i + 1; k < tokens.length && k - i <= 3; k++) {
      const t = tokens[k]!;
      if (layout.quoteOf[k] !== -1) return -1;
      if (lexicon.topicPrepositions.has(t.lower)) return k;
      if (!/^(ADV|PROPN|NOUN|ADP)$/.test(t.pos) || t.lower === 'to' || t.lower === 'with') return -1;
    }
    return -1;
  }

  /** A past participle after a form of "be" ("was told", "are expected"), unless a perfect ("has been told" stays passive too). */
  passive(i: number): boolean {
    const { tokens } = this;
    const lower = tokens[i]!.lower;
    if (!/(ed|wn|ld|ght|nt)$/.test(lower) || ALWAYS.has(lower)) return false;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (BE.has(t.lower) && t.lower !== "'s" && t.lower !== '’s') return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /**
   * "went on to explain", "took to Twitter to accuse": the infinitive at `to` (token `k`)
   * hangs on a verb whose subject is its own, so the subject said or did what the infinitive names.
   */
  raised(k: number): boolean {
    const { tokens, layout } = this;
    let v = k - 1;
    // "went on to", "took to Twitter to": a particle or a short adjunct between the verb and "to"
    if (tokens[v]?.lower === 'on') v--;
    else if (tokens[v]?.pos === 'PROPN' && tokens[v - 1]?.lower === 'to') v -= 2;
    while (v >= 0 && tokens[v]!.pos === 'ADV') v--;
    const verb = tokens[v];
    return verb !== undefined && layout.quoteOf[v] === -1 && RAISING.has(verb.lower);
  }

  /** A modal of possibility or obligation right before the verb ("could argue", "can brag", "should say"). */
  hypothetical(i: number): boolean {
    const { tokens } = this;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (MODALS.has(t.lower)) return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /** "is promising to", "has promised": a form after "be" or "have" is a verb, whatever the tagger read. */
  afterAuxiliary(i: number): boolean {
    const { tokens } = this;
    const lower = tokens[i]!.lower;
    if (lower.endsWith('ing')) return this.progressive(i);
    if (!lower.endsWith('ed')) return false;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (HAVE.has(t.lower)) return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /**
   * "Polling averages show Clinton ahead", "the campaign plans to …": a cue form the tagger read as a noun, after
   * a noun it agrees with as a verb (plural subject and bare form, singular subject and -s form), opening its content.
   */
  agrees(i: number): boolean {
    const { tokens, layout, lexicon } = this;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (tokens[i - 1] === undefined || next === undefined) return false;
    // "… proposes X, and plans to …": a second verb of the same subject
    if (tokens[i - 1]!.lower === 'and' && /[^s]s$/.test(t.lower) && next.lower === 'to')
      return lexicon.infinitiveVerbs.has(t.lower) && /^(VERB|AUX)$/.test(tokens[i + 2]?.pos ?? '');
    const s = this.subjectBefore(i);
    const prev = tokens[s];
    if (prev === undefined || !/^(NOUN|PROPN)$/.test(prev.pos)) return false;
    // "the United States Conference": a capitalised form is part of a name
    if (/^\p{Lu}/u.test(t.text) || layout.quoteOf[s] !== -1 || layout.quoteOf[i + 1] !== -1) return false;
    const third = /[^s]s$/.test(t.lower);
    const number = this.subjectNumber(s);
    if (number !== 'either' && (number === 'plural') === third) return false;
    if (next.lower === 'to')
      return lexicon.infinitiveVerbs.has(t.lower) && /^(VERB|AUX)$/.test(tokens[i + 2]?.pos ?? '');
    if (next.lower === 'that' && lexicon.clauseVerbs.has(t.lower)) return true;
    if (!/^(DET|PROPN|PRON|NUM|ADJ)$/.test(next.pos)) return false;
    // "China and Russia support the government": a speech act's object is its content too
    return lexicon.clauseVerbs.has(t.lower) || lexicon.objectContentVerbs.has(t.lower);
  }

  /** The last word of the subject before the verb at `i`, past adverbs and an aside between commas ("Some Democrats, however, question …"). */
  subjectBefore(i: number): number {
    const { tokens, layout } = this;
    let k = i - 1;
    for (let n = 0; k >= 0 && n < 3 && layout.quoteOf[k] === -1; n++) {
      const t = tokens[k]!;
      if (t.pos === 'ADV' && t.lower.length > 2) k--;
      else if (t.text === ',' && tokens[k - 1]?.pos === 'ADV' && tokens[k - 2]?.text === ',') k -= 3;
      else break;
    }
    return k;
  }

  /**
   * The number of the subject ending at token `s`: a common noun in -s is plural; names joined by "and" ("China and
   * Russia") are plural; a name in -s may be either (the tagger reads capitalised plurals such as "Polls" or "Democrats"
   * as names, and "Jones" is one person); any other name is singular.
   */
  subjectNumber(s: number): 'plural' | 'singular' | 'either' {
    const { tokens } = this;
    const t = tokens[s]!;
    if (t.pos === 'NOUN') return /[^s]s$/.test(t.lower) ? 'plural' : 'singular';
    if (/^\p{Lu}\p{Ll}*[^s]s$/u.test(t.text)) return 'either';
    for (let k = s - 1; k >= 0 && s - k <= 4; k--) {
      const w = tokens[k]!;
      if (w.lower === 'and') return tokens[k - 1]?.pos === 'PROPN' ? 'plural' : 'singular';
      if (w.pos !== 'PROPN' && w.text !== ',') break;
    }
    return 'singular';
  }

  /** "…,” the press release states." — a cue form the tagger read as a noun, closing its clause. */
  endsClause(i: number): boolean {
    const { tokens, lexicon } = this;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (prev === undefined || !/^(NOUN|PROPN|PRON)$/.test(prev.pos)) return false;
    // a base form after a noun is a compound ("the tax plan,"); "savings plans that …" is a relative clause
    if (!/(s|ed)$/.test(t.lower) && !lexicon.clauseVerbs.has(t.lower)) return false;
    // "the United States, …": a capitalised form after a name is part of it, unless every word is capitalised (a headline)
    if (/^\p{Lu}/u.test(t.text) && prev.pos === 'PROPN' && !this.titleCase(t.sentence)) return false;
    return (
      next === undefined ||
      (next.lower === 'that' && prev.pos !== 'NOUN') ||
      next.pos === 'PUNCT' ||
      next.sentence !== tokens[i]!.sentence
    );
  }

  /** Whether the words of sentence `sentence` are all capitalised, as in a headline ("Trump Could Win, Graham Says"). */
  titleCase(sentence: number): boolean {
    const { tokens, article } = this;
    const s = article.sentences[sentence];
    if (s === undefined) return false;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = tokens[k]!;
      if (/^\p{L}{4,}$/u.test(t.text) && !/^\p{Lu}/u.test(t.text)) return false;
    }
    return true;
  }

  matchAccording(i: number, end: number): number {
    const { tokens, layout, lexicon } = this;
    for (const words of lexicon.according) {
      if (words[0] === 'quoted') continue; // handled as quoted-as, with the speaker inside
      if (i + words.length > end) continue;
      let ok = true;
      for (let k = 0; k < words.length; k++) {
        if (tokens[i + k]!.lower !== words[k] || layout.quoteOf[i + k] !== -1) {
          ok = false;
          break;
        }
      }
      if (ok) return words.length;
    }
    return 0;
  }
}

/**
 * Whether cue `inner` sits inside the reported clause of cue `outer` in the same unit ("he told the
 * crowd that he wants …", "According to the ministry, the authorities have decided …"): a finite verb
 * cue after `outer` with no punctuation, conjunction or quotation between them but a "that" or the
 * comma closing an "according to" phrase.
 *
 * @example
 * nestsIn(article, layout, toldCue, wantsCue); // true
 */
export function nestsIn(article: Article, layout: QuoteLayout, outer: Cue, inner: Cue): boolean {
  const { tokens } = article;
  if (inner.kind !== 'verb' || inner.participle || inner.token < outer.end || inner.unit !== outer.unit)
    return false;
  let comma = outer.kind === 'according';
  let that = false;
  for (let i = outer.end; i < inner.token; i++) {
    const t = tokens[i]!;
    if (t.lower === 'that') that = true;
    // "said that the ad “wrongly” suggests …": words quoted inside the reported clause stay in it
    if (layout.quoteOf[i] !== -1 && that) continue;
    if (layout.quoteOf[i] !== -1 || t.pos === 'CCONJ') return false;
    // "called the hearing because they felt …": a clause of cause or time is no part of what was said
    if (!that && CAUSE.has(t.lower)) return false;
    // only punctuation that ends or splits a clause keeps the cues apart ("$374 billion" does not)
    if (t.pos !== 'PUNCT' || POSSESSIVE_MARK.test(t.text) || !CLAUSE_MARK.test(t.text)) continue;
    if (t.text === ',' && comma) {
      comma = false;
      continue;
    }
    return false;
  }
  return true;
}

/** Longest parenthesis skipped after an inverted cue ("said Mr. Roe (a view others share)"). */
const PAREN_MAX = 16;

/**
 * "…, said X." / "…,” said X, a spokesman": after a comma or a closing quotation mark, a verb cue
 * followed by a noun phrase without a verb, up to the next comma or the end of its unit, has its speaker
 * after it and its content before it.
 *
 * @example
 * isInverted(article, layout, saidCue); // true for "The talks failed, said Maria Lopez."
 */
export function isInverted(article: Article, layout: QuoteLayout, cue: Cue): boolean {
  const { tokens } = article;
  if (cue.kind !== 'verb' || cue.participle) return false;
  const [unitStart, unitEnd] = layout.units[cue.unit]!;
  const k = cue.token - 1;
  if (k <= unitStart || (tokens[k]!.text !== ',' && layout.quoteOf[k] === -1)) return false;
  // "Jane Roe, the director, called for …" is a subject with its appositive: the words before must hold a clause or a quote
  if (layout.quoteOf[k] === -1) {
    let clause = false;
    for (let j = unitStart; j < k && !clause; j++) {
      clause = layout.quoteOf[j] !== -1 || tokens[j]!.pos === 'VERB' || tokens[j]!.pos === 'AUX';
    }
    if (!clause) return false;
  }
  if (!/^(DET|PROPN|NOUN|ADJ|NUM|PRON)$/.test(tokens[cue.end]?.pos ?? '')) return false;
  let i = cue.end;
  for (; i < unitEnd && tokens[i]!.text !== ',' && layout.quoteOf[i] === -1; i++) {
    const t = tokens[i]!;
    if (t.text === '(') {
      let close = i + 1;
      while (close < unitEnd && close - i < PAREN_MAX && tokens[close]!.text !== ')') close++;
      if (tokens[close]?.text !== ')' || close === i + 1) return false;
      if (i === cue.end) return false;
      i = close;
      continue;
    }
    // a capitalised "verb" is a name the tagger misread ("said John Burke")
    const verb = (t.pos === 'VERB' || t.pos === 'AUX') && !(/^\p{Lu}/u.test(t.text) && i > cue.end);
    if (verb || t.lower === 'that' || t.pos === 'SCONJ') return false;
  }
  return i > cue.end && (i >= unitEnd - 1 || tokens[i]!.text === ',');
}
