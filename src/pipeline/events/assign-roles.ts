import type { Sentence, Span } from '../../core/index.js';
import { byAgentAfter, isCue, issueKey, preModifier, quoteOfToken } from './build-article-context.js';
import type { ArticleContext } from './build-article-context.js';
import { hasKey } from './match-triggers.js';
import type { TriggerMatch } from './match-triggers.js';
import { TEXT_CUES } from './parse-events-lexicon.js';
import type { EventCues, Frame } from './parse-events-lexicon.js';

export interface RoleArgument {
  readonly code: string;
  readonly text: string;
  readonly span: Span;
}

/** Sources and targets of one trigger, with how they were found. */
export interface Roles {
  readonly sources: readonly RoleArgument[];
  readonly targets: readonly RoleArgument[];
  /** Rule parts: `active`, `passive`, `possessive`, `quote`, `issue`, … */
  readonly how: readonly string[];
  /** Index into `article.quotes` when the source is a quotation's speaker. */
  readonly quote: number | null;
  /** Multiplier on the trigger's confidence for the way the roles were found. */
  readonly confidence: number;
  /** The preposition that introduced the targets (null for a direct object or none). */
  readonly targetPrep: string | null;
}

/** Token positions (a sentence's other trigger heads): only asked whether they hold a position. */
export interface HeadSet {
  has(i: number): boolean;
}

/** Token range `[left, right)` of the clause around a trigger. */
export interface Clause {
  readonly left: number;
  readonly right: number;
}

const UPPER_FIRST = /^\p{Lu}/u;
const LOWER_FIRST = /^\p{Ll}/u;
const SKIPPABLE_BEFORE: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NUM']);
/** Types that react to a proposition: "…, which Havana refused / welcomed / condemned". */
const REACTION_TYPES: ReadonlySet<string> = new Set(['REJECT', 'AGREE', 'SUPPORT', 'ACCUSE']);
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['it', 'them', 'him', 'her']);
const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
const COORDINATORS: ReadonlySet<string> = new Set([',', 'and', 'or', '&']);
const NOMINAL_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'PART', 'DET']);
const QUOTE_MARKS: ReadonlySet<string> = new Set(['"', '“', '”', "'", '‘', '’']);
const BRACKETS: ReadonlySet<string> = new Set(['(', ')', '[', ']']);
const VERBAL_BEFORE: ReadonlySet<string> = new Set([
  'to',
  'will',
  'would',
  'shall',
  'can',
  'could',
  'must',
  'should',
  'may',
  'might',
  "'ll",
  'not',
  "n't",
  'never',
]);
const CLAUSE_CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'but', 'while', 'yet']);
const AFTER_PARTICIPLE: ReadonlySet<string> = new Set([
  'on',
  'against',
  'by',
  'to',
  'in',
  'at',
  'for',
  'over',
  'upon',
  'from',
]);
const RELATIVES: ReadonlySet<string> = new Set(['who', 'which', 'whom']);
const ANTECEDENT_GAP: ReadonlySet<string> = new Set([
  ',',
  'of',
  'all',
  'both',
  'each',
  'most',
  'some',
  'many',
  'several',
  'none',
]);

/**
 * How a trigger reads: a noun ("the annexation", "sanctions against") or a verb. A noun-tagged
 * word after "to" or a modal is a verb ("will continue to support Ukraine").
 *
 * @example
 * frameOf(ctx, match); // 'noun'
 */
export function frameOf(ctx: ArticleContext, match: TriggerMatch): Frame {
  const head = ctx.tokens[match.head]!;
  let p = match.head - 1;
  while (p >= 0 && (QUOTE_MARKS.has(ctx.tokens[p]!.lower) || ctx.tokens[p]!.pos === 'ADV')) p--;
  const prev = p >= 0 ? ctx.tokens[p] : undefined;
  if (prev && prev.sentence === head.sentence && VERBAL_BEFORE.has(prev.lower)) return 'verb';
  if (match.entry.frame === 'noun' || head.pos === 'NOUN' || head.pos === 'PROPN') return 'noun';
  return 'verb';
}

/**
 * Whether token `i` ends a clause ("which", "while", ";", "as" but not "as well as" / "such as").
 * "after"/"before"/"since" end it even as prepositions: "accused Russia … after the referendums in
 * Ukraine" must not find its target in the time phrase. The boundary words (`cues.hardBoundaries`)
 * are read with the token's senses (`WordSense.cues`).
 *
 * @example
 * isHardBoundary(ctx, indexOfWhich); // true
 */
export function isHardBoundary(ctx: ArticleContext, i: number): boolean {
  if (!isCue(ctx, i, TEXT_CUES.hardBoundaries)) return false;
  const tok = ctx.tokens[i]!;
  if (tok.lower === 'as') {
    const prev = ctx.tokens[i - 1]?.lower;
    const next = ctx.tokens[i + 1]?.lower;
    if (
      prev === 'such' ||
      prev === 'well' ||
      next === 'well' ||
      next === 'part' ||
      next === 'much' ||
      next === 'many'
    )
      return false;
  }
  return true;
}

/**
 * The clause around a trigger: from the last hard boundary before it to the first after it,
 * clamped to the direct quotation that holds the trigger.
 *
 * @example
 * findClause(ctx, sentence, match); // { left: 12, right: 25 }
 */
