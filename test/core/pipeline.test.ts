import { describe, expect, it } from 'vitest';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { DemarcheError } from '../../src/core/index.js';
import { createPipeline, createSegmentStage, type Stage } from '../../src/pipeline/index.js';
import { OffsetMap } from '../../src/core/index.js';

const identityClean: Stage = {
  name: 'identity-clean',
  requires: [],
  provides: ['text'],
  run: (a) => ({ text: a.raw, offsets: OffsetMap.identity(a.raw.length) }),
};

describe('createPipeline', () => {
  it('refuses a stage whose required layer no earlier stage provides', () => {
    expect(() => createPipeline([createSegmentStage()])).toThrow(DemarcheError);
    expect(() => createPipeline([createSegmentStage()])).toThrow(/requires text/);
  });

  it('runs stages in order and merges their layers without mutating the input', () => {
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    const article = pipeline.run({
      id: 'a',
      raw: 'Japan rejected it. Russia did not.\n\nSecond one',
      mediaType: 'text/plain',
    });
    expect(article.sentences.map((s) => article.text.slice(...s.span))).toEqual([
      'Japan rejected it.',
      'Russia did not.',
      'Second one',
    ]);
    expect(article.paragraphs).toHaveLength(2);
    for (const t of article.tokens) expect(article.text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('Pipeline.runMany', () => {
  /** A stage that refuses the articles with id "bad", as a stage does with input it cannot read. */
  const refuse: Stage = {
    name: 'refuse',
    requires: ['text'],
    provides: [],
    run: (a) => {
      if (a.id === 'bad') throw new Error(`cannot read ${a.id}`);
      return {};
    },
  };
  const docs = [
    { id: 'a', raw: 'Japan rejected it. Russia did not.\n\nSecond one', mediaType: 'text/plain' },
    { id: 'bad', raw: 'Tokyo said no.', mediaType: 'text/plain' },
    { id: 'c', raw: "It's Russia's fault, he said; they've said it's theirs.", mediaType: 'text/plain' },
  ] as const;

  it('gives each document the article run gives it, stage by stage', () => {
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    const runs = pipeline.runMany(docs);
    expect(runs.map((r) => r.ok)).toEqual([true, true, true]);
    runs.forEach((r, i) => expect(r.ok && r.article).toEqual(pipeline.run(docs[i]!)));
  });

  it('fails only the document a stage throws on, and runs no later stage on it', () => {
    const seen: string[] = [];
    const record: Stage = {
      name: 'record',
      requires: ['tokens'],
      provides: [],
      run: (a) => {
        seen.push(a.id);
        return {};
      },
    };
    const pipeline = createPipeline([identityClean, refuse, createSegmentStage(), record]);
    const runs = pipeline.runMany(docs);
    expect(runs[1]).toEqual({
      ok: false,
      error: new Error('cannot read bad'),
      reason: 'analysis failed: cannot read bad',
    });
    expect(seen).toEqual(['a', 'c']);
    for (const i of [0, 2]) {
      const run = runs[i]!;
      expect(run.ok && run.article.tokens.map((t) => t.text).join(' ')).toBe(
        pipeline
          .run(docs[i]!)
          .tokens.map((t) => t.text)
          .join(' '),
      );
    }
  });
});

describe('segment stage', () => {
  it('never lets a sentence cross a paragraph break, even after a headline with no stop', () => {
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    const a = pipeline.run({
      id: 'h',
      raw: 'Ministers meet in Ankara\n\nThe talks began on Thursday. They ended late.\n\n\nNo stop here either',
      mediaType: 'text/plain',
    });
    expect(a.sentences.map((s) => a.text.slice(...s.span))).toEqual([
      'Ministers meet in Ankara',
      'The talks began on Thursday.',
      'They ended late.',
      'No stop here either',
    ]);
    expect(a.sentences.map((s) => s.paragraph)).toEqual([0, 1, 1, 2]);
    expect(a.paragraphs.map((p) => [p.sentenceStart, p.sentenceEnd])).toEqual([
      [0, 1],
      [1, 3],
      [3, 4],
    ]);
    for (const t of a.tokens) {
      const sentence = a.sentences[t.sentence]!;
      expect(t.start).toBeGreaterThanOrEqual(sentence.span[0]);
      expect(t.end).toBeLessThanOrEqual(sentence.span[1]);
    }
  });

  it('gives exact offsets for contractions and split words', () => {
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    const a = pipeline.run({ id: 'b', raw: "Tokyo “cannot allow” it, didn't it?", mediaType: 'text/plain' });
    const words = a.tokens.map((t) => t.text);
    expect(words).toContain('can');
    expect(words).toContain('not');
    for (const t of a.tokens) expect(a.text.slice(t.start, t.end)).toBe(t.text);
    expect(a.tokens.find((t) => t.text === 'allow')?.pos).toBe('VERB');
  });

  it('keeps exact offsets after spaces wink drops, keeps as tokens or counts as spaces', () => {
    // wink leaves U+3000, U+FEFF and U+2007 out of its tokens and its spaces alike, keeps tabs and
    // line breaks as tokens of their own, and counts runs of spaces and no-break spaces
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    const raw =
      'Tokyo\u3000rejected it.\tMoscow \u00a0 replied\ufeffon Friday\u2007and Kyiv\r\nwaited.\n \nThe UN   met.';
    const a = pipeline.run({ id: 's', raw, mediaType: 'text/plain' });
    expect(a.tokens.map((t) => t.text)).toEqual([
      ...['Tokyo', 'rejected', 'it', '.', 'Moscow', 'replied', 'on', 'Friday', 'and', 'Kyiv', 'waited', '.'],
      ...['The', 'UN', 'met', '.'],
    ]);
    for (const t of a.tokens) expect(a.text.slice(t.start, t.end)).toBe(t.text);
    expect(a.sentences.map((s) => a.text.slice(...s.span)).at(-1)).toBe('The UN   met.');
  });
});

describe('segment stage lexemes', () => {
  // the stage reads each lexeme's text and lemma once and then remembers them; what it gives must
  // stay what wink gives token by token, whatever the article and whatever came before it
  const texts = [
    "It's Russia's fault, he said; they've said it's theirs and won't say more.",
    'They attack the border. The attacks left towns in ruins; the town was left alone.',
    'Japan Rejects the vote. Japan rejected it and rejects it still; the rejected plan leaves.',
    'US and UK ministers meet. Meeting the ministers, the minister said they can’t and didn’t.',
    'Leaves fall. She leaves Kyiv for Kharkiv; the leaves are burning as Kyiv burns.',
    "Let's go, he'd said; we'll see, you've won, it ain't over and Russia's 'no' stands.",
  ];
  const wink = winkNLP(model, ['sbd', 'pos']);
  const lemmaOf = wink.its.lemma as unknown as typeof wink.its.value;

  it('gives every token the text, lower-case text and lemma wink gives it, in every order', () => {
    const pipeline = createPipeline([identityClean, createSegmentStage()]);
    for (const order of [texts, [...texts].reverse(), [...texts, ...texts]]) {
      for (const raw of order) {
        const doc = wink.readDoc(raw);
        const pos = doc.tokens().out(wink.its.pos);
        const keep = (_: unknown, i: number) => pos[i] !== 'SPACE';
        const values = doc.tokens().out(wink.its.value).filter(keep);
        const lemmas = doc.tokens().out(lemmaOf).filter(keep);
        const a = pipeline.run({ id: 'l', raw, mediaType: 'text/plain' });
        expect(a.tokens.map((t) => t.text)).toEqual(values);
        expect(a.tokens.map((t) => t.lower)).toEqual(values.map((v) => v.toLowerCase()));
        expect(a.tokens.map((t) => t.lemma)).toEqual(lemmas.map((l, i) => l ?? values[i]!.toLowerCase()));
      }
    }
  });

  it('reads every text as before when it starts wink afresh, its lexeme budget spent', () => {
    // a budget of a few dozen lexemes: wink is started afresh every article or two
    const fresh = createPipeline([identityClean, createSegmentStage({ lexemes: 40 })]);
    const kept = createPipeline([identityClean, createSegmentStage()]);
    for (const raw of [...texts, ...texts]) {
      const doc = { id: 'f', raw, mediaType: 'text/plain' } as const;
      expect(fresh.run(doc).tokens).toEqual(kept.run(doc).tokens);
    }
  });
});
