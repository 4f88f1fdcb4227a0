import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, project } from './build-article.js';

const GOLDEN = new URL('../golden/actors/', import.meta.url);

function run(phenomenon: string) {
  const text = readFileSync(new URL(`${phenomenon}.txt`, GOLDEN), 'utf8');
  return project(analyse(text, phenomenon));
}

function has(
  list: readonly { text: string; kind: string; actor: string | null }[],
  text: string,
  kind: string,
  actor: string | null,
) {
  return list.some((m) => m.text === text && m.kind === kind && m.actor === actor);
}

describe('actors golden files', () => {
  it('capital-metonym: capitals stand for their state, not inside longer names', async () => {
    const out = run('capital-metonym');
    expect(has(out.mentions, 'Tokyo', 'capital', 'JPN')).toBe(true);
    expect(has(out.mentions, 'Moscow', 'capital', 'RUS')).toBe(true);
    expect(has(out.mentions, 'Washington', 'capital', 'USA')).toBe(true);
    expect(has(out.mentions, 'Kyiv', 'capital', 'UKR')).toBe(true);
    expect(has(out.mentions, 'Kiev', 'capital', 'UKR')).toBe(true);
    expect(out.mentions.filter((m) => m.actor === 'USA')).toHaveLength(1);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/capital-metonym.json',
    );
  });

  it('institution-metonym: seats of government stand for their state', async () => {
    const out = run('institution-metonym');
    const codes = out.mentions.filter((m) => m.kind === 'institution').map((m) => m.actor);
    expect(codes).toEqual(['RUS', 'USA', 'GBR', 'USA', 'FRA', 'FRA', 'CHN', 'KOR', 'USA']);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/institution-metonym.json',
    );
  });

  it('demonym-government: a government body after a demonym or country is the state', async () => {
    const out = run('demonym-government');
    expect(has(out.mentions, 'Japanese executive', 'institution', 'JPN')).toBe(true);
    expect(
      has(out.mentions, 'Pakistani Foreign Ministry officials', 'institution', 'PAK') ||
        has(out.mentions, 'Pakistani Foreign Ministry', 'institution', 'PAK'),
    ).toBe(true);
    expect(has(out.mentions, "Mali's government", 'institution', 'MLI')).toBe(true);
    expect(has(out.mentions, 'Russian army', 'institution', 'RUS')).toBe(true);
    expect(has(out.mentions, 'government of Ukraine', 'institution', 'UKR')).toBe(true);
    expect(has(out.mentions, 'Japanese', 'demonym', 'JPN')).toBe(true);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/demonym-government.json',
    );
  });

  it('organisation-alias: aliases and organs, acronyms only in capitals', async () => {
    const out = run('organisation-alias');
    const orgs = out.mentions.filter((m) => m.kind === 'organisation').map((m) => `${m.text}=${m.actor}`);
    expect(orgs).toContain('United Nations Organization=UN');
    expect(orgs).toContain('U.N. Security Council=UN');
    expect(orgs).toContain('General Assembly=UN');
    expect(orgs).toContain('European Commission=EU');
    expect(orgs).toContain('WHO=WHO');
    expect(orgs).not.toContain('Who=WHO');
    expect(orgs).not.toContain('Secretary-General=UN');
    expect(has(out.mentions, 'US', 'country', 'USA')).toBe(true);
    expect(out.mentions.filter((m) => m.actor === 'USA')).toHaveLength(1);
    expect(out.mentions.filter((m) => m.actor === 'CHN')).toHaveLength(1);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/organisation-alias.json',
    );
  });

  it('title-and-name: a title makes a person and gives actor and role', async () => {
    const out = run('title-and-name');
    expect(out.people).toEqual([
      { name: 'Luiz Carvalho', actor: 'BRA', role: 'President', mentions: 2 },
      { name: 'Daniel Mwangi', actor: 'KEN', role: 'foreign minister', mentions: 1 },
      { name: 'Okonkwo', actor: null, role: 'lawyer', mentions: 1 },
    ]);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/title-and-name.json',
    );
  });

  it('apposition-role-actor: a role phrase next to a name gives its actor', async () => {
    const out = run('apposition-role-actor');
    expect(out.people.map((p) => [p.name, p.actor])).toEqual([
      ['Claire Dubois', 'CAN'],
      ['Tomas Berg', 'SWE'],
    ]);
    expect(has(out.mentions, 'the spokeswoman for the EU', 'description', 'EU')).toBe(true);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/apposition-role-actor.json',
    );
  });

  it('surname-clusters-to-full-name: surname and accent variants are one person', async () => {
    const out = run('surname-clusters-to-full-name');
    expect(out.people).toEqual([
      { name: 'António Silva', actor: null, role: 'Foreign Minister', mentions: 4 },
    ]);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/surname-clusters-to-full-name.json',
    );
  });

  it('pronoun-resolves-to-person: he, his country and the minister resolve; an unnamed official blocks', async () => {
    const out = run('pronoun-resolves-to-person');
    const descriptions = out.mentions.filter((m) => m.kind === 'description');
    expect(descriptions.map((m) => [m.text, 'person' in m ? m.person : null, m.actor])).toEqual([
      ['He', 'Pablo Herrera', 'CHL'],
      ['his country', 'Pablo Herrera', 'CHL'],
      ['the minister', 'Pablo Herrera', 'CHL'],
    ]);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/pronoun-resolves-to-person.json',
    );
  });

  it('no-person-from-weekday-or-heading: weekdays, months, headings and Title Case headlines are not people', async () => {
    const out = run('no-person-from-weekday-or-heading');
    expect(out.people).toEqual([]);
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(
      '../golden/actors/no-person-from-weekday-or-heading.json',
    );
  });
});
