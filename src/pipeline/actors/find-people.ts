import type { Person, Span } from '../../core/index.js';
import type { NameLexicon } from './build-name-lexicon.js';
import { isAllUpper, isCapitalised } from './normalise-key.js';
import { readNameContext } from './read-name-context.js';
import type { NameContext, TokenView } from './read-name-context.js';
import { isTitleCaseSentence } from './find-actor-mentions.js';
import { SHAPE, WORD_CLASS } from './classify-words.js';
import { sortSmall } from '../sort-small.js';

/** (Read once: an imported binding read in a loop may cost a call each time.) */
const NAME_STOP = WORD_CLASS.nameStop;
/** A text of two characters or more. */
const LONG = SHAPE.long;
/** An ASCII initial other than a capital. */
const NOT_NAME_INITIAL = SHAPE.lowerInitial | SHAPE.otherAsciiInitial;

/** A run of name tokens [start, end) with what its context says. */
export interface NameRun {
  readonly start: number;
  readonly end: number;
  readonly span: Span;
  /** Normalised name words, without hyphens ("jean", "yves", "le", "drian"). */
  readonly words: readonly string[];
  readonly context: NameContext;
  /** Found in a Title Case line (headline, caption), where capitals say little. */
  readonly titleCase: boolean;
}

/** A person under construction: the runs that name them, in text order. */
export interface PersonDraft {
  name: string;
  words: readonly string[];
  readonly runs: NameRun[];
}