export function findClause(ctx: ArticleContext, sentence: Sentence, match: TriggerMatch): Clause {
  let left = sentence.tokenStart;
  for (let i = match.start - 1; i >= sentence.tokenStart; i--) {
    if (isHardBoundary(ctx, i)) {
      left = i + 1;
      break;
    }
  }
  let right = sentence.tokenEnd;
  for (let i = match.end; i < sentence.tokenEnd; i++) {
    if (isHardBoundary(ctx, i)) {
      right = i;
      break;
    }
  }
  const q = quoteOfToken(ctx, match.head);
  const quote = q === -1 ? undefined : ctx.article.quotes[q];
  if (quote?.kind === 'direct') {
    while (left < match.start && ctx.tokens[left]!.end <= quote.span[0]) left++;
    while (right > match.end && ctx.tokens[right - 1]!.start >= quote.span[1]) right--;
  }
  return { left, right };
}

function argumentOf(ctx: ArticleContext, m: number): RoleArgument {
  const am = ctx.actorMentions[m]!;
  return { code: am.code, text: am.mention.text, span: am.mention.span };
}

/** The mention index at token `i`, or -1. */
function mentionAt(ctx: ArticleContext, i: number): number {
  return i >= 0 && i < ctx.mentionOfToken.length ? ctx.mentionOfToken[i]! : -1;
}

/**
 * Whether a mention reads as a clause subject: not inside a prepositional phrase and not the
 * object of an earlier verb (a reporting verb's complement subject is fine: "said Kurdish forces withdrew").
 */
function isSubjectLike(
  ctx: ArticleContext,
  m: number,
  left: number,
  cues: EventCues,
  before: number,
): boolean {
  const am = ctx.actorMentions[m]!;
  // a name may follow the nouns that class it ("the Russian mercenary company Wagner"): they are
  // read through to what stands before the whole phrase
  const named = UPPER_FIRST.test(ctx.tokens[am.tokenStart]!.text);
  let p = am.tokenStart - 1;
  for (let skipped = 0; p >= left && skipped < 5; skipped++, p--) {
    const tok = ctx.tokens[p]!;
    if (SKIPPABLE_BEFORE.has(tok.pos) || POSSESSIVE_PRONOUNS.has(tok.lower) || QUOTE_MARKS.has(tok.lower))
      continue;
    if (named && tok.pos === 'NOUN' && LOWER_FIRST.test(tok.text)) continue;
    // an adjectival demonym ("the Russian company Wagner")
    const before = ctx.mentionOfToken[p]!;
    if (named && before !== -1 && ctx.actorMentions[before]!.mention.kind === 'demonym') continue;
    break;
  }
  if (p < left) return true;
  const tok = ctx.tokens[p]!;
  if ((tok.lower === 'of' || tok.lower === 'by') && headsAgentPhrase(ctx, p, left, cues)) return true;
  if (cues.subjectBlockers.has(tok.lower)) return false;
  if (tok.pos === 'ADP') return false;
  if (tok.pos === 'VERB')
    return (
      cues.reportingVerbs.has(tok.lower) ||
      cues.reportingVerbs.has(ctx.lemmas[p]!) ||
      controlsInfinitive(ctx, am.tokenEnd, before)
    );
  return true;
}

/** Words of a noun phrase read back through by headsAgentPhrase. */
const PHRASE_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM']);

/**
 * Whether the "of"/"by" at `p` hangs on a noun phrase that opens the clause and is headed by an
 * agent noun ("The declaration by the Commission of International Relations of the Cuban
 * Parliament urged …", "The leader of the group threatened …"): the actor inside it is the subject.
 */
function headsAgentPhrase(ctx: ArticleContext, p: number, left: number, cues: EventCues): boolean {
  let agent = false;
  let q = p - 1;
  for (; q >= left; q--) {
    const tok = ctx.tokens[q]!;
    if (tok.lower === 'of' || tok.lower === 'by') continue;
    if (!PHRASE_POS.has(tok.pos) && ctx.mentionOfToken[q] === -1) break;
    if (cues.agentNouns.has(tok.lower) || cues.agentNouns.has(ctx.lemmas[q]!)) agent = true;
  }
  return agent && (q < left || ctx.tokens[q]!.lower === ',');
}

/** "prompted NATO at its summit to order …": an object followed by "to" + verb is that verb's subject. */
function controlsInfinitive(ctx: ArticleContext, from: number, before: number): boolean {
  const next = ctx.tokens[from];
  if (!next || next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'PART') return false; // "his opposition to …" modifies a noun
  for (let i = from; i < before; i++) {
    const tok = ctx.tokens[i]!;
    if (tok.lower === 'to' && ctx.tokens[i + 1]?.pos === 'VERB') return true;
    if (tok.pos === 'VERB' || tok.pos === 'AUX' || tok.lower === ',') return false;
  }
  return false;
}

/**
 * The mention and its coordinated siblings ("the US, UK and France"); commas alone make no list
 * ("in Paris, the United States"). A phrase that stands for several actors ("the two sides")
 * brings them all.
 */
function coordinationGroup(ctx: ArticleContext, m: number, left: number, right: number): number[] {
  const group = listOf(ctx, m, left, right);
  if (group.every((g) => ctx.actorMentions[g]!.siblings.length === 0)) return group;
  return group.flatMap((g) => [g, ...ctx.actorMentions[g]!.siblings]);
}

