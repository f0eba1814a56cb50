/**
 * Messages and settings shared by the language server (server/src) and the VS Code client (client/src).
 * Types, constants and small pure functions only: both bundles import this file, so it imports nothing.
 */

/** The same list as the core's Severity (server/src/lsp/diagnostics.ts checks that they agree). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** The settings under `gongwen.*`, as the client contributes them. */
export interface GongwenSettings {
  /** Per-rule severity, e.g. { "dup-word": "off", "punct-width": "error" }. */
  rules: Record<string, SeveritySetting>;
  /** Extra typo pairs: wrong form → correction. */
  typoPairs: Record<string, string>;
  /** Words never flagged, in this workspace. */
  allowWords: string[];
  /** VS Code language ids that are checked. */
  languages: string[];
  /** The document's date, YYYY-MM-DD; empty means "find it in the document, else today". */
  documentDate: string;
  /** `gongwen.typoContext.margin`. */
  typoContext?: { margin?: number };
}

export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'gongwen'];

/** `.gongwen.json` larger than this is not read (by the server, the CLI or the client): 100,000 typo pairs take about 4 MB. */
export const MAX_SETTINGS_BYTES = 16 * 1024 * 1024;

/** The team's settings file, looked for next to a document and in the folders above it. */
export const SETTINGS_FILE_NAME = '.gongwen.json';

/** How to walk folders: Node's `path` for the server and the CLI, URI paths (always '/') for the client. */
export interface FolderPaths {
  dirname(p: string): string;
  join(dir: string, name: string): string;
}

/**
 * Where the `.gongwen.json` that governs a document in `dir` may be, nearest first: `dir` itself, then
 * each folder above it, up to `stopAt` (the workspace folder, inclusive) or the root. The one lookup
 * of the server, the CLI (per file) and the client: each only asks which candidate exists first.
 */
export function* settingsFileCandidates(dir: string, stopAt: string | undefined, paths: FolderPaths): Generator<string> {
  let current = dir;
  for (let level = 0; level < 256; level++) {
    yield paths.join(current, SETTINGS_FILE_NAME);
    const parent = paths.dirname(current);
    if (parent === current || current === stopAt) return;
    current = parent;
  }
}

/** What the client tells the server when it starts it (LSP `initializationOptions`). */
export interface InitializationOptions {
  /**
   * False in VS Code's Restricted Mode (a folder the user has not trusted, such as documents received
   * by mail): the folder's `.gongwen.json` is then not applied. The client restarts the server when
   * trust is granted. Absent (other clients): trusted.
   */
  workspaceTrusted?: boolean;
}

/**
 * The mark an exported proofreading report carries on its first line (an HTML comment: invisible in
 * rendered Markdown and HTML). A report saved next to the draft is not a document to proofread: the
 * editor and `gongwen <folder>` leave a file alone that carries the mark near its start, or that is
 * named as an export is (「通知-校对报告.md」「notice-proofreading-report.html」).
 */
export const REPORT_MARK = '<!-- gongwen:proofreading-report -->';
const REPORT_NAME = /[-－](?:校对报告|proofreading-report)(?:[ _]?[(（]?\d{1,3}[)）]?)?\.(?:md|markdown|html?)$/iu;

/** Whether a file is a report the extension exported (by its mark, else by its name). */
export function isExportedReport(text: string, fileName?: string): boolean {
  if (text.slice(0, 4096).includes(REPORT_MARK)) return true;
  if (fileName === undefined) return false;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return REPORT_NAME.test(base);
}

/** A finding with an LSP range, as returned by the custom requests below. */
export interface ProtocolFinding {
  rule: string;
  category: string;
  categoryLabel: string;
  severity: Severity;
  message: string;
  suggestions: string[];
  text: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `gongwen/checkDocument`: run every rule on the whole document now. */
export const CHECK_DOCUMENT_REQUEST = 'gongwen/checkDocument';
export interface CheckDocumentParams {
  uri: string;
}
export interface CheckDocumentResult {
  uri: string;
  version: number;
  findings: ProtocolFinding[];
  /** Characters as offices count them: every character except whitespace. */
  charCount: number;
  elapsedMs: number;
}

/** `gongwen/fixes`: the edits that apply every unambiguous fix, optionally of one rule only. */
export const FIXES_REQUEST = 'gongwen/fixes';
export interface FixesParams {
  uri: string;
  rule?: string;
}
export interface FixesResult {
  version: number;
  edits: { range: ProtocolFinding['range']; newText: string }[];
}

/** Client commands that the server's code actions invoke. */
export const ALLOW_WORD_COMMAND = 'gongwen.allowWord';
export const FIX_ALL_COMMAND = 'gongwen.fixAll';
export const CHECK_DOCUMENT_COMMAND = 'gongwen.checkDocument';

/** Diagnostic `source`. */
export const PRODUCT_NAME = 'gongwen';

/**
 * The URI scheme of a Word document's extracted text, opened read-only by 「公文：检查 Word 文稿」:
 * `gongwen-docx:` + the .docx file's path. Its lines are the document's paragraphs.
 */
export const DOCX_SCHEME = 'gongwen-docx';
export const CHECK_DOCX_COMMAND = 'gongwen.checkDocx';

/**
 * Server → client: whether a document's text is garbled (U+FFFD replacement characters, or GBK
 * bytes read as UTF-8 and the like). A garbled document gets no findings; the client says why once
 * and offers to reopen it with another encoding.
 */
export const GARBLED_NOTIFICATION = 'gongwen/garbled';
export interface GarbledParams {
  uri: string;
  /** Why the text looks garbled, in Chinese; undefined when it no longer does. */
  reason?: string;
}
