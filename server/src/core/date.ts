/**
 * The document's date, for rules whose verdict depends on it: the caller's value if given, else the
 * 成文日期 (a line holding only a date, usually at the end) or a dated title line, else a year named
 * in the title lines (「市人大2022年度工作推进动员大会」: judged as of 1 January of that year), else today.
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

const DATE_LINE =
  /^[\s（(]*([\d〇零○O一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日[）)]?\s*$/u;
const DATED_TITLE = /[（(]([\d〇零○O一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日[）)]/u;
/**
 * A report's subtitle: 「——2026年1月25日在北京市第十六届人民代表大会第四次会议上」. The spaces after the
 * dashes belong to the dashes: two runs of spaces side by side would be tried against each other at
 * every split of a line of spaces (a line of 100,000 took 19 s).
 */
const DATED_SUBTITLE =
  /^[\s\u3000]*(?:[—–-]+[\s\u3000]*)?([\d〇零○O一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日在/u;

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
    const m = DATED_TITLE.exec(line) ?? DATED_SUBTITLE.exec(line);
    if (m) {
      const iso = toIso(chineseYear(m[1]), chineseSmall(m[2]), chineseSmall(m[3]));
      if (iso) return iso;
    }
  }
  return undefined;
}

/** How many lines at the top may hold the title block: title, subtitle, speaker, 发文字号. */
const TITLE_LINES = 5;
/** A line that is no longer the title block: prose, a 称谓 or a heading. */
const BODY_START =
  /[。，；！？,;!?]|[：:]\s*$|^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百零〇]+[章节条]|\d+[.．、])/u;
/** A year in a title: 「2022年」「2022年度」「二〇二二年」, not the end of a range (「2021—2025年」). */
const TITLE_YEAR = /(?<![\d０-９—–\-－～~至到])((?:19|20)\d{2}|[〇零○O一二][〇零○O一二三四五六七八九]{3})(?=年)/gu;
/** After 「年」: a period before or after the year, a decade, a target (「2035年远景目标」). */
const NOT_THE_DOCUMENT_YEAR = /^年(?:以来|以前|之前|以后|之后|前|后|代|远景|愿景|目标)/u;

/**
 * A year named in the title block — the lines at the top before the body starts — when the document
 * carries no full date: the latest such year, no later than next year. 「2021年工作总结和2022年工作
 * 计划」 is a document of 2022 at the earliest; a year since which something happened, the end of a
 * range or a target year says nothing about when the document was written.
 */
export function yearInTitle(textOrLines: string | readonly string[]): number | undefined {
  const lines = typeof textOrLines === 'string' ? textOrLines.split(/\r\n|\r|\n/, 40) : textOrLines;
  const latestAllowed = new Date().getFullYear() + 1;
  let found: number | undefined;
  let seen = 0;
  for (const raw of lines) {
    const line = raw.replace(/^[\s\u3000#>*]*/u, '').trim();
    if (line === '' || /^<!--.*-->$/u.test(line)) continue;
    if (++seen > TITLE_LINES || line.length > 80 || BODY_START.test(line)) break;
    for (const m of line.matchAll(TITLE_YEAR)) {
      if (NOT_THE_DOCUMENT_YEAR.test(line.slice(m.index! + m[1].length))) continue;
      const year = chineseYear(m[1]);
      if (year !== undefined && year >= 1949 && year <= latestAllowed && (found === undefined || year > found)) found = year;
    }
  }
  return found;
}

export type DateSource = 'option' | 'document' | 'title-year' | 'today';

export interface DocumentDate {
  /** YYYY-MM-DD: what the rules compare against. */
  date: string;
  source: DateSource;
}

export function resolveDocumentDate(text: string | readonly string[], given?: string): DocumentDate {
  if (given && isValidDate(given)) return { date: given, source: 'option' };
  const found = dateInDocument(text);
  if (found) return { date: found, source: 'document' };
  const year = yearInTitle(text);
  if (year !== undefined) return { date: `${year}-01-01`, source: 'title-year' };
  return { date: today(), source: 'today' };
}

/** The document's date as a message names it: 「2026年1月15日」, or 「2022年」 when only the year is known. */
export function dateText(d: DocumentDate): string {
  const [y, m, day] = d.date.split('-').map(Number);
  return d.source === 'title-year' ? `${y}年` : `${y}年${m}月${day}日`;
}

/**
 * What a date-dependent finding adds to its message when the date is not one the document or the
 * writer gave: the year of the title, or today. Empty otherwise.
 */
export function dateNote(d: DocumentDate): string {
  if (d.source === 'title-year') return `（按文稿日期 ${d.date.slice(0, 4)} 年判断：文中没有成文日期，取自标题中的年份。）`;
  if (d.source === 'today') return `（文中没有成文日期，按今天 ${dateText(d)} 判断。）`;
  return '';
}
