/**
 * Applying fixes: only findings with exactly one suggestion are fixed automatically (two
 * suggestions mean a person must choose), never those of a guessing rule, overlapping fixes are skipped after the first, and
 * nothing outside a flagged span changes.
 */
import { RULES } from './rules';
import type { Finding } from './types';

/** Rules whose suggestions are guesses (typo-context): a person picks them, fixes never apply them. */
const GUESSING = new Set(RULES.filter((r) => r.autoFix === false).map((r) => r.id));

export interface FixResult {
  text: string;
  applied: Finding[];
}

export function fixableFindings(findings: readonly Finding[], rule?: string): Finding[] {
  const chosen = findings
    .filter((f) => f.suggestions.length === 1 && !GUESSING.has(f.rule) && (rule === undefined || f.rule === rule))
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: Finding[] = [];
  let end = -1;
  for (const f of chosen) {
    if (f.offset < end) continue;
    kept.push(f);
    end = f.offset + f.length;
  }
  return kept;
}

export function applyFixes(text: string, findings: readonly Finding[], rule?: string): FixResult {
  const applied = fixableFindings(findings, rule);
  let out = '';
  let pos = 0;
  for (const f of applied) {
    out += text.slice(pos, f.offset) + f.suggestions[0];
    pos = f.offset + f.length;
  }
  return { text: out + text.slice(pos), applied };
}

/** One change of a converged fix, in the original text's offsets. */
export interface FixEdit {
  offset: number;
  length: number;
  /** The new text of original[offset, offset + length). */
  text: string;
  /** The findings whose fixes made this change (more than one when fixes of later passes joined it). */
  findings: Finding[];
}

export interface ConvergedFix {
  /** The original text with every edit made. */
  text: string;
  /** Sorted, not overlapping, in the original's offsets. */
  edits: FixEdit[];
  /** Findings of the final text. */
  findings: Finding[];
  /** Checks run after the first. */
  passes: number;
}

interface Item {
  /** Original range. */
  os: number;
  oe: number;
  /** Range in the current text. */
  cs: number;
  ce: number;
  edit?: FixEdit;
  fix?: Finding;
}

/**
 * Fixes `text` until nothing fixable is left (or `maxPasses` checks after the first), so that one
 * run of --fix does what it does, and a second run finds nothing more to fix. One pass can leave
 * work for the next: of two overlapping fixes only the first is applied (「关健关健」: the doubled
 * word is fixed to 「关健」, whose typo a second pass fixes), and a fix can change how a rule reads
 * the marks beside it (「9:30?--推进」: once 「?」 is 「？」, 「--」 stands between Chinese text). A later
 * pass's changes join the earlier ones they touch; every edit is given in the original's offsets
 * with the findings that made it, so each change made is one reported.
 */
export function fixUntilStable(text: string, check: (text: string) => Finding[], maxPasses = 4): ConvergedFix {
  let findings = check(text);
  let edits: FixEdit[] = [];
  let current = text;
  let passes = 0;
  for (let pass = 0; pass <= maxPasses; pass++) {
    const items = mapToOriginal(edits, fixableFindings(findings));
    if (items.length === 0) break;
    edits = mergeEdits(current, edits, items);
    current = applyEdits(text, edits);
    findings = check(current);
    passes++;
  }
  return { text: current, edits, findings, passes };
}

/**
 * Each fix (sorted, not overlapping, in the current text) with the original range it touches: a
 * boundary inside the new text of an earlier edit stretches to that edit's original bounds.
 */
function mapToOriginal(edits: readonly FixEdit[], fixes: readonly Finding[]): Item[] {
  const items: Item[] = [];
  let k = 0; // edits wholly before the current position
  let delta = 0; // current offset minus original offset, after edits[0, k)
  const toOriginal = (p: number, side: 'start' | 'end'): number => {
    for (;;) {
      const e = edits[k];
      if (!e) return p - delta;
      const cs = e.offset + delta;
      const ce = cs + e.text.length;
      if (p <= cs) return p - delta;
      if (p < ce) return side === 'start' ? e.offset : e.offset + e.length;
      delta += e.text.length - e.length;
      k++;
    }
  };
  // Fixes come in order and do not overlap: the walk over the edits only moves forward.
  for (const f of fixes) {
    const os = toOriginal(f.offset, 'start');
    const oe = toOriginal(f.offset + f.length, 'end');
    items.push({ os, oe, cs: f.offset, ce: f.offset + f.length, fix: f });
  }
  return items;
}

/** Joins new fixes (with their current and original ranges) into the edits they overlap. */
function mergeEdits(current: string, edits: readonly FixEdit[], fixes: readonly Item[]): FixEdit[] {
  const old: Item[] = [];
  let delta = 0;
  for (const e of edits) {
    old.push({ os: e.offset, oe: e.offset + e.length, cs: e.offset + delta, ce: e.offset + delta + e.text.length, edit: e });
    delta += e.text.length - e.length;
  }
  const all = [...old, ...fixes].sort((a, b) => a.os - b.os || a.oe - b.oe || (a.fix ? 1 : 0) - (b.fix ? 1 : 0));
  const out: FixEdit[] = [];
  let group: Item[] = [];
  let groupEnd = -1;
  const flush = () => {
    if (group.length === 0) return;
    if (group.length === 1 && group[0].edit) {
      out.push(group[0].edit);
    } else {
      const os = Math.min(...group.map((g) => g.os));
      const oe = Math.max(...group.map((g) => g.oe));
      const cs = Math.min(...group.map((g) => g.cs));
      const ce = Math.max(...group.map((g) => g.ce));
      let textOut = '';
      let pos = cs;
      for (const g of group.filter((x) => x.fix).sort((a, b) => a.cs - b.cs)) {
        textOut += current.slice(pos, g.cs) + g.fix!.suggestions[0];
        pos = g.ce;
      }
      textOut += current.slice(pos, ce);
      const findings = group.flatMap((g) => (g.edit ? g.edit.findings : [g.fix!]));
      out.push({ offset: os, length: oe - os, text: textOut, findings });
    }
    group = [];
  };
  for (const it of all) {
    const overlaps =
      group.length > 0 &&
      (it.os < groupEnd || (it.os === groupEnd && (it.os === it.oe || group.some((g) => g.os === g.oe && g.os === groupEnd))));
    if (!overlaps) flush();
    group.push(it);
    groupEnd = Math.max(group.length === 1 ? it.oe : groupEnd, it.oe);
  }
  flush();
  return out;
}

function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.offset) + e.text;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}