const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.]*$/u;
const INITIAL = /^\p{Lu}\.$/u;
const POSSESSIVE_END = /(?<=\p{L}{2})['’]s$/u;
const PLACE_PREPOSITIONS = new Set([
  'in',
  'at',
  'near',
  'from',
  'to',
  'across',
  'outside',
  'inside',
  'into',
  'towards',
  'toward',
]);
/** Tokens after which a capital only says a clause starts (“Now …, (Having …). */
const CLAUSE_OPENERS = new Set(['“', '"', '‘', '(', ':', '—', '–', '«']);
const SINGLE_BLOCKERS = new Set(['of', 'the', 'and', '&', '-', 'de', 'du', 'des', 'la', 'le']);

/**
 * Finds the people an article names: runs of capitalised name words that a
 * title, honorific, apposition or speech verb marks as a person, or that have
 * two or more words; then clusters surname-only and variant mentions to the
 * full name first given (accent-insensitive).
 *
 * @example
 * // "Foreign Minister Jorge Arreaza said … Arreaza added"
 * findPeople(view, names); // [{ name: 'Jorge Arreaza', runs: [two runs] }]
 */
export function findPeople(view: TokenView, names: NameLexicon): PersonDraft[] {
  const runs = findNameRuns(view, names);
  const people: PersonDraft[] = [];
  // full names first, so that a surname met before its full name still clusters to it
  const rest: NameRun[] = [];
  // body text first: a headline's run ("Barack Obama Election") is read against the names the body gives
  const ordered = bodyRunsFirst(runs);
  for (const run of ordered) {
    if (run.titleCase) {
      const inside = findPersonInside(view, people, run);
      if (inside) {
        inside.person.runs.push(inside.run);
        continue;
      }
    }
    const words = countNameWords(run);
    const named = run.titleCase
      ? // in a Title Case line only a title or a short run opening with a given name is trusted
        (words >= 2 && run.context.evidence !== null && run.context.evidence !== 'speech') ||
        (words >= 2 && words <= 3 && names.firstNames.has(run.words[0]!))
      : words >= 2 && (run.context.evidence !== null || names.firstNames.has(run.words[0]!));
    if (!named) {
      rest.push(run);
      continue;
    }
    const person = findCluster(people, run);
    if (person) person.runs.push(run);
    else people.push({ name: surface(view, run), words: run.words, runs: [run] });
  }
  for (const run of rest) {
    // "Cricket Boland": a capitalised word glued before a known surname
    const tail = countNameWords(run) >= 2 ? lastWordRun(view, run) : run;
    const person = findCluster(people, tail);
    if (person) person.runs.push(tail);
    else if (tail === run && !run.titleCase && run.context.evidence !== null && acceptsSingle(view, run)) {
      people.push({ name: surface(view, run), words: run.words, runs: [run] });
    }
  }
  for (const person of people) if (person.runs.length > 1) sortSmall(person.runs, byStart);
  // the name is the full name as first given: the first run with the most words of the cluster's first long run
  sortSmall(people, byFirstRun);
  return people;
}

/** The runs of body text, then those of Title Case lines, each in text order. */
function bodyRunsFirst(runs: readonly NameRun[]): NameRun[] {
  const ordered: NameRun[] = [];
  for (const run of runs) if (!run.titleCase) ordered.push(run);
  for (const run of runs) if (run.titleCase) ordered.push(run);
  return ordered;
}

function byStart(a: NameRun, b: NameRun): number {
  return a.start - b.start;
}

function byFirstRun(a: PersonDraft, b: PersonDraft): number {
  return a.runs[0]!.start - b.runs[0]!.start;
}

function findNameRuns(view: TokenView, names: NameLexicon): NameRun[] {
  const runs: NameRun[] = [];
  const { tokens } = view;
  for (let s = 0; s < view.sentences.length; s++) {
    const sentence = view.sentences[s]!;
    const titleCase = view.titleCase ? view.titleCase[s] === 1 : isTitleCaseSentence(tokens, sentence);
    let i = sentence.tokenStart;
    while (i < sentence.tokenEnd) {
      // most words open with an ASCII character other than a capital: no name starts there
      if (
        (view.shapes[i]! & NOT_NAME_INITIAL) !== 0 ||
        !isNameWord(view, i, sentence.tokenStart, titleCase)
      ) {
        i++;
        continue;
      }
      let end = i + 1;
      for (;;) {
        if (end < sentence.tokenEnd && isNameWord(view, end, sentence.tokenStart, titleCase)) {
          end++;
        } else if (end < sentence.tokenEnd && isSurnameAfterGivenName(view, end, names)) {
          end++;
        } else if (
          isJoiner(view, end, sentence.tokenEnd, names) &&
          isNameTail(view, end + 1, sentence.tokenEnd, titleCase)
        ) {
          end += 2;
        } else if (
          isParticle(view, end, names) &&
          end + 1 < sentence.tokenEnd &&
          isNameWord(view, end + 1, sentence.tokenStart, titleCase)
        ) {
          end += 2;
        } else {
          break;
        }
      }
      // "Minister of Culture and Islamic Guidance Mohammad …": the name starts at its first known given name
      for (let k = i + 1; k < end - 1; k++) {
        if (
          names.firstNames.has(view.keys[k]!) &&
          !names.firstNames.has(view.keys[i]!) &&
          view.keys[k - 1] !== '-'
        ) {
          i = k;
          break;
        }
      }
      // "George Washington University", "the Washington Post": a name inside an organisation's or place's name
      const next = view.tokens[end];
      if (
        (next &&
          end < sentence.tokenEnd &&
          isCapitalised(next.text) &&
          names.organisationWords.has(view.keys[end]!)) ||
        containsOrganisationWord(view, i + 1, end, names)
      ) {
        i = end;
        continue;
      }
      const words: string[] = [];
      for (let k = i; k < end; k++) if (view.keys[k] !== '-') words.push(view.keys[k]!);
      // "Trump's" as one token: the name stops before the possessive
      let spanEnd = tokens[end - 1]!.end;
      const possessive = POSSESSIVE_END.exec(tokens[end - 1]!.text);
      if (possessive) {
        spanEnd -= possessive[0].length;
        words[words.length - 1] = words[words.length - 1]!.slice(0, -possessive[0].length);
      }
      const context = readNameContext(view, i, end, names);
      runs.push({ start: i, end, span: [tokens[i]!.start, spanEnd], words, context, titleCase });
      i = end;
    }
  }
  return runs;
}

/** Whether token `i` may be a word of a name; its non-names and honorifics are read from `view.classes`. */
function isNameWord(view: TokenView, i: number, first: number, titleCase: boolean): boolean {
  if (view.actorAt[i]! >= 0) return false;
  const token = view.tokens[i]!;
  const text = token.text;
  const initial = text.charCodeAt(0);
  if (initial < 0x80 && !(initial >= 0x41 && initial <= 0x5a)) return false;
  if (!isNameWordText(text)) return false;
  // (a non-name or an honorific)
  if ((view.classes[i]! & NAME_STOP) !== 0) return false;
  // (an initial has at most three code units: a capital, maybe astral, and a dot)
  if (text.length <= 3 && INITIAL.test(text)) return i > first && isNameWordText(view.tokens[i - 1]!.text);
  if (isAllUpper(text) && text.length > 1) return false;
  // (every clause opener is one character: a longer word before needs no lookup)
  const opensClause =
    i === first ||
    (i > first && (view.shapes[i - 1]! & LONG) === 0 && CLAUSE_OPENERS.has(view.tokens[i - 1]!.text));
  if ((opensClause || titleCase) && token.pos !== 'PROPN') return false;
  return true;
}

/**
 * `NAME_WORD.test(text)`, read without the regular expression for an ASCII text (most words): a
 * capital, then letters, apostrophes and dots.
 */
function isNameWordText(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!(first >= 0x41 && first <= 0x5a)) return first >= 0x80 && NAME_WORD.test(text);
  for (let k = 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x27 || c === 0x2e) continue;
    return c >= 0x80 && NAME_WORD.test(text);
  }
  return true;
}

