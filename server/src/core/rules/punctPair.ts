/**
 * `punct-pair` — the forms of paired and compound marks by GB/T 15834-2011 (标点符号用法):
 *
 * 1. quotation marks, brackets and 书名号 that are opened and never closed (or closed, never opened);
 *    a quotation over several paragraphs repeats its “ at the start of each and closes only in the
 *    last, a quoted block opened only at its start and closed only at its end (amendments print
 *    them so), and a line broken inside a pair is still one pair: all stay quiet;
 * 2. 书名号 inside 书名号: the inner pair is 〈〉;
 * 3. no 顿号 between titles or quotations in a row: 「《条例》、《办法》」 (unless a note in brackets
 *    stands between them, 「《条例》（2020年修订）、《办法》」, which is fine);
 * 4. the ellipsis is 「……」: not 「…」「...」「。。。」「⋯⋯」; and it is not followed by 等/等等/之类;
 * 5. the dash is 「——」: not 「--」「－－」「──」, nor a single 「—」 between words of a sentence
 *    (「1949—2024年」「北京—上海」 are 连接号 and stay quiet);
 * 6. 「！？」 is written 「？！」; at most three ？ in a row, and no doubled 「！」 in an official document;
 * 7. a document title on the first line does not end in 「。」.
 *
 * Left to other rules: 「，，」「《《条例》》」 (punct-dup), half-width , . ( ) " (punct-width).
 */
import { OPENING_MARKS, beyondHalfWidth, containsHan, isChineseContext, isHan, isLatinAlnum, oneOf } from '../chars';
import { allMatches } from '../matches';
import type { DocumentContext, DocumentFinding, ParagraphContext, DocumentRule, RawFinding } from '../types';

const STANDARD = 'GB/T 15834';

// ---------------------------------------------------------------------------------------------
// 1 and 2. Pairs

interface PairKind {
  open: string;
  close: string;
  name: string;
  /** Openers that may continue into the next paragraph (quotation marks). */
  quote: boolean;
}

const KINDS: PairKind[] = [
  { open: '“', close: '”', name: '引号', quote: true },
  { open: '‘', close: '’', name: '单引号', quote: true },
  { open: '「', close: '」', name: '直角引号', quote: true },
  { open: '『', close: '』', name: '直角引号', quote: true },
  { open: '《', close: '》', name: '书名号', quote: false },
  { open: '〈', close: '〉', name: '单书名号', quote: false },
  { open: '（', close: '）', name: '括号', quote: false },
  { open: '【', close: '】', name: '方头括号', quote: false },
  { open: '〔', close: '〕', name: '六角括号', quote: false },
];
/** Kind k's opening mark is PAIR_CHARS[2k], its closing mark PAIR_CHARS[2k + 1]. */
const PAIR_CHARS = KINDS.map((k) => k.open + k.close).join('');
/** Half-width parentheses pair with the full-width ones; their width is punct-width's business. */
const HALF_PARENS: Record<string, string> = { '(': '（', ')': '）' };
const TITLE_MARKS = '《〈';
/** By kind: 《 or 〈, which nest in one stack. */
const IS_TITLE = KINDS.map((k) => TITLE_MARKS.includes(k.open));

/** Points, closing marks and the end of the paragraph: what follows a closing mark. */
const AFTER_CLOSE_CHAR = /[，。、；：？！…—）》〉】〕」』”’,.;:?!)\s]/u;
function afterClose(text: string, i: number): boolean {
  return i + 1 >= text.length || AFTER_CLOSE_CHAR.test(text[i + 1]);
}
/** Every character the scan cares about; the others are skipped by the regex engine. */
const PAIR_CHAR = new RegExp(`[${PAIR_CHARS}()]`, 'gu');
/** What precedes an opening mark: the start, a point, an opening mark, a colon. */
function beforeOpen(text: string, i: number): boolean {
  return i === 0 || oneOf('，。、；：？！（《〈【〔「『“‘( \t\u3000', text[i - 1]);
}

