#!/usr/bin/env node
// Builds server/data/lm/lm_sc.gwlm, the word trigram model typo-context reads, from the ARPA text of
// libime's simplified-Chinese model (LGPL-2.1+, by CSSlayer/Weng Xuetian; Debian source package
// libime 1.0.16, file data/lm_sc.arpa-20220810.tar.xz inside its orig tarball):
//
//   apt-get source --download-only libime        # needs a deb-src line; gives libime_1.0.16.orig.tar.xz
//   node scripts/build-typo-lm.js libime_1.0.16.orig.tar.xz    # or a path to lm_sc.arpa itself
//
// The output is deterministic: the same ARPA text gives the same bytes. Its header records the
// SHA-256 of this script, so that test/typo-lm.test.js notices a script changed without a rebuild.
//
// Format (little-endian; see server/src/core/lm.ts, which reads it without parsing anything):
//   header, 128 bytes: magic 'GWLM', version, counts and table sizes, checksum of the payload,
//                      the build script's SHA-256 (32 bytes)
//   codebooks          Float32 ×256 each: bigram log-probs, bigram backoffs, trigram log-probs (nats)
//   vocabulary         word code units (Uint16), word starts (Uint32), lengths (Uint8),
//                      unigram log-prob and backoff (Float32, nats), open-addressing slots (Int32, FNV-1a)
//   bigrams            slots (Uint32: 24-bit fingerprint << 8 | log-prob code), backoff codes (Uint8)
//   trigrams           slots (Uint32: 24-bit fingerprint << 8 | log-prob code)
// An n-gram's slot and fingerprint come from two independent hashes of its word ids; a lookup
// probes linearly from the slot until an empty slot (0).
//
// Pruning: the n-grams that move the least probability mass from their backoff estimate are
// dropped until --keep are left (a bigram that is the history of a kept trigram stays); words
// longer than MAX_WORD characters and the n-grams that hold them are dropped (the rule never
// forms such words).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const VERSION = 1;
const HEADER = 128;
const MAX_WORD = 8;
const LN10 = Math.log(10);
const LOAD = 0.8;
/** N-grams kept by default (of 2,617,365): as good as all of them on the development data (docs/typo-context.md). */
const DEFAULT_KEEP = 1500000;

// ------------------------------------------------------------------------------------------
// Hashes — the same functions as server/src/core/lm.ts (test/typo-lm.test.js checks they agree).

