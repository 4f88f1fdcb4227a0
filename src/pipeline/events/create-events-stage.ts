import type { Article, Diagnostic, Event, PloverType, Token } from '../../core/index.js';
import type { Stage } from '../stage.js';
import { assignRoles, findClause, frameOf } from './assign-roles.js';
import type { HeadSet, RoleArgument, Roles } from './assign-roles.js';
import { bridgeToCameo } from './bridge-to-cameo.js';
import type { CameoBridge } from './bridge-to-cameo.js';
import { buildArticleContext } from './build-article-context.js';
import type { ArticleContext } from './build-article-context.js';
import { detectContexts, indexContexts } from './detect-contexts.js';
import { detectModality } from './detect-modality.js';
import { hashEventId } from './hash-event-id.js';
import { indexWords } from './index-words.js';
import { matchTriggersAt } from './match-triggers.js';
import type { TriggerMatch } from './match-triggers.js';
import { EventMerger } from './merge-duplicate-events.js';
import type { EventsLexicon } from './parse-events-lexicon.js';
import { dateEvent, parseDates, readDateline } from './resolve-event-date.js';

const PAST_AUX: ReadonlySet<string> = new Set(['has', 'have', 'had', 'was', 'were', 'did']);

/**
 * The events stage: finds PLOVER triggers sentence by sentence, assigns source and target
 * actors, reads negation and modality, dates and bridges each event to CAMEO, and merges
 * repeated reports of one fact. `rule` says which trigger and role rule fired.
 *
 * @example
 * const events = createEventsStage(parseEventsLexicon(loadLexicons().events ?? {}));
 * events.run(article).events; // [{ type: 'REJECT', source: { code: 'JPN', … }, target: { code: 'RUS', … }, … }]
 */
