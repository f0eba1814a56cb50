/**
 * `numbering` — 层次序号 (GB/T 9704-2012 7.3.3: 「一、」→「（一）」→「1.」→「（1）」) and the in-text series
 * 「一是…二是」「一要…二要」「第一，第二，」「第一件事…第二件事」「首先…其次…再次…最后」.
 *
 * What is checked:
 * - Headings (a marker at the start of a paragraph): no skip, no repeat, no going back; a list starts at
 *   「一」/「1」 and every new heading of a higher level restarts the numbering of the levels below it.
 *   The punctuation after the marker (GB/T 15834 / P16): 「一、」, 「（一）」 with nothing after the
 *   bracket, 「1.」 (or 「1．」), 「（1）」.
 * - In-text series: no skip, no repeat, no going back; 「第一、」→「第一，」; 「首先…其次…最后」 in order.
 *
 * Choices, all made to stay quiet when in doubt:
 * - A heading list that starts above 1 is reported only when it has a parent heading or at least two
 *   items: a lone 「三、…」 is most often an excerpt of a longer document. 「附件：1.……」 followed by a
 *   paragraph 「2.……」 continues the list begun inside the paragraph before.
 * - Level inversion is reported only when a list two or more levels deeper stands where a heading of the
 *   shallower level later appears under the same parent: 「（1）」 and then 「（一）」 under one 「一、」,
 *   or 「1.」 before the first 「一、」 of a document that uses 「一、」. Skipping a level (「1.」 directly
 *   under 「一、」) is common practice and allowed; so is 「（一）」 before 「一、」 (a preamble list).
 * - 「一、二线城市」「一、二等奖」: a level-1 marker followed by another numeral and 、/线/等/类… is an
 *   enumeration, not a heading. 「1.5万元」「3.15」 are decimals (the dot must be followed by a non-digit).
 *   Markers with a comma (「一，」「1，」) count as headings only when they carry the number expected next.
 * - In Markdown, 「1. 」 (digit, dot, space) is a list item the renderer renumbers: not checked.
 * - Laws: each 第X条 (and 章/节/编/部分) starts its lists again, and so does a list right after a
 *   paragraph ending in a colon (「有下列情形之一的：」 then 「（一）」, or 「一、」 in a law); text
 *   quoted over several paragraphs after a colon (「将第七条修改为：」「“第七条 ……”」) numbers the
 *   quoted document and is skipped. A level whose lists go on from the list before under at least two
 *   later parents (and never start again at 1) is numbered through the whole document (「71.」 under
 *   「十三、」).
 * - A title on a line of its own (short, no sentence punctuation: 「酒后驾驶操作规程」「第二类」) followed
 *   by 「一、」 begins a new part numbered anew.
 * - 「20.2026年……」 right after the item 「19.」 is the next item, not a decimal.
 * - An in-text marker must start a clause (paragraph start, or after a point, bracket or quote), so
 *   「统一是」「第一要务」「唯一是」 are not markers; 「一是一，二是二」「三要三不要」 (a numeral follows)
 *   are idioms; 「三要素」 is a word; 「第一书记」「第一时间」 carry no comma and are not series.
 * - A series inside one paragraph is one sequence (so 「一是…一是」 there is a repeat); paragraphs that
 *   each start with the marker form a sequence across paragraphs, which any heading ends. Across
 *   paragraphs a 「一」 always starts a new series (never a repeat), and a paragraph that starts with
 *   「二是」 and then counts 「一是…二是」 inside holds a nested list. A series of mixed kinds
 *   (「一是…二要」) is left alone.
 * - 「首先…其次…再次…最后」: a 「最后」 followed by another item of the series (when a 首先/其次/再次
 *   comes before it), 「其次」 twice, and 「其次」 after 「再次」 are reported. 「其次」 without 「首先」 is not (the first item is often written
 *   otherwise), and 「再次」 counts only before a comma (「再次认真研究」 means "again"). Across
 *   paragraphs a second 「最后」 is not reported (a speech's closing 「最后，」 often follows a list).
 */
import { chineseNumber, parseChineseNumber } from '../numerals';
import type { DocumentFinding, DocumentRule } from '../types';

