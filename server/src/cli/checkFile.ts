/**
 * Checking one file for the CLI: read it in whatever encoding it came in, check it, optionally fix
 * it in that encoding. Used by the CLI's main thread and by its worker threads alike.
 *
 * Fixing never loses a byte: fixes are applied until none is left (fixUntilStable), the new bytes
 * are the old ones with only the fixed spans re-encoded (spliceEdits), and they reach the disk
 * through a temporary file renamed over the original (writeFileAtomic). A file whose bytes would
 * not survive re-encoding, a symlink met in a folder, or a failed write is reported with its
 * findings as they stand, and the file is left as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  fixUntilStable,
  splitParagraphs,
  takeRuleWarnings,
  type Checker,
  type CheckOptions,
  type Finding,
  type ResolvedOptions,
} from '../core';
import { DecodeError, ENCODING_LABEL, decode, spliceEdits, type Decoded } from '../io/encoding';
import { isExportedReport } from '../../../shared/protocol';
import { checkDocxFile } from './docxFile';
import { unsupportedFormat } from '../io/docx';
import { FileError, MAX_DOCUMENT_BYTES, describeIoError, readRegularFileSync, writeFileAtomic } from '../io/safeFile';

/** Larger files are refused: 公文 are far smaller, and the whole text is held in memory. */
export const MAX_BYTES = MAX_DOCUMENT_BYTES;

export function ioMessage(err: unknown): string {
  return describeIoError(err);
}

export interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  offset: number;
  length: number;
  line: number;
  column: number;
  text: string;
  suggestions: string[];
  /** Word documents: the finding with a few characters of its paragraph either side (for the text output). */
  context?: string;
}

export interface AppliedFix {
  line: number;
  column: number;
  rule: string;
  from: string;
  to: string;
}

export interface FileResult {
  file: string;
  /** 'docx': a Word document, whose lines are its paragraphs. */
  kind?: 'docx';
  encoding?: string;
  fixed?: number;
  /** With --fix: each change made, positioned in the text as it was before fixing. */
  fixes?: AppliedFix[];
  /** With --fix: why fixes that were due were not written; the file is unchanged and `diagnostics` are its findings. */
  notFixed?: string;
  /** With --fix on a Word document: fixes not made because their span crosses runs (to be made in Word). */
  inWord?: AppliedFix[];
  /** The file could not be checked at all. */
  error?: string;
  diagnostics: JsonDiagnostic[];
  /** Warnings of rules that switched themselves off while checking this file (said once per process). */
  warnings?: string[];
}

/** How a file was found: named on the command line, or met as a symlink in a folder (never written through). */
export interface FileEntry {
  file: string;
  viaLink?: boolean;
  /** Which of the run's option sets applies (the nearest .gongwen.json's, or --config's). */
  settings?: number;
}

function lineStarts(text: string): number[] {
  return splitParagraphs(text).map((p) => p.offset);
}

export function toJson(text: string, starts: number[], f: Finding): JsonDiagnostic {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= f.offset) lo = mid;
    else hi = mid - 1;
  }
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    offset: f.offset,
    length: f.length,
    line: lo + 1,
    column: f.offset - starts[lo] + 1,
    text: text.slice(f.offset, f.offset + f.length),
    suggestions: f.suggestions,
  };
}

/** Options resolved once per format: with 100,000 typo pairs, resolving costs more than a small file's check. */
const resolvedCache = new WeakMap<CheckOptions, Map<string, ResolvedOptions>>();
export function resolvedFor(checker: Checker, base: CheckOptions, format: 'plain' | 'markdown'): ResolvedOptions {
  let byFormat = resolvedCache.get(base);
  if (!byFormat) resolvedCache.set(base, (byFormat = new Map()));
  let resolved = byFormat.get(format);
  if (!resolved) byFormat.set(format, (resolved = checker.resolve({ ...base, format }).options));
  return resolved;
}

export function checkFile(entry: string | FileEntry, checker: Checker, base: CheckOptions, fix: boolean): FileResult {
  const { file, viaLink } = typeof entry === 'string' ? { file: entry, viaLink: false } : entry;
  const other = unsupportedFormat(file);
  if (other) return { file, error: other, diagnostics: [] };
  if (path.extname(file).toLowerCase() === '.docx') {
    return checkDocxFile(file, viaLink === true, checker, base, fix, (r) => {
      const warnings = takeRuleWarnings();
      return warnings.length ? { ...r, warnings } : r;
    });
  }
  let decoded: Decoded;
  let bytes: Buffer;
  let stat: fs.Stats;
  try {
    ({ bytes, stat } = readRegularFileSync(file, MAX_BYTES));
    decoded = decode(bytes);
  } catch (err) {
    return { file, error: err instanceof DecodeError ? err.message : ioMessage(err), diagnostics: [] };
  }
  // A proofreading report the extension exported (it carries the mark) is not a draft: nothing to check or fix.
  if (isExportedReport(decoded.text)) return { file, encoding: ENCODING_LABEL[decoded.encoding], diagnostics: [] };
  const ext = path.extname(file).toLowerCase();
  const options = resolvedFor(checker, base, ext === '.md' || ext === '.markdown' ? 'markdown' : 'plain');
  const text = decoded.text;
  const encoding = ENCODING_LABEL[decoded.encoding];
  // Warnings of rules that switched themselves off while checking this file (said once per process).
  const done = (result: FileResult): FileResult => {
    const warnings = takeRuleWarnings();
    return warnings.length ? { ...result, warnings } : result;
  };
  const report = (t: string, findings: Finding[]) => {
    const starts = lineStarts(t);
    return findings.map((f) => toJson(t, starts, f));
  };
  if (!fix) return done({ file, encoding, diagnostics: report(text, checker.check(text, options)) });

  const converged = fixUntilStable(text, (t) => checker.check(t, options));
  if (converged.edits.length === 0) return done({ file, encoding, fixed: 0, fixes: [], diagnostics: report(text, converged.findings) });
  // Nothing written: the findings are those of the file as it stays.
  const unchanged = (reason: string): FileResult => ({
    file,
    encoding,
    notFixed: reason,
    diagnostics: report(text, checker.check(text, options)),
  });
  const refusal = viaLink ? '这是文件夹中的符号链接，不经由它写回（可直接给出它指向的文件）' : decoded.unwritable;
  if (refusal) return done(unchanged(refusal));
  try {
    const out = spliceEdits(bytes, decoded, converged.edits);
    // A symlink named on the command line is followed: the file it points to is written, the link stays.
    writeFileAtomic(fs.realpathSync(file), out, stat);
  } catch (err) {
    return done(
      unchanged(err instanceof DecodeError || err instanceof FileError ? err.message : `写入失败：${describeIoError(err, true)}`),
    );
  }
  const before = lineStarts(text);
  const fixes = converged.edits.map((e) => {
    const d = toJson(text, before, { ...e.findings[0], offset: e.offset, length: e.length });
    const rule = [...new Set(e.findings.map((f) => f.rule))].join('+');
    return { line: d.line, column: d.column, rule, from: d.text, to: e.text };
  });
  return done({ file, encoding, fixed: fixes.length, fixes, diagnostics: report(converged.text, converged.findings) });
}