interface Mark {
  kind: PairKind;
  index: number;
  /** 《 opened directly inside another 《: the pair should be 〈〉. */
  nestedIn?: Mark;
  matched?: boolean;
  close?: number;
  /** Which mark this really is when the writer used the wrong one: “ written for ”. */
  misused?: string;
}

/** A new mark, every field present from the start (one object shape for all marks). */
function newMark(kind: PairKind, index: number, misused?: string): Mark {
  return { kind, index, nestedIn: undefined, matched: false, close: undefined, misused };
}

interface ParagraphPairs {
  /** Openers never closed in the paragraph, in order. */
  open: Mark[];
  /** Closers with nothing to close, in order. */
  close: Mark[];
  findings: RawFinding[];
}

/** A lone ） after a list number at the start of a line or clause: 「1）」「a）」「一）」. */
function isListNumberClose(text: string, i: number): boolean {
  const start = Math.max(0, i - 3);
  const number =
    start === 0 ? /(?:^|[\s，。；：、])[\dA-Za-z一二三四五六七八九十]{1,2}$/u : /[\s，。；：、][\dA-Za-z一二三四五六七八九十]{1,2}$/u;
  return number.test(text.slice(start, i)) && (text[i] === '）' || text[i] === ')');
}

/** An apostrophe in Latin text: don’t, Xi’an. */
function isApostrophe(text: string, i: number): boolean {
  return text[i] === '’' && isLatinAlnum(text[i - 1]) && (isLatinAlnum(text[i + 1]) || text[i + 1] === ' ');
}

/** What most paragraphs give: no marks to pair. Shared, never modified. */
const NO_PAIRS: ParagraphPairs = Object.freeze({ open: [], close: [], findings: [] }) as unknown as ParagraphPairs;

/**
 * Whether the marks `found` pair up plainly: each closing mark closes the innermost open one, no
 * kind opens inside itself, nothing stays open, no ’ is an apostrophe. scanPairs finds nothing in
 * such a paragraph (most that have marks), so it can skip its bookkeeping.
 */
function wellNested(text: string, found: readonly RegExpExecArray[]): boolean {
  const open: number[] = []; // the kinds open, innermost last
  for (const m of found) {
    const slot = PAIR_CHARS.indexOf(HALF_PARENS[m[0]] ?? m[0]);
    const kind = Math.floor(slot / 2);
    if (slot % 2 === 0) {
      if (open.includes(kind)) return false;
      open.push(kind);
    } else {
      if (open[open.length - 1] !== kind || isApostrophe(text, m.index)) return false;
      open.pop();
    }
  }
  return open.length === 0;
}