const CN = '一二三四五六七八九十';
const NON_BLANK = /\S/;
const FW_DIGITS = '０１２３４５６７８９';

const parseCn = parseChineseNumber;

/** 1–99 in Chinese numerals; other numbers in digits. */
const toCn = (n: number): string => (n >= 1 && n <= 99 ? chineseNumber(n)! : String(n));

function parseDigits(s: string): number {
  return Number([...s].map((c) => (FW_DIGITS.includes(c) ? String(FW_DIGITS.indexOf(c)) : c)).join(''));
}

function digitsLike(n: number, sample: string): string {
  const ascii = String(n);
  return FW_DIGITS.includes(sample[0]) ? [...ascii].map((c) => FW_DIGITS[Number(c)]).join('') : ascii;
}

const isCnNumeral = (ch: string | undefined) => ch !== undefined && ch !== '' && CN.includes(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch !== '' && /[0-9０-９]/u.test(ch);

interface Marker {
  /** h1…h4 for headings; shi, yao, di, di:件事, di:方面, di:点, order for in-text markers. */
  kind: string;
  para: number;
  offset: number;
  /** The whole marker, with the punctuation after it where that is part of it. */
  length: number;
  /** The number, or for 首先/其次/再次/最后 the rank 1–4. */
  num: number;
  text: string;
  /** The correct marker carrying number `n`. */
  render(n: number): string;
  /** Why the punctuation after the marker is wrong, when it is. */
  badPunct?: string;
}

const LEVEL_NAMES = ['', '一级', '二级', '三级', '四级'];
const HIERARCHY = '「一、」→「（一）」→「1.」→「（1）」';

/** Optional indentation, Markdown heading hashes and bold before a heading marker. */
const PREFIX = String.raw`^(\s*(?:#{1,6}\s*)?(?:\*\*)?)`;
const RE_H1 = new RegExp(PREFIX + `([${CN}]{1,3})([、，,.．])`, 'u');
const RE_H2 = new RegExp(PREFIX + `([（(])([${CN}]{1,3})([）)])([、，,．.]?)`, 'u');
const RE_H3 = new RegExp(PREFIX + `([0-9０-９]{1,2})([.．、，,])(?![0-9０-９])`, 'u');
const RE_H3_BEFORE_DIGIT = new RegExp(PREFIX + `([0-9０-９]{1,2})([.．])(?=[0-9０-９])`, 'u');
const RE_H4 = new RegExp(PREFIX + `([（(])([0-9０-９]{1,2})([）)])([、，,．.]?)`, 'u');

/** After 「一、二」: these make 「一、二线」「一、二等奖」「一、二季度」 an enumeration, not a heading. */
const ENUM_TAIL = '、，,线级类等档产批期季流星把号';

/**
 * A bracketed heading number at the start of a line, 「（一）」 (level 2) or 「（1）」 (level 4): the two
 * differ only in how the number is written. 「（一）、（二）」-style lists inside a line are not headings.
 */
function bracketed(
  text: string,
  para: number,
  re: RegExp,
  kind: 'h2' | 'h4',
  levelName: string,
  parse: (s: string) => number | undefined,
  renderer: (sample: string) => (n: number) => string,
): Marker | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const num = parse(m[3]);
  const punct = m[5];
  const after = text[m[0].length];
  if (num === undefined || !(num >= 1) || (punct === '、' && (after === '（' || after === '('))) return undefined;
  // 「（一）......」: the dot begins an ellipsis (punct-pair's), it is no mark after the number. Taking
  // it here would leave the rest for punct-pair and start a new dot each --fix pass.
  const ellipsis = (punct === '.' || punct === '．') && after === punct;
  return {
    kind,
    para,
    offset: m[1].length,
    length: m[0].length - m[1].length,
    num,
    text: m[0].slice(m[1].length),
    render: renderer(m[3]),
    badPunct:
      punct && !ellipsis
        ? `带括号的${levelName}序号后不再加标点：「${m[2]}${m[3]}${m[4]}${punct}」→「（${m[3]}）」（GB/T 15834）。`
        : undefined,
  };
}

