#!/usr/bin/env node
// Builds server/data/typo-context-unigram.bin: the word frequencies typo-context's unigram model
// scores clauses with — cppjieba's full dictionary (jieba.dict.utf8, MIT, installed with nodejieba)
// plus the project's server/data/jieba-user.utf8 — as log probabilities, ready to read into typed
// arrays. The rule used to read nodejieba's dictionary at run time; the packaged extension ships only
// a trimmed copy of it (esbuild.mjs), so the model must travel as a file of its own.
//
//   node scripts/build-typo-unigram.js [path/to/jieba.dict.utf8]    # default: nodejieba's DEFAULT_DICT
//
// Merged as jieba does: a word listed twice has the sum of its frequencies; it is a proper name (tags
// nr, ns, nt, nrt, nrfg) only when every listing says so. Probabilities are taken over all words;
// the file keeps only the words the rule can meet — at most MAX_WORD characters, all of them in the
// Chinese ranges it scans (U+3400–U+4DBF, U+4E00–U+9FFF) — with the total and the smallest log
// probability (the score of a character the dictionary lacks) of the whole dictionary.
// Deterministic: the same dictionaries give the same bytes.
//
// Format (little-endian): header, 80 bytes — magic 'GWUG', version, word count, character count,
// checksum (FNV-1a over the payload's bytes), 4 bytes zero, the smallest log probability (Float64) and
// the log of the total frequency (Float64) at 24 and 32, zeros to 48, the build script's SHA-256 at
// [48, 80) — then per word one byte (its length,
// plus 128 for a proper name), padding to a multiple of 4, the log probabilities (Float32), and the
// words' UTF-16 code units laid end to end.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const VERSION = 1;
const HEADER = 80;
const SHA_AT = 48;
const MAX_WORD = 8;
const PROPER_TAGS = new Set(['nr', 'ns', 'nt', 'nrt', 'nrfg']);
const SCANNED = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;

/** Lines `word freq [tag]` of jieba dictionaries, merged: Map word → { freq, proper }. */
function mergeDictionaries(texts) {
  const words = new Map();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const a = line.indexOf(' ');
      if (a <= 0) continue;
      let b = line.indexOf(' ', a + 1);
      if (b < 0) b = line.length;
      const freq = Number(line.slice(a + 1, b));
      if (!(freq > 0)) continue;
      const word = line.slice(0, a);
      if (word.length > 255) continue;
      const proper = b < line.length && PROPER_TAGS.has(line.slice(b + 1).trim());
      const known = words.get(word);
      if (known) {
        known.freq += freq;
        if (!proper) known.proper = false;
      } else words.set(word, { freq, proper });
    }
  }
  return words;
}

function fnvBytes(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function buildUnigram(texts, opts = {}) {
  const words = mergeDictionaries(texts);
  let total = 0;
  for (const { freq } of words.values()) total += freq;
  const logTotal = Math.log(Math.max(total, 1));
  let min = 0;
  const kept = [];
  for (const [word, { freq, proper }] of words) {
    // As the rule computed it from the dictionary: the minimum of the exact values, each stored as Float32.
    const lp = Math.log(freq) - logTotal;
    if (lp < min) min = lp;
    if (word.length <= MAX_WORD && SCANNED.test(word)) kept.push({ word, lp: Math.fround(lp), proper });
  }
  const count = kept.length;
  let chars = 0;
  for (const k of kept) chars += k.word.length;
  const lenBytes = (count + 3) & ~3;
  const payload = Buffer.alloc(lenBytes + count * 4 + chars * 2);
  const logp = new Float32Array(count);
  let c = lenBytes + count * 4;
  kept.forEach((k, i) => {
    payload[i] = k.word.length | (k.proper ? 128 : 0);
    logp[i] = k.lp;
    c = payload.write(k.word, c, 'utf16le') + c;
  });
  Buffer.from(logp.buffer).copy(payload, lenBytes);
  const buf = Buffer.alloc(HEADER + payload.length);
  buf.write('GWUG', 0, 'latin1');
  buf.writeUInt32LE(VERSION, 4);
  buf.writeUInt32LE(count, 8);
  buf.writeUInt32LE(chars, 12);
  buf.writeUInt32LE(fnvBytes(payload), 16);
  buf.writeDoubleLE(min, 24);
  buf.writeDoubleLE(logTotal, 32);
  (opts.scriptHash ?? Buffer.alloc(32)).copy(buf, SHA_AT);
  payload.copy(buf, HEADER);
  return buf;
}

function scriptHash() {
  return crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest();
}

module.exports = { buildUnigram, mergeDictionaries, fnvBytes, scriptHash, HEADER, SHA_AT, VERSION, MAX_WORD };

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const dict = process.argv[2] ?? require('nodejieba').DEFAULT_DICT;
  const user = path.join(root, 'server', 'data', 'jieba-user.utf8');
  const out = path.join(root, 'server', 'data', 'typo-context-unigram.bin');
  const buf = buildUnigram([fs.readFileSync(dict, 'utf8'), fs.readFileSync(user, 'utf8')], { scriptHash: scriptHash() });
  fs.writeFileSync(out, buf);
  console.log(JSON.stringify({ out, dict, words: buf.readUInt32LE(8), chars: buf.readUInt32LE(12), bytes: buf.length }));
}
