/**
 * `gongwen` — the command-line checker. A thin caller of the core: reads files in whatever
 * encoding they came in, prints findings ESLint-style or as one JSON array, optionally fixes them
 * in place (keeping the file's encoding), and exits 0 (no errors), 1 (errors found) or 2 (usage
 * or I/O problem; the other files are still checked).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Checker, RULES, isValidDate, type CheckOptions } from '../core';
import { checkFile, ioMessage, type FileEntry, type FileResult } from './checkFile';
import { isExportedReport } from '../../../shared/protocol';
import { findWorkspaceFile, readSettingsFile, readWorkspaceFile, type WorkspaceFile } from '../io/settingsFile';

const USAGE_HEAD = `用法：gongwen [选项] 路径...

检查中文公文：错别字、标点、未填占位符、重复字词、网页残留、提法、数字、层次序号等（规则见下）。
路径可以是文件，也可以是文件夹（递归检查其中的 .txt、.md、.gongwen、.gw 和 Word .docx 文件）。
文本文件可以是 UTF-8（可带 BOM）、UTF-16 或 GB18030/GBK 编码。Word 文稿（.docx）按段检查，
问题位置写作「第 N 段」；.doc、.wps、.pdf、.odt 无法检查，会逐个列出（请另存为 .docx 或 .txt）。

选项：
  --format text|json|sarif
                       输出格式（默认 text）；json 输出一个数组；sarif 供代码扫描服务使用
  --date YYYY-MM-DD    文稿日期，供与日期有关的规则使用（默认取文中成文日期，否则标题中的年份，否则今天）
  --config 文件        JSON 设置文件：{"rules": {...}, "typoPairs": {...}, "allowWords": [...]}
                       （不给出时，每个文件使用其所在文件夹或上级文件夹中最近的 .gongwen.json，如有）
  --fix                自动修正有唯一修改建议的问题，按原编码写回文件（经临时文件整体替换；
                       无法原样保留其余字节的文件、只读文件、文件夹中的符号链接只检查不写回；
                       .docx 只改动问题所在的那段文字，跨越格式片段的问题列为「需在 Word 中修改」）
  --jobs N             并行检查的线程数（默认：文件不少于 50 个时取 CPU 核数，最多 4；每个线程约占 270 MB）
  --shard K/N          只检查排序后的第 K 份（共 N 份），用于把大批文稿分给多台 CI 机器
  -h, --help           显示本帮助
  -v, --version        显示版本

退出码：0 没有错误级问题；1 有错误级问题；2 用法错误、有文件无法检查（含 .doc、.wps、.pdf、.odt）、
文件读写错误或修正未能写回。
输出管道被提前关闭（如接 head）时不再输出，但照常检查完，退出码不变。`;

/**
 * The help text: the options, then one line per rule of the registry (id, default severity, what it
 * flags), so that the list can never fall behind the checker.
 */
function usage(): string {
  const idWidth = Math.max(...RULES.map((r) => r.id.length));
  const rules = RULES.map((r) => `  ${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(7)}  ${r.description}`);
  return `${USAGE_HEAD}\n\n规则（共 ${RULES.length} 条；级别可在设置文件的 rules 中调整，如 {"rules": {"style": "off"}}）：\n${rules.join('\n')}`;
}

/** Read in a folder walk: the text formats, Word's .docx, and the formats that get a clear refusal (so a folder of them never ends green). */
const EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.gongwen', '.gw', '.docx', '.doc', '.wps', '.pdf', '.odt']);

interface Args {
  format: 'text' | 'json' | 'sarif';
  jobs?: number;
  /** 1-based shard index and shard count: this run checks every count-th file from index on. */
  shard?: { index: number; count: number };
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
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format 只能是 text、json 或 sarif，而不是「${f}」`);
      args.format = f;
    } else if (name === '--jobs') {
      const n = value(name);
      if (!/^[1-9]\d*$/.test(n)) throw new UsageError(`--jobs 应为正整数，而不是「${n}」`);
      args.jobs = Number(n);
    } else if (name === '--shard') {
      const v = value(name);
      const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(v);
      if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard 应为「第几份/共几份」，如 2/4，而不是「${v}」`);
      args.shard = { index: Number(m[1]), count: Number(m[2]) };
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

