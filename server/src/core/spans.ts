/**
 * "Keep the first of overlapping findings": the rules that produce findings which may overlap
 * (number, outdated, canon) keep one per place, the first in their order of preference.
 */

/** Spans [start, end) taken so far, kept sorted and disjoint: whether a new one overlaps is a binary search. */
export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Whether [start, end) shares a character with a span already taken (spans are never empty). */
  overlaps(start: number, end: number): boolean {
    const i = this.lastStartBelow(end);
    return i >= 0 && this.ends[i] > start;
  }

  /** Takes [start, end), which must not overlap a span already taken. */
  add(start: number, end: number): void {
    const i = this.lastStartBelow(end) + 1;
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
  }

  /** The index of the last span that starts before `at`, or -1. */
  private lastStartBelow(at: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** The findings in their given order, each dropped when it overlaps one kept before it. */
export function keepFirstOfOverlapping<T extends { offset: number; length: number }>(findings: readonly T[]): T[] {
  const taken = new SpanSet();
  const kept: T[] = [];
  for (const f of findings) {
    if (taken.overlaps(f.offset, f.offset + f.length)) continue;
    taken.add(f.offset, f.offset + f.length);
    kept.push(f);
  }
  return kept;
}
