/**
 * Aho–Corasick automaton over UTF-16 code units: every table of words is compiled once into one
 * of these and scanned in a single pass, however many entries the table has.
 *
 * The trie is built with maps, then flattened into typed arrays for scanning: a dense table of the
 * root's transitions (most positions of a text start no pattern and cost one array read), sorted
 * edge lists for the other states, and the output lists laid end to end. Scanning reads code units
 * with charCodeAt and allocates nothing but the matches it reports.
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

/**
 * The code units of the last text scanned, copied once into a typed array: every table rule scans
 * the same paragraph in turn, and reading an array is cheaper than charCodeAt on a slice of the
 * document. Buffer's UTF-16 encoding copies code units as they are, lone surrogates included.
 */
let unitsText: string | undefined;
let unitsBuffer = Buffer.alloc(2048);
let units = new Uint16Array(unitsBuffer.buffer, unitsBuffer.byteOffset, 1024);
function codeUnits(text: string): Uint16Array {
  if (text === unitsText) return units;
  if (text.length > units.length) {
    unitsBuffer = Buffer.alloc(2 * Math.max(text.length, 2 * units.length));
    units = new Uint16Array(unitsBuffer.buffer, unitsBuffer.byteOffset, unitsBuffer.length >> 1);
  }
  unitsBuffer.write(text, 0, 'utf16le');
  unitsText = text;
  return units;
}

/** What a scan without matches returns (shared: callers must not modify it). */
const NO_MATCHES: readonly AcMatch[] = Object.freeze([]);

/** Above this many edges a state's edge list is binary-searched rather than scanned. */
const LINEAR_EDGES = 8;

