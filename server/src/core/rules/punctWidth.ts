/**
 * `punct-width` — half-width , . ; : ? ! ( ) " in Chinese running text, which GB/T 15834 writes
 * full-width. Never inside numbers (3,218.5), times (9:30), dates (2026-01-05), URLs, e-mail
 * addresses or Latin text; never 「1.」 after a heading number (GB/T 9704 uses the low dot there).
 */
import { BeyondHalfWidth, HALF_WIDTH_MARKS, containsHan, isAsciiDigit, isChineseContext, isHan, isLatinAlnum, oneOf } from '../chars';
import { allMatches } from '../matches';
import type { RawFinding, ParagraphRule as Rule } from '../types';

const FULL: Record<string, string> = {
  ',': '，',
  '.': '。',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/**
 * URLs, e-mail addresses, Windows paths, HTML entities (「&quot;」「&#39;」) and emoticons (「;-)」「:)」):
 * nothing inside them is punctuation of the text.
 */
const PROTECTED =
  /(?:https?|ftp|file):\/\/[^\s\p{Script=Han}，。；！？“”（）《》]+|www\.[A-Za-z0-9.-]+|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z]:\\[^\s\p{Script=Han}]*|&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});|[:;]-[()DPp]|[:;][)DP](?![A-Za-z0-9(])/gu;

const HALF_MARK = /[,.;:?!()"]/;
/**
 * The marks checkPoint looks at, and the ones looked through around them. Regex literals inside a
 * function are new objects on every evaluation, so these live here.
 */
const POINT = /[,.;:?!]/g;
const PAREN = /[()]/g;
/**
 * Looked through around a point to find its context: spaces, the half-width marks this rule converts
 * and the hyphens of a 「--」 that punct-pair turns into 「——」. 「:(关键」 is Chinese context for the
 * colon, as 「:（关键」 will be once the bracket is fixed; in 「好?!」 and 「关键(!」 the 「!」 follows
 * Chinese text as much as it will once the others are fixed.
 */
const HALF_OR_SPACE = ` -${HALF_WIDTH_MARKS}`;
const SMALL_NUMBER = /^(?:\d{1,3}|[一二三四五六七八九十]{1,3})$/u;
const NO_MASK = new Uint8Array(0);
/**
 * Only a paragraph that could hold a URL, e-mail address or path pays for the search (with the u flag,
 * V8 runs this alternation without allocating).
 */
const MAY_PROTECT = /[@:\\&;]|www\./u;

/** Only a paragraph that holds one pays for the mask (a Uint8Array costs more than the search). */
function protectedMask(text: string): Uint8Array {
  if (!MAY_PROTECT.test(text)) return NO_MASK;
  const found = allMatches(PROTECTED, text);
  if (found.length === 0) return NO_MASK;
  const mask = new Uint8Array(text.length);
  for (const m of found) mask.fill(1, m.index!, m.index! + m[0].length);
  return mask;
}

function message(mark: string, full: string): string {
  return `「${mark}」是半角标点，中文语境中应使用全角「${full}」（GB/T 15834）。`;
}
/** The message for each mark of FULL, built once rather than for every finding. */
const MESSAGE: Record<string, string> = Object.fromEntries(Object.entries(FULL).map(([mark, full]) => [mark, message(mark, full)]));

/** The nearest character before/after `i` that is not an ASCII space. */
function prevNonSpace(text: string, i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && text[j] === ' ') j--;
  return j >= 0 ? text[j] : undefined;
}
function nextNonSpace(text: string, i: number): { ch: string | undefined; index: number } {
  let j = i + 1;
  while (j < text.length && text[j] === ' ') j++;
  return { ch: j < text.length ? text[j] : undefined, index: j };
}

/** The first character from `i` on (in direction `step`) that is neither a space nor a quotation mark. */
function beyondQuotes(text: string, i: number, step: 1 | -1): string | undefined {
  while (i >= 0 && i < text.length && ' “”‘’"\''.includes(text[i])) i += step;
  return i >= 0 && i < text.length ? text[i] : undefined;
}

const ANY_POINT = '，。、；：？！,;:?!.';
const QUERY = '？！?!';

/**
 * A mark in a run of points that holds a pause mark (「，,」「?:」「。.」) is a doubled mark: punct-dup
 * reports the whole run. Runs of only ?/! (「好?!」) stay here.
 *
 * Points are visited in order, and the verdict is the same for every mark of a run: the run is
 * read once and its verdict kept, so a line of 16,000 「.」 costs one walk, not one per mark.
 */
class DupRuns {
  /** The last run read: marks in [start, end) are doubled marks when `doubled`. */
  private start = -1;
  private end = -1;
  private from = -1;
  private doubled = false;
  constructor(
    private readonly text: string,
    private readonly mask: Uint8Array,
  ) {}

  has(i: number): boolean {
    if (i < this.from || i >= this.end) this.read(i);
    return i >= this.start && this.doubled;
  }

  private read(i: number): void {
    const { text, mask } = this;
    let s = i;
    // A protected 「;」 (the end of 「&quot;」) is no point of the run.
    while (s > 0 && oneOf(ANY_POINT, text[s - 1]) && !mask[s - 1]) s--;
    this.from = s;
    if (text[s] === '.' && isAsciiDigit(text[s - 1])) s++; // 「1.」: a heading number's dot
    let e = i + 1;
    while (e < text.length && oneOf(ANY_POINT, text[e]) && !mask[e]) e++;
    this.start = s;
    this.end = e;
    // Dots only are an ellipsis; otherwise a doubled mark when any is not ?/!.
    let dotsOnly = true;
    let pause = false;
    for (let k = s; k < e; k++) {
      if (text[k] !== '.') dotsOnly = false;
      if (!QUERY.includes(text[k])) pause = true;
    }
    this.doubled = e - s >= 2 && !dotsOnly && pause;
  }
}

/**
 * What the text holds at `at` once the brackets and quotes flagged around it are fixed: 「光).」 reads
 * as 「光）.」, so its 「.」 is reported now rather than only after the first fix.
 */
function fixedAt(text: string, at: number, flagged: ReadonlyMap<number, string>): string | undefined {
  return flagged.get(at) ?? text[at];
}

function checkPoint(text: string, i: number, flagged: ReadonlyMap<number, string>, beyond: BeyondHalfWidth): RawFinding | undefined {
  const mark = text[i];
  const before = fixedAt(text, i - 1, flagged);
  const after = text[i + 1];
  const { index: nextIndex } = nextNonSpace(text, i);
  const nextCh = fixedAt(text, nextIndex, flagged);
  const chineseBefore = isChineseContext(before) || (!isAsciiDigit(before) && isChineseContext(beyond.at(i - 1, -1)));
  // A 「.」 looks no further than the next character, unless that is a half-width point which, after
  // Chinese text, becomes full-width too (「好. !」).
  const chineseAfter =
    isChineseContext(nextCh) ||
    (mark !== '.' && isChineseContext(beyond.at(i + 1, 1))) ||
    (mark === '.' && oneOf(',;:?!', nextCh) && chineseBefore);

  switch (mark) {
    case ',':
      if (isAsciiDigit(before) && isAsciiDigit(after)) return undefined; // 3,218
      break;
    case ':':
      if (isAsciiDigit(before) && isAsciiDigit(after)) return undefined; // 9:30, 1:1000
      break;
    case '.':
      // Decimals, heading numbers 「1.」, abbreviations and file names are not sentence ends.
      if (!isHan(before) && !oneOf('）”》', before)) return undefined;
      if (after === '.' || before === '.') return undefined; // an ellipsis, the ellipsis rule's
      if (nextCh !== undefined && !chineseAfter) return undefined; // 「文件.docx」
      break;
    case '?':
    case '!':
      break;
  }
  if (!chineseBefore && !chineseAfter) return undefined;
  // Latin on both sides is Latin text, even inside a Chinese paragraph: 「Hello, world」, and so is a
  // comma between quoted Latin words, 「（“Python”, “Java”）」.
  const prev = prevNonSpace(text, i);
  if (isLatinAlnum(prev) && (nextCh === undefined || isLatinAlnum(nextCh))) return undefined;
  if (mark === ',' && isLatinAlnum(beyondQuotes(text, i - 1, -1)) && isLatinAlnum(beyondQuotes(text, i + 1, 1))) return undefined;
  // Swallow the spaces a half-width habit leaves after the mark: 「, 建设」 → 「，建设」.
  const end = chineseAfter && mark !== '.' ? nextIndex : i + 1;
  return { offset: i, length: end - i, message: MESSAGE[mark], suggestions: [FULL[mark]] };
}

/**
 * Whether text[start, end) holds a Han character. A short stretch is searched; a long one is
 * answered from counts of Han characters made once per paragraph, so that nested brackets
 * (「((((…))))」) cost a walk over the paragraph, not one per pair.
 */
class HanCount {
  private counts: Uint32Array | undefined;
  constructor(private readonly text: string) {}

  between(start: number, end: number): boolean {
    if (end - start <= 64) return containsHan(this.text.slice(start, end));
    if (!this.counts) {
      const text = this.text;
      const counts = new Uint32Array(text.length + 1);
      for (let k = 0; k < text.length; k++) {
        const code = text.charCodeAt(k);
        // A Han character outside the BMP counts at its first code unit.
        const han =
          code >= 0xdc00 && code <= 0xdfff ? false : containsHan(code >= 0xd800 && code <= 0xdbff ? text.slice(k, k + 2) : text[k]);
        counts[k + 1] = counts[k] + (han ? 1 : 0);
      }
      this.counts = counts;
    }
    return this.counts[end] > this.counts[start];
  }
}

/** Parentheses: converted as a pair when they hold Chinese text or a number heading Chinese text. */
function checkParentheses(text: string, mask: Uint8Array, findings: RawFinding[]): void {
  const stack: number[] = [];
  const han = new HanCount(text);
  const flag = (i: number) => {
    const mark = text[i];
    findings.push({ offset: i, length: 1, message: MESSAGE[mark], suggestions: [FULL[mark]] });
  };
  PAREN.lastIndex = 0;
  for (let m = PAREN.exec(text); m; m = PAREN.exec(text)) {
    const i = m.index;
    if (mask[i]) continue;
    if (text[i] === '(') stack.push(i);
    else {
      const open = stack.pop();
      if (open === undefined) {
        if (isHan(text[i - 1]) || isHan(text[i + 1])) flag(i);
        continue;
      }
      const hasHan = han.between(open + 1, i);
      const isNumber = i - open - 1 <= 3 && SMALL_NUMBER.test(text.slice(open + 1, i));
      const chineseOutside = isChineseContext(text[open - 1]) || isChineseContext(text[i + 1]) || open === 0;
      if (hasHan || (isNumber && chineseOutside)) {
        flag(open);
        flag(i);
      }
    }
  }
  for (const open of stack) if (isHan(text[open - 1]) || isHan(text[open + 1])) flag(open);
}

/** ASCII double quotes, paired in order of appearance, around Chinese text → “ ”. */
function checkQuotes(text: string, mask: Uint8Array, findings: RawFinding[]): void {
  const positions: number[] = [];
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) if (!mask[i]) positions.push(i);
  for (let k = 0; k + 1 < positions.length; k += 2) {
    const open = positions[k];
    const close = positions[k + 1];
    if (!containsHan(text.slice(open + 1, close))) continue;
    findings.push({ offset: open, length: 1, message: message('"', '“'), suggestions: ['“'] });
    findings.push({ offset: close, length: 1, message: message('"', '”'), suggestions: ['”'] });
  }
}

