import type { Span } from '../../core/index.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { isCapitalised, normaliseKey, splitAlias } from './normalise-key.js';
import type { TokenView } from './read-name-context.js';

/** A phrase that stands for an actor the article named before ("the ministry", "the two sides"). */
export interface CollectiveReference {
  readonly span: Span;
  /** First token of the phrase. */
  readonly start: number;
  readonly actor: string;
  readonly sector: string | null;
}

interface PhraseNode {
  readonly next: Map<string, PhraseNode>;
  sector: string | null | undefined;
}

/** Lookup structures of the collective-reference resolver, built once per lexicon. */
export interface CollectiveLexicon {
  readonly bodies: Map<string, PhraseNode>;
  readonly pairNouns: ReadonlySet<string>;
}

/** Words that, after "the", make a plural noun a pair ("the two sides", "the rival countries"). */
const PAIR_WORDS = new Set(['two', 'rival', 'warring']);

/** How many sentences back a lone body may look for the state whose body it repeats. */
const BODY_WINDOW = 6;

/**
 * Builds the trie of bodies that may stand alone and the set of pair nouns.
 *
 * @example
 * buildCollectiveLexicon(lexicon).pairNouns.has('sides'); // true
 */
export function buildCollectiveLexicon(lexicon: ActorsLexicon): CollectiveLexicon {
  const bodies = new Map<string, PhraseNode>();
  for (const body of lexicon.definiteBodies) {
    let map = bodies;
    let node: PhraseNode | undefined;
    for (const word of splitAlias(body)) {
      const key = normaliseKey(word);
      node = map.get(key);
      if (!node) {
        node = { next: new Map(), sector: undefined };
        map.set(key, node);
      }
      map = node.next;
    }
    if (node) node.sector = lexicon.bodySectors[body.toLowerCase()] ?? null;
  }
  return { bodies, pairNouns: new Set(lexicon.pairNouns.map(normaliseKey)) };
}

/**
 * Resolves phrases that refer back to actors the article has named:
 * - a state body standing alone ("the ministry", "Police", "the junta") → the state whose body of
 *   the same sector was named last (within a few sentences), or the only state named so far;
 * - "the two sides", "both countries" → the two actors named most often so far (one reference each).
 * When the text does not single the actor out, nothing is returned.
 *
 * @example
 * // "Hong Kong police arrested five activists. Police said …"
 * resolveCollectiveReferences(view, lexicon, isState); // [{ actor: 'HKG', sector: 'COP', … }]
 */
export function resolveCollectiveReferences(
  view: TokenView,
  lexicon: CollectiveLexicon,
  isState: (code: string) => boolean,
): CollectiveReference[] {
  const { tokens, keys, mentions, mentionTokens } = view;
  const out: CollectiveReference[] = [];
  const counts = new Map<string, { count: number; last: number }>();
  const bySector = new Map<string, { code: string; sentence: number }>();
  const states = new Set<string>();
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    for (; m < mentions.length && mentionTokens[m]![1] <= i; m++) {
      const mention = mentions[m]!;
      if (mention.actor === null) continue;
      const seen = counts.get(mention.actor);
      counts.set(mention.actor, { count: (seen?.count ?? 0) + 1, last: m });
      if (isState(mention.actor)) states.add(mention.actor);
      if (mention.sector) bySector.set(mention.sector, { code: mention.actor, sentence: mention.sentence });
    }
    if (view.actorAt[i]! >= 0) continue;
    const sentence = tokens[i]!.sentence;
    const limit = view.sentences[sentence]!.tokenEnd;

    const pair = pairNounEnd(view, i, limit, lexicon);
    if (pair > 0) {
      const span = [tokens[i]!.span[0], tokens[pair - 1]!.span[1]] as const;
      for (const actor of pairOf(counts, sameSentence(view, m, sentence))) {
        out.push({ span, start: i, actor, sector: null });
      }
      i = pair - 1;
      continue;
    }

    const definite = i > 0 && keys[i - 1] === 'the';
    if (!definite && !isCapitalised(tokens[i]!.text)) continue;
    const body = longestBody(keys, i, limit, lexicon);
    if (body === null) continue;
    const next = tokens[body.end];
    // "the army chief", "the police officer": a description of a person, not the body
    if (next && body.end < limit && next.pos === 'NOUN' && /^[a-z]/.test(next.text)) continue;
    const last = body.sector === null ? undefined : bySector.get(body.sector);
    const actor =
      last && sentence - last.sentence <= BODY_WINDOW
        ? last.code
        : states.size === 1
          ? [...states][0]!
          : null;
    if (actor !== null) {
      const start = definite ? i - 1 : i;
      out.push({
        span: [tokens[start]!.span[0], tokens[body.end - 1]!.span[1]],
        start,
        actor,
        sector: body.sector,
      });
    }
    i = body.end - 1;
  }
  return out;
}

/**
 * The two actors a pair phrase refers to: the two the sentence named before it ("India and
 * Pakistan …, and the two countries"), else the two the article named most, leaving out an actor
 * the sentence named before it ("Washington, which considers both countries allies").
 */
function pairOf(
  counts: ReadonlyMap<string, { count: number; last: number }>,
  before: readonly string[],
): string[] {
  const distinct = [...new Set(before)];
  if (distinct.length >= 2) return distinct.slice(-2);
  const ranked = [...counts.entries()]
    .filter(([code]) => !distinct.includes(code))
    .sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last);
  return ranked.length >= 2 ? ranked.slice(0, 2).map(([code]) => code) : [];
}

/** Actor codes of the mentions of `sentence` among the first `seen` mentions. */
function sameSentence(view: TokenView, seen: number, sentence: number): string[] {
  const out: string[] = [];
  for (let k = seen - 1; k >= 0 && view.mentions[k]!.sentence === sentence; k--) {
    const actor = view.mentions[k]!.actor;
    if (actor !== null) out.unshift(actor);
  }
  return out;
}

/** End of "the two [adjective] sides" / "the rival countries" / "both (the) countries" at token `i`, or 0. */
function pairNounEnd(view: TokenView, i: number, limit: number, lexicon: CollectiveLexicon): number {
  const { keys, tokens } = view;
  let k: number;
  if (keys[i] === 'the' && PAIR_WORDS.has(keys[i + 1] ?? '')) k = i + 2;
  else if (keys[i] === 'both') k = keys[i + 1] === 'the' ? i + 2 : i + 1;
  else return 0;
  if (k < limit && tokens[k]!.pos === 'ADJ' && /^[a-z]/.test(tokens[k]!.text)) k++;
  return k < limit && lexicon.pairNouns.has(keys[k]!) ? k + 1 : 0;
}

function longestBody(
  keys: readonly string[],
  i: number,
  limit: number,
  lexicon: CollectiveLexicon,
): { end: number; sector: string | null } | null {
  let map = lexicon.bodies;
  let best: { end: number; sector: string | null } | null = null;
  for (let j = i; j < limit; j++) {
    const node = map.get(keys[j]!);
    if (!node) break;
    if (node.sector !== undefined) best = { end: j + 1, sector: node.sector };
    map = node.next;
  }
  return best;
}