const CN_CODES = new Set([...CN].map((ch) => ch.charCodeAt(0)));
const isDigitCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** The first character PREFIX cannot take (it takes only white space, # and *). */
const NOT_PREFIX = /[^\s#*]/u;

/** Where a heading's marker would have to start: a heading pattern can match only there. */
function markerStart(text: string): number {
  const at = text.search(NOT_PREFIX);
  return at === -1 ? text.length : at;
}

/** 「（一）」 needs no sample: one renderer serves every level-2 heading. */
const renderCnInBrackets = (n: number) => `（${toCn(n)}）`;
const renderH2 = () => renderCnInBrackets;
const renderH4 = (sample: string) => (n: number) => `（${digitsLike(n, sample)}）`;

/**
 * `expected(level)`: the number the next heading of that level would carry. The character the marker
 * starts with tells which patterns can match: most paragraphs start with a word and try none.
 */
function parseHeading(text: string, para: number, markdown: boolean, expected: (level: number) => number): Marker | undefined {
  const at = markerStart(text);
  const first = text.charCodeAt(at);
  if (first === 0x28 || first === 0xff08) {
    return (
      bracketed(text, para, RE_H2, 'h2', '二级', parseCn, renderH2) ?? bracketed(text, para, RE_H4, 'h4', '四级', parseDigits, renderH4)
    );
  }
  if (CN_CODES.has(first)) return levelOne(text, para, expected);
  if (isDigitCode(first)) return levelThree(text, para, markdown, expected);
  return undefined;
}

const LEADING_CN = new RegExp(`^[${CN}]+`, 'u');

/** 「一、」, or 「一，」 when it carries the number expected next. */
function levelOne(text: string, para: number, expected: (level: number) => number): Marker | undefined {
  const m = RE_H1.exec(text);
  if (!m) return undefined;
  const num = parseCn(m[2]);
  const punct = m[3];
  const end = m[0].length;
  let ok = num !== undefined;
  if (ok && isCnNumeral(text[end])) {
    // 「一、二线城市」「三、五年内」: another numeral follows. An enumeration unless 、 and the
    // number is the one the headings expect next (「一、一年来的工作」) and no enumeration tail follows.
    const tail = text.slice(end).replace(LEADING_CN, '')[0];
    ok = punct === '、' && num === expected(1) && !(tail !== undefined && ENUM_TAIL.includes(tail));
  }
  if (ok && (punct === '，' || punct === ',') && num !== expected(1)) ok = false;
  if (ok && (punct === '.' || punct === '．') && isDigit(text[end])) ok = false;
  if (!ok) return undefined;
  return {
    kind: 'h1',
    para,
    offset: m[1].length,
    length: end - m[1].length,
    num: num!,
    text: m[0].slice(m[1].length),
    render: (n) => `${toCn(n)}、`,
    badPunct: punct !== '、' ? `一级标题序号后应使用顿号：「${m[2]}${punct}」→「${m[2]}、」（GB/T 9704、GB/T 15834）。` : undefined,
  };
}

/** 「1.」, or 「1、」「1，」 where no numeral follows (「1，」 only with the number expected next). */
function levelThree(text: string, para: number, markdown: boolean, expected: (level: number) => number): Marker | undefined {
  let m = RE_H3.exec(text);
  if (!m) {
    // 「20.2026年……」「21.5+2就业之家」 right after the item 「19.」: the next item, not a decimal. A
    // paragraph opening with 「1.5万元」 (no list open) stays a number.
    m = RE_H3_BEFORE_DIGIT.exec(text);
    if (!m || expected(3) === 1 || parseDigits(m[2]) !== expected(3)) return undefined;
  }
  const num = parseDigits(m[2]);
  const punct = m[3];
  const end = m[0].length;
  const next = text[end];
  let ok = num >= 1;
  // Markdown renders 「1. 」 as a list and renumbers it: the source numbers do not matter.
  if (markdown && m[1].trim() === '' && punct === '.' && (next === ' ' || next === '\t')) ok = false;
  if (ok && (punct === '，' || punct === ',') && (num !== expected(3) || isCnNumeral(next))) ok = false;
  if (ok && punct === '、' && isCnNumeral(next)) ok = false;
  if (!ok) return undefined;
  const sample = m[2];
  const dot = punct === '．' ? '．' : '.';
  return {
    kind: 'h3',
    para,
    offset: m[1].length,
    length: end - m[1].length,
    num,
    text: m[0].slice(m[1].length),
    render: (n) => `${digitsLike(n, sample)}${dot}`,
    badPunct:
      punct === '.' || punct === '．'
        ? undefined
        : `三级标题序号用阿拉伯数字加下脚点：「${m[2]}${punct}」→「${m[2]}.」（GB/T 9704、GB/T 15834）。`,
  };
}

/**
 * A paragraph that starts a unit of a law or regulation: 「第十二条 」「第二章 总则」「第一节」「第二部分」 (after
 * optional Markdown heading hashes or bold). Group 1 is the unit.
 */
const LAW_UNIT =
  /^\s*(?:#{1,6}\s*)?(?:\*\*)?第[一二三四五六七八九十百零〇]{1,6}(条|章|节|编|分编|部分)(?:之[一二三四五六七八九十]{1,3})?(?:\*\*)?(?:[\s\u3000]|$)/u;
const ENDS_WITH_COLON = /[：:]\s*$/u;
/** A paragraph that starts with a quotation mark (「“第七条 ……」), to be continued if left open. */
const QUOTE_OPENS = /^\s*[“「]/u;
/** More quotations opened than closed in the paragraph. */
function leavesQuoteOpen(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“' || c === '「') depth++;
    else if ((c === '”' || c === '」') && depth > 0) depth--;
  }
  return depth > 0;
}
/**
 * A title standing on its own line: short, no sentence punctuation, ending in a Chinese character or a
 * closing bracket (「酒后驾驶操作规程」「第二类」「附件2 文书样式」); optional Markdown heading hashes.
 */
const TITLE_LINE = /^\s*(?:#{1,6}\s*)?(?:\*\*)?[^，。；：！？,;:!?、]{2,30}[\p{Script=Han}）)](?:\*\*)?\s*$/u;

/** The longest quoted block skipped: an amended article rarely runs longer. */
const MAX_QUOTED_PARAGRAPHS = 40;
/** A paragraph that ends a quotation: 「……。”」. */
const QUOTE_CLOSES = /[”」][。；，]?\s*$/u;

/** Characters after which an in-text marker starts a clause. */
const CLAUSE_START = /[\s。；：！？，,;:!?（(“‘"'「『）)】\]—…-]/u; // 「-」: a 「--」 written for 「——」
/** …and an ellipsis written with dots (「...」, which punct-pair turns into 「……」: the fix must not start a series). */
const atClauseStart = (text: string, i: number) =>
  i === 0 || CLAUSE_START.test(text[i - 1]) || (text[i - 1] === '.' && text[i - 2] === '.');
/** What may not follow 「一是」「一要」: a digit, a closing mark, nothing. */
const BAD_AFTER_SERIES = /[0-9０-９”’」』》)）、，。；：,.;:!?！？]/u;
/**
 * A numeral after 「一是」「三要」 makes an idiom when it repeats the marker's own numeral and closes a
 * phrase or goes on with 不/要 (「一是一，二是二」「三要三不要」); 「二是一以贯之」「一是一流」 are items.
 */
function seriesIdiom(text: string, after: number, numeral: string): boolean {
  const ch = text[after];
  if (!isCnNumeral(ch)) return false;
  if (ch !== numeral) return false;
  const next = text[after + 1];
  return next === undefined || /[，,、。；;不要是]/u.test(next);
}

const ORDER_WORDS = ['首先', '其次', '再次', '最后'];
const RE_SERIES = new RegExp(`([${CN}]{1,3})(是|要)`, 'gu');
const RE_ORDINAL = new RegExp(`第([${CN}]{1,3})([，,、]|件事|个方面|方面|点)`, 'gu');
const RE_ORDER = /(首先|其次|再次|最后)([，,、]|要|是)?/gu;

/**
 * What every in-text marker holds: a numeral before 是/要, 「第」 before a numeral, or 首先/其次/再次/最后.
 * Most paragraphs hold none and are neither scanned by the three patterns nor memoized.
 */
const MAY_HOLD_MARKER = new RegExp(`[${CN}][是要]|第[${CN}]|首先|其次|再次|最后`, 'u');

/** The in-text markers of one paragraph, in order (exec loops: no array of matches, no iterator). */
function inTextMarkers(text: string, para: number): Marker[] {
  const out: Marker[] = [];
  RE_SERIES.lastIndex = 0;
  for (let m = RE_SERIES.exec(text); m; m = RE_SERIES.exec(text)) {
    const i = m.index;
    if (!atClauseStart(text, i)) continue;
    const num = parseCn(m[1]);
    if (num === undefined) continue;
    const after = text[i + m[0].length];
    if (after === undefined || BAD_AFTER_SERIES.test(after)) continue;
    if (seriesIdiom(text, i + m[0].length, m[1])) continue;
    if (m[2] === '要' && '素件'.includes(after)) continue;
    const word = m[2];
    out.push({ kind: word === '是' ? 'shi' : 'yao', para, offset: i, length: m[0].length, num, text: m[0], render: (n) => toCn(n) + word });
  }
  RE_ORDINAL.lastIndex = 0;
  for (let m = RE_ORDINAL.exec(text); m; m = RE_ORDINAL.exec(text)) {
    const i = m.index;
    if (!atClauseStart(text, i)) continue;
    const num = parseCn(m[1]);
    if (num === undefined) continue;
    const tail = m[2];
    const after = text[i + m[0].length];
    if (tail.length === 1) {
      // 「第一、第二产业」「第一、二季度」: an enumeration, not a series marker.
      if (tail === '、' && (after === '第' || isCnNumeral(after) || isDigit(after))) continue;
      if (after === undefined) continue;
      out.push({
        kind: 'di',
        para,
        offset: i,
        length: m[0].length,
        num,
        text: m[0],
        render: (n) => `第${toCn(n)}，`,
        badPunct: tail === '、' ? `序次语「第${m[1]}」后应使用逗号：「第${m[1]}、」→「第${m[1]}，」（GB/T 15834）。` : undefined,
      });
    } else {
      const measure = tail === '个方面' ? '方面' : tail;
      out.push({ kind: `di:${measure}`, para, offset: i, length: m[0].length, num, text: m[0], render: (n) => `第${toCn(n)}${tail}` });
    }
  }
  RE_ORDER.lastIndex = 0;
  for (let m = RE_ORDER.exec(text); m; m = RE_ORDER.exec(text)) {
    const i = m.index;
    if (!atClauseStart(text, i) || !m[2]) continue;
    const word = m[1];
    const tail = m[2];
    if (word === '再次' && !'，,、'.includes(tail)) continue; // 「再次要求」: again
    const rank = ORDER_WORDS.indexOf(word) + 1;
    const punct = '，,、'.includes(tail);
    out.push({
      kind: 'order',
      para,
      offset: i,
      length: tail === '、' ? 3 : 2,
      num: rank,
      text: tail === '、' ? word + tail : word,
      render: (n) => (tail === '、' ? ORDER_WORDS[n - 1] + '，' : ORDER_WORDS[n - 1]),
      badPunct: punct && tail === '、' ? `序次语「${word}」后应使用逗号：「${word}、」→「${word}，」（GB/T 15834）。` : undefined,
    });
  }
  // Each pattern's markers come in order: sort (which makes work arrays even for two elements)
  // only when they interleave.
  for (let k = 1; k < out.length; k++) if (out[k].offset < out[k - 1].offset) return out.sort((a, b) => a.offset - b.offset);
  return out;
}

/** A memoized marker re-placed at paragraph `para` (field by field: a spread with an override is slow). */
function placed(m: Marker, para: number): Marker {
  return { kind: m.kind, para, offset: m.offset, length: m.length, num: m.num, text: m.text, render: m.render, badPunct: m.badPunct };
}

interface HeadingList {
  level: number;
  /** The heading this list hangs under, if any. */
  parent?: Marker;
  parentLevel: number;
  items: Marker[];
}

function finding(m: Marker, message: string, suggestions: string[]): DocumentFinding {
  return { paragraph: m.para, offset: m.offset, length: m.length, message, suggestions };
}

const shown = (m: Marker) => `「${m.render(m.num)}」`;

/**
 * A numbered sequence: each item should carry the number after its predecessor's. After a wrong one,
 * the count goes on from the number expected when the next item confirms it (一、二、二、四、: the
 * second 二 was meant as 三), else from the number written (一、二、四、五、: only 四 is reported).
 */
function checkNumbered(items: Marker[], mustStartAtOne: boolean, out: DocumentFinding[], startNote = ''): void {
  let expected = mustStartAtOne ? 1 : items[0].num;
  let prev: Marker | undefined;
  items.forEach((m, i) => {
    if (m.num === expected) {
      if (m.badPunct) out.push(finding(m, m.badPunct, [m.render(m.num)]));
    } else {
      const want = `「${m.render(expected)}」`;
      let message: string;
      if (!prev) message = `序号应从${want}开始：此处为「${m.text}」，前面没有${want}${startNote}。`;
      else if (m.num === prev.num) message = `序号重复：上一个也是${shown(prev)}，此处应为${want}。`;
      else if (m.num > expected) message = `序号跳号：上一个是${shown(prev)}，此处应为${want}。`;
      else message = `序号顺序颠倒：上一个是${shown(prev)}，此处应为${want}。`;
      if (m.badPunct) message += m.badPunct;
      out.push(finding(m, message, [m.render(expected)]));
      if (items[i + 1]?.num !== expected + 1) expected = m.num;
    }
    expected++;
    prev = m;
  });
}

/** 首先…其次…再次…最后 within one series; every 「首先」 starts a new run. */
function checkOrder(items: Marker[], out: DocumentFinding[]): void {
  let seenFirst = false;
  let seenSecond = false;
  let seenThird = false;
  let last: Marker | undefined;
  for (const m of items) {
    if (m.badPunct) out.push(finding(m, m.badPunct, [m.render(m.num)]));
    if (m.num === 1) {
      seenFirst = true;
      seenSecond = seenThird = false;
      last = undefined;
      continue;
    }
    // 「最后，我再强调一点。……最后，祝大家……」 with no 首先/其次 before is not a series.
    if (last && (seenFirst || seenSecond || seenThird)) {
      const instead = seenSecond ? '再次' : '其次';
      out.push({
        paragraph: last.para,
        offset: last.offset,
        length: 2,
        message: `「最后」之后还有「${ORDER_WORDS[m.num - 1]}」：此处不是最后一项，应为「${instead}」。`,
        suggestions: [instead],
      });
      last = undefined;
    }
    if (m.num === 2) {
      if (seenSecond) {
        out.push({
          paragraph: m.para,
          offset: m.offset,
          length: 2,
          message: '「其次」重复：前面已有「其次」，此处应为「再次」。',
          suggestions: ['再次'],
        });
      } else if (seenThird) {
        out.push({
          paragraph: m.para,
          offset: m.offset,
          length: 2,
          message: '顺序颠倒：「其次」出现在「再次」之后，「其次」应在前。',
          suggestions: [],
        });
      }
      seenSecond = true;
    } else if (m.num === 3) {
      seenThird = true;
    } else if (m.num === 4) {
      last = m;
    }
  }
}

/** A heading at level `k` closes the lists below it; a deeper list opened under a higher parent is an inversion. */
function closeDeeperLists(open: (HeadingList | undefined)[], k: number, heading: Marker, out: DocumentFinding[]): void {
  for (let j = k + 1; j <= 4; j++) {
    const deeper = open[j];
    if (!deeper) continue;
    if (deeper.parentLevel < k && j - k >= 2) {
      const first = deeper.items[0];
      out.push(
        finding(
          first,
          `层级倒置：「${first.text}」是${LEVEL_NAMES[j]}序号，同一上级下其后又出现${LEVEL_NAMES[k]}序号「${heading.text}」；` +
            `层次序数应依次为${HIERARCHY}（GB/T 9704）。`,
          [],
        ),
      );
    }
    open[j] = undefined;
  }
}

/** A new list at level `k`, under the innermost open list above it. */
function newList(open: (HeadingList | undefined)[], k: number): HeadingList {
  let parentLevel = 0;
  for (let j = k - 1; j >= 1; j--) {
    if (open[j]) {
      parentLevel = j;
      break;
    }
  }
  return { level: k, parentLevel, parent: open[parentLevel]?.items.at(-1), items: [] };
}

type Chains = Map<string, { lead?: Marker[]; inner?: Marker[] }>;

/**
 * A paragraph's in-text markers (一是…二是…, 首先…最后) join the series they continue, or start new
 * ones. `leadAt` is where the paragraph's text starts (undefined after a heading): a marker there leads it.
 */
function addToSeries(chains: Chains, series: Marker[][], markers: Marker[], leadAt: number | undefined): void {
  for (const kind of new Set(markers.map((m) => m.kind))) {
    const ms = markers.filter((m) => m.kind === kind);
    const chain = chains.get(kind) ?? {};
    chains.set(kind, chain);
    /** The open series that item `m` would continue, if it fits one. */
    const fitting = (m: Marker) =>
      [chain.lead, chain.inner].find((seq) => {
        const tail = seq?.at(-1)?.num;
        if (tail === undefined || m.num === 1) return false;
        return kind === 'order' ? tail < m.num && tail !== 4 : tail === m.num - 1;
      });
    const lead = leadAt !== undefined && ms[0].offset === leadAt ? ms[0] : undefined;
    if (lead) {
      const rest = ms.slice(1);
      // 「二要…。一是…二是…」: a paragraph led by an item that counts its own list inside.
      const nested = lead.num > 1 && rest.length > 0 && rest[0].num === 1;
      // Across paragraphs a new 「一」 (or 「首先」) starts a new series, and so does a 「最后」 after
      // a 「最后」 (a speech's closing words). Otherwise the lead continues the series it fits, else
      // the series of earlier leads, so a skip or repeat there is reported.
      let seq: Marker[] | undefined;
      if (lead.num !== 1) {
        seq = fitting(lead) ?? chain.lead ?? chain.inner;
        if (kind === 'order' && seq?.at(-1)?.num === 4) seq = undefined;
      }
      if (!seq) series.push((seq = []));
      seq.push(lead);
      if (nested) series.push(rest);
      else seq.push(...rest);
      chain.lead = seq;
      chain.inner = undefined;
    } else {
      // 「……：一是……。」 then a paragraph 「二是……」 or 「……，二是……」 continues the series.
      const seq = fitting(ms[0]);
      if (seq) seq.push(...ms);
      else series.push((chain.inner = ms));
    }
  }
}

/** Each heading list numbered from 1 (or on from the list before, where a level is numbered through). */
function checkHeadingLists(headingLists: HeadingList[], paragraphs: readonly string[], out: DocumentFinding[]): void {
  // 「十三、执行监督」 then 「71.」: some documents number the items of a level through the whole text,
  // across sections. A level counts as numbered through when at least two lists under later parents
  // go on from the list before and none starts again at 1; one list going on is a slip (「（三）」
  // under a new 「二、」 where 「（一）」 belongs).
  const continuing = new Set<HeadingList>();
  const through = new Map<number, { goOn: number; restart: number; last?: number }>();
  for (const list of headingLists) {
    const t = through.get(list.level) ?? { goOn: 0, restart: 0 };
    through.set(list.level, t);
    const first = list.items[0].num;
    if (t.last !== undefined && list.parentLevel > 0) {
      if (first === t.last + 1) {
        t.goOn++;
        continuing.add(list);
      } else if (first === 1) t.restart++;
    }
    t.last = list.items[list.items.length - 1].num;
  }
  for (const list of headingLists) {
    const first = list.items[0];
    const t = through.get(list.level)!;
    if (continuing.has(list) && t.goOn >= 2 && t.restart === 0) {
      checkNumbered(list.items, false, out);
      continue;
    }
    // 「附件：1.关于……」 then a paragraph 「2.关于……」: the list began inside the paragraph before.
    let before = first.para - 1;
    while (before >= 0 && paragraphs[before].trim() === '') before--;
    const begunBefore = first.num > 1 && before >= 0 && paragraphs[before].includes(first.render(first.num - 1));
    const mustStart = !begunBefore && (list.parentLevel > 0 || list.items.length >= 2);
    const note = list.parent ? `（上级标题「${list.parent.text}」之下应重新编号，GB/T 9704）` : '';
    checkNumbered(list.items, mustStart, out, note);
  }
}

export const numberingRule: DocumentRule = {
  id: 'numbering',
  label: '层次序号',
  category: 'structure',
  defaultSeverity: 'warning',
  scope: 'document',
  description: '层次序号：一、（一）1.（1）及一是、第一、首先……其次……最后等序号跳号、重号、层级倒置、序号后标点错误。',
  checkDocument(ctx) {
    const markdown = ctx.options.format === 'markdown';
    const out: DocumentFinding[] = [];

    const headingLists: HeadingList[] = [];
    const open: (HeadingList | undefined)[] = [];
    const series: Marker[][] = [];
    /** The in-text series that a paragraph starting with the same kind of marker continues. */
    const chains: Chains = new Map();
    const expected = (level: number) => {
      const list = open[level];
      return list ? list.items[list.items.length - 1].num + 1 : 1;
    };

    /** The last non-blank paragraph before this one ends with a colon (「有下列情形之一的：」). */
    let afterColon = false;
    /** Inside a quotation of several paragraphs opened after a colon. */
    let quoted = false;
    let quotedParagraphs = 0;
    /** A 第X条/章/节 has been seen: the document is a law or regulation. */
    let inLaw = false;
    /** The last non-blank paragraph before this one is a title line of its own (「酒后驾驶操作规程」). */
    let afterTitle = false;
    ctx.paragraphs.forEach((text, para) => {
      if (!NON_BLANK.test(text)) return;
      const colonBefore = afterColon;
      afterColon = ENDS_WITH_COLON.test(text);
      const titleBefore = afterTitle;
      afterTitle = TITLE_LINE.test(text) && markerStart(text) < text.length && !parseHeading(text, para, markdown, () => 0);
      // 「将第七条修改为：」 then 「“……」 over several paragraphs: quoted text, whose headings number the
      // quoted document, not this one. It ends with the paragraph that closes the quotation.
      if (!quoted && colonBefore && QUOTE_OPENS.test(text) && leavesQuoteOpen(text)) {
        quoted = true;
        quotedParagraphs = 0;
        return;
      }
      // A quotation never closed (a slip) stops hiding the outline after a while.
      if (quoted && ++quotedParagraphs > MAX_QUOTED_PARAGRAPHS) quoted = false;
      if (quoted) {
        if (QUOTE_CLOSES.test(text)) quoted = false;
        return;
      }
      // A law's 第X条 holds its own lists, and so does each 章/节/编: each starts again at 一/（一）.
      if (LAW_UNIT.test(text)) {
        inLaw = true;
        for (let j = 1; j <= 4; j++) open[j] = undefined;
        if (chains.size > 0) chains.clear();
      }
      const heading = parseHeading(text, para, markdown, expected);
      if (heading) {
        const k = Number(heading.kind[1]);
        // 「……应当载明下列事项：」 then 「（一）」 (or 「一、」 in older laws): a new list under the
        // sentence, not a step back.
        // A speech's 「一、」 after 「下面讲三点意见：」 stays in the outline: only a law restarts level 1 so.
        if (heading.num === 1 && colonBefore && open[k] && (k >= 2 || inLaw)) for (let j = k; j <= 4; j++) open[j] = undefined;
        // A title line of its own, then 「一、」: a new part (an appended document, a category) numbered anew.
        if (heading.num === 1 && titleBefore && open[k]) for (let j = k; j <= 4; j++) open[j] = undefined;
        closeDeeperLists(open, k, heading, out);
        if (!open[k]) headingLists.push((open[k] = newList(open, k)));
        open[k]!.items.push(heading);
        if (chains.size > 0) chains.clear(); // clear() allocates a new table even when empty
      }
      if (!MAY_HOLD_MARKER.test(text)) return;

      // The scan of a paragraph is remembered with its text (placed at paragraph 0, re-placed here),
      // so typing in one paragraph rescans only that one.
      const markers = ctx
        .memo(para, 'markers', (t) => inTextMarkers(t, 0))
        .map((m) => placed(m, para))
        .filter((m) => !heading || m.offset >= heading.offset + heading.length);
      addToSeries(chains, series, markers, heading ? undefined : text.search(NON_BLANK));
    });

    checkHeadingLists(headingLists, ctx.paragraphs, out);
    for (const seq of series) {
      if (seq[0].kind === 'order') checkOrder(seq, out);
      else checkNumbered(seq, false, out);
    }
    return out.sort((a, b) => a.paragraph - b.paragraph || a.offset - b.offset);
  },
};
