import type { Article, Mention, Speaker, Span, Token } from '../../core/index.js';
import type { QuoteLayout } from './build-units.js';
import { hasLineBreak, tokenAfter } from './build-units.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';
import { BODY, DOCUMENT, GROUP, PERSON_ROLE } from './word-flags.js';

/** A speaker resolved at some point of the article, kept to resolve later pronouns and descriptions. */
export interface SpeakerRecord {
  readonly speaker: Speaker;
  readonly person: boolean;
  /** Token where the speaker was named or cued. */
  readonly token: number;
  /** Role words said of the speaker there ("spokesman", "secretary"). */
  readonly roles: ReadonlySet<string>;
  /** Named with others ("Jane Roe and Tom Baker said"): a later "they" may stand for the speaker. */
  readonly plural: boolean;
}

/** A speaker found for a slot, with how it was found. */
export interface Resolved {
  readonly speaker: Speaker;
  readonly person: boolean;
  readonly roles: ReadonlySet<string>;
  readonly via: 'person' | 'name' | 'pronoun' | 'document' | 'role' | 'organisation' | 'group' | 'author';
}

/** Everything speaker resolution reads, built once per article. */
export interface SpeakerContext {
  readonly article: Article;
  readonly lexicon: QuotesLexicon;
  readonly layout: QuoteLayout;
  /** Mention index of each token, or -1. */
  readonly mentionOf: Int32Array;
  /**
   * Person mentions in text order: the actors stage's, and a known person's surname standing alone where the
   * actors stage left it unmarked ("Lynch said …" after "Jane Lynch").
   */
  readonly personMentions: readonly Mention[];
  /** The long name an acronym stands for ("MAE" → "Ministry of Foreign Affairs", from "Long Name (ACR)" in the text), else `name`. */
  expandAcronym(name: string): string;
  /** Resolved cues in text order (appended by the caller). */
  readonly history: SpeakerRecord[];
  /** Gender of people (index into article.people) told by a title, a role noun or a pronoun the actors stage resolved. */
  readonly genderOfPerson: ReadonlyMap<number, Gender>;
  /** Gender of speakers learned while resolving ("she" resolved to a name the actors stage did not know), by name. */
  readonly genderOfName: Map<string, Gender>;
  /** The full name of each of article.people, lower-cased. */
  readonly peopleLower: readonly string[];
}

/**
 * A per-article reading over a SpeakerContext, with the article's parts at hand. The quote finders
 * that extend it keep their steps as methods: V8 keeps a function's optimised code only while a
 * closure of it lives, so steps nested in a function called once per article lost their code at
 * every full garbage collection and were compiled again all through a long run (docs/scaling.md,
 * "Full collections also cost compilation"). Code run for every article keeps its helpers at module
 * level or in classes.
 */
export class SpeakerReading {
  readonly article: Article;
  readonly layout: QuoteLayout;
  readonly lexicon: QuotesLexicon;
  readonly tokens: Article['tokens'];
  readonly text: string;

  constructor(readonly ctx: SpeakerContext) {
    this.article = ctx.article;
    this.layout = ctx.layout;
    this.lexicon = ctx.lexicon;
    this.tokens = ctx.article.tokens;
    this.text = ctx.article.text;
  }
}

/** A person's gender as the text tells it. */
export type Gender = 'f' | 'm';

const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some', 'several', 'two', 'three']);
/** Lower-case name particles kept inside a name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva"). */
const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'la',
  'le',
  'da',
  'das',
  'dos',
  'del',
  'di',
  'du',
  'al',
  'bin',
  'ibn',
  'ben',
]);
const DETERMINERS = new Set([
  'one',
  'another',
  'some',
  'the',
  'a',
  'an',
  'this',
  'that',
  'its',
  'his',
  'her',
  'their',
  'our',
]);
const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’\-.]*$/u;
const LOOK_BACK = 60;
/** How many sentences back a pronoun or description may find the person it stands for. */
const MENTION_WINDOW = 2;
const RECORD_WINDOW = 6;

/**
 * Builds the per-article lookups speaker resolution needs.
 *
 * @example
 * const ctx = createSpeakerContext(article, lexicon, layout);
 */
export function createSpeakerContext(
  article: Article,
  lexicon: QuotesLexicon,
  layout: QuoteLayout,
): SpeakerContext {
  return new ArticleSpeakers(article, lexicon, layout);
}

/**
 * The speaker context of one article. Only the token → mention index is built at once: the person mentions, the
 * genders and the acronyms serve pronouns, roles and organisation names, which many articles never resolve, so
 * each is built on first use.
 */
class ArticleSpeakers implements SpeakerContext {
  readonly mentionOf: Int32Array;
  readonly history: SpeakerRecord[] = [];
  readonly genderOfName = new Map<string, Gender>();
  /** Mention indexes by start. */
  private readonly order: readonly number[];
  private lazyPersonMentions: readonly Mention[] | null = null;
  private lazyGenders: ReadonlyMap<number, Gender> | null = null;
  private lazyAcronyms: ReadonlyMap<string, string> | null = null;
  private lazyPeopleLower: readonly string[] | null = null;

  constructor(
    readonly article: Article,
    readonly lexicon: QuotesLexicon,
    readonly layout: QuoteLayout,
  ) {
    const { tokens, mentions } = article;
    const mentionOf = new Int32Array(tokens.length).fill(-1);
    const order = mentionsInOrder(mentions);
    let t = 0;
    for (const m of order) {
      const [s, e] = mentions[m]!.span;
      while (t > 0 && tokens[t - 1]!.end > s) t--;
      while (t < tokens.length && tokens[t]!.end <= s) t++;
      for (let k = t; k < tokens.length && tokens[k]!.start < e; k++) {
        // a person mention wins over a mention it overlaps
        const old = mentionOf[k]!;
        if (old === -1 || mentions[old]!.person === null) mentionOf[k] = m;
      }
    }
    this.mentionOf = mentionOf;
    this.order = order;
  }

  get personMentions(): readonly Mention[] {
    if (this.lazyPersonMentions === null) {
      const { mentions } = this.article;
      const persons: Mention[] = [];
      for (const m of this.order) if (mentions[m]!.person !== null) persons.push(mentions[m]!);
      this.lazyPersonMentions = withSurnames(this.article, this.mentionOf, this.layout, persons);
    }
    return this.lazyPersonMentions;
  }

  get genderOfPerson(): ReadonlyMap<number, Gender> {
    return (this.lazyGenders ??= findGenders(this.article, this.lexicon, this.personMentions));
  }

  expandAcronym(name: string): string {
    // only a name of two to eight capitals can be one (the keys of findAcronyms): others need no scan of the text
    // (up to 16 code units: a capital outside the basic plane takes two)
    if (name.length < 2 || name.length > 16 || !ACRONYM.test(name)) return name;
    return (this.lazyAcronyms ??= findAcronyms(this.article.text)).get(name) ?? name;
  }

