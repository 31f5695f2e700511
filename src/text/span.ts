/** Text positions: the one offset unit used everywhere (no dependency on any other module). */

/** A half-open range [start, end) of UTF-16 offsets into the file text (BOM excluded). */
export interface Span {
  start: number;
  end: number;
}
