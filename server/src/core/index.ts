/**
 * The checker core's public API. Imports neither `vscode` nor the LSP libraries: the language
 * server, the CLI and the tests are three thin callers of this module.
 */
import { Checker } from './engine';
import type { CheckOptions, Finding } from './types';

export { Checker, splitParagraphs } from './engine';
export { applyFixes, fixableFindings, fixUntilStable } from './fix';
export type { ConvergedFix, FixEdit } from './fix';
export { resolveDocumentDate, dateInDocument, yearInTitle } from './date';
export { normalizeOptions, isValidDate } from './options';
export { AhoCorasick } from './ahoCorasick';
export { allMatches } from './matches';
export { countCharacters } from './chars';
export { inlineSpans, maskMarkdownLines } from './markdown';
export { isNodejiebaLoaded, loadNodejieba, nodejiebaSegmenter, notReadySegmenter, tokenBoundaries } from './segmenter';
export { RULES } from './rules';
export { builtInTypoCount } from './rules/typo';
export { typoContextTuning, typoContextModelFile, resetTypoContextModel } from './rules/typoContext';
export { TrigramModel, readTrigramModel, LmFormatError } from './lm';
export { takeRuleWarnings } from './warnings';
export { CATEGORY_LABELS } from './types';
export type { Category, CheckOptions, Finding, ResolvedOptions, Rule, Severity, SeveritySetting } from './types';

let shared: Checker | undefined;

/** Checks `text` with one process-wide checker (segmenter and caches are shared). */
export function check(text: string, options?: CheckOptions): Finding[] {
  shared ??= new Checker();
  return shared.check(text, options ?? {});
}
