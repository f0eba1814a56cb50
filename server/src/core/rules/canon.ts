/**
 * `canon` — 规范提法: near-misses of fixed political formulations (server/data/canon.tsv).
 *
 * A phrase is flagged where the text differs from a canonical formulation by one edit — a character
 * substituted, dropped or added, or two adjacent characters swapped — and where the table lists a
 * known mistake (「确立习近平总书记党中央的核心」, 「协调推进“五位一体”总体布局」, 「筑牢中华民族共同体意识」).
 * A phrase of ten characters or more is also flagged where two of its characters are replaced, except
 * two side by side that make a word there (「坚持和完善」 for 「坚持和发展」 is another formulation, not
 * a slip), and a slip in its first or last character counts only where the window stands as words.
 *
 * Finding the one-edit variants without enumerating them: each canonical phrase is cut into three
 * pieces, and one edit (a swap included) can spoil at most two of them, so an intact piece found by
 * the Aho–Corasick automaton anchors the phrase to within one position. The windows around the
 * anchor are then compared with the phrase in linear time. Comparison ignores quotation marks and
 * white space; a difference in punctuation alone (「不忘初心，牢记使命」) is not a finding. Text that
 * is canonical — the phrase itself, a quotation of part of it, another canonical phrase, or a listed
 * legitimate variant (「第一个百年奋斗目标」) — is never flagged.
 */
import canonTable from '../../../data/canon.tsv';
import { AhoCorasick } from '../ahoCorasick';
import { SpanSet } from '../spans';
import { parseTable } from '../tables';
import type { ParagraphContext, RawFinding, ParagraphRule as Rule } from '../types';

interface Phrase {
  /** As written in the table, quotation marks included. */
  text: string;
  /** Without quotation marks and white space: what is compared. */
  norm: string;
  note: string;
  fuzzy: boolean;
  /** Long enough to be checked for two characters replaced. */
  fuzzy2: boolean;
}

interface KnownWrong {
  norm: string;
  /** The replacement, normalized; the phrase's own text when the table gave no 「=>」. */
  right: string;
  /** What the suggestion looks like when the user's span carries the same quotation marks. */
  rightText: string;
  phrase: number;
}

type Meta =
  | { kind: 'exact'; phrase: number }
  | { kind: 'wrong'; wrong: number }
  | { kind: 'allowed' }
  | { kind: 'piece'; phrase: number; offset: number };

interface Compiled {
  phrases: Phrase[];
  wrongs: KnownWrong[];
  norms: Set<string>;
  matcher: AhoCorasick;
  metas: Meta[][];
}

/** Ignored when comparing: quotation marks and white space (one character class, used three ways below). */
const IGNORED_CLASS = '[“”‘’"\'「」『』\\s\\u3000]';
const IGNORED = new RegExp(IGNORED_CLASS, 'u');
const IGNORED_RUN_START = new RegExp(`^${IGNORED_CLASS}*`, 'u');
const IGNORED_RUN_END = new RegExp(`${IGNORED_CLASS}*$`, 'u');
/** Differences in these alone are not findings: punctuation and list conjunctions. */
const SEPARATORS = new Set([...'，、；：。！？,;:.!?（）()《》〈〉—…·和及与']);
/** Only these added or dropped: a gentler finding (「完整、准确、全面地贯彻」). */
const PARTICLES = new Set([...'的地之']);
/** Phrases shorter than this (separators not counted) are checked for listed mistakes only. */
const MIN_FUZZY = 7;

/** IGNORED as a table over UTF-16 code units (1: ignored), for the scans over every character. A lone surrogate is never ignored. */
const IGNORED_UNITS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (IGNORED.test(String.fromCharCode(c))) IGNORED_UNITS[c] = 1;

/** The text without ignored characters, and for each of its code units the offset in the text. */
function normalize(text: string): { norm: string; map: number[] } {
  const map: number[] = [];
  let norm = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (IGNORED_UNITS[text.charCodeAt(i)] === 0) {
      map.push(i);
      continue;
    }
    if (i > from) norm += text.slice(from, i);
    from = i + 1;
  }
  norm += text.slice(from);
  return { norm, map };
}

