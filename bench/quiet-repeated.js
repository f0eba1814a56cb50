#!/usr/bin/env node
// The engine's quietIfRepeated check on long documents: N paragraphs, each with a finding whose word
// occurs once in the document (the worst case: every word must be looked for in the whole text).
// Prints the time per check and its ratio to the smallest document's: linear time keeps the ratio
// per character near 1. Build first: `node esbuild.mjs`.
//
//   node bench/quiet-repeated.js
'use strict';
const path = require('node:path');
const core = require(path.join(__dirname, '..', 'dist', 'core.js'));

const rule = {
  id: 'guess',
  label: 'guess',
  category: 'typo',
  defaultSeverity: 'info',
  description: '',
  autoFix: false,
  check: (ctx) => [{ offset: 0, length: 1, message: 'm', suggestions: ['x'], quietIfRepeated: ctx.text.slice(0, 6) }],
};
const segmenter = { cut: (t) => [...t] };
let base;
for (const n of [2000, 4000, 8000, 16000, 32000]) {
  const paras = [];
  // Each paragraph opens with a distinct six-character label (甲 and five digits in base 36 as Han characters).
  for (let i = 0; i < n; i++)
    paras.push(
      '甲' +
        [...i.toString(36).padStart(5, '0')].map((c) => String.fromCharCode(0x4e00 + parseInt(c, 36))).join('') +
        '这是一个不会重复的段落，内容用于测量引擎的检查时间。',
    );
  const text = paras.join('\n');
  const checker = new core.Checker({ rules: [rule], segmenter, cacheSize: 0 });
  checker.check(text.slice(0, 1000));
  const t0 = process.hrtime.bigint();
  const found = checker.check(text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const perChar = ms / text.length;
  base ??= perChar;
  console.log(
    JSON.stringify({
      paragraphs: n,
      chars: text.length,
      findings: found.length,
      ms: Math.round(ms),
      perCharRatio: Math.round((perChar / base) * 100) / 100,
    }),
  );
}
