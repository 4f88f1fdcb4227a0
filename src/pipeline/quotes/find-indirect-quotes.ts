import type { Quote } from '../../core/index.js';
import type { CueSpeakers } from './attribute-speakers.js';
import { countWords } from './count-words.js';
import { isInverted, nestsIn } from './find-cues.js';
import type { Cue } from './find-cues.js';
import { SpeakerReading, type SpeakerContext } from './resolve-speaker.js';

const CLAUSE_START = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'ADV']);
const SKIP_MAX = 6;
/** Fewest words of reported content ("the talks had failed"); shorter spans are rarely what was said. */
const MIN_WORDS = 3;
const OBJECT_SKIP_MAX = 12;
/** Fewest words of an infinitive right after its cue ("declined to comment"). */
const INFINITIVE_WORDS = 2;
/** Most words of a quoted title skipped in a hearer or adjunct ("told NBC's “Meet the Press” that …"). */
const TITLE_MAX = 5;
/** Longest subject between a comma and the cue that closes a sentence ("…, the former ambassador said"). */
const BACK_MAX = 16;
/** Longest adjunct after a closing cue ("…, she said in an interview on Friday"). */
const TAIL_MAX = 8;
const POSSESSIVE = /^['’]s?$/;
/** A comma, or a dash between clauses ("The ferry will return — the mayor said"), closing the content before a cue. */
const CLOSES_CONTENT = /^(,|—|–|―|--)$/;
const OBJECT_START = new Set(['DET', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'PRON']);
/** Words opening an embedded question after a cue. */
const WH = new Set(['whether', 'if', 'how', 'why', 'what', 'where', 'who', 'when']);
const TIME =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|earlier|later)$/;
/** Words opening a clause of the cue itself after "“C,” X said," ("…, she told him, after he admitted …"). */
const CUE_CLAUSE = new Set([
  'as',
  'after',
  'before',
  'because',
  'since',
  'while',
  'when',
  'until',
  'though',
  'although',
]);
/** Words opening a subordinate clause before the main one ("When X noted that …, Y replied"). */
const SUBORDINATE = new Set([...CUE_CLAUSE, 'if', 'once', 'unless', 'whereas']);
const PART_OF_DAY = /^(morning|afternoon|evening|night)$/;

/** PUNCT or CCONJ (compared, not matched: this runs for every reported clause). */
function isPunctOrConjunction(pos: string): boolean {
  return pos === 'PUNCT' || pos === 'CCONJ';
}

/**
 * Finds reported speech without quotation marks: "X said (that) C", "C, X said",
 * "According to X, C". Each becomes a quote of kind 'indirect' with the cue's speaker.
 *
 * @example
 * findIndirectQuotes(ctx, cuesByUnit, speakers);
 * // [{ text: 'the decision was made after a meeting', kind: 'indirect', cue: 'said', … }]
 */
export function findIndirectQuotes(
  ctx: SpeakerContext,
  cuesByUnit: readonly (readonly Cue[])[],
  speakers: CueSpeakers,
): Quote[] {
  return new IndirectQuotes(ctx, cuesByUnit, speakers).find();
}

/** One article's reading for reported speech (its steps are methods: see SpeakerReading). */
class IndirectQuotes extends SpeakerReading {
  readonly quotes: Quote[] = [];
  /** Set by verbContent when the content it found is the object of a speech act. */
  objectContent = false;
  /** Set by verbContent when the content it found is an infinitive right after the cue ("declined to comment"). */
  infinitive = false;
  /** Tokens of verb cues read as the predicate of the content of the cue before them. */
  readonly predicates = new Set<number>();

  constructor(
    ctx: SpeakerContext,
    readonly cuesByUnit: readonly (readonly Cue[])[],
    readonly speakers: CueSpeakers,
  ) {
    super(ctx);
  }

