import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/core/index.js';
import { pairQuoteMarks } from '../../src/pipeline/quotes/index.js';
import { analyse } from './helpers.js';

/** [kind, cue, speaker name or null, text] of every quote found in `text`. */
const found = (text: string): [Quote['kind'], string | null, string | null, string][] =>
  analyse(text).quotes.map((q) => [q.kind, q.cue, q.speaker?.name ?? null, q.text]);

/** The quotes of `text` whose cue is `cue`. */
const byCue = (text: string, cue: string) => found(text).filter((q) => q[1] === cue);

/** The words a quote's speaker span covers. */
const speakerWords = (text: string, quote: string): string | null => {
  const article = analyse(text);
  const q = article.quotes.find((x) => x.text === quote);
  return q?.speaker?.span ? article.text.slice(q.speaker.span[0], q.speaker.span[1]) : null;
};

describe('quotation marks: doubled apostrophes', () => {
  it("pairs ''…'' as one double quotation mark", () => {
    const text = "''We will rebuild the old bridge,'' said Ana Ruiz, the mayor.";
    const spans = pairQuoteMarks(text);
    expect(spans.map((s) => text.slice(s.contentStart, s.contentEnd))).toEqual([
      'We will rebuild the old bridge,',
    ]);
    // both marks belong to the quotation, the closing pair included
    expect(spans.map((s) => text.slice(s.open, (s.close ?? 0) + 1))).toEqual([
      "''We will rebuild the old bridge,''",
    ]);
    expect(found(text)).toEqual([['direct', 'said', 'Ana Ruiz', 'We will rebuild the old bridge,']]);
  });
});

describe('reported speech around its cue', () => {
  it('“C1, X said, C2”: the sentence goes on after an interrupting cue', () => {
    expect(found('The new toll, Ana Ruiz said, would pay for the repairs within a decade.')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'The new toll'],
      ['indirect', 'said', 'Ana Ruiz', 'would pay for the repairs within a decade'],
    ]);
  });

  it('“C, X said, since …”: a subordinate clause after the cue is still content; a participle is not', () => {
    expect(byCue('The repairs ran late, Ana Ruiz said, because the steel arrived in May.', 'said')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'The repairs ran late'],
      ['indirect', 'said', 'Ana Ruiz', 'because the steel arrived in May'],
    ]);
    expect(byCue('The repairs ran late, Ana Ruiz said, pointing at the river.', 'said')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'The repairs ran late'],
    ]);
  });

  it('“C, said X, a … that …”: the speaker follows the cue and the clause after it is no content', () => {
    expect(
      found(
        'Ferry crossings doubled over the summer, said Tom Baker, an engineer with the agency that runs the port.',
      ),
    ).toEqual([['indirect', 'said', 'Tom Baker', 'Ferry crossings doubled over the summer']]);
  });

  it('“C ‘partly quoted,’ said X”: the content runs from the start of the sentence', () => {
    expect(found("Whatever the cost, the new bridge ''is long overdue,'' said Ana Ruiz.")).toEqual([
      ['indirect', 'said', 'Ana Ruiz', "Whatever the cost, the new bridge ''is long overdue,''"],
      ['mixed', 'said', 'Ana Ruiz', 'is long overdue,'],
    ]);
  });

  it('an appositive subject is not the content of a cue after it', () => {
    expect(
      found('Tom Baker, an engineer with the agency, called for more money for the ferries in a letter.'),
    ).toEqual([['indirect', 'called', 'Tom Baker', 'more money for the ferries in a letter']]);
  });

  it('“X said during … that C”: a long adjunct before “that”', () => {
    expect(
      found('Ana Ruiz said during a long evening meeting in the old town hall that the ferry would stay.'),
    ).toEqual([['indirect', 'said', 'Ana Ruiz', 'the ferry would stay']]);
  });

  it('“X told NP on Monday he …”: a clause with a pronoun subject after the hearer', () => {
    expect(found('Ana Ruiz told reporters on Monday she would keep the ferry running.')).toEqual([
      ['indirect', 'told', 'Ana Ruiz', 'she would keep the ferry running'],
    ]);
  });

  it('“C, according to X, a …”: the clause before the cue', () => {
    expect(
      found('Ferry crossings doubled over the summer, according to the port office, a unit of the city.'),
    ).toEqual([['indirect', 'according to', 'port office', 'Ferry crossings doubled over the summer']]);
  });

  it('“C1, according to X, C2”: the clause goes on after the interrupting phrase', () => {
    expect(
      found('The ferry line, according to the annual filing, lost money in each of the last three years.'),
    ).toEqual([
      ['indirect', 'according to', 'annual filing', 'The ferry line'],
      ['indirect', 'according to', 'annual filing', 'lost money in each of the last three years'],
    ]);
  });

  it('“X said, “Q””: a cue that introduces a quotation takes no content before it', () => {
    expect(found('Asked about the delay, Ana Ruiz said, “We are doing what we can.”')).toEqual([
      ['direct', 'said', 'Ana Ruiz', 'We are doing what we can.'],
    ]);
  });
});

