#!/usr/bin/env node
// The CLI on a folder of many documents: wall time and peak memory with 1 job and with all jobs.
// `node bench/cli-scale.js [count]` (default 10,000 documents of about 1,000 characters each,
// written to a temporary folder from the project's example texts, removed afterwards).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const root = path.join(__dirname, '..');

const count = Number(process.argv[2] ?? 10000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-scale-'));
const source = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.txt') && !f.includes('gbk'))
  .map((f) => fs.readFileSync(path.join(root, 'examples', f), 'utf8'))
  .join('\n');
let chars = 0;
for (let i = 0; i < count; i++) {
  const sub = path.join(dir, String(i % 100));
  if (i < 100) fs.mkdirSync(sub);
  const start = (i * 997) % Math.max(1, source.length - 1000);
  // Every line made unique (its document number appended), so that no cache can reuse work across
  // documents: each of them costs what a real, different document would.
  const doc = source.slice(start, start + 1000).replace(/\n/g, `（${i}）\n`);
  chars += doc.length;
  fs.writeFileSync(path.join(sub, `${i}.txt`), doc);
}

function measure(jobs) {
  // GNU time reports the peak RSS of the whole process (worker threads included).
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, path.join(root, 'bin', 'gongwen.js'), '--format', 'json', '--jobs', String(jobs), dir],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  const [seconds, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { jobs, seconds, peak_rss_mb: Math.round(kb / 1024), files: JSON.parse(r.stdout).length };
}

try {
  const cores = os.availableParallelism();
  const results = [measure(1), measure(Math.min(cores, 4))];
  console.log(`gongwen CLI on ${count} documents (${(chars / 1e6).toFixed(1)} M characters), ${cores} cores`);
  for (const r of results) console.log(`  --jobs ${r.jobs}: ${r.seconds} s, peak RSS ${r.peak_rss_mb} MB, ${r.files} files reported`);
  console.log(`  speed-up: ${(results[0].seconds / results[1].seconds).toFixed(2)}×`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