  find(): Quote[] {
    const { layout, article, predicates, cuesByUnit } = this;
    for (let u = 0; u < cuesByUnit.length; u++) {
      const [unitStart, unitEnd] = layout.units[u]!;
      const cues = cuesByUnit[u]!;
      for (let c = 0; c < cues.length; c++) {
        const cue = cues[c]!;
        if (predicates.has(cue.token)) continue;
        // "she said she plans to …": a cue whose pronoun subject reports the outer speaker's own view is part of that report
        if (c > 0 && this.pronounSubject(cue) && nestsIn(article, layout, cues[c - 1]!, cue)) continue;
        // "saying anyone who complains about it is …": a relative clause inside the content is part of it
        if (c > 0 && this.relativeSubject(cue) && nestsIn(article, layout, cues[c - 1]!, cue)) continue;
        // "experts say some judges are eager to …": an adjective of view inside another cue's content is part of it
        if (c > 0 && cue.adjective && nestsIn(article, layout, cues[c - 1]!, cue)) continue;
        // "he said he hoped it would …": a cue inside the content (its subject there too) nests in it
        let n = c + 1;
        while (
          cue.kind === 'verb' &&
          n < cues.length &&
          (nestsIn(article, layout, cue, cues[n]!) || this.governed(cue, cues[n]!))
        )
          n++;
        const limit = this.subjectEnd(
          this.subordinateEnd(cue, unitStart, cues[n]?.token ?? unitEnd),
          cue,
          cues[n],
        );
        if (cue.kind === 'according') {
          this.add(cue, this.accordingContent(cue, unitStart, unitEnd));
          this.add(cue, this.accordingRest(cue, unitStart, unitEnd));
        } else {
          this.objectContent = false;
          this.infinitive = false;
          const range = this.verbContent(cue, unitStart, limit);
          // "endorsed Trump", "denied it": the object of a speech act may be a word or two
          const as = range === null ? this.asContent(cue, unitStart, unitEnd) : null;
          if (range !== null)
            this.add(cue, range, this.objectContent ? 1 : this.infinitive ? INFINITIVE_WORDS : MIN_WORDS);
          else if (as !== null) {
            this.add(cue, as[0]);
            this.add(cue, as[1]);
          } else if (!cue.adjective) {
            // "C, X said." / "C1, X said, C2." — the content around a cue that closes or interrupts it
            const around = this.aroundContent(cue, unitStart, limit, unitEnd);
            if (around !== null) {
              // "But when Congress cut funding, Mexico said enough": a lone subordinate clause before the cue is no content
              if (!this.subordinateOnly(around[0][0], around[0][1])) this.add(cue, around[0]);
              if (around[1] !== null) this.add(cue, around[1]);
            }
          }
        }
      }
    }
    return this.quotes;
  }

  /**
   * "When X noted that C, Y boasted …", "While a judge found C, the ruling was …": a cue in a clause opened by a
   * subordinating word before its subject reports no further than the comma that closes that clause.
   */
  subordinateEnd(cue: Cue, unitStart: number, limit: number): number {
    const { tokens, layout } = this;
    if (cue.kind !== 'verb') return limit;
    const first = layout.firstWord[cue.unit]!;
    if (first < unitStart || first >= cue.token || !SUBORDINATE.has(tokens[first]!.lower)) return limit;
    for (let k = first + 1; k < cue.token; k++) {
      if (tokens[k]!.text === ',' && layout.quoteOf[k] === -1) return limit;
    }
    for (let k = cue.end; k < limit; k++) {
      if (tokens[k]!.text === ',' && layout.quoteOf[k] === -1) return k;
    }
    return limit;
  }

  /**
   * "Protocol called for X to be taken to a hospital, sources said": the content of a cue stops at the comma before the
   * subject of the next cue that closes the sentence, which reports the whole clause.
   */
  subjectEnd(limit: number, cue: Cue, next: Cue | undefined): number {
    const { tokens, layout, lexicon } = this;
    if (next === undefined || next.token !== limit || next.kind !== 'verb' || next.participle) return limit;
    if (!lexicon.clauseVerbs.has(next.text) && !lexicon.objectVerbs.has(next.text)) return limit;
    for (let k = limit - 1; k > cue.end && limit - k <= BACK_MAX; k--) {
      const t = tokens[k]!;
      if (layout.quoteOf[k] !== -1 || t.pos === 'VERB' || t.pos === 'AUX') return limit;
      if (t.text === ',') return k;
    }
    return limit;
  }