export class AhoCorasick {
  private readonly lengths: Int32Array;
  /** The root's transition for every code unit (0: stay at the root). */
  private readonly rootNext = new Int32Array(65536);
  /** Edges of state s: edgeCode/edgeTarget[edgeStart[s] … edgeStart[s + 1]), sorted by code unit. */
  private readonly edgeStart: Int32Array;
  private readonly edgeCode: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Patterns ending at state s (failure chain included, longest first): out[outStart[s] … outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly out: Int32Array;

  constructor(patterns: readonly string[]) {
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    const nodes: AcNode[] = [{ next: new Map(), fail: 0, out: [] }];
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        let target = nodes[state].next.get(code);
        if (target === undefined) {
          target = nodes.length;
          nodes.push({ next: new Map(), fail: 0, out: [] });
          nodes[state].next.set(code, target);
        }
        state = target;
      }
      nodes[state].out.push(index);
    });
    buildFailureLinks(nodes);

    const n = nodes.length;
    this.fail = Int32Array.from(nodes, (node) => node.fail);
    this.edgeStart = new Int32Array(n + 1);
    this.outStart = new Int32Array(n + 1);
    let edges = 0;
    let outs = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = edges;
      this.outStart[s] = outs;
      if (s !== 0) edges += nodes[s].next.size;
      outs += nodes[s].out.length;
    }
    this.edgeStart[n] = edges;
    this.outStart[n] = outs;
    this.edgeCode = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    this.out = new Int32Array(outs);
    for (let s = 0; s < n; s++) {
      const node = nodes[s];
      this.out.set(node.out, this.outStart[s]);
      if (s === 0) {
        for (const [code, target] of node.next) this.rootNext[code] = target;
        continue;
      }
      let e = this.edgeStart[s];
      for (const code of [...node.next.keys()].sort((a, b) => a - b)) {
        this.edgeCode[e] = code;
        this.edgeTarget[e] = node.next.get(code)!;
        e++;
      }
    }
  }

  /** The state reached from `state` on `code`, following failure links (0: the root). */
  private step(state: number, code: number): number {
    const { edgeStart, edgeCode, edgeTarget, fail } = this;
    while (state !== 0) {
      let lo = edgeStart[state];
      let hi = edgeStart[state + 1];
      if (hi - lo <= LINEAR_EDGES) {
        for (; lo < hi; lo++) if (edgeCode[lo] === code) return edgeTarget[lo];
      } else {
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const c = edgeCode[mid];
          if (c === code) return edgeTarget[mid];
          if (c < code) lo = mid + 1;
          else hi = mid;
        }
      }
      state = fail[state];
    }
    return this.rootNext[code];
  }

  /** Calls `visit` for every occurrence of every pattern (overlapping ones included), in order of its end. */
  private scan(text: string, visit: (pattern: number, end: number) => void): void {
    const { rootNext, outStart, out } = this;
    const codes = codeUnits(text);
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = codes[i];
      state = state === 0 ? rootNext[code] : this.step(state, code);
      if (state === 0) continue;
      const last = outStart[state + 1];
      for (let k = outStart[state]; k < last; k++) visit(out[k], i + 1);
    }
  }

  /** Every occurrence of every pattern, overlapping ones included, ordered by end position. */
  findAll(text: string): readonly AcMatch[] {
    // Allocated on the first match: most paragraphs have none and share NO_MATCHES.
    let matches: AcMatch[] | undefined;
    const lengths = this.lengths;
    this.scan(text, (pattern, end) => (matches ??= []).push({ start: end - lengths[pattern], end, pattern }));
    return matches ?? NO_MATCHES;
  }

  /** For each pattern, how often it occurs in the text (overlapping occurrences included), counted up to `cap`. */
  countUpTo(text: string, cap: number): Uint32Array {
    const counts = new Uint32Array(this.lengths.length);
    this.scan(text, (pattern) => {
      if (counts[pattern] < cap) counts[pattern]++;
    });
    return counts;
  }

  /**
   * Like findAll, over the text with every code unit `c` where `ignored[c] === 1` left out: the
   * matches' offsets count only the units kept. Scanning the text this way finds what findAll
   * would find in the reduced text without building it.
   */
  findAllIgnoring(text: string, ignored: Uint8Array): readonly AcMatch[] {
    let matches: AcMatch[] | undefined;
    const { rootNext, outStart, out } = this;
    const codes = codeUnits(text);
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = codes[i];
      if (state === 0) {
        // At the root a unit that begins no pattern is passed over whether it is ignored or not.
        const next = rootNext[code];
        if (next === 0 || ignored[code] === 1) continue;
        state = next;
      } else {
        if (ignored[code] === 1) continue;
        state = this.step(state, code);
        if (state === 0) continue;
      }
      // The end is recorded in the text's offsets for now, and translated below.
      const last = outStart[state + 1];
      for (let k = outStart[state]; k < last; k++) {
        (matches ??= []).push({ start: 0, end: i + 1, pattern: out[k] });
      }
    }
    if (!matches) return NO_MATCHES;
    // Matches are ordered by end: one sweep counts the ignored units before each end.
    let removed = 0;
    let at = 0;
    for (const m of matches) {
      for (; at < m.end; at++) if (ignored[text.charCodeAt(at)] === 1) removed++;
      m.end -= removed;
      m.start = m.end - this.lengths[m.pattern];
    }
    return matches;
  }
}

function buildFailureLinks(nodes: AcNode[]): void {
  const queue: number[] = [];
  for (const child of nodes[0].next.values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    for (const [code, child] of nodes[state].next) {
      let fail = nodes[state].fail;
      while (fail !== 0 && !nodes[fail].next.has(code)) fail = nodes[fail].fail;
      const candidate = nodes[fail].next.get(code);
      nodes[child].fail = candidate !== undefined && candidate !== child ? candidate : 0;
      nodes[child].out.push(...nodes[nodes[child].fail].out);
      queue.push(child);
    }
  }
}

/** Keeps the longest of overlapping matches (the earlier one on a tie), in text order. */
export function longestNonOverlapping(matches: readonly AcMatch[]): readonly AcMatch[] {
  if (matches.length <= 1) return matches;
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