export function createEventsStage(lexicon: EventsLexicon): Stage {
  const contextIndex = indexContexts(lexicon.contexts);
  const wordIndex = indexWords(lexicon, contextIndex);
  return {
    name: 'events',
    requires: ['tokens', 'mentions', 'quotes'],
    provides: ['events'],
    run(article) {
      const ctx = buildArticleContext(article, wordIndex);
      const diagnostics: Diagnostic[] = [];
      const merger = new EventMerger(true);
      const dateline = readDateline(article.published);
      const publishedYear = dateline ? dateline.date.getUTCFullYear() : null;
      for (const sentence of article.sentences) {
        const matches = matchTriggersAt(ctx.tokens, ctx.senses, sentence.tokenStart, sentence.tokenEnd);
        if (matches.length === 0) continue;
        // the sentence's text and evidence, made once for the events it holds
        let evidence: Event['evidence'] | null = null;
        // dates are read per clause (one parse for the triggers that share a clause)
        let datesByClause: Map<string, ReturnType<typeof parseDates>> | null = null;
        const otherHeads = new OtherHeads(matches);
        for (const match of matches) {
          const frame = frameOf(ctx, match);
          const governor = governingTrigger(matches, match, frame, ctx.tokens);
          if (governor !== null) {
            diagnostics.push(
              skip(article, match, `object of "${ctx.tokens[governor.head]!.text}" (${governor.entry.type})`),
            );
            continue;
          }
          const clause = findClause(ctx, sentence, match);
          otherHeads.except = match.head;
          const fact = detectModality(
            ctx,
            sentence,
            match,
            clause,
            lexicon.cues,
            publishedYear,
            frame,
            otherHeads,
          );
          const entry = match.entry;
          if (fact.modality === 'hypothetical') {
            diagnostics.push(skip(article, match, `hypothetical (${fact.cue ?? ''})`));
            continue;
          }
          let type: PloverType = entry.type;
          let flipped = false;
          if (fact.negated) {
            if (entry.negated === null) {
              diagnostics.push(skip(article, match, `negated (${fact.cue ?? ''})`));
              continue;
            }
            type = entry.negated;
            flipped = true;
          } else if (entry.onlyNegated) {
            continue;
          } else if (fact.modality === 'future' && entry.future !== null) {
            type = entry.future;
          }
          const roles = assignRoles(ctx, sentence, match, clause, lexicon.cues, otherHeads);
          const pairs = pairRoles(roles, entry.mutual);
          if (pairs.length === 0)
            diagnostics.push(
              skip(
                article,
                match,
                `no ${roles.sources.length === 0 ? 'source' : 'target'} actor in the clause`,
              ),
            );
          if (pairs.length === 0) continue;
          // only the first report of a fact becomes an event: a repeat adds its sentence to `mentions`
          // and needs no date, description or id
          let body: EventBody | null = null;
          for (const [source, target] of pairs) {
            if (merger.repeats(source.code, type, target.code, fact.modality, false, sentence.span)) continue;
            if (body === null) {
              const contexts = detectContexts(
                ctx,
                clause.left,
                Math.max(clause.left + 1, clause.right),
                contextIndex,
              );
              const trigger = triggerOf(ctx, match);
              evidence ??= {
                sentence: article.text.slice(sentence.span[0], sentence.span[1]),
                span: sentence.span,
                raw: article.offsets.toRawSpan(sentence.span),
              };
              const sentenceText = evidence.sentence;
              const past = isPast(ctx, match, fact.modality);
              // a quotation's act is dated by the sentence that reports it ("…,” she said on Monday)
              const clauseChars =
                roles.quote !== null
                  ? ([0, sentenceText.length] as const)
                  : ([
                      ctx.tokens[clause.left]!.start - sentence.span[0],
                      ctx.tokens[Math.max(clause.left, clause.right - 1)]!.end - sentence.span[0],
                    ] as const);
              const clauseKey = `${clauseChars[0]}:${clauseChars[1]}`;
              datesByClause ??= new Map();
              let dates = datesByClause.get(clauseKey);
              if (dates === undefined) {
                dates = parseDates(sentenceText, article.published, clauseChars);
                datesByClause.set(clauseKey, dates);
              }
              body = {
                contexts,
                bridge: bridgeToCameo(type, type === entry.type ? entry.cameo : null, lexicon),
                trigger,
                evidence,
                date: dateEvent(
                  sentenceText,
                  trigger.span[0] - sentence.span[0],
                  dateline,
                  past,
                  clauseChars,
                  dates,
                ),
                rule: ruleOf(entry, type, flipped, frame, roles.how, fact.cue),
                confidence: round(
                  entry.confidence * roles.confidence * (flipped ? 0.9 : 1) * (pairs.length > 6 ? 0.9 : 1),
                ),
              };
            }
            merger.keep({
              id: hashEventId(article.id, type, source.code, target.code, body.trigger.span[0]),
              type,
              mode: type === entry.type ? entry.mode : null,
              source,
              target,
              negated: false,
              modality: fact.modality,
              date: body.date,
              cameo: body.bridge.cameo,
              goldstein: body.bridge.goldstein,
              quad: body.bridge.quad,
              contexts: body.contexts,
              trigger: body.trigger,
              evidence: body.evidence,
              quote: roles.quote,
              confidence: body.confidence,
              rule: body.rule,
            });
          }
        }
      }
      return { events: merger.events(), diagnostics };
    },
  };
}

/**
 * The heads of a sentence's triggers but one (`except`): what the clause readers must not take
 * for a subject or a place. One per sentence, pointed at each trigger in turn.
 */
class OtherHeads implements HeadSet {
  except = -1;

  /** The matches of a sentence: a few, so a scan beats a set. */
  constructor(private readonly matches: readonly TriggerMatch[]) {}

  has(i: number): boolean {
    if (i === this.except) return false;
    for (const m of this.matches) if (m.head === i) return true;
    return false;
  }
}

/** What the events of one trigger share: all but their actors and ids. */
interface EventBody {
  readonly contexts: string[];
  readonly bridge: CameoBridge;
  readonly trigger: Event['trigger'];
  readonly evidence: Event['evidence'];
  readonly date: string | null;
  readonly rule: string;
  readonly confidence: number;
}