  /**
   * "called on Trump to stop attacking Machado", "began his speech by marveling at …": an -ing form right after a word of
   * the content (no comma before it) is governed there, part of the content, not a participle of the cue's subject.
   */
  governed(outer: Cue, inner: Cue): boolean {
    const { tokens, layout, article } = this;
    if (
      !inner.participle ||
      layout.quoteOf[inner.token - 1] !== -1 ||
      tokens[inner.token - 1]!.pos === 'PUNCT'
    )
      return false;
    // "footage of Ana Ruiz asking, “…”": an -ing form that opens a quotation is that quotation's own cue
    const after = /^[,:]$/.test(tokens[inner.end]?.text ?? '') ? inner.end + 1 : inner.end;
    if (layout.quoteOf[after] !== undefined && layout.quoteOf[after] !== -1) return false;
    return nestsIn(article, layout, outer, { ...inner, participle: false });
  }

  named(from: number, to: number): boolean {
    const { tokens } = this;
    for (let k = from; k < to; k++) {
      const t = tokens[k]!;
      if (/^(NOUN|PROPN|PRON|NUM)$/.test(t.pos) && /^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(t.text))
        return true;
    }
    return false;
  }

  /** A verb outside quotations in tokens [from, to). */
  hasVerb(from: number, to: number): boolean {
    const { tokens, layout } = this;
    for (let k = from; k < to; k++) {
      if (layout.quoteOf[k] === -1 && (tokens[k]!.pos === 'VERB' || tokens[k]!.pos === 'AUX')) return true;
    }
    return false;
  }

  /** "…, which he said …", "what the senators said …": the cue's subject follows a relative pronoun. */
  afterRelative(cue: Cue): boolean {
    const { tokens, layout, lexicon } = this;
    for (let k = cue.token - 1; k >= 0 && cue.token - k <= 4; k--) {
      const t = tokens[k]!;
      if (lexicon.relatives.has(t.lower) || t.lower === 'that' || t.lower === 'what')
        return k < cue.token - 1;
      if (t.pos === 'PUNCT' || t.pos === 'VERB' || layout.quoteOf[k] !== -1) return false;
    }
    return false;
  }

  relativeSubject(cue: Cue): boolean {
    const { tokens, lexicon } = this;
    const t = tokens[cue.token - 1];
    return t !== undefined && lexicon.relatives.has(t.lower);
  }

