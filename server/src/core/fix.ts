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
