import type { RawDocument } from '../core/index.js';

/**
 * mulberry32: a tiny seeded PRNG, so generated corpora and fuzz inputs replay exactly.
 *
 * @example
 * const random = prng(42); random(); // 0.6011037519201636, every time
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A state as the generator names it: short name, demonym, seat of government, an official. */
interface State {
  readonly name: string;
  readonly demonym: string;
  readonly capital: string;
  readonly official: string;
  readonly role: string;
}

// Facts (names, demonyms, capitals) typed here; the officials are invented people.
const STATES: readonly State[] = [
  {
    name: 'Japan',
    demonym: 'Japanese',
    capital: 'Tokyo',
    official: 'Kenji Arakawa',
    role: 'chief cabinet secretary',
  },
  {
    name: 'Russia',
    demonym: 'Russian',
    capital: 'Moscow',
    official: 'Oleg Varentsov',
    role: 'foreign minister',
  },
  {
    name: 'Ukraine',
    demonym: 'Ukrainian',
    capital: 'Kyiv',
    official: 'Taras Hnatiuk',
    role: 'foreign minister',
  },
  {
    name: 'France',
    demonym: 'French',
    capital: 'Paris',
    official: 'Claire Duvernay',
    role: 'foreign minister',
  },
  { name: 'Germany', demonym: 'German', capital: 'Berlin', official: 'Jonas Albrecht', role: 'chancellor' },
  {
    name: 'China',
    demonym: 'Chinese',
    capital: 'Beijing',
    official: 'Liu Weiming',
    role: 'foreign ministry spokesman',
  },
  {
    name: 'India',
    demonym: 'Indian',
    capital: 'New Delhi',
    official: 'Arjun Mehrotra',
    role: 'external affairs minister',
  },
  {
    name: 'Brazil',
    demonym: 'Brazilian',
    capital: 'Brasilia',
    official: 'Paulo Teixeira Lins',
    role: 'president',
  },
  {
    name: 'Turkey',
    demonym: 'Turkish',
    capital: 'Ankara',
    official: 'Emre Kalkan',
    role: 'foreign minister',
  },
  {
    name: 'Iran',
    demonym: 'Iranian',
    capital: 'Tehran',
    official: 'Reza Farahani',
    role: 'foreign ministry spokesman',
  },
  {
    name: 'Israel',
    demonym: 'Israeli',
    capital: 'Jerusalem',
    official: 'Noa Shalev',
    role: 'defence minister',
  },
  {
    name: 'Egypt',
    demonym: 'Egyptian',
    capital: 'Cairo',
    official: 'Karim Mansour',
    role: 'foreign minister',
  },
  { name: 'Kenya', demonym: 'Kenyan', capital: 'Nairobi', official: 'Grace Wanjiru', role: 'president' },
  {
    name: 'Poland',
    demonym: 'Polish',
    capital: 'Warsaw',
    official: 'Marek Zielinski',
    role: 'prime minister',
  },
  {
    name: 'Mexico',
    demonym: 'Mexican',
    capital: 'Mexico City',
    official: 'Lucia Carrasco',
    role: 'president',
  },
  {
    name: 'Canada',
    demonym: 'Canadian',
    capital: 'Ottawa',
    official: 'Evan MacLeod',
    role: 'prime minister',
  },
];