  pronounSubject(cue: Cue): boolean {
    const { tokens, lexicon } = this;
    let k = cue.token - 1;
    while (k >= 0 && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'ADV' || tokens[k]!.pos === 'PART')) k--;
    const t = tokens[k];
    return t !== undefined && (lexicon.personPronouns.has(t.lower) || lexicon.groupPronouns.has(t.lower));
  }

  add(cue: Cue, range: readonly [number, number] | null, minWords = MIN_WORDS): void {
    const { tokens, layout, text, quotes, speakers } = this;
    if (range === null) return;
    const s = range[0];
    let e = range[1];
    // trailing punctuation and a conjunction that joins the next clause ("… and pledged to …") are not content
    while (e > s && isPunctOrConjunction(tokens[e - 1]!.pos) && layout.quoteOf[e - 1] === -1) e--;
    if (e <= s) return;
    if (layout.quoteOf[s] !== -1 && layout.quoteOf[e - 1] === layout.quoteOf[s]) return; // all quoted
    const span = [tokens[s]!.start, tokens[e - 1]!.end] as const;
    const body = text.slice(span[0], span[1]);
    const words = countWords(body, Math.max(minWords, MIN_WORDS));
    if (words < minWords) return;
    // a short object must name something ("denied it", "endorsed Trump"), not be a particle ("wrote in"); a short
    // infinitive names an act ("declined to comment", "refused to cooperate")
    if (words < MIN_WORDS && minWords !== INFINITIVE_WORDS && !this.named(s, e)) return;
    quotes.push({
      text: body,
      span,
      kind: 'indirect',
      cue: cue.text,
      speaker: speakers.get(cue)?.speaker ?? null,
    });
  }

  /** A hyphen joining two words without spaces ("African-Americans"), which the tokenizer splits off. */
  joiner(k: number): boolean {
    const { tokens, layout } = this;
    const t = tokens[k]!;
    if (t.text !== '-' || layout.quoteOf[k] !== -1) return false;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    return prev !== undefined && next !== undefined && prev.end === t.start && next.start === t.end;
  }

  /** One past a short quotation at token `k` whose words are all capitalised (a title: “Meet the Press”), else -1. */
  titleEnd(k: number): number {
    const { tokens, layout } = this;
    const q = layout.quoteOf[k]!;
    if (q === -1) return -1;
    const [first, last] = layout.quoteTokens[q]!;
    if (first !== k || last - first > TITLE_MAX + 2) return -1;
    let words = 0;
    for (let j = first; j < last; j++) {
      const t = tokens[j]!;
      if (t.pos === 'PUNCT') continue;
      // short function words inside a title ("Meet the Press", "State of the Union") stay lower-case
      if (!/^\p{Lu}/u.test(t.text) && !(words > 0 && /^(ADP|DET|CCONJ)$/.test(t.pos))) return -1;
      words++;
    }
    return words > 0 ? last : -1;
  }

  /** The "that" after an aside between commas right after the cue (", as did X,", ", in a statement,"), else -1. */
  asideThat(from: number, limit: number): number {
    const { tokens, layout } = this;
    if (tokens[from]?.text !== ',' || layout.quoteOf[from] !== -1) return -1;
    for (let k = from + 1; k < limit && k - from <= OBJECT_SKIP_MAX; k++) {
      const t = tokens[k]!;
      if (layout.quoteOf[k] !== -1 || t.pos === 'CCONJ') return -1;
      if (t.text === ',') return tokens[k + 1]?.lower === 'that' && k + 2 < limit ? k + 1 : -1;
      if (t.pos === 'PUNCT' && !POSSESSIVE.test(t.text)) return -1;
    }
    return -1;
  }

  /**
   * "As many experts have pointed out, C" / "C1, as X noted, C2" / "C, as X put it.": a cue in a clause opened by
   * "as" reports the clause around it, never its own subject.
   */
  asContent(
    cue: Cue,
    unitStart: number,
    unitEnd: number,
  ): [[number, number] | null, [number, number] | null] | null {
    const { tokens, layout } = this;
    if (cue.participle) return null;
    let as = -1;
    for (let k = cue.token - 1; k >= unitStart && cue.token - k <= BACK_MAX; k--) {
      const t = tokens[k]!;
      if (layout.quoteOf[k] !== -1 || t.pos === 'CCONJ' || t.pos === 'SCONJ') {
        if (t.lower === 'as') as = k;
        break;
      }
      if (t.lower === 'as') {
        as = k;
        break;
      }
      // the subject of the "as" clause has no verb of its own ("as many experts, including Mr. Roe, have …")
      if (t.pos === 'VERB' && !t.lower.endsWith('ing')) return null;
    }
    if (as === -1 || as >= cue.token - 1) return null;
    const afterComma = as > unitStart && tokens[as - 1]!.text === ',';
    if (!afterComma && as !== unitStart) return null;
    const before: [number, number] | null = afterComma ? [unitStart, as - 1] : null;
    // after the cue: a particle or an adjunct ("pointed out", "noted in June") up to a comma or the end
    let tail = cue.end;
    while (
      tail < unitEnd &&
      tail - cue.end < TAIL_MAX &&
      tokens[tail]!.text !== ',' &&
      layout.quoteOf[tail] === -1 &&
      !/^(VERB|AUX|PUNCT)$/.test(tokens[tail]!.pos)
    )
      tail++;
    if (tail >= unitEnd - 1) return before === null ? null : [before, null];
    if (tokens[tail]!.text !== ',' || layout.quoteOf[tail] !== -1) return null;
    let finite = false;
    for (let k = tail + 1; k < unitEnd && !finite; k++) {
      const t = tokens[k]!;
      finite =
        layout.quoteOf[k] === -1 && (t.pos === 'AUX' || (t.pos === 'VERB' && !t.lower.endsWith('ing')));
    }
    return finite ? [before, [tail + 1, unitEnd]] : before === null ? null : [before, null];
  }

  /** "was sure (that) C", "is determined to V", "were critical of X": the content right after an adjective of view. */
  adjectiveContent(cue: Cue, limit: number): [number, number] | null {
    const { tokens, lexicon } = this;
    const i = cue.end;
    const next = tokens[i];
    if (next === undefined || i + 1 >= limit) return null;
    if (next.lower === 'that') return [i + 1, limit];
    if (next.lower === 'whether' || next.lower === 'to') return [i, limit];
    if (lexicon.topicAdjectives.has(cue.text) && /^(about|of|over)$/.test(next.lower)) {
      const start = tokens[i + 1]!;
      const gerund = start.pos === 'VERB' && start.lower.endsWith('ing');
      if (!OBJECT_START.has(start.pos) && !gerund && !WH.has(start.lower)) return null;
      this.objectContent = true;
      return [i + 1, limit];
    }
    return lexicon.clauseAdjectives.has(cue.text) ? [i, limit] : null;
  }

  /** A participle at `k` before its noun ("increased spending"), or a gerund after the object's first word at `start`. */
  modifies(k: number, start: number): boolean {
    const { tokens } = this;
    const t = tokens[k];
    if (t?.pos !== 'VERB') return false;
    return (
      (/(ed|en)$/.test(t.lower) && tokens[k + 1]?.pos === 'NOUN') || (k > start && t.lower.endsWith('ing'))
    );
  }

  verbContent(cue: Cue, unitStart: number, limit: number): [number, number] | null {
    const { tokens, layout, lexicon, article } = this;
    if (cue.adjective) return this.adjectiveContent(cue, limit);
    // "C, said X, a senior official …": the speaker follows the cue, the content came before it
    if (!cue.participle && isInverted(article, layout, cue)) return null;
    // "X said (that) C", "X told reporters that C"
    let i = cue.end;
    const object = lexicon.objectVerbs.has(cue.text);
    // the hearer of "told an invited crowd at the club that …" can be a long noun phrase, and so can an
    // adjunct ("said during a rally in the state capital that …", "said on Friday, in a statement, that …")
    const adjunct = tokens[i]?.pos === 'ADP' || TIME.test(tokens[i]?.lower ?? '');
    const skip = object || adjunct ? OBJECT_SKIP_MAX : SKIP_MAX;
    for (let k = 0; i < limit && k < skip; k++, i++) {
      const t = tokens[i]!;
      if (t.lower === 'that' && layout.quoteOf[i] === -1) return [i + 1, limit];
      // "asked whether …", "told reporters how …": an embedded question is the content, its word included
      if (WH.has(t.lower) && layout.quoteOf[i] === -1 && i + 1 < limit) return [i, limit];
      if (adjunct && t.text === ',' && !object) continue;
      // "told African-Americans that …": a hyphen inside a word
      if (this.joiner(i)) continue;
      // "told NBC's “Meet the Press” that …": a quoted title in the hearer or the adjunct
      const title = this.titleEnd(i);
      if (title > i) {
        i = title - 1;
        continue;
      }
      // "said at an event in Colorado Springs that …": a capitalised "verb" inside the adjunct is a name the tagger misread
      const name = adjunct && k > 0 && t.pos === 'VERB' && /^\p{Lu}/u.test(t.text);
      if (
        (t.pos === 'PUNCT' && !POSSESSIVE.test(t.text)) ||
        (t.pos === 'VERB' && !name) ||
        layout.quoteOf[i] !== -1
      )
        break;
    }
    // "Limbaugh added: the plan is dead": a colon right after a verb of saying opens what was said
    if (
      tokens[cue.end]?.text === ':' &&
      layout.quoteOf[cue.end] === -1 &&
      cue.end + 1 < limit &&
      layout.quoteOf[cue.end + 1] === -1 &&
      lexicon.clauseVerbs.has(cue.text)
    )
      return [cue.end + 1, limit];
    // "cautioned, as did the campaign itself, that …", "said, in a statement, that …": an aside between commas
    const aside = this.asideThat(cue.end, limit);
    if (aside !== -1) return [aside + 1, limit];
    if (lexicon.infinitiveVerbs.has(cue.text)) {
      // "pledged to remain civil", "urged voters to turn out": the content is the (object and) infinitive
      for (let k = cue.end; k < limit && k - cue.end < SKIP_MAX; k++) {
        const t = tokens[k]!;
        if (t.lower === 'to' && layout.quoteOf[k] === -1 && tokens[k + 1]?.pos !== 'DET') {
          this.infinitive = k === cue.end && /^(VERB|AUX)$/.test(tokens[k + 1]?.pos ?? '');
          return [cue.end, limit];
        }
        if (t.pos === 'PUNCT' || t.pos === 'VERB' || t.pos === 'AUX') break;
      }
    }
    i = cue.end;
    // "said Tuesday the envoys …", "said on Monday the talks …": the time is not what was said
    // ("condemned Friday's test" keeps its time: a possessive time is part of the object)
    if (
      tokens[i]?.lower === 'on' &&
      TIME.test(tokens[i + 1]?.lower ?? '') &&
      !POSSESSIVE.test(tokens[i + 2]?.text ?? '')
    )
      i += 2;
    else if (TIME.test(tokens[i]?.lower ?? '') && !POSSESSIVE.test(tokens[i + 1]?.text ?? '')) i++;
    // "said Friday afternoon, as …": the part of the day belongs to the time
    if (i > cue.end && PART_OF_DAY.test(tokens[i]?.lower ?? '')) i++;
    const next = tokens[i];
    if (!object && next !== undefined && i < limit && lexicon.clauseVerbs.has(cue.text)) {
      // "the loans, which he said were never repaid": the relative is the subject of the reported verb
      if (this.afterRelative(cue) && /^(VERB|AUX)$/.test(next.pos) && !next.lower.endsWith('ing'))
        return [i, limit];
      // "she said the talks failed", "he said “budget reforms” would pay for it": a clause, maybe opening with a quotation
      // (the words after the quotation need a verb of their own: "said “we will win” on Monday" is a direct quote)
      const quoted = layout.quoteOf[i] !== -1;
      if ((quoted || CLAUSE_START.has(next.pos)) && this.hasVerb(i, Math.min(limit, i + 12)))
        return [i, limit];
    }
    if ((object || (adjunct && lexicon.clauseVerbs.has(cue.text))) && next !== undefined) {
      // "told reporters on Monday he would run", "said after the convention he would not …": a clause with a
      // pronoun subject after the hearer or an adjunct
      for (let k = object ? i + 1 : i; k < limit && k - i < OBJECT_SKIP_MAX; k++) {
        const t = tokens[k]!;
        if (this.joiner(k)) continue;
        if (layout.quoteOf[k] !== -1 || (t.pos === 'PUNCT' && !POSSESSIVE.test(t.text)) || t.pos === 'VERB')
          break;
        // "said Friday, as they …", "said after he left": a clause of the cue's own, not what was said
        if (t.pos === 'SCONJ' || t.lower === 'as') break;
        const subject =
          t.pos === 'PRON' && (lexicon.personPronouns.has(t.lower) || lexicon.groupPronouns.has(t.lower));
        if (subject && /^(VERB|AUX)$/.test(tokens[k + 1]?.pos ?? '')) return [k, limit];
      }
    }
    if (lexicon.topicVerbs.has(cue.text) && !lexicon.verbs.has(cue.text)) {
      // "spoke out on Tuesday about the need for reforms": the topic is the content, nothing else is
      for (let k = cue.end; k < limit && k - cue.end <= 3; k++) {
        if (layout.quoteOf[k] !== -1) break;
        if (lexicon.topicPrepositions.has(tokens[k]!.lower)) {
          const start = tokens[k + 1];
          if (k + 1 >= limit || start === undefined || layout.quoteOf[k + 1] !== -1) break;
          if (OBJECT_START.has(start.pos) || (start.pos === 'VERB' && start.lower.endsWith('ing'))) {
            this.objectContent = true;
            return [k + 1, limit];
          }
          break;
        }
      }
      return null;
    }
    if (lexicon.toVerbs.has(cue.text) && next?.lower === 'to' && i + 1 < limit && layout.quoteOf[i] === -1) {
      // "did not immediately respond to requests for comment", "responded to the charges": the object after "to"
      const start = tokens[i + 1]!;
      if (OBJECT_START.has(start.pos) && layout.quoteOf[i + 1] === -1) {
        this.objectContent = true;
        return [i, limit];
      }
    }
    if (
      lexicon.objectContentVerbs.has(cue.text) &&
      next !== undefined &&
      i < limit &&
      layout.quoteOf[i] === -1
    ) {
      // "denied any role in the attack", "called for a full inquiry": the speech act's object is what was said
      const j = lexicon.objectPrepositions.has(next.lower) ? i + 1 : i;
      const start = tokens[j];
      // "called for an inquiry", "has called for eliminating the loophole"
      const gerund = start?.pos === 'VERB' && start.lower.endsWith('ing');
      // "called half of the voters …", "denied almost every claim": a quantifier opening the object
      const quantifier = start?.pos === 'ADV' && /^(ADP|DET|NOUN|ADJ|NUM)$/.test(tokens[j + 1]?.pos ?? '');
      // "called for increased spending", "proposed jointly owned drones", "called for immediately deducting …": a
      // participle before its noun, or an adverb before a gerund or such a participle, opens the object
      const participle =
        this.modifies(j, j) || (start?.pos === 'ADV' && /ly$/.test(start.lower) && this.modifies(j + 1, j));
      if ((OBJECT_START.has(start?.pos ?? '') || gerund || quantifier || participle) && j < limit) {
        this.objectContent = true;
        return [j, limit];
      }
    }
    return null;
  }

  /**
   * "C, X said." / "C, said X, a spokesman." / "C1, X said, C2." / "C ‘partly quoted,’ X said.": the content
   * before a cue that closes its sentence or interrupts it, and the rest of the sentence when it interrupts it.
   */
  aroundContent(
    cue: Cue,
    unitStart: number,
    limit: number,
    unitEnd: number,
  ): [[number, number], [number, number] | null] | null {
    const { tokens, layout, lexicon, article, predicates, cuesByUnit } = this;
    if (cue.participle) return null;
    // "…, Washington backed out", "…, Republicans were in the lead in advocating …": only a verb that reports a clause
    // ("said", "told", "argued") closes a sentence as its cue; the object of any other verb is no clause before it
    if (!lexicon.clauseVerbs.has(cue.text) && !lexicon.objectVerbs.has(cue.text)) return null;
    // "the funding system, which advocates say disadvantages …": a relative clause's cue reports what follows the
    // relative, never the clause before it
    if (this.afterRelative(cue)) return null;
    // the boundary before the cue's clause: a comma or a dash ("The ferry will return in May — the mayor said"), or
    // the closing mark of a quotation the content ends with
    let boundary = cue.token - 1;
    while (
      boundary > unitStart &&
      !CLOSES_CONTENT.test(tokens[boundary]!.text) &&
      layout.quoteOf[boundary] === -1 &&
      cue.token - boundary < BACK_MAX
    )
      boundary--;
    if (boundary <= unitStart) return null;
    const quoted = layout.quoteOf[boundary] !== -1;
    if (!quoted && !CLOSES_CONTENT.test(tokens[boundary]!.text)) return null;
    const before: [number, number] = [unitStart, quoted ? boundary + 1 : boundary];
    if (isInverted(article, layout, cue)) return [before, null]; // ", said X, a senior official …"
    // after the cue: an adjunct ("on Friday", "in an interview") up to the end of the sentence or a comma
    let tail = cue.end;
    while (
      tail < unitEnd &&
      tokens[tail]!.pos !== 'VERB' &&
      tokens[tail]!.pos !== 'AUX' &&
      tokens[tail]!.text !== ',' &&
      layout.quoteOf[tail] === -1 &&
      tail - cue.end < TAIL_MAX
    )
      tail++;
    const ends = tail >= unitEnd || (tokens[tail]!.pos === 'PUNCT' && tail === unitEnd - 1);
    if (ends) return [before, null];
    const next = tokens[tail]!;
    // "C, X said before he left": a subordinate clause of the cue, not content
    if (/^(ADP|SCONJ)$/.test(tokens[cue.end]?.pos ?? '') && tokens[cue.end]!.lower !== 'that')
      return [before, null];
    if (next.text !== ',' || layout.quoteOf[tail] !== -1) return null;
    // "X said, “…”": the cue introduces the quotation after it
    if (layout.quoteOf[tail + 1] !== -1 && tail === cue.end) return null;
    // "C1, X said, C2": the sentence goes on after the interrupting cue; a participle or relative clause of the cue does not
    const first = tokens[tail + 1];
    // "The museum, Mr. Bush said, celebrated …": a finite verb right after the interrupting cue is the content's
    // predicate, not a cue of its own
    const predicate =
      tail + 1 === limit &&
      first !== undefined &&
      first.pos === 'VERB' &&
      !first.lower.endsWith('ing') &&
      !this.hasVerb(before[0], before[1]) &&
      cuesByUnit[cue.unit]!.some((c) => c.token === limit && c.kind === 'verb' && !c.participle);
    if (predicate) predicates.add(limit);
    if (
      first === undefined ||
      (tail + 1 >= limit && !predicate) ||
      layout.quoteOf[tail + 1] !== -1 ||
      (first.pos === 'VERB' && first.lower.endsWith('ing')) ||
      lexicon.relatives.has(first.lower) ||
      first.lower === 'as' ||
      // "“…,” she told him, after he admitted …": after a whole quotation, a subordinate clause is the cue's own
      (quoted && CUE_CLAUSE.has(first.lower))
    )
      return [before, null];
    // the rest runs over its own verb and cues nested in it ("…, she said, he decided to …") to the next clause
    let end = unitEnd;
    for (const next of cuesByUnit[cue.unit] ?? []) {
      if (next.token <= tail + 1) continue;
      let broken = false;
      for (let k = tail + 1; k < next.token && !broken; k++) {
        const t = tokens[k]!;
        broken =
          layout.quoteOf[k] === -1 && (t.pos === 'CCONJ' || (t.pos === 'PUNCT' && !POSSESSIVE.test(t.text)));
      }
      if (broken) {
        end = next.token;
        break;
      }
    }
    // its own finite verb: not a participle or an infinitive ("not even needing to mention …"), not one of a
    // relative clause ("…, who died")
    let finite = false;
    for (let k = tail + 1; k < end && !finite && !lexicon.relatives.has(tokens[k]!.lower); k++) {
      const t = tokens[k]!;
      const bare = t.lower.endsWith('ing') || tokens[k - 1]!.lower === 'to';
      finite = (t.pos === 'VERB' && !bare) || t.pos === 'AUX';
    }
    return [before, finite ? [tail + 1, end] : null];
  }

  /** Whether tokens [from, to) are one subordinate clause ("When the talks failed", "But after the vote") and no more. */
  subordinateOnly(from: number, to: number): boolean {
    const { tokens, layout } = this;
    let k = from;
    while (k < to && (tokens[k]!.pos === 'CCONJ' || tokens[k]!.pos === 'PUNCT') && layout.quoteOf[k] === -1)
      k++;
    if (k >= to || !SUBORDINATE.has(tokens[k]!.lower) || layout.quoteOf[k] !== -1) return false;
    for (let j = k + 1; j < to; j++) {
      if (layout.quoteOf[j] === -1 && /^[,;:—–]$/.test(tokens[j]!.text)) return false;
    }
    return true;
  }

  accordingContent(cue: Cue, unitStart: number, unitEnd: number): [number, number] | null {
    const { tokens } = this;
    let comma = cue.end;
    while (comma < unitEnd && tokens[comma]!.text !== ',') comma++;
    if (cue.token === unitStart || (tokens[cue.token - 1]?.pos === 'PUNCT' && cue.token - 1 === unitStart)) {
      return comma < unitEnd ? [comma + 1, unitEnd] : null;
    }
    // "C, according to X." / "C, according to X, a former aide." / "C according to X": the clause before
    if (cue.token - unitStart >= 3) return [unitStart, cue.token];
    return null;
  }

  /** "The company, according to the filing, lost money": the clause goes on after an interrupting "according to X,". */
  accordingRest(cue: Cue, unitStart: number, unitEnd: number): [number, number] | null {
    const { tokens, layout } = this;
    if (cue.token - unitStart < 2 || tokens[cue.token - 1]?.text !== ',') return null;
    let comma = cue.end;
    while (comma < unitEnd && tokens[comma]!.text !== ',' && layout.quoteOf[comma] === -1) comma++;
    if (comma >= unitEnd - 1 || tokens[comma]!.text !== ',') return null;
    const first = tokens[comma + 1]!;
    // "…, according to X, a former aide" is an appositive, not the rest of the clause
    if (/^(DET|ADJ|NUM)$/.test(first.pos) || (first.pos === 'VERB' && first.lower.endsWith('ing')))
      return null;
    let finite = false;
    for (let k = comma + 1; k < unitEnd && !finite; k++) finite = /^(VERB|AUX)$/.test(tokens[k]!.pos);
    return finite ? [comma + 1, unitEnd] : null;
  }
}
