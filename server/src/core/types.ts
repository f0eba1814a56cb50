/** How loudly a finding is shown; the core owns it (shared/protocol.ts repeats it for the wire). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** A rule's severity in the settings; 'off' disables the rule. */
export type SeveritySetting = Severity | 'off';

export type Category =
  'typo' | 'punctuation' | 'placeholder' | 'repetition' | 'residue' | 'wording' | 'usage' | 'structure' | 'number' | 'style';

export const CATEGORY_LABELS: Record<Category, string> = {
  typo: '错别字',
  punctuation: '标点',
  placeholder: '未填内容',
  repetition: '重复',
  residue: '网页残留',
  wording: '提法',
  usage: '用字用词',
  structure: '层次序号',
  number: '数字',
  style: '文风',
};

/** One problem in the text. Offsets and lengths count UTF-16 code units, as LSP positions do. */
export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  offset: number;
  length: number;
  /** Chinese: what is wrong and what to write instead. */
  message: string;
  /** Replacements for the flagged span, best first; '' deletes it. Empty when only a person can fix it. */
  suggestions: string[];
}

/** What a rule reports, relative to the paragraph it was given. */
export interface RawFinding {
  offset: number;
  length: number;
  message: string;
  suggestions: string[];
  /** A less certain finding: reported one severity step below the rule's (error → warning → info → hint). */
  gentler?: boolean;
  /**
   * The finding is the whole line (white space aside) and its fix deletes it: the engine widens the
   * span to the line and its line break, so that deleting it leaves no empty line behind. Rules
   * never see line breaks; only the engine knows where the line ends.
   */
  wholeLine?: boolean;
  /**
   * The verdict depends on the document's date: when that date is a guess (a year in the title, or
   * today), the engine says so at the end of the message.
   */
  dated?: boolean;
  /**
   * Dropped when this text occurs twice or more in the document: a guess about a word that the
   * writer used again elsewhere (a coinage, a name) is more likely wrong than the writer.
   */
  quietIfRepeated?: string;
}

export interface CheckOptions {
  /** Severity per rule id; 'off' disables a rule. */
  rules?: Record<string, SeveritySetting>;
  /** Extra typo pairs, wrong → right. */
  typoPairs?: Record<string, string>;
  /** Words never flagged: a finding that overlaps an occurrence of one of them is dropped. */
  allowWords?: string[];
  /** The document's date, YYYY-MM-DD (for date-dependent rules); found in the text, else today, when absent. */
  date?: string;
  /** 'markdown' skips code, link targets and HTML; default 'plain'. */
  format?: 'plain' | 'markdown';
  /** How much more probable a replacement must make a clause before typo-context flags it. */
  typoContextMargin?: number;
  /**
   * Compute slow rules (default true). When false — the editor's typing path — a slow rule's
   * results are reported only for paragraphs whose results are already cached.
   */
  includeSlow?: boolean;
}

/** Options after validation, with everything a rule needs precomputed. */
export interface ResolvedOptions {
  severities: Record<string, SeveritySetting>;
  typoPairs: Record<string, string>;
  allowWords: string[];
  /** Given by the caller, or undefined: the engine then resolves it per document (see date.ts). */
  date: string | undefined;
  format: 'plain' | 'markdown';
  typoContextMargin: number | undefined;
  includeSlow: boolean;
  /** Identifies the options that change what rules report (not severities): a cache key. */
  contentKey: string;
}

/** What a rule sees: one paragraph (a line of the document) and ways to ask about its words. */
export interface ParagraphContext {
  text: string;
  options: ResolvedOptions;
  /** The document's date, YYYY-MM-DD, always set. */
  date: string;
  /** The date as a message names it: 「2026年1月15日」, or 「2022年」 when only the title's year is known. */
  dateText: string;
  /** True when a token boundary of the segmented clause around `offset` falls at `offset`. */
  isWordBoundary(offset: number): boolean;
  /** Tokens of the clause that contains `offset`, with offsets in the paragraph. */
  clauseTokens(offset: number): { text: string; start: number }[] | undefined;
  /** Part-of-speech tagged tokens (HMM on, jieba's tagger) of the clause containing `offset`. */
  clauseTags(offset: number): { word: string; tag: string; start: number }[] | undefined;
  /**
   * False when no dictionary idiom (a word jieba's tagger marks `i`) ends at `offset`, so that no
   * token ending there can be tagged as one; true when one may; undefined when the segmenter
   * cannot say (the caller then asks the tagger).
   */
  idiomMayEndAt?(offset: number): boolean | undefined;
}

interface RuleInfo {
  id: string;
  /** False for rules whose suggestions are guesses: offered as quick fixes, never applied by fix-all or --fix. */
  autoFix?: boolean;
  /** Too costly for every keystroke: computed when `includeSlow` is set (idle, full check, CLI). */
  slow?: boolean;
  /**
   * A guess that gives way: its findings are dropped where a finding of another rule of the
   * typo, usage, wording, style or repetition category covers the same characters (that rule knows better).
   */
  yields?: boolean;
  /** Short Chinese name, for menus and summaries. */
  label: string;
  category: Category;
  defaultSeverity: Severity;
  /** One line for documentation: what the rule flags. */
  description: string;
}

/** A rule that looks at one paragraph at a time; its results are cached per paragraph text. */
export interface ParagraphRule extends RuleInfo {
  scope?: 'paragraph';
  check(ctx: ParagraphContext): RawFinding[];
}

/** What a document rule sees: every paragraph (Markdown code already blanked out) and the options. */
export interface DocumentContext {
  paragraphs: readonly string[];
  options: ResolvedOptions;
  /** The document's date, YYYY-MM-DD, always set (the caller's, the text's, or today). */
  date: string;
  /** The date as a message names it (see ParagraphContext.dateText). */
  dateText: string;
  /** A paragraph context (segmentation on demand) for paragraph `index`. */
  paragraph(index: number): ParagraphContext;
  /**
   * `compute(text)` for paragraph `index`, remembered with the paragraph's text, so that an edit
   * recomputes only the paragraphs it changed. The value must not depend on the paragraph's index
   * (nor on other paragraphs), and callers must not mutate it.
   */
  memo<T>(index: number, key: string, compute: (text: string) => T): T;
}

/** A finding of a document rule: `offset` is relative to paragraph `paragraph`. */
export interface DocumentFinding extends RawFinding {
  paragraph: number;
}

/** A rule that needs the whole document: heading sequences, quotations spanning paragraphs. */
export interface DocumentRule extends RuleInfo {
  scope: 'document';
  checkDocument(ctx: DocumentContext): DocumentFinding[];
}

export type Rule = ParagraphRule | DocumentRule;