const strip = (s: string) => normalize(s).norm;

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const phrases: Phrase[] = [];
  const wrongs: KnownWrong[] = [];
  const allowed: string[] = [];
  const seen = new Set<string>();
  for (const [text = '', note = '', wrongCell = '', allowedCell = ''] of parseTable(canonTable)) {
    const norm = strip(text);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    const index = phrases.length;
    const letters = [...norm].filter((c) => !SEPARATORS.has(c)).length;
    phrases.push({ text, norm, note, fuzzy: letters >= MIN_FUZZY, fuzzy2: letters >= MIN_FUZZY2 });
    for (const item of wrongCell.split(' | ').filter((w) => w !== '')) {
      const [wrong, right] = item.split('=>');
      const wrongNorm = strip(wrong);
      if (right === undefined) wrongs.push({ norm: wrongNorm, right: norm, rightText: text, phrase: index });
      else wrongs.push({ norm: wrongNorm, right: strip(right), rightText: right.trim(), phrase: index });
    }
    for (const a of allowedCell.split(' | ').filter((w) => w !== '')) allowed.push(strip(a));
  }

  const patterns = new Map<string, Meta[]>();
  const add = (pattern: string, meta: Meta) => {
    if (!pattern) return;
    const list = patterns.get(pattern);
    if (list) list.push(meta);
    else patterns.set(pattern, [meta]);
  };
  phrases.forEach((p, phrase) => {
    add(p.norm, { kind: 'exact', phrase });
    if (!p.fuzzy) return;
    const n = p.norm.length;
    const cuts = [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n];
    for (let k = 0; k < 3; k++) add(p.norm.slice(cuts[k], cuts[k + 1]), { kind: 'piece', phrase, offset: cuts[k] });
  });
  wrongs.forEach((w, wrong) => add(w.norm, { kind: 'wrong', wrong }));
  for (const a of allowed) add(a, { kind: 'allowed' });

  const keys = [...patterns.keys()];
  compiled = {
    phrases,
    wrongs,
    norms: new Set(phrases.map((p) => p.norm)),
    matcher: new AhoCorasick(keys),
    metas: keys.map((k) => patterns.get(k)!),
  };
  return compiled;
}

type EditKind = 'sub' | 'del' | 'ins' | 'swap' | 'sub2';

/** Phrases at least this long (separators not counted) are also checked for two characters replaced. */
const MIN_FUZZY2 = 10;

/**
 * The two indexes where the window s[start, start + c.length) differs from `c`, when it differs in
 * exactly two characters that are not a swap and neither a separator; else undefined.
 */
function twoSubstitutions(s: string, start: number, c: string): [number, number] | undefined {
  if (start < 0 || start + c.length > s.length) return undefined;
  const at: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (s.charCodeAt(start + i) !== c.charCodeAt(i) && at.push(i) > 2) return undefined;
  }
  if (at.length !== 2) return undefined;
  const [i, j] = at;
  if (j === i + 1 && s[start + i] === c[j] && s[start + j] === c[i]) return undefined;
  for (const k of at) if (SEPARATORS.has(c[k]) || SEPARATORS.has(s[start + k])) return undefined;
  return [i, j];
}

/**
 * The single edit that turns `c` (canonical) into the window w = s[start, end) (written), or
 * undefined when there is none. Compares code units in place: most windows fail within a few.
 */
function oneEdit(s: string, start: number, end: number, c: string): EditKind | undefined {
  const wl = end - start;
  const cl = c.length;
  if (wl === cl) {
    let first = -1;
    let count = 0;
    for (let i = 0; i < wl; i++) {
      if (s.charCodeAt(start + i) !== c.charCodeAt(i)) {
        if (first < 0) first = i;
        if (++count > 2) return undefined;
      }
    }
    if (count === 1) return 'sub';
    if (
      count === 2 &&
      s.charCodeAt(start + first + 1) !== c.charCodeAt(first + 1) &&
      s.charCodeAt(start + first) === c.charCodeAt(first + 1) &&
      s.charCodeAt(start + first + 1) === c.charCodeAt(first)
    ) {
      return 'swap';
    }
    return undefined;
  }
  if (wl === cl + 1) {
    // One character added: after the common prefix, the window skips one and matches the rest.
    let i = 0;
    while (i < cl && s.charCodeAt(start + i) === c.charCodeAt(i)) i++;
    for (let j = i; j < cl; j++) if (s.charCodeAt(start + j + 1) !== c.charCodeAt(j)) return undefined;
    return 'ins';
  }
  if (cl === wl + 1) {
    // One character dropped: after the common prefix, the phrase skips one and matches the rest.
    let i = 0;
    while (i < wl && c.charCodeAt(i) === s.charCodeAt(start + i)) i++;
    for (let j = i; j < wl; j++) if (c.charCodeAt(j + 1) !== s.charCodeAt(start + j)) return undefined;
    return 'del';
  }
  return undefined;
}

