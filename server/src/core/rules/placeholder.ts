/**
 * `placeholder` — template placeholders nobody filled in: 「X届」「第X次」「XX同志」「××市」「○○局」
 * 「1X项」「××××年××月××日」「____」. Real terms stay quiet (「X光」「X射线」, server/data/placeholder-terms.tsv),
 * and so do 「3×4」, Latin words (「SpaceX」) and the zero of a written-out year (「二〇二六」).
 * There is no automatic fix: the message says what must be filled in.
 */
import hintsTable from '../../../data/placeholder-hints.tsv';
import termsTable from '../../../data/placeholder-terms.tsv';
import { CHINESE_NUMERALS, isAsciiDigit, isChineseContext, isHan, isLatinAlnum, isLatinLetter, oneOf } from '../chars';
import { parseTable, parseWordSet } from '../tables';
import type { RawFinding, ParagraphRule as Rule } from '../types';

// RUN, DATE and BLANK are walked with exec loops: no array of matches, and no for-of iterator (which
// allocates over allMatches' frozen empty array).
const RUN = /[XxＸｘ×✕○◯〇□]+/gu;
const CIRCLES = '○◯〇';
const PART = '[\\dXＸ×✕○◯〇]';
const DATE = new RegExp(`${PART}{2,4}年${PART}{1,2}月${PART}{1,2}日`, 'gu');
/** A date written with digits only is a real date. */
const DATE_SIGN = /[XＸ×✕○◯〇]/u;
const BLANK = /_{3,}|＿{2,}/gu;
/** A line of nothing but blanks, rules and bullets is a form line, not an unfilled blank. */
const ONLY_RULES = /^[\s_＿\-*]*$/u;
/** Sticky: the next item of a series 「XX、XX」 right at `lastIndex`. */
const SERIES_NEXT = /[、，和及与][XＸ×✕○◯〇]+/uy;
/** The characters RUN, DATE and BLANK are about: a paragraph without one has nothing to report. */
const MAY_HOLD = /[XxＸｘ×✕○◯〇□_＿]/u;

/** Terms and the hints after a run, by their first character: only those can start where the run does or ends. */
let terms: Map<string, string[]> | undefined;
/** Terms whose sign comes after a word (「平台X」), with the sign's index in the term. */
let termsInside: [string, number][] | undefined;
const RUN_CHAR = /[XxＸｘ×✕○◯〇□]/u;
let hintsAfter: Map<string, [string, string][]> | undefined;
let hintsBefore: [string, string][] | undefined;

