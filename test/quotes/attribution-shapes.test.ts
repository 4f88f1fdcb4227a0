import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/core/index.js';
import { analyse } from './helpers.js';

/** [kind, cue, speaker name or null, text] of every quote found in `text`. */
const found = (text: string): [Quote['kind'], string | null, string | null, string][] =>
  analyse(text).quotes.map((q) => [q.kind, q.cue, q.speaker?.name ?? null, q.text]);

describe('reported clauses after a hearer or an adjunct (issue 5)', () => {
  it('reads a hyphenated hearer and a quoted programme title as part of the hearer', () => {
    expect(found('Ana Ruiz told Italian-Americans at the fair she would fund the new bridge.')).toEqual([
      ['indirect', 'told', 'Ana Ruiz', 'she would fund the new bridge'],
    ]);
    expect(found('Ana Ruiz told KXTV\'s "Morning Edition" that the ferry service would end in May.')).toEqual(
      [['indirect', 'told', 'Ana Ruiz', 'the ferry service would end in May']],
    );
  });

  it('skips an aside between commas before "that", and an adjunct before a pronoun subject', () => {
    expect(
      found('Several engineers warned, as did the mayor herself, that the old bridge might fail.'),
    ).toEqual([['indirect', 'warned', 'Several engineers', 'the old bridge might fail']]);
    expect(found('Ana Ruiz said after the vote she would not seek another term.')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'she would not seek another term'],
    ]);
    // "said Friday, as they …": the cue's own clause is no content
    expect(found('The toll is unfair, the drivers said Friday, as they blocked the bridge.')).toEqual([
      ['indirect', 'said', 'drivers', 'The toll is unfair'],
    ]);
  });
});

describe('"as" clauses and split subjects (issue 5)', () => {
  it('"As X pointed out, C": the main clause is the content, the "as" clause is not', () => {
    expect(found('As many engineers have pointed out, the old bridge cannot carry trucks.')).toEqual([
      ['indirect', 'pointed', 'many engineers', 'the old bridge cannot carry trucks'],
    ]);
    expect(found('The ferry, as the harbour master noted, rarely leaves on time.')[0]?.slice(1)).toEqual([
      'noted',
      'harbour master',
      'rarely leaves on time',
    ]);
  });

  it('"NP, X said, VERB …": the verb after the interrupting cue is the content’s predicate, not a cue', () => {
    expect(found('The museum, Ana Ruiz said, celebrated the builders of the old bridge.')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'celebrated the builders of the old bridge'],
    ]);
  });

  it('after a whole quotation, a subordinate clause after "X told Y," is the cue’s own', () => {
    const text = '“You should resign over the bridge,” Ana Ruiz told Tom Baker, after he admitted the delay.';
    expect(found(text).filter((q) => q[1] === 'told')).toEqual([
      ['direct', 'told', 'Ana Ruiz', 'You should resign over the bridge,'],
    ]);
  });
});

describe('views with no named holder (issue 5)', () => {
  it('"X seems to …", "it appears that …": the subject and what follows, with no speaker', () => {
    expect(found('The old ferry seems to have vanished from the harbour.')).toEqual([
      ['indirect', 'seems', null, 'The old ferry seems to have vanished from the harbour'],
    ]);
    expect(found('Often, it appeared that the council was unable to agree on the toll.')).toEqual([
      ['indirect', 'appeared', null, 'the council was unable to agree on the toll'],
    ]);
    // "appeared on television" reports nothing; "it seems likely" says nothing alone
    expect(found('Ana Ruiz appeared on television on Sunday.')).toEqual([]);
  });

  it('"X is expected to …", "X has been blamed for …": a passive view or speech act ends with its clause', () => {
    expect(
      found('The new toll is expected to take effect in May, but drivers seem angry about the price.'),
    ).toEqual([
      ['indirect', 'expected', null, 'The new toll is expected to take effect in May'],
      ['indirect', 'seem', null, 'drivers seem angry about the price'],
    ]);
    expect(found('The contractors have been blamed for the long delays on the bridge.')).toEqual([
      ['indirect', 'blamed', null, 'The contractors have been blamed for the long delays on the bridge'],
    ]);
    // an infinitive holds no view of its own; an agent after "by" is left to the reporting cues
    expect(found('The mayor hopes to be seen as a builder.').filter((q) => q[1] === 'seen')).toEqual([]);
  });
});
