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

  it('takes the agent of an act noun when the sentence before reports no act ("were critical of …")', () => {
    const article = analyse(
      "Norway and Iceland were critical of Mr Lund's decision to close the border. The announcement angered Oslo.",
    );
    const withAgent = analyse(
      'Arne Lund, the Danish prime minister, spoke on Monday. ' +
        "Norway and Iceland were critical of Mr Lund's decision to close the border. The announcement angered Oslo.",
    );
    expect(codes(article, 1).filter((c) => c.startsWith('The announcement'))).toEqual([]);
    expect(codes(withAgent, 2)).toContain('The announcement=DNK');
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

describe('bare plural agents after a pair', () => {
  it('gives "military commanders" with no state to both actors of the pair named just before', () => {
    const article = analyse(
      'Peru and Ecuador ended a border standoff on Friday. Troops of the two countries had faced each other since May. ' +
        'Last week, military commanders agreed to pull back their units.',
    );
    expect(codes(article, 2)).toEqual(
      expect.arrayContaining(['military commanders=PER', 'military commanders=ECU']),
    );
  });

  it('gives a clash or fighting with no party given to both actors of the pair', () => {
    const article = analyse(
      'Peru and Ecuador pulled back their troops. The two countries had faced each other since May. ' +
        'Ten Peruvian soldiers were killed during clash in June. Ecuador said it lost four soldiers in the fighting.',
    );
    expect(codes(article, 2)).toEqual(expect.arrayContaining(['clash=PER', 'clash=ECU']));
    expect(codes(article, 3)).toEqual(expect.arrayContaining(['fighting=PER', 'fighting=ECU']));
  });

  it('leaves a clash with its parties given, or after no pair, alone', () => {
    const given = analyse(
      'Peru and Ecuador pulled back their troops. The two countries had faced each other since May. ' +
        'Fighting between Chile and Bolivia continued. Peruvian clashes with rebels went on.',
    );
    expect(codes(given, 2).filter((c) => c.startsWith('Fighting'))).toEqual([]);
    expect(codes(given, 3).filter((c) => c.startsWith('clashes'))).toEqual([]);
    expect(
      codes(analyse('Ten soldiers were killed during clash in June.')).filter((c) => c.startsWith('clash')),
    ).toEqual([]);
  });

  it('gives "the men" the state whose people the article named last by a plural demonym', () => {
    const article = analyse(
      'Danish police held six Norwegians on Monday. Two were charged in Aarhus. ' +
        'The other four men were released on Friday.',
    );
    expect(codes(article, 2)).toContain('The other four men=NOR');
    const none = analyse('Danish police held six people on Monday. The men were released.');
    expect(codes(none, 1).filter((c) => c.startsWith('The men'))).toEqual([]);
    const far = analyse(
      'Danish police held six Norwegians. It rained on Monday. It rained on Tuesday. ' +
        'It rained on Wednesday. It rained on Thursday. It rained on Friday. It rained on Saturday. ' +
        'It rained on Sunday. The men were released.',
    );
    expect(codes(far).filter((c) => c.startsWith('The men'))).toEqual([]);
  });

  it('leaves commanders that have a state or a determiner, or follow no pair, alone', () => {
    const owned = analyse(
      'Peru and Ecuador ended a border standoff. The two countries had argued for months. ' +
        'Peruvian commanders agreed to pull back. The commanders met later.',
    );
    expect(codes(owned, 2)).not.toContain('commanders=ECU');
    expect(codes(owned, 3).filter((c) => c.startsWith('commanders'))).toEqual([]);
    const lone = analyse('Peru held a parade on Friday. Military commanders agreed to march.');
    expect(codes(lone, 1)).toEqual([]);
  });
});

describe('groups named by their members', () => {
  it('resolves an ethnonym and "forces" to the one group the article names after that ethnonym', () => {
    const article = analyse(
      'Turkey said Kurdish forces had left the border area. ' +
        "The deal required the withdrawal of the Kurdish People's Protection Units (YPG).",
    );
    expect(codes(article, 0)).toContain('Kurdish forces=NSA:YPG');
  });

  it('leaves an ethnonym with forces alone when the article names no group with it', () => {
    const article = analyse(
      'Turkey said Kurdish forces had left the border area. The YPG declined to comment.',
    );
    expect(codes(article, 0).filter((c) => c.startsWith('Kurdish forces'))).toEqual([]);
  });

  it('resolves bare "opponents" to the opposition, but not "his opponents" or "opponents of the plan"', () => {
    const article = analyse(
      'President Ruiz accuses opponents of plotting a coup. His opponents deny it. Opponents of the plan marched.',
    );
    expect(codes(article, 0)).toContain('opponents=NSA:Opposition');
    expect(codes(article, 1)).not.toContain('opponents=NSA:Opposition');
    expect(codes(article, 2)).not.toContain('Opponents=NSA:Opposition');
  });

  it('codes activists as a crowd', () => {
    const article = analyse('Police in Lima detained dozens of activists on Sunday.');
    expect(codes(article, 0)).toContain('activists=NSA:Protesters');
  });
});

describe('people described as leaders of "the country"', () => {
  it('gives the person the state the sentence named last before the name', () => {
    const article = analyse(
      "The crisis in Gabon began when the army installed Henri Mboula -- the country's first civilian leader -- in office. " +
        'Mboula resigned in May.',
    );
    expect(article.people.find((p) => p.name === 'Henri Mboula')?.actor).toBe('GAB');
    expect(codes(article, 1)).toContain('Mboula=GAB');
  });
});

describe('agreements and their parties', () => {
  it('gives "the ceasefire" the parties a ceasefire "between" named', () => {
    const article = analyse(
      'A ceasefire between Chile and Peru began on Monday. Observers said the ceasefire was fragile.',
    );
    expect(codes(article, 1)).toEqual(expect.arrayContaining(['ceasefire=CHL', 'ceasefire=PER']));
  });

  it('gives "the accord" the agents of a passive "was signed by", but not a place after them', () => {
    const article = analyse(
      'The accord was signed by Norway in Stockholm. Critics said the accord was weak.',
    );
    expect(codes(article, 1)).toContain('accord=NOR');
    expect(codes(article, 1)).not.toContain('accord=SWE');
  });
});