export const punctWidthRule: Rule = {
  id: 'punct-width',
  label: '半角标点',
  category: 'punctuation',
  defaultSeverity: 'warning',
  description: '半角标点：中文语境中的 , . ; : ? ! ( ) " 应为全角；不报数字、时间、日期、网址、邮箱和西文中的标点。',
  check(ctx) {
    const text = ctx.text;
    if (!HALF_MARK.test(text)) return [];
    const mask = protectedMask(text);
    // Brackets and quotes first: a point next to one that will become full-width is judged by the
    // full-width mark.
    const flagged: RawFinding[] = [];
    if (text.includes('(') || text.includes(')')) checkParentheses(text, mask, flagged);
    if (text.includes('"')) checkQuotes(text, mask, flagged);
    const findings: RawFinding[] = [];
    const fixedMarks = new Map<number, string>();
    for (const f of flagged) fixedMarks.set(f.offset, f.suggestions[0]);
    const dupRuns = new DupRuns(text, mask);
    const beyond = new BeyondHalfWidth(text, HALF_OR_SPACE);
    let skipUntil = 0;
    // An exec loop: no array of matches, and no iterator (for-of over allMatches' shared empty
    // array, which is frozen, allocates one per loop).
    POINT.lastIndex = 0;
    for (let m = POINT.exec(text); m; m = POINT.exec(text)) {
      const i = m.index;
      if (i < skipUntil || mask[i] || dupRuns.has(i)) continue;
      const finding = checkPoint(text, i, fixedMarks, beyond);
      if (finding) {
        findings.push(finding);
        skipUntil = finding.offset + finding.length;
      }
    }
    if (flagged.length === 0) return findings;
    // The points come in order: only brackets and quotes call for a sort.
    findings.push(...flagged);
    return findings.length > 1 ? findings.sort((a, b) => a.offset - b.offset) : findings;
  },
};
