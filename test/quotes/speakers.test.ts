import { describe, expect, it } from 'vitest';
import { analyse } from './helpers.js';

/** [kind, speaker name or null, speaker words in the text or null, quoted text] of every quote in `text`. */
function found(text: string): [string, string | null, string | null, string][] {
  const article = analyse(text);
  return article.quotes.map((q) => [
    q.kind,
    q.speaker?.name ?? null,
    q.speaker?.span ? article.text.slice(q.speaker.span[0], q.speaker.span[1]) : null,
    q.text,
  ]);
}

/** The speaker of the quote whose text starts with `start`. */
function speakerOf(text: string, start: string): [string | null, string | null] | undefined {
  const q = found(text).find(([, , , body]) => body.startsWith(start));
  return q === undefined ? undefined : [q[1], q[2]];
}

describe('speaker resolution (issue 5)', () => {
  it('a relative pronoun right before the cue stands for the noun phrase before it, named at the pronoun', () => {
    expect(
      speakerOf('The mayor met a builder who said the permits had been delayed for months.', 'the permits'),
    ).toEqual(['builder', 'who']);
    expect(
      speakerOf(
        'The farmers, most of whom said the tariff would ruin them, marched on Monday.',
        'the tariff',
      ),
    ).toEqual(['farmers', 'most of whom']);
  });

  it('a relative before a light verb speaks for the noun cue ("…, which voiced fears that …")', () => {
    const text = 'Residents met the city council, which voiced fears that the river would flood again.';
    const nouns = analyse(text).quotes.filter((q) => q.cue === 'fears');
    expect(nouns.map((q) => q.speaker?.name)).toEqual(['city council']);
  });

  it('"in which he said": the subject follows the relative', () => {
    const text =
      'Tomas Brandt gave a long radio interview on Monday. Critics pounced on the interview, in which he said the reports were false.';
    expect(speakerOf(text, 'the reports')).toEqual(['Tomas Brandt', 'he']);
  });

  it('a name after an opening phrase is the subject a later "she" stands for', () => {
    const text =
      'During a town hall, Oriane Vasquez had a question for the mayor. “My street has flooded three times this year,” she said.';
    expect(speakerOf(text, 'My street')).toEqual(['Oriane Vasquez', 'she']);
  });

  it('a subject with a long relative clause or appositive between commas is still the subject', () => {
    expect(
      speakerOf(
        'Tomas Brandt, who led the regional water board from 2009 until late last spring, said the reservoir was nearly empty.',
        'the reservoir',
      ),
    ).toEqual(['Tomas Brandt', 'Tomas Brandt']);
  });

  it('"I" and "we" outside quotation marks are the writer', () => {
    expect(speakerOf('I believe the new bridge will never be finished.', 'the new bridge')).toEqual([
      'the author',
      'I',
    ]);
    expect(speakerOf('We argued last year that the levy was unfair.', 'the levy')).toEqual([
      'the authors',
      'We',
    ]);
  });

  it('"she" skips a man named after the woman it stands for (guard: the actors stage may resolve it first)', () => {
    const text =
      'Senator Greta Lindqvist opened the hearing. Mr. Dorsey, the treasurer, said the figures were late. ' +
      '“The accounts do not add up at all,” she said.';
    expect(speakerOf(text, 'The accounts')).toEqual(['Greta Lindqvist', 'she']);
  });

  it('a given name tells a gender the text gives no title for', () => {
    const text =
      'Mary Okonjo chairs the panel. David Renner, the clerk, handed out the files. ' +
      '“These files are incomplete and late,” she said.';
    expect(speakerOf(text, 'These files')).toEqual(['Mary Okonjo', 'she']);
  });

  it('a gendered pronoun reaches back past sentences that name no one', () => {
    const text =
      'Irena Kowal, who runs the housing office, said on Monday that rents were rising. The office is small. ' +
      'Its budget is tight. Rents rose sharply. Waiting lists grew. Few flats were built. Builders left. ' +
      'She said the city must build more homes.';
    expect(speakerOf(text, 'the city must')).toEqual(['Irena Kowal', 'She']);
  });

  it('a known surname the actors stage left unmarked still counts as that person for a pronoun', () => {
    const text =
      'The minister, Helga Sorensen, spoke in March. Bridges and tunnels were the theme. ' +
      'Sorensen toured the harbour in April. Ships were idle. Dockers were angry. Cranes stood still. ' +
      'She said the port would reopen soon.';
    expect(speakerOf(text, 'the port')).toEqual(['Helga Sorensen', 'She']);
  });

  it('"X said:" ending a paragraph attributes the quote that opens the next one', () => {
    const text =
      'Mayor Jane Roe spoke after the vote.\n\nShe said:\n\n“We will appeal the ruling in every court we can.”';
    expect(speakerOf(text, 'We will appeal')).toEqual(['Jane Roe', 'She']);
    const noCue = 'Jane Roe continued:\n\n“The budget has no room left for new spending at all.”';
    expect(speakerOf(noCue, 'The budget')?.[0]).toBe('Jane Roe');
  });

  it('a short quote attributes its sentence, so a quote after it floats to the same speaker', () => {
    const text = '“Never again,” Amal Haddad said. “We will not accept another delay.”';
    expect(speakerOf(text, 'We will not')?.[0]).toBe('Amal Haddad');
  });

  it('a quote standing alone after a sentence reporting speech takes its speaker', () => {
    const text =
      'The port may close for a month, Amal Haddad said. “The cranes are broken and the spare parts are gone.”';
    expect(speakerOf(text, 'The cranes')?.[0]).toBe('Amal Haddad');
    // a belief is not a report: the quote after it stays unattributed
    const belief = 'Amal Haddad thinks the port may close. “The cranes are broken and the parts are gone.”';
    expect(speakerOf(belief, 'The cranes')?.[0]).toBeNull();
  });

  it('a name closing an opening phrase is the subject of the cue', () => {
    const text =
      'Lena Fischer spoke twice. In a radio interview Fischer declared “the tax is dead and buried.”';
    expect(speakerOf(text, 'the tax')?.[0]).toMatch(/Fischer$/);
  });

  it('pronouns naming an unnamed group name the speaker by their own words', () => {
    expect(speakerOf('Some believe the tax will be repealed.', 'the tax')).toEqual(['Some', 'Some']);
    expect(speakerOf('After the meeting, all agreed that the talks should resume.', 'the talks')).toEqual([
      'all',
      'all',
    ]);
  });

  it('a verb of speaking with a topic ("spoke about …") reports the topic, and is no cue without one', () => {
    expect(found('Jane Roe spoke on Tuesday about the need for stronger reforms.')).toEqual([
      ['indirect', 'Jane Roe', 'Jane Roe', 'the need for stronger reforms'],
    ]);
    expect(found('Jane Roe spoke to reporters at the rally.')).toEqual([]);
  });

  it('a verb that is a cue only beside a quotation ("she continued") attributes it, and nothing else', () => {
    const text =
      'Mayor Jane Roe spoke first. “The budget is broken and we will fix it,” Roe said. “We will not give up on this city,” she continued.';
    expect(speakerOf(text, 'We will not')).toEqual(['Jane Roe', 'she']);
    expect(found('The fighting continued into the night, and the roads stayed closed.')).toEqual([]);
  });

  it('"Name: content" opening a paragraph attributes the content to the name', () => {
    const text =
      'Jane Roe: Voters Are Tired of the Delays.\n\nJane Roe spoke in Leeds on Monday about the delays.';
    expect(found(text)[0]).toEqual(['indirect', 'Jane Roe', 'Jane Roe', 'Voters Are Tired of the Delays']);
    const tagged =
      'A lesson from Oriane Vasquez: ‘Speak up before the vote.’\n\nOriane Vasquez spoke on Monday.';
    expect(speakerOf(tagged, 'Speak up')?.[0]).toBe('Oriane Vasquez');
    const poll = 'Poll: Most Voters Want Lower Rents in the City\n\nThe survey asked 900 people.';
    expect(found(poll)[0]?.slice(0, 2)).toEqual(['indirect', 'Poll']);
    const quoted = 'City Council: ‘We Will Not Back Down on Housing’\n\nThe council met on Monday.';
    expect(speakerOf(quoted, 'We Will Not')?.[0]).toBe('City Council');
  });

  it('a heading word, a dateline or a label with a verb is no speaker', () => {
    expect(found('Note: this story has been updated with new figures.')).toEqual([]);
    expect(found('WASHINGTON: The Senate voted on Monday to pass the bill.')).toEqual([]);
    // a subheading in title case is no one the story names
    expect(found('Open Questions: The Budget Still Has Gaps\n\nThe mayor met the press.')).toEqual([]);
  });
});
