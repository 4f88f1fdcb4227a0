import type { Span } from '../../core/index.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { isCapitalised, normaliseKey } from './normalise-key.js';
import type { TokenView } from './read-name-context.js';
import { WORD_CLASS } from './classify-words.js';

/** A phrase that stands for a non-state group by its members ("Kurdish forces", "opponents"). */
export interface GroupMemberReference {
  readonly span: Span;
  readonly start: number;
  readonly actor: string;
}

/** Lookup sets of the group-member resolver, built once per lexicon. */
export interface GroupMemberLexicon {
  readonly forceNouns: ReadonlySet<string>;
  readonly opposition: string | null;
  readonly oppositionNouns: ReadonlySet<string>;
  /** "the organisers": the one non-state group named around them. */
  readonly organiserNouns: ReadonlySet<string>;
  /** Code of unnamed crowds, which organise nothing. */
  readonly crowd: string | null;
}

/** Parts of speech that, before a bare noun, make it someone's ("his opponents", "the opponents"). */
const OWNERS = new Set(['DET', 'PRON', 'PROPN', 'ADJ', 'NUM']);
/** Words after an opposition noun that give whom they oppose ("opponents of the deal"). */
const COMPLEMENTS = new Set(['of', 'to', 'in']);
/** How many sentences before and after "the organisers" the group they stand for may be named. */
const ORGANISER_BEFORE = 3;
const ORGANISER_AFTER = 2;
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const MEMBER_NOUN = WORD_CLASS.memberNoun;
const FORCE_NOUN = WORD_CLASS.forceNoun;

/**
 * @example
 * buildGroupMemberLexicon(lexicon).forceNouns.has('forces'); // true
 */
export function buildGroupMemberLexicon(lexicon: ActorsLexicon): GroupMemberLexicon {
  return {
    forceNouns: new Set(lexicon.groupForceNouns.map(normaliseKey)),
    opposition: lexicon.opposition,
    oppositionNouns: new Set(lexicon.oppositionNouns.map(normaliseKey)),
    organiserNouns: new Set(lexicon.organiserNouns.map(normaliseKey)),
    crowd: lexicon.crowd,
  };
}

/**
 * Resolves phrases that name a non-state group by its members:
 * - an ethnonym and a force noun ("Kurdish forces", "Kurdish fighters") → the group the article
 *   names right after that ethnonym ("Kurdish People's Protection Units (YPG)"), when it names
 *   exactly one such group;
 * - a bare opposition noun ("Maduro accuses opponents of plotting": no determiner, possessive or
 *   adjective before it, no "of" after it) → the opposition;
 * - an organiser noun ("police arrested the organisers of the rally") → the one non-state group
 *   (not a crowd) the article names within a few sentences before it or the next two after it
 *   ("Five members of the Civil Human Rights Front were arrested"), when it names only one there.
 *
 * @example
 * // "Kurdish forces withdrew. … the Kurdish People's Protection Units (YPG) …"
 * resolveGroupMembers(view, lexicon); // [{ actor: 'NSA:YPG', … }] for "Kurdish forces"
 */
export function resolveGroupMembers(view: TokenView, lexicon: GroupMemberLexicon): GroupMemberReference[] {
  const { tokens, keys, mentions, mentionTokens, actorAt, classes } = view;
  const out: GroupMemberReference[] = [];
  // ethnonym → the groups the article names right after it
  const byEthnonym = new Map<string, string[]>();
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m]!;
    const before = mentionTokens[m]![0] - 1;
    if (mention.kind !== 'group' || mention.actor === null || before < 0) continue;
    if (actorAt[before]! >= 0 || !isEthnonym(view, before)) continue;
    const groups = byEthnonym.get(keys[before]!) ?? [];
    if (!groups.includes(mention.actor)) groups.push(mention.actor);
    byEthnonym.set(keys[before]!, groups);
  }
  for (let i = 0; i < tokens.length; i++) {
    // only an organiser or opposition noun, or a word before a force noun, opens a phrase
    if ((classes[i]! & MEMBER_NOUN) === 0 && (i + 1 >= tokens.length || (classes[i + 1]! & FORCE_NOUN) === 0))
      continue;
    if (actorAt[i]! >= 0) continue;
    const key = keys[i]!;
    if (byEthnonym.size > 0 && i + 1 < tokens.length && lexicon.forceNouns.has(keys[i + 1]!)) {
      const groups = byEthnonym.get(key);
      if (
        groups?.length === 1 &&
        actorAt[i + 1]! < 0 &&
        tokens[i + 1]!.sentence === tokens[i]!.sentence &&
        isEthnonym(view, i)
      ) {
        out.push({ span: [tokens[i]!.start, tokens[i + 1]!.end], start: i, actor: groups[0]! });
        i++;
        continue;
      }
    }
    if (lexicon.organiserNouns.has(key) && tokens[i]!.pos === 'NOUN') {
      const actor = organisingGroup(view, tokens[i]!.sentence, lexicon.crowd);
      // ("organiser Ana Ruiz" is a person)
      const next = tokens[i + 1];
      const named = next !== undefined && next.pos === 'PROPN' && next.sentence === tokens[i]!.sentence;
      if (actor !== null && !named) out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor });
      continue;
    }
    if (lexicon.opposition !== null && tokens[i]!.pos === 'NOUN' && lexicon.oppositionNouns.has(key)) {
      const first = view.sentences[tokens[i]!.sentence]!.tokenStart;
      const owned =
        i > first &&
        (OWNERS.has(tokens[i - 1]!.pos) ||
          keys[i - 1] === "'s" ||
          keys[i - 1] === "'" ||
          actorAt[i - 1]! >= 0);
      // "opponents of the deal" names whom they oppose; "accuses opponents of trying …" does not
      const complement =
        i + 1 < tokens.length &&
        COMPLEMENTS.has(keys[i + 1]!) &&
        !(keys[i + 1] === 'of' && tokens[i + 2]?.pos === 'VERB');
      if (!owned && !complement)
        out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor: lexicon.opposition });
    }
  }
  return out;
}

/**
 * The one non-state group, other than the crowd, named from `ORGANISER_BEFORE` sentences before
 * `sentence` to `ORGANISER_AFTER` after it; null when none or several are.
 */
function organisingGroup(view: TokenView, sentence: number, crowd: string | null): string | null {
  let found: string | null = null;
  for (const mention of view.mentions) {
    if (mention.sentence < sentence - ORGANISER_BEFORE) continue;
    if (mention.sentence > sentence + ORGANISER_AFTER) break;
    if (mention.kind !== 'group' || mention.actor === null || mention.actor === crowd) continue;
    if (found !== null && found !== mention.actor) return null;
    found = mention.actor;
  }
  return found;
}

/** A capitalised adjective-like word that is no actor's name ("Kurdish", "Pashtun"). */
function isEthnonym(view: TokenView, t: number): boolean {
  const token = view.tokens[t]!;
  return isCapitalised(token.text) && (token.pos === 'ADJ' || token.pos === 'PROPN') && token.text.length > 2;
}