/** "Steve Harvey Morning Show": a run holding an organisation word names the organisation. */
function containsOrganisationWord(view: TokenView, start: number, end: number, names: NameLexicon): boolean {
  for (let k = start; k < end; k++) if (names.organisationWords.has(view.keys[k]!)) return true;
  return false;
}

/** "Theresa May": a month or common noun right after a given name is the surname. */
function isSurnameAfterGivenName(view: TokenView, i: number, names: NameLexicon): boolean {
  return (
    i > 0 &&
    names.firstNames.has(view.keys[i - 1]!) &&
    names.namesAfterGivenName.has(view.keys[i]!) &&
    view.actorAt[i]! < 0 &&
    isCapitalised(view.tokens[i]!.text)
  );
}

/** "-" glued on both sides, as in "Jean-Yves" or "Jong-un". */
function isJoiner(view: TokenView, i: number, limit: number, names: NameLexicon): boolean {
  if (i + 1 >= limit || view.keys[i] !== '-') return false;
  void names;
  const prev = view.tokens[i - 1]!;
  const self = view.tokens[i]!;
  const next = view.tokens[i + 1]!;
  return prev.end === self.start && self.end === next.start;
}

function isNameTail(view: TokenView, i: number, limit: number, titleCase: boolean): boolean {
  if (i >= limit || view.actorAt[i]! >= 0) return false;
  const text = view.tokens[i]!.text;
  if (/^[a-z]{1,5}$/.test(text)) return true; // "Jong-un", "Ki-moon"
  return isNameWord(view, i, -1, titleCase);
}

function isParticle(view: TokenView, i: number, names: NameLexicon): boolean {
  const token = view.tokens[i];
  return token !== undefined && !isCapitalised(token.text) && names.particles.has(view.keys[i]!);
}

function lastWordRun(view: TokenView, run: NameRun): NameRun {
  const start = run.end - 1;
  const token = view.tokens[start]!;
  return {
    start,
    end: run.end,
    span: [token.start, token.end],
    words: [view.keys[start]!],
    context: run.context,
    titleCase: run.titleCase,
  };
}

