#!/usr/bin/env node
// Benchmark: prints a table and writes bench/results.json. Run with `npm run bench`
// (`node bench/run.js --adversarial`: only the pathological inputs; `--docx`: only reading a Word
// document against its check; both after `node esbuild.mjs`).
// Text: the project's own example documents (examples/*.txt), repeated to 10k / 100k / 1M characters.
// Each figure is the median of several runs in this one process; ratios are computed from one run.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const root = path.join(__dirname, '..');
const core = require(path.join(root, 'dist', 'core.js'));
const rpc = require('vscode-jsonrpc/node');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

function corpus(chars) {
  const dir = path.join(root, 'examples');
  const base = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.includes('gbk'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  let text = '';
  while (text.length < chars) text += base + '\n';
  return text.slice(0, chars);
}

/**
 * The corpus repeats its paragraphs, so a full check runs with the paragraph cache off: every
 * paragraph is checked, as in a real document whose paragraphs all differ.
 */
const checkOnce = (text, includeSlow = false) => time(() => new core.Checker({ cacheSize: 0 }).check(text, { includeSlow }));

function fullCheck(text, runs, includeSlow = false) {
  return median(Array.from({ length: runs }, () => checkOnce(text, includeSlow)));
}

const segmentOnce = (jieba, paragraphs) => time(() => paragraphs.forEach((p) => jieba.cut(p, false)));

/**
 * The full check of 1M characters and its floor, segmentation alone, in alternate runs: a machine
 * shared with other work speeds up and slows down over seconds, and both figures of the ratio should
 * see the same machine.
 */
function fullAndSegment(text, runs) {
  const jieba = core.loadNodejieba();
  const paragraphs = text.split('\n');
  const full = [];
  const segment = [];
  for (let i = 0; i < runs; i++) {
    full.push(checkOnce(text));
    segment.push(segmentOnce(jieba, paragraphs));
  }
  return { full: median(full), segment: median(segment) };
}

/**
 * One keystroke-sized edit in the middle of the document, through the cache as the editor uses it
 * (typing path: slow rules left to the idle pass). Twenty edits first warm the JIT, as a real editing
 * session is warm; every edit, warm-up or measured, inserts text not seen before. The server's check
 * worker receives each version of the document through postMessage, as one flat string: the edited
 * texts are made that way (structuredClone) before the clock starts, not as a concatenation whose
 * flattening the checker would pay for.
 */
function editCheck(text, runs) {
  const checker = new core.Checker();
  checker.check(text, { includeSlow: false });
  const at = text.indexOf('\n', text.length >> 1);
  const edit = (i) => structuredClone(text.slice(0, at) + `关健${i}号` + text.slice(at));
  for (let i = 0; i < 20; i++) checker.check(edit(-1 - i), { includeSlow: false });
  const edited = Array.from({ length: runs }, (_, i) => edit(i));
  return median(edited.map((t) => time(() => checker.check(t, { includeSlow: false }))));
}

/** Only the half-width punctuation rule, cache off: the figure compared with the peers below. */
function widthOurs(text, runs) {
  const rules = Object.fromEntries(core.RULES.map((r) => [r.id, r.id === 'punct-width' ? 'warning' : 'off']));
  return median(Array.from({ length: runs }, () => time(() => new core.Checker({ cacheSize: 0 }).check(text, { rules }))));
}

/**
 * The peers, on the same text. autocorrect-node lints the whole text in one call. zhlint is run
 * paragraph by paragraph (its parser is meant for short texts) with its default preset, which also
 * checks spacing and other punctuation: it does more than a width check, and is reported as is.
 */
function widthAutocorrect(text, runs) {
  const autocorrect = require('autocorrect-node');
  return median(Array.from({ length: runs }, () => time(() => autocorrect.lintFor(text, 'text'))));
}

function widthZhlint(text) {
  const zhlint = require('zhlint');
  const paragraphs = text.split('\n');
  return time(() => paragraphs.forEach((p) => zhlint.run(p, { rules: { preset: 'default' } })));
}

/** typo-context alone, cache off, per 10,000 characters (its tables and model loaded beforehand). */
function typoContextOnly(text, runs) {
  const rules = Object.fromEntries(core.RULES.map((r) => [r.id, r.id === 'typo-context' ? 'info' : 'off']));
  new core.Checker({ cacheSize: 0 }).check('预热：持旭推进。', { rules });
  const ms = median(Array.from({ length: runs }, () => time(() => new core.Checker({ cacheSize: 0 }).check(text, { rules }))));
  return (ms * 10000) / text.length;
}

/**
 * In a fresh process, as the checker worker meets them: reading the trigram model file alone, and
 * typo-context's first check once nodejieba is loaded (its dictionary tables, the model, the
 * attested sequences and place names).
 */
function typoContextLoad() {
  const script = `
    const core = require(${JSON.stringify(path.join(root, 'dist', 'core.js'))});
    const t = () => Number(process.hrtime.bigint()) / 1e6;
    let t0 = t();
    core.readTrigramModel(core.typoContextModelFile());
    const lm = t() - t0;
    core.loadNodejieba();
    const rules = Object.fromEntries(core.RULES.map((r) => [r.id, r.id === 'typo-context' ? 'info' : 'off']));
    t0 = t();
    core.check('坚持持旭推进。', { rules });
    console.log(JSON.stringify({ lm, first: t() - t0 }));`;
  const out = require('node:child_process').execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * Server start to first diagnostics (the quick pass published while the dictionary loads), to the
 * complete diagnostics (the first publication holding a finding that needs segmentation), and the
 * server's RSS then (worker thread included); then to the idle pass that adds the slow rule
 * (typo-context, with its model), and the RSS with everything loaded.
 */
function coldStart() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const timer = setTimeout(() => reject(new Error('no diagnostics in 30 s')), 30000);
    let first;
    let full;
    let rssMb;
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      if (p.diagnostics.length === 0) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      first ??= ms;
      if (!p.diagnostics.some((d) => d.code === 'typo')) return;
      if (full === undefined) {
        full = ms;
        rssMb = rss();
        return;
      }
      // The next publication is the idle pass (1.5 s after the last change), slow rule included.
      clearTimeout(timer);
      const rssAllMb = rss();
      conn.dispose();
      child.kill();
      resolve({ first, full, rssMb, idle: ms, rssAllMb });
    });
    conn.listen();
    conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }).then(() => {
      conn.sendNotification('initialized', {});
      conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///bench.txt', languageId: 'plaintext', version: 1, text: corpus(10000) },
      });
    }, reject);
  });
}

