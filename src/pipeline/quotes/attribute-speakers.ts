import type { Quote, Span, Speaker } from '../../core/index.js';
import { countWords } from './count-words.js';
import { tokenAfter } from './build-units.js';
import { isInverted, nestsIn } from './find-cues.js';
import type { Cue } from './find-cues.js';
import type { MarkSpan } from './pair-quote-marks.js';
import { SpeakerReading, resolveSlot } from './resolve-speaker.js';
import type { Resolved, SpeakerContext } from './resolve-speaker.js';
import { STOP_BACK } from './word-flags.js';

/** Quotations of fewer words are scare quotes ("land grab"), not quotes. */
export const MIN_QUOTE_WORDS = 3;

const STOP_AFTER = new Set([';', ':', '(', '—', '–', 'that']);
const SUBJECT_MAX = 16;
/** Longest subject with an appositive or relative clause set off by commas ("Jane Roe, who …, said"), in tokens. */
const APPOSITIVE_MAX = 32;
/** A dash that signs a quote with its speaker's name ("― Jane Doe"). */
const DASHES = /^(―|—|–|--)$/;
/** Longest signature line after a dash, in tokens. */
const BYLINE_MAX = 12;
/** Longest parenthetical aside skipped between a subject and its cue, in tokens. */
const ASIDE_MAX = 10;
const AFTER_MAX = 24;
/** Longest speaker label opening a transcript line ("SEN. JANE ROE:"), in tokens. */
const LABEL_MAX = 4;

/**
 * The speaker found for each cue (null when none), kept by the cue's place in its unit rather than in a map keyed
 * by cue objects: a lookup scans the few cues of one unit, and nothing hashes the cues.
 */
export class CueSpeakers {
  /** The speakers of all the cues, unit after unit. */
  private readonly found: (Resolved | null)[] = [];
  /** Index in `found` of the first cue of each unit. */
  private readonly firstOf: number[] = [];

  constructor(private readonly cuesByUnit: readonly (readonly Cue[])[]) {}

  /** The speaker found for `cue` (null when none), or undefined for a cue of no unit. */
  get(cue: Cue): Resolved | null | undefined {
    const k = this.cuesByUnit[cue.unit]?.indexOf(cue) ?? -1;
    return k === -1 ? undefined : this.found[this.firstOf[cue.unit]! + k];
  }

  /** Starts the next unit. */
  openUnit(): void {
    this.firstOf.push(this.found.length);
  }

  /** Records the speaker of the next cue of the current unit. */
  add(found: Resolved | null): void {
    this.found.push(found);
  }

  /** The speaker of cue `c` of the current unit (one already added). */
  inUnit(c: number): Resolved | null {
    return this.found[this.firstOf[this.firstOf.length - 1]! + c]!;
  }
}

/**
 * Resolves the speaker of every cue in text order, recording each in the context's
 * history so later pronouns and descriptions ("he added", "the spokesman") can find it.
 *
 * @example
 * const speakers = resolveCues(ctx, cuesByUnit);
 * speakers.get(cue)?.speaker.name; // 'Hirokazu Matsuno'
 */
export function resolveCues(ctx: SpeakerContext, cuesByUnit: readonly (readonly Cue[])[]): CueSpeakers {
  const out = new CueSpeakers(cuesByUnit);
  for (const cues of cuesByUnit) {
    out.openUnit();
    for (let c = 0; c < cues.length; c++) {
      const cue = cues[c]!;
      const found = resolveCue(ctx, cue, earlierSpeaker(out, c));
      out.add(found);
      // a cue inside another's report ("According to X, the authorities decided …") is reported, not reporting
      const reported = c > 0 && nestsIn(ctx.article, ctx.layout, cues[c - 1]!, cue);
      // the writer ("I said") is no one a later pronoun stands for
      if (found !== null && !reported && found.via !== 'author') {
        ctx.history.push({
          speaker: found.speaker,
          person: found.person,
          token: cue.token,
          roles: found.roles,
          plural: coordinated(ctx, found),
        });
      }
    }
  }
  return out;
}