  get peopleLower(): readonly string[] {
    return (this.lazyPeopleLower ??= this.article.people.map((p) => p.name.toLowerCase()));
  }
}

/** Indexes of `mentions` by start (a stable sort; the actors stage usually gives them in order already). */
function mentionsInOrder(mentions: readonly Mention[]): number[] {
  const order: number[] = [];
  let sorted = true;
  for (let i = 0; i < mentions.length; i++) {
    order.push(i);
    if (i > 0 && mentions[i]!.span[0] < mentions[i - 1]!.span[0]) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => mentions[a]!.span[0] - mentions[b]!.span[0]);
}

/** Adds a person's surname standing alone, outside quotes and other mentions, as a mention of that person. */
function withSurnames(
  article: Article,
  mentionOf: Int32Array,
  layout: QuoteLayout,
  found: Mention[],
): Mention[] {
  const { people, tokens } = article;
  const bySurname = new Map<string, number>();
  people.forEach((p, i) => {
    const words = p.name.split(' ');
    if (words.length < 2) return;
    const last = words[words.length - 1]!;
    // a surname two people share names neither
    bySurname.set(last, bySurname.has(last) ? -1 : i);
  });
  if (bySurname.size === 0) return found;
  // first letters of the surnames: most tokens are passed over without a lookup
  const initials = [...bySurname.keys()].map((k) => k.charCodeAt(0));
  const extra: Mention[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (mentionOf[t] !== -1 || layout.quoteOf[t] !== -1) continue;
    const token = tokens[t]!;
    if (!initials.includes(token.text.charCodeAt(0))) continue;
    const person = bySurname.get(token.text);
    if (person === undefined || person === -1) continue;
    // "Tom Lynch" is someone else; "Lynch Street" is a place
    const prev = tokens[t - 1];
    const next = tokens[t + 1];
    if (
      prev !== undefined &&
      prev.sentence === token.sentence &&
      CAPITALISED.test(prev.text) &&
      !prev.text.endsWith('.')
    )
      continue;
    if (next !== undefined && next.sentence === token.sentence && /^\p{Lu}/u.test(next.text)) continue;
    extra.push({
      span: [token.start, token.end],
      text: token.text,
      kind: 'person',
      actor: people[person]!.actor,
      person,
      sentence: token.sentence,
    });
  }
  if (extra.length === 0) return found;
  return [...found, ...extra].sort((a, b) => a.span[0] - b.span[0]);
}

/** `text` without a leading "the" and the whitespace after it (a text not starting with a "t" comes back with no regex). */
function withoutThe(text: string): string {
  const code = text.charCodeAt(0);
  return code === 0x74 || code === 0x54 ? text.replace(/^the\s+/i, '') : text;
}

/** `text` with each run of whitespace as one space; most names are so already, and come back with no new string. */
function oneSpaced(text: string): string {
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** Whitespace that is not a single space: two in a row, or a line break, tab or other space character. */
const UNEVEN_SPACE = /\s\s|[^\S ]/;

/** "mrs." → "mrs". */
function withoutFullStop(word: string): string {
  return word.endsWith('.') ? word.slice(0, -1) : word;
}

/** The gender a word tells ("she", "Mrs.", "spokeswoman"), or null. */
export function genderOfWord(lexicon: QuotesLexicon, word: string): Gender | null {
  const w = withoutFullStop(word.toLowerCase());
  return lexicon.femaleWords.has(w) ? 'f' : lexicon.maleWords.has(w) ? 'm' : null;
}

/**
 * Each person's gender, from the first mention that tells it: a title or role noun before or opening the
 * mention ("Mrs. Roe", "the spokeswoman Jane Roe"), a gendered pronoun the actors stage resolved to them, or
 * their role. A person told both ways is left unknown.
 */
function findGenders(
  article: Article,
  lexicon: QuotesLexicon,
  personMentions: readonly Mention[],
): Map<number, Gender> {
  const { people, text } = article;
  const strong = new Map<number, Gender | null>();
  const weak = new Map<number, Gender | null>();
  // a mention's own words tell the same wherever it stands: read each distinct text once
  const toldBy = new Map<string, ToldByWords>();
  for (const mention of personMentions) {
    const p = mention.person!;
    let told = toldBy.get(mention.text);
    if (told === undefined) {
      told = toldByWords(lexicon, mention.text);
      toldBy.set(mention.text, told);
    }
    // a pronoun the actors stage resolved is weaker evidence than a title or a given name
    for (const g of told.genders) learnGender(told.pronoun ? weak : strong, p, g);
    if (told.pronoun) continue;
    // "Mrs. Roe", "spokeswoman Jane Roe": a title right before the name, on the same line
    const before = wordBefore(text, mention.span[0], TITLE_REACH);
    if (before !== '') learnGender(strong, p, genderOfTitle(lexicon, before));
  }
  people.forEach((person, p) => {
    if (person.role !== null)
      for (const w of person.role.split(/\s+/)) learnGender(strong, p, genderOfTitle(lexicon, w));
    learnGender(strong, p, genderOfGivenName(lexicon, person.name));
  });
  const out = new Map<number, Gender>();
  for (const [p, g] of weak) if (g !== null && !strong.has(p)) out.set(p, g);
  for (const [p, g] of strong) if (g !== null) out.set(p, g);
  return out;
}

/** Records that person `p` is told to be of gender `g`; evidence that disagrees tells nothing. */
function learnGender(into: Map<number, Gender | null>, p: number, g: Gender | null): void {
  if (g === null) return;
  const old = into.get(p);
  into.set(p, old === undefined || old === g ? g : null);
}

/** What a mention's words tell of a gender: a pronoun ("she"), or titles and role nouns among its first words. */
interface ToldByWords {
  readonly pronoun: boolean;
  /** The genders told, each once. */
  readonly genders: readonly Gender[];
}

function toldByWords(lexicon: QuotesLexicon, text: string): ToldByWords {
  const words = text.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  if (lexicon.personPronouns.has(first) || lexicon.possessives.has(first)) {
    const g = genderOfWord(lexicon, first);
    return { pronoun: true, genders: g === null ? [] : [g] };
  }
  const genders: Gender[] = [];
  for (const w of words.slice(0, 4)) {
    const g = genderOfTitle(lexicon, w);
    if (g !== null && !genders.includes(g)) genders.push(g);
  }
  return { pronoun: false, genders };
}

/** How far back from a name its title is read ("spokeswoman Jane Roe"), in characters. */
const TITLE_REACH = 20;
const TITLE_CHAR = /[\p{L}.]/u;

/**
 * The run of letters and full stops ending right before `pos` over spaces or tabs on the same line, looking
 * back at most `reach` characters ("Mrs. " → "Mrs."), or ''.
 */
function wordBefore(text: string, pos: number, reach: number): string {
  const from = Math.max(0, pos - reach);
  let end = pos;
  while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let start = end;
  while (start > from) {
    const code = text.charCodeAt(start - 1);
    // (most titles are ASCII: tell those without a regex)
    if (code < 0x80) {
      if (!isAsciiTitleChar(code)) break;
      start--;
      continue;
    }
    // a letter outside the basic plane is two code units
    const pair = start - 1 > from && code >= 0xdc00 && code <= 0xdfff ? 2 : 1;
    if (!TITLE_CHAR.test(text.slice(start - pair, start))) break;
    start -= pair;
  }
  return text.slice(start, end);
}

/** An ASCII letter or a full stop (TITLE_CHAR below 0x80). */
function isAsciiTitleChar(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2e;
}

/** The gender a title or role noun tells ("Mrs.", "spokesman"), or null; pronouns tell nothing here. */
function genderOfTitle(lexicon: QuotesLexicon, word: string): Gender | null {
  const w = withoutFullStop(word.toLowerCase());
  return lexicon.femaleTitles.has(w) ? 'f' : lexicon.maleTitles.has(w) ? 'm' : null;
}

/** The gender a full name's given name tells ("Jane Roe" → 'f'), or null. */
function genderOfGivenName(lexicon: QuotesLexicon, name: string): Gender | null {
  const space = name.indexOf(' ');
  if (space <= 0) return null;
  const given = name.slice(0, space).toLowerCase();
  return lexicon.femaleNames.has(given) ? 'f' : lexicon.maleNames.has(given) ? 'm' : null;
}

/** An acronym as findAcronyms reads one between parentheses. */
const ACRONYM = /^\p{Lu}{2,8}$/u;

/** "Ministry of Foreign Affairs (MAE)" → MAE ↦ Ministry of Foreign Affairs. */
function findAcronyms(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const re = /\((\p{Lu}{2,8})\)/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (map.has(m[1]!)) continue;
    // walk back over at most eight capitalised words and linking words before the parenthesis
    const line = text
      .slice(Math.max(0, m.index - 120), m.index)
      .split('\n')
      .pop()!;
    const words = line.trimEnd().split(/\s+/);
    const kept: string[] = [];
    for (let k = words.length - 1; k >= 0 && kept.length < 8; k--) {
      const w = words[k]!;
      if (/^(The|A|An)$/.test(w)) break;
      if (/^\p{Lu}[\p{L}-]*$/u.test(w) || (/^(of|for|the|and|on|de)$/.test(w) && kept.length > 0))
        kept.unshift(w);
      else break;
    }
    while (kept.length > 0 && /^(of|for|the|and|on|de)$/.test(kept[0]!)) kept.shift();
    if (kept.length > 0) map.set(m[1]!, kept.join(' '));
  }
  return map;
}