/** The --config file: unreadable, not JSON or not an object is a usage error; bad fields are warnings. */
function readConfig(file: string): { options: CheckOptions; warnings: string[] } {
  const read = readSettingsFile(file, ['date']);
  if (read.error) throw new UsageError(read.error);
  return read;
}

/**
 * The options of each file: --config's for every file when given, else those of the file's nearest
 * `.gongwen.json` (the language server's lookup: its own folder first, then the folders above), each
 * file read and its warnings said once. `--date` wins over a file's date. Returns the distinct option
 * sets and, per file, the index of its set.
 */
function optionsPerFile(
  files: FileEntry[],
  config: WorkspaceFile | undefined,
  date: string | undefined,
  warn: (w: string) => void,
): CheckOptions[] {
  const sets: CheckOptions[] = [];
  const bySettingsFile = new Map<string | undefined, number>();
  const setFor = (read: WorkspaceFile | undefined): number => {
    // The settings file's fields are validated already (and its warnings said); --date wins over its date.
    const settings = read?.options ?? {};
    sets.push({ ...settings, date: date ?? settings.date });
    return sets.length - 1;
  };

  if (config) {
    const index = setFor(config);
    for (const f of files) f.settings = index;
    return sets;
  }
  const nearestByFolder = new Map<string, string | undefined>();
  for (const f of files) {
    const dir = path.dirname(path.resolve(f.file));
    if (!nearestByFolder.has(dir)) nearestByFolder.set(dir, findWorkspaceFile(dir));
    const found = nearestByFolder.get(dir);
    let index = bySettingsFile.get(found);
    if (index === undefined) {
      const read = found === undefined ? undefined : readWorkspaceFile(found);
      read?.warnings.forEach(warn);
      bySettingsFile.set(found, (index = setFor(read)));
    }
    f.settings = index;
  }
  return sets;
}

/**
 * Files to check, in a stable order; problems finding them are reported, not thrown. Symlinks to
 * folders are not followed; a symlink to a file is checked but never written through. Reading
 * refuses anything but a regular file (a FIFO, a device, a socket, a dangling link) by name, so
 * that none of them can stop the run.
 */
function collectFiles(paths: string[], problems: FileResult[]): FileEntry[] {
  const files: FileEntry[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: dir, error: ioMessage(err), diagnostics: [] });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      // 「~$报告.docx」: the owner file Word keeps beside a document it has open.
      if (e.name.startsWith('.') || e.name.startsWith('~$') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      // 「通知-校对报告.md」: a report exported next to the draft (its mark is checked when it is read).
      else if (!EXTENSIONS.has(path.extname(e.name).toLowerCase()) || isExportedReport('', e.name)) continue;
      else if (!e.isSymbolicLink()) files.push({ file: full });
      else {
        let target: fs.Stats | undefined;
        try {
          target = fs.statSync(full);
        } catch {
          /* dangling: reading it reports that */
        }
        if (!target?.isDirectory()) files.push({ file: full, viaLink: true });
      }
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      problems.push({ file: p, error: ioMessage(err), diagnostics: [] });
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.push({ file: p });
  }
  return files;
}

// ---------------------------------------------------------------- reporters

/**
 * Text from documents and file names, made safe for a terminal: control characters (an ESC starts a
 * terminal command), line and paragraph separators and the bidirectional overrides are shown as
 * escapes instead of acting.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\n/g;
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
const paint = (code: string, s: string) => (io.color ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEVERITY_COLOR: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
/** A span that takes its line break with it, shown on one line: 「预览阅读已结束↵」. */
const oneLine = (s: string) => s.replace(/\r\n|\r|\n/g, '↵');
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

/** Totals kept while results stream past; nothing else is held, so memory stays flat. */
class Summary {
  counts: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  checked = 0;
  /** Files that could not be checked. */
  failed = 0;
  /** Files checked whose fixes could not be written. */
  notFixed = 0;
  /** Fixes in Word documents left to be made in Word. */
  inWord = 0;
  add(r: FileResult): void {
    if (r.error) this.failed++;
    else this.checked++;
    if (r.notFixed) this.notFixed++;
    this.inWord += r.inWord?.length ?? 0;
    for (const d of r.diagnostics) this.counts[d.severity]++;
  }
}