/**
 * The pathological inputs of bench/adversarial.js, each about `chars` long, checked with every rule
 * (typo-context included, cache off), against ordinary prose of the same length checked the same
 * way: the median of `runs` alternating runs each. Then 100,000 typoPairs: the first check (which
 * compiles them) and a later one (which must find them compiled), against the same prose without.
 */
function adversarial(chars, runs) {
  const { CASES } = require('./adversarial');
  const prose = corpus(chars);
  const all = (text, format, options = {}) =>
    time(() => new core.Checker({ cacheSize: 0 }).check(text, { format, includeSlow: true, ...options }));
  all(prose, 'plain'); // warm: typo-context's lexicon is read on first use
  const baseline = [];
  const cases = [];
  for (const c of CASES) {
    const text = c.make ? c.make(chars) : prose.replace(/\n/g, '');
    const ms = [];
    const own = [];
    for (let i = 0; i < runs; i++) {
      own.push(all(prose, 'plain'));
      ms.push(all(text, c.format));
    }
    baseline.push(...own);
    // The ratio to the prose runs alternating with this case's: the shared machine's speed drifts
    // over a benchmark of minutes, and both sides of a ratio should see the same machine.
    cases.push({
      name: c.name,
      about: c.about,
      chars: text.length,
      ms: median(ms),
      ratio: +(median(ms) / ((median(own) * text.length) / prose.length)).toFixed(2),
    });
  }
  const proseMs = median(baseline);
  for (const c of cases) {
    c.usPerChar = +((c.ms * 1000) / c.chars).toFixed(3);
    c.ms = Math.round(c.ms * 10) / 10;
  }
  // 100,000 typo pairs of the user's: one checker, as the CLI and the server keep one.
  const pairs = {};
  for (let i = 0; i < 100_000; i++) pairs[`错${i.toString(36)}词`] = `对${i.toString(36)}词`;
  const { options } = core.normalizeOptions(
    { typoPairs: pairs, includeSlow: true },
    core.RULES.map((r) => r.id),
  );
  const checker = new core.Checker({ cacheSize: 0 });
  const firstMs = time(() => checker.check(prose, options));
  const laterMs = median(Array.from({ length: runs }, () => time(() => checker.check(prose, options))));
  const worst = cases.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    chars,
    prose_ms: Math.round(proseMs * 10) / 10,
    prose_us_per_char: +((proseMs * 1000) / prose.length).toFixed(3),
    cases,
    worst: { name: worst.name, ratio: worst.ratio },
    typo_pairs_100k: { first_ms: Math.round(firstMs), later_ms: Math.round(laterMs), ratio_later: +(laterMs / proseMs).toFixed(2) },
  };
}

