/** Strings an array parameter must carry unchanged: quoting, escapes, words Postgres reads. */
export const ARRAY_STRINGS = [
  '',
  'plain',
  'NULL',
  'null',
  ' padded ',
  'a,b',
  '{braces}',
  'say "no"',
  'back\\slash',
  '\\"',
  '"',
  '\\',
  'line\nbreak\ttab',
  'Москва — «Кремль» 東京 🙂',
  '{"a":[1,2],"b":"c\\"d"}',
];