/**
 * Resolves the noun phrase in tokens [start, end) to a speaker: a person (via the
 * actors stage's mentions, else a name in the text), a pronoun or description
 * (to the person it stands for), a document (to its author), or an organisation.
 * `first` prefers the first candidate (inverted "said X"), else the one nearest `end`.
 *
 * @example
 * resolveSlot(ctx, 12, 16, 'first'); // { speaker: { name: 'Hirokazu Matsuno', … }, via: 'person', … }
 */
export function resolveSlot(
  ctx: SpeakerContext,
  start: number,
  end: number,
  prefer: 'first' | 'last',
): Resolved | null {
  const { article, lexicon, mentionOf, layout } = ctx;
  const { tokens, mentions, people } = article;
  if (start >= end) return null;
  const roles = new Set<string>();
  for (let i = start; i < end; i++) {
    if ((layout.wordFlags[i]! & PERSON_ROLE) === 0) continue;
    const lower = tokens[i]!.lower;
    if ((layout.wordFlags[i + 1]! & BODY) === 0) roles.add(lower);
  }

  // 1. a person the actors stage found (a name, or a description it resolved)
  const persons: Resolved[] = [];
  for (let i = start; i < end; i++) {
    const m = mentionOf[i]!;
    if (m === -1) continue;
    const mention = mentions[m]!;
    let last = i;
    while (last + 1 < end && mentionOf[last + 1] === m) last++;
    const possessive = POSSESSIVE.has(tokens[last + 1]?.text ?? '');
    i = last;
    if (mention.person === null) continue;
    const person = people[mention.person];
    if (person === undefined) continue;
    // "she" the actors stage gave to a man: resolved again below, by gender
    const told = genderOfWord(lexicon, mention.text);
    if (told !== null && lexicon.personPronouns.has(mention.text.toLowerCase())) {
      // (the genders are read only here, for a pronoun: most slots name the person)
      const known = ctx.genderOfPerson.get(mention.person);
      if (known !== undefined && told !== known) continue;
    }
    if (possessive && persons.length > 0) continue;
    const r: Resolved = {
      speaker: { name: person.name, actor: person.actor ?? mention.actor, span: mention.span },
      person: true,
      roles,
      via: 'person',
    };
    if (possessive) {
      persons.push(r); // only if nothing better turns up
      continue;
    }
    if (prefer === 'first') return r;
    persons.push(r);
  }
  const nonPossessive = persons.filter((p) => p.via === 'person');
  if (persons.length > 0) return nonPossessive[nonPossessive.length - 1] ?? persons[0]!;

  // 2. a name in the text the actors stage did not give
  const runs = nameRuns(ctx, start, end);
  // the first run first, or the last (read backwards, with no reversed copy)
  for (let k = 0; k < runs.length; k++) {
    const run = runs[prefer === 'first' ? k : runs.length - 1 - k]!;
    const person = personFromRun(ctx, run, start, end, prefer);
    if (person !== null) return { ...person, roles: new Set([...roles, ...person.roles]) };
  }

  // 3. pronouns and relatives
  const head = firstContent(ctx, start, end);
  if (head !== -1) {
    const lower = tokens[head]!.lower;
    const author = lexicon.authorPronouns.get(lower);
    if (author !== undefined) {
      // "I", "we" outside quotation marks: the writer speaks
      const span: Span = [tokens[head]!.start, tokens[head]!.end];
      return { speaker: { name: author, actor: null, span }, person: false, roles, via: 'author' };
    }
    if (lexicon.personPronouns.has(lower)) {
      const gender = genderOfWord(lexicon, lower);
      const found = latestPerson(ctx, tokens[head]!.start, null, gender) ?? latestNamedSubject(ctx, head);
      if (found !== null && gender !== null && !ctx.genderOfName.has(found.speaker.name))
        ctx.genderOfName.set(found.speaker.name, gender);
      return found === null ? null : { ...placedAt(tokens, found, head, head + 1), via: 'pronoun' };
    }
    if (lexicon.thingPronouns.has(lower)) {
      const found = latestRecord(ctx, tokens[head]!.start, (r) => !r.person);
      return found === null ? null : { ...placedAt(tokens, found, head, head + 1), via: 'pronoun' };
    }
    if (lexicon.groupPronouns.has(lower)) {
      // "they said": the speaker cued just before when that is a group or a body, else a group named
      // in the last sentences ("Lawmakers met on Monday. They said …")
      const last = latestRecord(ctx, tokens[head]!.start, () => true, true);
      const group = latestGroup(ctx, head);
      const lastAt = last?.speaker.span?.[0] ?? -1;
      const single = last !== null && last.person && last.via !== 'group';
      if (group !== null && (last === null || single || (group.speaker.span?.[0] ?? -1) > lastAt))
        return { ...placedAt(tokens, group, head, head + 1), via: 'pronoun' };
      return last === null || single ? null : { ...placedAt(tokens, last, head, head + 1), via: 'pronoun' };
    }
  }

  // 4. a document speaks for its author
  const doc = findFlagged(ctx, start, end, DOCUMENT);
  if (doc !== -1) {
    const author = organisationIn(ctx, start, end, doc);
    if (author !== null) return { ...author, via: 'document' };
    const det = tokens[start]!.lower;
    if (det !== 'a' && det !== 'an') {
      const earlier = documentAuthor(ctx, doc, start);
      if (earlier !== null) return { ...placedAt(tokens, earlier, start, doc + 1), via: 'document' };
      const found = latestRecord(ctx, tokens[start]!.start, (r) => !r.person);
      if (found !== null) return { ...placedAt(tokens, found, start, doc + 1), via: 'document' };
    }
    // "a source said", "a new study found": no author to resolve, the words name the speaker
    const phrase = nounPhrase(ctx, start, end);
    if (phrase === null) return null;
    return { speaker: describe(ctx, phrase[0], phrase[1], null), person: false, roles, via: 'document' };
  }

  // 5. a person named by role: "the spokesman" → the person last named with that role
  const role = findRole(ctx, start, end);
  if (role !== -1) {
    const det = tokens[start]!.lower;
    const indefinite = INDEFINITE.has(det);
    const plural = lexicon.groups.has(tokens[role]!.lower);
    if (!plural && !indefinite) {
      const found = latestPerson(ctx, tokens[start]!.start, roles);
      if (found !== null) return { ...placedAt(tokens, found, start, role + 1), via: 'role' };
    }
    const actor = actorIn(ctx, start, end);
    const link = tokens[role + 1]?.lower;
    if (indefinite && !plural && (link === 'for' || link === 'of' || link === 'at')) {
      // "a spokesperson for the German foreign ministry": no person is named, the body speaks
      const body = organisationIn(ctx, role + 2, end, -1);
      if (body !== null) return body;
    }
    if (indefinite || plural) {
      return { speaker: describe(ctx, start, role + 1, actor), person: !plural, roles, via: 'group' };
    }
  }

  // 6. an organisation, institution or state
  const org = organisationIn(ctx, start, end, -1);
  if (org !== null) return org;

  // 7. an unnamed group ("officials", "demonstrators")
  const group = findFlagged(ctx, start, end, GROUP);
  if (group !== -1) {
    return {
      speaker: describe(ctx, start, group + 1, actorIn(ctx, start, end)),
      person: false,
      roles,
      via: 'group',
    };
  }
  // 8. a name that is the whole slot and not a person's ("according to Reuters")
  const only = runs.length === 1 ? runs[0]! : undefined;
  if (
    only !== undefined &&
    only.start === firstContent(ctx, start, end) &&
    only.end === end &&
    allProper(tokens, only)
  ) {
    const span: Span = [tokens[only.start]!.start, tokens[only.end - 1]!.end];
    const name = oneSpaced(article.text.slice(span[0], span[1]));
    return { speaker: { name, actor: null, span }, person: false, roles, via: 'organisation' };
  }
  // 9. a pronoun naming an unnamed group or person, alone ("some say", "not everyone agrees", "all agreed")
  const quantifier = firstContent(ctx, start, end);
  if (quantifier !== -1) {
    let q = quantifier;
    if (tokens[q]!.lower === 'not' && q + 1 < end) q++;
    if (lexicon.quantifiers.has(tokens[q]!.lower) && q + 1 === end) {
      return { speaker: describe(ctx, quantifier, q + 1, null), person: false, roles, via: 'group' };
    }
  }
  // 10. a noun phrase that names no one resolved elsewhere ("a source", "one study", "Twelve percent"): its own words
  const phrase = nounPhrase(ctx, start, end);
  if (phrase !== null) {
    return {
      speaker: describe(ctx, phrase[0], phrase[1], actorIn(ctx, phrase[0], phrase[1])),
      person: false,
      roles,
      via: 'group',
    };
  }
  return null;
}

