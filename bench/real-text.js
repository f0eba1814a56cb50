#!/usr/bin/env node
// False alarms on published text, at a glance: checks every document of a folder with the date its
// manifest gives (manifest.tsv: a header row, then file<TAB>…<TAB>date as the last column), and prints
// findings per 10,000 characters by rule and by kind of document, then lists every finding.
// Every finding on professionally edited text is a false alarm until someone shows the text is wrong.
//
//   node esbuild.mjs && node bench/real-text.js ../shared/data/real-clean
//   node bench/real-text.js --rule numbering --context 20 FOLDER   # one rule, wider context
//   node bench/real-text.js --summary FOLDER                       # tables only, no list
//   node bench/real-text.js --json FOLDER                          # machine-readable totals
//   node bench/real-text.js --summary --kind law /tmp/laws         # a corpus unpacked there (subfolders
//                                                                  # too; dates from 「…(2020-03-27).md」)
//
// 「w/o width」 leaves out every punct-width finding; 「w/o md width」 only those in Markdown files, the
// half-width marks of a transcription (plain-text reports keep theirs).
// Kinds come from the file name's prefix before the first '-' (report-…, law-…). Characters are
// counted as the status bar counts them (everything but white space). Markdown files (.md) are
// checked as Markdown. The documents stay outside the repository; this script only reads them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const core = require(path.join(__dirname, '..', 'dist', 'core.js'));

function parseArgs(argv) {
  const opts = { rule: undefined, context: 12, summary: false, json: false, folder: undefined, kind: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rule') opts.rule = argv[++i];
    else if (a === '--context') opts.context = Number(argv[++i]);
    else if (a === '--summary') opts.summary = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--kind') opts.kind = argv[++i];
    else if (a.startsWith('-') || opts.folder) usage(a === '--help' || a === '-h' ? 0 : 2);
    else opts.folder = a;
  }
  if (!opts.folder) usage(2);
  if (!fs.existsSync(opts.folder) || !fs.statSync(opts.folder).isDirectory()) {
    console.error(`not a folder: ${opts.folder}`);
    process.exit(2);
  }
  return opts;
}

function usage(code) {
  (code ? console.error : console.log)(
    'usage: node bench/real-text.js [--rule ID] [--context N] [--summary] [--json] [--kind NAME] FOLDER',
  );
  process.exit(code);
}

/** file name → date, from the folder's manifest.tsv (date in the last column); files without one get none. */
function readManifest(folder) {
  const dates = new Map();
  const file = path.join(folder, 'manifest.tsv');
  if (!fs.existsSync(file)) return dates;
  const rows = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
  for (const row of rows) {
    const cols = row.split('\t');
    const date = cols[cols.length - 1];
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) dates.set(cols[0], date);
  }
  return dates;
}