/** Each output format writes as results arrive, in input order. */
interface Reporter {
  file(r: FileResult): void;
  end(summary: Summary): void;
}

/**
 * Output that a reader may stop reading: `gongwen … | head` closes the pipe and the next write fails
 * with EPIPE. From then on nothing more is written to that stream; the checks (and --fix) still run
 * to the end, so the exit code says what it always says. Any other write error is still thrown.
 */
const closed = { stdout: false, stderr: false };
let guarded = false;
function guardPipes(): void {
  if (guarded) return;
  guarded = true;
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      closed[name] = true;
    });
  }
}

/** Where a run writes: the process's streams, or a caller's (the tests run the CLI in-process). */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  /** Colours in the text output (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** A progress line on stderr (a terminal). */
  progress: boolean;
}

function processIo(): CliIo {
  guardPipes();
  return {
    out: (s) => void (closed.stdout || process.stdout.write(s)),
    err: (s) => void (closed.stderr || process.stderr.write(s)),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    progress: process.stderr.isTTY === true,
  };
}

let io: CliIo = { out: () => {}, err: () => {}, color: false, progress: false };
const write = (s: string) => io.out(s);
const writeErr = (s: string) => io.err(s);

class TextReporter implements Reporter {
  file(r: FileResult): void {
    if (r.diagnostics.length === 0 && !r.fixed && !r.error && !r.notFixed && !r.inWord?.length) return;
    // A Word document's places are paragraphs, shown with a little of their text.
    const where = (p: { line: number; column: number }) => (r.kind === 'docx' ? `第 ${p.line} 段` : `${p.line}:${p.column}`);
    const out = ['', paint('4', terminalSafe(r.file)) + (r.encoding && r.encoding !== 'UTF-8' ? paint('2', `（${r.encoding}）`) : '')];
    if (r.error) out.push(`  ${paint('31', '无法检查')}  ${terminalSafe(r.error)}`);
    if (r.notFixed) out.push(`  ${paint('31', '未写回修正')}  ${terminalSafe(r.notFixed)}（文件未作改动）`);
    if (r.fixed) {
      out.push(`  ${paint('32', `已自动修正 ${r.fixed} 处：`)}`);
      for (const f of r.fixes ?? [])
        out.push(
          `    ${paint('2', where(f))}  「${terminalSafe(oneLine(f.from))}」→${f.to === '' ? '（删除）' : `「${terminalSafe(oneLine(f.to))}」`}`,
        );
    }
    if (r.inWord?.length) {
      out.push(`  ${paint('33', `需在 Word 中修改 ${r.inWord.length} 处`)}（问题跨越了不同格式的文字片段或自动编号，未自动修正）：`);
      for (const f of r.inWord)
        out.push(
          `    ${paint('2', where(f))}  「${terminalSafe(oneLine(f.from))}」→${f.to === '' ? '（删除）' : `「${terminalSafe(oneLine(f.to))}」`}`,
        );
    }
    const posWidth = Math.max(0, ...r.diagnostics.map((d) => displayWidth(where(d))));
    const ruleWidth = Math.max(0, ...r.diagnostics.map((d) => d.rule.length));
    for (const d of r.diagnostics) {
      const suggestion =
        d.suggestions.length === 0
          ? ''
          : paint('32', `  → ${d.suggestions.map((s) => (s === '' ? '（删除）' : terminalSafe(s))).join(' / ')}`);
      const context = d.context === undefined ? '' : paint('2', `  「${terminalSafe(d.context)}」`);
      out.push(
        `  ${paint('2', pad(where(d), posWidth))}  ${paint(SEVERITY_COLOR[d.severity], pad(d.severity, 7))}  ${paint('2', pad(d.rule, ruleWidth))}  ${terminalSafe(d.message)}${suggestion}${context}`,
      );
    }
    write(out.join('\n') + '\n');
  }

