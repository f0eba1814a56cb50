/**
 * `typo` — the curated 错别字 list (server/data/typo.tsv) plus the user's own pairs.
 *
 * A listed wrong form is flagged only where it stands as words of its own: its first and last
 * characters must fall on word boundaries of the clause, so 「相关健康」 (相关/健康) does not
 * contain 「关健」 and 「省份内」 (省份/内) does not contain 「份内」. Per-entry exception patterns
 * cover legitimate contexts that boundaries cannot see (「既使…又使…」).
 */
import typoTable from '../../../data/typo.tsv';
import { AhoCorasick, longestNonOverlapping } from '../ahoCorasick';
import { allMatches } from '../matches';
import { parseTable } from '../tables';
import type { ParagraphContext, RawFinding, ParagraphRule as Rule } from '../types';

interface TypoEntry {
  wrong: string;
  right: string;
  source: string;
  exceptions: RegExp[];
}

interface CompiledTypos {
  entries: TypoEntry[];
  matcher: AhoCorasick;
}

const SOURCE_NOTES: Record<string, string> = {
  S1: '《咬文嚼字》所列常见别字',
  S2: '《咬文嚼字》年度语文差错',
  CY: '成语的规范写法',
};

function compile(entries: TypoEntry[]): CompiledTypos {
  return { entries, matcher: new AhoCorasick(entries.map((e) => e.wrong)) };
}

function parseEntries(source: string): TypoEntry[] {
  const seen = new Set<string>();
  const entries: TypoEntry[] = [];
  for (const [wrong, right, src = 'GW', exceptions = ''] of parseTable(source)) {
    if (!wrong || !right || wrong === right || seen.has(wrong)) continue;
    seen.add(wrong);
    entries.push({
      wrong,
      right,
      source: src,
      exceptions: exceptions
        .split(' | ')
        .filter((p) => p !== '')
        .map((p) => new RegExp(p, 'gu')),
    });
  }
  return entries;
}

let builtIn: CompiledTypos | undefined;
const userCompiled = new Map<string, CompiledTypos>();
/**
 * The same, by the pairs object itself: every paragraph of one check shares its options' object,
 * so the key (a sort of every pair) is computed once per check, not once per paragraph — with
 * 100,000 pairs that was 150 ms a paragraph.
 */
const byObject = new WeakMap<Record<string, string>, CompiledTypos>();

function builtInTypos(): CompiledTypos {
  builtIn ??= compile(parseEntries(typoTable));
  return builtIn;
}

/** Built-in pairs merged with the user's; a user pair overrides a built-in one with the same wrong form. */
function typosFor(userPairs: Record<string, string>): CompiledTypos {
  const known = byObject.get(userPairs);
  if (known) return known;
  const keys = Object.keys(userPairs);
  if (keys.length === 0) return builtInTypos();
  const key = JSON.stringify(keys.sort().map((k) => [k, userPairs[k]]));
  let compiled = userCompiled.get(key);
  if (!compiled) {
    const user: TypoEntry[] = keys
      .filter((k) => k.length > 0 && userPairs[k] !== k)
      .map((k) => ({ wrong: k, right: userPairs[k], source: 'user', exceptions: [] }));
    const overridden = new Set(user.map((e) => e.wrong));
    compiled = compile([...user, ...builtInTypos().entries.filter((e) => !overridden.has(e.wrong))]);
    if (userCompiled.size > 16) userCompiled.clear();
    userCompiled.set(key, compiled);
  }
  byObject.set(userPairs, compiled);
  return compiled;
}

/** Number of built-in pairs, for documentation and tests. */
export function builtInTypoCount(): number {
  return builtInTypos().entries.length;
}

function coveredByException(text: string, start: number, end: number, exceptions: RegExp[]): boolean {
  return exceptions.some((pattern) => allMatches(pattern, text).some((m) => m.index <= start && m.index + m[0].length >= end));
}

/** When GF 1001-2001 《第一批异形词整理表》 took effect. */
const VARIANT_TABLE_DATE = '2002-03-31';
/** 《现代汉语词典》 5th edition (June 2005): 「账」 for accounts, 「帐」 for curtains and tents. */
const ZHANG_DATE = '2005-06-01';

function message(entry: TypoEntry): string {
  if (entry.source === 'S3') {
    return `「${entry.wrong}」是非推荐词形，应写作「${entry.right}」（《第一批异形词整理表》）。`;
  }
  const note = SOURCE_NOTES[entry.source];
  return `「${entry.wrong}」是错别字，应为「${entry.right}」${note ? `（${note}）` : ''}。`;
}

export const typoRule: Rule = {
  id: 'typo',
  label: '错别字',
  category: 'typo',
  defaultSeverity: 'error',
  description: '错别字：词表所列的错误写法（如「关健」→「关键」），按分词边界匹配，不误报「相关健康」之类的合法组合。',
  check(ctx: ParagraphContext): RawFinding[] {
    const { entries, matcher } = typosFor(ctx.options.typoPairs);
    const candidates = matcher.findAll(ctx.text);
    if (candidates.length === 0) return [];
    // Longest first: a longer listed form wins over a shorter one inside it.
    // 《第一批异形词整理表》 took effect on 2002-03-31, and 「账」 took over the money senses of 「帐」
    // with the fifth edition of 《现代汉语词典》 (2005): a document older than that used the forms of its day.
    const beforeVariantTable = ctx.date < VARIANT_TABLE_DATE;
    const beforeZhang = ctx.date < ZHANG_DATE;
    const valid = candidates.filter((m) => {
      const entry = entries[m.pattern];
      if (beforeVariantTable && entry.source === 'S3') return false;
      if (beforeZhang && entry.wrong.includes('帐') && entry.right.includes('账')) return false;
      return ctx.isWordBoundary(m.start) && ctx.isWordBoundary(m.end) && !coveredByException(ctx.text, m.start, m.end, entry.exceptions);
    });
    return longestNonOverlapping(valid).map((m) => {
      const entry = entries[m.pattern];
      return { offset: m.start, length: m.end - m.start, message: message(entry), suggestions: [entry.right] };
    });
  },
};
