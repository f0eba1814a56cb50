/**
 * The checker: a document is split into paragraphs (lines), each rule runs on each paragraph, and
 * raw findings are cached per rule and paragraph text, so an edit re-checks only the paragraphs it
 * touched. Rules never see the line breaks; findings come back with document offsets.
 */
import { AhoCorasick } from './ahoCorasick';
import { maskMarkdownLines } from './markdown';
import { normalizeOptions } from './options';
import { createParagraphContext } from './context';
import { dateNote, dateText, resolveDocumentDate } from './date';
import { isSilenced, suppressions } from './suppress';
import { SegmenterNotReady, nodejiebaSegmenter, type Segmenter } from './segmenter';
import { RULES } from './rules';
import type {
  CheckOptions,
  DocumentRule,
  Finding,
  ParagraphContext,
  ParagraphRule,
  RawFinding,
  ResolvedOptions,
  Rule,
  Severity,
} from './types';

const NON_BLANK = /\S/;
const GENTLER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

export interface Paragraph {
  text: string;
  offset: number;
}

/** Splits on \r\n, \r and \n; offsets point into the original text. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  if (text.indexOf('\r') === -1) {
    // The usual case: indexOf finds line feeds much faster than a regex alternation.
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      out.push({ text: text.slice(start, end), offset: start });
      start = end + 1;
    }
  } else {
    const re = /\r\n|\r|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ text: text.slice(start, m.index), offset: start });
      start = m.index + m[0].length;
    }
  }
  out.push({ text: text.slice(start), offset: start });
  return out;
}

/**
 * The paragraph cache: insertion-ordered, evicting the oldest tenth when full. Lookups do not
 * reorder (a strict LRU's delete-and-reinsert on every hit cost more than the checks it saved);
 * a paragraph evicted while still in use is simply checked again.
 */
class ParagraphCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      let drop = Math.max(1, Math.floor(this.capacity / 10));
      for (const k of this.map.keys()) {
        this.map.delete(k);
        if (--drop === 0) break;
      }
    }
  }
  clear(): void {
    this.map.clear();
  }
}

export interface CheckerOptions {
  segmenter?: Segmenter;
  rules?: readonly Rule[];
  /** Paragraph results kept for reuse; enough for several large documents. */
  cacheSize?: number;
}

export class Checker {
  readonly rules: readonly Rule[];
  private readonly segmenter: Segmenter;
  /** Per paragraph text, each rule's raw findings; valid for `cacheScope` only. */
  private readonly cache: ParagraphCache<Map<string, unknown>>;
  private readonly caching: boolean;
  /** The options and date the cached results belong to; a change empties the cache. */
  private cacheScope = '';

  constructor(opts: CheckerOptions = {}) {
    this.rules = opts.rules ?? RULES;
    this.segmenter = opts.segmenter ?? nodejiebaSegmenter;
    this.caching = (opts.cacheSize ?? 50_000) > 0;
    this.cache = new ParagraphCache(opts.cacheSize ?? 50_000);
  }

  /** Rules whose findings give way to another rule's on the same characters. */
  private get yieldingRules(): Set<string> {
    return (this.yielding ??= new Set(this.rules.filter((r) => r.yields).map((r) => r.id)));
  }
  private yielding: Set<string> | undefined;

  get ruleIds(): string[] {
    return this.rules.map((r) => r.id);
  }

  /** Validates options; the warnings are for the caller to show once. */
  resolve(options: CheckOptions | unknown): { options: ResolvedOptions; warnings: string[] } {
    return normalizeOptions(options, this.ruleIds);
  }

  check(text: string, options: CheckOptions | ResolvedOptions = {}): Finding[] {
    const resolved = 'contentKey' in options ? (options as ResolvedOptions) : this.resolve(options).options;
    const active = this.rules
      .map((rule) => ({ rule, severity: resolved.severities[rule.id] ?? rule.defaultSeverity }))
      .filter((r): r is { rule: Rule; severity: Severity } => r.severity !== 'off');
    const pass = new CheckPass(text, resolved, this.segmenter, this.caching ? this.cache : undefined);
    const scope = `${resolved.contentKey}\u0000${pass.date}\u0000${pass.datedAs}`;
    if (scope !== this.cacheScope) {
      this.cache.clear();
      this.cacheScope = scope;
    }
    // Rules left to the idle pass are dropped here rather than asked about for every paragraph.
    const paragraphRules = active.filter(
      (a): a is { rule: ParagraphRule; severity: Severity } =>
        a.rule.scope !== 'document' && (this.caching || !a.rule.slow || resolved.includeSlow),
    );
    pass.runParagraphRules(paragraphRules);
    for (const { rule, severity } of active) if (rule.scope === 'document') pass.runDocumentRule(rule as DocumentRule, severity);
    const findings = pass.keptFindings();
    findings.sort((a, b) => a.offset - b.offset || a.length - b.length || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    return this.yieldingRules.size > 0 ? dropYielded(findings, this.yieldingRules) : findings;
  }

  clearCache(): void {
    this.cache.clear();
  }
}

type RuleResults = Map<string, unknown>;

/**
 * One check of one text: the paragraphs as the rules see them (Markdown masked, directive lines
 * blank), the document's date, each paragraph's cached results, and the findings as reported.
 */
class CheckPass {
  readonly findings: Finding[] = [];
  readonly date: string;
  readonly datedAs: string;
  private readonly paragraphs: Paragraph[];
  /** The paragraphs' texts as the rules see them. */
  private readonly texts: string[];
  /** Said at the end of a date-dependent finding when the date is a guess (the title's year, today). */
  private readonly note: string | undefined;
  private readonly silenced: ReturnType<typeof suppressions>;
  private readonly contexts: (ParagraphContext | undefined)[];
  /** Each paragraph's cached results, looked up once per check and shared with document rules. */
  private readonly resultsOf: (RuleResults | undefined)[];
  /**
   * Findings dropped when their quietIfRepeated text occurs twice in the document: decided at the
   * end, all of them in one scan of the document (asked one by one, each a search of the whole
   * text, a long document full of such findings took quadratic time).
   */
  private readonly repeatKeys: string[] = [];
  private readonly repeatAt: number[] = [];

