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
    ).toEqual(['Police=HKG']);
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
