import type { Event, Span } from '../../core/index.js';

/**
 * One event per fact: events with the same source, type, target, modality and negation merge
 * into the first; later reports add their evidence sentence spans to `mentions`.
 *
 * @example
 * mergeDuplicateEvents([rejectInTitle, rejectInBody]); // [{ …rejectInTitle, mentions: [bodySentenceSpan] }]
 */
export function mergeDuplicateEvents(events: readonly Event[]): Event[] {
  const first = new Map<string, number>();
  const extra = new Map<number, Span[]>();
  const out: Event[] = [];
  for (const event of events) {
    const key = `${event.source.code}\u0000${event.type}\u0000${event.target.code}\u0000${event.modality}\u0000${event.negated}`;
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, out.length);
      out.push(event);
      continue;
    }
    const spans = extra.get(at) ?? [];
    if (
      !spans.some((s) => s[0] === event.evidence.span[0]) &&
      out[at]!.evidence.span[0] !== event.evidence.span[0]
    )
      spans.push(event.evidence.span);
    extra.set(at, spans);
  }
  return out.map((event, i) => {
    const spans = extra.get(i);
    return spans && spans.length > 0 ? { ...event, mentions: spans } : event;
  });
}
