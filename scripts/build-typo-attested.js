#!/usr/bin/env node
// Builds server/data/typo-context-attested.bin: the four-character sequences attested in published
// laws and regulations, which typo-context does not take for slips without much stronger evidence.
// Source: the corpus of LawRefBook/Laws (laws, administrative regulations, judicial interpretations:
// public domain, 著作权法 第五条), as the tarball laws.tar.xz of its Markdown files:
//
//   node scripts/build-typo-attested.js path/to/laws.tar.xz     # or a folder of .md/.txt files
//
// Kept: every run of four Chinese characters (inside a run of Chinese characters, no punctuation in
// between) seen at least MIN_COUNT times, as the FNV-1a hash of its four UTF-16 code units — the
// same hash server/src/core/rules/typoContext.ts computes. Deterministic: the same corpus gives the
// same bytes.
//
// Format (little-endian): header, 64 bytes — magic 'GWAT', version, count, checksum of the hashes
// (FNV-1a over the 32-bit words), the build script's SHA-256 at [32, 64) — then the hashes, sorted
// ascending, as Uint32.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const VERSION = 1;
const HEADER = 64;
const N = 4;
const MIN_COUNT = 2;

function fnv(text, start, end) {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function checksum(u32) {
  let h = 0x811c9dc5;
  for (let i = 0; i < u32.length; i++) h = Math.imul(h ^ u32[i], 0x01000193);
  return h >>> 0;
}

/** The corpus's text: every .md/.txt file of a folder, or of a .tar.xz, in name order. */
function readCorpus(src) {
  if (fs.statSync(src).isDirectory()) {
    const files = [];
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(md|txt)$/.test(e.name)) files.push(p);
      }
    };
    walk(src);
    return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  }
  return execFileSync('tar', ['-xJOf', src], { maxBuffer: 1 << 30 }).toString('utf8');
}

/** Sorted, distinct hashes of the N-character sequences seen at least MIN_COUNT times. */
function attestedHashes(text, minCount = MIN_COUNT) {
  const counts = new Map();
  const run = /[\u3400-\u9fff]+/g;
  for (let m = run.exec(text); m; m = run.exec(text)) {
    const r = m[0];
    for (let i = 0; i + N <= r.length; i++) {
      const h = fnv(r, i, i + N);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  }
  const kept = [];
  for (const [h, c] of counts) if (c >= minCount) kept.push(h);
  return Uint32Array.from(kept).sort();
}

function buildAttested(text, opts = {}) {
  const hashes = attestedHashes(text, opts.minCount ?? MIN_COUNT);
  const buf = Buffer.alloc(HEADER + hashes.length * 4);
  buf.write('GWAT', 0, 'latin1');
  buf.writeUInt32LE(VERSION, 4);
  buf.writeUInt32LE(hashes.length, 8);
  buf.writeUInt32LE(checksum(hashes), 12);
  (opts.scriptHash ?? Buffer.alloc(32)).copy(buf, 32);
  Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength).copy(buf, HEADER);
  return buf;
}

function scriptHash() {
  return crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest();
}

module.exports = { buildAttested, attestedHashes, fnv, scriptHash, HEADER, VERSION, N };

if (require.main === module) {
  const src = process.argv[2];
  if (!src) {
    console.error('usage: node scripts/build-typo-attested.js laws.tar.xz|FOLDER');
    process.exit(2);
  }
  const out = path.join(__dirname, '..', 'server', 'data', 'typo-context-attested.bin');
  const text = readCorpus(src);
  const buf = buildAttested(text, { scriptHash: scriptHash() });
  fs.writeFileSync(out, buf);
  console.log(JSON.stringify({ out, corpusChars: text.length, sequences: (buf.length - HEADER) / 4, bytes: buf.length }));
}