function listOf(ctx: ArticleContext, m: number, left: number, right: number): number[] {
  const group = [m];
  let conjunction = false;
  // forward
  for (let cur = m; ;) {
    const next = nextConjunct(ctx, ctx.actorMentions[cur]!.tokenEnd, right, 1);
    if (next === -1) break;
    if (hasConjunction(ctx, ctx.actorMentions[cur]!.tokenEnd, ctx.actorMentions[next]!.tokenStart))
      conjunction = true;
    group.push(next);
    cur = next;
  }
  // backward
  for (let cur = m; ;) {
    const prev = nextConjunct(ctx, ctx.actorMentions[cur]!.tokenStart - 1, left - 1, -1);
    if (prev === -1) break;
    if (hasConjunction(ctx, ctx.actorMentions[prev]!.tokenEnd, ctx.actorMentions[cur]!.tokenStart))
      conjunction = true;
    group.unshift(prev);
    cur = prev;
  }
  // "France, the UK, Germany and other countries": the list closes with an unnamed member
  if (group.length > 2) {
    const end = ctx.actorMentions[group[group.length - 1]!]!.tokenEnd;
    if (hasConjunction(ctx, end, Math.min(right, end + 1))) conjunction = true;
  }
  if (conjunction) return group;
  // only commas: keep the apposition of the same actor ("the head of US diplomacy, Antony Blinken"), drop the rest
  const code = ctx.actorMentions[m]!.code;
  return group.filter(
    (g) =>
      g === m ||
      (ctx.actorMentions[g]!.code === code &&
        Math.abs(ctx.actorMentions[g]!.tokenStart - ctx.actorMentions[m]!.tokenStart) < 12),
  );
}

/** Whether the tokens between `a` and `b` (either order) hold "and", "or", "&" or "(as) well (as)". */
function hasConjunction(ctx: ArticleContext, a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) {
    const lower = ctx.tokens[i]!.lower;
    if (lower === 'and' || lower === 'or' || lower === '&' || lower === 'well') return true;
  }
  return false;
}

function nextConjunct(ctx: ArticleContext, from: number, limit: number, step: 1 | -1): number {
  let i = from;
  let sawConnector = false;
  let skipped = 0;
  while (step === 1 ? i < limit : i > limit) {
    const m = mentionAt(ctx, i);
    if (m !== -1) {
      if (sawConnector) return m;
      // apposition of the same actor: "the National Liberation Army [ELN]"
      const here = ctx.actorMentions[m]!;
      const from0 = step === 1 ? from - 1 : from + 1;
      const origin = mentionAt(ctx, from0);
      return origin !== -1 && ctx.actorMentions[origin]!.code === here.code && skipped <= 1 ? m : -1;
    }
    const tok = ctx.tokens[i]!;
    if (BRACKETS.has(tok.lower)) {
      skipped++;
    } else if (
      COORDINATORS.has(tok.lower) ||
      (tok.lower === 'well' && ctx.tokens[i - step]?.lower === 'as')
    ) {
      sawConnector = true;
    } else if (
      tok.lower === 'as' &&
      (ctx.tokens[i + step]?.lower === 'well' || ctx.tokens[i - step]?.lower === 'well')
    ) {
      sawConnector = true;
    } else if (
      NOMINAL_POS.has(tok.pos) ||
      QUOTE_MARKS.has(tok.lower) ||
      tok.lower === '-' ||
      tok.lower === '(' ||
      tok.lower === ')'
    ) {
      if (++skipped > 4) return -1;
      if (sawConnector && step === 1 && tok.pos === 'NOUN' && skipped > 2) return -1;
    } else {
      return -1;
    }
    i += step;
  }
  return -1;
}

function isPassive(
  ctx: ArticleContext,
  match: TriggerMatch,
  frame: Frame,
  clause: Clause,
  cues: EventCues,
): 'aux' | 'reduced' | null {
  if (frame !== 'verb') return null;
  const head = ctx.tokens[match.head]!;
  if (head.pos !== 'VERB') return null;
  let p = match.head - 1;
  while (
    p >= clause.left &&
    p > match.head - 4 &&
    (ctx.tokens[p]!.pos === 'ADV' || ctx.tokens[p]!.pos === 'PART')
  )
    p--;
  if (head.lower.endsWith('ing')) return null;
  if (p >= clause.left && cues.passiveAuxiliaries.has(ctx.tokens[p]!.lower)) return 'aux';
  const participle = head.lower.endsWith('ed') || head.lower.endsWith('en');
  if (!participle || p < clause.left) return null;
  const before = ctx.tokens[p]!;
  if (
    before.pos !== 'NOUN' &&
    before.pos !== 'PROPN' &&
    before.lower !== ',' &&
    before.lower !== 'or' &&
    before.lower !== 'and'
  )
    return null;
  // "territories illegally annexed or occupied by Russia": only adverbs and verbs before "by"
  for (let i = match.end; i < Math.min(clause.right, match.end + 6); i++) {
    const tok = ctx.tokens[i]!;
    if (tok.lower === 'by') {
      return mentionAt(ctx, i + 1) !== -1 || mentionAt(ctx, i + 2) !== -1 ? 'reduced' : null;
    }
    if (tok.pos !== 'ADV' && tok.pos !== 'CCONJ' && tok.pos !== 'VERB' && tok.pos !== 'PART') return null;
  }
  return null;
}

/** Words an agent phrase may have before its actor: "by senior representatives of". */
const AGENT_PHRASE_POS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'ADV', 'NUM']);

