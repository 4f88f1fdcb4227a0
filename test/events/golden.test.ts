import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, project, triples } from './build-article.js';

const GOLDEN = new URL('../golden/events/', import.meta.url);

function run(phenomenon: string) {
  const article = analyse(readFileSync(new URL(`${phenomenon}.txt`, GOLDEN), 'utf8'), phenomenon);
  return { article, events: project(article), triples: triples(article) };
}

async function snapshot(phenomenon: string, events: unknown) {
  await expect(JSON.stringify(events, null, 2) + '\n').toMatchFileSnapshot(
    `../golden/events/${phenomenon}.json`,
  );
}

describe('events golden files', () => {
  it('will-never-recognize: a negated "recognize" is a REJECT, announced or present', async () => {
    const { events, triples } = run('will-never-recognize');
    expect(triples).toEqual(['CAN REJECT RUS', 'NOR REJECT RUS']);
    expect(events.every((e) => !e.negated)).toBe(true);
    expect(events[0]!.cameo).toBe('120');
    await snapshot('will-never-recognize', events);
  });

  it('did-not-condemn-no-event: a negated accusation is no event, only a diagnostic', async () => {
    const { article, events } = run('did-not-condemn-no-event');
    expect(events).toEqual([]);
    expect(
      article.diagnostics.filter((d) => d.stage === 'events' && d.message.includes('negated')),
    ).toHaveLength(2);
    await snapshot('did-not-condemn-no-event', events);
  });

  it('passive-condemned-by: the by-agents are the sources, the subject the target', async () => {
    const { events, triples } = run('passive-condemned-by');
    expect(triples).toEqual(['KOR ACCUSE PRK', 'JPN ACCUSE PRK']);
    expect(events[0]!.rule).toContain('passive');
    await snapshot('passive-condemned-by', events);
  });

  it('nominal-condemnation-of: possessive or by-agent source, of-phrase target', async () => {
    const { events, triples } = run('nominal-condemnation-of');
    expect(triples).toEqual(['DEU ACCUSE IRN', 'LTU ACCUSE BLR']);
    await snapshot('nominal-condemnation-of', events);
  });

  it('compound-sources: every coordinated actor is a source', async () => {
    const { events, triples } = run('compound-sources');
    expect(triples).toEqual(['USA SANCTION SYR', 'GBR SANCTION SYR', 'FRA SANCTION SYR']);
    expect(events.every((e) => e.cameo === '163' && e.quad === 4)).toBe(true);
    await snapshot('compound-sources', events);
  });

  it("reported-speech-source: a first-person quote is coded for the speaker's actor", async () => {
    const { article, events, triples } = run('reported-speech-source');
    expect(triples).toEqual(['POL ACCUSE RUS']);
    const event = article.events[0]!;
    expect(event.quote).not.toBeNull();
    expect(article.quotes[event.quote!]!.speaker?.actor).toBe('POL');
    expect(event.date).toBe('2024-03-11'); // "said on Monday", published Friday 15 March
    await snapshot('reported-speech-source', events);
  });

  it('contemplates-sanctions-threaten: sanctions being considered are a THREATEN', async () => {
    const { events, triples } = run('contemplates-sanctions-threaten');
    expect(triples).toEqual(['AUS THREATEN IRN', 'CAN THREATEN RUS']);
    expect(events.every((e) => e.mode === 'restrict')).toBe(true);
    await snapshot('contemplates-sanctions-threaten', events);
  });

  it('possessive-annexation: "Russia\'s annexation of Ukraine\'s regions" is RUS COERCE UKR', async () => {
    const { events, triples } = run('possessive-annexation');
    expect(triples).toEqual(['RUS COERCE UKR']);
    expect(events[0]!.mode).toBe('seize');
    await snapshot('possessive-annexation', events);
  });

  it('weekday-date-past-tense: past weekdays look back, "this Friday" stays in the week', async () => {
    const { article, events } = run('weekday-date-past-tense');
    const date = (t: string) =>
      article.events.find((e) => `${e.source.code} ${e.type} ${e.target.code}` === t)?.date;
    expect(date('BRA SANCTION ISR')).toBe('2024-03-13'); // "recalled … on Wednesday"
    expect(date('ARG CONSULT URY')).toBe('2024-03-15'); // "will hold talks … this Friday"
    expect(date('URY CONSULT ARG')).toBe('2024-03-15');
    expect(date('CHL ACCUSE PER')).toBe('2024-03-15'); // "accused … on Friday", the dateline's own day
    await snapshot('weekday-date-past-tense', events);
  });

  it('hypothetical-no-event: conditions, questions and "might" yield nothing', async () => {
    const { article, events } = run('hypothetical-no-event');
    expect(events).toEqual([]);
    expect(
      article.diagnostics.filter((d) => d.stage === 'events' && d.message.includes('hypothetical')),
    ).toHaveLength(3);
    await snapshot('hypothetical-no-event', events);
  });

  it('crowd-protest-source: a crowd acting on a foreign state is its country; otherwise NSA:Protesters', async () => {
    const { events, triples } = run('crowd-protest-source');
    expect(triples).toEqual(['KEN PROTEST USA', 'NSA:Protesters PROTEST BOL']);
    expect(events[0]!.date).toBe('2024-03-10'); // "rallied … on Sunday"
    await snapshot('crowd-protest-source', events);
  });

  it('one-event-per-fact: a repeated report merges into the first event', async () => {
    const { article, events, triples } = run('one-event-per-fact');
    expect(triples).toEqual(['JPN ACCUSE PRK']);
    expect(article.events[0]!.mentions).toHaveLength(1);
    await snapshot('one-event-per-fact', events);
  });
});