function pairRoles(roles: Roles, mutual: 'none' | 'group' | 'all'): [RoleArgument, RoleArgument][] {
  const pairs: [RoleArgument, RoleArgument][] = [];
  if (mutual === 'all') {
    // a compound subject acts together; a further party joins only "with" / "between" them or as object
    // one actor doing it "to"/"for" another is one-way ("agreed to Kyiv's request")
    const withParty = roles.targetPrep === 'with' || roles.targetPrep === 'between';
    if (roles.sources.length === 1 && roles.targetPrep !== null && !withParty) {
      for (const a of roles.sources) for (const b of roles.targets) addPair(pairs, a, b);
      return pairs;
    }
    const joins = roles.sources.length < 2 || roles.targetPrep === null || withParty;
    const parties = joins ? [...roles.sources, ...roles.targets] : [...roles.sources];
    for (const a of parties) for (const b of parties) addPair(pairs, a, b);
    return pairs;
  }
  if (mutual === 'group' && roles.targets.length === 0) {
    for (const a of roles.sources) for (const b of roles.sources) addPair(pairs, a, b);
    return pairs;
  }
  for (const a of roles.sources) for (const b of roles.targets) addPair(pairs, a, b);
  return pairs;
}

/** Adds the pair of `a` and `b` unless `pairs` (a few) has one of their codes already. */
function addPair(pairs: [RoleArgument, RoleArgument][], a: RoleArgument, b: RoleArgument): void {
  if (a.code === b.code) return; // same actor, or parts of the same state
  for (const [x, y] of pairs) if (x.code === a.code && y.code === b.code) return;
  pairs.push([a, b]);
}

/**
 * A trigger whose object or complement holds this one, so that this act is not reported as done:
 * "blocked an EU aid package" (it did not happen), "readiness to work closely with", "threatened to
 * annex", "urged Russia to withdraw" (the intent, threat or request is the event), "accused Russia of
 * shelling" (an allegation is coded as the accusation).
 */
function governingTrigger(
  matches: readonly TriggerMatch[],
  match: TriggerMatch,
  frame: 'noun' | 'verb',
  tokens: readonly Token[],
): TriggerMatch | null {
  for (const other of matches) {
    if (other === match || other.head >= match.start) continue;
    const gap = match.start - other.end;
    const type = other.entry.type;
    if (GOVERNORS.has(type) && gap <= (frame === 'noun' ? 5 : 2)) return other;
    if ((type === 'ACCUSE' || type === 'REJECT') && gap <= 8) {
      // "accused Russia of shelling", "denied accusations that it supplied drones"
      for (let i = other.end; i < match.start; i++) if (ALLEGATION.has(tokens[i]!.lower)) return other;
    }
  }
  return null;
}

const GOVERNORS: ReadonlySet<PloverType> = new Set(['REJECT', 'AGREE', 'THREATEN', 'REQUEST']);
const ALLEGATION: ReadonlySet<string> = new Set(['of', 'for', 'that']);

function triggerOf(ctx: ArticleContext, match: TriggerMatch): Event['trigger'] {
  const first = ctx.tokens[match.words[0] ?? match.start]!;
  const last = ctx.tokens[match.words[match.words.length - 1] ?? match.end - 1]!;
  const span = [first.start, last.end] as const;
  return { text: ctx.article.text.slice(span[0], span[1]), span };
}

/**
 * Which rules fired: "reject/verb:rejected/active", "accuse>reject/noun:accusation/passive/cue:not".
 * Made by concatenation: one per event.
 */
function ruleOf(
  entry: TriggerMatch['entry'],
  type: PloverType,
  flipped: boolean,
  frame: string,
  how: readonly string[],
  cue: string | null,
): string {
  let rule = entry.type.toLowerCase();
  if (flipped || type !== entry.type) rule += `>${type.toLowerCase()}`;
  rule += `/${frame}:${entry.label}/${how.join('+') || 'active'}`;
  return cue !== null ? `${rule}/cue:${cue}` : rule;
}

function isPast(ctx: ArticleContext, match: TriggerMatch, modality: string): boolean {
  if (modality === 'future') return false;
  const head = ctx.tokens[match.head]!;
  if (head.pos === 'VERB' && ctx.lemmas[match.head] !== head.lower)
    return !head.lower.endsWith('ing') && !head.lower.endsWith('s');
  for (let i = Math.max(0, match.start - 4); i < match.start; i++)
    if (PAST_AUX.has(ctx.tokens[i]!.lower)) return true;
  return head.lower.endsWith('ed');
}

function skip(article: Article, match: TriggerMatch, why: string): Diagnostic {
  const tok = article.tokens[match.head]!;
  return {
    stage: 'events',
    code: 'EVENT_SKIPPED',
    message: `"${tok.text}" (${match.entry.type}, ${match.entry.label}) not coded: ${why}`,
    severity: 'info',
    span: [tok.start, tok.end],
  };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