/** First mention introduced by `by` after the trigger, in the clause. */
function byAgent(ctx: ArticleContext, from: number, right: number): number {
  for (let i = from; i < Math.min(right, from + 8); i++) {
    if (ctx.tokens[i]!.lower !== 'by') continue;
    // "by Russia", "by the Russian army", "by representatives of the Seleka rebel coalition"
    for (let q = i + 1; q < Math.min(right, i + 9); q++) {
      const m = mentionAt(ctx, q);
      if (m !== -1) return m;
      const tok = ctx.tokens[q]!;
      if (!AGENT_PHRASE_POS.has(tok.pos) && tok.lower !== 'of' && tok.lower !== 'from') break;
    }
    return -1;
  }
  return -1;
}

function findSubject(
  ctx: ArticleContext,
  before: number,
  clause: Clause,
  cues: EventCues,
  otherHeads: HeadSet,
  stopAtHeads: boolean,
): number {
  const ownQuote = ctx.directQuoteOfToken[before] ?? -1;
  for (let i = before - 1; i >= clause.left; i--) {
    if (stopAtHeads && otherHeads.has(i)) return -1;
    const m = mentionAt(ctx, i);
    if (m === -1) continue;
    if (ctx.directQuoteOfToken[i] !== -1 && ctx.directQuoteOfToken[i] !== ownQuote) continue; // words someone said are not the subject here
    // judge the first conjunct: "burn the French, US & British flags" is an object throughout;
    // an apposition of the same actor ("the head of US diplomacy, Antony Blinken") is no list
    const code = ctx.actorMentions[m]!.code;
    const first =
      coordinationGroup(ctx, m, clause.left, before).find((g) => ctx.actorMentions[g]!.code !== code) ?? m;
    if (isSubjectLike(ctx, first, clause.left, cues, before)) return m;
    i = ctx.actorMentions[first]!.tokenStart;
  }
  return -1;
}

function isStop(ctx: ArticleContext, i: number, complement: boolean, nominal: boolean): boolean {
  const tok = ctx.tokens[i]!;
  // ", and the United States …": a new clause
  if (tok.lower === ',' && CLAUSE_CONJUNCTIONS.has(ctx.tokens[i + 1]?.lower ?? '')) return true;
  if (complement) return false;
  // "the sanctions got results": the noun is the subject of the next verb (but "sanctions imposed on" goes on)
  if (
    nominal &&
    tok.pos === 'VERB' &&
    ctx.tokens[i - 1]?.lower !== 'to' &&
    !tok.lower.endsWith('ing') &&
    !AFTER_PARTICIPLE.has(ctx.tokens[i + 1]?.lower ?? '')
  ) {
    return true;
  }
  if (tok.pos === 'AUX') return true;
  if (tok.lower === 'that' && tok.pos !== 'DET' && tok.pos !== 'PRON') return true;
  if (tok.pos === 'VERB') {
    const prev = ctx.tokens[i - 1];
    if (prev && (prev.lower === 'and' || prev.lower === 'but' || prev.lower === ',' || prev.pos === 'PRON'))
      return true;
  }
  return false;
}

/**
 * The codes of some role arguments (a few: a scan beats a set). The arguments are read, never
 * changed, so the codes are those they had when it was made.
 */
class CodesOf {
  constructor(private readonly args: readonly RoleArgument[]) {}

  has(code: string): boolean {
    for (const a of this.args) if (a.code === code) return true;
    return false;
  }
}

interface TargetScan {
  readonly targets: number[];
  readonly issue: RoleArgument | null;
  readonly prep: string | null;
}

function scanTargets(
  ctx: ArticleContext,
  match: TriggerMatch,
  clause: Clause,
  cues: EventCues,
  sourceCodes: CodesOf,
  skipBy: boolean,
  nominal: boolean,
  passive: boolean,
): TargetScan {
  let locative = false;
  let prep: string | null = null;
  let issueAt = -1;
  let issuePlace = -1;
  let object = false;
  const inMatch = match.words; // one to three positions
  // after a passive verb only a close "to/against X" can be the target ("aid was sent to Ukraine by …")
  const limit = Math.min(clause.right, match.end + (passive ? 5 : 16));
  for (let i = match.head + 1; i < limit; i++) {
    if (!inMatch.includes(i) && i >= match.end && isStop(ctx, i, match.entry.complement, nominal)) break;
    // "blocking the delivery of aid in an attempt to force the U.S.": a purpose clause after the object
    if (
      object &&
      !nominal &&
      !match.entry.complement &&
      ctx.tokens[i]!.lower === 'to' &&
      ctx.tokens[i + 1]?.pos === 'VERB'
    )
      break;
    if (i >= match.end && ctx.tokens[i]!.pos === 'NOUN') object = true;
    const m = mentionAt(ctx, i);
    if (m !== -1) {
      const am = ctx.actorMentions[m]!;
      const skip =
        (prep === 'by' && skipBy) ||
        (locative && !match.entry.locative) ||
        sourceCodes.has(am.code) ||
        (issueAt !== -1 && prep === 'of' && ctx.issueAgents.has(issueKey(ctx, issueAt) ?? ''));
      if (!skip) {
        const group = coordinationGroup(ctx, m, match.end, clause.right).filter(
          (g) => !sourceCodes.has(ctx.actorMentions[g]!.code),
        );
        return { targets: group, issue: null, prep };
      }
      if (locative && issueAt !== -1 && issuePlace === -1 && !sourceCodes.has(am.code)) issuePlace = m;
      i = am.tokenEnd - 1;
      continue;
    }
    const tok = ctx.tokens[i]!;
    const particle = i > match.end && ctx.tokens[i - 1]!.pos === 'VERB' && !inMatch.includes(i - 1); // "head off", "set up"
    if (particle) {
      continue;
    } else if (isCue(ctx, i, TEXT_CUES.locativePrepositions) && !inMatch.includes(i)) {
      // a preposition the trigger names ("fire … shells at") introduces its target, not a place
      locative = true;
      prep = tok.lower;
    } else if (isCue(ctx, i, TEXT_CUES.targetPrepositions)) {
      if (tok.lower !== 'of') locative = false;
      prep = tok.lower;
    } else if (issueAt === -1 && !inMatch.includes(i) && issueKey(ctx, i) !== null) {
      issueAt = i;
    }
  }
  if (issueAt !== -1 && match.entry.mutual === 'none' && cues.issueTargetTypes.has(match.entry.type)) {
    const agent = ctx.issueAgents.get(issueKey(ctx, issueAt) ?? '');
    if (agent && !sourceCodes.has(agent.code)) {
      const tok = ctx.tokens[issueAt]!;
      return {
        targets: [],
        issue: { code: agent.code, text: tok.text, span: [tok.start, tok.end] },
        prep: null,
      };
    }
    // "condemned the detention of a reporter in Russia": the place of an issue with no named agent
    if (!agent && issuePlace !== -1) return { targets: [], issue: argumentOf(ctx, issuePlace), prep: null };
  }
  return { targets: [], issue: null, prep: null };
}