describe('belief, plan and finding cues (data/quotes/cues.json)', () => {
  it('“X believes C”, “X plans to V”, “X expects NP to V”', () => {
    expect(found('Ana Ruiz believes the ferry will pay for itself.')).toEqual([
      ['indirect', 'believes', 'Ana Ruiz', 'the ferry will pay for itself'],
    ]);
    expect(found('Ana Ruiz plans to reopen the ferry line in the spring.')).toEqual([
      ['indirect', 'plans', 'Ana Ruiz', 'to reopen the ferry line in the spring'],
    ]);
  });

  it('a study “found that C”; a poll “shows C”; the report “says C”', () => {
    expect(found('A study by the Port Authority found that ferry crossings had doubled.')).toEqual([
      ['indirect', 'found', 'Port Authority', 'ferry crossings had doubled'],
    ]);
    expect(found('The port office released a report in May. The report says the ferries are full.')).toEqual([
      ['indirect', 'released', 'port office', 'a report in May'],
      ['indirect', 'says', 'port office', 'the ferries are full'],
    ]);
  });

  it('a cue the tagger reads as a noun counts when it agrees with its subject', () => {
    expect(byCue('Recent surveys show most riders want a later ferry.', 'show')).toEqual([
      ['indirect', 'show', 'Recent surveys', 'most riders want a later ferry'],
    ]);
  });

  it('“X said she believes C” is one report, not two', () => {
    expect(found('Ana Ruiz said she believes the ferry will pay for itself.')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'she believes the ferry will pay for itself'],
    ]);
  });

  it('no report: a passive, a modal, a compound, a participle modifying a noun', () => {
    expect(found('He was told the ferry had been cancelled.')).toEqual([]);
    expect(found('These are results the mayor can brag about for years.')).toEqual([]);
    expect(found('The so-called ferry tax was repealed in May by the council.')).toEqual([]);
  });

  it('quoted words inside a view ("voters think …") are the reporter’s', () => {
    expect(
      byCue(
        'Ana Ruiz said on Monday that she acted because voters think the port “is falling apart.”',
        'said',
      )
        .filter((q) => q[0] === 'mixed')
        .map((q) => q[2]),
    ).toEqual(['Ana Ruiz']);
  });
});

describe('reports carried by a noun', () => {
  it('“X’s claim that C”, “the council’s decision to V”', () => {
    expect(byCue('Tom Baker’s claim that the ferry lost money was wrong.', 'claim')).toEqual([
      ['indirect', 'claim', 'Tom Baker', 'the ferry lost money was wrong'],
    ]);
    expect(byCue('The city council’s decision to close the pier angered the fishermen.', 'decision')).toEqual(
      [['indirect', 'decision', 'city council', 'to close the pier angered the fishermen']],
    );
  });

  it('words quoted inside the noun’s content are the possessor’s', () => {
    expect(
      found('Tom Baker’s claim that the ferry was “a waste of money” was wrong.').filter(
        (q) => q[0] === 'mixed',
      ),
    ).toEqual([['mixed', 'claim', 'Tom Baker', 'a waste of money']]);
  });
});