/** `items` grouped by the first character of `word(item)`, each group in the order given. */
function byFirstChar<T>(items: T[], word: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = word(item)[0];
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function loadTables(): void {
  if (terms) return;
  const all = [...parseWordSet(termsTable)];
  // 「X光」 begins with its sign; 「平台X」 (the platform's name) has a word before it.
  terms = byFirstChar(
    all.filter((t) => RUN_CHAR.test(t[0])),
    (term) => term,
  );
  termsInside = all
    .filter((t) => !RUN_CHAR.test(t[0]))
    .map((t) => [t, t.search(RUN_CHAR)] as [string, number])
    .filter((e) => e[1] > 0);
  const rows = parseTable(hintsTable).filter((r) => r.length >= 2);
  const byLength = (a: [string, string], b: [string, string]) => b[0].length - a[0].length;
  const after = rows
    .filter((r) => !r[0].startsWith('<'))
    .map((r) => [r[0], r[1]] as [string, string])
    .sort(byLength);
  hintsAfter = byFirstChar(after, (row) => row[0]);
  hintsBefore = rows
    .filter((r) => r[0].startsWith('<'))
    .map((r) => [r[0].slice(1), r[1]] as [string, string])
    .sort(byLength);
}

function whatToFill(text: string, start: number, end: number): string {
  // 「XX、XX、XX同志」: the word after the last of a series tells what each one stands for.
  SERIES_NEXT.lastIndex = end;
  for (let m = SERIES_NEXT.exec(text); m; m = SERIES_NEXT.exec(text)) end += m[0].length;
  // 「第X年」: the ordinal before says more than the unit after.
  // Indexed, not destructured: a destructuring pattern walks an iterator for every row.
  for (const row of hintsBefore!) if (text.endsWith(row[0], start)) return row[1];
  for (const row of hintsAfter!.get(text[end]) ?? []) if (text.startsWith(row[0], end)) return row[1];
  return '具体内容';
}

/**
 * The character beside a run, looking through half-width punctuation and spaces: 「关键:XX」 is
 * Chinese context as much as 「关键：XX」, which is what the width rule's fix makes of it.
 */
function neighbour(text: string, i: number, step: 1 | -1): string | undefined {
  while (i >= 0 && i < text.length && HALF_PUNCT_OR_SPACE.test(text[i])) i += step;
  return i >= 0 && i < text.length ? text[i] : undefined;
}
const HALF_PUNCT_OR_SPACE = /[,.;:?!()" ]/;

const CLOSING_QUOTE = '”’」』';
const OPENING_QUOTE = '“‘「『';
/** A sign of a formula or an initiative's name beside the run: 「人工智能+」「1+X」「双尖双领+X」. */
const PLUS = '+＋';
/**
 * Words that introduce someone's reported words right before the opening quote: 「一名工人说：“……”」.
 * Not a leader's 「指出」「强调」: a draft quoting instructions may still hold a blank there.
 */
const SPEECH_BEFORE = /(?:说|称|表示|介绍|反映|透露|坦言|告诉记者)[：:，,]?$/u;
/** What an anonymised name in reported speech stands for: 「“XX公司拖欠工资”」. */
const NAMED_AFTER = /^(?:公司|企业|集团|单位|工厂|厂|商店|店|银行|平台|学校|医院|小区|村)/u;

/** How far the formula test looks either side of a ×. */
const FORMULA_REACH = 80;
/** How far back the opening quote of someone's words is looked for. */
const QUOTE_REACH = 120;
/** Where a clause ends, for the formula test. */
const CLAUSE_MARK = /[，。；：！？,;:!?\n]/u;
/** Signs of arithmetic: 「应纳税额＝销售额×税率」「（当年已过日历天数÷365天）×工资」. */
const ARITHMETIC = /[＝=÷＋－]/u;

/**
 * Whether the × at `at` multiplies two quantities: its clause holds an arithmetic sign or another ×
 * between words (「销售收入×补偿费费率×开采回采率」), or the × and its two words fill a pair of
 * brackets (「（用户×小时）」).
 */
function inFormula(text: string, at: number): boolean {
  // A formula is short: the clause is looked at within FORMULA_REACH characters either side, so a
  // long line of × costs a bounded amount per sign.
  let from = at;
  while (from > 0 && at - from < FORMULA_REACH && !CLAUSE_MARK.test(text[from - 1])) from--;
  let to = at + 1;
  while (to < text.length && to - at < FORMULA_REACH && !CLAUSE_MARK.test(text[to])) to++;
  const clause = text.slice(from, to);
  if (ARITHMETIC.test(clause)) return true;
  if (/\p{Script=Han}[×✕]\p{Script=Han}[^×✕]*[×✕]\p{Script=Han}/u.test(clause)) {
    // Two single signs between words; not a run such as 「××」, and not before a measure word
    // (「第×届×次会议」 holds two blanks).
    return !/[×✕]{2}/u.test(clause) && !/[×✕][届次年月日号人个项件名位条批家所座期轮]/u.test(clause);
  }
  return /（\p{Script=Han}{1,6}$/u.test(text.slice(Math.max(0, at - 7), at)) && /^\p{Script=Han}{1,6}）/u.test(text.slice(at + 1, at + 8));
}

/**
 * A run that writes a name, not a blank: the sign of a named initiative, 「“数据要素×”行动」 (× at the
 * end of a quoted name) and 「“人工智能+”」「双尖双领+X」「1+X证书」 (a run beside a plus sign); a code
 * name of figures and X in quotes, 「“415X”集群」; and a name kept out of a quotation of someone's
 * words, 「他说：“XX公司拖欠工资”」.
 */
function namedRun(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (oneOf(PLUS, before) || oneOf(PLUS, after)) return true;
  const single = end - start === 1;
  if (
    single &&
    (text[start] === '×' || text[start] === '✕') &&
    (isHan(before) || oneOf('）)', before)) &&
    (isHan(after) || oneOf('（(', after)) &&
    inFormula(text, start)
  )
    return true;
  if (single && (text[start] === '×' || text[start] === '✕') && isHan(before) && oneOf(CLOSING_QUOTE, after)) return true;
  if (single && oneOf(CLOSING_QUOTE, after)) {
    let d = start;
    while (isAsciiDigit(text[d - 1])) d--;
    if (start - d >= 2 && oneOf(OPENING_QUOTE, text[d - 1])) return true;
  }
  if (end - start >= 2 && NAMED_AFTER.test(text.slice(end, end + 2))) {
    // Inside a quotation opened right after a verb of saying (looked for within QUOTE_REACH characters).
    const from = Math.max(0, start - QUOTE_REACH);
    const window = text.slice(from, start);
    const open = Math.max(window.lastIndexOf('“'), window.lastIndexOf('「'));
    if (open >= 0 && !/[”」]/u.test(window.slice(open)) && SPEECH_BEFORE.test(text.slice(Math.max(0, from + open - 6), from + open)))
      return true;
  }
  return false;
}

/** Whether the run [start, end) is a placeholder, and where its span starts (digits before it belong to it). */
function placeholderSpan(text: string, start: number, end: number): number | undefined {
  const before = text[start - 1];
  const after = text[end];
  for (const term of terms!.get(text[start]) ?? []) if (text.startsWith(term, start)) return undefined;
  for (const [term, at] of termsInside!) {
    if (at + (end - start) === term.length && text.startsWith(term, start - at) && !RUN_CHAR.test(text[end] ?? '')) return undefined;
  }
  if (namedRun(text, start, end)) return undefined;
  // The run's characters are all in the BMP: looked at one by one, without slicing the run.
  let lowerX = false;
  let allCircles = true;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === 'x' || ch === 'ｘ') lowerX = true;
    if (!CIRCLES.includes(ch)) allCircles = false;
  }
  if (lowerX && !(isHan(before) && isHan(after))) return undefined;
  if (allCircles) {
    if (end - start < 2 || oneOf(CHINESE_NUMERALS, before) || oneOf(CHINESE_NUMERALS, after)) return undefined;
  }
  const single = end - start === 1 ? text[start] : '';
  if (single === '□') return undefined; // a check box: 「□同意 □不同意」
  if ((single === '×' || single === '✕') && (isLatinAlnum(before) || isLatinAlnum(after))) return undefined; // 3×4
  if (isLatinLetter(before) || isLatinAlnum(after)) return undefined; // SpaceX, X5, Xbox
  let spanStart = start;
  while (isAsciiDigit(text[spanStart - 1])) spanStart--;
  if (!isChineseContext(neighbour(text, spanStart - 1, -1)) && !isChineseContext(neighbour(text, end, 1))) return undefined;
  return spanStart;
}

