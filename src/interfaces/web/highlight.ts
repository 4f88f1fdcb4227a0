/** A span of the clean text to mark, with the class it gets and a tooltip. */
export interface Mark {
  readonly span: readonly [number, number];
  readonly cls: string;
  readonly title?: string;
}

/** A run of text with every mark class covering all of it. */
export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly classes: readonly string[];
  readonly titles: readonly string[];
}

/** A stretch of the text: inside an evidence block (the events whose evidence it is) or outside. */
export interface Block {
  readonly evidence: readonly number[] | null;
  readonly start: number;
  readonly end: number;
  readonly segments: readonly Segment[];
}

/** The marks' runs over `[start, end)`: cut at every mark boundary, each run with its covering classes. */
function segmentsOf(text: string, start: number, end: number, marks: readonly Mark[]): Segment[] {
  const inside = marks.filter((m) => m.span[0] < end && m.span[1] > start && m.span[0] < m.span[1]);
  const cuts = new Set([start, end]);
  for (const m of inside) {
    cuts.add(Math.max(start, m.span[0]));
    cuts.add(Math.min(end, m.span[1]));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const covering = inside.filter((m) => m.span[0] <= s && m.span[1] >= e);
    out.push({
      text: text.slice(s, e),
      start: s,
      classes: [...new Set(covering.map((m) => m.cls))],
      titles: covering.flatMap((m) => (m.title !== undefined ? [m.title] : [])),
    });
  }
  return out;
}

/**
 * Lays an article's text out for highlighting: overlapping evidence spans merge into one block
 * (listing the events whose evidence it is), and within and between blocks the text is cut into
 * runs at every mark boundary (triggers, quotes, actor and person mentions).
 *
 * @example
 * layoutHighlights('Japan rejected it. Fine.', [{ span: [0, 18], event: 0 }], [{ span: [6, 14], cls: 'trigger' }]);
 * // [{ evidence: [0], start: 0, end: 18, segments: [{ text: 'Japan ', … }, { text: 'rejected', classes: ['trigger'], … }, …] }, { evidence: null, … }]
 */
export function layoutHighlights(
  text: string,
  evidence: readonly { readonly span: readonly [number, number]; readonly event: number }[],
  marks: readonly Mark[],
): Block[] {
  const sorted = evidence
    .filter((e) => e.span[0] < e.span[1] && e.span[1] <= text.length)
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const merged: { start: number; end: number; events: number[] }[] = [];
  for (const e of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && e.span[0] < last.end) {
      last.end = Math.max(last.end, e.span[1]);
      if (!last.events.includes(e.event)) last.events.push(e.event);
    } else merged.push({ start: e.span[0], end: e.span[1], events: [e.event] });
  }
  const blocks: Block[] = [];
  let at = 0;
  const plain = (start: number, end: number) => {
    if (end > start)
      blocks.push({ evidence: null, start, end, segments: segmentsOf(text, start, end, marks) });
  };
  for (const m of merged) {
    plain(at, m.start);
    blocks.push({
      evidence: m.events,
      start: m.start,
      end: m.end,
      segments: segmentsOf(text, m.start, m.end, marks),
    });
    at = m.end;
  }
  plain(at, text.length);
  return blocks;
}
