/** Character classes shared by the rules. All tests work on single UTF-16 code units or code points. */

const HAN = /\p{Script=Han}/u;

/** Full-width punctuation that belongs to Chinese running text. */
export const FULLWIDTH_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·';

/**
 * Whether `text` holds a Han character. Use this rather than an inline /\p{Script=Han}/u: esbuild
 * turns that literal into `new RegExp(...)`, built anew on every call.
 */
export function containsHan(text: string): boolean {
  return HAN.test(text);
}

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && HAN.test(ch);
}

/**
 * The unified ideographs of the BMP (CJK Unified Ideographs and Extension A), as the body of a
 * character class: the Han characters typo-context's models know and the only ones it scans (its
 * dictionaries hold no others). A subset of isHan's, which also counts 〇, 々, radicals,
 * compatibility ideographs and the astral extensions.
 */
export const CJK_UNIFIED = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const CJK_UNIFIED_CHAR = new RegExp(`^[${CJK_UNIFIED}]$`);

/** Whether `ch` is one unified ideograph of the BMP (see CJK_UNIFIED). */
export function isCjkUnified(ch: string | undefined): boolean {
  return ch !== undefined && CJK_UNIFIED_CHAR.test(ch);
}

/** Han characters and full-width punctuation: the marks of Chinese running text. */
export function isChineseContext(ch: string | undefined): boolean {
  return isHan(ch) || oneOf(FULLWIDTH_PUNCT, ch);
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

export function isLatinAlnum(ch: string | undefined): boolean {
  return isLatinLetter(ch) || isAsciiDigit(ch);
}

/** Half-width marks punct-width turns full-width in Chinese text. */
export const HALF_WIDTH_MARKS = ',.;:?!()"';

/**
 * The character at `i`, or beyond the characters of `skip` there (stepping by `step`; by default the
 * half-width marks): punct-width turns 「)」 into 「）」 in Chinese text, so rules read 「关健)--」 and
 * 「...(首先」 as they will be written.
 */
export function beyondHalfWidth(text: string, i: number, step: 1 | -1, skip = HALF_WIDTH_MARKS): string | undefined {
  while (i >= 0 && i < text.length && skip.includes(text[i])) i += step;
  return i >= 0 && i < text.length ? text[i] : undefined;
}

/**
 * beyondHalfWidth over one paragraph, remembering the last run of `skip` characters it walked: the
 * marks of a run all look beyond it to the same two characters, and rules ask in text order, so a
 * line of 100,000 half-width marks is walked once rather than once per mark.
 */
export class BeyondHalfWidth {
  private start = 0;
  private end = 0;
  constructor(
    private readonly text: string,
    private readonly skip = HALF_WIDTH_MARKS,
  ) {}

  at(i: number, step: 1 | -1): string | undefined {
    const { text, skip } = this;
    if (i < 0 || i >= text.length) return undefined;
    if (!skip.includes(text[i])) return text[i];
    if (i < this.start || i >= this.end) {
      let s = i;
      while (s > 0 && skip.includes(text[s - 1])) s--;
      let e = i + 1;
      while (e < text.length && skip.includes(text[e])) e++;
      this.start = s;
      this.end = e;
    }
    const j = step < 0 ? this.start - 1 : this.end;
    return j >= 0 && j < text.length ? text[j] : undefined;
  }
}

/** Opening and closing marks of the pairs of GB/T 15834, in matching order. */
export const OPENING_MARKS = '“‘「『《〈（【〔';
export const CLOSING_MARKS = '”’」』》〉）】〕';

/** Chinese numerals, including the zero forms that appear in written-out years. */
export const CHINESE_NUMERALS = '零〇○一二三四五六七八九十百千万两';

/**
 * Characters as offices count a manuscript: every character except whitespace (spaces, full-width
 * spaces, tabs, line breaks); punctuation counts. Counted in code points, so a rare character
 * outside the BMP counts once, not twice. Also the client's status-bar count (client/src/speech.ts).
 */
export function countCharacters(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/** Whether `ch` is one of the characters of `set` (never true for a missing character). */
export function oneOf(set: string, ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && set.includes(ch);
}
