/**
 * The team's shared settings file, `.gongwen.json`: the nearest one walking up from a document's
 * folder (stopping at the workspace folder when one is known). Its fields are those of the
 * settings — rules, typoPairs, allowWords, documentDate — and it wins over the editor settings for
 * rules and typo pairs (it is the team's policy); allowed words from both are kept; a date set by the
 * writer wins over the file's. Read by the language
 * server and the CLI alike; no LSP or vscode imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeOptions, RULES, type CheckOptions, type SeveritySetting } from '../core';
import { SETTINGS_FILE_NAME, settingsFileCandidates } from '../../../shared/protocol';
import { MAX_SETTINGS_BYTES, SETTINGS_READ_TIMEOUT_MS, describeIoError, readRegularFile, readRegularFileSync } from './safeFile';

export const WORKSPACE_FILE = SETTINGS_FILE_NAME;

export interface WorkspaceFile {
  /** The file's path, or undefined when none was found. */
  file?: string;
  options: CheckOptions;
  /** Problems with the file, in Chinese, each naming it. */
  warnings: string[];
}

/** A settings file as read: `error` when it could not be used at all (unreadable, not JSON, not an object). */
export interface SettingsFile extends WorkspaceFile {
  error?: string;
}

/** The keys a .gongwen.json may carry (test/manifest.test.js checks the JSON schema knows the same). */
export const SETTINGS_FILE_KEYS = [
  'rules',
  'typoPairs',
  'allowWords',
  'documentDate',
  'speechPace',
  'typoContextMargin',
  '$schema',
] as const;

/**
 * Validates the text of a settings file. `extraKeys` are further keys the caller understands (the
 * CLI's --config also takes `date`). Never throws.
 */
export function parseSettingsFile(file: string, raw: string, extraKeys: readonly string[] = []): SettingsFile {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { file, options: {}, warnings: [], error: `${file} 不是有效的 JSON（${(err as Error).message}）` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const what = Array.isArray(json)
      ? '数组'
      : json === null
        ? 'null'
        : typeof json === 'string'
          ? '字符串'
          : typeof json === 'number'
            ? '数字'
            : '布尔值';
    return { file, options: {}, warnings: [], error: `${file} 应为 JSON 对象（{"rules": {…}, "typoPairs": {…}, …}），而不是${what}` };
  }
  const record = json as Record<string, unknown>;
  const known = new Set<string>(SETTINGS_FILE_KEYS);
  for (const k of extraKeys) known.add(k);
  const unknownKeys = Object.keys(record).filter((k) => !known.has(k));
  const date = record.documentDate !== undefined ? record.documentDate : record.date;
  const { options, warnings } = normalizeOptions(
    { rules: record.rules, typoPairs: record.typoPairs, allowWords: record.allowWords, date, typoContextMargin: record.typoContextMargin },
    RULES.map((r) => r.id),
  );
  return {
    file,
    options: {
      // An unknown rule is named here, with the file, and not passed on to be named again.
      rules: record.rules !== undefined ? knownRulesOnly(options.severities) : undefined,
      typoPairs: record.typoPairs !== undefined ? options.typoPairs : undefined,
      allowWords: record.allowWords !== undefined ? options.allowWords : undefined,
      date: options.date,
      typoContextMargin: options.typoContextMargin,
    },
    warnings: [...warnings, ...unknownKeys.map((k) => `未知设置项「${k}」，已忽略。`)].map((w) => `${file}：${w}`),
  };
}

function knownRulesOnly(severities: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const ids = new Set(RULES.map((r) => r.id));
  return Object.fromEntries(Object.entries(severities).filter(([rule]) => ids.has(rule)));
}

function unreadable(file: string, err: unknown): SettingsFile {
  return { file, options: {}, warnings: [], error: `无法读取设置文件 ${file}（${describeIoError(err)}）` };
}

/** Reads and validates a settings file (regular files only, at most MAX_SETTINGS_BYTES). */
export function readSettingsFile(file: string, extraKeys: readonly string[] = []): SettingsFile {
  let raw: string;
  try {
    raw = readRegularFileSync(file, MAX_SETTINGS_BYTES).bytes.toString('utf8');
  } catch (err) {
    return unreadable(file, err);
  }
  return parseSettingsFile(file, raw, extraKeys);
}