describe('speakers', () => {
  it('a relative pronoun names its antecedent, at the pronoun', () => {
    const text = 'The crowd cheered for Ana Ruiz, who said the ferry would stay open all winter.';
    expect(byCue(text, 'said')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'the ferry would stay open all winter'],
    ]);
    expect(speakerWords(text, 'the ferry would stay open all winter')).toBe('who');
  });

  it('“which X claimed”: a relative object leaves the subject after it', () => {
    expect(
      byCue('The board met on the test, which local media claimed had failed badly.', 'claimed').map(
        (q) => q[2],
      ),
    ).toEqual(['local media']);
  });

  it('the subject is the name before its relative clause, not a name inside it', () => {
    expect(
      byCue(
        'Tom Baker, who has worked on the Riverside project for years, said the ferry was safe.',
        'said',
      ).map((q) => q[2]),
    ).toEqual(['Tom Baker']);
  });

  it('“they” stands for a group named before, or for people named together', () => {
    expect(found('Farmers gathered at the market on Monday. They said the new rules were unfair.')).toEqual([
      ['indirect', 'said', 'Farmers', 'the new rules were unfair'],
    ]);
    const text =
      'Ana Ruiz and Tom Baker say the pier needs work. The pier is older than the town hall, they say.';
    expect(speakerWords(text, 'The pier is older than the town hall')).toBe('they');
  });

  it('a noun phrase that names no one resolved is its own speaker', () => {
    expect(found('A source said the ferry would be sold.')).toEqual([
      ['indirect', 'said', 'source', 'the ferry would be sold'],
    ]);
    expect(found('Twelve percent indicated that they had never used the ferry.')).toEqual([
      ['indirect', 'indicated', 'Twelve percent', 'they had never used the ferry'],
    ]);
  });

  it('the second of two coordinated clauses has its own subject', () => {
    expect(found('Ana Ruiz wants a new pier, and Tom Baker wants a second ferry.').map((q) => q[2])).toEqual([
      'Ana Ruiz',
      'Tom Baker',
    ]);
  });

  it('a transcript line opens with its speaker’s name and a colon', () => {
    const text =
      'A partial transcript follows.\n\n"ROE: We will not vote for this bill as it stands.\n\n"DOE: Then we will have to wait.';
    expect(found(text).map((q) => [q[2], q[0]])).toEqual([
      ['ROE', 'direct'],
      ['DOE', 'direct'],
    ]);
  });

  it('a subordinating word opens the cue’s own clause: the pronoun after it is the subject', () => {
    const text = 'Ana Ruiz spoke first. The crowd cheered after she criticized the plan for the pier.';
    expect(byCue(text, 'criticized').map((q) => q[2])).toEqual(['Ana Ruiz']);
    expect(speakerWords(text, 'the plan for the pier')).toBe('she');
  });

  it('“a group that intends to …”: the relative “that” stands for the noun before it', () => {
    const text = 'The money went to Riverside Now, a group that intends to fund the new ferry.';
    expect(speakerWords(text, 'to fund the new ferry')).toBe('that');
  });

  it('“…,” X said, going on to say that C: the speaker of the cue before', () => {
    expect(byCue('“It is over,” Ana Ruiz said, going on to say that the pier would close.', 'say')).toEqual([
      ['indirect', 'say', 'Ana Ruiz', 'the pier would close'],
    ]);
  });

  it('“C1, X said, C2 …”: the rest of the sentence runs over its own verb', () => {
    expect(byCue('Back in the city, Ana Ruiz said, she decided to sell the old ferry.', 'said')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'Back in the city'],
      ['indirect', 'said', 'Ana Ruiz', 'she decided to sell the old ferry'],
    ]);
  });

  it('a pronoun finds a first name that opened a sentence as its subject', () => {
    expect(
      found(
        'Melanie watched the debate at home. “It never crossed my mind that I was wrong,” she said later.',
      ),
    ).toEqual([['direct', 'said', 'Melanie', 'It never crossed my mind that I was wrong,']]);
  });

  it('a participle right after a name hangs on that name', () => {
    expect(
      found('The ad shows footage of Ana Ruiz asking, “Why is the ferry always late?”')
        .filter((q) => q[0] === 'direct')
        .map((q) => q[2]),
    ).toEqual(['Ana Ruiz']);
  });
});
