import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/core/index.js';
import { analyse } from './helpers.js';

/** [kind, speaker name or null, quoted text] of every quote found in `text`. */
const found = (text: string): [Quote['kind'], string | null, string][] =>
  analyse(text).quotes.map((q) => [q.kind, q.speaker?.name ?? null, q.text]);

const Q = 'We will not back down';

describe('attribution patterns (issue 5)', () => {
  it('“Q,” X said / “Q,” said X', () => {
    expect(found(`“${Q},” Maria Lopez said.`)).toEqual([['direct', 'Maria Lopez', `${Q},`]]);
    expect(found(`“${Q},” said Maria Lopez.`)).toEqual([['direct', 'Maria Lopez', `${Q},`]]);
  });

  it('X said: “Q” / X said “Q”', () => {
    expect(found(`Maria Lopez said: “${Q}.”`)).toEqual([['direct', 'Maria Lopez', `${Q}.`]]);
    expect(found(`Maria Lopez said “${Q.toLowerCase()}” on Monday.`)).toEqual([
      ['direct', 'Maria Lopez', Q.toLowerCase()],
    ]);
  });

  it('X said (that) C / C, X said / According to X, C — indirect', () => {
    const c = 'the council would meet again next week';
    expect(found(`Maria Lopez said that ${c}.`)).toEqual([['indirect', 'Maria Lopez', c]]);
    expect(found(`Maria Lopez said ${c}.`)).toEqual([['indirect', 'Maria Lopez', c]]);
    expect(found(`The council would meet again next week, Maria Lopez said.`)).toEqual([
      ['indirect', 'Maria Lopez', 'The council would meet again next week'],
    ]);
    expect(found(`According to Maria Lopez, ${c}.`)).toEqual([['indirect', 'Maria Lopez', c]]);
  });

  it('X added that … “partly quoted” — mixed inside the indirect clause', () => {
    expect(found('Maria Lopez added that the plan was “dead on arrival and beyond repair.”')).toEqual([
      ['indirect', 'Maria Lopez', 'the plan was “dead on arrival and beyond repair.”'],
      ['mixed', 'Maria Lopez', 'dead on arrival and beyond repair.'],
    ]);
  });

  it('a floating quote inherits the speaker of the quote before it', () => {
    expect(found(`“${Q},” Maria Lopez said. “This is our city and our future.”`)).toEqual([
      ['direct', 'Maria Lopez', `${Q},`],
      ['direct', 'Maria Lopez', 'This is our city and our future.'],
    ]);
  });

  it('a quote signed with a dash and a name', () => {
    const text = `Readers wrote in.\n“${Q} on this one.” ― Ana Ruiz\n“They never listen to the rest of us.” — Tom Baker, 34, Ohio`;
    expect(found(text)).toEqual([
      ['direct', 'Ana Ruiz', `${Q} on this one.`],
      ['direct', 'Tom Baker', 'They never listen to the rest of us.'],
    ]);
  });

  it('a progressive cue takes its own subject; a parenthetical aside is skipped', () => {
    expect(
      found('Later on, the White House is saying that the new figures show the need for reform.'),
    ).toEqual([['indirect', 'White House', 'the new figures show the need for reform']]);
    expect(found(`Tom Baker (R-Ohio) said: “${Q} now or ever.”`)).toEqual([
      ['direct', 'Tom Baker', `${Q} now or ever.`],
    ]);
  });

  it('an infinitive content and a participle with a bare clause', () => {
    expect(found('Maria Lopez pledged to keep the clinics open through the winter.')).toEqual([
      ['indirect', 'Maria Lopez', 'to keep the clinics open through the winter'],
    ]);
    expect(found('Maria Lopez left the room, saying she would not sign the deal.')).toEqual([
      ['indirect', 'Maria Lopez', 'she would not sign the deal'],
    ]);
  });
});

describe('nested reported speech (issue 5)', () => {
  it('a quote inside a clause nested in “According to X, …” belongs to X', () => {
    const text =
      'According to the Kenyan Foreign Ministry, the authorities have promised not to invite observers, “in contradiction with the obligations they assumed”.';
    const mixed = analyse(text).quotes.filter((q) => q.kind === 'mixed');
    expect(mixed.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['Kenyan Foreign Ministry', 'in contradiction with the obligations they assumed'],
    ]);
  });

  it('“they” takes a group cued just before', () => {
    const text = `“The vote was rigged from the start,” the opposition groups said. They said the count must be repeated in every district.`;
    expect(found(text).map((q) => q[1])).toEqual(['opposition groups', 'opposition groups']);
  });
});

describe('sentence and clause bounds', () => {
  it('a title word written out ends its sentence ("… to the defense. Tom Baker said …")', () => {
    expect(
      found('Maria Lopez wrote a long letter to the defense. Tom Baker said the talks had failed.'),
    ).toEqual([
      ['indirect', 'Maria Lopez', 'a long letter to the defense'],
      ['indirect', 'Tom Baker', 'the talks had failed'],
    ]);
  });

  it('the part of the day after a cue is its time, not what was said', () => {
    const text =
      'The talks had failed in the capital, the opposition leaders said Friday afternoon, as they left the hall.';
    expect(found(text)).toEqual([['indirect', 'opposition leaders', 'The talks had failed in the capital']]);
  });

  it('a cue in a relative clause reports nothing before the relative', () => {
    expect(
      found('Lopez asked Cuba to extradite the two men, which Havana refused.').map((q) => q[1]),
    ).toEqual(['Lopez']);
  });

  it('an interrupting cue continues the content only with a finite verb of its own', () => {
    const text = `“${Q},” Maria Lopez said, not even needing to name the rival who lost last year.`;
    expect(found(text)).toEqual([['direct', 'Maria Lopez', `${Q},`]]);
  });
});

describe('speakers (issue 5)', () => {
  it('a day is never a speaker ("tweets early Friday saying …")', () => {
    expect(
      found('Maria Lopez sent a series of tweets early Friday saying that the talks had failed.'),
    ).toEqual([['indirect', 'Maria Lopez', 'the talks had failed']]);
  });

  it('resolves titles, descriptions and pronouns to the person named before', () => {
    const text = `Interior Minister Maria Lopez arrived on Monday. “${Q},” the minister said. “Nor will we wait,” she added.`;
    expect(found(text).map((q) => q[1])).toEqual(['Maria Lopez', 'Maria Lopez']);
  });

  it('reports an unnamed group as described, and an unresolved pronoun as null', () => {
    expect(found(`“${Q},” the protesters said.`)).toEqual([['direct', 'protesters', `${Q},`]]);
    expect(found(`“${Q},” she said.`)).toEqual([['direct', null, `${Q},`]]);
  });
});