/** The speaker found elsewhere, with its span moved to the words that stand for it here ("he", "the spokesman"). */
function placedAt(tokens: readonly Token[], found: Resolved, from: number, to: number): Resolved {
  const span: Span = [tokens[from]!.start, tokens[to - 1]!.end];
  return { ...found, speaker: { ...found.speaker, span } };
}

/** Whether every token of the run is tagged a proper noun. */
function allProper(tokens: readonly Token[], run: Run): boolean {
  for (let i = run.start; i < run.end; i++) if (tokens[i]!.pos !== 'PROPN') return false;
  return true;
}

/**
 * "Melanie watched the debate. … she said": a name the actors stage did not take as a person, opening one of
 * the last sentences as the subject of its verb, for a personal pronoun nothing else resolves.
 */
function latestNamedSubject(ctx: SpeakerContext, before: number): Resolved | null {
  const { tokens, sentences } = ctx.article;
  const sentence = tokens[before]!.sentence;
  for (let s = sentence; s >= 0 && sentence - s <= MENTION_WINDOW; s--) {
    let first = sentences[s]?.tokenStart;
    if (first === undefined || first >= before) continue;
    // "During a town hall, Jane Roe asked …": the subject after a short opening phrase
    if (tokens[first]!.pos === 'ADP') {
      let comma = first + 1;
      while (comma < before && comma - first < OPENING_MAX && tokens[comma]!.text !== ',') comma++;
      if (tokens[comma]?.text === ',' && comma + 1 < before) first = comma + 1;
    }
    let end = first;
    while (
      end < before &&
      end - first < 3 &&
      tokens[end]!.pos === 'PROPN' &&
      CAPITALISED.test(tokens[end]!.text)
    )
      end++;
    const verb = tokens[end];
    if (end === first || verb === undefined || !/^(VERB|AUX)$/.test(verb.pos)) continue;
    const m = ctx.mentionOf[first]!;
    if (m !== -1 && ctx.article.mentions[m]!.person === null) continue; // a place or a body
    if (ctx.layout.quoteOf[first] !== -1) continue;
    // "Critics pounced …": a group or body noun opening the sentence is no person's name
    let named = true;
    for (let k = first; k < end; k++) {
      const lower = tokens[k]!.lower;
      if (ctx.lexicon.groups.has(lower) || ctx.lexicon.bodies.has(lower) || ctx.lexicon.documents.has(lower))
        named = false;
    }
    if (!named) continue;
    const span: Span = [tokens[first]!.start, tokens[end - 1]!.end];
    const name = ctx.article.text.slice(span[0], span[1]);
    return { speaker: { name, actor: null, span }, person: true, roles: new Set(), via: 'name' };
  }
  return null;
}