/**
 * The language server with 100,000 typoPairs in the editor's settings: the time from an edit to its
 * diagnostics (the typing pass), the median over `edits` edits after the first check — the pairs
 * must not be sent, validated and compiled again for each.
 */
function lspWithTypoPairs(edits) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const pairs = {};
    for (let i = 0; i < 100_000; i++) pairs[`错${i.toString(36)}词`] = `对${i.toString(36)}词`;
    conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ typoPairs: pairs })));
    const uri = 'file:///bench-pairs.txt';
    const base = corpus(10_000);
    let version = 1;
    let sentAt = 0;
    const times = [];
    const timer = setTimeout(() => reject(new Error('no diagnostics in 120 s')), 120_000);
    const next = () => {
      version++;
      sentAt = performance.now();
      const text = base + `\n关健${version}号`;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    };
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      if (p.uri !== uri || p.version !== version || !p.diagnostics.some((d) => d.code === 'typo')) return;
      if (version > 1) times.push(performance.now() - sentAt);
      if (times.length < edits) return next();
      clearTimeout(timer);
      conn.dispose();
      child.kill();
      resolve(median(times));
    });
    conn.listen();
    conn
      .sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } })
      .then(() => {
        conn.sendNotification('initialized', {});
        conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text: base } });
      }, reject);
  });
}

function printAdversarial(a) {
  console.log(
    `pathological inputs, ${a.chars.toLocaleString('en')} characters, all rules: ordinary prose ${a.prose_ms} ms (${a.prose_us_per_char} µs per character)`,
  );
  for (const c of a.cases)
    console.log(
      `  ${c.name.padEnd(17)} ${String(c.ms).padStart(9)} ms ${String(c.usPerChar).padStart(7)} µs/char  ×${String(c.ratio).padEnd(5)} ${c.about}`,
    );
  console.log(`  worst: ${a.worst.name} ×${a.worst.ratio}`);
  const p = a.typo_pairs_100k;
  console.log(
    `  100,000 typoPairs: first check ${p.first_ms} ms (compiles them), later checks ${p.later_ms} ms (×${p.ratio_later} of prose without)`,
  );
  if (p.lsp_edit_ms !== undefined)
    console.log(
      `  100,000 typoPairs in the editor's settings: an edit of a 10,000-character document to its diagnostics ${p.lsp_edit_ms} ms (median of 10; includes the 250 ms debounce)`,
    );
}

