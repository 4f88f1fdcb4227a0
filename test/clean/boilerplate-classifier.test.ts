import { describe, expect, it } from 'vitest';
import { blockFeatures } from '../../src/pipeline/clean/classify-blocks.js';
import { clean, lexicon } from './helpers.js';

const BODY =
  'The foreign minister said on Monday that the talks would resume next week in Geneva, after a pause of three months.';
const BODY2 =
  'Officials from both sides confirmed the date and said a joint statement would follow the first round.';

describe('boilerplate classifier', () => {
  it('reads link-like, error and headline features', () => {
    expect(blockFeatures('Share | Tweet | Email | Print', lexicon.functionWords).linkLike).toBe(true);
    expect(blockFeatures('https://example.org/news/2024/story.html', lexicon.functionWords).linkLike).toBe(
      true,
    );
    expect(blockFeatures(BODY, lexicon.functionWords)).toMatchObject({
      linkLike: false,
      endsLikeSentence: true,
    });
    expect(
      blockFeatures(
        'Warning: mysql_connect() failed in /var/www/site/db.php on line 12',
        lexicon.functionWords,
      ).error,
    ).toBe(true);
  });

  it('drops error lines, link lines and a closing run of headlines, and keeps the article', () => {
    const raw = [
      BODY,
      'Notice: Undefined index: id in /home/site/public_html/article.php on line 88',
      'www.example-news.com',
      BODY2,
      'Geneva Talks Resume Amid Doubts',
      'Minister Visits Border Region',
      'Markets Rally On Trade Hopes',
    ].join('\n\n');
    expect(clean(raw).text).toBe(`${BODY}\n\n${BODY2}`);
  });

  it('keeps short lines inside the article and prose that mentions a web address', () => {
    const raw = [BODY, 'Why it matters', `${BODY2} Details are on www.example.org.`].join('\n\n');
    expect(clean(raw).text).toBe(raw);
  });

  it('drops markers in several spellings and languages', () => {
    for (const marker of [
      'READ MORE: Talks stall again',
      'Lesen Sie auch: Gespräche in Genf',
      'Lire aussi : Les négociations',
      'Читайте также: Переговоры',
      'ADVERTISEMENT',
      'Photo: Example Agency',
    ]) {
      expect(clean(`${BODY}\n\n${marker}\n\n${BODY2}`).text).toBe(`${BODY}\n\n${BODY2}`);
    }
  });

  it('drops only the heading of a related block whose links are gone', () => {
    expect(clean(`${BODY}\n\nRelated news\n\n${BODY2}`).text).toBe(`${BODY}\n\n${BODY2}`);
  });

  it('keeps a sentence that starts like a marker', () => {
    const raw = `${BODY}\n\nShare prices fell.`;
    expect(clean(raw).text).toBe(raw);
  });
});
