import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, type Tally } from '../../src/interfaces/cli/commands/ingest.js';
import { capture } from '../support/cli.js';

const tally = (read: number): Tally => ({ read, stored: read, duplicates: 0, bad: 0, events: 0 });

describe('ingest progress', () => {
  it('formats durations', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('logs the share done and an ETA when the number of inputs is known', () => {
    const c = capture();
    const progress = createProgress(c.io, false, 400, false);
    progress.update(tally(100));
    const line = c.err.join('');
    expect(line).toMatch(/^demarche ingest: 100\/400 articles read \(25%\), 100 stored/);
    expect(line).toMatch(/articles\/s · [\d.]+ s · ETA \d+(?:s|m\d\ds)\n$/);
    expect(progress.finish(tally(400))).toMatch(/^400 articles read, 400 stored/);
  });

  it('draws a bar on a terminal and says nothing when quiet', () => {
    const tty = capture();
    createProgress(tty.io, false, 10, true).update(tally(5));
    expect(tty.err.join('')).toContain('\r\x1b[K[##########----------] 5/10 articles read (50%)');
    const quiet = capture();
    createProgress(quiet.io, true, 10, true).update(tally(5));
    expect(quiet.err).toEqual([]);
    const unknown = capture();
    createProgress(unknown.io, false, null, false).update(tally(5));
    expect(unknown.err.join('')).not.toContain('ETA');
  });
});
