/**
 * `gongwen` — the command-line checker. A thin caller of the core: reads files in whatever
 * encoding they came in, prints findings ESLint-style or as one JSON array, optionally fixes them
 * in place (keeping the file's encoding), and exits 0 (no errors), 1 (errors found) or 2 (usage
 * or I/O problem; the other files are still checked).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker, applyFixes, isValidDate, splitParagraphs, type CheckOptions, type Finding } from './core';
import { DecodeError, ENCODING_LABEL, decode, encode, type Decoded } from './encoding';
import { findWorkspaceFile, readWorkspaceFile } from './workspaceConfig';

const USAGE = `用法：gongwen [选项] 路径...

检查中文公文中的错别字、标点、未填占位符、重复字词和网页残留。
路径可以是文件，也可以是文件夹（递归检查其中的 .txt、.md、.gongwen、.gw 文件）。
文件可以是 UTF-8（可带 BOM）、UTF-16 或 GB18030/GBK 编码。

选项：
  --format text|json   输出格式（默认 text）；json 输出一个数组
  --date YYYY-MM-DD    文稿日期，供与日期有关的规则使用（默认取文中成文日期，否则今天）
  --config 文件        JSON 设置文件：{"rules": {...}, "typoPairs": {...}, "allowWords": [...]}
                       （不给出时，使用当前目录或上级目录中的 .gongwen.json，如有）
  --fix                自动修正有唯一修改建议的问题，按原编码写回文件
  -h, --help           显示本帮助
  -v, --version        显示版本

退出码：0 没有错误级问题；1 有错误级问题；2 用法错误或文件读写错误。`;

const EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.gongwen', '.gw']);
/** Larger files are refused: 公文 are far smaller, and the whole text is held in memory. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Args {
  format: 'text' | 'json';
  date?: string;
  config?: string;
  fix: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { format: 'text', fix: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => {
      const eq = arg.indexOf('=');
      if (eq > 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`选项 ${name} 缺少取值`);
      return argv[++i];
    };
    const name = arg.split('=')[0];
    if (name === '-h' || name === '--help') return 'help';
    if (name === '-v' || name === '--version') return 'version';
    if (name === '--fix') args.fix = true;
    else if (name === '--format') {
      const f = value(name);
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format 只能是 text 或 json，而不是「${f}」`);
      args.format = f;
    } else if (name === '--date') {
      const d = value(name);
      if (!isValidDate(d)) throw new UsageError(`--date 应为有效日期 YYYY-MM-DD，而不是「${d}」`);
      args.date = d;
    } else if (name === '--config') args.config = value(name);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`未知选项「${arg}」`);
    else args.paths.push(arg);
  }
  if (args.paths.length === 0) throw new UsageError('请给出要检查的文件或文件夹');
  return args;
}

function readConfig(file: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`无法读取设置文件 ${file}：${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`设置文件 ${file} 不是有效的 JSON：${(err as Error).message}`);
  }
}

/** Files to check, in a stable order; problems finding them are reported, not thrown. */
function collectFiles(paths: string[], problems: { file: string; error: string }[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: dir, error: ioMessage(err) });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) files.push(full);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      problems.push({ file: p, error: ioMessage(err) });
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return files;
}

function ioMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件或文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是文件夹';
  return err instanceof Error ? err.message : String(err);
}

interface JsonDiagnostic {
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

interface AppliedFix {
  line: number;
  column: number;
  rule: string;
  from: string;
  to: string;
}

interface FileResult {
  file: string;
  encoding?: string;
  fixed?: number;
  /** With --fix: each change made, positioned in the text as it was before fixing. */
  fixes?: AppliedFix[];
  error?: string;
  diagnostics: JsonDiagnostic[];
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

function checkFile(file: string, checker: Checker, base: CheckOptions, fix: boolean): FileResult {
  let decoded: Decoded;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_BYTES) return { file, error: `文件过大（${(stat.size / 1048576).toFixed(1)} MB，上限 ${MAX_BYTES / 1048576} MB），已跳过`, diagnostics: [] };
    decoded = decode(fs.readFileSync(file));
  } catch (err) {
    return { file, error: err instanceof DecodeError ? err.message : ioMessage(err), diagnostics: [] };
  }
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
  return { file, encoding: ENCODING_LABEL[decoded.encoding], fixed, fixes, diagnostics: findings.map((f) => toJson(text, starts, f)) };
}