function isParticipialAdjunct(ctx: ArticleContext, match: TriggerMatch, sentence: Sentence): boolean {
  const head = ctx.tokens[match.head]!;
  return (
    match.head === match.start &&
    match.start > sentence.tokenStart &&
    head.lower.endsWith('ing') &&
    ctx.tokens[match.start - 1]!.lower === ','
  );
}

/** The subject of a sentence's first verb: what a participle adjunct or a second verb phrase shares. */
function sentenceSubject(
  ctx: ArticleContext,
  sentence: Sentence,
  cues: EventCues,
  otherHeads: HeadSet,
): number {
  const whole = { left: sentence.tokenStart, right: sentence.tokenEnd };
  return findSubject(ctx, firstVerb(ctx, sentence), whole, cues, otherHeads, false);
}

/** Conjunctions that join a second verb phrase to the first one's subject. */
const VP_COORDINATORS: ReadonlySet<string> = new Set(['but', 'and', 'yet']);

/**
 * Whether the trigger opens a verb phrase coordinated after "but"/"and" with no subject of its own:
 * only adverbs and auxiliaries stand between the conjunction and the trigger, and the sentence's
 * first verb comes before the conjunction (its subject is the one shared).
 */
function sharesSubject(
  ctx: ArticleContext,
  sentence: Sentence,
  clause: Clause,
  match: TriggerMatch,
): boolean {
  let c = clause.left - 1;
  if (c <= sentence.tokenStart || !VP_COORDINATORS.has(ctx.tokens[c]!.lower)) return false;
  for (let i = clause.left; i < match.start; i++) {
    const pos = ctx.tokens[i]!.pos;
    if (pos !== 'ADV' && pos !== 'AUX' && pos !== 'PART') return false;
  }
  if (ctx.tokens[c - 1]?.lower === ',') c--;
  return firstVerb(ctx, sentence) < c;
}

/** Index of the first verb or auxiliary of a sentence (its end when there is none). */
function firstVerb(ctx: ArticleContext, sentence: Sentence): number {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const pos = ctx.tokens[i]!.pos;
    if (pos === 'VERB' || pos === 'AUX') return i;
  }
  return sentence.tokenEnd;
}

/** "the annexation of …" names someone's act; "in close cooperation with …" is the speaker's own stance. */
function determined(ctx: ArticleContext, match: TriggerMatch): boolean {
  for (let p = match.start - 1; p >= 0 && p > match.start - 4; p--) {
    const tok = ctx.tokens[p]!;
    if (tok.pos === 'DET') return true;
    if (tok.pos !== 'ADJ' && tok.pos !== 'ADV') return false;
  }
  return false;
}

/** "the decision to annex": an infinitive that completes a noun reports no act of its own. */
function governedByNoun(ctx: ArticleContext, match: TriggerMatch): boolean {
  let p = match.start - 1;
  if (ctx.tokens[p]?.lower !== 'to') return false;
  p--;
  const tok = ctx.tokens[p];
  return tok !== undefined && (tok.pos === 'NOUN' || tok.pos === 'PROPN');
}

/** May a noun trigger take the subject of its clause as source? Only as the object of a plain verb ("announced new sanctions") or after "its/their". */
function nounTakesSubject(
  ctx: ArticleContext,
  match: TriggerMatch,
  clause: Clause,
  otherHeads: HeadSet,
): boolean {
  let determiner = false;
  for (let p = match.start - 1, n = 0; p >= clause.left && n < 6; p--, n++) {
    const tok = ctx.tokens[p]!;
    if (POSSESSIVE_PRONOUNS.has(tok.lower)) return true;
    if (otherHeads.has(p)) return false;
    if (tok.pos === 'VERB') return true;
    if (tok.lower === 'in') return !determiner; // "in close coordination with": a manner phrase of the subject
    if (tok.pos === 'DET') determiner = true;
    if (mentionAt(ctx, p) !== -1) return false;
    if (
      tok.pos === 'DET' ||
      tok.pos === 'ADJ' ||
      tok.pos === 'NUM' ||
      tok.pos === 'NOUN' ||
      tok.lower === 'of' ||
      QUOTE_MARKS.has(tok.lower)
    )
      continue;
    return false;
  }
  return false;
}