  constructor(
    private readonly text: string,
    private readonly resolved: ResolvedOptions,
    private readonly segmenter: Segmenter,
    /** The checker's paragraph cache; undefined when it keeps none. */
    private readonly cache: ParagraphCache<RuleResults> | undefined,
  ) {
    this.paragraphs = splitParagraphs(text);
    const lines = this.paragraphs.map((p) => p.text);
    const documentDate = resolveDocumentDate(lines, resolved.date);
    this.date = documentDate.date;
    this.datedAs = dateText(documentDate);
    this.note = dateNote(documentDate);
    this.silenced = suppressions(lines);
    const rawTexts = resolved.format === 'markdown' ? maskMarkdownLines(lines) : lines;
    // Directive lines are not prose: document rules see them as empty paragraphs.
    const silenced = this.silenced;
    this.texts = silenced ? rawTexts.map((t, i) => (silenced[i].directive ? '' : t)) : rawTexts;
    this.contexts = new Array(this.texts.length);
    this.resultsOf = new Array(this.texts.length);
  }

  private contextOf(index: number): ParagraphContext {
    return (this.contexts[index] ??= createParagraphContext(this.texts[index], this.resolved, this.segmenter, this.date, this.datedAs));
  }

  private cachedResults(cache: ParagraphCache<RuleResults>, index: number): RuleResults {
    let results = this.resultsOf[index] ?? cache.get(this.texts[index]);
    if (!results) {
      results = new Map();
      cache.set(this.texts[index], results);
    }
    this.resultsOf[index] = results;
    return results;
  }

  /** The findings as reported, without those whose quietIfRepeated text the document repeats. */
  keptFindings(): Finding[] {
    if (this.repeatKeys.length === 0) return this.findings;
    return dropRepeated(this.text, this.findings, this.repeatKeys, this.repeatAt);
  }

  /** A rule's raw findings in paragraph `index`, as findings in the document (unless silenced or allowed). */
  private emit(rule: Rule, severity: Severity, index: number, raw: readonly RawFinding[]): void {
    if (raw.length === 0) return;
    if (this.silenced && isSilenced(this.silenced[index], rule.id)) return;
    const paragraph = this.paragraphs[index];
    const allowWords = this.resolved.allowWords;
    for (const r of raw) {
      if (allowWords.length > 0 && overlapsAllowed(paragraph.text, r.offset, r.offset + r.length, allowWords)) continue;
      if (r.quietIfRepeated) {
        this.repeatKeys.push(r.quietIfRepeated);
        this.repeatAt.push(this.findings.length);
      }
      const [offset, length] = r.wholeLine ? lineSpan(this.paragraphs, index, r) : [paragraph.offset + r.offset, r.length];
      this.findings.push({
        rule: rule.id,
        category: rule.category,
        severity: r.gentler ? GENTLER[severity] : severity,
        offset,
        length,
        message: r.dated && this.note ? r.message + this.note : r.message,
        suggestions: [...r.suggestions],
      });
    }
  }

  /** The paragraph rules on every paragraph that is not blank, from the cache where it has them. */
  runParagraphRules(rules: readonly { rule: ParagraphRule; severity: Severity }[]): void {
    const cache = this.cache;
    this.texts.forEach((ptext, index) => {
      if (!NON_BLANK.test(ptext)) return;
      if (!cache) {
        for (const { rule, severity } of rules) {
          const raw = runRule(rule, this.contextOf(index));
          if (raw) this.emit(rule, severity, index, raw);
        }
        return;
      }
      // One lookup per paragraph; the rules' results for it live together.
      const results = this.cachedResults(cache, index);
      for (const { rule, severity } of rules) {
        let raw = results.get(rule.id) as RawFinding[] | undefined;
        if (!raw) {
          if (rule.slow && !this.resolved.includeSlow) continue; // shown once an idle or full pass computes it
          raw = runRule(rule, this.contextOf(index));
          if (!raw) continue; // needs words the segmenter cannot give yet: not cached, not reported
          results.set(rule.id, raw);
        }
        this.emit(rule, severity, index, raw);
      }
    });
  }

