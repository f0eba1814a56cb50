/**
 * The team's settings file `.gongwen.json` as text: what the client reads from it (the speech
 * pace) and how it adds a word to its `allowWords`. Pure functions (no `vscode` import, no file
 * access) so that mocha can test them; the file I/O is in allowWord.ts and workspaceFiles.ts.
 *
 * The language server reads the same file (server/src/io/settingsFile.ts): the nearest one walking
 * up from a document's folder, stopping at the workspace folder.
 */
import { SETTINGS_FILE_NAME } from '../../shared/protocol';
import { validPace } from './speech';

export const WORKSPACE_FILE_NAME = SETTINGS_FILE_NAME;

/** The file exists but cannot be updated without losing what is in it. */
export class WorkspaceFileError extends Error {
  constructor(
    message: string,
    readonly reason: 'invalid-json' | 'not-an-object' | 'allow-words-not-an-array',
  ) {
    super(message);
  }
}

export interface AllowWordResult {
  /** The new file contents (unchanged when the word was already there). */
  text: string;
  added: boolean;
}

/**
 * Adds `word` to `allowWords` in the file's text, keeping the other fields, their order, the file's
 * indentation, BOM and final newline. A missing or empty file becomes `{ "allowWords": [word] }`.
 * Duplicates already in the list are dropped on the way. Throws WorkspaceFileError rather than
 * overwrite a file it cannot parse: it may hold the team's only copy of their settings.
 */
export function addAllowWord(text: string | undefined, word: string): AllowWordResult {
  const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = (text ?? '').slice(bom.length);
  if (body.trim() === '') {
    return { text: `${bom}${JSON.stringify({ allowWords: [word] }, null, 2)}\n`, added: true };
  }

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new WorkspaceFileError(error instanceof Error ? error.message : String(error), 'invalid-json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WorkspaceFileError('the file does not hold a JSON object', 'not-an-object');
  }
  const settings = json as Record<string, unknown>;
  const current = settings.allowWords;
  if (current !== undefined && !Array.isArray(current)) {
    throw new WorkspaceFileError('allowWords is not an array', 'allow-words-not-an-array');
  }
  const words = current ?? [];
  if (words.includes(word)) return { text: text ?? '', added: false };

  settings.allowWords = [...new Set([...words, word])];
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(settings, null, detectIndent(body));
  if (newline === '\r\n') out = out.replace(/\n/g, '\r\n');
  // Keep the file's choice about a final newline; a one-line file is rewritten over several lines
  // and then gets one, as editors write new files.
  const finalNewline = /\r?\n$/.test(body) || !body.includes('\n') ? newline : '';
  return { text: `${bom}${out}${finalNewline}`, added: true };
}

/** The indentation of the first indented line: tabs, or a number of spaces (2 when none is found). */
export function detectIndent(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return 2;
  return m[1].startsWith('\t') ? '\t' : m[1].length;
}

/** The file's `speechPace` if it holds a usable one; undefined for a missing, invalid or unreadable file. */
export function speechPaceFromFile(text: string | undefined): number | undefined {
  if (!text) return undefined;
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    return validPace((json as Record<string, unknown>).speechPace);
  } catch {
    return undefined;
  }
}
