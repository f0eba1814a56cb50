/**
 * Checking one file for the CLI: read it in whatever encoding it came in, check it, optionally fix
 * it in place in that encoding. Used by the CLI's main thread and by its worker threads alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, splitParagraphs, takeRuleWarnings, type Checker, type CheckOptions, type Finding } from './core';
import { DecodeError, ENCODING_LABEL, decode, encode, type Decoded } from './encoding';
import { isExportedReport } from './protocol';

/** Larger files are refused: 公文 are far smaller, and the whole text is held in memory. */
export const MAX_BYTES = 64 * 1024 * 1024;

export function ioMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件或文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是文件夹';
  return err instanceof Error ? err.message : String(err);
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
  encoding?: string;
  fixed?: number;
  /** With --fix: each change made, positioned in the text as it was before fixing. */
  fixes?: AppliedFix[];
  error?: string;
  diagnostics: JsonDiagnostic[];
  /** Warnings of rules that switched themselves off while checking this file (said once per process). */
  warnings?: string[];
}

function lineStarts(text: string): number[] {
  return splitParagraphs(text).map((p) => p.offset);
}

function toJson(text: string, starts: number[], f: Finding): JsonDiagnostic {
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

export function checkFile(file: string, checker: Checker, base: CheckOptions, fix: boolean): FileResult {
  let decoded: Decoded;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_BYTES) return { file, error: `文件过大（${(stat.size / 1048576).toFixed(1)} MB，上限 ${MAX_BYTES / 1048576} MB），已跳过`, diagnostics: [] };
    decoded = decode(fs.readFileSync(file));
  } catch (err) {
    return { file, error: err instanceof DecodeError ? err.message : ioMessage(err), diagnostics: [] };
  }
  // A proofreading report the extension exported (it carries the mark) is not a draft: nothing to check or fix.
  if (isExportedReport(decoded.text)) return { file, encoding: ENCODING_LABEL[decoded.encoding], diagnostics: [] };
  const ext = path.extname(file).toLowerCase();
  const options: CheckOptions = {
    ...base,
    format: ext === '.md' || ext === '.markdown' ? 'markdown' : 'plain',
  };
  let text = decoded.text;
  let findings = checker.check(text, options);
  let fixed: number | undefined;
  let fixes: AppliedFix[] | undefined;
  if (fix) {
    const result = applyFixes(text, findings);
    fixed = result.applied.length;
    const before = lineStarts(text);
    fixes = result.applied.map((f) => {
      const d = toJson(text, before, f);
      return { line: d.line, column: d.column, rule: f.rule, from: d.text, to: f.suggestions[0] };
    });
    if (fixed > 0) {
      try {
        fs.writeFileSync(file, encode({ ...decoded, text: result.text }));
      } catch (err) {
        return { file, error: `无法写回修正：${ioMessage(err)}`, diagnostics: [] };
      }
      text = result.text;
      findings = checker.check(text, options);
    }
  }
  const starts = lineStarts(text);
  const warnings = takeRuleWarnings();
  return { file, encoding: ENCODING_LABEL[decoded.encoding], fixed, fixes, diagnostics: findings.map((f) => toJson(text, starts, f)), ...(warnings.length ? { warnings } : {}) };
}

