import type { Severity, SeveritySetting } from '../protocol';
import type { Segmenter } from './segmenter';

export type { Severity, SeveritySetting };

export type Category = 'typo' | 'punctuation' | 'placeholder' | 'repetition' | 'residue';

export const CATEGORY_LABELS: Record<Category, string> = {
  typo: '错别字',
  punctuation: '标点',
  placeholder: '未填内容',
  repetition: '重复',
  residue: '网页残留',
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
}

export interface CheckOptions {
  /** Severity per rule id; 'off' disables a rule. */
  rules?: Record<string, SeveritySetting>;
  /** Extra typo pairs, wrong → right. */
  typoPairs?: Record<string, string>;
  /** Words never flagged: a finding that overlaps an occurrence of one of them is dropped. */
  allowWords?: string[];
  /** The document's date, YYYY-MM-DD (for date-dependent rules). */
  date?: string;
  /** 'markdown' skips code, link targets and HTML; default 'plain'. */
  format?: 'plain' | 'markdown';
}

/** Options after validation, with everything a rule needs precomputed. */
export interface ResolvedOptions {
  severities: Record<string, SeveritySetting>;
  typoPairs: Record<string, string>;
  allowWords: string[];
  date: string | undefined;
  format: 'plain' | 'markdown';
  /** Identifies the options that change what rules report (not severities): a cache key. */
  contentKey: string;
}

/** What a rule sees: one paragraph (a line of the document) and ways to ask about its words. */
export interface ParagraphContext {
  text: string;
  options: ResolvedOptions;
  /** True when a token boundary of the segmented clause around `offset` falls at `offset`. */
  isWordBoundary(offset: number): boolean;
  /** Tokens of the clause that contains `offset`, with offsets in the paragraph. */
  clauseTokens(offset: number): { text: string; start: number }[] | undefined;
}

export interface Rule {
  id: string;
  /** Short Chinese name, for menus and summaries. */
  label: string;
  category: Category;
  defaultSeverity: Severity;
  /** One line for documentation: what the rule flags. */
  description: string;
  check(ctx: ParagraphContext): RawFinding[];
}