const ORGANISATIONS = ['the United Nations', 'NATO', 'the European Union', 'the African Union', 'the G7'];
const REGIONS = [
  'the eastern provinces',
  'the border districts',
  'the coastal region',
  'the disputed islands',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type Pick = <T>(list: readonly T[]) => T;

/** Sentence makers: each reports one interaction between two states, as wire copy does. */
const SENTENCES: readonly ((a: State, b: State, pick: Pick) => string)[] = [
  (a, b, pick) =>
    `${a.name} will never recognize the so-called referendums held by ${b.name} in ${pick(REGIONS)}, ${a.role} ${a.official} said on ${pick(WEEKDAYS)}.`,
  (a, b) =>
    `"We strongly condemn the actions of ${b.name}, which violate international law," ${a.official} told reporters in ${a.capital}.`,
  (a, b) => `${a.demonym} officials accused ${b.name} of undermining the ceasefire agreed earlier this year.`,
  (a, b) => `${a.name} imposed new sanctions on ${b.demonym} banks and energy companies, the ${a.role} said.`,
  (a, b) => `${a.official} met a ${b.demonym} delegation in ${b.capital} to discuss trade and security.`,
  (a, b) => `${a.name} and ${b.name} signed an agreement to expand cooperation on energy and infrastructure.`,
  (a, b) => `${a.name} called on ${b.name} to withdraw its troops and return to negotiations.`,
  (a, b, pick) =>
    `${a.capital} rejected the demands from ${b.capital} as unacceptable, according to a statement issued on ${pick(WEEKDAYS)}.`,
  (a, b) => `${a.name} sent humanitarian aid, including food and medicine, to ${b.name} after the floods.`,
  (a, b) => `${a.demonym} forces shelled positions near the border with ${b.name}, local officials said.`,
  (a, b) =>
    `${a.official} warned that ${a.name} would respond if ${b.name} continued its military exercises.`,
  (a, b) => `${a.name} expressed support for the sovereignty and territorial integrity of ${b.name}.`,
  (a, b, pick) =>
    `Protesters gathered outside the ${b.demonym} embassy in ${a.capital}, demanding an end to the war in ${pick(REGIONS)}.`,
  (a, _b, pick) =>
    `${pick(ORGANISATIONS)} said the vote had no legal validity, and ${a.name} agreed with that view.`,
  (a, b) => `${a.demonym} diplomats said talks with ${b.name} would continue next week despite the tensions.`,
  (a, b) =>
    `${a.name} expelled two ${b.demonym} diplomats, saying they had engaged in activities incompatible with their status.`,
];

const LINK_HEADLINES = [
  'Markets slide as energy prices climb',
  'What the new sanctions mean for exporters',
  'Inside the talks that failed',
  'Five things to know about the vote',
];

/** Damage seen in scraped and machine-translated copy, applied to a paragraph now and then. */
function damage(paragraph: string, random: () => number): string {
  const roll = random();
  if (roll < 0.15) {
    // a name glued to the next word ("Arakawaat")
    return paragraph.replace(/([A-Z][a-z]{3,}) (at|said|and|in)\b/, '$1$2');
  }
  if (roll < 0.25) {
    // a doubled first letter ("vviolate")
    return paragraph.replace(/\b([a-z])([a-z]{5,})\b/, '$1$1$2');
  }
  if (roll < 0.33) {
    // no space after a sentence's full stop
    return paragraph.replace(/\. ([A-Z])/, '.$1');
  }
  return paragraph;
}

/**
 * Generates seed-like news articles for benchmarks: reports of interactions between states with
 * direct and indirect quotes, officials with roles, datelines, and the damage of scraped copy
 * (glued words, doubled letters, missing spaces, a paragraph printed twice, a "KEEP READING:" link
 * block, a credit line). The same seed gives the same corpus.
 *
 * @example
 * const docs = generateCorpus({ seed: 1, bytes: 5_000_000 }); // about 1,100 articles of 4.5 kB
 */
export function generateCorpus(options: { readonly seed: number; readonly bytes: number }): RawDocument[] {
  const random = prng(options.seed);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const docs: RawDocument[] = [];
  let total = 0;
  while (total < options.bytes) {
    const a = pick(STATES);
    let b = pick(STATES);
    while (b === a) b = pick(STATES);
    const day = 1 + Math.floor(random() * 28);
    const month = Math.floor(random() * 12);
    const year = 2020 + Math.floor(random() * 6);
    const paragraphs: string[] = [`${a.capital.toUpperCase()}, ${MONTHS[month]} ${day} -`];
    while (paragraphs.join('\n\n').length < 4200) {
      const sentences = 2 + Math.floor(random() * 2);
      const p: string[] = [];
      for (let i = 0; i < sentences; i++) {
        const [x, y] = random() < 0.7 ? [a, b] : [b, a];
        const sentence = pick(SENTENCES)(x, y, pick);
        p.push(sentence[0]!.toUpperCase() + sentence.slice(1));
      }
      paragraphs.push(damage(p.join(' '), random));
      if (random() < 0.08) paragraphs.push(paragraphs[paragraphs.length - 1]!); // printed twice
    }
    paragraphs.push('(Reporting by newsroom staff; Editing by the desk)');
    // as in the seed: a block of links to other stories closes the page
    if (random() < 0.5)
      paragraphs.push(`KEEP READING:\n\n${pick(LINK_HEADLINES)}\n\n${pick(LINK_HEADLINES)}`);
    const raw = paragraphs.join('\n\n');
    total += Buffer.byteLength(raw);
    docs.push({
      id: `synthetic-${options.seed}-${docs.length + 1}`,
      raw,
      mediaType: 'text/plain',
      title: `${a.name} and ${b.name} at odds over ${pick(REGIONS)}`,
      published: `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    });
  }
  return docs;
}