export const placeholderRule: Rule = {
  id: 'placeholder',
  label: '未填占位符',
  category: 'placeholder',
  defaultSeverity: 'error',
  description: '未填占位符：「X届」「XX同志」「××市」「○○局」「1X项」「××××年××月××日」「____」等模板残留；不报「X光」「X射线」。',
  check(ctx) {
    const text = ctx.text;
    if (!MAY_HOLD.test(text)) return [];
    loadTables();
    const findings: RawFinding[] = [];
    /** The dates found, which the runs inside them are part of; made only when there is one. */
    let taken: Uint8Array | undefined;

    // A date needs a 年.
    if (text.includes('年')) {
      DATE.lastIndex = 0;
      for (let m = DATE.exec(text); m; m = DATE.exec(text)) {
        if (!DATE_SIGN.test(m[0]) || oneOf(CHINESE_NUMERALS, text[m.index - 1])) continue;
        findings.push({
          offset: m.index,
          length: m[0].length,
          message: `「${m[0]}」是未填写的日期，应填写具体的年月日。`,
          suggestions: [],
        });
        (taken ??= new Uint8Array(text.length)).fill(1, m.index, m.index + m[0].length);
      }
    }

    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken?.[start]) continue;
      const spanStart = placeholderSpan(text, start, end);
      if (spanStart === undefined) continue;
      const span = text.slice(spanStart, end);
      findings.push({
        offset: spanStart,
        length: end - spanStart,
        message: `「${span}」是未填写的占位符，应填写${whatToFill(text, spanStart, end)}。`,
        suggestions: [],
      });
    }

    if ((text.includes('_') || text.includes('＿')) && !ONLY_RULES.test(text)) {
      BLANK.lastIndex = 0;
      for (let m = BLANK.exec(text); m; m = BLANK.exec(text)) {
        findings.push({
          offset: m.index,
          length: m[0].length,
          message: `「${m[0]}」是未填写的空白，应填写${whatToFill(text, m.index, m.index + m[0].length)}。`,
          suggestions: [],
        });
      }
    }
    // Dates, runs and blanks each come in order: sort (which makes work arrays even for two
    // elements) only when they interleave.
    for (let k = 1; k < findings.length; k++) {
      if (findings[k].offset < findings[k - 1].offset) return findings.sort((a, b) => a.offset - b.offset);
    }
    return findings;
  },
};
