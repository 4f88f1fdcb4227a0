import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemarcheError } from '../../src/core/index.js';
import { runCli } from '../../src/interfaces/cli/index.js';
import { loadLexicons, readActorDictionaries } from '../../src/lexicons/index.js';
import { parseUserActors, roleOn } from '../../src/pipeline/actors/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import { testTempDir } from '../support/temp-dir.js';

// fictional actors and people, so that no real fact is asserted
const DICTIONARY = {
  actors: [
    { code: 'VLD', name: 'Valdoria', kind: 'country', aliases: ['Valdorian', 'Port Merrin'] },
    { code: 'NSA:Grey Hand', name: 'Grey Hand', sector: 'REB', aliases: ['the Grey Hand'] },
    { code: 'NSA:Blue Party', name: 'Blue Party', kind: 'group', aliases: ['the Blue Party'] },
    { code: 'NSA:Hamas', name: 'Hamas', kind: 'group', aliases: ['Hamas'], sector: 'PTY' },
  ],
  people: [
    {
      name: 'Orla Vantresk',
      actor: 'VLD',
      role: 'Senator',
      roles: [
        { actor: 'VLD', role: 'Foreign Minister', from: '2019-01-01', to: '2021-06-30' },
        { actor: 'UN', role: 'Special Envoy', from: '2021-07-01' },
      ],
    },
  ],
  roles: [{ title: 'harbour master', role: 'Harbour Master' }],
};

describe('user dictionaries (--actors)', () => {
  const user = parseUserActors(DICTIONARY, 'test.json');
  const pipeline = createDefaultPipeline(loadLexicons(), user);
  const run = (raw: string, published: string) =>
    pipeline.run({ id: 't', raw, mediaType: 'text/plain', published });

  it('adds actors and non-state groups with their sector, and overrides bundled ones', () => {
    const article = run('Port Merrin condemned the Grey Hand and Hamas.', '2020-01-01');
    expect(article.mentions.map((m) => `${m.text}=${m.actor}:${m.sector ?? ''}`)).toEqual([
      'Port Merrin=VLD:',
      'Grey Hand=NSA:Grey Hand:REB',
      'Hamas=NSA:Hamas:PTY',
    ]);
    expect(article.actors.map((a) => `${a.code}/${a.kind}`)).toEqual([
      'VLD/country',
      'NSA:Grey Hand/group',
      'NSA:Hamas/group',
    ]);
  });

  it('bounds a role by dates and reads it on the article date', () => {
    const text = 'Orla Vantresk arrived on Monday. Vantresk said the talks failed.';
    expect(run(text, '2020-05-01').people[0]).toMatchObject({ actor: 'VLD', role: 'Foreign Minister' });
    expect(run(text, '2022-05-01').people[0]).toMatchObject({ actor: 'UN', role: 'Special Envoy' });
    expect(run(text, '2018-05-01').people[0]).toMatchObject({ actor: 'VLD', role: 'Senator' });
    expect(roleOn(user.people[0]!, undefined)).toEqual({ actor: 'VLD', role: 'Senator' });
  });

  it('adds titles that introduce people', () => {
    const article = run('Valdorian harbour master Teodor Brask closed the port.', '2020-01-01');
    expect(article.people[0]).toMatchObject({ name: 'Teodor Brask', actor: 'VLD', role: 'harbour master' });
  });

  it('rejects a malformed dictionary with the file and field named', () => {
    expect(() => parseUserActors({ actors: [{ name: 'X' }] }, 'bad.json')).toThrow(DemarcheError);
    expect(() => parseUserActors({ people: [{ name: 'X', roles: [{ from: '2020' }] }] }, 'bad.json')).toThrow(
      /bad.json: people\[0\]\.roles\[0\]\.from/,
    );
  });

  it('reads dictionaries written in YAML (.yaml, .yml)', () => {
    const dir = testTempDir('demarche-actors-');
    const file = join(dir, 'actors.yaml');
    writeFileSync(
      file,
      [
        'actors:',
        '  - code: VLD',
        '    name: Valdoria',
        '    kind: country',
        '    aliases: [Valdorian, Port Merrin]',
        'people:',
        '  - name: Orla Vantresk',
        '    actor: VLD',
        '    role: Senator',
        '    roles:',
        '      - { actor: VLD, role: Foreign Minister, from: 2019-01-01, to: 2021-06-30 }',
        '',
      ].join('\n'),
    );
    const user = readActorDictionaries([file]);
    const article = createDefaultPipeline(loadLexicons(), user).run({
      id: 'y',
      raw: 'Port Merrin recalled its envoy. Orla Vantresk said the talks failed.',
      mediaType: 'text/plain',
    });
    expect(article.mentions[0]).toMatchObject({ text: 'Port Merrin', actor: 'VLD' });
    expect(article.people[0]).toMatchObject({ name: 'Orla Vantresk', actor: 'VLD', role: 'Senator' });
    // YAML dates stay ISO strings
    expect(roleOn(user.people[0]!, '2020-03-01')).toEqual({ actor: 'VLD', role: 'Foreign Minister' });
    const yml = join(dir, 'actors.yml');
    writeFileSync(yml, 'actors:\n  - code: KST\n    name: Kestra\n');
    expect(readActorDictionaries([yml]).actors[0]?.code).toBe('KST');
  });

  it('names the file and line of a YAML syntax error, and the field of a malformed entry', () => {
    const dir = testTempDir('demarche-actors-');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'actors:\n  - code: VLD\n    name: [Valdoria\n  - code: KST\n');
    expect(() => readActorDictionaries([bad])).toThrow(DemarcheError);
    expect(() => readActorDictionaries([bad])).toThrow(/bad\.yaml:4: not valid YAML/);
    const wrong = join(dir, 'wrong.yml');
    writeFileSync(wrong, 'actors:\n  - name: Valdoria\n');
    expect(() => readActorDictionaries([wrong])).toThrow(/wrong\.yml: actors\[0\]: needs a code/);
  });

  it('is read from files and passed by the global --actors option', async () => {
    const dir = testTempDir('demarche-actors-');
    const file = join(dir, 'actors.json');
    writeFileSync(file, JSON.stringify(DICTIONARY));
    expect(readActorDictionaries([file]).actors).toHaveLength(4);
    const article = join(dir, 'a.txt');
    writeFileSync(article, 'Valdoria expelled the ambassador of Japan.');
    let out = '';
    const code = await runCli(['--actors', file, 'analyze', article, '--format', 'json'], {
      out: (t) => (out += t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { actors: { code: string }[] };
    expect(parsed.actors.map((a) => a.code)).toEqual(['VLD', 'JPN']);
  });
});