function mix(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
const slotHash2 = (a, b) => mix(Math.imul(a + 1, 0x9e3779b1) ^ mix(b + 0x632be5ab));
const fpHash2 = (a, b) => mix(Math.imul(b + 1, 0x85ebca77) ^ mix(a + 0x27d4eb2f) ^ 0x5bd1e995);
const slotHash3 = (a, b, c) => mix(slotHash2(a, b) ^ Math.imul(c + 1, 0xc2b2ae3d));
const fpHash3 = (a, b, c) => mix(fpHash2(a, b) ^ Math.imul(c + 1, 0x165667b1) ^ 0x68e31da4);
/** Slot index in a table of `size` slots from a 32-bit hash: exact in doubles (2^24 · 2^24). */
const slotOf = (h, size) => Math.floor(((h >>> 8) * size) / 16777216);
const fingerprint = (h) => (h >>> 8) || 1;

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over the payload's 32-bit words: the loader's corruption check. */
function checksum(u32) {
  let h = 0x811c9dc5;
  for (let i = 0; i < u32.length; i++) h = Math.imul(h ^ u32[i], 0x01000193);
  return h >>> 0;
}

// ------------------------------------------------------------------------------------------
// Reading the ARPA text

function readArpa(file) {
  if (/\.tar\.xz$/.test(file)) {
    // The libime orig tarball holds data/lm_sc.arpa-*.tar.xz, which holds lm_sc.arpa.
    const inner = execFileSync('tar', ['-xJOf', file, '--wildcards', '*/data/lm_sc.arpa-*.tar.xz'], { maxBuffer: 1 << 30 });
    if (inner.length > 1000 && inner[0] === 0xfd) return execFileSync('tar', ['-xJO'], { input: inner, maxBuffer: 1 << 30 }).toString('utf8');
    return execFileSync('tar', ['-xJOf', file], { maxBuffer: 1 << 30 }).toString('utf8');
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Parses ARPA text into word strings and n-gram arrays (log10 units). Returns
 * { words: string[], uni: {p, bo}, bi: {a, b, p, bo}, tri: {a, b, c, p} }.
 */
function parseArpa(text) {
  const words = [];
  const id = new Map();
  const uniP = [];
  const uniBo = [];
  const bi = { a: [], b: [], p: [], bo: [] };
  const tri = { a: [], b: [], c: [], p: [] };
  let order = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (line === '') continue;
    if (line[0] === '\\') {
      const m = /^\\(\d)-grams:$/.exec(line);
      order = m ? Number(m[1]) : 0;
      continue;
    }
    if (order === 0) continue;
    const f = line.split('\t');
    const p = Number(f[0]);
    const toks = f[1].split(' ');
    const bo = f.length > 2 ? Number(f[2]) : 0;
    if (order === 1) {
      id.set(toks[0], words.length);
      words.push(toks[0]);
      uniP.push(p);
      uniBo.push(bo);
    } else {
      const ids = toks.map((t) => id.get(t));
      if (ids.some((x) => x === undefined)) continue;
      if (order === 2) {
        bi.a.push(ids[0]);
        bi.b.push(ids[1]);
        bi.p.push(p);
        bi.bo.push(bo);
      } else if (order === 3) {
        tri.a.push(ids[0]);
        tri.b.push(ids[1]);
        tri.c.push(ids[2]);
        tri.p.push(p);
      }
    }
  }
  return { words, uni: { p: uniP, bo: uniBo }, bi, tri };
}

// ------------------------------------------------------------------------------------------
// Pruning and quantizing

/** 256 representative values: the means of 256 equal-count bins of the sorted values. */
function codebook(values) {
  const sorted = Float64Array.from(values).sort();
  const book = new Float32Array(256);
  const n = sorted.length;
  for (let k = 0; k < 256; k++) {
    const lo = Math.floor((k * n) / 256);
    const hi = Math.max(lo + 1, Math.floor(((k + 1) * n) / 256));
    let s = 0;
    for (let i = lo; i < hi && i < n; i++) s += sorted[i];
    book[k] = n === 0 ? 0 : s / Math.max(1, Math.min(hi, n) - lo);
  }
  // Strictly increasing (empty or repeated bins would make nearest-code search ambiguous).
  for (let k = 1; k < 256; k++) if (!(book[k] > book[k - 1])) book[k] = book[k - 1] + 1e-6;
  return book;
}

/** Index of the codebook value nearest to v. */
function encode(book, v) {
  let lo = 0;
  let hi = 255;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (book[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(book[lo - 1] - v) <= Math.abs(book[lo] - v)) lo--;
  return lo;
}

function buildModel(arpaText, opts = {}) {
  const scriptHash = opts.scriptHash ?? Buffer.alloc(32);
  const { words, uni, bi, tri } = parseArpa(arpaText);
  const keepWord = words.map((w) => w.length <= MAX_WORD);
  const key2 = (a, b) => a * 0x100000 + b; // ids < 2^20
  const biIndex = new Map();
  for (let i = 0; i < bi.a.length; i++) biIndex.set(key2(bi.a[i], bi.b[i]), i);
  const p2 = (a, b) => {
    const i = biIndex.get(key2(a, b));
    return i === undefined ? uni.bo[a] + uni.p[b] : bi.p[i];
  };
  // Weighted-difference pruning: an n-gram's weight is how much probability mass it moves,
  // P(history) · |log P(w | history) − its backoff estimate| (log10 units); the lightest go first,
  // until `keep` n-grams are left. A bigram that is the history of a kept trigram stays.
  const triW = new Float64Array(tri.a.length).fill(-Infinity);
  for (let i = 0; i < tri.a.length; i++) {
    const [a, b, c] = [tri.a[i], tri.b[i], tri.c[i]];
    if (!keepWord[a] || !keepWord[b] || !keepWord[c]) continue;
    const j = biIndex.get(key2(a, b));
    const backed = (j === undefined ? 0 : bi.bo[j]) + p2(b, c);
    triW[i] = uni.p[a] + p2(a, b) + tri.p[i] + Math.log10(Math.abs(tri.p[i] - backed) + 1e-9);
  }
  const biW = new Float64Array(bi.a.length).fill(-Infinity);
  for (let i = 0; i < bi.a.length; i++) {
    const [a, b] = [bi.a[i], bi.b[i]];
    if (!keepWord[a] || !keepWord[b]) continue;
    biW[i] = uni.p[a] + bi.p[i] + Math.log10(Math.abs(bi.p[i] - (uni.bo[a] + uni.p[b])) + 1e-9);
  }
  let threshold = -Infinity;
  if (opts.keep !== undefined && opts.keep < bi.a.length + tri.a.length) {
    const all = Float64Array.from([...biW, ...triW]).sort();
    threshold = all[all.length - opts.keep];
  }
  const keepTri = new Uint8Array(tri.a.length);
  const contexts = new Set();
  for (let i = 0; i < tri.a.length; i++) {
    if (triW[i] === -Infinity || triW[i] < threshold) continue;
    keepTri[i] = 1;
    contexts.add(key2(tri.a[i], tri.b[i]));
  }
  const keepBi = new Uint8Array(bi.a.length);
  for (let i = 0; i < bi.a.length; i++) {
    if (biW[i] === -Infinity) continue;
    if (biW[i] >= threshold || contexts.has(key2(bi.a[i], bi.b[i]))) keepBi[i] = 1;
  }
  const kept = (flags) => flags.reduce((n, f) => n + f, 0);
  const nBi = kept(keepBi);
  const nTri = kept(keepTri);

  // Vocabulary (all words up to MAX_WORD characters keep their ids; longer ones become empty).
  const nWords = words.length;
  let nChars = 0;
  for (let w = 0; w < nWords; w++) if (keepWord[w]) nChars += words[w].length;
  let vocabSlots = 1;
  while (vocabSlots < nWords * 2) vocabSlots <<= 1;
  const biSlots = Math.max(1, Math.ceil(nBi / LOAD));
  const triSlots = Math.max(1, Math.ceil(nTri / LOAD));

  const books = {
    biP: codebook(bi.p.filter((_, i) => keepBi[i]).map((x) => x * LN10)),
    biBo: codebook(bi.bo.filter((_, i) => keepBi[i]).map((x) => x * LN10)),
    triP: codebook(tri.p.filter((_, i) => keepTri[i]).map((x) => x * LN10)),
  };

  // Layout
  const align = (n) => (n + 7) & ~7;
  const sections = [
    ['books', 3 * 256 * 4],
    ['chars', nChars * 2],
    ['starts', nWords * 4],
    ['lengths', nWords],
    ['uniP', nWords * 4],
    ['uniBo', nWords * 4],
    ['vocab', vocabSlots * 4],
    ['bi', biSlots * 4],
    ['biBo', biSlots],
    ['tri', triSlots * 4],
  ];
  const offsets = {};
  let size = HEADER;
  for (const [name, bytes] of sections) {
    offsets[name] = size;
    size = align(size + bytes);
  }
  const buf = new ArrayBuffer(size);
  const view = (Type, name, count) => new Type(buf, offsets[name], count);
  const bookF = view(Float32Array, 'books', 768);
  bookF.set(books.biP, 0);
  bookF.set(books.biBo, 256);
  bookF.set(books.triP, 512);
  const chars = view(Uint16Array, 'chars', nChars);
  const starts = view(Uint32Array, 'starts', nWords);
  const lengths = view(Uint8Array, 'lengths', nWords);
  const uniP = view(Float32Array, 'uniP', nWords);
  const uniBo = view(Float32Array, 'uniBo', nWords);
  const vocab = view(Int32Array, 'vocab', vocabSlots).fill(-1);
  let used = 0;
  for (let w = 0; w < nWords; w++) {
    uniP[w] = uni.p[w] * LN10;
    uniBo[w] = uni.bo[w] * LN10;
    starts[w] = used;
    if (!keepWord[w]) continue;
    const word = words[w];
    lengths[w] = word.length;
    for (let k = 0; k < word.length; k++) chars[used + k] = word.charCodeAt(k);
    used += word.length;
    if (w === 0) continue; // <unk>: never matched by text
    let i = fnv(word) & (vocabSlots - 1);
    while (vocab[i] >= 0) i = (i + 1) & (vocabSlots - 1);
    vocab[i] = w;
  }
  const biTable = view(Uint32Array, 'bi', biSlots);
  const biBo = view(Uint8Array, 'biBo', biSlots);
  for (let i = 0; i < bi.a.length; i++) {
    if (!keepBi[i]) continue;
    const [a, b] = [bi.a[i], bi.b[i]];
    let s = slotOf(slotHash2(a, b), biSlots);
    while (biTable[s] !== 0) if (++s === biSlots) s = 0;
    biTable[s] = ((fingerprint(fpHash2(a, b)) << 8) | encode(books.biP, bi.p[i] * LN10)) >>> 0;
    biBo[s] = encode(books.biBo, bi.bo[i] * LN10);
  }
  const triTable = view(Uint32Array, 'tri', triSlots);
  for (let i = 0; i < tri.a.length; i++) {
    if (!keepTri[i]) continue;
    const [a, b, c] = [tri.a[i], tri.b[i], tri.c[i]];
    let s = slotOf(slotHash3(a, b, c), triSlots);
    while (triTable[s] !== 0) if (++s === triSlots) s = 0;
    triTable[s] = ((fingerprint(fpHash3(a, b, c)) << 8) | encode(books.triP, tri.p[i] * LN10)) >>> 0;
  }

  // Header
  const head = new DataView(buf, 0, HEADER);
  const magic = 'GWLM';
  for (let k = 0; k < 4; k++) head.setUint8(k, magic.charCodeAt(k));
  const fields = [VERSION, size, nWords, nChars, vocabSlots, biSlots, triSlots, nBi, nTri, MAX_WORD];
  fields.forEach((v, k) => head.setUint32(4 + 4 * k, v, true));
  // [44, 48): checksum of everything after the header; [64, 96): the build script's SHA-256.
  new Uint8Array(buf, 64, 32).set(scriptHash);
  head.setUint32(44, checksum(new Uint32Array(buf, HEADER)), true);
  return { buffer: Buffer.from(buf), stats: { words: nWords, bigrams: bi.a.length, trigrams: tri.a.length, keptBigrams: nBi, keptTrigrams: nTri, bytes: size } };
}

function scriptHash() {
  return crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest();
}

module.exports = { buildModel, parseArpa, scriptHash, hashes: { mix, slotHash2, fpHash2, slotHash3, fpHash3, slotOf, fingerprint, fnv, checksum }, HEADER, VERSION };

if (require.main === module) {
  const args = process.argv.slice(2);
  const src = args.find((a) => !a.startsWith('--'));
  const keepArg = args.find((a) => a.startsWith('--keep='));
  const outArg = args.find((a) => a.startsWith('--out='));
  if (!src) {
    console.error('usage: node scripts/build-typo-lm.js [--keep=N] [--out=FILE] libime_1.0.16.orig.tar.xz|lm_sc.arpa');
    process.exit(2);
  }
  const out = outArg ? outArg.slice(6) : path.join(__dirname, '..', 'server', 'data', 'lm', 'lm_sc.gwlm');
  const t0 = Date.now();
  const text = readArpa(src);
  const sourceHash = crypto.createHash('sha256').update(text).digest('hex');
  const { buffer, stats } = buildModel(text, { keep: keepArg ? Number(keepArg.slice(7)) : DEFAULT_KEEP, scriptHash: scriptHash() });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buffer);
  console.log(JSON.stringify({ out, arpaSha256: sourceHash, ...stats, seconds: (Date.now() - t0) / 1000 }, null, 2));
}
