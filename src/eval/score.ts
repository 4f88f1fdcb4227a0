import type { OutputRecord } from '../core/index.js';
import type { GoldArticle, GoldEvent, GoldQuote } from './gold.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface SystemTriple {
  readonly source: string;
  readonly type: string;
  readonly target: string;
  /** Evidence of the first system event with this triple (for --verbose). */
  readonly trigger: string;
  readonly sentence: string;
}

export interface SystemQuote {
  readonly speaker: string | null;
  readonly text: string;
}

export interface ArticleScore {
  readonly id: string;
  readonly events: Counts;
  readonly quotes: Counts;
  readonly people: Counts;
  readonly missedEvents: GoldEvent[];
  readonly spuriousEvents: SystemTriple[];
  readonly matchedEvents: [SystemTriple, GoldEvent][];
  readonly missedQuotes: GoldQuote[];
  readonly spuriousQuotes: SystemQuote[];
  readonly missedPeople: string[];
  readonly spuriousPeople: string[];
}

/**
 * Scores one system article against its gold file as eval/FORMAT.md says:
 * events are (source, type, target) triples counted once per article, matching a
 * gold event with the same source and target whose type or alt holds the system
 * type; quotes match on speaker (last name suffices, alt speakers count) and on
 * overlapping text; people on the normalised full name. Matching is a maximum
 * bipartite matching, so no gold item is matched twice and the order of output
 * does not change the score.
 *
 * @example
 * const s = scoreArticle(gold, toOutputRecord(pipeline.run(doc)));
 */
export function scoreArticle(gold: GoldArticle, system: OutputRecord): ArticleScore {
  // events
  const triples = new Map<string, SystemTriple>();
  for (const e of system.events) {
    const key = `${e.source.code}\u0000${e.type}\u0000${e.target.code}`;
    if (!triples.has(key)) {
      triples.set(key, {
        source: e.source.code,
        type: e.type,
        target: e.target.code,
        trigger: e.trigger.text,
        sentence: e.evidence.sentence,
      });
    }
  }
  const sysEvents = [...triples.values()];
  const eventPairs = maxMatching(sysEvents.length, gold.events.length, (i, j) => {
    const s = sysEvents[i]!;
    const g = gold.events[j]!;
    return (
      s.source === g.source && s.target === g.target && (s.type === g.type || g.alt.includes(s.type as never))
    );
  });

  // quotes: every quotation the system reports as quoted words (not indirect paraphrase)
  const sysQuotes: SystemQuote[] = system.quotes
    .filter((q) => q.kind !== 'indirect')
    .map((q) => ({ speaker: q.speaker?.name ?? null, text: q.text }));
  const sysQuoteWords = sysQuotes.map((q) => words(q.text));
  const goldQuoteWords = gold.quotes.map((q) => words(q.text));
  const quotePairs = maxMatching(sysQuotes.length, gold.quotes.length, (i, j) => {
    const s = sysQuotes[i]!;
    const g = gold.quotes[j]!;
    return (
      s.speaker !== null &&
      [g.speaker, ...g.altSpeakers].some((name) => sameSpeaker(s.speaker!, name)) &&
      textsOverlap(sysQuoteWords[i]!, goldQuoteWords[j]!)
    );
  });

  // people
  const sysPeople = [...new Set(system.people.map((p) => normaliseName(p.name)))].filter((n) => n !== '');
  const goldPeople = [...new Set(gold.people.map(normaliseName))];
  const goldPeopleSet = new Set(goldPeople);
  const sysPeopleSet = new Set(sysPeople);

  const matchedSys = new Set(eventPairs.map(([i]) => i));
  const matchedGold = new Set(eventPairs.map(([, j]) => j));
  const matchedSysQ = new Set(quotePairs.map(([i]) => i));
  const matchedGoldQ = new Set(quotePairs.map(([, j]) => j));
  const peopleTp = sysPeople.filter((p) => goldPeopleSet.has(p)).length;
  return {
    id: gold.id,
    events: {
      tp: eventPairs.length,
      fp: sysEvents.length - eventPairs.length,
      fn: gold.events.length - eventPairs.length,
    },
    quotes: {
      tp: quotePairs.length,
      fp: sysQuotes.length - quotePairs.length,
      fn: gold.quotes.length - quotePairs.length,
    },
    people: { tp: peopleTp, fp: sysPeople.length - peopleTp, fn: goldPeople.length - peopleTp },
    matchedEvents: eventPairs.map(([i, j]) => [sysEvents[i]!, gold.events[j]!]),
    missedEvents: gold.events.filter((_, j) => !matchedGold.has(j)),
    spuriousEvents: sysEvents.filter((_, i) => !matchedSys.has(i)),
    missedQuotes: gold.quotes.filter((_, j) => !matchedGoldQ.has(j)),
    spuriousQuotes: sysQuotes.filter((_, i) => !matchedSysQ.has(i)),
    missedPeople: gold.people.filter((p) => !sysPeopleSet.has(normaliseName(p))),
    spuriousPeople: system.people.map((p) => p.name).filter((p) => !goldPeopleSet.has(normaliseName(p))),
  };
}

/** Micro-averaged precision, recall and F1 (0 where undefined). */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

/** Lower-case, accent-free, punctuation-free form of a name: "António  Guterres" → "antonio guterres". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Same speaker when the normalised names are equal, one contains the other's words, or the last names agree. */
export function sameSpeaker(system: string, gold: string): boolean {
  const s = normaliseName(system);
  const g = normaliseName(gold);
  if (s === '' || g === '') return false;
  if (s === g || ` ${s} `.includes(` ${g} `) || ` ${g} `.includes(` ${s} `)) return true;
  return s.slice(s.lastIndexOf(' ') + 1) === g.slice(g.lastIndexOf(' ') + 1);
}

function words(text: string): string[] {
  const n = normaliseName(text);
  return n === '' ? [] : n.split(' ');
}

/** Texts overlap when they share a run of min(4, |gold|, |system|) consecutive words. */
function textsOverlap(system: readonly string[], gold: readonly string[]): boolean {
  const need = Math.min(4, system.length, gold.length);
  if (need === 0) return false;
  // longest common contiguous run, O(|s|·|g|) on short word lists
  let prev = new Uint16Array(gold.length + 1);
  let cur = new Uint16Array(gold.length + 1);
  for (let i = 1; i <= system.length; i++) {
    for (let j = 1; j <= gold.length; j++) {
      cur[j] = system[i - 1] === gold[j - 1] ? prev[j - 1]! + 1 : 0;
      if (cur[j]! >= need) return true;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return false;
}

/** Maximum bipartite matching (Kuhn's augmenting paths); returns [left, right] pairs. */
export function maxMatching(
  left: number,
  right: number,
  edge: (i: number, j: number) => boolean,
): [number, number][] {
  const adj: number[][] = [];
  for (let i = 0; i < left; i++) {
    const row: number[] = [];
    for (let j = 0; j < right; j++) if (edge(i, j)) row.push(j);
    adj.push(row);
  }
  const matchOfRight = new Int32Array(right).fill(-1);
  const tryAugment = (i: number, seen: Uint8Array): boolean => {
    for (const j of adj[i]!) {
      if (seen[j]) continue;
      seen[j] = 1;
      if (matchOfRight[j] === -1 || tryAugment(matchOfRight[j]!, seen)) {
        matchOfRight[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < left; i++) tryAugment(i, new Uint8Array(right));
  const pairs: [number, number][] = [];
  matchOfRight.forEach((i, j) => {
    if (i >= 0) pairs.push([i, j]);
  });
  return pairs.sort((a, b) => a[0] - b[0]);
}
