import { describe, expect, it } from 'vitest';
import type { Mention } from '../../src/core/index.js';
import { decodeMentions, encodeMentions } from '../../src/store/index.js';

describe('the mentions column', () => {
  const text = `Mali's army met the "Wagner" group's envoy and Ms. Keita.`;
  const at = (word: string) => [text.indexOf(word), text.indexOf(word) + word.length] as [number, number];
  const mentions: Mention[] = [
    {
      span: at('Mali'),
      text: 'Mali',
      kind: 'country',
      actor: 'MLI',
      person: null,
      sentence: 0,
      sector: 'MIL',
    },
    {
      span: at('"Wagner" group'),
      text: '"Wagner" group',
      kind: 'organisation',
      actor: null,
      person: null,
      sentence: 0,
    },
    { span: at('Keita'), text: 'Keita', kind: 'person', actor: 'MLI', person: 0, sentence: 0 },
  ];

  it('gives back every mention, its sector only where it had one, its text from the clean text', () => {
    const json = encodeMentions(mentions);
    expect(decodeMentions(JSON.parse(json), text)).toEqual(mentions);
    expect(decodeMentions(JSON.parse(encodeMentions([])), text)).toEqual([]);
  });

  it('holds a mention as a tuple, without its text', () => {
    expect(JSON.parse(encodeMentions(mentions.slice(0, 2)))).toEqual([
      [0, 4, 'country', 'MLI', null, 0, 'MIL'],
      [mentions[1]!.span[0], mentions[1]!.span[1], 'organisation', null, null, 0],
    ]);
  });
});