  /** A document rule over all paragraphs; what it remembers per paragraph lives in the paragraph cache. */
  runDocumentRule(rule: DocumentRule, severity: Severity): void {
    const cache = this.cache;
    const texts = this.texts;
    let documentFindings;
    try {
      const slots = new Map<string, string>();
      const memo = <T>(index: number, key: string, compute: (text: string) => T): T => {
        if (!cache) return compute(texts[index]);
        const results = this.cachedResults(cache, index);
        // One slot name per key, not a new string (hashed anew) for every paragraph.
        let slot = slots.get(key);
        if (slot === undefined) slots.set(key, (slot = `${rule.id}\u0000${key}`));
        let value = results.get(slot) as T | undefined;
        if (value === undefined && !results.has(slot)) results.set(slot, (value = compute(texts[index])));
        return value as T;
      };
      const paragraph = (index: number) => this.contextOf(index);
      documentFindings = rule.checkDocument({
        paragraphs: texts,
        options: this.resolved,
        date: this.date,
        dateText: this.datedAs,
        paragraph,
        memo,
      });
    } catch (err) {
      if (err instanceof SegmenterNotReady) return;
      throw err;
    }
    const byParagraph = new Map<number, RawFinding[]>();
    for (const f of documentFindings) {
      if (f.paragraph < 0 || f.paragraph >= this.paragraphs.length) continue;
      const list = byParagraph.get(f.paragraph);
      if (list) list.push(f);
      else byParagraph.set(f.paragraph, [f]);
    }
    for (const [index, raw] of byParagraph) this.emit(rule, severity, index, raw);
  }
}

/**
 * The findings without those at `at[i]` whose text `keys[i]` occurs at least twice in the document
 * (overlapping occurrences count): the writer's own word, used again, is no slip. One
 * Aho–Corasick scan of the document for all the keys: linear in its length and the matches.
 */
function dropRepeated(text: string, findings: Finding[], keys: string[], at: number[]): Finding[] {
  const index = new Map<string, number>();
  for (const k of keys) if (!index.has(k)) index.set(k, index.size);
  const counts = new AhoCorasick([...index.keys()]).countUpTo(text, 2);
  const drop = new Uint8Array(findings.length);
  for (let i = 0; i < keys.length; i++) if (counts[index.get(keys[i])!] >= 2) drop[at[i]] = 1;
  return findings.filter((_, i) => drop[i] === 0);
}

/** A rule's findings, or undefined when it needed a segmenter that is not loaded yet. */
function runRule(rule: ParagraphRule, ctx: ParagraphContext): RawFinding[] | undefined {
  try {
    return rule.check(ctx);
  } catch (err) {
    if (err instanceof SegmenterNotReady) return undefined;
    throw err;
  }
}

/**
 * A whole-line deletion's span in the document: the line from its start through its line break, when
 * nothing but white space lies outside the rule's span on that line (in the text as written, Markdown
 * included) and a line follows; otherwise the rule's own span. The last line keeps its span: the
 * line break before it belongs to the line above.
 */
function lineSpan(paragraphs: readonly Paragraph[], index: number, r: RawFinding): [number, number] {
  const paragraph = paragraphs[index];
  const own: [number, number] = [paragraph.offset + r.offset, r.length];
  const next = paragraphs[index + 1];
  if (!next || r.suggestions.length !== 1 || r.suggestions[0] !== '') return own;
  const text = paragraph.text;
  if (NON_BLANK.test(text.slice(0, r.offset)) || NON_BLANK.test(text.slice(r.offset + r.length))) return own;
  return [paragraph.offset, next.offset - paragraph.offset];
}

const AUTHORITATIVE = new Set(['typo', 'usage', 'wording', 'style', 'repetition']);

/** Drops the findings of yielding rules that overlap a finding of another rule of those categories. */
function dropYielded(findings: Finding[], yielding: Set<string>): Finding[] {
  const firm = findings.filter((f) => !yielding.has(f.rule) && AUTHORITATIVE.has(f.category));
  if (firm.length === 0) return findings;
  // Both lists are sorted by offset: a firm finding that ends before one finding ends before the next.
  let k = 0;
  return findings.filter((f) => {
    if (!yielding.has(f.rule)) return true;
    while (k < firm.length && firm[k].offset + firm[k].length <= f.offset) k++;
    for (let i = k; i < firm.length && firm[i].offset < f.offset + f.length; i++) {
      if (firm[i].offset + firm[i].length > f.offset) return false;
    }
    return true;
  });
}

function overlapsAllowed(text: string, start: number, end: number, allow: readonly string[]): boolean {
  for (const word of allow) {
    let from = Math.max(0, start - word.length + 1);
    for (let at = text.indexOf(word, from); at !== -1 && at < end; at = text.indexOf(word, from)) {
      if (at + word.length > start) return true;
      from = at + 1;
    }
  }
  return false;
}
