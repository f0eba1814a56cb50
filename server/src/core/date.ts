/**
 * The document's date, for rules whose verdict depends on it: the caller's value if given, else the
 * 成文日期 (a line holding only a date, usually at the end) or a dated title line, else today.
 */
import { isValidDate } from './options';

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, '○': 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseYear(s: string): number | undefined {
  if (/^\d{4}$/.test(s)) return +s;
  const digits = [...s].map((c) => DIGITS[c]);
  return digits.length === 4 && digits.every((d) => d !== undefined) ? +digits.join('') : undefined;
}

function chineseSmall(s: string): number | undefined {
  if (/^\d{1,2}$/.test(s)) return +s;
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return undefined;
  const tens = m[2] ? (m[1] ? DIGITS[m[1]] : 1) : 0;
  if (!m[2] && m[1]) return DIGITS[m[1]];
  return tens * 10 + (m[3] ? DIGITS[m[3]] : 0) || undefined;
}

const DATE_LINE = /^[\s（(]*([\d〇零○O一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日[）)]?\s*$/u;
const DATED_TITLE = /[（(]([\d〇零○O一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日[）)]/u;

function toIso(y?: number, m?: number, d?: number): string | undefined {
  if (!y || !m || !d) return undefined;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidDate(iso) ? iso : undefined;
}

export function today(): string {
  const now = new Date();
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

/** The date written in the document, if any: the last date-only line, else a dated line near the top. */
export function dateInDocument(textOrLines: string | readonly string[]): string | undefined {
  const lines = typeof textOrLines === 'string' ? textOrLines.split(/\r\n|\r|\n/) : textOrLines;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].length > 40 || !lines[i].includes('日')) continue; // a date line is short
    const m = DATE_LINE.exec(lines[i]);
    if (m) {
      const iso = toIso(chineseYear(m[1]), chineseSmall(m[2]), chineseSmall(m[3]));
      if (iso) return iso;
    }
  }
  for (const line of lines.slice(0, 5)) {
    const m = DATED_TITLE.exec(line);
    if (m) {
      const iso = toIso(chineseYear(m[1]), chineseSmall(m[2]), chineseSmall(m[3]));
      if (iso) return iso;
    }
  }
  return undefined;
}

export function resolveDocumentDate(text: string | readonly string[], given?: string): { date: string; source: 'option' | 'document' | 'today' } {
  if (given && isValidDate(given)) return { date: given, source: 'option' };
  const found = dateInDocument(text);
  return found ? { date: found, source: 'document' } : { date: today(), source: 'today' };
}