/** "Jane Roe and Tom Baker said": a speaker named second in a coordination, whom a later "they" can stand for. */
function coordinated(ctx: SpeakerContext, found: Resolved): boolean {
  const span = found.speaker.span;
  if (span === null || !found.person) return false;
  const { text } = ctx.article;
  const from = Math.max(0, span[0] - 40);
  // no "and" in the 40 characters before: nothing to slice and match (read back over those only, not the whole text)
  if (!hasAndBetween(text, from, span[0] - 3)) return false;
  const before = text.slice(from, span[0]);
  return /\p{Lu}[\p{L}.'’-]*,?\s+and\s+(?:\p{Lu}\p{L}*\.?\s+)?$/u.test(before);
}

/** Whether "and" starts at some offset in [from, last] of `text`. */
function hasAndBetween(text: string, from: number, last: number): boolean {
  for (let k = last; k >= from; k--)
    if (text.charCodeAt(k) === 0x61 && text.startsWith('and', k)) return true;
  return false;
}

/** Nearest earlier cue than cue `c` of the current unit that found a speaker (a few back at most). */
function earlierSpeaker(done: CueSpeakers, c: number): Resolved | null {
  for (let k = c - 1; k >= 0 && k >= c - 8; k--) {
    const found = done.inUnit(k);
    if (found) return found;
  }
  return null;
}

function resolveCue(ctx: SpeakerContext, cue: Cue, earlier: Resolved | null): Resolved | null {
  const { tokens } = ctx.article;
  const [unitStart, unitEnd] = ctx.layout.units[cue.unit]!;
  if (cue.kind === 'according')
    return resolveSlot(ctx, cue.end, afterEnd(ctx, cue.end, unitEnd, true), 'first');
  if (cue.kind === 'quoted-as') return resolveSlot(ctx, cue.token + 1, cue.head, 'first');
  if (cue.participle) {
    // "footage of Hillary Clinton asking, …": a participle right after a name hangs on that name
    const prev = cue.token - 1;
    if (prev > unitStart && ctx.layout.quoteOf[prev] === -1 && tokens[prev]!.pos === 'PROPN') {
      let s = prev;
      while (s > unitStart && tokens[s - 1]!.pos === 'PROPN' && ctx.layout.quoteOf[s - 1] === -1) s--;
      const named = resolveSlot(ctx, s, cue.token, 'last');
      if (named !== null && named.person) return named;
    }
    return earlier ?? sentenceSubject(ctx, unitStart, cue.token);
  }
  if (isInverted(ctx.article, ctx.layout, cue) && !ctx.lexicon.objectVerbs.has(cue.text)) {
    // "The talks failed, said Maria Lopez, the mayor.": the speaker after the cue, not the clause before it
    const after = resolveSlot(ctx, cue.end, afterEnd(ctx, cue.end, unitEnd, false), 'first');
    if (after !== null) return after;
  }
  let verbStart = cue.token;
  while (
    verbStart > unitStart &&
    isAuxiliary(tokens[verbStart - 1]!) &&
    ctx.layout.quoteOf[verbStart - 1] === -1
  )
    verbStart--;
  const before = tokens[verbStart - 1];
  if (
    verbStart > unitStart &&
    before !== undefined &&
    before.pos === 'CCONJ' &&
    ctx.layout.quoteOf[verbStart - 1] === -1
  ) {
    // "… condemned the plans and stressed that …": the subject of the first verb
    return sentenceSubject(ctx, unitStart, cue.token);
  }
  const relative = relativeSubject(ctx, verbStart, unitStart, earlier);
  if (relative !== null) return relative;
  let subjectStart = walkBack(ctx, cue.token, unitStart);
  let subjectEnd = cue.token;
  while (subjectEnd > subjectStart && isAuxiliary(tokens[subjectEnd - 1]!)) subjectEnd--;
  subjectEnd = beforeAside(ctx, subjectStart, subjectEnd);
  subjectEnd = beforeRelativeClause(ctx, subjectStart, subjectEnd);
  let head = firstWord(ctx, subjectStart, subjectEnd);
  // "Democrats want X, and Republicans want Y": the subject after the conjunction
  if (head !== -1 && tokens[head]!.pos === 'CCONJ' && firstWord(ctx, head + 1, subjectEnd) !== -1) {
    subjectStart = head + 1;
    head = firstWord(ctx, subjectStart, subjectEnd);
  }
  if (head === -1) {
    // "a group that intends to …", "the study, which notes …": a relative right before the verb is its subject
    const rel = tokens[subjectStart - 1];
    if (
      rel !== undefined &&
      subjectStart - 1 > unitStart &&
      ctx.layout.quoteOf[subjectStart - 1] === -1 &&
      (ctx.lexicon.relatives.has(rel.lower) ||
        (rel.lower === 'that' && /^(NOUN|PROPN)$/.test(tokens[subjectStart - 2]?.pos ?? '')))
    ) {
      const found = antecedent(ctx, subjectStart - 1, unitStart) ?? earlier;
      if (found === null) return null;
      const span: Span = [rel.start, rel.end];
      return { ...found, speaker: { ...found.speaker, span }, via: 'pronoun' };
    }
    // inverted: "“…,” said the spokesman", "“…” assured the UN chief"
    return resolveSlot(ctx, cue.end, afterEnd(ctx, cue.end, unitEnd, false), 'first');
  }
  const lead = tokens[head]!;
  // "…, going on to say …": a participle clause takes the subject of the clause it hangs on
  if (
    earlier !== null &&
    lead.pos === 'VERB' &&
    lead.lower.endsWith('ing') &&
    tokens[head - 1]?.text === ',' &&
    tokens[cue.token - 1]?.lower === 'to'
  )
    return earlier;
  if (
    lead.pos === 'ADP' &&
    ctx.lexicon.relatives.has(tokens[head + 1]?.lower ?? '') &&
    ctx.layout.quoteOf[head + 1] === -1
  ) {
    // "an interview in which he said …": the subject follows the relative
    const inner = firstWord(ctx, head + 2, subjectEnd);
    if (inner !== -1 && /^(DET|NOUN|PROPN|PRON|ADJ|NUM)$/.test(tokens[inner]!.pos))
      return resolveSlot(ctx, inner, subjectEnd, 'last');
  }
  if (lead.pos === 'ADP' && head === ctx.layout.firstWord[cue.unit]) {
    // "In a television interview Trump declared …": the name closing an opening phrase is the subject
    const named = nameBeforeVerb(ctx, head, subjectEnd);
    if (named !== null) return named;
  }
  if (lead.pos === 'ADP' || lead.pos === 'PART' || lead.pos === 'CCONJ' || lead.lower === 'to') {
    // "… and said", "went on to say", "obtained by X stated": the clause's subject is further back
    // ("“…,” Sanders said, going on to say …": the speaker of the cue before)
    return sentenceSubject(ctx, unitStart, cue.token) ?? (lead.lower === 'to' ? earlier : null);
  }
  if (ctx.lexicon.relatives.has(tokens[head]!.lower)) {
    // "which state media claimed …": the relative is the object, the subject follows it
    const inner = firstWord(ctx, head + 1, subjectEnd);
    if (inner !== -1 && /^(DET|NOUN|PROPN|PRON|ADJ|NUM)$/.test(tokens[inner]!.pos))
      return resolveSlot(ctx, inner, subjectEnd, 'last');
    // "…, Jane Roe, who said …", "the ministry, which reported …": the noun phrase before the relative,
    // named at the relative pronoun that stands for it
    const found = antecedent(ctx, head, unitStart) ?? earlier;
    if (found === null) return null;
    const span: Span = [tokens[head]!.start, tokens[head]!.end];
    return { ...found, speaker: { ...found.speaker, span }, via: 'pronoun' };
  }
  const subject = resolveSlot(ctx, subjectStart, subjectEnd, 'last');
  if (subject === null || subject.via === 'role') {
    // "the UN Secretary General told reporters, Antonio Guterres."
    const appositive = trailingAppositive(ctx, cue.end, unitEnd);
    if (appositive !== null) {
      return { ...appositive, roles: new Set([...appositive.roles, ...(subject?.roles ?? [])]) };
    }
  }
  return subject;
}

/**
 * "an architect who said …", "the police department, which reported …", "voters, many of whom say …": a relative
 * pronoun right before the cue is its subject; the speaker is the noun phrase it stands for, named at the
 * pronoun (with its quantifier).
 */
function relativeSubject(
  ctx: SpeakerContext,
  verbStart: number,
  unitStart: number,
  earlier: Resolved | null,
): Resolved | null {
  const { tokens } = ctx.article;
  const rel = verbStart - 1;
  const t = tokens[rel];
  if (t === undefined || rel <= unitStart || ctx.layout.quoteOf[rel] !== -1) return null;
  let from = rel;
  if (tokens[rel - 1]?.lower === 'of' && ctx.lexicon.relatives.has(t.lower)) {
    // "many of whom", "some of which": the quantifier opens the words that stand for the antecedent
    const quantifier = tokens[rel - 2];
    if (quantifier === undefined || rel - 2 <= unitStart || !/^(DET|PRON|NUM|ADJ|NOUN)$/.test(quantifier.pos))
      return null;
    from = rel - 2;
  } else if (!ctx.lexicon.relatives.has(t.lower) && !(t.lower === 'that' && isNounAt(ctx, rel - 1)))
    return null;
  const found = antecedent(ctx, from, unitStart) ?? earlier;
  if (found === null) return null;
  const span: Span = [tokens[from]!.start, t.end];
  return { ...found, speaker: { ...found.speaker, span }, via: 'pronoun' };
}

/** A noun outside quotes at token `i`. */
function isNounAt(ctx: SpeakerContext, i: number): boolean {
  const pos = ctx.article.tokens[i]?.pos;
  return (pos === 'NOUN' || pos === 'PROPN') && ctx.layout.quoteOf[i] === -1;
}

/** A person named by the capitalised words right before `end` (the verb), after an opening phrase without a comma. */
function nameBeforeVerb(ctx: SpeakerContext, from: number, end: number): Resolved | null {
  const { tokens } = ctx.article;
  let s = end;
  while (
    s > from + 1 &&
    /^(PROPN|NOUN)$/.test(tokens[s - 1]!.pos) &&
    /^\p{Lu}/u.test(tokens[s - 1]!.text) &&
    ctx.layout.quoteOf[s - 1] === -1
  )
    s--;
  if (s === end || tokens[s - 1]!.pos === 'PUNCT') return null;
  const named = resolveSlot(ctx, s, end, 'last');
  return named !== null && named.person && (named.via === 'person' || named.via === 'name') ? named : null;
}

/** The noun phrase a relative pronoun at `relative` stands for: the words before it, over one comma. */
function antecedent(ctx: SpeakerContext, relative: number, unitStart: number): Resolved | null {
  const { tokens } = ctx.article;
  let end = relative;
  if (tokens[end - 1]?.text === ',') end--;
  if (end <= unitStart || ctx.layout.quoteOf[end - 1] !== -1) return null;
  let start = end;
  while (start > unitStart && end - start < SUBJECT_MAX) {
    const t = tokens[start - 1]!;
    if (ctx.layout.quoteOf[start - 1] !== -1 || t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ')
      break;
    if (t.pos === 'ADP' && t.lower !== 'of') break;
    if (
      t.text === ',' ||
      t.text === ';' ||
      t.text === ':' ||
      (ctx.layout.wordFlags[start - 1]! & STOP_BACK) !== 0
    )
      break;
    start--;
  }
  return start < end ? resolveSlot(ctx, start, end, 'last') : null;
}

/** "Jane Roe, who had been away, said": the end of the subject before a relative clause set off by commas. */
function beforeRelativeClause(ctx: SpeakerContext, start: number, end: number): number {
  const { tokens } = ctx.article;
  for (let i = start + 1; i < end - 1; i++) {
    if (
      tokens[i]!.text === ',' &&
      ctx.lexicon.relatives.has(tokens[i + 1]!.lower) &&
      ctx.layout.quoteOf[i] === -1
    )
      return i;
  }
  return end;
}

/** "Rep. Jane Roe (D-Ohio) said": the end of the subject before a closing parenthetical aside. */
function beforeAside(ctx: SpeakerContext, start: number, end: number): number {
  const { tokens } = ctx.article;
  if (tokens[end - 1]?.text !== ')') return end;
  for (let i = end - 2; i > start && end - i <= ASIDE_MAX; i--) {
    if (tokens[i]!.text === '(') return i;
  }
  return end;
}

function isAuxiliary(t: { readonly pos: string; readonly lower: string }): boolean {
  return t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || t.lower === 'also';
}

function firstWord(ctx: SpeakerContext, start: number, end: number): number {
  const { tokens } = ctx.article;
  for (let i = start; i < end; i++) {
    if (ctx.layout.quoteOf[i] === -1 && hasLetterOrDigit(tokens[i]!.text)) return i;
  }
  return -1;
}

/** Whether `text` holds a letter or a digit (an ASCII one first: most words start with one, and need no regex). */
function hasLetterOrDigit(text: string): boolean {
  const code = text.charCodeAt(0);
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
    return true;
  return /[\p{L}\p{N}]/u.test(text);
}

/** Start of the subject slot before token `verb`: back to a clause boundary, over one appositive. */
function walkBack(ctx: SpeakerContext, verb: number, unitStart: number, relaxed = true): number {
  const { tokens } = ctx.article;
  let i = verb;
  let words = 0;
  let appositive = false;
  let opened = false;
  let closed = false;
  while (i > unitStart && verb - i < (appositive && relaxed ? APPOSITIVE_MAX : SUBJECT_MAX)) {
    const t = tokens[i - 1]!;
    if (ctx.layout.quoteOf[i - 1] !== -1) break;
    // "Jane Roe, who served here until last year, said": inside an appositive set off by commas, "who",
    // "that" or "until" open a clause of the subject, not the cue's own clause
    const inside = relaxed && appositive && !/^[;:—–―]$/.test(t.text);
    // a subordinating word opens the cue's own clause ("… after she attacked", "unless it wants")
    if (!inside && ((ctx.layout.wordFlags[i - 1]! & STOP_BACK) !== 0 || (t.pos === 'SCONJ' && words > 0)))
      break;
    // "the talks failed, as the minister said": "as" opens the cue's clause ("as well as", "such as" join a subject)
    if (!inside && t.lower === 'as' && words > 0 && !/^(well|such)$/.test(tokens[i - 2]?.lower ?? '')) break;
    if (t.text === ',') {
      if (words === 0) appositive = opened = true;
      else if (appositive) {
        appositive = false;
        closed = true;
      } else if (tokens[i]?.lower !== 'of') break; // "Jane Roe, of Springfield, Va., said": a place after the name
      i--;
      continue;
    }
    // a finite verb ends the subject; a capitalised "verb" is a name the tagger misread ("Occupy Central")
    if (t.pos === 'VERB' && words > 0 && !appositive && !t.lower.endsWith('ing')) {
      const named = /^\p{Lu}/u.test(t.text) && i - 1 > unitStart;
      if (!named) break;
    }
    if (t.pos !== 'PUNCT' && !isAuxiliary(t)) words++;
    i--;
  }
  // an appositive never closed by a comma ("The plan failed because costs rose, said …"): read strictly
  if (relaxed && opened && !closed) return walkBack(ctx, verb, unitStart, false);
  return i;
}

/** End of the slot after a cue: to the clause end, a relative pronoun or a quote. */
function afterEnd(ctx: SpeakerContext, from: number, unitEnd: number, stopAtComma: boolean): number {
  const { tokens } = ctx.article;
  let i = from;
  while (i < unitEnd && i - from < AFTER_MAX) {
    const t = tokens[i]!;
    if (ctx.layout.quoteOf[i] !== -1) break;
    if (STOP_AFTER.has(t.lower) || ctx.lexicon.relatives.has(t.lower)) break;
    if (stopAtComma && t.text === ',' && i > from) break;
    i++;
  }
  return i;
}

/** ", <person>" closing the clause after the cue. */
function trailingAppositive(ctx: SpeakerContext, from: number, unitEnd: number): Resolved | null {
  const { tokens } = ctx.article;
  const end = afterEnd(ctx, from, unitEnd, false);
  for (let i = from; i < end; i++) {
    if (tokens[i]!.text !== ',') continue;
    if (i - from > 3) return null; // only a short object ("reporters") before the appositive
    let j = i + 1;
    while (j < end && tokens[j]!.pos !== 'PUNCT') j++;
    if (j === i + 1 || (j < unitEnd && !/^[.,;]$/.test(tokens[j]!.text))) continue;
    const r = resolveSlot(ctx, i + 1, j, 'first');
    const starts = r?.speaker.span?.[0] === tokens[i + 1]!.start;
    if (r !== null && starts && r.person && (r.via === 'person' || r.via === 'name')) return r;
  }
  return null;
}

/**
 * The speaker named by the subject of the verb at token `verb` ("the council made a call for …" → the council).
 *
 * @example
 * subjectBefore(ctx, madeToken)?.speaker.name; // 'Security Council'
 */
export function subjectBefore(ctx: SpeakerContext, verb: number): Resolved | null {
  const { tokens } = ctx.article;
  const unit = ctx.layout.unitOf[verb];
  if (unit === undefined) return null;
  const [unitStart] = ctx.layout.units[unit]!;
  let verbStart = verb;
  while (
    verbStart > unitStart &&
    isAuxiliary(tokens[verbStart - 1]!) &&
    ctx.layout.quoteOf[verbStart - 1] === -1
  )
    verbStart--;
  // "the literature, which left little doubt that …": the relative's antecedent
  const relative = relativeSubject(ctx, verbStart, unitStart, null);
  if (relative !== null) return relative;
  const start = walkBack(ctx, verb, unitStart);
  let end = verb;
  while (end > start && isAuxiliary(tokens[end - 1]!)) end--;
  const head = firstWord(ctx, start, end);
  if (head === -1) return null;
  const lead = tokens[head]!;
  if (
    lead.pos === 'ADP' ||
    lead.pos === 'PART' ||
    lead.pos === 'CCONJ' ||
    ctx.lexicon.relatives.has(lead.lower)
  )
    return sentenceSubject(ctx, unitStart, verb);
  return resolveSlot(ctx, start, end, 'last');
}

/** The subject of the unit's main clause: words before its first verb, after any opening phrase. */
function sentenceSubject(ctx: SpeakerContext, unitStart: number, limit: number): Resolved | null {
  const { tokens } = ctx.article;
  const unit = ctx.layout.unitOf[unitStart];
  if (unit === undefined) return null;
  const verb = ctx.layout.firstVerb[unit]!;
  const quote = ctx.layout.firstQuote[unit]!;
  if (verb === -1 || verb >= limit || (quote !== -1 && quote < verb)) return null;
  const start = walkBack(ctx, verb, unitStart);
  let end = verb;
  let passive = false;
  while (end > start && isAuxiliary(tokens[end - 1]!)) {
    // "was told" is passive; "is filing" is not
    if (
      /^(was|were|is|are|been|be|being)$/.test(tokens[end - 1]!.lower) &&
      !tokens[verb]!.lower.endsWith('ing')
    )
      passive = true;
    end--;
  }
  if (passive) return null;
  return resolveSlot(ctx, start, end, 'last');
}

interface Candidate {
  readonly index: number;
  readonly mark: MarkSpan;
  readonly unit: number;
  readonly first: number;
  readonly last: number;
}

/**
 * Turns quotation-mark spans of three words or more into quotes and attributes each:
 * to the nearest cue in its unit (the one before it, else the one after it), to the
 * subject of its sentence when it sits in reported speech without a cue, to the
 * speaker of the quote it continues, or — a quote standing alone right after an
 * attributed one — to that quote's speaker. Unresolved speakers stay null.
 *
 * @example
 * attributeQuotes(ctx, marks, cuesByUnit, resolveCues(ctx, cuesByUnit));
 * // [{ text: 'Acts such as …', kind: 'direct', cue: 'said', speaker: { name: 'Hirokazu Matsuno', … } }]
 */
export function attributeQuotes(
  ctx: SpeakerContext,
  marks: readonly MarkSpan[],
  cuesByUnit: readonly (readonly Cue[])[],
  cueSpeakers: CueSpeakers,
): Quote[] {
  return new QuoteAttribution(ctx, marks, cuesByUnit, cueSpeakers).find();
}

/** One article's attribution of its quotations (its steps are methods: see SpeakerReading). */
class QuoteAttribution extends SpeakerReading {
  constructor(
    ctx: SpeakerContext,
    readonly marks: readonly MarkSpan[],
    readonly cuesByUnit: readonly (readonly Cue[])[],
    readonly cueSpeakers: CueSpeakers,
  ) {
    super(ctx);
  }

  find(): Quote[] {
    const { tokens, text, layout, marks } = this;
    const candidates: Candidate[] = [];
    for (let q = 0; q < marks.length; q++) {
      const [first, last] = layout.quoteTokens[q]!;
      if (first >= last || first >= tokens.length) continue;
      candidates.push({ index: q, mark: marks[q]!, unit: layout.unitOf[first]!, first, last });
    }
    const own = new Map<number, { cue: Cue | null; speaker: Resolved | null }>();
    for (const c of candidates) own.set(c.index, this.attributeOwn(c));

    // a quote continued across a paragraph: every part takes the first attribution found
    const chainHead = new Map<number, number>();
    for (const c of candidates) {
      const from = c.mark.continues;
      chainHead.set(c.index, from !== null && chainHead.has(from) ? chainHead.get(from)! : c.index);
    }
    const chainBest = new Map<number, { cue: Cue | null; speaker: Resolved | null }>();
    for (const c of candidates) {
      const head = chainHead.get(c.index)!;
      const mine = own.get(c.index)!;
      if (mine.speaker !== null && !chainBest.has(head)) chainBest.set(head, mine);
    }

    const quotes: Quote[] = [];
    let previous: { unit: number; cue: string | null; speaker: Speaker | null } | null = null;
    for (const c of candidates) {
      let found = own.get(c.index)!;
      if (found.speaker === null) found = chainBest.get(chainHead.get(c.index)!) ?? found;
      if (found.speaker === null) found = this.transcriptLabel(c) ?? found;
      if (found.speaker === null) found = this.introducedBefore(c) ?? found;
      const words = countWords(text.slice(c.mark.contentStart, c.mark.contentEnd), MIN_QUOTE_WORDS);
      let cue = found.cue?.text ?? null;
      let speaker = found.speaker?.speaker ?? null;
      if (speaker === null && found.cue === null && this.isUnitInitial(c) && previous?.speaker) {
        // a floating quote right after an attributed one
        if (previous.unit >= c.unit - 1 && !this.hasCue(c.unit)) {
          speaker = previous.speaker;
          cue = previous.cue;
        }
      }
      if (speaker === null && found.cue === null && this.isUnitInitial(c) && previous?.unit !== c.unit - 1) {
        // "…, Roe said.⏎“…”": a quote standing alone right after a sentence that reports someone's words
        const report = this.reportBefore(c);
        if (report !== null) {
          speaker = report.speaker.speaker;
          cue = report.cue.text;
        }
      }
      const kind = this.isUnitInitial(c) || this.introduced(c) ? 'direct' : 'mixed';
      const body = text.slice(c.mark.contentStart, c.mark.contentEnd);
      if (words >= MIN_QUOTE_WORDS) {
        quotes.push({
          text: body,
          span: [c.mark.contentStart, c.mark.contentEnd],
          kind,
          cue,
          speaker,
        });
      }
      // a cue read in the next sentence ("“…?” Clinton said.") moves the attribution there; a short quote
      // ("“Yes,” she said. “We will.”") attributes the sentence as well as a long one
      if (words >= MIN_QUOTE_WORDS || speaker !== null)
        previous = { unit: Math.max(c.unit, found.cue?.unit ?? c.unit), cue, speaker };
    }
    return quotes;
  }

  /** "X said: “…”", "noting, “…”": nothing but punctuation between the cue's clause and the quote. */
  introduced(c: Candidate): boolean {
    const { tokens, layout, cuesByUnit } = this;
    const prev = tokens[c.first - 1];
    if (prev === undefined || layout.quoteOf[c.first - 1] !== -1) return false;
    if (prev.text === ':') return true;
    const cue = (cuesByUnit[c.unit] ?? []).find(
      (k) => k.end === c.first || (k.end === c.first - 1 && prev.text === ','),
    );
    return cue !== undefined;
  }

  hasCue(unit: number): boolean {
    return (this.cuesByUnit[unit]?.length ?? 0) > 0;
  }

  isUnitInitial(c: Candidate): boolean {
    const word = this.layout.firstWord[c.unit]!;
    return word === -1 || word > c.first;
  }

  attributeOwn(c: Candidate): { cue: Cue | null; speaker: Resolved | null } {
    const { layout, article, ctx, cuesByUnit, cueSpeakers } = this;
    const cues = cuesByUnit[c.unit] ?? [];
    // cues are in text order: binary search the first cue at or after the quote
    let lo = 0;
    let hi = cues.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cues[mid]!.token < c.first) lo = mid + 1;
      else hi = mid;
    }
    // a cue inside an earlier cue's reported clause ("told the crowd that he wants “…”") defers to the outer one
    let p = lo - 1;
    while (p > 0 && nestsIn(article, layout, cues[p - 1]!, cues[p]!)) p--;
    // quoted words are someone's words: a view ("Americans think …") quoted inside a report takes the reporter
    if (p > 0 && ctx.lexicon.attitudeVerbs.has(cues[p]!.text)) {
      let k = p - 1;
      while (k >= 0 && ctx.lexicon.attitudeVerbs.has(cues[k]!.text)) k--;
      if (k >= 0 && cues[k]!.kind === 'verb') p = k;
    }
    const pre: Cue | null = cues[p] ?? null;
    let post: Cue | null = null;
    for (let k = lo; k < cues.length; k++) {
      if (cues[k]!.token >= c.last) {
        post = cues[k]!;
        break;
      }
    }
    const initial = this.isUnitInitial(c);
    const order = initial ? [post] : [pre, post];
    for (const cue of order) {
      if (cue === null) continue;
      return { cue, speaker: cueSpeakers.get(cue) ?? null };
    }
    if (initial) {
      const byline = this.dashByline(c);
      return byline.speaker !== null ? byline : this.lookAhead(c);
    }
    const [start] = layout.units[c.unit]!;
    const subject = sentenceSubject(ctx, start, c.first);
    if (subject !== null) return { cue: null, speaker: subject };
    return this.carriedOver(c);
  }

  /** "According to the ministry, …. At the same time, “…”": reported speech running on into a sentence without a cue or subject. */
  carriedOver(c: Candidate): { cue: Cue | null; speaker: Resolved | null } {
    const { tokens, text, layout, article, cuesByUnit, cueSpeakers } = this;
    const none = { cue: null, speaker: null };
    if (this.hasCue(c.unit) || c.unit === 0) return none;
    const [start] = layout.units[c.unit]!;
    const { sentences } = article;
    if (
      sentences[tokens[start]!.sentence]?.paragraph !== sentences[tokens[start - 1]!.sentence]?.paragraph ||
      text.slice(tokens[start - 1]!.end, tokens[start]!.start).includes('\n')
    ) {
      return none;
    }
    const cues = cuesByUnit[c.unit - 1] ?? [];
    // the report itself, not a cue nested in its content ("According to X, the authorities have decided …")
    let last = cues.length - 1;
    while (last > 0 && nestsIn(article, layout, cues[last - 1]!, cues[last]!)) last--;
    const cue = cues[last];
    if (cue === undefined) return none;
    // only reported speech runs on ("According to X, …", "X said that …"), not a cue closing a quotation
    const quoted = layout.firstQuote[c.unit - 1]!;
    if (quoted !== -1 && quoted < cue.token) return none;
    const speaker = cueSpeakers.get(cue) ?? null;
    return speaker === null ? none : { cue, speaker };
  }

  /**
   * "He said:⏎“…”", "Jane Roe made the following comment: “…”": a quote opening its unit right after a clause
   * that ends with a colon takes that clause's cue, else the subject of its verb.
   */
  introducedBefore(c: Candidate): { cue: Cue | null; speaker: Resolved } | null {
    const { tokens, layout, article, ctx, cuesByUnit, cueSpeakers } = this;
    if (c.unit === 0 || !this.isUnitInitial(c) || this.hasCue(c.unit)) return null;
    const [start, end] = layout.units[c.unit - 1]!;
    const colon = tokens[end - 1];
    if (colon?.text !== ':' || end !== c.first || layout.quoteOf[end - 1] !== -1) return null;
    const cues = cuesByUnit[c.unit - 1] ?? [];
    let last = cues.length - 1;
    while (last > 0 && nestsIn(article, layout, cues[last - 1]!, cues[last]!)) last--;
    const cue = cues[last];
    if (cue !== undefined) {
      const speaker = cueSpeakers.get(cue) ?? null;
      return speaker === null ? null : { cue, speaker };
    }
    const subject = sentenceSubject(ctx, start, end - 1);
    return subject === null ? null : { cue: null, speaker: subject };
  }

  /** The reporting cue of the sentence right before a floating quote, with its speaker, when that sentence reports speech. */
  reportBefore(c: Candidate): { cue: Cue; speaker: Resolved } | null {
    const { layout, article, ctx, cuesByUnit, cueSpeakers } = this;
    if (c.unit === 0 || this.hasCue(c.unit)) return null;
    const cues = cuesByUnit[c.unit - 1] ?? [];
    let last = cues.length - 1;
    while (last > 0 && nestsIn(article, layout, cues[last - 1]!, cues[last]!)) last--;
    const cue = cues[last];
    if (cue === undefined || cue.kind !== 'verb' || !ctx.lexicon.verbs.has(cue.text)) return null;
    if (ctx.lexicon.attitudeVerbs.has(cue.text)) return null;
    const speaker = cueSpeakers.get(cue) ?? null;
    return speaker === null ? null : { cue, speaker };
  }

  /** "WALLACE: Let's start …": a transcript line opening with its speaker's name and a colon. */
  transcriptLabel(c: Candidate): { cue: Cue | null; speaker: Resolved } | null {
    const { tokens, text, article, ctx } = this;
    const first = tokenAfter(article, c.mark.contentStart);
    let colon = first;
    while (colon < c.last && colon - first < LABEL_MAX && /^\p{Lu}/u.test(tokens[colon]!.text)) colon++;
    if (colon === first || colon >= c.last || tokens[colon]!.text !== ':') return null;
    let shouted = true;
    for (let k = first; k < colon && shouted; k++) shouted = !/\p{Ll}/u.test(tokens[k]!.text);
    const named = resolveSlot(ctx, first, colon, 'first');
    if (named !== null && named.person) return { cue: null, speaker: named };
    if (!shouted) return null;
    const span: Span = [tokens[first]!.start, tokens[colon - 1]!.end];
    const speaker: Speaker = { name: text.slice(span[0], span[1]), actor: null, span };
    return { cue: null, speaker: { speaker, person: true, roles: new Set(), via: 'name' } };
  }

  /** “… .” ― Jane Doe — a quote signed with a dash and a name that ends the line. */
  dashByline(c: Candidate): { cue: Cue | null; speaker: Resolved | null } {
    const { tokens, text, layout, ctx } = this;
    const none = { cue: null, speaker: null };
    const dash = tokens[c.last];
    if (dash === undefined || c.mark.close === null || !DASHES.test(dash.text)) return none;
    if (text.slice(c.mark.close, dash.start).includes('\n')) return none;
    let end = c.last + 1;
    while (
      end < tokens.length &&
      end - c.last <= BYLINE_MAX &&
      layout.quoteOf[end] === -1 &&
      !text.slice(tokens[end - 1]!.end, tokens[end]!.start).includes('\n')
    )
      end++;
    if (end === c.last + 1 || end - c.last > BYLINE_MAX) return none;
    // the name runs to the end of the line, before any ", 25, of Ohio" description
    let nameEnd = c.last + 1;
    while (nameEnd < end && tokens[nameEnd]!.pos !== 'PUNCT') nameEnd++;
    const speaker = resolveSlot(ctx, c.last + 1, nameEnd, 'first');
    return speaker === null ? none : { cue: null, speaker };
  }

  /** “… .” Sarna said. — a cue split off into the next sentence on the same line. */
  lookAhead(c: Candidate): { cue: Cue | null; speaker: Resolved | null } {
    const { tokens, text, layout, cuesByUnit, cueSpeakers } = this;
    const next = c.unit + 1;
    const unit = layout.units[next];
    if (unit === undefined || c.mark.close === null) return { cue: null, speaker: null };
    const [start, end] = unit;
    if (start !== c.last) return { cue: null, speaker: null };
    if (text.slice(c.mark.close, tokens[start]!.start).includes('\n')) return { cue: null, speaker: null };
    const cue = cuesByUnit[next]?.[0];
    if (cue === undefined || cue.token - start > 6 || cue.kind !== 'verb')
      return { cue: null, speaker: null };
    for (let i = start; i < Math.min(end, cue.token); i++) {
      if (layout.quoteOf[i] !== -1) return { cue: null, speaker: null };
    }
    // the cue clause must end the sentence ("Sarna said." / "he added on Monday.")
    if (end - cue.end > 8) return { cue: null, speaker: null };
    for (let i = cue.end; i < end; i++) {
      if (tokens[i]!.text === ',' || tokens[i]!.lower === 'that' || layout.quoteOf[i] !== -1) {
        return { cue: null, speaker: null };
      }
    }
    return { cue, speaker: cueSpeakers.get(cue) ?? null };
  }
}
