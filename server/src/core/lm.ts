/**
 * The word trigram model of typo-context, read from one binary file (server/data/lm/lm_sc.gwlm,
 * built by scripts/build-typo-lm.js from libime's ARPA model) into typed-array views: no parsing
 * and no per-entry objects, so loading costs a file read and a checksum.
 *
 * Vocabulary: FNV-1a open addressing over the words' UTF-16 code units, looked up straight from a
 * slice of the text (optionally with one code unit replaced). N-grams: hash tables of 32-bit slots,
 * a 24-bit fingerprint of the word ids above an 8-bit code into a codebook of log probabilities;
 * bigram backoffs in a parallel byte array. Log probabilities are natural logs.
 */
import * as fs from 'node:fs';

export const LM_VERSION = 1;
export const LM_HEADER = 128;

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
const slotHash2 = (a: number, b: number) => mix(Math.imul(a + 1, 0x9e3779b1) ^ mix(b + 0x632be5ab));
const fpHash2 = (a: number, b: number) => mix(Math.imul(b + 1, 0x85ebca77) ^ mix(a + 0x27d4eb2f) ^ 0x5bd1e995);
const slotHash3 = (a: number, b: number, c: number) => mix(slotHash2(a, b) ^ Math.imul(c + 1, 0xc2b2ae3d));
const fpHash3 = (a: number, b: number, c: number) => mix(fpHash2(a, b) ^ Math.imul(c + 1, 0x165667b1) ^ 0x68e31da4);
const slotOf = (h: number, size: number) => Math.floor(((h >>> 8) * size) / 16777216);
const fingerprint = (h: number) => h >>> 8 || 1;

/** FNV-1a over 32-bit words: the build script writes it, the loader checks it. */
export function lmChecksum(u32: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < u32.length; i++) h = Math.imul(h ^ u32[i], 0x01000193);
  return h >>> 0;
}

export class LmFormatError extends Error {}

export class TrigramModel {
  readonly nWords: number;
  readonly maxWord: number;
  private readonly chars: Uint16Array;
  private readonly starts: Uint32Array;
  private readonly lengths: Uint8Array;
  readonly uniP: Float32Array;
  private readonly uniBo: Float32Array;
  private readonly vocab: Int32Array;
  private readonly bi: Uint32Array;
  private readonly biBo: Uint8Array;
  private readonly tri: Uint32Array;
  private readonly biP: Float32Array;
  private readonly biBoBook: Float32Array;
  private readonly triP: Float32Array;
  /** The build script's SHA-256, hex (for the test that checks the table and the script agree). */
  readonly scriptHash: string;

  /** Reads the model from `bytes`; throws LmFormatError when they are not a complete, intact model. */
  constructor(bytes: Uint8Array) {
    if (bytes.byteLength < LM_HEADER) throw new LmFormatError('文件太短');
    // Typed-array views need aligned offsets: copy a buffer that is not 8-aligned (small pooled ones).
    if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
    const head = new DataView(bytes.buffer, bytes.byteOffset, LM_HEADER);
    const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
    if (magic !== 'GWLM') throw new LmFormatError('不是 gongwen 语言模型文件');
    const u = (k: number) => head.getUint32(4 + 4 * k, true);
    const [version, size, nWords, nChars, vocabSlots, biSlots, triSlots, , , maxWord] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(u);
    if (version !== LM_VERSION) throw new LmFormatError(`版本 ${version} 不受支持（需要 ${LM_VERSION}）`);
    if (size !== bytes.byteLength) throw new LmFormatError(`长度不符（应为 ${size} 字节，实为 ${bytes.byteLength}）`);
    if ((vocabSlots & (vocabSlots - 1)) !== 0 || vocabSlots < nWords || biSlots === 0 || triSlots === 0)
      throw new LmFormatError('表头损坏');
    const payload = new Uint32Array(bytes.buffer, bytes.byteOffset + LM_HEADER, (size - LM_HEADER) >>> 2);
    if (lmChecksum(payload) !== head.getUint32(44, true)) throw new LmFormatError('校验和不符，文件已损坏');
    this.scriptHash = Array.from(bytes.subarray(64, 96), (b) => b.toString(16).padStart(2, '0')).join('');
    let at = bytes.byteOffset + LM_HEADER;
    const take = <T>(make: (offset: number) => T, byteLength: number): T => {
      const v = make(at);
      at = (at + byteLength + 7) & ~7;
      return v;
    };
    const buf = bytes.buffer;
    const books = take((o) => new Float32Array(buf, o, 768), 768 * 4);
    this.biP = books.subarray(0, 256);
    this.biBoBook = books.subarray(256, 512);
    this.triP = books.subarray(512, 768);
    this.chars = take((o) => new Uint16Array(buf, o, nChars), nChars * 2);
    this.starts = take((o) => new Uint32Array(buf, o, nWords), nWords * 4);
    this.lengths = take((o) => new Uint8Array(buf, o, nWords), nWords);
    this.uniP = take((o) => new Float32Array(buf, o, nWords), nWords * 4);
    this.uniBo = take((o) => new Float32Array(buf, o, nWords), nWords * 4);
    this.vocab = take((o) => new Int32Array(buf, o, vocabSlots), vocabSlots * 4);
    this.bi = take((o) => new Uint32Array(buf, o, biSlots), biSlots * 4);
    this.biBo = take((o) => new Uint8Array(buf, o, biSlots), biSlots);
    this.tri = take((o) => new Uint32Array(buf, o, triSlots), triSlots * 4);
    if (at - bytes.byteOffset !== size) throw new LmFormatError('表头与内容不符');
    this.nWords = nWords;
    this.maxWord = maxWord;
  }