/**
 * Finds the source and target actors of a trigger inside its clause: subject before and object
 * after (active), `by X` and subject (passive), possessive or adjective before a noun
 * ("Russia's annexation of"), coordinated actors, the speaker of a quotation, and the actor behind
 * an issue noun ("rejected the referendums" → who held them).
 *
 * @example
 * assignRoles(ctx, sentence, match, cues, new Set()); // { sources: [{ code: 'JPN', … }], targets: [{ code: 'RUS', … }], how: ['active'] }
 */
export function assignRoles(
  ctx: ArticleContext,
  sentence: Sentence,
  match: TriggerMatch,
  clause: Clause,
  cues: EventCues,
  otherHeads: HeadSet,
): Roles {
  const how: string[] = [];
  let confidence = 1;
  let sources: number[] = [];
  let targets: number[] = [];
  let skipBy = false;
  let targetPrep: string | null = null;
  const frame = frameOf(ctx, match);
  const passive = match.entry.agentAfter ? 'aux' : isPassive(ctx, match, frame, clause, cues);
  if (match.entry.agentAfter) {
    // "Mali's use of Wagner has been met with criticism in France, the UK and Germany"
    how.push('agent-after');
    for (let i = match.end; i < Math.min(clause.right, match.end + 4) && sources.length === 0; i++) {
      const agent = mentionAt(ctx, i);
      if (agent !== -1) sources = coordinationGroup(ctx, agent, match.end, clause.right);
    }
    const patient = findSubject(ctx, match.start, clause, cues, otherHeads, false);
    if (patient !== -1) targets = coordinationGroup(ctx, patient, clause.left, match.start);
  } else if (passive !== null) {
    how.push('passive');
    skipBy = true;
    const agent = byAgent(ctx, match.head + 1, clause.right);
    if (agent !== -1) sources = coordinationGroup(ctx, agent, match.head + 1, clause.right);
    let patient = -1;
    if (passive === 'aux') patient = findSubject(ctx, match.start, clause, cues, otherHeads, false);
    else {
      for (let i = match.start - 1; i >= Math.max(clause.left, match.start - 6) && patient === -1; i--)
        patient = mentionAt(ctx, i);
    }
    if (patient !== -1) targets = coordinationGroup(ctx, patient, clause.left, match.start);
    if (
      sources.length === 0 &&
      targets.length > 0 &&
      (ctx.tokens[match.end]?.lower === 'with' || ctx.tokens[match.end - 1]!.lower === 'with')
    ) {
      // "the move was coordinated with Britain": the subject's actor acts with the "with" party
      how.push('with-party');
      sources = targets;
      targets = [];
    }
  } else {
    if (frame === 'noun') {
      const pre = preModifier(ctx, match.start, clause.left);
      const by = byAgentAfter(ctx, sentence, match.end - 1);
      if (pre !== -1) {
        how.push('possessive');
        sources = coordinationGroup(ctx, pre, clause.left, match.start);
      } else if (by !== -1) {
        how.push('by-agent');
        skipBy = true;
        sources = coordinationGroup(ctx, by, match.end, clause.right);
      }
    }
    if (sources.length === 0 && (frame === 'verb' || nounTakesSubject(ctx, match, clause, otherHeads))) {
      const subject = findSubject(ctx, match.start, clause, cues, otherHeads, frame === 'noun');
      if (subject !== -1) {
        how.push(frame === 'noun' ? 'nominal-subject' : 'active');
        sources = coordinationGroup(ctx, subject, clause.left, match.start);
        const partner = comitative(ctx, ctx.actorMentions[subject]!.tokenEnd, match.start);
        if (partner !== -1 && !sources.includes(partner)) sources.push(partner);
      } else if (frame === 'verb' && isParticipialAdjunct(ctx, match, sentence)) {
        // "…, criticizing the drills": a participle after a comma has the sentence's subject
        const main = sentenceSubject(ctx, sentence, cues, otherHeads);
        if (main !== -1) {
          how.push('adjunct');
          sources = coordinationGroup(ctx, main, sentence.tokenStart, match.start);
        }
      } else if (
        frame === 'verb' &&
        clause.left > sentence.tokenStart &&
        RELATIVES.has(ctx.tokens[clause.left - 1]!.lower)
      ) {
        // "…, Juan Manuel Santos, who had signed …", "Britain and Spain, all of whom have expelled …": the antecedent
        let p = clause.left - 2;
        while (p >= sentence.tokenStart && ANTECEDENT_GAP.has(ctx.tokens[p]!.lower)) p--;
        const antecedent = mentionAt(ctx, p);
        if (antecedent !== -1) {
          how.push('relative');
          sources = coordinationGroup(ctx, antecedent, sentence.tokenStart, p + 1);
        }
      } else if (frame === 'verb' && sharesSubject(ctx, sentence, clause, match)) {
        // "Orbán had opposed the talks, but agreed to step out": a verb phrase after "but" with no
        // subject of its own has the sentence's subject
        const main = sentenceSubject(ctx, sentence, cues, otherHeads);
        if (main !== -1) {
          how.push('shared-subject');
          confidence *= 0.9;
          sources = coordinationGroup(ctx, main, sentence.tokenStart, clause.left);
        }
      }
    }
  }

  let sourceArgs: RoleArgument[] = sources.map((m) => argumentOf(ctx, m));
  let quote: number | null = null;
  const q = quoteOfToken(ctx, match.head);
  const speaker = q === -1 ? null : (ctx.article.quotes[q]!.speaker ?? null);
  const firstPerson = sourceArgs.length > 0 && allFirstPerson(sourceArgs, cues.firstPerson);
  const speakerActs =
    firstPerson ||
    (sourceArgs.length === 0 &&
      ctx.article.quotes[q]?.kind !== 'indirect' &&
      (frame === 'verb' ? !governedByNoun(ctx, match) : !determined(ctx, match)));
  if (speaker?.actor && speakerActs) {
    sourceArgs = [
      { code: speaker.actor, text: speaker.name, span: speaker.span ?? ctx.article.quotes[q]!.span },
    ];
    quote = q;
    how.push('quote');
    confidence *= 0.9;
  } else if (q !== -1 && sourceArgs.length > 0) {
    quote = q;
  }

  const sourceCodes = new CodesOf(sourceArgs);
  let targetArgs: RoleArgument[] = targets.map((m) => argumentOf(ctx, m));
  if (passive === null || targetArgs.length === 0) {
    const scan = scanTargets(
      ctx,
      match,
      clause,
      cues,
      sourceCodes,
      skipBy,
      frame === 'noun',
      passive !== null,
    );
    targetPrep = scan.prep;
    if (scan.targets.length > 0) targetArgs = scan.targets.map((m) => argumentOf(ctx, m));
    else if (scan.issue && targetArgs.length === 0) {
      targetArgs = [scan.issue];
      how.push('issue');
      confidence *= 0.75;
    }
  }
  if (
    targetArgs.length === 0 &&
    sourceArgs.length > 0 &&
    REACTION_TYPES.has(match.entry.type) &&
    clause.left > sentence.tokenStart + 1 &&
    ctx.tokens[clause.left - 1]!.lower === 'which' &&
    ctx.tokens[clause.left - 2]!.lower === ','
  ) {
    // "…asked Cuba to extradite them, which Havana refused": a reaction to what the main clause's
    // subject did is aimed at that subject
    const main = findSubject(
      ctx,
      firstVerb(ctx, sentence),
      { left: sentence.tokenStart, right: clause.left - 2 },
      cues,
      otherHeads,
      false,
    );
    if (main !== -1 && !sourceCodes.has(ctx.actorMentions[main]!.code)) {
      targetArgs = coordinationGroup(ctx, main, sentence.tokenStart, clause.left - 2).map((g) =>
        argumentOf(ctx, g),
      );
      how.push('reaction-to-subject');
      confidence *= 0.8;
    }
  }
  if (targetArgs.length === 0 && sourceArgs.length > 0 && isParticipialAdjunct(ctx, match, sentence)) {
    // "imposed sanctions on Wagner, accusing it of …": the pronoun object of a participle after a
    // comma is the main clause's object, the last actor before the comma other than the source
    const pronoun = ctx.tokens[match.end]?.lower ?? ctx.tokens[match.head + 1]?.lower;
    if (pronoun !== undefined && OBJECT_PRONOUNS.has(pronoun)) {
      for (let i = match.start - 2; i >= sentence.tokenStart; i--) {
        const m = mentionAt(ctx, i);
        if (m === -1) continue;
        if (sourceCodes.has(ctx.actorMentions[m]!.code)) break;
        targetArgs = coordinationGroup(ctx, m, sentence.tokenStart, match.start - 1).map((g) =>
          argumentOf(ctx, g),
        );
        how.push('pronoun-object');
        confidence *= 0.85;
        break;
      }
    }
  }
  // an unnamed crowd, whether the actors stage coded it as protesters or left it out
  const protesters = sourceArgs.length > 0 && sourceArgs.every((s) => s.code === cues.protesterCode);
  if ((sourceArgs.length === 0 && cues.crowdTypes.has(match.entry.type)) || protesters) {
    const crowd = crowdSource(ctx, sentence, match, clause, cues, targetArgs, otherHeads);
    if (crowd && (sourceArgs.length === 0 || crowd.how === 'crowd-country')) {
      how.push(crowd.how);
      confidence *= 0.8;
      sourceArgs = [crowd.source];
      if (crowd.target) targetArgs = [crowd.target];
      targetArgs = targetArgs.filter((t) => t.code !== crowd.source.code);
    }
  }
  if (
    sourceArgs.length === 0 &&
    (passive !== null || frame === 'noun') &&
    cues.placeAgentTypes.has(match.entry.type)
  ) {
    // "the arrest of Iranian nationals in the UK", "the moves were welcomed in Washington"
    const place = placeAfter(ctx, match, clause);
    if (place !== null && targetArgs.some((t) => t.code !== place.code)) {
      how.push('place-agent');
      confidence *= 0.75;
      sourceArgs = [place];
      targetArgs = targetArgs.filter((t) => t.code !== place.code);
    }
  }
  targetArgs = targetArgs.filter((t) => !sourceCodes.has(t.code) || match.entry.mutual !== 'none');
  return { sources: sourceArgs, targets: targetArgs, how, quote, confidence, targetPrep };
}