/** A lone capitalised word is a name only when it is not the tail of an organisation's name ("Ministry of Commerce said"). */
function acceptsSingle(view: TokenView, run: NameRun): boolean {
  if (run.context.evidence === 'title' || run.context.evidence === 'honorific') return true;
  const prev = view.tokens[run.start - 1];
  // "Diplomats said …": a capitalised first word before a speech verb is as often a plain noun
  if (!prev || prev.sentence !== view.tokens[run.start]!.sentence) return run.context.evidence !== 'speech';
  // "a ceremony in Male, the defence minister said": a place, not a person
  if (PLACE_PREPOSITIONS.has(prev.lower)) return false;
  return run.context.evidence !== 'speech' || (!SINGLE_BLOCKERS.has(prev.lower) && !isCapitalised(prev.text));
}

function countNameWords(run: NameRun): number {
  let n = 0;
  for (const word of run.words) if (word.length > 1) n++;
  return n;
}

/** The person a run names: same words, or a run whose words all belong to the person's name. */
function findCluster(people: readonly PersonDraft[], run: NameRun): PersonDraft | null {
  let best: PersonDraft | null = null;
  let bestScore = 0;
  const last = run.words[run.words.length - 1];
  for (const person of people) {
    if (!wordsBelongTo(run.words, person.words)) continue;
    let score = 1;
    if (last !== undefined && person.words[person.words.length - 1] === last) score = 3;
    else if (person.words[0] === run.words[0]) score = 2;
    // prefer the person mentioned most recently before this run
    if (
      score > bestScore ||
      (score === bestScore && best && lastStart(person, run.start) > lastStart(best, run.start))
    ) {
      best = person;
      bestScore = score;
    }
  }
  return best;
}

/** Whether every word of a run (but initials) is a word of the person's name. */
function wordsBelongTo(words: readonly string[], name: readonly string[]): boolean {
  for (const word of words) if (word.length !== 1 && !name.includes(word)) return false;
  return true;
}

/** A known person whose every name word occurs, in a row, inside the run; with the run cut to them. */
function findPersonInside(
  view: TokenView,
  people: readonly PersonDraft[],
  run: NameRun,
): { person: PersonDraft; run: NameRun } | null {
  for (const person of people) {
    const n = person.words.length;
    for (let k = run.start; k + n <= run.end; k++) {
      let ok = true;
      for (let w = 0; w < n && ok; w++) ok = view.keys[k + w] === person.words[w];
      if (!ok) continue;
      const end = k + n;
      const span = [view.tokens[k]!.start, view.tokens[end - 1]!.end] as const;
      return { person, run: { ...run, start: k, end, span, words: person.words } };
    }
  }
  return null;
}

function lastStart(person: PersonDraft, before: number): number {
  let start = -1;
  for (const r of person.runs) if (r.start < before) start = r.start;
  return start;
}

function surface(view: TokenView, run: NameRun): string {
  return view.text.slice(run.span[0], run.span[1]);
}

/**
 * Turns drafts into Person records: actor and role from the first context
 * that states them (else from a description such as "the UN chief"), never guessed.
 *
 * @example
 * toPeople(drafts); // [{ name: 'Vladimir Putin', actor: 'RUS', role: 'President', mentions: [[…]] }]
 */
export function toPeople(drafts: readonly PersonDraft[], learned: readonly (string | null)[] = []): Person[] {
  const people = new Array<Person>(drafts.length);
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index]!;
    let actor: string | null = null;
    let role: string | null = null;
    const mentions = new Array<Span>(draft.runs.length);
    for (let r = 0; r < draft.runs.length; r++) {
      const run = draft.runs[r]!;
      if (actor === null && run.context.actor !== null) actor = run.context.actor;
      if (role === null && run.context.role !== null) role = run.context.role;
      mentions[r] = run.span;
    }
    if (actor === null) actor = learned[index] ?? null;
    people[index] = { name: draft.name, actor, role, mentions };
  }
  return people;
}
