/**
 * A rule whose body is a table of regular expressions (server/data/style.tsv, word-choice.tsv): each
 * row's lookarounds carry the context, so the flagged span and its fix are only the words themselves.
 *
 * Row: pattern (the whole match is flagged) <TAB> replacement ($1… refer to groups) <TAB> message
 * ({m} = the flagged text) <TAB> key, a literal every match contains (paragraphs without any key are
 * not searched) <TAB> optional `gentler` (reported one severity step below the rule).
 */
import { expandTemplate, parseTable } from '../tables';
import { allMatches } from '../matches';
import type { ParagraphRule, RawFinding } from '../types';

interface Entry {
  key: string;
  pattern: RegExp;
  replacement: string;
  message: string;
  gentler: boolean;
}

interface CompiledTable {
  entries: Entry[];
  /** Any entry's key: one search tells whether a paragraph needs the entries at all. */
  anyKey: RegExp;
}

function compile(source: string): CompiledTable {
  const entries = parseTable(source).map(([pattern, replacement, message, key, flag]) => ({
    key,
    pattern: new RegExp(pattern, 'gu'),
    replacement,
    message,
    gentler: flag === 'gentler',
  }));
  const keys = [...new Set(entries.map((e) => e.key))].sort((a, b) => b.length - a.length);
  const anyKey = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  return { entries, anyKey };
}

export function regexTableRule(info: Omit<ParagraphRule, 'check' | 'scope'>, source: string): ParagraphRule {
  let table: CompiledTable | undefined;
  return {
    ...info,
    check(ctx) {
      table ??= compile(source);
      if (!table.anyKey.test(ctx.text)) return [];
      const findings: RawFinding[] = [];
      for (const entry of table.entries) {
        if (!ctx.text.includes(entry.key)) continue;
        for (const m of allMatches(entry.pattern, ctx.text)) {
          findings.push({
            offset: m.index!,
            length: m[0].length,
            message: entry.message.replaceAll('{m}', m[0]),
            suggestions: [expandTemplate(entry.replacement, m)],
            ...(entry.gentler ? { gentler: true } : {}),
          });
        }
      }
      return findings.sort((a, b) => a.offset - b.offset);
    },
  };
}