  /** Id of the word text[start, end) — with code unit `code` at `at` when `at` ≥ 0 — or -1. */
  find(text: string, start: number, end: number, at = -1, code = 0): number {
    const len = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      h ^= i === at ? code : text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    const mask = this.vocab.length - 1;
    for (let i = (h >>> 0) & mask; ; i = (i + 1) & mask) {
      const w = this.vocab[i];
      if (w < 0) return -1;
      if (this.lengths[w] !== len) continue;
      const base = this.starts[w];
      let k = 0;
      while (k < len && this.chars[base + k] === (start + k === at ? code : text.charCodeAt(start + k))) k++;
      if (k === len) return w;
    }
  }

  word(w: number): string {
    const base = this.starts[w];
    return String.fromCharCode(...this.chars.subarray(base, base + this.lengths[w]));
  }

  /** Slot of bigram (a, b), or -1. */
  private biSlot(a: number, b: number): number {
    const table = this.bi;
    const size = table.length;
    const fp = fingerprint(fpHash2(a, b));
    for (let s = slotOf(slotHash2(a, b), size); ;) {
      const v = table[s];
      if (v === 0) return -1;
      if (v >>> 8 === fp) return s;
      if (++s === size) s = 0;
    }
  }

  /** log P(b | a). */
  bigram(a: number, b: number): number {
    const s = this.biSlot(a, b);
    return s >= 0 ? this.biP[this.bi[s] & 255] : this.uniBo[a] + this.uniP[b];
  }

  /** log P(c | a b). */
  trigram(a: number, b: number, c: number): number {
    const table = this.tri;
    const size = table.length;
    const fp = fingerprint(fpHash3(a, b, c));
    for (let s = slotOf(slotHash3(a, b, c), size); ;) {
      const v = table[s];
      if (v === 0) break;
      if (v >>> 8 === fp) return this.triP[v & 255];
      if (++s === size) s = 0;
    }
    const ab = this.biSlot(a, b);
    return (ab >= 0 ? this.biBoBook[this.biBo[ab]] : 0) + this.bigram(b, c);
  }

  /** log P of a word sequence (no sentence-boundary tokens: the model has none). */
  score(ids: ArrayLike<number>, from = 0, to = ids.length): number {
    let sum = 0;
    for (let i = from; i < to; i++) {
      const c = ids[i];
      if (i === 0) sum += this.uniP[c];
      else if (i === 1) sum += this.bigram(ids[0], c);
      else sum += this.trigram(ids[i - 2], ids[i - 1], c);
    }
    return sum;
  }
}

/** Reads a model file; throws (LmFormatError or an I/O error) when it cannot be used. */
export function readTrigramModel(file: string): TrigramModel {
  return new TrigramModel(fs.readFileSync(file));
}
