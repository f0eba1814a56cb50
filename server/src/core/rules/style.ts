/**
 * `style` (hint) — redundancies (「凯旋而归」「涉及到」「各位领导们」「截至到」) and word choices that depend
 * on context (截止 + 时间点 → 截至; 向…反应情况 → 反映; 本办法自…起实行 → 施行). Every entry is a
 * regular expression in server/data/style.tsv whose lookarounds carry the context, so the flagged
 * span and its fix are only the words themselves.
 */
import styleTable from '../../../data/style.tsv';
import { expandTemplate, parseTable } from '../tables';
import { allMatches } from '../matches';
import type { ParagraphRule, RawFinding } from '../types';

interface StyleEntry {
  /** A literal every match contains: a paragraph without it is not searched. */
  key: string;
  pattern: RegExp;
  replacement: string;
  message: string;
}

let entries: StyleEntry[] | undefined;
/** Any entry's key: one search tells whether a paragraph needs the entries at all. */
let anyKey: RegExp | undefined;
function load(): StyleEntry[] {
  if (!entries) {
    entries = parseTable(styleTable).map(([pattern, replacement, message, key]) => ({
      key,
      pattern: new RegExp(pattern, 'gu'),
      replacement,
      message,
    }));
    const keys = [...new Set(entries.map((e) => e.key))].sort((a, b) => b.length - a.length);
    anyKey = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  }
  return entries;
}

export const styleRule: ParagraphRule = {
  id: 'style',
  label: '文风',
  category: 'style',
  defaultSeverity: 'hint',
  description: '文风：语义重复（「凯旋而归」「涉及到」「各位领导们」「截至到」）和语境用词（截止＋时间点→截至，向…反应情况→反映，本办法自…起实行→施行）。',
  check(ctx) {
    const all = load();
    if (!anyKey!.test(ctx.text)) return [];
    const findings: RawFinding[] = [];
    for (const entry of all) {
      if (!ctx.text.includes(entry.key)) continue;
      for (const m of allMatches(entry.pattern, ctx.text)) {
        const fix = expandTemplate(entry.replacement, m);
        findings.push({
          offset: m.index!,
          length: m[0].length,
          message: entry.message.replaceAll('{m}', m[0]),
          suggestions: [fix],
        });
      }
    }
    return findings.sort((a, b) => a.offset - b.offset);
  },
};