const per10k = (n, chars) => (chars ? (n * 10000) / chars : 0);
const fmt = (x) => x.toFixed(2);
const SERIOUS = new Set(['error', 'warning']);

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dates = readManifest(opts.folder);
  // Subfolders too (a corpus unpacked in place); paths relative to the folder.
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(opts.folder, dir), { withFileTypes: true })) {
      const rel = dir ? path.join(dir, e.name) : e.name;
      if (e.isDirectory()) walk(rel);
      else if (/\.(txt|md)$/.test(e.name) && e.name !== 'README.md') files.push(rel);
    }
  };
  walk('');
  files.sort();
  const ruleIds = core.RULES.map((r) => r.id);
  /** kind → { chars, files, counts: rule → n, serious: rule → n } */
  const kinds = new Map();
  const listed = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(opts.folder, f), 'utf8');
    // The manifest's date, else one in the file name (「护士条例(2020-03-27).md」).
    const date = dates.get(f) ?? /\((\d{4}-\d{2}-\d{2})\)\.[a-z]+$/.exec(f)?.[1];
    const format = f.endsWith('.md') ? 'markdown' : 'plain';
    const findings = core.check(text, { date, format });
    const base = path.basename(f);
    const kind = opts.kind ?? (base.includes('-') ? base.slice(0, base.indexOf('-')) : 'other');
    if (!kinds.has(kind)) kinds.set(kind, { chars: 0, files: 0, counts: {}, serious: {}, transcription: 0 });
    const k = kinds.get(kind);
    k.chars += core.countCharacters(text);
    k.files++;
    for (const x of findings) {
      k.counts[x.rule] = (k.counts[x.rule] ?? 0) + 1;
      if (SERIOUS.has(x.severity)) k.serious[x.rule] = (k.serious[x.rule] ?? 0) + 1;
      // Half-width marks in a Markdown transcription (law-….md): the converter's, not the law's.
      if (SERIOUS.has(x.severity) && x.rule === 'punct-width' && format === 'markdown') k.transcription++;
      if (opts.rule && x.rule !== opts.rule) continue;
      const from = Math.max(0, x.offset - opts.context);
      const to = Math.min(text.length, x.offset + x.length + opts.context);
      const before = text.slice(from, x.offset).replace(/\s+/g, ' ');
      const span = text.slice(x.offset, x.offset + x.length);
      const after = text.slice(x.offset + x.length, to).replace(/\s+/g, ' ');
      const line = text.slice(0, x.offset).split('\n').length;
      listed.push(
        `${f}:${line}  ${x.rule} ${x.severity}  ${before}【${span}】${after}  → ${x.suggestions.slice(0, 3).join(' / ') || '—'}  ${x.message}`,
      );
    }
  }

  if (opts.json) {
    const out = {};
    for (const [kind, k] of kinds) {
      out[kind] = {
        files: k.files,
        chars: k.chars,
        per10k: {},
        seriousPer10k: {},
        transcriptionHalfWidthPer10k: Number(fmt(per10k(k.transcription, k.chars))),
      };
      for (const id of ruleIds) {
        out[kind].per10k[id] = Number(fmt(per10k(k.counts[id] ?? 0, k.chars)));
        out[kind].seriousPer10k[id] = Number(fmt(per10k(k.serious[id] ?? 0, k.chars)));
      }
    }
    console.log(JSON.stringify(out, null, 2));
    return;
  }

  const kindNames = [...kinds.keys()];
  console.log(`findings per 10,000 characters in ${opts.folder} (each file checked with its manifest date)`);
  console.log('all severities; in brackets, error and warning only\n');
  const header = [
    'rule'.padEnd(14),
    ...kindNames.map((n) => `${n} (${kinds.get(n).files} files, ${kinds.get(n).chars} chars)`.padStart(34)),
  ];
  console.log(header.join(' '));
  const totals = kindNames.map(() => [0, 0]);
  for (const id of ruleIds) {
    const cells = kindNames.map((n, i) => {
      const k = kinds.get(n);
      const all = k.counts[id] ?? 0;
      const serious = k.serious[id] ?? 0;
      totals[i][0] += all;
      totals[i][1] += serious;
      return `${String(all).padStart(4)} = ${fmt(per10k(all, k.chars)).padStart(6)} [${fmt(per10k(serious, k.chars)).padStart(6)}]`.padStart(
        34,
      );
    });
    console.log([id.padEnd(14), ...cells].join(' '));
  }
  const totalCells = kindNames.map((n, i) => {
    const k = kinds.get(n);
    return `${String(totals[i][0]).padStart(4)} = ${fmt(per10k(totals[i][0], k.chars)).padStart(6)} [${fmt(per10k(totals[i][1], k.chars)).padStart(6)}]`.padStart(
      34,
    );
  });
  console.log(['all rules'.padEnd(14), ...totalCells].join(' '));
  const noWidth = kindNames.map((n, i) => {
    const k = kinds.get(n);
    const seriousNoWidth = totals[i][1] - (k.serious['punct-width'] ?? 0);
    return `[${fmt(per10k(seriousNoWidth, k.chars)).padStart(6)}]`.padStart(34);
  });
  console.log(['w/o width'.padEnd(14), ...noWidth].join(' '));
  // Every finding but the half-width marks of Markdown transcriptions (plain-text reports keep theirs).
  const noTranscription = kindNames.map((n, i) => {
    const k = kinds.get(n);
    return `[${fmt(per10k(totals[i][1] - k.transcription, k.chars)).padStart(6)}]`.padStart(34);
  });
  console.log(['w/o md width'.padEnd(14), ...noTranscription].join(' '));

  if (!opts.summary) {
    console.log(`\n${listed.length} findings${opts.rule ? ` of ${opts.rule}` : ''}:`);
    for (const l of listed) console.log(l);
  }
}

main();
