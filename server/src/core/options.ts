/**
 * Options from callers (settings, a --config file, tests) are untrusted: every field is checked,
 * a malformed one falls back to its default and produces one warning in Chinese that names it.
 */
import type { CheckOptions, ResolvedOptions, SeveritySetting } from './types';

const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface NormalizeResult {
  options: ResolvedOptions;
  warnings: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * Validates `input` (usually a CheckOptions, but anything is accepted) against the known rule ids.
 * Unknown rule ids are kept (a later version may know them) but reported.
 */
export function normalizeOptions(input: unknown, knownRules: readonly string[]): NormalizeResult {
  const warnings: string[] = [];
  const raw: Record<string, unknown> = isRecord(input) ? input : {};
  if (input !== undefined && input !== null && !isRecord(input)) warnings.push('设置应为一个对象，已改用默认设置。');

  const severities: Record<string, SeveritySetting> = {};
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) warnings.push('「rules」应为「规则: 严重程度」的对象，已忽略。');
    else {
      for (const [rule, value] of Object.entries(raw.rules)) {
        if (typeof value !== 'string' || !SEVERITIES.includes(value as SeveritySetting)) {
          warnings.push(`规则「${rule}」的严重程度「${String(value)}」无效（应为 ${SEVERITIES.join('、')}），已用默认值。`);
          continue;
        }
        if (!knownRules.includes(rule)) warnings.push(`未知规则「${rule}」，已忽略。`);
        severities[rule] = value as SeveritySetting;
      }
    }
  }

  const typoPairs: Record<string, string> = {};
  if (raw.typoPairs !== undefined) {
    if (!isRecord(raw.typoPairs)) warnings.push('「typoPairs」应为「错误写法: 正确写法」的对象，已忽略。');
    else {
      for (const [wrong, right] of Object.entries(raw.typoPairs)) {
        if (typeof right !== 'string' || wrong.trim() === '' || right === wrong) {
          warnings.push(`错别字对「${wrong}」→「${String(right)}」无效，已忽略。`);
          continue;
        }
        typoPairs[wrong] = right;
      }
    }
  }

  let allowWords: string[] = [];
  if (raw.allowWords !== undefined) {
    if (!Array.isArray(raw.allowWords)) warnings.push('「allowWords」应为词语列表，已忽略。');
    else {
      allowWords = raw.allowWords.filter((w): w is string => typeof w === 'string' && w.trim() !== '');
      if (allowWords.length !== raw.allowWords.length) warnings.push('「allowWords」中有非文字或空的项，已忽略这些项。');
    }
  }

  let date: string | undefined;
  if (raw.date !== undefined && raw.date !== '') {
    if (typeof raw.date === 'string' && isValidDate(raw.date)) date = raw.date;
    else warnings.push(`文稿日期「${String(raw.date)}」无效（应为 YYYY-MM-DD），已忽略。`);
  }

  let format: 'plain' | 'markdown' = 'plain';
  if (raw.format !== undefined) {
    if (raw.format === 'plain' || raw.format === 'markdown') format = raw.format;
    else warnings.push(`格式「${String(raw.format)}」无效（应为 plain 或 markdown），已按纯文本检查。`);
  }

  let typoContextMargin: number | undefined;
  if (raw.typoContextMargin !== undefined && raw.typoContextMargin !== null) {
    if (typeof raw.typoContextMargin === 'number' && Number.isFinite(raw.typoContextMargin) && raw.typoContextMargin >= 0)
      typoContextMargin = raw.typoContextMargin;
    else warnings.push(`疑似错别字的判定阈值「${String(raw.typoContextMargin)}」无效（应为不小于 0 的数），已用默认值。`);
  }

  // Keys sorted as strings: sorting the [wrong, right] entries themselves turned every comparison
  // into two string conversions (1.2 s for 100,000 pairs).
  const pairKey = Object.keys(typoPairs)
    .sort()
    .map((k) => [k, typoPairs[k]]);
  const contentKey = JSON.stringify([format, pairKey, [...allowWords].sort(), typoContextMargin]);
  // Which rules are computed does not change what they report: includeSlow stays out of the key.
  const includeSlow = raw.includeSlow !== false;
  return { options: { severities, typoPairs, allowWords, date, format, typoContextMargin, includeSlow, contentKey }, warnings };
}

export type { CheckOptions };
