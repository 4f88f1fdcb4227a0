import { describe, expect, it } from 'vitest';
import { PLOVER_TYPES } from '../../src/core/index.js';
import type { PloverType } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { bridgeToCameo, parseEventsLexicon, quadOfCameo } from '../../src/pipeline/events/index.js';

const lexicon = parseEventsLexicon(loadLexicons()['events'] ?? {});

/** ONTOLOGY.md's CAMEO bridge: type → allowed CAMEO roots, and CAMEO's Goldstein weight of the default code. */
const BRIDGE: Record<PloverType, { roots: string[]; goldstein: number; quad: 1 | 2 | 3 | 4 }> = {
  AGREE: { roots: ['03'], goldstein: 4.0, quad: 1 },
  CONSULT: { roots: ['04'], goldstein: 1.0, quad: 1 },
  SUPPORT: { roots: ['05'], goldstein: 3.5, quad: 1 },
  CONCEDE: { roots: ['08'], goldstein: 5.0, quad: 2 },
  COOPERATE: { roots: ['06'], goldstein: 6.0, quad: 2 },
  AID: { roots: ['07'], goldstein: 7.0, quad: 2 },
  RETREAT: { roots: ['08'], goldstein: 5.0, quad: 2 },
  REQUEST: { roots: ['10', '02'], goldstein: -5.0, quad: 3 },
  ACCUSE: { roots: ['11', '09'], goldstein: -2.0, quad: 3 },
  REJECT: { roots: ['12'], goldstein: -4.0, quad: 3 },
  THREATEN: { roots: ['13'], goldstein: -4.4, quad: 3 },
  PROTEST: { roots: ['14'], goldstein: -6.5, quad: 4 },
  SANCTION: { roots: ['16'], goldstein: -4.0, quad: 4 },
  MOBILIZE: { roots: ['15'], goldstein: -7.2, quad: 4 },
  COERCE: { roots: ['17'], goldstein: -7.0, quad: 4 },
  ASSAULT: { roots: ['18', '19', '20'], goldstein: -9.0, quad: 4 },
};

describe('CAMEO bridge', () => {
  it.each([...PLOVER_TYPES])('%s maps to its CAMEO root with Goldstein weight and QuadClass', (type) => {
    const bridge = bridgeToCameo(type, null, lexicon);
    const expected = BRIDGE[type];
    expect(expected.roots).toContain(bridge.cameo.slice(0, 2));
    expect(bridge.goldstein).toBe(expected.goldstein);
    expect(bridge.quad).toBe(expected.quad);
  });

  it('keeps every trigger inside the roots of its type, save where PLOVER and CAMEO file an act apart', () => {
    // PLOVER files convictions under SANCTION (CAMEO 173) and apologies under CONCEDE (CAMEO 055)
    const crosswalk = new Set(['SANCTION 173', 'CONCEDE 055']);
    for (const entry of lexicon.triggers) {
      if (crosswalk.has(`${entry.type} ${entry.cameo}`)) continue;
      expect(BRIDGE[entry.type].roots, entry.match).toContain(entry.cameo.slice(0, 2));
    }
  });

  it('derives QuadClass from the root and uses specific weights where CAMEO has them', () => {
    expect(quadOfCameo('057')).toBe(1);
    expect(quadOfCameo('0874')).toBe(2);
    expect(quadOfCameo('112')).toBe(3);
    expect(quadOfCameo('195')).toBe(4);
    expect(bridgeToCameo('SUPPORT', '057', lexicon).goldstein).toBe(8.0);
    expect(bridgeToCameo('SANCTION', '163', lexicon).goldstein).toBe(-8.0);
    expect(bridgeToCameo('ASSAULT', '195', lexicon).goldstein).toBe(-10.0);
  });
});
