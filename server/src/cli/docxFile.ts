/**
 * Checking a Word document (.docx) for the CLI: its text is extracted (see docx.ts), one paragraph a
 * line, and checked like a plain-text file; a finding's `line` is its paragraph. With --fix, the
 * fixes that lie inside one text run are written into the package (through a temporary file and a
 * rename); those that cross runs are listed for the writer to make in Word. A package that cannot
 * be read, or whose rewrite does not read back as expected, is reported and left as it was.
 */
import * as fs from 'node:fs';
import { fixUntilStable, splitParagraphs, type Checker, type CheckOptions, type Finding } from '../core';
import { DocxError, fixDocx, paragraphContext, readDocx, type DocxText } from '../io/docx';
import { FileError, MAX_DOCUMENT_BYTES, describeIoError, readRegularFileSync, writeFileAtomic } from '../io/safeFile';
import { resolvedFor, toJson, type AppliedFix, type FileResult, type JsonDiagnostic } from './checkFile';

/** A finding's place for the text output: its paragraph's short context. */
function withContext(text: string, starts: number[], d: JsonDiagnostic): JsonDiagnostic {
  return { ...d, context: paragraphContext(text, starts[d.line - 1], d.offset, d.length) };
}

function report(text: string, findings: Finding[]): JsonDiagnostic[] {
  const starts = splitParagraphs(text).map((p) => p.offset);
  return findings.map((f) => withContext(text, starts, toJson(text, starts, f)));
}

export function checkDocxFile(
  file: string,
  viaLink: boolean,
  checker: Checker,
  base: CheckOptions,
  fix: boolean,
  takeWarnings: (r: FileResult) => FileResult,
): FileResult {
  let doc: DocxText;
  let stat: fs.Stats;
  let bytes: Buffer;
  try {
    ({ bytes, stat } = readRegularFileSync(file, MAX_DOCUMENT_BYTES));
    doc = readDocx(bytes);
  } catch (err) {
    return { file, kind: 'docx', error: err instanceof DocxError ? err.message : describeIoError(err), diagnostics: [] };
  }
  const options = resolvedFor(checker, base, 'plain');
  const text = doc.text;
  if (!fix) return takeWarnings({ file, kind: 'docx', diagnostics: report(text, checker.check(text, options)) });

  const converged = fixUntilStable(text, (t) => checker.check(t, options));
  if (converged.edits.length === 0)
    return takeWarnings({ file, kind: 'docx', fixed: 0, fixes: [], diagnostics: report(text, converged.findings) });
  const starts = splitParagraphs(text).map((p) => p.offset);
  const describe = (e: (typeof converged.edits)[number]): AppliedFix => {
    const d = toJson(text, starts, { ...e.findings[0], offset: e.offset, length: e.length });
    return { line: d.line, column: d.column, rule: [...new Set(e.findings.map((f) => f.rule))].join('+'), from: d.text, to: e.text };
  };
  const unchanged = (reason: string): FileResult =>
    takeWarnings({ file, kind: 'docx', notFixed: reason, diagnostics: report(text, checker.check(text, options)) });
  if (viaLink) return unchanged('这是文件夹中的符号链接，不经由它写回（可直接给出它指向的文件）');

  let result: ReturnType<typeof fixDocx>;
  try {
    result = fixDocx(doc, converged.edits);
  } catch (err) {
    return unchanged(err instanceof DocxError ? err.message : String(err));
  }
  const skipped = converged.edits.filter((e) => result.skipped.includes(e)).map(describe);
  const inWord = skipped.length > 0 ? skipped : undefined;
  if (!result.bytes) {
    return takeWarnings({ file, kind: 'docx', fixed: 0, fixes: [], inWord, diagnostics: report(text, checker.check(text, options)) });
  }
  try {
    writeFileAtomic(fs.realpathSync(file), Buffer.from(result.bytes), stat);
  } catch (err) {
    return unchanged(err instanceof FileError ? err.message : `写入失败：${describeIoError(err, true)}`);
  }
  const fixes = converged.edits.filter((e) => result.applied.includes(e)).map(describe);
  return takeWarnings({
    file,
    kind: 'docx',
    fixed: fixes.length,
    fixes,
    inWord,
    diagnostics: report(result.text, checker.check(result.text, options)),
  });
}