/**
 * Reading a Word document: the text as a .docx (built as test/docxBuild.js builds the tests'; each
 * paragraph split into runs of at most 50 characters, as Word splits them at edits and formatting),
 * from its bytes to the extracted text (unzip, XML, numbering), median of `runs`.
 */
function docxRead(text, runs) {
  const docx = require(path.join(root, 'dist', 'docx.js'));
  const { buildDocx } = require(path.join(root, 'test', 'docxBuild.js'));
  const paragraphs = text.split('\n').map((line) => {
    const pieces = [];
    for (let i = 0; i < line.length; i += 50) pieces.push(line.slice(i, i + 50));
    return pieces.length ? pieces : [''];
  });
  const bytes = buildDocx({ paragraphs });
  const read = docx.readDocx(bytes);
  if (read.text !== text.replace(/\n?$/, '\n')) throw new Error('docx bench: the extracted text differs from the source');
  return { ms: median(Array.from({ length: runs }, () => time(() => docx.readDocx(bytes)))), bytes: bytes.length };
}

function printDocx(r) {
  console.log(
    `  docx_read_100k_ms ${String(r.docx_read_100k_ms).padStart(7)}   读取 10 万字的 .docx（${Math.round(r.docx_100k_bytes / 1024)} KB，解压、解析 XML、取出文字）`,
  );
  console.log(
    `  docx_read_over_check_all   ${r.docx_read_over_check_all}   （读取 ÷ 含 typo-context 的全文检查，命令行所做的；目标 ≤ 0.2）`,
  );
  console.log(`  docx_read_over_check       ${r.docx_read_over_check}   （读取 ÷ 输入时规则的全文检查）`);
}

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  if (process.argv.includes('--docx')) {
    const t100k = corpus(100_000);
    core.loadNodejieba();
    const d = docxRead(t100k, runs);
    const all = fullCheck(t100k, Math.max(3, Math.ceil(runs / 2)), true);
    const typing = fullCheck(t100k, runs);
    printDocx({
      docx_read_100k_ms: Math.round(d.ms * 10) / 10,
      docx_100k_bytes: d.bytes,
      docx_read_over_check_all: +(d.ms / all).toFixed(3),
      docx_read_over_check: +(d.ms / typing).toFixed(3),
    });
    console.log(`  (check with typo-context ${Math.round(all)} ms, typing rules ${Math.round(typing)} ms)`);
    return;
  }
  if (process.argv.includes('--adversarial')) {
    core.loadNodejieba();
    const adv = adversarial(100_000, Number(process.env.BENCH_ADV_RUNS ?? 3));
    adv.typo_pairs_100k.lsp_edit_ms = Math.round(await lspWithTypoPairs(10));
    printAdversarial(adv);
    return;
  }
  const t10k = corpus(10_000);
  const t100k = corpus(100_000);
  const t1m = corpus(1_000_000);
  core.loadNodejieba(); // load time is cold_start's business, not the check's
  const r = {};
  r.full_10k_ms = fullCheck(t10k, runs);
  r.full_100k_ms = fullCheck(t100k, runs);
  const floor = fullAndSegment(t1m, runs);
  r.full_1m_ms = floor.full;
  // The slow rule (typo-context) runs on idle, in the full-document check and in the CLI.
  r.full_100k_all_ms = fullCheck(t100k, Math.max(3, Math.ceil(runs / 2)), true);
  r.segment_1m_ms = floor.segment;
  r.edit_100k_ms = editCheck(t100k, runs);
  r.width_ours_ms = widthOurs(t1m, Math.max(3, Math.ceil(runs / 2)));
  r.width_autocorrect_ms = widthAutocorrect(t1m, Math.max(3, Math.ceil(runs / 2)));
  r.width_zhlint_ms = process.env.BENCH_SKIP_ZHLINT ? null : widthZhlint(t1m); // ~30 s: one run
  const docxResult = docxRead(t100k, runs);
  r.docx_read_100k_ms = docxResult.ms;
  r.typo_context_10k_ms = typoContextOnly(t100k, Math.max(3, Math.ceil(runs / 2)));
  const loads = Array.from({ length: 3 }, typoContextLoad);
  r.lm_load_ms = median(loads.map((l) => l.lm));
  r.typo_context_first_ms = median(loads.map((l) => l.first));
  const cold = [];
  for (let i = 0; i < 3; i++) cold.push(await coldStart());
  r.cold_start_ms = median(cold.map((c) => c.first));
  r.cold_full_ms = median(cold.map((c) => c.full));
  r.rss_mb = median(cold.map((c) => c.rssMb));
  r.cold_idle_ms = median(cold.map((c) => c.idle));
  r.rss_all_mb = median(cold.map((c) => c.rssAllMb));
  for (const k of Object.keys(r)) if (r[k] !== null) r[k] = Math.round(r[k] * 10) / 10;
  const ratios = {
    full_1m_over_segment_1m: +(r.full_1m_ms / r.segment_1m_ms).toFixed(3),
    edit_100k_over_full_100k: +(r.edit_100k_ms / r.full_100k_ms).toFixed(3),
    width_ours_over_autocorrect: +(r.width_ours_ms / r.width_autocorrect_ms).toFixed(3),
    docx_read_over_check_all: +(r.docx_read_100k_ms / r.full_100k_all_ms).toFixed(3),
    docx_read_over_check: +(r.docx_read_100k_ms / r.full_100k_ms).toFixed(3),
  };
  const machine = {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
  const adv = adversarial(100_000, Number(process.env.BENCH_ADV_RUNS ?? 3));
  adv.typo_pairs_100k.lsp_edit_ms = Math.round(await lspWithTypoPairs(10));
  const results = { date: new Date().toISOString().slice(0, 10), machine, runs, results: r, ratios, adversarial: adv };
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const rows = [
    ['full_10k_ms', '全文检查 1 万字（输入时运行的全部规则）'],
    ['full_100k_ms', '全文检查 10 万字（同上）'],
    ['full_1m_ms', '全文检查 100 万字（同上）'],
    ['full_100k_all_ms', '全文检查 10 万字，含慢规则 typo-context'],
    ['segment_1m_ms', '仅 nodejieba 分词 100 万字'],
    ['docx_read_100k_ms', '读取 10 万字的 .docx（解压、解析 XML、取出文字）'],
    ['edit_100k_ms', '10 万字文档改一处后重查'],
    ['width_ours_ms', '半角标点检查 100 万字（本项目）'],
    ['width_autocorrect_ms', '同上，autocorrect-node'],
    ['width_zhlint_ms', '同上，zhlint（逐段，默认规则集）'],
    ['cold_start_ms', '服务器启动到首批诊断（不需分词的规则）'],
    ['cold_full_ms', '服务器启动到完整诊断（词典加载完毕）'],
    ['rss_mb', '服务器内存（RSS，MB）'],
    ['typo_context_10k_ms', '仅 typo-context，每 1 万字（10 万字文本，模型已载入）'],
    ['lm_load_ms', '读入语言模型文件（新进程）'],
    ['typo_context_first_ms', 'typo-context 首次检查：词表、语言模型、已见用语与地名载入'],
    ['cold_idle_ms', '服务器启动到停顿后的完整检查（含 typo-context）'],
    ['rss_all_mb', '服务器内存，全部规则与模型已载入（RSS，MB）'],
  ];
  console.log(`gongwen benchmark — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, median of ${runs}`);
  for (const [k, label] of rows) console.log(`  ${k.padEnd(15)} ${String(r[k]).padStart(9)}   ${label}`);
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(26)} ${v}`);
  printAdversarial(adv);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
