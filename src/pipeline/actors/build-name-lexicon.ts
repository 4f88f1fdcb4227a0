import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { normaliseKey, splitAlias } from './normalise-key.js';

/** A role phrase in the title trie ("chief cabinet secretary"). */
export interface TitleEntry {
  readonly role: string;
  readonly actor: string | null;
  /** Number of words of the title. */
  readonly length: number;
}

export interface TitleNode {
  readonly next: Map<string, TitleNode>;
  entry: TitleEntry | null;
}

/** Word lists of the people finder, as lookup structures built once. */
export interface NameLexicon {
  readonly titles: Map<string, TitleNode>;
  /** Last word of every title ("spokesman", "minister"): heads of descriptions. */
  readonly titleHeads: ReadonlySet<string>;
  readonly honorifics: ReadonlySet<string>;
  readonly particles: ReadonlySet<string>;
  readonly roleModifiers: ReadonlySet<string>;
  readonly descriptionModifiers: ReadonlySet<string>;
  readonly nonNames: ReadonlySet<string>;
  readonly speechVerbs: ReadonlySet<string>;
  readonly invertedSpeechVerbs: ReadonlySet<string>;
  readonly namesAfterGivenName: ReadonlySet<string>;
  readonly firstNames: ReadonlySet<string>;
  readonly organisationWords: ReadonlySet<string>;
}

/**
 * Builds the title trie and word sets used to find people.
 *
 * @example
 * buildNameLexicon(lexicon).honorifics.has('mr'); // true
 */
export function buildNameLexicon(lexicon: ActorsLexicon): NameLexicon {
  const titles = new Map<string, TitleNode>();
  const titleHeads = new Set<string>();
  for (const title of lexicon.titles) {
    const words = splitAlias(title.title);
    let map = titles;
    let node: TitleNode | undefined;
    for (const word of words) {
      const key = normaliseKey(word);
      node = map.get(key);
      if (!node) {
        node = { next: new Map(), entry: null };
        map.set(key, node);
      }
      map = node.next;
    }
    if (node) node.entry = { role: title.role, actor: title.actor, length: words.length };
    const head = words[words.length - 1];
    if (head !== undefined) titleHeads.add(normaliseKey(head));
  }
  const keys = (list: readonly string[]) => new Set(list.map(normaliseKey));
  return {
    titles,
    titleHeads,
    honorifics: keys(lexicon.honorifics),
    particles: keys(lexicon.nameParticles),
    roleModifiers: keys(lexicon.roleModifiers),
    descriptionModifiers: keys(lexicon.descriptionModifiers),
    nonNames: keys(lexicon.nonNames),
    speechVerbs: keys(lexicon.speechVerbs),
    invertedSpeechVerbs: keys(lexicon.invertedSpeechVerbs),
    namesAfterGivenName: keys(lexicon.namesAfterGivenName),
    firstNames: keys(lexicon.firstNames),
    organisationWords: keys(lexicon.organisationWords),
  };
}

/** What `matchTitle` returns where no title starts: one shared object, so that a miss allocates nothing. */
const NO_TITLE: { readonly end: number; readonly entry: null } = Object.freeze({ end: -1, entry: null });

/**
 * Longest title starting at token `i` (keys): its end index and entry; `entry` is null (and `end`
 * meaningless) when none starts there.
 *
 * @example
 * matchTitle(['chief', 'cabinet', 'secretary', 'x'], 0, 4, names.titles).end; // 3
 */
export function matchTitle(
  keys: readonly string[],
  i: number,
  limit: number,
  titles: Map<string, TitleNode>,
): { end: number; entry: TitleEntry | null } {
  // (most calls meet no title: the one lookup of the first word answers them, and is not repeated)
  const first = i < limit ? titles.get(keys[i]!) : undefined;
  if (first === undefined) return NO_TITLE;
  let map = titles;
  let end = i;
  let entry: TitleEntry | null = null;
  for (let j = i; j < limit; j++) {
    const node = j === i ? first : map.get(keys[j]!);
    if (!node) break;
    if (node.entry) {
      end = j + 1;
      entry = node.entry;
    }
    map = node.next;
  }
  return entry === null ? NO_TITLE : { end, entry };
}
