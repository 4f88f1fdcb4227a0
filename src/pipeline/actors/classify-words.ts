/**
 * Bits of a word's classes: which readers of the actors stage may start at a token. A token's
 * classes are looked up once per article, so that each reader skips the other tokens by a bit
 * test instead of a lookup of its own.
 */
export const WORD_CLASS = {
  /** Opens an actor name of the registry ("japan", "united", "kremlin"). */
  actorStart: 1,
  /** Opens a phrase of the collective-reference resolver ("the", "both", "ministry", "clash"). */
  collectiveOpener: 2,
  /** An article or pronoun the description resolver reads ("the", "a", "he", "her"). */
  descriptionWord: 4,
} as const;

/** Word key → OR of its `WORD_CLASS` bits, built once per lexicon. */
export type WordClasses = ReadonlyMap<string, number>;

/**
 * Builds the class map from the words (keys) of each class.
 *
 * @example
 * buildWordClasses([[WORD_CLASS.actorStart, registry.root.keys()]]).get('japan'); // 1
 */
export function buildWordClasses(
  groups: readonly (readonly [bit: number, words: Iterable<string>])[],
): WordClasses {
  const classes = new Map<string, number>();
  for (const [bit, words] of groups) {
    for (const word of words) classes.set(word, (classes.get(word) ?? 0) | bit);
  }
  return classes;
}

/**
 * The classes of every token, from its key.
 *
 * @example
 * classifyWords(['japan', 'said'], classes); // Uint8Array [1, 0]
 */
export function classifyWords(keys: readonly string[], classes: WordClasses): Uint8Array {
  const out = new Uint8Array(keys.length);
  for (let t = 0; t < keys.length; t++) out[t] = classes.get(keys[t]!) ?? 0;
  return out;
}