/** The same without blocking, and giving up after `timeoutMs` (the language server). */
export async function readSettingsFileAsync(file: string, timeoutMs = SETTINGS_READ_TIMEOUT_MS): Promise<SettingsFile> {
  let raw: string;
  try {
    raw = (await readRegularFile(file, MAX_SETTINGS_BYTES, timeoutMs)).bytes.toString('utf8');
  } catch (err) {
    return unreadable(file, err);
  }
  return parseSettingsFile(file, raw);
}

/** A `.gongwen.json` as the team's file: a file that cannot be used is one warning, and defaults apply. */
function asWorkspaceFile(read: SettingsFile): WorkspaceFile {
  if (!read.error) return { file: read.file, options: read.options, warnings: read.warnings };
  return { file: read.file, options: {}, warnings: [`${read.error}，已忽略，使用默认设置。`] };
}

/** Reads and validates one `.gongwen.json`. Never throws: problems become warnings. */
export function readWorkspaceFile(file: string): WorkspaceFile {
  return asWorkspaceFile(readSettingsFile(file));
}

/** The same, off the caller's thread and with a time limit (the language server). */
export async function readWorkspaceFileAsync(file: string, timeoutMs = SETTINGS_READ_TIMEOUT_MS): Promise<WorkspaceFile> {
  return asWorkspaceFile(await readSettingsFileAsync(file, timeoutMs));
}

/** The nearest `.gongwen.json` from `dir` upwards, not above `stopAt` (if given): the CLI, per file. */
export function findWorkspaceFile(dir: string, stopAt?: string): string | undefined {
  for (const candidate of settingsFileCandidates(path.resolve(dir), stopAt && path.resolve(stopAt), path)) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The same without blocking the caller's thread (the language server). */
export async function findWorkspaceFileAsync(dir: string, stopAt?: string): Promise<string | undefined> {
  for (const candidate of settingsFileCandidates(path.resolve(dir), stopAt && path.resolve(stopAt), path)) {
    try {
      await fs.promises.lstat(candidate);
      return candidate;
    } catch {
      /* not here: one folder up */
    }
  }
  return undefined;
}

/**
 * What a `.gongwen.json` in a folder the user has not trusted (VS Code's Restricted Mode) may still
 * do: nothing the checker reads. Each of its proofreading keys could harm a writer who opens
 * documents received from elsewhere: `typoPairs` puts the file author's text into the document
 * through fix-all; `rules` ("off"), `allowWords`, `documentDate` and `typoContextMargin` hide
 * findings the writer would otherwise see. Only `speechPace`, read by the client for the speaking time
 * in the status bar, is used there; it changes no finding and no text.
 */
export const KEYS_IGNORED_WHEN_UNTRUSTED = ['rules', 'typoPairs', 'allowWords', 'documentDate', 'typoContextMargin'] as const;

/** The notice for a `.gongwen.json` found in an untrusted folder (shown once, not applied). */
export function untrustedNotice(file: string): string {
  // The point first: a notification shows only its beginning.
  return `受限模式：未采用此文件夹 .gongwen.json 中的 ${KEYS_IGNORED_WHEN_UNTRUSTED.join('、')}（它们可能隐藏问题或改写文稿），信任此文件夹后生效。文件：${file}`;
}

/** Editor (or command-line) options overlaid with the workspace file's. */
export function mergeOptions(base: CheckOptions, file: CheckOptions): CheckOptions {
  // Only what the file sets is merged: the base passes through untouched otherwise, so that a
  // malformed editor setting still reaches validation (and its warning) as it was written.
  return {
    ...base,
    rules: file.rules ? { ...base.rules, ...file.rules } : base.rules,
    typoPairs: file.typoPairs ? { ...base.typoPairs, ...file.typoPairs } : base.typoPairs,
    allowWords: file.allowWords
      ? [...new Set([...(Array.isArray(base.allowWords) ? base.allowWords : []), ...file.allowWords])]
      : base.allowWords,
    date: base.date ?? file.date,
    typoContextMargin: file.typoContextMargin ?? base.typoContextMargin,
  };
}