/** Tokens after a trigger searched for the place it happens in. */
/**
 * Whether every argument is a first-person pronoun ("we", "I"): a source that is the speaker of the
 * quotation it is in. A text longer than the longest pronoun is no pronoun, and is not lower-cased
 * to be looked up (lower-casing never shortens a text).
 */
function allFirstPerson(args: readonly RoleArgument[], pronouns: ReadonlySet<string>): boolean {
  const longest = longestOf(pronouns);
  for (const arg of args)
    if (arg.text.length > longest || !pronouns.has(arg.text.toLowerCase())) return false;
  return true;
}

/** The length of the longest word of each cue set asked about: one set per lexicon. */
const LONGEST = new WeakMap<ReadonlySet<string>, number>();

function longestOf(words: ReadonlySet<string>): number {
  let longest = LONGEST.get(words);
  if (longest === undefined) {
    longest = 0;
    for (const word of words) longest = Math.max(longest, word.length);
    LONGEST.set(words, longest);
  }
  return longest;
}

const PLACE_WINDOW = 8;

/**
 * The state an agentless act happens in: the first country or capital after "in" within a few
 * tokens after the trigger, in its clause ("held in the UK", "welcomed in Washington").
 */
function placeAfter(ctx: ArticleContext, match: TriggerMatch, clause: Clause): RoleArgument | null {
  const end = Math.min(clause.right, match.end + PLACE_WINDOW);
  for (let i = match.end; i < end - 1; i++) {
    if (ctx.tokens[i]!.lower !== 'in') continue;
    let j = i + 1;
    while (j < end && ctx.tokens[j]!.pos === 'DET') j++;
    const m = mentionAt(ctx, j);
    if (m === -1) continue;
    const kind = ctx.actorMentions[m]!.mention.kind;
    if (kind === 'country' || kind === 'capital') return argumentOf(ctx, m);
  }
  return null;
}

