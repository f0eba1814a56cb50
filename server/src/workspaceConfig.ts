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
import { normalizeOptions, RULES, type CheckOptions } from './core';

export const WORKSPACE_FILE = '.gongwen.json';

export interface WorkspaceFile {
  /** The file's path, or undefined when none was found. */
  file?: string;
  options: CheckOptions;
  /** Problems with the file, in Chinese, each naming it. */
  warnings: string[];
}

/** Reads and validates one settings file. Never throws: problems become warnings. */
export function readWorkspaceFile(file: string): WorkspaceFile {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { file, options: {}, warnings: [`无法读取 ${file}（${(err as NodeJS.ErrnoException).code ?? String(err)}），已忽略。`] };
  }
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { file, options: {}, warnings: [`${file} 不是有效的 JSON（${(err as Error).message}），已忽略，使用默认设置。`] };
  }
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  const known = new Set(['rules', 'typoPairs', 'allowWords', 'documentDate', 'speechPace', 'typoContextMargin', '$schema']);
  const unknownKeys = record ? Object.keys(record).filter((k) => !known.has(k)) : [];
  const { options, warnings } = normalizeOptions(
    record
      ? { rules: record.rules, typoPairs: record.typoPairs, allowWords: record.allowWords, date: record.documentDate, typoContextMargin: record.typoContextMargin }
      : json,
    RULES.map((r) => r.id),
  );
  return {
    file,
    options: {
      rules: record?.rules !== undefined ? options.severities : undefined,
      typoPairs: record?.typoPairs !== undefined ? options.typoPairs : undefined,
      allowWords: record?.allowWords !== undefined ? options.allowWords : undefined,
      date: options.date,
      typoContextMargin: options.typoContextMargin,
    },
    warnings: [...warnings, ...unknownKeys.map((k) => `未知设置项「${k}」，已忽略。`)].map((w) => `${file}：${w}`),
  };
}

/** The nearest `.gongwen.json` from `dir` upwards, not above `stopAt` (if given). */
export function findWorkspaceFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(current, WORKSPACE_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current || current === stop) return undefined;
    current = parent;
  }
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
    allowWords: file.allowWords ? [...new Set([...(Array.isArray(base.allowWords) ? base.allowWords : []), ...file.allowWords])] : base.allowWords,
    date: base.date ?? file.date,
    typoContextMargin: file.typoContextMargin ?? base.typoContextMargin,
  };
}
