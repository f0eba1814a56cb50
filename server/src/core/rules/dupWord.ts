/**
 * `dup-word` — words or characters typed twice by accident: 「发展发展」「我们我们」「的的」「一等等次」.
 *
 * Repetition is often deliberate in Chinese, so the rule flags only what no grammar explains:
 * - rhetorical series stay quiet: 「认真认真再认真」「落实落实再落实」 (AB AB 再/又/还/更 AB);
 * - AABB forms stay quiet: 「扎扎实实」「的的确确」「家家户户」;
 * - verbs and adjectives that reduplicate as ABAB stay quiet: 「研究研究」 (server/data/dup-word-allow.tsv);
 * - numeral + classifier series stay quiet: 「一个一个」「一步一步」;
 * - a doubled character is flagged only for function characters (server/data/dup-word-chars.tsv),
 *   and only when segmentation leaves both as words of their own (「目的的」 is 目的/的).
 */
import allowTable from '../../../data/dup-word-allow.tsv';
import charsTable from '../../../data/dup-word-chars.tsv';
import slipsTable from '../../../data/dup-word-slips.tsv';
import { isHan } from '../chars';
import { expandTemplate, parseTable, parseWordSet } from '../tables';
import { allMatches } from '../matches';
import type { ParagraphContext, RawFinding, ParagraphRule as Rule } from '../types';

interface Tables {
  allow: Set<string>;
  allowWithDouble: string[];
  functionChars: Set<string>;
  slips: { pattern: RegExp; replacement: string; note: string }[];
}

let tables: Tables | undefined;

function loadTables(): Tables {
  if (tables) return tables;
  const allow = parseWordSet(allowTable);
  tables = {
    allow,
    allowWithDouble: [...allow].filter((w) => /(\p{Script=Han})\1/u.test(w)),
    functionChars: parseWordSet(charsTable),
    slips: parseTable(slipsTable).map(([pattern, replacement, note]) => ({
      pattern: new RegExp(pattern, 'gu'),
      replacement,
      note: note ?? '字词重复',
    })),
  };
  return tables;
}

const RHETORICAL_LINK = '再又还更';
const NUMERAL_CLASSIFIER = /^[一两几每][\p{Script=Han}]$/u;

function allHan(s: string): boolean {
  for (const ch of s) if (!isHan(ch)) return false;
  return true;
}

function isAabb(text: string, i: number): boolean {
  const next = isHan(text[i + 2]) && text[i + 2] === text[i + 3] && text[i + 2] !== text[i];
  const prev = i >= 2 && isHan(text[i - 1]) && text[i - 2] === text[i - 1] && text[i - 1] !== text[i];
  return next || prev;
}

function repeatedUnit(text: string, i: number, n: number): string | undefined {
  if (i + 2 * n > text.length) return undefined;
  // Compared unit by unit before anything is sliced: most candidates differ early.
  for (let k = 0; k < n; k++) if (text.charCodeAt(i + k) !== text.charCodeAt(i + n + k)) return undefined;
  const unit = text.slice(i, i + n);
  return allHan(unit) ? unit : undefined;
}

const CLAUSE_EDGE = /[，。、；：？！,.;:?!“”‘’（）《》\s—…]/u;

/**
 * Deliberate repetition: 「AB AB 再 AB」, 「AB AB AB」, and a doubled word that is a clause of its own —
 * 「同事同事，就是协同干事」 names a topic; a slip sits inside a clause (「大力发展发展教育」).
 */
function isRhetorical(text: string, i: number, unit: string): boolean {
  const after = i + 2 * unit.length;
  const clauseStart = i === 0 || CLAUSE_EDGE.test(text[i - 1]);
  const clauseEnd = after >= text.length || CLAUSE_EDGE.test(text[after]);
  if (clauseStart && clauseEnd) return true;
  if (RHETORICAL_LINK.includes(text[after] ?? '\u0000') && text.startsWith(unit, after + 1)) return true;
  if (text.startsWith(unit, after)) return true;
  return i >= unit.length && text.slice(i - unit.length, i) === unit;
}

/** unit = text[i, i + n) is one character written n / its length times (「哈哈」, 「𠀀𠀀」). */
function oneCharRepeated(text: string, i: number, n: number): boolean {
  const first = text.codePointAt(i)!;
  const step = first > 0xffff ? 2 : 1;
  for (let k = step; k < n; k++) if (text.charCodeAt(i + k) !== text.charCodeAt(i + k - step)) return false;
  return true;
}

