import type { Event, Span } from '../../core/index.js';

/**
 * One event per fact: events with the same source, type, target, modality and negation merge
 * into the first; later reports add their evidence sentence spans to `mentions`.
 *
 * @example
 * mergeDuplicateEvents([rejectInTitle, rejectInBody]); // [{ …rejectInTitle, mentions: [bodySentenceSpan] }]
 */
export function mergeDuplicateEvents(events: readonly Event[]): Event[] {
  const merger = new EventMerger();
  for (const event of events) {
    const { source, type, target, modality, negated, evidence } = event;
    if (!merger.repeats(source.code, type, target.code, modality, negated, evidence.span)) merger.keep(event);
  }
  return merger.events();
}

/**
 * mergeDuplicateEvents done while events are found: a repeated report of a known fact costs a
 * lookup and adds its sentence span, so the stage need not date, describe and hash it. Events kept
 * and spans added are those mergeDuplicateEvents gives for the same sequence of events. The kept
 * events are found by source code (no key strings are made per event).
 *
 * @example
 * const merger = new EventMerger();
 * if (!merger.repeats('JPN', 'REJECT', 'RUS', 'asserted', false, sentence.span)) merger.keep(event);
 * merger.events(); // the events, with `mentions` where repeated
 */
export class EventMerger {
  /**
   * @param ownsEvents the events kept are made for this merger alone (the stage's): their
   *   `mentions` are set on them, not on copies
   */
  constructor(private readonly ownsEvents = false) {}

  private readonly kept: Event[] = [];
  /** Source code → positions in `kept` of the events with that source. */
  private readonly bySource = new Map<string, number[]>();
  // per kept event: the spans later reports add (null until one does)
  private readonly extra: (Span[] | null)[] = [];

  /**
   * Whether an event of this source, type, target, modality and negation is kept already; if so,
   * records `span` (the repeat's evidence span) as a further mention.
   */
  repeats(
    source: string,
    type: string,
    target: string,
    modality: string,
    negated: boolean,
    span: Span,
  ): boolean {
    const at = this.find(source, type, target, modality, negated);
    if (at === -1) return false;
    if (this.kept[at]!.evidence.span[0] === span[0]) return true;
    const spans = this.extra[at];
    if (spans === null || spans === undefined) this.extra[at] = [span];
    else if (!hasStart(spans, span[0])) spans.push(span);
    return true;
  }

  /** Keeps an event that `repeats` did not know. */
  keep(event: Event): void {
    const list = this.bySource.get(event.source.code);
    if (list === undefined) this.bySource.set(event.source.code, [this.kept.length]);
    else list.push(this.kept.length);
    this.kept.push(event);
    this.extra.push(null);
  }

  /** The kept events in order, with the spans of their repeats as `mentions`. */
  events(): Event[] {
    const out = this.kept;
    for (let i = 0; i < out.length; i++) {
      const spans = this.extra[i];
      if (!spans) continue;
      // set last, as the copy would have it
      if (this.ownsEvents) (out[i] as { mentions?: readonly Span[] }).mentions = spans;
      else out[i] = { ...out[i]!, mentions: spans };
    }
    return out;
  }

  private find(source: string, type: string, target: string, modality: string, negated: boolean): number {
    const list = this.bySource.get(source);
    if (list === undefined) return -1;
    for (const at of list) {
      const e = this.kept[at]!;
      if (e.type === type && e.target.code === target && e.modality === modality && e.negated === negated)
        return at;
    }
    return -1;
  }
}

function hasStart(spans: readonly Span[], start: number): boolean {
  for (const s of spans) if (s[0] === start) return true;
  return false;
}
