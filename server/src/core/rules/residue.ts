/**
 * `residue` — text dragged in from document-sharing sites and adverts: 「预览阅读已结束」「下载后可编辑」
 * 「扫码联系」, contact prompts, pointing emoji (server/data/residue.tsv). A strong phrase is enough; a
 * weak one (「代笔」「加微信」) needs a second sign on the same line, since 「扫码联系网格员」 can be
 * legitimate on its own. A short line holding residue is flagged whole; in a long paragraph only the
 * sentence. The fix deletes the flagged span; a line that is residue and nothing else goes with its
 * line break (the engine widens the span, see RawFinding.wholeLine).
 */
import residueTable from '../../../data/residue.tsv';
import { AhoCorasick, longestNonOverlapping } from '../ahoCorasick';
import { CLOSING_MARKS, OPENING_MARKS } from '../chars';
import { parseTable } from '../tables';
import type { RawFinding, ParagraphRule as Rule } from '../types';

let compiled: { matcher: AhoCorasick; strong: boolean[]; phrases: string[] } | undefined;

function load() {
  if (!compiled) {
    const rows = parseTable(residueTable);
    const phrases = rows.map((r) => r[0]);
    compiled = { matcher: new AhoCorasick(phrases), strong: rows.map((r) => r[1] === 'strong'), phrases };
  }
  return compiled;
}

/** Lines no longer than this are flagged whole: residue lines are short, prose paragraphs are not. */
const WHOLE_LINE_LIMIT = 120;
const SENTENCE_END = '。！？!?';

function sentenceAround(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && !SENTENCE_END.includes(text[s - 1])) s--;
  let e = end;
  while (e < text.length && !SENTENCE_END.includes(text[e])) e++;
  if (e < text.length) e++;
  return [s, e];
}

/** The pairs' marks, half-width parentheses included; opener k pairs with closer k. */
const OPENERS = `${OPENING_MARKS}(`;
const CLOSERS = `${CLOSING_MARKS})`;

/**
 * The span without white space at either end, nor a paired mark at either end whose partner lies
 * outside it: deleting 「预览阅读已结束“」 must not leave the 」 of the next paragraph unpaired.
 */
function trimmed(text: string, s: number, e: number): [number, number] {
  /** Whether the partner of the mark at `at` lies inside [s, e). */
  const pairedInside = (at: number): boolean => {
    const open = OPENERS.indexOf(text[at]);
    if (open !== -1) {
      const close = text.indexOf(CLOSERS[open], at + 1);
      return close !== -1 && close < e;
    }
    const close = CLOSERS.indexOf(text[at]);
    return close !== -1 && text.lastIndexOf(OPENERS[close], at - 1) >= s;
  };
  const paired = (at: number) => OPENERS.includes(text[at]) || CLOSERS.includes(text[at]);
  for (;;) {
    while (s < e && /\s/u.test(text[s])) s++;
    while (e > s && /\s/u.test(text[e - 1])) e--;
    if (s < e && paired(s) && !pairedInside(s)) s++;
    else if (s < e && paired(e - 1) && !pairedInside(e - 1)) e--;
    else return [s, e];
  }
}

/**
 * The fix: delete the span, unless a paired mark inside it pairs with one outside (「〈（三）」 on the
 * line before 「关健〉预览阅读已结束」): then the writer decides what to keep, and there is no one-click fix.
 */
function deletion(text: string, s: number, e: number): string[] {
  for (let k = 0; k < OPENERS.length; k++) {
    let depth = 0;
    for (let i = s; i < e; i++) {
      if (text[i] === OPENERS[k]) depth++;
      else if (text[i] === CLOSERS[k] && --depth < 0) return [];
    }
    if (depth !== 0) return [];
  }
  return [''];
}

export const residueRule: Rule = {
  id: 'residue',
  label: '网页残留',
  category: 'residue',
  defaultSeverity: 'error',
  description: '网页残留：从文库网站或广告带入的「预览阅读已结束」「下载后可编辑」「扫码联系」、联系方式提示、指示表情符号。',
  check(ctx) {
    const text = ctx.text;
    const { matcher, strong, phrases } = load();
    const matches = longestNonOverlapping(matcher.findAll(text));
    if (matches.length === 0) return [];
    const [ls, le] = trimmed(text, 0, text.length);
    const short = le - ls <= WHOLE_LINE_LIMIT;
    // Weak signs alone need company, and only on a short line: a long paragraph that says
    // 「严禁代笔」 and 「加微信」 is talking about them, not advertising.
    if (!matches.some((m) => strong[m.pattern]) && !(short && new Set(matches.map((m) => m.pattern)).size >= 2)) return [];

    const found = [...new Set(matches.map((m) => phrases[m.pattern]))].map((p) => `「${p}」`).join('');
    const message = (span: string, line = false) =>
      `${found}是从文档网站或广告带入的内容，不属于正文，应删除${line ? '这一行' : ''}「${span.length > 24 ? span.slice(0, 24) + '…' : span}」。`;
    if (short) {
      const span = text.slice(ls, le);
      const suggestions = deletion(text, ls, le);
      // The line is all residue (white space aside): its deletion takes the line break too.
      const wholeLine = suggestions.length === 1 && !/\S/u.test(text.slice(0, ls) + text.slice(le));
      return [{ offset: ls, length: le - ls, message: message(span, wholeLine), suggestions, ...(wholeLine ? { wholeLine } : {}) }];
    }
    const findings: RawFinding[] = [];
    let coveredUntil = -1;
    for (const m of matches) {
      if (m.start < coveredUntil) continue;
      const [s, e] = trimmed(text, ...sentenceAround(text, m.start, m.end));
      findings.push({ offset: s, length: e - s, message: message(text.slice(s, e)), suggestions: deletion(text, s, e) });
      coveredUntil = e;
    }
    return findings;
  },
};
