#!/usr/bin/env node
// Findings per rule on a folder of documents and on the corrected sentences of an ECSpell-format
// file (count<TAB>source<TAB>target: every finding on a target is a false alarm to explain).
// Development measurement only; the data stays outside the repository:
//   node bench/rule-report.js [--date YYYY-MM-DD] <folder of .txt> <odw.train>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const core = require(path.join(__dirname, '..', 'dist', 'core.js'));

const args = process.argv.slice(2);
let date = '2026-06-01';
if (args[0] === '--date') {
  date = args[1];
  args.splice(0, 2);
}
const [folder, odw] = args;
const ids = core.RULES.map((r) => r.id);

if (folder) {
  console.log(`documents in ${folder} (date ${date})`);
  console.log(['file'.padEnd(34), ...ids.map((i) => i.padStart(i.length))].join(' '));
  for (const f of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = fs.readFileSync(path.join(folder, f), 'utf8');
    const found = core.check(text, { date });
    const counts = ids.map((id) => String(found.filter((x) => x.rule === id).length).padStart(id.length));
    console.log([f.padEnd(34), ...counts].join(' '));
  }
}

if (odw) {
  const rows = fs
    .readFileSync(odw, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  let chars = 0;
  const counts = Object.fromEntries(ids.map((id) => [id, 0]));
  const started = process.hrtime.bigint();
  for (const [, , target] of rows) {
    chars += target.length;
    for (const f of core.check(target, { date })) counts[f.rule]++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`\ncorrected sentences of ${path.basename(odw)}: ${rows.length} sentences, ${chars} characters, ${ms.toFixed(0)} ms`);
  for (const id of ids)
    console.log(
      `  ${id.padEnd(14)} ${String(counts[id]).padStart(5)}  (${((counts[id] / chars) * 10000).toFixed(2)} per 10,000 characters)`,
    );
}
