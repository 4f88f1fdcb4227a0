import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/core/index.js';
import { analyse } from './helpers.js';

/** [kind, cue, speaker name or null, text] of every quote found in `text`. */
const found = (text: string): [Quote['kind'], string | null, string | null, string][] =>
  analyse(text).quotes.map((q) => [q.kind, q.cue, q.speaker?.name ?? null, q.text]);

describe('one report, one attribution (issue 5)', () => {
  it('a report inside the content of another is part of it, not a second attribution', () => {
    expect(found('Ana Ruiz said the council had agreed to close the old bridge in the spring.')).toEqual([
      ['indirect', 'said', 'Ana Ruiz', 'the council had agreed to close the old bridge in the spring'],
    ]);
  });

  it('an -ing form governed inside the content (no comma before it) stays in that content', () => {
    expect(found('Ana Ruiz called on the council to stop blaming the ferry crews for the delays.')).toEqual([
      ['indirect', 'called', 'Ana Ruiz', 'on the council to stop blaming the ferry crews for the delays'],
    ]);
    expect(found('The report shows the mayor praising the crews for their work.')).toEqual([
      ['indirect', 'shows', 'report', 'the mayor praising the crews for their work'],
    ]);
  });

  it('content stops at the comma before the subject of a cue that closes the sentence', () => {
    expect(
      found('City protocol called for the mayor to be told at once about the flood, officials said.'),
    ).toEqual([
      [
        'indirect',
        'said',
        'officials',
        'City protocol called for the mayor to be told at once about the flood',
      ],
    ]);
  });
});

describe('clauses before a cue (issue 5)', () => {
  it('only a verb that reports a clause closes a sentence as its cue', () => {
    expect(found('Despite the long delays in the spring, the council backed out.')).toEqual([]);
  });

  it('a lone subordinate clause before the cue is no content', () => {
    expect(found('But when the council cut the ferry budget, the mayor said enough.')).toEqual([]);
  });

  it('a capitalised cue form after a name is part of the name ("the United States")', () => {
    expect(found('Canada and its closest ally, the United States, are members of the council.')).toEqual([]);
  });
});

describe('cue verbs the tagger reads as nouns (issue 5)', () => {
  it('a plural subject the tagger took for a name agrees with a bare verb form', () => {
    expect(found('Polls show a close race in the state.')).toEqual([
      ['indirect', 'show', 'Polls', 'a close race in the state'],
    ]);
  });

  it('a name in -s may still be one person ("Mr. Jones notes …")', () => {
    expect(found('Mr. Jones notes that the ferry is late again.')).toEqual([
      ['indirect', 'notes', 'Jones', 'the ferry is late again'],
    ]);
  });

  it('names joined by "and" are a plural subject; the object of a speech act is its content', () => {
    expect(found('China and Russia support the government in the north.').map((q) => q[3])).toEqual([
      'the government in the north',
    ]);
  });

  it('an adverb between commas after the subject is skipped', () => {
    expect(found('Some Democrats, however, question the wisdom of the plan.')).toEqual([
      ['indirect', 'question', 'Democrats', 'the wisdom of the plan'],
    ]);
  });
});

describe('objects of reporting verbs (issue 5)', () => {
  it('"claimed", "shows", "reported" … take a noun phrase as their content', () => {
    expect(found('He claimed vast wealth during the campaign.').map((q) => [q[1], q[3]])).toEqual([
      ['claimed', 'vast wealth during the campaign'],
    ]);
    expect(found('The video shows an officer aiming a gun at the driver.')).toEqual([
      ['indirect', 'shows', 'video', 'an officer aiming a gun at the driver'],
    ]);
  });

  it('a participle before its noun opens the object ("called for increased spending")', () => {
    expect(found('The mayor called for increased spending on the ferries.')).toEqual([
      ['indirect', 'called', 'mayor', 'increased spending on the ferries'],
    ]);
  });
});

describe('infinitive cues (issue 5)', () => {
  it('"went on to explain how …": an infinitive after a verb of the same subject, with a question after it', () => {
    expect(found('Tom Baker went on to explain how the toll would pay for the repairs.')).toEqual([
      ['indirect', 'explain', 'Tom Baker', 'how the toll would pay for the repairs'],
    ]);
  });
});

describe('dash, colon and reply cues (issue 5)', () => {
  it('"C — X said": a dash closes the content before a cue as a comma does', () => {
    expect(found('The ferry will return in May — the mayor said on Friday.')).toEqual([
      ['indirect', 'said', 'mayor', 'The ferry will return in May'],
    ]);
  });

  it('"X added: C": a colon after a verb of saying opens unquoted content', () => {
    expect(found('Tom Baker added: the new toll is unfair to the islanders.')).toEqual([
      ['indirect', 'added', 'Tom Baker', 'the new toll is unfair to the islanders'],
    ]);
  });

  it('"did not respond to requests for comment", "declined to comment": short replies are content', () => {
    expect(found('The ferry company did not immediately respond to requests for comment.')).toEqual([
      ['indirect', 'respond', 'ferry company', 'to requests for comment'],
    ]);
    expect(found('Through a spokesman, the mayor declined to comment.')).toEqual([
      ['indirect', 'declined', 'mayor', 'to comment'],
    ]);
  });
});

describe('quotation marks (issue 5)', () => {
  it('a closing-style mark that opens its line opens a quote signed with a dash', () => {
    expect(
      found('Letters from readers.\n\n”The ferry is always late. We need a new one.” ― Ana Ruiz\n'),
    ).toEqual([['direct', null, 'Ana Ruiz', 'The ferry is always late. We need a new one.']]);
  });
});