/** Longest opening phrase before a sentence's subject, in tokens ("During a television interview,"). */
const OPENING_MAX = 8;

/** The latest plural group noun ("officials", "the senators") outside quotes in this or the last sentences before `before`. */
function latestGroup(ctx: SpeakerContext, before: number): Resolved | null {
  const { tokens } = ctx.article;
  const sentence = tokens[before]!.sentence;
  for (let i = before - 1; i >= 0 && sentence - tokens[i]!.sentence <= MENTION_WINDOW; i--) {
    if (ctx.layout.quoteOf[i] !== -1 || (ctx.layout.wordFlags[i]! & GROUP) === 0) continue;
    if (tokens[i + 1]?.lower === 'of') continue; // "one of the officials"
    let s = i;
    while (
      s > 0 &&
      i - s < 4 &&
      /^(ADJ|NOUN|PROPN|NUM|DET)$/.test(tokens[s - 1]!.pos) &&
      ctx.layout.quoteOf[s - 1] === -1
    )
      s--;
    return {
      speaker: describe(ctx, s, i + 1, actorIn(ctx, s, i + 1)),
      person: false,
      roles: new Set(),
      via: 'group',
    };
  }
  return null;
}

/** Longest noun phrase kept as a speaker's own description, in tokens. */
const PHRASE_MAX = 8;

/** The noun phrase opening the slot, up to a comma, parenthesis, relative clause or verb; null unless it has a noun. */
function nounPhrase(ctx: SpeakerContext, start: number, end: number): [number, number] | null {
  const { tokens } = ctx.article;
  const first = firstContent(ctx, start, end);
  if (first === -1 || !/^(DET|ADJ|NUM|NOUN|PROPN|PRON)$/.test(tokens[first]!.pos)) return null;
  const lower = tokens[first]!.lower;
  const { personPronouns, groupPronouns, thingPronouns, relatives } = ctx.lexicon;
  if (
    personPronouns.has(lower) ||
    groupPronouns.has(lower) ||
    thingPronouns.has(lower) ||
    relatives.has(lower)
  )
    return null;
  let e = first;
  let noun = false;
  while (e < end && e - first < PHRASE_MAX && ctx.layout.quoteOf[e] === -1) {
    const t = tokens[e]!;
    // the word right before the cue is the head noun, whatever the tagger read ("independent analyses agree")
    const head = e === end - 1 && e > first && t.pos === 'VERB' && /^\p{Ll}+$/u.test(t.text);
    if (head) {
      noun = true;
      e++;
      continue;
    }
    if (/^(VERB|AUX|PUNCT|SCONJ|CCONJ)$/.test(t.pos) && !POSSESSIVE.has(t.text)) break;
    if (ctx.lexicon.relatives.has(t.lower) || t.lower === 'that') break;
    if (t.pos === 'ADP' && t.lower !== 'of') break;
    if (/^(NOUN|PROPN|NUM)$/.test(t.pos)) noun = true;
    e++;
  }
  if (!noun || e >= end + 1 || e - first >= PHRASE_MAX) return null;
  // the phrase must reach the end of the slot, or stop at punctuation or a clause (not mid-phrase)
  while (e > first && !/^(NOUN|PROPN|NUM)$/.test(tokens[e - 1]!.pos)) e--;
  return e > first ? [first, e] : null;
}

/**
 * The one a possessive determiner at token `at` stands for: "his"/"her" → the latest person, "their"/"its" → the
 * latest group or body; null for other words.
 *
 * @example
 * resolvePossessor(ctx, hisToken)?.speaker.name; // 'Donald Trump'
 */
export function resolvePossessor(ctx: SpeakerContext, at: number): Resolved | null {
  const { tokens } = ctx.article;
  const t = tokens[at]!;
  const pos = t.start;
  const person = ctx.lexicon.possessives.get(t.lower);
  if (person === undefined) return null;
  const span: Span = [t.start, t.end];
  if (person) {
    const found = latestPerson(ctx, pos, null, genderOfWord(ctx.lexicon, t.lower));
    return found === null ? null : { ...found, speaker: { ...found.speaker, span }, via: 'pronoun' };
  }
  const record = latestRecord(ctx, pos, (r) => !r.person);
  const group = latestGroup(ctx, at);
  const found =
    group !== null && (record === null || (group.speaker.span?.[0] ?? -1) > (record.speaker.span?.[0] ?? -1))
      ? group
      : record;
  return found === null ? null : { ...found, speaker: { ...found.speaker, span }, via: 'pronoun' };
}

const DOCUMENT_LOOK_BACK = 400;

/** "the statement" → the author of the last statement named before: "a statement by a spokesperson of the X Commission". */
function documentAuthor(ctx: SpeakerContext, doc: number, before: number): Resolved | null {
  const { tokens } = ctx.article;
  const word = tokens[doc]!.lower;
  for (let i = before - 1; i >= 0 && before - i < DOCUMENT_LOOK_BACK; i--) {
    if (tokens[i]!.lower !== word || ctx.layout.quoteOf[i] !== -1) continue;
    if (tokens[i + 1]?.lower !== 'by') continue;
    const from = i + 2;
    let end = from;
    let of = -1;
    while (end < tokens.length && end - from < 12 && ctx.layout.quoteOf[end] === -1) {
      const t = tokens[end]!;
      if (t.pos === 'PUNCT' || t.pos === 'VERB' || t.pos === 'AUX') break;
      if (t.lower === 'of' && of === -1) of = end;
      end++;
    }
    if (of !== -1 && findRole(ctx, from, of) !== -1) {
      const body = organisationIn(ctx, of + 1, end, -1);
      if (body !== null) return body;
    }
    return resolveSlot(ctx, from, end, 'first');
  }
  return null;
}

/** The latest person before `pos`: a speaker already resolved or a person the actors stage found, of `gender` when the text tells theirs. */
function latestPerson(
  ctx: SpeakerContext,
  pos: number,
  roles: ReadonlySet<string> | null,
  gender: Gender | null = null,
): Resolved | null {
  const { article } = ctx;
  const wanted = roles !== null && roles.size > 0 ? roles : null;
  if (wanted !== null) {
    const byRole = latestRecord(ctx, pos, (r) => r.person && sharesRole(wanted, r.roles));
    if (byRole !== null) return byRole;
    for (const mention of ctx.personMentions) {
      if (mention.span[0] >= pos) break;
      const person = article.people[mention.person!];
      const role = person?.role?.toLowerCase();
      if (
        person !== undefined &&
        role !== undefined &&
        role !== '' &&
        [...wanted].some((w) => role.includes(w))
      ) {
        return {
          speaker: { name: person.name, actor: person.actor ?? mention.actor, span: mention.span },
          person: true,
          roles: wanted,
          via: 'person',
        };
      }
    }
  }
  // unresolved is better than wrong: a pronoun reaches back a few sentences, no further
  const sentence = ctx.article.tokens[tokenAfter(ctx.article, pos)]?.sentence ?? Infinity;
  const near = nearestPerson(ctx, pos, sentence, RECORD_WINDOW, MENTION_WINDOW, gender);
  if (near !== null || gender === null) return near;
  // "she" when the last sentences name only men: the woman named further back
  return nearestPerson(ctx, pos, sentence, GENDER_WINDOW, GENDER_WINDOW, gender, true);
}

