/** Half-open `[start, end)` range in UTF-16 code units. */
export type Span = readonly [start: number, end: number];
