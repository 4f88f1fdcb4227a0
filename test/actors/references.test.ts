import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/index.js';
import { analyse } from './build-article.js';

// sentences written for these tests; people are invented

/** `text=actor` of every mention of sentence `s` (all sentences when omitted). */
function codes(article: Article, s?: number): string[] {
  return article.mentions
    .filter((m) => s === undefined || m.sentence === s)
    .map((m) => `${m.text}=${m.person !== null ? article.people[m.person]!.actor : m.actor}`);
}

describe('the home state of an article', () => {
  it('gives an office title named without a state to the state the lead names most', () => {
    const article = analyse(
      'Chile has recalled its ambassador from Peru. Chilean diplomats said the talks had failed. ' +
        'Foreign Minister Tomas Ferreyra said on Monday that Lima had broken its word. President Ferreyra agreed.',
    );
    expect(article.people.find((p) => p.name === 'Tomas Ferreyra')?.actor).toBe('CHL');
  });

  it('leaves people without an office title, and articles without a state, unresolved', () => {
    const article = analyse(
      'Chile has recalled its ambassador from Peru. Ms Ferreyra said the talks had failed.',
    );
    expect(article.people.find((p) => p.name === 'Ferreyra')?.actor ?? null).toBeNull();
    expect(analyse('Foreign Minister Tomas Ferreyra resigned on Monday.').people[0]?.actor).toBeNull();
  });

  it('resolves a lone body to the home state when no same-sector body came before and several states did', () => {
    const article = analyse(
      'Chile expelled a Peruvian envoy on Monday. Chile said Peru had meddled in its affairs. ' +
        'Campaigners said they would march unless authorities acted.',
    );
    expect(codes(article, 2)).toContain('authorities=CHL');
  });
});

describe('references to an act', () => {
  it('resolves "the move" to the actor of the act reported just before', () => {
    const article = analyse(
      'Norway expelled two Danish diplomats on Monday. The move angered officials in Copenhagen.',
    );
    expect(codes(article, 1)).toContain('The move=NOR');
  });

  it('skips a sentence that reports no act ("has been") when looking back', () => {
    const article = analyse(
      'Iceland ordered the expulsion of a Danish envoy on Tuesday. ' +
        "Arne Vik has been Denmark's envoy in Reykjavik since 2019. The decision surprised Oslo.",
    );
    expect(codes(article, 2)).toContain('The decision=ISL');
  });

  it('leaves a noun that carries its own act alone ("the decision to leave", "the first step towards")', () => {
    const article = analyse(
      'Norway expelled two Danish diplomats. The decision to leave was taken later, the first step towards a break.',
    );
    expect(article.mentions.filter((m) => m.kind === 'description')).toEqual([]);
  });

  it('gives an act noun the agent the article gave it before ("annexation plans")', () => {
    const article = analyse(
      "Brazil's annexation of the islands was condemned in Lima. Peru said it rejected annexation plans.",
    );
    expect(codes(article, 1)).toContain('annexation=BRA');
    expect(codes(analyse('Peru said it rejected annexation plans.'))).toEqual(['Peru=PER']);
  });
});

describe('pairs', () => {
  it('reuses the pair an earlier pair phrase stood for', () => {
    const article = analyse(
      'India and Pakistan sent envoys to Nepal. Nepal, which considers both countries friends, hosted the talks in Nepal. ' +
        'China praised Nepal. Chinese officials said the two countries had agreed.',
    );
    expect(codes(article, 3)).toEqual(
      expect.arrayContaining(['the two countries=IND', 'the two countries=PAK']),
    );
  });
});

describe('sector-only actors', () => {
  it('codes role words as their sector with an unknown state in an article naming no state', () => {
    const article = analyse('The army said rebels attacked a convoy. Police arrested two men on Friday.');
    expect(codes(article)).toEqual(['The army=---MIL', 'rebels=---REB', 'Police=---COP']);
    expect(article.mentions.map((m) => m.sector)).toEqual(['MIL', 'REB', 'COP']);
  });

  it('gives role words a state when the article has one, and no sector code then', () => {
    const article = analyse('Mali said the army fired on rebels near the border.');
    expect(codes(article)).toEqual(['Mali=MLI', 'the army=MLI']);
  });

  it('reads a noun after the role word as a description of a person, not the body', () => {
    expect(codes(analyse('The police officer said nothing.'))).toEqual([]);
  });
});

describe('crowds', () => {
  it('codes unnamed protesters, and the protests they hold, as one non-state actor', () => {
    expect(codes(analyse('Protesters burned tyres outside the Kenyan embassy.'))).toContain(
      'Protesters=NSA:Protesters',
    );
    expect(codes(analyse('Weeks of street protests in Quito have left nine people dead.'))).toContain(
      'protests=NSA:Protesters',
    );
  });

  it('leaves a protest that is a state\'s act, or the idiom "in protest", alone', () => {
    expect(codes(analyse('Peru lodged a formal protest with Chile on Monday.'))).toEqual([
      'Peru=PER',
      'Chile=CHL',
    ]);
    expect(codes(analyse('Workers walked out in protest on Monday.'))).toEqual([]);
    expect(codes(analyse('Ecuador protests the decision.')).filter((c) => c.startsWith('protests'))).toEqual(
      [],
    );
  });

  it('gives a crowd the affiliation the article states, and later crowd mentions too', () => {
    const article = analyse(
      'Hamas protesters marched in Gaza on Friday. The protesters burned an effigy, a witness said.',
    );
    expect(codes(article)).toEqual(expect.arrayContaining(['protesters=NSA:Hamas', 'protesters=NSA:Hamas']));
    expect(codes(article)).not.toContain('protesters=NSA:Protesters');
  });
});

describe('plural pronouns', () => {
  it('resolves "they" to coordinated actors of its own or the previous sentence', () => {
    const article = analyse('Chile and Peru met in Lima on Monday. They agreed to reopen the border.');
    expect(codes(article, 1)).toEqual(['They=CHL', 'They=PER']);
  });

  it('resolves "they" and "their" to an actor named by a plural noun', () => {
    const article = analyse(
      'Hamas protesters burned flags outside the embassy, and later they marched on. Their leaders spoke.',
    );
    expect(codes(article)).toEqual(expect.arrayContaining(['they=NSA:Hamas', 'Their=NSA:Hamas']));
  });

  it('leaves "they" alone after a singular or non-actor subject', () => {
    expect(codes(analyse('Chile met Peru in Lima. They agreed to talk.'), 1)).toEqual([]);
    expect(codes(analyse('Chile and Peru met in Lima. Officials said they would talk.'), 1)).toEqual([]);
  });
});

describe('group references', () => {
  it('resolves "the militia groups" to every armed group named, and "the rebels" to the only one', () => {
    const two = analyse(
      'Hamas and Hezbollah were invited to Cairo. The talks aim at disarming the various militia groups.',
    );
    expect(codes(two, 1)).toEqual([
      'the various militia groups=NSA:Hamas',
      'the various militia groups=NSA:Hezbollah',
    ]);
    expect(codes(analyse('Two Hamas and Hezbollah envoys arrived. The rebels said little.'), 1)).toEqual([]);
    expect(codes(analyse('Colombia met the ELN in Havana. The rebels said the talks went well.'), 1)).toEqual(
      ['The rebels=NSA:ELN'],
    );
  });
});