  end(s: Summary): void {
    const total = s.counts.error + s.counts.warning + s.counts.info + s.counts.hint;
    const files = `检查了 ${s.checked} 个文件`;
    const notes = [
      s.failed > 0 ? `${s.failed} 个无法检查` : '',
      s.notFixed > 0 ? `${s.notFixed} 个未能写回修正` : '',
      s.inWord > 0 ? `${s.inWord} 处需在 Word 中修改` : '',
    ].filter(Boolean);
    const failedNote = notes.length > 0 ? `，${notes.join('，')}` : '';
    // A run with failures never ends on a green line.
    const failing = notes.length > 0;
    if (total === 0 && !failing) write(`\n${paint('32', `✔ 未发现问题（${files}）`)}\n`);
    else if (total === 0) write(`\n${paint('31', `✖ 未发现问题，但有文件出错（${files}${failedNote}）`)}\n`);
    else
      write(
        `\n${paint(s.counts.error > 0 || failing ? '31' : '33', `✖ ${total} 个问题（${s.counts.error} 个错误，${s.counts.warning} 个警告，${s.counts.info + s.counts.hint} 个提示）`)}，${files}${failedNote}\n`,
      );
  }
}

/** One JSON array, written element by element. */
class JsonReporter implements Reporter {
  private first = true;
  constructor() {
    write('[');
  }
  file(r: FileResult): void {
    write((this.first ? '\n' : ',\n') + JSON.stringify(r, null, 2));
    this.first = false;
    // The array holds the errors too; stderr tells a person watching the terminal.
    if (r.error) writeErr(`gongwen：${terminalSafe(r.file)}：${terminalSafe(r.error)}\n`);
    if (r.notFixed) writeErr(`gongwen：${terminalSafe(r.file)}：未写回修正：${terminalSafe(r.notFixed)}\n`);
  }
  end(): void {
    write(this.first ? ']\n' : '\n]\n');
  }
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code-scanning services: one run, the rules as the driver's rules, one result per
 * finding with its fix, and files that could not be read as tool notifications.
 */
class SarifReporter implements Reporter {
  private first = true;
  private readonly notifications: unknown[] = [];
  constructor() {
    const rules = RULES.map((r) => ({
      id: r.id,
      name: r.label,
      shortDescription: { text: r.label },
      fullDescription: { text: r.description },
      defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    }));
    const head = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'gongwen', version: VERSION, informationUri: 'https://example.invalid/gongwen', rules } },
          columnKind: 'utf16CodeUnits',
        },
      ],
    };
    const text = JSON.stringify(head);
    // Open the run's results array; results follow as they arrive.
    write(text.slice(0, -3) + ',"results":[');
  }
  file(r: FileResult): void {
    const uri = path.relative(process.cwd(), r.file).split(path.sep).join('/');
    if (r.error) {
      this.notifications.push({
        level: 'error',
        message: { text: r.error },
        locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      });
      return;
    }
    if (r.notFixed) {
      this.notifications.push({
        level: 'error',
        message: { text: `未写回修正：${r.notFixed}` },
        locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      });
    }
    for (const d of r.diagnostics) {
      const endColumn = d.column + (d.text.includes('\n') ? 0 : d.length);
      const region = { startLine: d.line, startColumn: d.column, endLine: d.line, endColumn, charOffset: d.offset, charLength: d.length };
      const result: Record<string, unknown> = {
        ruleId: d.rule,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
      };
      if (d.suggestions.length === 1) {
        result.fixes = [
          {
            description: { text: d.suggestions[0] === '' ? '删除' : `改为「${d.suggestions[0]}」` },
            artifactChanges: [
              { artifactLocation: { uri }, replacements: [{ deletedRegion: region, insertedContent: { text: d.suggestions[0] } }] },
            ],
          },
        ];
      }
      write((this.first ? '' : ',') + JSON.stringify(result));
      this.first = false;
    }
  }
  end(): void {
    const invocation = { executionSuccessful: this.notifications.length === 0, toolExecutionNotifications: this.notifications };
    write(`],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
  }
}

// ---------------------------------------------------------------- running the checks

/** Shows progress on a terminal only, at most ten times a second, and clears it at the end. */
class Progress {
  private readonly enabled: boolean;
  private last = 0;
  constructor(private readonly total: number) {
    this.enabled = io.progress && total > 1;
  }
  tick(done: number): void {
    const now = Date.now();
    if (!this.enabled || (now - this.last < 100 && done < this.total)) return;
    this.last = now;
    writeErr(`\r检查中 ${done}/${this.total} 个文件…`);
  }
  clear(): void {
    if (this.enabled) writeErr('\r\x1b[K');
  }
}

/**
 * Results in input order. With more than one job, files are checked by worker threads (each loads
 * its own dictionary, about 270 MB: memory is bounded by the number of jobs) and a result waits in a
 * small buffer only until the ones before it are done.
 */
async function* checkAll(files: FileEntry[], optionSets: CheckOptions[], fix: boolean, jobs: number): AsyncGenerator<FileResult> {
  if (jobs <= 1) {
    const checker = new Checker();
    for (const file of files) yield checkFile(file, checker, optionSets[file.settings ?? 0], fix);
    return;
  }
  const ready = new Map<number, FileResult>();
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let next = 0;
  const workers: Worker[] = [];
  const dispatch = (worker: Worker) => {
    if (next < files.length) {
      worker.postMessage({ index: next, entry: files[next] });
      next++;
    }
  };
  for (let k = 0; k < jobs; k++) {
    const worker = new Worker(path.join(__dirname, 'cliWorker.js'), { workerData: { optionSets, fix } });
    worker.on('message', (m: { index: number; result: FileResult }) => {
      ready.set(m.index, m.result);
      dispatch(worker);
      wake?.();
    });
    worker.on('error', (err) => {
      failure = err;
      wake?.();
    });
    workers.push(worker);
  }
  try {
    // Two files in flight per worker keeps every core busy while one result is being posted.
    for (const w of workers) {
      dispatch(w);
      dispatch(w);
    }
    for (let i = 0; i < files.length; i++) {
      while (!ready.has(i)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const result = ready.get(i)!;
      ready.delete(i);
      yield result;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// ---------------------------------------------------------------- main

export async function main(argv: string[], output: CliIo = processIo()): Promise<number> {
  io = output;
  let args: ReturnType<typeof parseArgs>;
  let config: WorkspaceFile | undefined;
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      write(usage() + '\n');
      return 0;
    }
    if (args === 'version') {
      write(`gongwen ${VERSION}\n`);
      return 0;
    }
    if (args.config) {
      config = readConfig(args.config);
      for (const w of config.warnings) writeErr(`gongwen：${terminalSafe(w)}\n`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      writeErr(`gongwen：${terminalSafe(err.message)}\n\n${USAGE_HEAD}\n（gongwen --help 另列出全部规则。）\n`);
      return 2;
    }
    throw err;
  }

  const problems: FileResult[] = [];
  let files = collectFiles(args.paths, problems);
  if (args.shard) files = files.filter((_, i) => i % args.shard!.count === args.shard!.index - 1);
  const optionSets = optionsPerFile(files, config, args.date, (w) => writeErr(`gongwen：${terminalSafe(w)}\n`));
  const jobs = Math.max(1, Math.min(args.jobs ?? (files.length >= 50 ? Math.min(os.availableParallelism(), 4) : 1), files.length));

  const reporter: Reporter =
    args.format === 'json' ? new JsonReporter() : args.format === 'sarif' ? new SarifReporter() : new TextReporter();
  const summary = new Summary();
  const progress = new Progress(files.length);
  let done = 0;
  const warned = new Set<string>();
  for await (const result of checkAll(files, optionSets, args.fix, jobs)) {
    for (const w of result.warnings ?? []) {
      if (warned.has(w)) continue;
      warned.add(w);
      progress.clear();
      writeErr(`gongwen：${terminalSafe(w)}\n`);
    }
    summary.add(result);
    progress.clear();
    reporter.file(result);
    progress.tick(++done);
  }
  progress.clear();
  for (const p of problems) {
    summary.add(p);
    reporter.file(p);
  }
  reporter.end(summary);

  if (summary.failed > 0 || summary.notFixed > 0) return 2;
  return summary.counts.error > 0 ? 1 : 0;
}

declare const __GONGWEN_VERSION__: string;
const VERSION = typeof __GONGWEN_VERSION__ === 'string' ? __GONGWEN_VERSION__ : 'dev';

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