/** s[at, at + 3) is c[from, from + 3). */
function same3(s: string, at: number, c: string, from: number): boolean {
  return (
    at >= 0 &&
    at + 3 <= s.length &&
    s.charCodeAt(at) === c.charCodeAt(from) &&
    s.charCodeAt(at + 1) === c.charCodeAt(from + 1) &&
    s.charCodeAt(at + 2) === c.charCodeAt(from + 2)
  );
}

/**
 * A necessary condition for some window around `base` (start base − 1 … base + 1, length n − 1 …
 * n + 1) to be one edit from `c` (n = c.length ≥ MIN_FUZZY = 7). A substitution, swap, addition or
 * drop at index i leaves the window beginning with c's first three characters when i ≥ 3, and
 * ending with its last three otherwise (the edit then lies before c's last three: n − 3 ≥ 4 > i + 1).
 */
function nearWindows(s: string, base: number, c: string): boolean {
  const n = c.length;
  for (let start = base - 1; start <= base + 1; start++) if (same3(s, start, c, 0)) return true;
  for (let end = base + n - 2; end <= base + n + 2; end++) if (same3(s, end - 3, c, n - 3)) return true;
  return false;
}

function commonAffixes(w: string, c: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < w.length && prefix < c.length && w[prefix] === c[prefix]) prefix++;
  let suffix = 0;
  const max = Math.min(w.length, c.length) - prefix;
  while (suffix < max && w[w.length - 1 - suffix] === c[c.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

interface Candidate {
  start: number;
  end: number;
  phrase: number;
  /** Normalized replacement of the window. */
  right: string;
  rightText: string;
  wrong?: number;
  kind?: EditKind;
  priority: number[];
}

function kindText(kind: EditKind, wMid: string, cMid: string): string {
  switch (kind) {
    case 'sub':
      return `差一字（“${wMid}”应为“${cMid}”）`;
    case 'del':
      return `漏了“${cMid}”`;
    case 'ins':
      return `多了“${wMid}”`;
    case 'swap':
      return `“${wMid}”两字颠倒`;
    case 'sub2':
      return wMid.length > 2
        ? `差两字（“${wMid[0]}”应为“${cMid[0]}”，“${wMid[wMid.length - 1]}”应为“${cMid[cMid.length - 1]}”）`
        : `差两字（“${wMid}”应为“${cMid}”）`;
  }
}

/** An edit at the very start or end of a phrase is believed only where the window stands as words of its own. */
function edgeOk(ctx: ParagraphContext, c: Candidate, prefix: number, suffix: number, map: number[], norm: string): boolean {
  if (prefix > 0 && suffix > 0) return true;
  if (c.kind === 'ins') return false;
  if (c.kind === 'del') {
    // 「人类命运共同」 then a comma: the last character is missing, not a different phrase.
    const outside = prefix === 0 ? norm[c.start - 1] : norm[c.end];
    return outside === undefined || SEPARATORS.has(outside);
  }
  const os = map[c.start];
  const oe = map[c.end - 1] + 1;
  return (prefix > 0 || ctx.isWordBoundary(os)) && (suffix > 0 || ctx.isWordBoundary(oe));
}

export const canonRule: Rule = {
  id: 'canon',
  label: '规范提法',
  category: 'wording',
  defaultSeverity: 'warning',
  description: '规范提法：与规范表述差一字、漏一字、多一字或语序颠倒的提法（「两个确立」「两个维护」「铸牢中华民族共同体意识」等）。',
  check(ctx: ParagraphContext): RawFinding[] {
    const compiled = compile();
    // Scan the text as normalized without building it: most paragraphs have no hit and stop here.
    const hits = compiled.matcher.findAllIgnoring(ctx.text, IGNORED_UNITS);
    if (hits.length === 0) return [];
    const { norm, map } = normalize(ctx.text);
    const found = sortHits(hits, compiled);
    addWindowCandidates(ctx, norm, map, found, compiled.phrases);
    if (found.candidates.size === 0) return [];
    return acceptCandidates(ctx, norm, map, found, compiled.norms)
      .sort((a, b) => a.start - b.start)
      .map((c) => finding(ctx.text, norm, map, c, compiled.phrases[c.phrase]));
  },
};

interface Found {
  /** Canonical phrases written exactly. */
  exact: { start: number; end: number; phrase: number }[];
  /** Allowed variants: never flagged. */
  allowed: { start: number; end: number }[];
  /** Pieces of phrases: a phrase with one edit may lie around each. */
  anchors: { start: number; phrase: number; offset: number }[];
  /** Possible findings, by phrase (or known wrong form) and place. */
  candidates: Map<string, Candidate>;
}

/** Step 1: what each hit of the matcher is — an exact phrase, an allowed variant, a piece, a known wrong form. */
function sortHits(hits: readonly { pattern: number; start: number; end: number }[], { metas, wrongs }: Compiled): Found {
  const exact: { start: number; end: number; phrase: number }[] = [];
  const allowed: { start: number; end: number }[] = [];
  const candidates = new Map<string, Candidate>();
  const anchors: { start: number; phrase: number; offset: number }[] = [];
  for (const hit of hits) {
    for (const meta of metas[hit.pattern]) {
      if (meta.kind === 'exact') exact.push({ start: hit.start, end: hit.end, phrase: meta.phrase });
      else if (meta.kind === 'allowed') allowed.push({ start: hit.start, end: hit.end });
      else if (meta.kind === 'piece') anchors.push({ start: hit.start, phrase: meta.phrase, offset: meta.offset });
      else {
        const w = wrongs[meta.wrong];
        candidates.set(`w${meta.wrong}:${hit.start}`, {
          start: hit.start,
          end: hit.end,
          phrase: w.phrase,
          right: w.right,
          rightText: w.rightText,
          wrong: meta.wrong,
          priority: [0, -w.norm.length],
        });
      }
    }
  }

  return { exact, allowed, anchors, candidates };
}

/** Step 2: the windows around each anchor that are one edit (or, for long phrases, two substitutions) from its phrase. */
function addWindowCandidates(ctx: ParagraphContext, norm: string, map: number[], found: Found, phrases: Phrase[]): void {
  const { exact, anchors, candidates } = found;
  // Windows around each anchor: the phrase may start one position either side of where the piece
  // puts it (an edit before the piece), and be one character shorter or longer (an edit after it).
  // Keyed start × phrase count + phrase: one number per (phrase, start), negative starts included.
  const exactKey = (phrase: number, start: number) => start * phrases.length + phrase;
  const exactAt = new Set(exact.map((e) => exactKey(e.phrase, e.start)));
  for (const anchor of anchors) {
    const p = phrases[anchor.phrase];
    const n = p.norm.length;
    const base = anchor.start - anchor.offset;
    // The piece belongs to an exact occurrence: every window around it overlaps that occurrence.
    if (exactAt.has(exactKey(anchor.phrase, base))) continue;
    // Two characters replaced (「坚决维护习近平总书记党中央的核心」 with two slips): the window where the
    // piece puts the phrase. Two slips one beside the other must not make a word of their own there
    // (「坚持和完善」 for 「坚持和发展」 is another formulation, not a slip).
    if (p.fuzzy2 && base >= 0) {
      const two = twoSubstitutions(norm, base, p.norm);
      const key = `f${anchor.phrase}:${base}:${base + n}`;
      if (two && !candidates.has(key)) {
        const [i, j] = two;
        const adjacentWord = j === i + 1 && ctx.isWordBoundary(map[base + i]) && ctx.isWordBoundary(map[base + j] + 1);
        // A slip in the first or last character counts where the window stands as words of its own.
        const edges = (i > 0 || ctx.isWordBoundary(map[base])) && (j < n - 1 || ctx.isWordBoundary(map[base + n - 1] + 1));
        if (!adjacentWord && edges) {
          candidates.set(key, {
            start: base,
            end: base + n,
            phrase: anchor.phrase,
            right: p.norm,
            rightText: p.text,
            kind: 'sub2',
            priority: [2, -n, 0, 0],
          });
        }
      }
    }
    // Most anchors are a piece in some other context (「社会主义」): no window around them is close.
    if (!nearWindows(norm, base, p.norm)) continue;
    for (let shift = -1; shift <= 1; shift++) {
      const start = base + shift;
      if (start < 0) continue;
      for (let length = n - 1; length <= n + 1; length++) {
        const end = start + length;
        if (end > norm.length) continue;
        // The window must still contain the anchor piece.
        if (start > anchor.start || end < anchor.start + 1) continue;
        const kind = oneEdit(norm, start, end, p.norm);
        if (!kind) continue;
        const key = `f${anchor.phrase}:${start}:${end}`;
        if (candidates.has(key)) continue;
        const { prefix, suffix } = commonAffixes(norm.slice(start, end), p.norm);
        const anchored = prefix > 0 && suffix > 0 ? 0 : 1;
        candidates.set(key, {
          start,
          end,
          phrase: anchor.phrase,
          right: p.norm,
          rightText: p.text,
          kind,
          priority: [1, -n, length === n ? 0 : 1, anchored],
        });
      }
    }
  }
}

/** Step 3: the candidates believed, best first, none overlapping another or a canonical or allowed occurrence. */
function acceptCandidates(ctx: ParagraphContext, norm: string, map: number[], found: Found, norms: Set<string>): Candidate[] {
  const { exact, allowed, candidates } = found;
  // Lookups for the filters below, each answered without scanning every occurrence.
  const byStart = <T extends { start: number; end: number }>(list: T[]) => list.sort((a, b) => a.start - b.start);
  const maxEndSoFar = (list: { end: number }[]) => {
    const out: number[] = [];
    let max = -1;
    for (const item of list) out.push((max = Math.max(max, item.end)));
    return out;
  };
  /** Index of the last item whose start is < bound (−1 if none); `list` is sorted by start. */
  const lastStartBelow = (list: { start: number }[], bound: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  byStart(exact);
  byStart(allowed);
  const exactMaxEnd = maxEndSoFar(exact);
  const allowedMaxEnd = maxEndSoFar(allowed);
  const exactOf = new Map<number, { list: { start: number; end: number }[]; maxEnd: number[] }>();
  for (const e of exact) {
    const entry = exactOf.get(e.phrase);
    if (entry) entry.list.push(e);
    else exactOf.set(e.phrase, { list: [e], maxEnd: [] });
  }
  for (const entry of exactOf.values()) entry.maxEnd = maxEndSoFar(entry.list);
  /** Some occurrence in `list` (sorted by start, with its running maximum end) overlaps [start, end). */
  const anyOverlap = (list: { start: number }[], maxEnd: number[], start: number, end: number) => {
    const i = lastStartBelow(list, end);
    return i >= 0 && maxEnd[i] > start;
  };
  /** Some exact canonical occurrence covers [start, end) entirely. */
  const insideCanonical = (start: number, end: number) => {
    const i = lastStartBelow(exact, start + 1);
    return i >= 0 && exactMaxEnd[i] >= end;
  };

  const accepted: Candidate[] = [];
  const acceptedSpans = new SpanSet();
  const sorted = [...candidates.values()].sort((a, b) => {
    for (let i = 0; i < Math.max(a.priority.length, b.priority.length); i++) {
      const d = (a.priority[i] ?? 0) - (b.priority[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.start - b.start;
  });
  for (const c of sorted) {
    // Not overlapping a candidate already accepted (candidates are never empty).
    if (acceptedSpans.overlaps(c.start, c.end)) continue;
    const w = norm.slice(c.start, c.end);
    // Canonical text is never flagged.
    if (norms.has(w)) continue;
    if (insideCanonical(c.start, c.end)) continue;
    if (anyOverlap(allowed, allowedMaxEnd, c.start, c.end)) continue;
    if (c.kind) {
      const same = exactOf.get(c.phrase);
      if (same && anyOverlap(same.list, same.maxEnd, c.start, c.end)) continue;
      // A window ends on words, not on punctuation the phrase does not have there.
      if (SEPARATORS.has(w[0]) && w[0] !== c.right[0]) continue;
      if (SEPARATORS.has(w[w.length - 1]) && w[w.length - 1] !== c.right[c.right.length - 1]) continue;
      const { prefix, suffix } = commonAffixes(w, c.right);
      const diff = w.slice(prefix, w.length - suffix) + c.right.slice(prefix, c.right.length - suffix);
      if ([...diff].every((ch) => SEPARATORS.has(ch))) continue;
      if (!edgeOk(ctx, c, prefix, suffix, map, norm)) continue;
    }
    accepted.push(c);
    acceptedSpans.add(c.start, c.end);
  }

  return accepted;
}

/** Step 4: the finding for an accepted candidate, its span and fix narrowed to what changes. */
function finding(text: string, norm: string, map: number[], c: Candidate, p: Phrase): RawFinding {
  const w = norm.slice(c.start, c.end);
  const { prefix, suffix } = commonAffixes(w, c.right);
  const wMid = w.slice(prefix, w.length - suffix);
  const cMid = c.right.slice(prefix, c.right.length - suffix);
  // Where the text changes: [a, b) in the paragraph, between the unchanged prefix and suffix.
  const whole: [number, number] = [map[c.start], map[c.end - 1] + 1];
  const a = prefix > 0 ? map[c.start + prefix - 1] + 1 : whole[0];
  const b = suffix > 0 ? map[c.end - suffix] : whole[1];
  const [os, oe] = withinQuotation(text, whole[0], whole[1], a, b);
  const written = text.slice(os, oe);
  const suggestion =
    os === whole[0] && oe === whole[1] ? suggest(text, map, c, os, oe, prefix, suffix, cMid) : replaceMiddle(text, os, oe, a, b, cMid);
  const note = p.note ? `（${p.note}）` : '';
  if (c.kind === undefined) {
    return {
      offset: os,
      length: oe - os,
      message: `「${written}」不是规范提法，应为「${suggestion}」${note}。`,
      suggestions: [suggestion],
    };
  }
  const gentle = (c.kind === 'ins' || c.kind === 'del') && [...(wMid + cMid)].every((ch) => PARTICLES.has(ch));
  return {
    offset: os,
    length: oe - os,
    message: `「${written}」与规范提法「${p.text}」${kindText(c.kind, wMid, cMid)}，应为「${suggestion}」${note}。`,
    suggestions: [suggestion],
    ...(gentle ? { gentler: true } : {}),
  };
}

/** Paired quotation marks: opener → closer. Straight quotes pair with themselves and are left alone. */
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };
const QUOTE_CLOSERS: Record<string, string> = { '”': '“', '’': '‘', '」': '「', '』': '『' };

/**
 * The span [os, oe) without a quotation mark whose partner lies outside it, when the change [a, b)
 * lies on one side of that mark: 「“两个百年”奋斗目标」 is flagged as 「两个百年」, so that neither the
 * span nor the fix carries the 」 that closes a quotation opened before it. A mark inside the change
 * itself stays (nothing shorter covers the change).
 */
function withinQuotation(text: string, os: number, oe: number, a: number, b: number): [number, number] {
  let s = os;
  let e = oe;
  const open: number[] = [];
  const unpaired: number[] = [];
  for (let i = os; i < oe; i++) {
    const ch = text[i];
    if (QUOTE_PAIRS[ch]) open.push(i);
    else if (QUOTE_CLOSERS[ch]) {
      const k = open.map((j) => text[j]).lastIndexOf(QUOTE_CLOSERS[ch]);
      if (k >= 0) open.splice(k, 1);
      else unpaired.push(i);
    }
  }
  for (const i of [...unpaired, ...open]) {
    if (i < a) s = Math.max(s, i + 1);
    else if (i >= b) e = Math.min(e, i);
  }
  // No white space or further quotation marks at the ends of the narrowed span.
  while (s < a && IGNORED_UNITS[text.charCodeAt(s)] === 1) s++;
  while (e > b && IGNORED_UNITS[text.charCodeAt(e - 1)] === 1) e--;
  return [s, e];
}

/** The span [os, oe) with its change [a, b) replaced by the canonical middle, the marks around it kept. */
function replaceMiddle(text: string, os: number, oe: number, a: number, b: number, cMid: string): string {
  const mid = text.slice(a, b);
  const lead = IGNORED_RUN_START.exec(mid)![0];
  const trail = lead.length === mid.length ? '' : IGNORED_RUN_END.exec(mid)![0];
  return text.slice(os, a) + lead + cMid + trail + text.slice(b, oe);
}

/**
 * The canonical text for the flagged span. Where the user's span carries no quotation marks, or the
 * same ones as the canonical text, the canonical text itself; otherwise the differing middle is
 * replaced and the user's own marks around it are kept.
 */
function suggest(text: string, map: number[], c: Candidate, os: number, oe: number, prefix: number, suffix: number, cMid: string): string {
  const written = text.slice(os, oe);
  const marks = (s: string) => [...s].filter((ch) => IGNORED.test(ch)).join('');
  if (!marks(written)) return c.right;
  if (marks(written) === marks(c.rightText)) return c.rightText;
  const a = prefix > 0 ? map[c.start + prefix - 1] + 1 : os;
  const b = suffix > 0 ? map[c.end - suffix] : oe;
  return replaceMiddle(text, os, oe, a, b, cMid);
}