/** "its troops, along with their Chinese counterparts, have withdrawn": a partner who acts with the subject. */
function comitative(ctx: ArticleContext, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    const tok = ctx.tokens[i]!;
    const next = ctx.tokens[i + 1]!;
    const opens = (tok.lower === 'along' || tok.lower === 'together') && next.lower === 'with';
    if (!opens && tok.lower !== 'alongside') continue;
    for (let j = i + (opens ? 2 : 1), n = 0; j < to && n < 4; j++, n++) {
      const m = mentionAt(ctx, j);
      if (m !== -1) return m;
      const t = ctx.tokens[j]!;
      if (t.pos !== 'DET' && t.pos !== 'ADJ' && !POSSESSIVE_PRONOUNS.has(t.lower)) break;
    }
  }
  return -1;
}

/**
 * Who protests when a crowd does ("Thousands rallied in Niamey against France"): demonstrators
 * acting on a foreign state are coded as the country they gather in; with no foreign target they
 * protest their own state, as `NSA:Protesters` (ONTOLOGY.md and the gold conventions).
 */
function crowdSource(
  ctx: ArticleContext,
  sentence: Sentence,
  match: TriggerMatch,
  clause: Clause,
  cues: EventCues,
  targets: readonly RoleArgument[],
  otherHeads: HeadSet,
): { source: RoleArgument; target: RoleArgument | null; how: string } | null {
  const protest = match.entry.type === 'PROTEST';
  let crowd = -1;
  for (let i = match.start - 1; i >= clause.left && crowd === -1; i--) {
    if (hasKey(ctx.tokens[i]!, cues.crowds)) crowd = i;
  }
  if (crowd === -1 && !protest) return null;
  const place = placeOf(ctx, sentence, otherHeads, cues);
  if (place === null) return null;
  const foreign = targets.filter((t) => t.code !== place.code);
  const anchor = ctx.tokens[crowd === -1 ? match.head : crowd]!;
  if (foreign.length > 0) return { source: place, target: null, how: 'crowd-country' };
  if (!protest) return null;
  // against their own state only when the sentence names no other: "burned American flags during
  // a protest in Baghdad" is no protest against Iraq
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const m = mentionAt(ctx, i);
    if (m === -1) continue;
    const am = ctx.actorMentions[m]!;
    const kind = am.mention.kind;
    if ((kind === 'country' || kind === 'capital' || kind === 'demonym') && am.code !== place.code)
      return null;
    i = am.tokenEnd - 1;
  }
  return {
    source: { code: cues.protesterCode, text: anchor.text, span: [anchor.start, anchor.end] },
    target: place,
    how: 'crowd-domestic',
  };
}

/**
 * The state where the sentence happens: the first country or capital after "in" ("in Niger's
 * capital Niamey"), unless that place belongs to another act ("the air strike in Syria").
 */
function placeOf(
  ctx: ArticleContext,
  sentence: Sentence,
  otherHeads: HeadSet,
  cues: EventCues,
): RoleArgument | null {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const m = mentionAt(ctx, i);
    if (m === -1) continue;
    const am = ctx.actorMentions[m]!;
    let p = am.tokenStart - 1;
    while (p > sentence.tokenStart && ctx.tokens[p]!.pos === 'DET') p--;
    const kind = am.mention.kind;
    // "the air strike in Syria" places another act; "a protest in Baghdad" places the crowd's own
    const ownPlace = ![p - 1, p - 2, p - 3].some(
      (h) => otherHeads.has(h) && !cues.gatherings.has(ctx.tokens[h]!.lower),
    );
    if (
      p >= sentence.tokenStart &&
      ctx.tokens[p]!.lower === 'in' &&
      ownPlace &&
      (kind === 'country' || kind === 'capital')
    )
      return argumentOf(ctx, m);
    i = am.tokenEnd - 1;
  }
  return null;
}