/** Whether someone whose gender the text tells as `told` (or not at all) may be a pronoun's of `gender` (null: any). */
function fits(gender: Gender | null, told: () => Gender | null | undefined): boolean {
  if (gender === null) return true; // (then nothing is read)
  const g = told();
  return g == null || g === gender;
}

/** Whether a speaker's roles hold one of the wanted ones. */
function sharesRole(wanted: ReadonlySet<string>, roles: ReadonlySet<string>): boolean {
  for (const w of wanted) if (roles.has(w)) return true;
  return false;
}

/** Sentences a gendered pronoun reaches back for a person of its gender when the last ones name none. */
const GENDER_WINDOW = 8;

function nearestPerson(
  ctx: SpeakerContext,
  pos: number,
  sentence: number,
  recordWindow: number,
  mentionWindow: number,
  gender: Gender | null,
  possessors = false,
): Resolved | null {
  const { article } = ctx;
  const record = latestRecord(
    ctx,
    pos,
    (r) =>
      r.person &&
      sentence - article.tokens[r.token]!.sentence <= recordWindow &&
      fits(gender, () => genderOfSpeaker(ctx, r.speaker.name)),
  );
  const recordPos = record?.speaker.span?.[0] ?? -1;
  const mention = latestPersonMention(
    ctx,
    pos,
    (m) => fits(gender, () => ctx.genderOfPerson.get(m.person!)),
    possessors,
  );
  if (mention !== null && mention.span[0] > recordPos && sentence - mention.sentence <= mentionWindow) {
    const person = article.people[mention.person!]!;
    return {
      speaker: { name: person.name, actor: person.actor ?? mention.actor, span: mention.span },
      person: true,
      roles: new Set(),
      via: 'person',
    };
  }
  return record;
}

/** The gender known for a speaker's name: a person of the actors stage, else what a pronoun or the given name told. */
function genderOfSpeaker(ctx: SpeakerContext, name: string): Gender | undefined {
  const { people } = ctx.article;
  for (let p = 0; p < people.length; p++) {
    if (people[p]!.name === name) return ctx.genderOfPerson.get(p) ?? ctx.genderOfName.get(name);
  }
  return ctx.genderOfName.get(name) ?? genderOfGivenName(ctx.lexicon, name) ?? undefined;
}

/** The latest person mention before `pos` that `keep` accepts; a possessor ("Roe's plan") only when `possessors`. */
function latestPersonMention(
  ctx: SpeakerContext,
  pos: number,
  keep: (m: Mention) => boolean,
  possessors = false,
): Mention | null {
  const { personMentions, article } = ctx;
  let lo = 0;
  let hi = personMentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (personMentions[mid]!.span[0] < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && k >= lo - LOOK_BACK; k--) {
    const m = personMentions[k]!;
    const after = article.text.slice(m.span[1], m.span[1] + 2);
    // "Wang Yi’s visit": a possessor is rarely the one who speaks next, unless no one else is named
    if (!possessors && (after === "'s" || after === '’s')) continue;
    if ((m.kind === 'person' || m.kind === 'description') && keep(m)) return m;
  }
  return null;
}

function latestRecord(
  ctx: SpeakerContext,
  pos: number,
  keep: (r: SpeakerRecord) => boolean,
  plural = false,
): Resolved | null {
  const h = ctx.history; // in text order: cues are resolved in order
  const tokens = ctx.article.tokens;
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[h[mid]!.token]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && k >= lo - LOOK_BACK; k--) {
    const r = h[k]!;
    // a plural record ("X and Y said") comes back marked as a group, for "they"
    if (keep(r))
      return {
        speaker: r.speaker,
        person: r.person,
        roles: r.roles,
        via: plural && r.plural ? 'group' : 'person',
      };
  }
  return null;
}

interface Run {
  readonly start: number;
  readonly end: number;
}

/** Runs of capitalised tokens not taken by a non-person mention, outside quotes. */
function nameRuns(ctx: SpeakerContext, start: number, end: number, overMentions = false): Run[] {
  const { tokens, mentions } = ctx.article;
  const runs: Run[] = [];
  let s = -1;
  for (let i = start; i <= end; i++) {
    const t = i < end ? tokens[i]! : undefined;
    const m = i < end ? ctx.mentionOf[i]! : -1;
    const particle = t !== undefined && s !== -1 && PARTICLES.has(t.text) && particleInName(tokens, i, end);
    // a name never runs over a line break ("Sudhir Kumar⏎The India Meteorological Department")
    const broken = t !== undefined && s !== -1 && hasLineBreak(ctx.article.text, tokens[i - 1]!.end, t.start);
    if (broken) {
      runs.push({ start: s, end: i });
      s = -1;
    }
    const ok =
      t !== undefined &&
      // (the cheap test first: most tokens are lower-case words, and every name word starts with a capital)
      (particle || startsCapital(t.text)) &&
      ctx.layout.quoteOf[i] === -1 &&
      !NOT_IN_NAME.has(t.pos) &&
      (t.pos !== 'ADP' || particle) &&
      !t.text.endsWith('.') &&
      (overMentions || m === -1 || mentions[m]!.person !== null) &&
      (CAPITALISED.test(t.text) || /^\p{Lu}{2,}$/u.test(t.text) || particle);
    if (ok && s === -1) s = i;
    if (!ok && s !== -1) {
      runs.push({ start: s, end: i });
      s = -1;
    }
  }
  return runs;
}

/** Whether `text` starts with an upper-case letter (what CAPITALISED and an acronym start with). */
function startsCapital(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER_START.test(text);
}

const UPPER_START = /^\p{Lu}/u;

/** "von der Leyen": the particles at `i` lead to a capitalised word before `end`. */
function particleInName(tokens: readonly Token[], i: number, end: number): boolean {
  let after = i + 1;
  while (after < end && after - i < 3 && PARTICLES.has(tokens[after]!.text)) after++;
  return after < end && CAPITALISED.test(tokens[after]!.text);
}

/** Parts of speech a name never holds. */
const NOT_IN_NAME = new Set(['DET', 'PRON', 'CCONJ', 'SCONJ', 'ADV']);

