/**
 * The paragraph context handed to rules: segmentation happens only for the clauses a rule asks
 * about, and at most once per clause. Most paragraphs hold no candidate at all and are never
 * segmented.
 */
import { tokensWithOffsets, type Segmenter, type TaggedToken } from './segmenter';
import type { ParagraphContext, ResolvedOptions } from './types';

/** The grid of clause windows: a clause longer than this is segmented in windows (see clauseAt). */
const MAX_CLAUSE = 200;
/** Characters that end a clause: segmenting across them would change nothing. */
const CLAUSE_BREAK = /[，。、；：？！,.;:?!“”‘’（）《》()「」【】\s]/u;
/** CLAUSE_BREAK by UTF-16 code unit, built on first use: the walks below test every character. */
let breakTable: Uint8Array | undefined;
function isBreak(code: number): boolean {
  if (!breakTable) {
    breakTable = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (CLAUSE_BREAK.test(String.fromCharCode(c))) breakTable[c] = 1;
  }
  return breakTable[code] === 1;
}

/**
 * A class rather than closures: one is made for every paragraph a rule looks at, and most never
 * segment anything, so the maps are created only when a question needs them.
 */
class Paragraph implements ParagraphContext {
  private clauses?: Map<number, { end: number; tokens: { text: string; start: number }[] | undefined }>;
  private tagged?: Map<number, TaggedToken[] | undefined>;

  constructor(
    readonly text: string,
    readonly options: ResolvedOptions,
    private readonly segmenter: Segmenter,
    readonly date: string,
    readonly dateText: string,
  ) {}

  /** The last clause found, for the next question in the same grid cell. */
  private lastClause = { cell: -1, start: 0, end: 0 };

  private clauseAt(offset: number): { start: number; end: number } {
    // A clause longer than the window (a 5 MB line with no punctuation) is cut into windows, so
    // that each question costs a bounded amount of segmentation. The windows sit on a grid: every
    // offset of one cell of MAX_CLAUSE characters gets the same window, reaching at least MAX_CLAUSE
    // characters either side of it, so a long run of questions segments each stretch of text a few
    // times in all rather than once per question (a line of 100,000 「的」).
    const text = this.text;
    const cell = offset - (offset % MAX_CLAUSE);
    const last = this.lastClause;
    if (cell === last.cell && offset >= last.start && offset <= last.end) return last;
    const lo = Math.max(0, cell - MAX_CLAUSE);
    const hi = Math.min(text.length, cell + 2 * MAX_CLAUSE);
    let start = offset;
    while (start > lo && !isBreak(text.charCodeAt(start - 1))) start--;
    let end = offset;
    while (end < hi && !isBreak(text.charCodeAt(end))) end++;
    this.lastClause = { cell, start, end };
    return this.lastClause;
  }

  private tokensOfClause(start: number, end: number) {
    this.clauses ??= new Map();
    // Two windows of a long clause may start at the same break and end at different places.
    const key = start * (this.text.length + 1) + end;
    let entry = this.clauses.get(key);
    if (!entry) {
      entry = { end, tokens: tokensWithOffsets(this.segmenter, this.text.slice(start, end), start) };
      this.clauses.set(key, entry);
    }
    return entry.tokens;
  }

  isWordBoundary(offset: number): boolean {
    const text = this.text;
    if (offset <= 0 || offset >= text.length) return true;
    if (isBreak(text.charCodeAt(offset - 1)) || isBreak(text.charCodeAt(offset))) return true;
    const { start, end } = this.clauseAt(offset);
    const tokens = this.tokensOfClause(start, end);
    // Unknown segmentation: report "not a boundary" so that rules needing one stay quiet.
    if (!tokens) return false;
    // Tokens come in order: a binary search, not a walk over a window of hundreds of them.
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = tokens[mid].start;
      if (at === offset) return true;
      if (at < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  clauseTokens(offset: number) {
    const { start, end } = this.clauseAt(Math.min(offset, this.text.length));
    return this.tokensOfClause(start, end);
  }

  idiomMayEndAt(offset: number): boolean | undefined {
    const index = this.segmenter.idioms?.();
    if (!index) return undefined;
    const candidates = index.get(this.text.charCodeAt(offset - 1));
    if (candidates) for (const w of candidates) if (this.text.endsWith(w, offset)) return true;
    return false;
  }

  clauseTags(offset: number) {
    const { start, end } = this.clauseAt(Math.min(offset, this.text.length));
    this.tagged ??= new Map();
    const key = start * (this.text.length + 1) + end;
    if (!this.tagged.has(key)) {
      const tokens = this.segmenter.tag ? this.segmenter.tag(this.text.slice(start, end)) : undefined;
      let at = start;
      const placed = tokens?.map((t) => {
        const token = { word: t.word, tag: t.tag, start: at };
        at += t.word.length;
        return token;
      });
      this.tagged.set(key, placed && at === end && placed.every((t) => this.text.startsWith(t.word, t.start)) ? placed : undefined);
    }
    return this.tagged.get(key);
  }
}

export function createParagraphContext(
  text: string,
  options: ResolvedOptions,
  segmenter: Segmenter,
  date: string,
  dateText?: string,
): ParagraphContext {
  return new Paragraph(text, options, segmenter, date, dateText ?? defaultDateText(date));
}

/** 2026-01-15 → 2026年1月15日. */
function defaultDateText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
