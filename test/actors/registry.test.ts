import { describe, expect, it } from 'vitest';
import { analyse } from './build-article.js';

function actorsOf(text: string): string[] {
  return analyse(text)
    .mentions.filter((m) => m.kind !== 'person')
    .map((m) => `${m.text}=${m.actor}${m.sector ? `:${m.sector}` : ''}`);
}

describe('actor registry', () => {
  it('knows short, formal and historical names', () => {
    expect(actorsOf('Burma, Ivory Coast and the Holy See signed.')).toEqual([
      'Burma=MMR',
      'Ivory Coast=CIV',
      'Holy See=VAT',
    ]);
  });

  it('reads demonyms the country package spells otherwise', () => {
    expect(actorsOf('The Maldivian foreign ministry protested.')).toEqual([
      'Maldivian foreign ministry=MDV:GOV',
    ]);
  });

  it('gives the sector of the body a country mention is widened over', () => {
    expect(
      actorsOf("Mali's army, the police of Chad and soldiers from Niger met Senegalese lawmakers."),
    ).toEqual([
      "Mali's army=MLI:MIL",
      'police of Chad=TCD:COP',
      'soldiers from Niger=NER:MIL',
      'Senegalese lawmakers=SEN:LEG',
    ]);
  });

  it('reads no state in region names that hold a demonym', () => {
    expect(actorsOf('Latin American and North American leaders met.')).toEqual([]);
  });

  it('codes a group, not the nationality that describes it', () => {
    expect(actorsOf('Lebanese Hezbollah fired rockets.')).toEqual(['Hezbollah=NSA:Hezbollah:REB']);
  });

  it('codes non-state groups as NSA:<Name> with a sector, also when the tokenizer keeps a hyphen', () => {
    expect(actorsOf('Christian "anti-balaka" militias fought KKE members and the Wagner Group.')).toEqual([
      'anti-balaka=NSA:Anti-balaka:REB',
      'KKE=NSA:KKE:PTY',
      'Wagner Group=NSA:Wagner:MIL',
    ]);
  });

  it('keeps a surname that is also a group name a person', () => {
    const article = analyse('The composer Richard Wagner died in Venice.');
    expect(article.mentions.filter((m) => m.kind === 'group')).toEqual([]);
  });
});

describe('collective references', () => {
  it('resolves a lone body to the state whose body of that sector came last', () => {
    const article = analyse(
      'Hong Kong police arrested five activists on Friday. Police said they were released.',
    );
    expect(
      article.mentions.filter((m) => m.kind === 'description').map((m) => `${m.text}=${m.actor}`),
    ).toEqual(['Police=HKG', 'released=HKG']);
  });

  it('gives an agentless custody passive the state whose police came last, and no other passive', () => {
    const described = (text: string): string[] =>
      analyse(text)
        .mentions.filter((m) => m.kind === 'description')
        .map((m) => `${m.text}=${m.actor}`);
    expect(
      described('British police held 7 Iranians. Four men were arrested. They have since been released.'),
    ).toEqual(['arrested=GBR', 'released=GBR']);
    expect(described('British police held 7 Iranians. The report was released on Friday.')).toEqual([]);
    expect(described('British police held 7 Iranians. Four men were detained by soldiers.')).toEqual([]);
    expect(described('Four men were arrested on Friday.')).toEqual([]);
  });

  it('does not give a lone body a state whose body of that sector its sentence names, nor later', () => {
    const article = analyse(
      'The Ministry of Foreign Affairs condemned the elections organised by the Russian authorities. ' +
        'The Russian authorities invited no observers. The ministry said it regretted that.',
    );
    expect(article.mentions.filter((m) => m.kind === 'description')).toEqual([]);
  });

  it('resolves "the organisers" to the one group named around them', () => {
    const codes = (text: string): (string | null)[] =>
      analyse(text)
        .mentions.filter((m) => m.text === 'organisers')
        .map((m) => m.actor);
    expect(
      codes(
        'Police arrested the organisers of the rally. Five members of the Civil Human Rights Front were held.',
      ),
    ).toEqual(['NSA:Civil Human Rights Front']);
    expect(
      codes('Police arrested the organisers of the rally. Members of KKE and of Occupy Central were held.'),
    ).toEqual([]);
    expect(codes('Police arrested the organisers of the rally. Thousands of protesters marched.')).toEqual(
      [],
    );
  });

  it('leaves a lone body unresolved when several states could own it', () => {
    const article = analyse('Japan and China traded words. The ministry said more.');
    expect(article.mentions.filter((m) => m.kind === 'description')).toEqual([]);
  });

  it('resolves "the two sides" to the two actors named most', () => {
    const article = analyse(
      'India and China held talks. India said China had agreed. The two sides met again on Saturday.',
    );
    const pair = article.mentions.filter((m) => m.text === 'The two sides').map((m) => m.actor);
    expect(pair.sort()).toEqual(['CHN', 'IND']);
  });
});