/** A person name in a capitalised run, titles stripped ("Defence Minister Sergei Shoigu" → "Sergei Shoigu"). */
function personFromRun(
  ctx: SpeakerContext,
  run: Run,
  start: number,
  end: number,
  prefer: 'first' | 'last',
): Resolved | null {
  const { tokens } = ctx.article;
  const { titles, bodies, personPronouns, thingPronouns, groupPronouns } = ctx.lexicon;
  let s = run.start;
  const roles = new Set<string>();
  for (let i = run.start; i < run.end; i++) {
    const lower = tokens[i]!.lower.replace(/\.$/, '');
    if (titles.has(lower) || bodies.has(lower)) {
      s = i + 1;
      if (ctx.lexicon.personRoles.has(lower)) roles.add(lower);
    }
  }
  const n = run.end - s;
  if (n <= 0) return null;
  // "the Commission of International Relations of …": a name inside an organisation's name
  const ofAt = tokens[run.start - 1]?.lower === 'the' ? run.start - 2 : run.start - 1;
  // ("footage of Ana Ruiz" is a person: only a capitalised word before "of" starts a name)
  if (tokens[ofAt]?.lower === 'of' && CAPITALISED.test(tokens[ofAt - 1]?.text ?? '')) return null;
  // "the group Occupy Central", "the agency Federal Security Service": a body's name
  if (ctx.lexicon.bodies.has(tokens[run.start - 1]?.lower ?? '') && s === run.start) return null;
  if (tokens[run.end]?.lower === 'of' && CAPITALISED.test(tokens[run.end + 1]?.text ?? '') && s === run.start)
    return null;
  for (let i = s; i < run.end; i++) {
    const lower = tokens[i]!.lower;
    if (
      bodies.has(lower) ||
      ctx.lexicon.groups.has(lower) ||
      ctx.lexicon.documents.has(lower) ||
      personPronouns.has(lower) ||
      thingPronouns.has(lower) ||
      groupPronouns.has(lower)
    ) {
      return null;
    }
  }
  if (POSSESSIVE.has(tokens[run.end]?.text ?? '')) return null;
  if (/^\p{Lu}{2,}$/u.test(tokens[s]!.text) && n === 1) return null; // an acronym names a body
  const name = oneSpaced(ctx.article.text.slice(tokens[s]!.start, tokens[run.end - 1]!.end));
  const span: Span = [tokens[s]!.start, tokens[run.end - 1]!.end];
  const known = knownPerson(ctx, name, run.start);
  if (known !== null) return { ...known, speaker: { ...known.speaker, span } };
  const titled = s > run.start;
  // a lone capitalised word not opening its sentence is a name whatever the tagger read ("…, Schiff said")
  const proper =
    tokens[s]!.pos === 'PROPN' ||
    (s > 0 && tokens[s - 1]!.sentence === tokens[s]!.sentence && !/^[.!?:;“"‘(]$/.test(tokens[s - 1]!.text));
  const alone = prefer === 'last' && run.start === start && run.end === end && n === 1 && proper;
  if (n < 2 && !titled && !alone) return null;
  // "a series of tweets early Friday saying …": a day is no one
  if (n === 1 && ctx.lexicon.timeWords.has(tokens[s]!.lower)) return null;
  return { speaker: { name, actor: null, span }, person: true, roles, via: 'name' };
}

/** A person already named whose name ends with `name` ("Matsuno" → "Hirokazu Matsuno"). */
function knownPerson(ctx: SpeakerContext, name: string, before: number): Resolved | null {
  const lower = name.toLowerCase();
  const { people } = ctx.article;
  for (let k = 0; k < people.length; k++) {
    const p = people[k]!;
    const full = ctx.peopleLower[k]!;
    if (full === lower || full.endsWith(` ${lower}`)) {
      return {
        speaker: { name: p.name, actor: p.actor, span: null },
        person: true,
        roles: new Set(),
        via: 'person',
      };
    }
  }
  const pos = ctx.article.tokens[before]!.start;
  return latestRecord(ctx, pos, (r) => {
    if (!r.person) return false;
    const full = r.speaker.name.toLowerCase();
    return full !== lower && full.endsWith(` ${lower}`);
  });
}

function firstContent(ctx: SpeakerContext, start: number, end: number): number {
  const { tokens } = ctx.article;
  for (let i = start; i < end; i++) {
    if (tokens[i]!.pos !== 'PUNCT' && ctx.layout.quoteOf[i] === -1) return i;
  }
  return -1;
}

/** The first token outside quotes in [start, end) with the lexicon flag `flag` (BODY, GROUP, DOCUMENT), or -1. */
function findFlagged(ctx: SpeakerContext, start: number, end: number, flag: number): number {
  const { quoteOf, wordFlags } = ctx.layout;
  for (let i = start; i < end; i++) {
    if ((wordFlags[i]! & flag) !== 0 && quoteOf[i] === -1) return i;
  }
  return -1;
}

/** The last role noun of the slot's head phrase (lower-case, so "spokesman" but not a title in a name). */
function findRole(ctx: SpeakerContext, start: number, end: number): number {
  const { tokens } = ctx.article;
  let found = -1;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (ctx.layout.quoteOf[i] !== -1) break;
    if (t.pos === 'ADP' && found !== -1) break;
    if (t.text === ',' && found !== -1) break;
    const flags = ctx.layout.wordFlags[i]!;
    if ((flags & (PERSON_ROLE | GROUP)) !== 0) {
      if ((ctx.layout.wordFlags[i + 1]! & BODY) !== 0) continue;
      if (t.pos === 'NOUN' || t.pos === 'PROPN' || (flags & GROUP) !== 0) found = i;
    }
  }
  return found;
}

function actorIn(ctx: SpeakerContext, start: number, end: number): string | null {
  for (let i = start; i < end; i++) {
    const m = ctx.mentionOf[i]!;
    if (m !== -1 && ctx.article.mentions[m]!.actor !== null) return ctx.article.mentions[m]!.actor;
  }
  return null;
}

/** A speaker named by the slot's own words, determiner dropped ("a senior Pakistani defense official"). */
function describe(ctx: SpeakerContext, start: number, end: number, actor: string | null): Speaker {
  const { tokens, text } = ctx.article;
  let s = start;
  while (s < end - 1 && (DETERMINERS.has(tokens[s]!.lower) || tokens[s]!.pos === 'PUNCT')) s++;
  const span: Span = [tokens[s]!.start, tokens[end - 1]!.end];
  return { name: oneSpaced(text.slice(span[0], span[1])), actor, span };
}

/**
 * The organisation a slot names: a mention of an organisation, institution or state
 * (non-possessive first), a capitalised body name ("Federal Security Service"),
 * a possessive with a body noun ("Mali's government"), or a body noun alone
 * resolved to the body last named with it ("the ministry" → "Ministry of Commerce").
 */
function organisationIn(ctx: SpeakerContext, start: number, end: number, skip: number): Resolved | null {
  const { article, lexicon, mentionOf } = ctx;
  const { tokens, mentions, text } = article;
  const roles = new Set<string>();
  let possessive: Resolved | null = null;
  let possessiveActor: string | null = null;
  let named: { r: Resolved; first: number; last: number; proper: boolean } | null = null;
  for (let i = start; i < end; i++) {
    if (i === skip) continue;
    const m = mentionOf[i]!;
    if (m === -1) continue;
    const mention = mentions[m]!;
    const first = i;
    let last = i;
    while (last + 1 < end && mentionOf[last + 1] === m) last++;
    i = last;
    if (
      mention.person !== null ||
      (mention.kind === 'demonym' && !lexicon.bodies.has(tokens[last + 1]?.lower ?? ''))
    ) {
      if (mention.kind === 'demonym') possessiveActor ??= mention.actor;
      continue;
    }
    const owner = POSSESSIVE.has(tokens[last + 1]?.text ?? '') || mention.kind === 'demonym';
    if (owner) possessiveActor ??= mention.actor;
    // only the first of each kind is kept
    if (owner ? possessive !== null : named !== null) continue;
    const r: Resolved = {
      speaker: { name: organisationName(ctx, mention), actor: mention.actor, span: mention.span },
      person: false,
      roles,
      via: 'organisation',
    };
    if (owner) possessive = r;
    else named = { r, first, last, proper: isProperName(mention.text) };
  }
  // a document speaks for the body it belongs to: "Sana’s report", "the EU's Official Journal"
  if (skip !== -1 && possessive !== null) return possessive;
  // a capitalised body name or an acronym ("Federal Security Service", "IRNA", "Ministry of Foreign Affairs")
  let run: { name: string; span: Span; first: number; last: number } | null = null;
  for (const r of nameRuns(ctx, start, end, true)) {
    let body = false;
    let personInside = false;
    for (let i = r.start; i < r.end; i++) {
      if ((ctx.layout.wordFlags[i]! & BODY) !== 0) body = true;
      const m = mentionOf[i]!;
      if (m !== -1 && mentions[m]!.person !== null) personInside = true;
    }
    if (personInside) continue;
    const acronym =
      r.end - r.start === 1 &&
      /^\p{Lu}{2,}$/u.test(tokens[r.start]!.text) &&
      !lexicon.titles.has(tokens[r.start]!.lower);
    const ownsDocument = skip !== -1 && POSSESSIVE.has(tokens[r.end]?.text ?? '');
    const called =
      lexicon.bodies.has(tokens[r.start - 1]?.lower ?? '') && /^\p{Ll}/u.test(tokens[r.start - 1]!.text);
    if (!body && !acronym && !ownsDocument && !called) continue;
    if (POSSESSIVE.has(tokens[r.end]?.text ?? '') && !acronym && !ownsDocument && !called) continue;
    const span: Span = [tokens[r.start]!.start, tokens[r.end - 1]!.end];
    let e = r.end;
    // "Ministry of Foreign Affairs": take the "of …" tails into the name
    while (body && tokens[e]?.lower === 'of' && e < end) {
      let k = e + 1;
      if (tokens[k]?.lower === 'the') k++;
      let j = k;
      while (j < end && CAPITALISED.test(tokens[j]!.text) && ctx.layout.quoteOf[j] === -1) j++;
      if (j === k) break;
      e = j;
    }
    const full: Span = [span[0], tokens[e - 1]!.end];
    const name = oneSpaced(text.slice(full[0], full[1]));
    run = { name: ctx.expandAcronym(name), span: full, first: r.start, last: e - 1 };
    break;
  }
  if (
    run !== null &&
    (named === null || !named.proper || (run.first <= named.last && named.first <= run.last))
  ) {
    const overlaps = named !== null && run.first <= named.last && named.first <= run.last;
    const actor = named?.r.speaker.actor ?? possessiveActor ?? possessive?.speaker.actor ?? null;
    return {
      speaker: {
        name:
          overlaps && named!.proper && named!.r.speaker.name.length > run.name.length
            ? named!.r.speaker.name
            : run.name,
        actor,
        span: run.span,
      },
      person: false,
      roles,
      via: 'organisation',
    };
  }
  if (named !== null && named.proper) return named.r;
  // a mention in common nouns ("the transport ministry") is named below as the text names it, with its actor
  if (named !== null) possessiveActor ??= named.r.speaker.actor;
  // "Mali's government", "the ministry"
  const body = findFlagged(ctx, start, end, BODY);
  if (body !== -1 && body !== skip) {
    if (possessive !== null) {
      return {
        speaker: describe(ctx, start, body + 1, possessive.speaker.actor),
        person: false,
        roles,
        via: 'organisation',
      };
    }
    const earlier = namedBody(ctx, tokens[body]!, tokens[start]!.start);
    if (earlier !== null) {
      return {
        speaker: { ...earlier, actor: earlier.actor ?? possessiveActor },
        person: false,
        roles,
        via: 'organisation',
      };
    }
    return {
      speaker: describe(ctx, start, body + 1, possessiveActor),
      person: false,
      roles,
      via: 'organisation',
    };
  }
  return possessive ?? named?.r ?? null;
}

/** "the Ministry of Foreign Affairs", "IRNA": every word capitalised but the linking ones. */
function isProperName(text: string): boolean {
  const bare = withoutThe(text);
  // an empty string, or whitespace at either end, has an empty word, which is no name's
  if (bare === '' || /^\s|\s$/.test(bare)) return false;
  // (one scan for a word that breaks the rule, instead of a split and a test per word)
  return !NOT_PROPER_WORD.test(bare);
}

/** A word neither capitalised, a number, opening a parenthesis, nor a linking word ("of", "the", …). */
const NOT_PROPER_WORD = /(?:^|\s)(?![\p{Lu}\p{N}(]|(?:of|the|and|for|on|de)(?:\s|$))\S/u;

function organisationName(ctx: SpeakerContext, mention: Mention): string {
  if (mention.kind === 'organisation' && mention.actor !== null) {
    let ref: (typeof ctx.article.actors)[number] | undefined;
    for (const a of ctx.article.actors)
      if (a.code === mention.actor) {
        ref = a;
        break;
      }
    if (ref !== undefined) return ref.name;
  }
  const bare = oneSpaced(withoutThe(mention.text));
  return ctx.expandAcronym(bare);
}

/** "the ministry" → the nearest earlier capitalised name with that word ("Ministry of Commerce"). */
function namedBody(
  ctx: SpeakerContext,
  word: { readonly lower: string },
  before: number,
): { name: string; actor: string | null; span: Span } | null {
  const text = ctx.article.text;
  const from = Math.max(0, before - 2000);
  const window = text.slice(from, before);
  const cap = word.lower[0]!.toUpperCase() + word.lower.slice(1);
  if (!window.includes(cap)) return null;
  const re = new RegExp(
    `((?:\\p{Lu}[\\p{L}\\-]*\\s+){0,3})${cap}((?:\\s+of(?:\\s+the)?(?:\\s+\\p{Lu}[\\p{L}\\-]*)+)?)`,
    'gu',
  );
  let best: RegExpExecArray | null = null;
  for (let m = re.exec(window); m !== null; m = re.exec(window)) best = m;
  if (best === null) return null;
  const name = best[0]
    .replace(/^(The|A|An)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const start = from + best.index + (best[0].length - best[0].trimStart().length);
  return { name, actor: null, span: [start, from + best.index + best[0].length] };
}