function checkWords(ctx: ParagraphContext, t: Tables, taken: Uint8Array, findings: RawFinding[]): void {
  const text = ctx.text;
  const length = text.length;
  // c0 … c4 are text[i … i + 4], read once each as the window slides (-1 past the end).
  let c1 = text.charCodeAt(0);
  let c2 = text.charCodeAt(1);
  let c3 = text.charCodeAt(2);
  let c4 = text.charCodeAt(3);
  for (let i = 0; i + 4 <= length; i++) {
    const c0 = c1;
    c1 = c2;
    c2 = c3;
    c3 = c4;
    c4 = i + 4 < length ? text.charCodeAt(i + 4) : -1;
    // The common case, no unit of 2–4 repeating from here, costs three comparisons.
    if (c0 !== c2 && c0 !== c3 && c0 !== c4) continue;
    if (taken[i]) continue;
    for (let n = 4; n >= 2; n--) {
      const unit = repeatedUnit(text, i, n);
      if (!unit) continue;
      if (oneCharRepeated(text, i, n)) continue; // 「哈哈哈哈」
      if (t.allow.has(unit) || NUMERAL_CLASSIFIER.test(unit) || isRhetorical(text, i, unit)) continue;
      if (!ctx.isWordBoundary(i + n) || !ctx.isWordBoundary(i + 2 * n)) continue;
      findings.push({
        offset: i,
        length: 2 * n,
        message: `「${unit}」重复了，删去一个（「${unit}${unit}」→「${unit}」）。`,
        suggestions: [unit],
      });
      taken.fill(1, i, i + 2 * n);
      break;
    }
  }
}

function checkChars(ctx: ParagraphContext, t: Tables, taken: Uint8Array, findings: RawFinding[]): void {
  const text = ctx.text;
  let next = text.charCodeAt(0);
  for (let i = 0; i + 1 < text.length; i++) {
    // Each code unit is read once: `next` is text[i + 1] from the step before.
    const c = next;
    next = text.charCodeAt(i + 1);
    if (c !== next) continue;
    const ch = text[i];
    if (taken[i] || taken[i + 1] || !t.functionChars.has(ch)) continue;
    if (isAabb(text, i)) continue;
    if (t.allowWithDouble.some((w) => coveredBy(text, i, w, ch))) continue;
    if (!ctx.isWordBoundary(i) || !ctx.isWordBoundary(i + 1) || !ctx.isWordBoundary(i + 2)) continue;
    findings.push({
      offset: i,
      length: 2,
      message: `「${ch}${ch}」中「${ch}」重复了，删去一个。`,
      suggestions: [ch],
    });
    i++;
    next = text.charCodeAt(i + 1);
  }
}

/** Whether an occurrence of `word` covers the doubled `ch` at i, i+1. */
function coveredBy(text: string, i: number, word: string, ch: string): boolean {
  const at = word.indexOf(ch + ch);
  return at >= 0 && text.startsWith(word, i - at);
}

function checkSlips(text: string, t: Tables, taken: Uint8Array, findings: RawFinding[]): void {
  for (const slip of t.slips) {
    for (const m of allMatches(slip.pattern, text)) {
      const fix = expandTemplate(slip.replacement, m);
      const note = expandTemplate(slip.note, m);
      findings.push({ offset: m.index!, length: m[0].length, message: `${note}，应为「${fix}」。`, suggestions: [fix] });
      taken.fill(1, m.index!, m.index! + m[0].length);
    }
  }
}

/**
 * Which offsets a finding already covers, zeroed for a paragraph of `length`: one buffer reused,
 * since a fresh typed array per paragraph cost more than the scan. Only [0, length) is meaningful.
 */
let scratch = new Uint8Array(1024);
function takenFor(length: number): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  else scratch.fill(0, 0, length);
  return scratch;
}

export const dupWordRule: Rule = {
  id: 'dup-word',
  label: '重复字词',
  category: 'repetition',
  defaultSeverity: 'warning',
  description:
    '重复字词：「发展发展」「的的」「一等等次」等误敲的重复；不报「认真认真再认真」「研究研究」「扎扎实实」「的的确确」「等等」。',
  check(ctx) {
    const t = loadTables();
    const taken = takenFor(ctx.text.length);
    // One list, filled in the order slips, words, characters; the sort is stable.
    const findings: RawFinding[] = [];
    checkSlips(ctx.text, t, taken, findings);
    checkWords(ctx, t, taken, findings);
    checkChars(ctx, t, taken, findings);
    return findings.length > 1 ? findings.sort((a, b) => a.offset - b.offset) : findings;
  },
};
