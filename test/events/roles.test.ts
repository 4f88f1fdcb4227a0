import { describe, expect, it } from 'vitest';
import { parseDates, resolveEventDate } from '../../src/pipeline/events/index.js';
import { analyse, pipeline, triples } from './build-article.js';

describe('roles of agentless and coordinated acts', () => {
  it('takes the state an agentless arrest or reaction happens in as its source', () => {
    expect(
      triples(analyse('Officials confirmed the arrest of two Iranian nationals in the United Kingdom.')),
    ).toContain('GBR COERCE IRN');
    expect(triples(analyse("Pakistan's troop withdrawal was welcomed in Washington on Monday."))).toContain(
      'USA SUPPORT PAK',
    );
  });

  it('never takes a place as the source of an act whose agent is named', () => {
    const events = triples(analyse('British police arrested two Iranian nationals in France on Monday.'));
    expect(events).toContain('GBR COERCE IRN');
    expect(events.filter((e) => e.startsWith('FRA'))).toEqual([]);
  });

  it('gives a verb phrase after "but" the subject of the sentence', () => {
    expect(triples(analyse('Hungary opposed the plan for weeks, but later condemned Russia.'))).toContain(
      'HUN ACCUSE RUS',
    );
  });

  it('reads a name through the nouns that class it: the object of "of" is no subject', () => {
    const events = triples(
      analyse("Mali's deal with the Russian mercenary company Wagner has been met with criticism in France."),
    );
    expect(events).toContain('FRA ACCUSE MLI');
    expect(events).not.toContain('FRA ACCUSE NSA:Wagner');
  });

  it('finds the agent behind "by representatives of"', () => {
    const events = triples(
      analyse(
        'The truce was signed by senior representatives of the Colombian government and the ELN guerrillas.',
      ),
    );
    expect(events).toEqual(expect.arrayContaining(['COL SUPPORT NSA:ELN', 'NSA:ELN SUPPORT COL']));
  });

  it('takes the actor inside a subject headed by an agent noun ("the statement by the committee of X")', () => {
    expect(
      triples(
        analyse('The statement by the foreign affairs committee of the Cuban Parliament condemned Britain.'),
      ),
    ).toContain('CUB ACCUSE GBR');
  });

  it('lets a phrase that stands for two actors act as both ("the two sides met")', () => {
    const events = triples(
      analyse(
        'India and China held talks on the border on Monday.\n\nOn Saturday, the two sides met again in Moscow.',
      ),
    );
    expect(events).toEqual(expect.arrayContaining(['IND CONSULT CHN', 'CHN CONSULT IND']));
    const met = analyse(
      'India and China traded accusations on Monday.\n\nOn Saturday, the two sides met in Moscow.',
    );
    expect(triples(met)).toEqual(expect.arrayContaining(['IND CONSULT CHN', 'CHN CONSULT IND']));
  });

  it('gives a passive act "with" a party to the actor of its subject', () => {
    const text =
      'Washington expelled the envoy on Monday.\n\nThe US move was coordinated with Britain and France.';
    expect(triples(analyse(text))).toEqual(
      expect.arrayContaining(['USA COOPERATE GBR', 'USA COOPERATE FRA']),
    );
  });
});

describe('pronoun objects of a participle', () => {
  it('reads "…, accusing it of" as aimed at the main clause\'s object', () => {
    const events = triples(
      analyse(
        'The European Union imposed sanctions on Belarus in June, accusing it of helping the invasion.',
      ),
    );
    expect(events).toEqual(expect.arrayContaining(['EU SANCTION BLR', 'EU ACCUSE BLR']));
  });
});

describe('reactions in a relative clause', () => {
  it('aims "…, which X refused" at the subject of the main clause', () => {
    const events = triples(analyse('Ecuador asked Peru to return the fugitives, which Lima refused.'));
    expect(events).toContain('PER REJECT ECU');
  });
});

describe('crowds', () => {
  it('codes protesters acting on a foreign state as the country they gather in', () => {
    const events = triples(
      analyse('Protesters burned American flags during a protest in Baghdad on Sunday.'),
    );
    expect(events).toContain('IRQ PROTEST USA');
    expect(events.filter((e) => e.startsWith('NSA:Protesters'))).toEqual([]);
  });
});

describe('event dates', () => {
  it('leaves a relative date unresolved when the article has no dateline', () => {
    const article = pipeline.run({
      id: 'undated',
      raw: 'India and China held talks on the border last week.',
      mediaType: 'text/plain',
    });
    expect(article.events.length).toBeGreaterThan(0);
    expect(article.events.map((e) => e.date)).toEqual(article.events.map(() => null));
  });

  it('reads dates only in the clause asked for, and skips chrono-node where no date can be', () => {
    expect(parseDates('Troops left the border town after talks.', '2022-09-30')).toEqual([]);
    const sentence = 'Japan protested on Monday, while China replied on Thursday.';
    const second = sentence.indexOf('while');
    expect(parseDates(sentence, '2022-09-30', [0, second]).map((d) => d.text.replace(/[,\s]+$/, ''))).toEqual(
      ['on Monday'],
    );
    expect(parseDates(sentence, '2022-09-30', [second, sentence.length]).map((d) => d.index)).toEqual([
      sentence.indexOf('on Thursday'),
    ]);
    expect(
      resolveEventDate(sentence, sentence.indexOf('replied'), '2022-09-30', true, [second, sentence.length]),
    ).toBe('2022-09-29');
  });

  it('dates a phrase read once against every dateline it meets, as each dateline says', () => {
    // chrono's readings are kept across articles: some serve every dateline, others only their own
    const weekday = 'The ministry said it rejected the plan, according to a statement issued on Wednesday.';
    const nextWeek = 'Indian diplomats said talks with China would continue next week despite the tensions.';
    const thisYear = 'Both sides signed the ceasefire agreed earlier this year.';
    const at = (s: string, word: string) => s.indexOf(word);
    const cases: [string, number, boolean, string | undefined, string | null][] = [
      [weekday, at(weekday, 'rejected'), true, '2022-09-30', '2022-09-28'],
      [weekday, at(weekday, 'rejected'), true, '2021-03-10', '2021-03-10'],
      [weekday, at(weekday, 'rejected'), true, '2024-01-01', '2023-12-27'],
      [weekday, at(weekday, 'rejected'), true, undefined, null],
      [nextWeek, at(nextWeek, 'continue'), false, '2022-09-30', '2022-10-07'],
      [nextWeek, at(nextWeek, 'continue'), false, '2021-03-10', '2021-03-17'],
      [nextWeek, at(nextWeek, 'continue'), false, undefined, null],
      [thisYear, at(thisYear, 'signed'), true, '2022-09-30', null],
      [thisYear, at(thisYear, 'signed'), true, '2019-05-02', null],
    ];
    for (const round of [cases, [...cases].reverse()]) {
      for (const [sentence, offset, past, published, date] of round)
        expect([sentence, published, resolveEventDate(sentence, offset, published, past)]).toEqual([
          sentence,
          published,
          date,
        ]);
    }
  });
});