function scanPairs(text: string): ParagraphPairs {
  const found = allMatches(PAIR_CHAR, text);
  if (found.length === 0 || wellNested(text, found)) return NO_PAIRS;
  const stacks: Mark[][] = []; // by kind, made when first needed; 《 and 〈 use `titles` instead
  const titles: Mark[] = []; // 《 and 〈 together, for nesting
  const unmatchedClose: Mark[] = [];
  const nested: Mark[] = [];
  const findings: RawFinding[] = [];

  const push = (mark: Mark, k: number) => {
    if (IS_TITLE[k]) {
      const top = titles[titles.length - 1];
      if (mark.kind.open === '《' && top?.kind.open === '《') {
        mark.nestedIn = top;
        nested.push(mark);
      }
      titles.push(mark);
    } else (stacks[k] ??= []).push(mark);
  };
  /** Closes the innermost open mark of kind `k`; false when there is none. */
  const pop = (k: number, at: number): boolean => {
    if (IS_TITLE[k]) {
      for (let t = titles.length - 1; t >= 0; t--) {
        const mark = titles[t];
        if (mark.kind !== KINDS[k]) continue;
        // Marks opened inside and never closed stay unmatched: 《关于〈办法》.
        titles.splice(t, 1);
        mark.matched = true;
        mark.close = at;
        return true;
      }
      return false;
    }
    const mark = stacks[k]?.pop();
    if (!mark) return false;
    mark.matched = true;
    mark.close = at;
    return true;
  };
  const all: Mark[] = [];

  for (const m of found) {
    const i = m.index;
    const ch = HALF_PARENS[m[0]] ?? m[0];
    const half = ch !== m[0];
    const slot = PAIR_CHARS.indexOf(ch);
    const k = Math.floor(slot / 2);
    const kind = KINDS[k];
    if (slot % 2 === 0) {
      // “ written where ” belongs: a quotation is open and the mark ends it (followed by a point).
      if (kind.quote && (stacks[k]?.length ?? 0) > 0 && afterClose(text, i) && !beforeOpen(text, i)) {
        pop(k, i);
        findings.push({
          offset: i,
          length: 1,
          message: `「${kind.open}」用在了引语末尾，应为后引号「${kind.close}」（${STANDARD}）。`,
          suggestions: [kind.close],
        });
        continue;
      }
      const mark = newMark(kind, i);
      if (!half) all.push(mark);
      push(mark, k);
    } else {
      if (isApostrophe(text, i)) continue;
      if (pop(k, i)) continue;
      // ” written where “ belongs: nothing is open and a quotation begins here.
      if (kind.quote && beforeOpen(text, i) && isChineseContext(text[i + 1]) && !afterClose(text, i)) {
        const mark = newMark(kind, i, kind.open);
        push(mark, k);
        all.push(mark);
        continue;
      }
      if (half || isListNumberClose(text, i)) continue;
      // 「《条例》》」: a doubled closing 书名号 is punct-dup's.
      if (kind.close === '》' && text[i - 1] === '》') continue;
      unmatchedClose.push(newMark(kind, i));
    }
  }

  findings.push(...misusedOpeners(text, all), ...nestedTitles(text, nested));

  const open = all.filter((m) => !m.matched && !m.misused && oneOf(OPENING_MARKS, text[m.index]));
  // Every mark paired: the shared empty result, which the combining need not copy.
  if (open.length === 0 && unmatchedClose.length === 0 && findings.length === 0) return NO_PAIRS;
  return { open, close: unmatchedClose, findings };
}

/** Findings for ” written where “ belongs (found by the scan): a fix where the quotation closes. */
function misusedOpeners(text: string, marks: readonly Mark[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const mark of marks) {
    if (!mark.misused) continue;
    findings.push({
      offset: mark.index,
      length: 1,
      message: `「${text[mark.index]}」用在了引语开头，应为前引号「${mark.misused}」（${STANDARD}）。`,
      suggestions: mark.matched ? [mark.misused] : [],
    });
  }
  return findings;
}

/** 《关于印发《办法》的通知》: the inner pair becomes 〈〉, once the outer pair is closed. */
function nestedTitles(text: string, nested: readonly Mark[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const inner of nested) {
    const outer = inner.nestedIn!;
    if (!inner.matched || !outer.matched || inner.close === undefined) continue;
    // 「《《条例》》」 is a doubled mark, punct-dup's.
    if (text[inner.index - 1] === '《' && text[inner.close + 1] === '》' && outer.index === inner.index - 1) continue;
    const title = text.slice(inner.index, inner.close + 1);
    const message = `书名号内还有书名号时，里面一层用单书名号「〈〉」：「${title}」应为「〈${title.slice(1, -1)}〉」（${STANDARD}）。`;
    findings.push({ offset: inner.index, length: 1, message, suggestions: ['〈'] });
    findings.push({ offset: inner.close, length: 1, message, suggestions: ['〉'] });
  }
  return findings;
}

/** How far a quoted block of paragraphs is followed to its closing mark. */
const BLOCK_QUOTE_PARAGRAPHS = 60;
/** Where a paragraph's text starts (after spaces and ideographic spaces). */
const text0 = (text: string) => text.length - text.replace(/^[\s\u3000]+/u, '').length;

