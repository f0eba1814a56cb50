/**
 * Aho–Corasick automaton over UTF-16 code units: every table of words is compiled once into one
 * of these and scanned in a single pass, however many entries the table has.
 */

export interface AcMatch {
  start: number;
  end: number;
  /** Index of the pattern in the list given to the constructor. */
  pattern: number;
}

interface AcNode {
  next: Map<number, number>;
  fail: number;
  /** Patterns that end here, directly or through the failure chain (longest first). */
  out: number[];
}

export class AhoCorasick {
  private readonly nodes: AcNode[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly lengths: number[];
  /** Code units that begin some pattern: at the root, any other unit is skipped without a lookup. */
  private readonly starts = new Uint8Array(65536);

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    for (const p of patterns) if (p.length > 0) this.starts[p.charCodeAt(0)] = 1;
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        let target = this.nodes[state].next.get(code);
        if (target === undefined) {
          target = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[state].next.set(code, target);
        }
        state = target;
      }
      this.nodes[state].out.push(index);
    });
    this.buildFailureLinks();
  }

  private buildFailureLinks(): void {
    const queue: number[] = [];
    for (const child of this.nodes[0].next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [code, child] of this.nodes[state].next) {
        let fail = this.nodes[state].fail;
        while (fail !== 0 && !this.nodes[fail].next.has(code)) fail = this.nodes[fail].fail;
        const candidate = this.nodes[fail].next.get(code);
        this.nodes[child].fail = candidate !== undefined && candidate !== child ? candidate : 0;
        this.nodes[child].out.push(...this.nodes[this.nodes[child].fail].out);
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every pattern, overlapping ones included, ordered by end position. */
  findAll(text: string): AcMatch[] {
    const matches: AcMatch[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (state === 0 && this.starts[code] === 0) continue;
      while (state !== 0 && !this.nodes[state].next.has(code)) state = this.nodes[state].fail;
      state = this.nodes[state].next.get(code) ?? 0;
      for (const pattern of this.nodes[state].out) {
        matches.push({ start: i + 1 - this.lengths[pattern], end: i + 1, pattern });
      }
    }
    return matches;
  }
}

/** Keeps the longest of overlapping matches (the earlier one on a tie), in text order. */
export function longestNonOverlapping(matches: readonly AcMatch[]): AcMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: AcMatch[] = [];
  for (const m of sorted) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}
