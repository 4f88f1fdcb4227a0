import { describe, expect, it } from 'vitest';
import { parseQuotesLexicon } from '../../src/pipeline/quotes/index.js';
import { analyse, lexicon } from './helpers.js';

/** [cue, speaker name or null, text] of every indirect quote found in `text`. */
const indirect = (text: string): [string | null, string | null, string][] =>
  analyse(text)
    .quotes.filter((q) => q.kind === 'indirect')
    .map((q) => [q.cue, q.speaker?.name ?? null, q.text]);

describe('adjectives of view after a form of "be"', () => {
  it('"X was sure (that) C": the clause is the subject’s view', () => {
    expect(indirect('Maria Lopez was sure that the new bridge would open before winter.')).toEqual([
      ['sure', 'Maria Lopez', 'the new bridge would open before winter'],
    ]);
    expect(indirect('Tom Baker is confident the council will approve the budget.')).toEqual([
      ['confident', 'Tom Baker', 'the council will approve the budget'],
    ]);
  });

  it('"X is determined to V" and "X was critical of Y": an infinitive or a topic', () => {
    expect(indirect('Ana Ruiz is determined to reopen the harbour by spring.')).toEqual([
      ['determined', 'Ana Ruiz', 'to reopen the harbour by spring'],
    ]);
    expect(indirect('Tom Baker has been critical of the new parking rules for months.')).toEqual([
      ['critical', 'Tom Baker', 'the new parking rules for months'],
    ]);
    expect(indirect('The farmers were worried about how the drought would hit the harvest.')).toEqual([
      ['worried', 'farmers', 'how the drought would hit the harvest'],
    ]);
  });

  it('is no cue without content, without a holder, or when hypothetical', () => {
    expect(indirect('Maria Lopez was sure.')).toEqual([]);
    expect(indirect('The critical vote on the harbour comes on Monday.')).toEqual([]);
    // with "it" for a subject no one holds the view: an impersonal one, without a speaker
    expect(indirect('It is certain that the harbour will reopen in the spring.')).toEqual([
      ['certain', null, 'the harbour will reopen in the spring'],
    ]);
    expect(indirect('Tom Baker could be convinced that the plan works if costs fall.')).toEqual([]);
    expect(indirect('Ana Ruiz was happy with the result of the vote on Monday.')).toEqual([]);
  });

  it('inside another report it is part of that report', () => {
    expect(indirect('Ana Ruiz said the farmers were worried that prices would fall.')).toEqual([
      ['said', 'Ana Ruiz', 'the farmers were worried that prices would fall'],
    ]);
  });
});

describe('impersonal adjectives after "it is"', () => {
  it('"it was clear that C", "it was obvious C": a view no one is named for', () => {
    expect(indirect('It was clear that the council would approve the new budget.')).toEqual([
      ['clear', null, 'the council would approve the new budget'],
    ]);
    expect(indirect('It was obvious the mayor had lost the vote.')).toEqual([
      ['obvious', null, 'It was obvious the mayor had lost the vote'],
    ]);
  });

  it('is no cue alone or with another subject', () => {
    expect(indirect('It is clear.')).toEqual([]);
    expect(indirect('The water in the harbour was clear that morning.')).toEqual([]);
  });
});

describe('nouns of speech and view with a preposition', () => {
  it('"X’s warning of Y": the object when someone holds it', () => {
    expect(indirect("The mayor's warning of a long drought alarmed the farmers.")).toEqual([
      ['warning', 'mayor', 'a long drought'],
    ]);
    expect(indirect('Several council members voiced concerns about the cost of the new bridge.')).toEqual([
      ['voiced', 'Several council members', 'concerns about the cost of the new bridge'],
    ]);
    // inside the content of a verb cue, the noun is reported with it, not on its own
    expect(indirect('Ana Ruiz said she had doubts about the cost of the new bridge.')).toEqual([
      ['said', 'Ana Ruiz', 'she had doubts about the cost of the new bridge'],
    ]);
  });

  it('is no cue when no one holds it or the preposition names the holder', () => {
    expect(indirect('Concerns about the cost of the bridge grew over the summer.')).toEqual([]);
    expect(indirect('The views of the residents differ from street to street.')).toEqual([]);
  });
});

describe('a cue in a clause opened by a subordinating word', () => {
  it('"When X noted that C, Y …": the content ends at the comma closing the clause', () => {
    const text = 'When Ana Ruiz noted that the harbour had lost money for years, the board voted to sell it.';
    expect(indirect(text)).toContainEqual(['noted', 'Ana Ruiz', 'the harbour had lost money for years']);
  });
});

describe('a clause of cause after a cue', () => {
  it('"X did Y because they felt C": the reason is a view of its own, not part of the first cue', () => {
    const text = 'The councillors called the meeting because they felt the mayor had hidden the true cost.';
    expect(indirect(text)).toContainEqual(['felt', 'councillors', 'the mayor had hidden the true cost']);
  });

  it('"X said they felt C": without one, the view stays inside the report', () => {
    expect(indirect('Ana Ruiz said they felt the mayor had hidden the true cost.')).toEqual([
      ['said', 'Ana Ruiz', 'they felt the mayor had hidden the true cost'],
    ]);
  });
});

describe('lexicon: adjectives and noun topics', () => {
  it('loads the adjective and noun-topic lists, and makes the adjectives cue words', () => {
    expect(lexicon.clauseAdjectives.has('sure')).toBe(true);
    expect(lexicon.topicAdjectives.has('critical')).toBe(true);
    expect(lexicon.infinitiveAdjectives.has('determined')).toBe(true);
    expect(lexicon.impersonalAdjectives.has('obvious')).toBe(true);
    expect(lexicon.cueWords.has('confident')).toBe(true);
    expect(lexicon.nounTopics.get('of')?.has('warning')).toBe(true);
  });

  it('rejects a malformed list and loads a file without them', () => {
    const base = { according: [['according', 'to']], pronouns: {}, verbs: [] };
    const lists = [
      'objectVerbs',
      'clauseVerbs',
      'infinitiveVerbs',
      'objectContentVerbs',
      'documents',
      'personRoles',
      'bodies',
      'groups',
      'titles',
      'relatives',
      'abbreviations',
    ];
    const good = {
      ...base,
      ...Object.fromEntries(lists.map((l) => [l, []])),
      pronouns: { person: [], group: [], thing: [] },
    };
    expect(() => parseQuotesLexicon({ cues: { ...good, adjectives: { clause: 'sure' } } })).toThrow(
      /adjectives\.clause/,
    );
    expect(() => parseQuotesLexicon({ cues: { ...good, nounTopics: { of: 'warning' } } })).toThrow(
      /nounTopics\.of/,
    );
    const older = parseQuotesLexicon({ cues: good });
    expect(older.clauseAdjectives.size).toBe(0);
    expect(older.nounTopics.size).toBe(0);
  });
});
