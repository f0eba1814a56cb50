/**
 * The paragraph context handed to rules: segmentation happens only for the clauses a rule asks
 * about, and at most once per clause. Most paragraphs hold no candidate at all and are never
 * segmented.
 */
import { tokensWithOffsets, type Segmenter, type TaggedToken } from './segmenter';
import type { ParagraphContext, ResolvedOptions } from './types';

/** Characters that end a clause: segmenting across them would change nothing. */
const MAX_CLAUSE = 200;
const CLAUSE_BREAK = /[，。、；：？！,.;:?!“”‘’（）《》()「」【】\s]/u;

export function createParagraphContext(text: string, options: ResolvedOptions, segmenter: Segmenter, date: string): ParagraphContext {
  const tagged = new Map<number, TaggedToken[] | undefined>();
  const clauses = new Map<number, { end: number; tokens: { text: string; start: number }[] | undefined }>();

  function clauseAt(offset: number): { start: number; end: number } {
    // A clause longer than the window (a 5 MB line with no punctuation) is cut into windows, so
    // that each question costs a bounded amount of segmentation.
    let start = offset;
    while (start > 0 && offset - start < MAX_CLAUSE && !CLAUSE_BREAK.test(text[start - 1])) start--;
    let end = offset;
    while (end < text.length && end - offset < MAX_CLAUSE && !CLAUSE_BREAK.test(text[end])) end++;
    return { start, end };
  }

  function tokensOfClause(start: number, end: number) {
    let entry = clauses.get(start);
    if (!entry) {
      const local = tokensWithOffsets(segmenter, text.slice(start, end));
      entry = { end, tokens: local?.map((t) => ({ text: t.text, start: t.start + start })) };
      clauses.set(start, entry);
    }
    return entry.tokens;
  }

  return {
    text,
    options,
    date,
    clauseTags(offset: number) {
      const { start, end } = clauseAt(Math.min(offset, text.length));
      if (!tagged.has(start)) {
        const tokens = segmenter.tag ? segmenter.tag(text.slice(start, end)) : undefined;
        let at = start;
        const placed = tokens?.map((t) => {
          const token = { word: t.word, tag: t.tag, start: at };
          at += t.word.length;
          return token;
        });
        tagged.set(start, placed && at === end && placed.every((t) => text.startsWith(t.word, t.start)) ? placed : undefined);
      }
      return tagged.get(start);
    },
    isWordBoundary(offset: number): boolean {
      if (offset <= 0 || offset >= text.length) return true;
      if (CLAUSE_BREAK.test(text[offset - 1]) || CLAUSE_BREAK.test(text[offset])) return true;
      const { start, end } = clauseAt(offset);
      const tokens = tokensOfClause(start, end);
      // Unknown segmentation: report "not a boundary" so that rules needing one stay quiet.
      if (!tokens) return false;
      return tokens.some((t) => t.start === offset);
    },
    clauseTokens(offset: number) {
      const { start, end } = clauseAt(Math.min(offset, text.length));
      return tokensOfClause(start, end);
    },
  };
}