// ---------------------------------------------------------------- text output

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEVERITY_COLOR: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

function printText(results: FileResult[], problems: { file: string; error: string }[]): void {
  const out: string[] = [];
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (r.diagnostics.length === 0 && !r.fixed && !r.error) continue;
    out.push('', paint('4', r.file) + (r.encoding && r.encoding !== 'UTF-8' ? paint('2', `（${r.encoding}）`) : ''));
    if (r.error) out.push(`  ${paint('31', '无法检查')}  ${r.error}`);
    if (r.fixed) {
      out.push(`  ${paint('32', `已自动修正 ${r.fixed} 处：`)}`);
      for (const f of r.fixes ?? []) out.push(`    ${paint('2', `${f.line}:${f.column}`)}  「${f.from}」→${f.to === '' ? '（删除）' : `「${f.to}」`}`);
    }
    const posWidth = Math.max(0, ...r.diagnostics.map((d) => `${d.line}:${d.column}`.length));
    const ruleWidth = Math.max(0, ...r.diagnostics.map((d) => d.rule.length));
    for (const d of r.diagnostics) {
      counts[d.severity]++;
      const suggestion = d.suggestions.length === 0 ? '' : paint('32', `  → ${d.suggestions.map((s) => (s === '' ? '（删除）' : s)).join(' / ')}`);
      out.push(`  ${paint('2', pad(`${d.line}:${d.column}`, posWidth))}  ${paint(SEVERITY_COLOR[d.severity], pad(d.severity, 7))}  ${paint('2', pad(d.rule, ruleWidth))}  ${d.message}${suggestion}`);
    }
  }
  for (const p of problems) out.push('', paint('4', p.file), `  ${paint('31', '无法检查')}  ${p.error}`);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const failed = problems.length + results.filter((r) => r.error).length;
  out.push('');
  const files = `检查了 ${results.filter((r) => !r.error).length} 个文件`;
  const failedNote = failed > 0 ? `，${failed} 个无法检查` : '';
  if (total === 0) out.push(paint('32', `✔ 未发现问题（${files}${failedNote}）`));
  else
    out.push(
      paint(counts.error > 0 ? '31' : '33', `✖ ${total} 个问题（${counts.error} 个错误，${counts.warning} 个警告，${counts.info + counts.hint} 个提示）`) +
        `，${files}${failedNote}`,
    );
  process.stdout.write(out.join('\n') + '\n');
}

// ---------------------------------------------------------------- main

export function main(argv: string[]): number {
  let args: ReturnType<typeof parseArgs>;
  let configInput: unknown = {};
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (args === 'version') {
      process.stdout.write(`gongwen ${VERSION}\n`);
      return 0;
    }
    if (args.config) configInput = readConfig(args.config);
    else {
      const found = findWorkspaceFile(process.cwd());
      if (found) {
        const ws = readWorkspaceFile(found);
        for (const w of ws.warnings) process.stderr.write(`gongwen：${w}\n`);
        configInput = { ...ws.options, rules: ws.options.rules ?? {} };
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`gongwen：${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }

  const checker = new Checker();
  const config = (typeof configInput === 'object' && configInput !== null ? configInput : {}) as Record<string, unknown>;
  const { options, warnings } = checker.resolve({ ...config, date: args.date ?? config.documentDate ?? config.date });
  for (const w of warnings) process.stderr.write(`gongwen：设置文件 ${args.config}：${w}\n`);
  const base: CheckOptions = { rules: options.severities, typoPairs: options.typoPairs, allowWords: options.allowWords, date: options.date };

  const problems: { file: string; error: string }[] = [];
  const files = collectFiles(args.paths, problems);
  const results = files.map((f) => checkFile(f, checker, base, args.fix));

  if (args.format === 'json') {
    const all: FileResult[] = [...results, ...problems.map((p) => ({ file: p.file, error: p.error, diagnostics: [] }))];
    process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  } else {
    printText(results, problems);
  }
  if (args.format === 'json') {
    // The JSON holds the errors too; stderr tells a person watching the terminal.
    for (const r of [...results.filter((r) => r.error), ...problems]) process.stderr.write(`gongwen：${r.file}：${r.error}\n`);
  }

  if (problems.length > 0 || results.some((r) => r.error)) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

declare const __GONGWEN_VERSION__: string;
const VERSION = typeof __GONGWEN_VERSION__ === 'string' ? __GONGWEN_VERSION__ : 'dev';

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