/**
 * `scan(i)` gives paragraph i's pairs. The combining below splices the close lists, so it must get
 * fresh arrays each time (the scans themselves may be remembered across checks); NO_PAIRS, whose
 * lists are empty, is never spliced.
 */
function pairFindings(paragraphs: readonly string[], prose: readonly boolean[], scan: (i: number) => ParagraphPairs): DocumentFinding[] {
  const scans = paragraphs.map((_, i) => (prose[i] ? scan(i) : undefined));
  const findings: DocumentFinding[] = [];
  const nextProse = (i: number) => {
    for (let j = i + 1; j < paragraphs.length; j++) if (paragraphs[j].trim() !== '') return prose[j] ? j : -1;
    return -1;
  };

  for (let i = 0; i < scans.length; i++) {
    const scan = scans[i];
    if (!scan) continue;
    if (scan.findings.length > 0) findings.push(...scan.findings.map((f) => ({ ...f, paragraph: i })));
    // Most paragraphs leave nothing open: no tolerance to work out.
    if (scan.open.length === 0) continue;
    const j = nextProse(i);
    const next = j >= 0 ? scans[j] : undefined;
    const tolerated = new Set<Mark>();
    for (const kind of KINDS) {
      const open = scan.open.filter((m) => m.kind === kind);
      if (open.length === 0 || !next) continue;
      // A quotation over several paragraphs: the next one begins with the same opening mark.
      if (
        kind.quote &&
        paragraphs[j]
          .trimStart()
          .replace(/^\u3000+/u, '')
          .startsWith(kind.open)
      ) {
        open.forEach((m) => tolerated.add(m));
        continue;
      }
      // A line broken inside a pair: the next paragraph closes what this one opened.
      const closes = next.close.filter((m) => m.kind === kind);
      const n = Math.min(open.length, closes.length);
      for (let k = 0; k < n; k++) {
        tolerated.add(open[open.length - 1 - k]);
        next.close.splice(next.close.indexOf(closes[k]), 1);
      }
      // A quoted block of several paragraphs opened only at its start and closed only at its end
      // (「将第一条修改为：」「“……：」「（一）……；」「（二）……。”」), as amendments and long quotations
      // are often printed: the paragraphs between hold no mark of the kind.
      const first = open[0];
      if (kind.quote && n === 0 && open.length === 1 && text0(paragraphs[i]) === first.index) {
        for (let j2 = j, seen = 0; j2 >= 0 && j2 < scans.length && seen < BLOCK_QUOTE_PARAGRAPHS; j2++) {
          const sc = scans[j2];
          if (!sc || paragraphs[j2].trim() === '') continue;
          seen++;
          if (sc.open.some((m) => m.kind === kind)) break;
          const close = sc.close.find((m) => m.kind === kind);
          if (!close) continue;
          if (
            paragraphs[j2]
              .slice(close.index + 1)
              .trim()
              .replace(/^[。；，]/u, '') === ''
          ) {
            tolerated.add(first);
            sc.close.splice(sc.close.indexOf(close), 1);
          }
          break;
        }
      }
    }
    const text = paragraphs[i];
    for (const mark of scan.open) {
      if (tolerated.has(mark)) continue;
      const ch = text[mark.index];
      // 「《《条例》」: the doubled opening mark can go.
      const doubled = ch === text[mark.index + 1];
      findings.push({
        paragraph: i,
        offset: mark.index,
        length: 1,
        message: doubled
          ? `「${ch}${ch}」重复，删去一个（${STANDARD}）。`
          : `${mark.kind.name}「${ch}」没有配对的「${mark.kind.close}」：请补全或删去（${STANDARD}）。`,
        suggestions: doubled ? [''] : [],
      });
    }
  }
  // Closers are reported after the tolerance of the paragraph before has had its say.
  scans.forEach((scan, i) => {
    if (!scan) return;
    for (const mark of scan.close) {
      findings.push({
        paragraph: i,
        offset: mark.index,
        length: 1,
        message: `${mark.kind.name}「${mark.kind.close}」前面没有配对的「${mark.kind.open}」：请补全或删去（${STANDARD}）。`,
        suggestions: [],
      });
    }
  });
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 3. 顿号 between titles or quotations

const LISTED = /[》”」』]、(?=[《“「『])/gu;

function listCommas(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const m of allMatches(LISTED, text)) {
    const at = m.index! + 1;
    const what = m[0][0] === '》' ? '书名号' : '引号';
    findings.push({
      offset: at,
      length: 1,
      message: `并列的${what}之间通常不用顿号（中间有括注时才用）：可删去「、」（${STANDARD}）。`,
      suggestions: [''],
      // 「通常不用」: the standard's advice, not a prohibition; edited reports and laws often keep the
      // 顿号 (「“两重”、“两新”」「《教育法》、《劳动法》」). A hint one step below the rule's severity.
      gentler: true,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 4. Ellipsis

const ELLIPSIS_MESSAGE = (wrong: string) => `省略号应写作「……」（两个「…」），不写「${wrong}」（${STANDARD}）。`;
/** 等 that begins a verb or a word of its own: 等到, 等待, 等于, 等级, 等号. */
const NOT_ETC = /^等(?:到|待|候|着|了|于|同|级|额|量|价|号|式|值|距|比|高|重|身|边|闲|一下|一等|不及)/u;

const ELLIPSIS_RUN = /…+|⋯+|\.{2,}|。{3,}|．{2,}|·{3,}|・{3,}/gu;
const ELLIPSIS_ETC = /(?:…|⋯|\.{2,}|。{3,})(等等|等|之类)/gu;

function ellipses(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const flag = (at: number, length: number, message: string, suggestion: string) =>
    findings.push({ offset: at, length, message, suggestions: [suggestion] });

  for (const m of allMatches(ELLIPSIS_RUN, text)) {
    const run = m[0];
    const at = m.index!;
    const end = at + run.length;
    if (run[0] === '…') {
      if (run.length === 2 || run.length === 4) continue;
    } else if (run[0] === '.' || run[0] === '·' || run[0] === '・') {
      // Half-width dots: only in Chinese running text, never in numbers, paths or Latin text.
      const before = text[at - 1];
      const after = text[end];
      if (!isChineseContext(beyondHalfWidth(text, at - 1, -1)) && !isChineseContext(beyondHalfWidth(text, end, 1))) continue;
      if (/[\w/\\]/u.test(before ?? '') || /[\w/\\]/u.test(after ?? '')) continue;
    }
    flag(at, run.length, ELLIPSIS_MESSAGE(run), '……');
  }

  for (const m of allMatches(ELLIPSIS_ETC, text)) {
    const word = m[1];
    const at = m.index! + m[0].length - word.length;
    if (word.startsWith('等') && NOT_ETC.test(text.slice(at))) continue;
    flag(at, word.length, `省略号不与「${word}」连用：删去「${word}」（${STANDARD}）。`, '');
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 5. Dash

const DASH_MESSAGE = (wrong: string) => `破折号应写作「——」（两个「—」），不写「${wrong}」（${STANDARD}）。`;
const NOUN_TAG = /^(?:n|nr|ns|nt|nz|nrt|nrfg|ng|j|eng)$/u;

/** The index of the nearest character before `i` that is not a space (-1 if none). */
function prevNonSpaceIndex(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\u3000')) j--;
  return j;
}
/** The index of the first character from `i` on that is not a space (text.length if none). */
function nextNonSpaceIndex(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\u3000')) j++;
  return j;
}

/** Chinese on both sides, and not a closing or opening mark that would make the run a rule line. */
function betweenChinese(text: string, at: number, end: number): boolean {
  const before = beside(text, prevNonSpaceIndex(text, at), -1);
  const after = beside(text, nextNonSpaceIndex(text, end), 1);
  return isChineseContext(before) && isChineseContext(after) && (isHan(before) || isHan(after));
}

/**
 * What stands beside a dash at `i`: the character beyond any half-width marks, or, when only marks
 * lie between the dash and the end of the line (「截止目前-- ,」), a Chinese point — the mark beside
 * Chinese text will be one once punct-width's fix is applied.
 */
function beside(text: string, i: number, step: 1 | -1): string | undefined {
  const ch = beyondHalfWidth(text, i, step);
  return ch === undefined && i >= 0 && i < text.length ? '，' : ch;
}

/** Words that open a clause of their own: after a lone 「—」 they show a broken 破折号 (「改革—这是」). */
const CLAUSE_OPENER_TAG = /^(?:r|rr|rz|p|d|c|u[a-z]*|l|y|e|o|m|zg)$/u;

/**
 * Whether a tagged word can be one item a 连接号 joins: a noun, a place, a verbal noun (「研发」「生产」),
 * an abbreviation, or a single character the segmenter split off an unknown name (「赤峰道」「扎门乌德」).
 */
function itemLike(t: { word: string; tag: string } | undefined): boolean {
  if (!t) return false;
  if (NOUN_TAG.test(t.tag) || t.tag === 'vn' || t.tag === 'an') return true;
  return t.word.length === 1 && isHan(t.word) && !CLAUSE_OPENER_TAG.test(t.tag);
}

/**
 * A single 「—」 is the 连接号 of GB/T 15834 (4.13), not a broken 破折号, when it joins two items:
 * 「北京—上海」「中国—东盟」「人—机」「赤峰道—中心花园」, or links a chain of steps or places in one
 * clause, 「研发—生产—临床应用」「发现—核查—整改—反馈」. A 「—」 followed by a word that opens a
 * clause (「改革—这是关键一招」「目标—以……为中心」) stays a broken dash, in a chain too
 * (「这个问题—说到底—是作风问题」).
 */
function joinsNames(ctx: ParagraphContext, at: number): boolean {
  const tags = ctx.clauseTags(at);
  if (!tags) return true; // no tagger: stay quiet
  const k = tags.findIndex((t) => t.start <= at && at < t.start + t.word.length);
  if (k <= 0 || k >= tags.length - 1) return true;
  if (tags[k].word !== '—') return true;
  // A chain: every item after a dash is an item, not the start of a clause (one pass over the clause).
  let dashes = 0;
  let chainOk = true;
  for (let i = 0; i < tags.length; i++) {
    if (tags[i].word !== '—') continue;
    dashes++;
    const after = tags[i + 1];
    if (i === 0 || !after || after.word === '—' || CLAUSE_OPENER_TAG.test(after.tag)) chainOk = false;
  }
  if (dashes >= 2) return chainOk;
  const before = tags[k - 1];
  const after = tags[k + 1];
  // A place on one side: the other is one too, however the tagger reads it (「郑州—开封」).
  const place = /^(?:ns|nt)$/u;
  if ((place.test(before.tag) || place.test(after.tag)) && !CLAUSE_OPENER_TAG.test(after.tag)) return true;
  return itemLike(before) && itemLike(after);
}

const DASH_RUN = /-{2,}|－{2,}|─+|—+/gu;

function dashes(ctx: ParagraphContext): RawFinding[] {
  const text = ctx.text;
  const findings: RawFinding[] = [];
  for (const m of allMatches(DASH_RUN, text)) {
    const run = m[0];
    const at = m.index!;
    const end = at + run.length;
    if (run === '——' || run.length > 4 || run === '————') continue;
    if (!betweenChinese(text, at, end)) continue;
    if (run === '—') {
      // A single 一字线 between digits or names is a 连接号 (1949—2024年, 北京—上海).
      if (!isHan(text[at - 1]) || !isHan(text[end])) continue;
      if (joinsNames(ctx, at)) continue;
    } else if (run[0] === '─' && run.length < 2) continue;
    findings.push({ offset: at, length: run.length, message: DASH_MESSAGE(run), suggestions: ['——'] });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 6. ？ and ！

const QUERY_RUN = /[？！]{2,}/gu;

function queries(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const m of allMatches(QUERY_RUN, text)) {
    const run = m[0];
    const at = m.index!;
    // Beside another point the run is a doubled point, punct-dup's.
    if (oneOf('，。、；：,;:', text[at - 1]) || oneOf('，。、；：,;:', text[at + run.length])) continue;
    if (run === '！？') {
      findings.push({
        offset: at,
        length: 2,
        message: `问号和叹号连用表示疑问兼感叹时写作「？！」，问号在前（${STANDARD}）。`,
        suggestions: ['？！'],
      });
    } else if (/^！+$/u.test(run)) {
      // GB/T 15834 lets literary text double 「！」 for a stronger tone; official documents never do.
      findings.push({
        offset: at,
        length: run.length,
        message: `公文中叹号不叠用：「${run}」只保留一个「！」（GB/T 15834 允许叠用，限于文艺作品等语气强烈的场合）。`,
        suggestions: ['！'],
      });
    } else if (run.length > 3) {
      const same = [...run].every((c) => c === run[0]);
      findings.push({
        offset: at,
        length: run.length,
        message: `问号、叹号叠用最多三个（${STANDARD}）。`,
        suggestions: same ? [run.slice(0, 3)] : [],
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 3 to 6 together

/**
 * What checks 3 to 6 can find, loosely: a paragraph with none of it (most of them) needs none of
 * their regexes. One test of this is cheaper than a pass of one's own over the code units.
 */
const LOCAL_MARKS = /[》”」』]、|[…⋯─—]|\.\.|。。|．．|··|・・|[？！]{2}|--|－－/u;

// ---------------------------------------------------------------------------------------------
// 7. A title ending in 。

const DOC_TYPES =
  '通知|通报|报告|请示|意见|决定|决议|批复|复函|函|纪要|办法|方案|规定|公告|通告|命令|议案|细则|规则|规划|计划|总结|要点|安排|条例';
const TITLE = new RegExp(
  String.raw`^(?:关于.+(?:${DOC_TYPES})|在.+(?:上|中|时)的(?:讲话|发言|致辞|主持词|报告|总结讲话)|.+的(?:${DOC_TYPES}|讲话|发言|致辞)|.*(?:实施方案|工作方案|管理办法|实施办法|实施细则|工作要点|工作计划|工作总结|工作报告))。$`,
  'u',
);
const NOT_TITLE = /我|你|您|他|她|这是|那是|就是|都是|也是|[。！？；，：,;:!?]./u;

function titleStop(ctx: DocumentContext): DocumentFinding | undefined {
  const paragraphs = ctx.paragraphs;
  const index = paragraphs.findIndex((p) => p.trim() !== '');
  // A title heads a body: a lone sentence is not one.
  if (index < 0 || !paragraphs.some((p, i) => i > index && p.trim() !== '')) return undefined;
  const raw = paragraphs[index];
  const trimmed = raw.replace(/\s+$/u, '');
  const start = raw.length - raw.replace(/^[\s\u3000#]+/u, '').length;
  const title = trimmed.slice(start);
  if ([...title].length > 40 || !TITLE.test(title) || NOT_TITLE.test(title)) return undefined;
  // 「制定印发…实施方案。」 is a sentence: a title begins with 关于, 在, or its issuer, not a verb.
  if (!/^(?:关于|在)/u.test(title)) {
    const tags = ctx.paragraph(index).clauseTags(start);
    const first = tags?.find((t) => t.start >= start && t.word.trim() !== '');
    if (!first || /^v/u.test(first.tag)) return undefined;
  }
  return {
    paragraph: index,
    offset: trimmed.length - 1,
    length: 1,
    message: `标题末尾不用句号：删去「。」（GB/T 9704；${STANDARD}）。`,
    suggestions: [''],
  };
}

/** What a paragraph gives on its own: whether it is prose, its pairs, checks 3–6 (placed in the document by checkDocument). */
interface ParagraphMarks {
  prose: boolean;
  /** A line of marks alone: it pairs with its neighbours, but its own marks are not reported. */
  marksOnly?: boolean;
  pairs: ParagraphPairs;
  local: readonly RawFinding[];
}
const NO_FINDINGS: readonly RawFinding[] = Object.freeze([]);
/** Shared by the many paragraphs with nothing of their own: not prose, or prose with nothing to report. */
const NOT_PROSE: ParagraphMarks = Object.freeze({ prose: false, pairs: NO_PAIRS, local: NO_FINDINGS });
const PLAIN_PROSE: ParagraphMarks = Object.freeze({ prose: true, pairs: NO_PAIRS, local: NO_FINDINGS });

/**
 * A line of marks alone (「“」 left when the rest of a line was deleted) closes or continues a pair of
 * the prose around it, without being reported itself; other lines without Chinese (code, Latin text)
 * are not prose.
 */
const MARKS_ONLY = /^\s*\p{P}[\s\p{P}]*$/u;

function paragraphMarks(text: string, index: number, ctx: DocumentContext): ParagraphMarks {
  const han = containsHan(text);
  if (!han && !MARKS_ONLY.test(text)) return NOT_PROSE;
  const pairs = scanPairs(text);
  let local = NO_FINDINGS;
  if (han && LOCAL_MARKS.test(text)) {
    const out = [...listCommas(text), ...ellipses(text), ...queries(text)];
    if (/-{2}|－{2}|─|—/u.test(text)) out.push(...dashes(ctx.paragraph(index)));
    if (out.length > 0) local = out;
  }
  if (!han) return { prose: true, marksOnly: true, pairs, local };
  return pairs === NO_PAIRS && local === NO_FINDINGS ? PLAIN_PROSE : { prose: true, pairs, local };
}

export const punctPairRule: DocumentRule = {
  id: 'punct-pair',
  label: '标点形式',
  category: 'punctuation',
  defaultSeverity: 'warning',
  scope: 'document',
  description:
    '标点形式（GB/T 15834）：引号括号书名号不配对、书名号嵌套、并列书名号间的顿号、省略号和破折号的写法、「！？」、标题末尾句号。',
  checkDocument(ctx: DocumentContext) {
    const paragraphs = ctx.paragraphs;
    // Everything a paragraph gives on its own is remembered with its text, in one slot, so an edit
    // rescans only the paragraphs it changed and the rest cost one lookup each.
    const marks = paragraphs.map((_, i) => ctx.memo(i, 'marks', (t) => paragraphMarks(t, i, ctx)));
    const place = (list: readonly RawFinding[], i: number) => list.map((f) => ({ ...f, paragraph: i }));
    const scan = (i: number): ParagraphPairs => {
      const pairs = marks[i].pairs;
      if (pairs === NO_PAIRS) return NO_PAIRS;
      return { open: [...pairs.open], close: [...pairs.close], findings: pairs.findings };
    };
    let findings: DocumentFinding[] = pairFindings(
      paragraphs,
      marks.map((m) => m.prose),
      scan,
    );
    if (marks.some((m) => m.marksOnly)) findings = findings.filter((f) => !marks[f.paragraph].marksOnly);
    marks.forEach((m, i) => {
      if (m.local.length > 0) findings.push(...place(m.local, i));
    });
    const title = titleStop(ctx);
    if (title) findings.push(title);
    return findings.sort((a, b) => a.paragraph - b.paragraph || a.offset - b.offset);
  },
};
