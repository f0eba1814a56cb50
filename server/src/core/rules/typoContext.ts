/**
 * `typo-context` — 词表外的疑似错别字 (typos the curated `typo` list does not name).
 *
 * Two models judge a replacement. The unigram model is jieba's word frequencies (cppjieba's full
 * jieba.dict.utf8 plus the project's user dictionary, built into typo-context-unigram.bin by
 * scripts/build-typo-unigram.js — nodejieba itself segments with a trimmed copy): a clause's score
 * is the log probability of its best segmentation, as jieba computes it. The word trigram model is libime's (server/data/lm,
 * read by ../lm.ts): the clause is cut into the model's words by their unigram probabilities and
 * that path scored with trigrams. For every Chinese character we try the characters that sound the
 * same (pinyin without tones), nearly the same (z/zh, c/ch, s/sh, n/l, f/h, r/l, -n/-ng) or look
 * alike (server/data/typo-context-chars.tsv); a replacement must make a dictionary word of two or
 * more characters, and its score — 0.7 × unigram gain + 0.3 × trigram gain − a cost for near sounds
 * and look-alikes — must clear the margin (natural-log units). 「持旭推进」: 持/旭 are two stray
 * characters, 「持续」 a common word, and the trigram model likes 「持续推进」 — flagged. Two adjacent
 * characters are also replaced at once by a two-character word of the same sound (「环境包户」→保护),
 * but only where the corrected text makes a four-character sequence of the laws and both models
 * gain clearly (findPairs).
 *
 * Scoring one replacement needs no re-segmentation: with fwd[k] the best score of the clause's
 * first k characters and bwd[k] that of the rest, the best segmentation that puts a word w over
 * the replaced position scores fwd[start] + log P(w) + bwd[end]; the trigram gain is scored only
 * over the stretch where the new path differs from the clause's.
 *
 * Attested language is no slip without stronger evidence (typoContextTuning.protectBonus): four-
 * character sequences of published laws (typo-context-attested.bin), names of places
 * (typo-context-places.tsv), provinces' abbreviations, strings of cities' initials, short
 * quotations; a correction that makes a sequence of the laws gains attestedBonus. Slips cluster: a
 * sentence that already holds a finding is looked at again with a lower margin. A guess about a
 * word the document uses again elsewhere is dropped by the engine (quietIfRepeated), and so is
 * one where a deterministic rule reports the same characters (yields).
 *
 * Quiet by design, as before: characters of terms in typo-context-terms.tsv and of the canonical
 * formulations in canon.tsv (no replacement's word may take a single character of one), spans the
 * curated `typo` table matches, numerals, verse and quoted classical text, runs of unknown
 * characters that look like a person's name or a place or unit name, and the last character of an
 * abbreviated name (「政数局」) where the name ends a phrase.
 *
 * The name heuristics' word lists (surnames, titles, place and unit suffixes…) are the table
 * typo-context-names.tsv. A missing or damaged model or unigram table switches the rule off with
 * one warning (../warnings.ts). Cost: both are files read into typed-array views, the unigram's hash
 * tables built from them on the first check; see docs/typo-context.md for time and memory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import charTable from '../../../data/typo-context-chars.tsv';
import termTable from '../../../data/typo-context-terms.tsv';
import canonTable from '../../../data/canon.tsv';
import typoTable from '../../../data/typo.tsv';
import namesTable from '../../../data/typo-context-names.tsv';
import { AhoCorasick } from '../ahoCorasick';
import { CJK_UNIFIED, containsHan, isCjkUnified, isHan } from '../chars';
import { readTrigramModel, type TrigramModel } from '../lm';
import { dataDir } from '../segmenter';
import { warnOnce } from '../warnings';
import { parseTable } from '../tables';
import type { ParagraphContext, ParagraphRule, RawFinding } from '../types';

/** Default margin, in natural-log units of the clause's segmentation probability. */
export const DEFAULT_TYPO_CONTEXT_MARGIN = 9;

type Kind = 'same' | 'near' | 'shape' | 'shape2';
/** Extra cost (log units) of a replacement that only sounds nearly the same or only looks alike. */
const cost = (kind: Kind): number =>
  kind === 'same'
    ? 0
    : kind === 'near'
      ? typoContextTuning.costNear
      : kind === 'shape'
        ? typoContextTuning.costShape
        : typoContextTuning.costShape2;
const KIND_LABEL: Record<Kind, string> = { same: '音同', near: '音近', shape: '形近', shape2: '形近' };

/**
 * Tuning, chosen on the tuning part of the development data (docs/typo-context.md has the curve):
 * - score = uniWeight · unigram gain + (1 − uniWeight) · trigram gain − cost, flagged above the margin;
 * - a candidate whose unigram gain minus cost is more than preMargin below the lowest margin in
 *   play is not scored by the trigram model at all (it could not get there);
 * - attested language (laws' sequences, place names, short quotations) needs protectBonus more;
 * - a correction that makes a four-character sequence attested in the laws gains attestedBonus;
 * - costs of a near sound, of a look-alike and of a look-alike's look-alike (a same sound costs
 *   nothing);
 * - slips cluster: a sentence that already holds a finding is looked at again with the margin
 *   clusterRelief lower.
 * Exported for the evaluation script, which sweeps them; the product never changes them.
 */
export const typoContextTuning = {
  uniWeight: 0.7,
  preMargin: 6,
  protectBonus: 6,
  clusterRelief: 4,
  costNear: 5,
  costShape: 1,
  attestedBonus: 4,
  costShape2: 8,
  // Two adjacent characters replaced at once by a two-character word of the same sound (「时长」→市场;
  // findPairs): on (1) or off (0); the new word's least frequency in jieba's dictionary; the least
  // trigram and unigram gains.
  pair2: 1,
  pair2MinFreq: 300,
  pair2MinLm: 8,
  pair2MinUni: 4,
  // The cluster's second look (docs/typo-context.md, 第五轮): every run of a sentence that holds a
  // finding is looked at again (hotAll 1; 0: only runs with a near miss), with the first look's
  // findings (hotKeep 1: a finding of the second look whose word overlaps one of the first's is
  // dropped; 2, 第六轮: it replaces those it outscores, see byScore; 0: the second look's alone); there a two-character replacement needs trigram gain ≥ pair2HotLm and
  // unigram gain ≥ pair2HotUni instead of pair2MinLm, pair2MinUni; attested language yields to a
  // two-character replacement scoring protectBonus over the margin in the second look (pair2Protect
  // 1; 0 never, 2 everywhere), as it does to a single character everywhere.
  pair2HotLm: 0,
  pair2HotUni: 2,
  hotAll: 1,
  pair2Protect: 1,
  hotKeep: 2,
  // Two clauses of five or seven characters are verse only without the marks of modern prose
  // (verseStrict 1; 0: any two such clauses; docs/typo-context.md, 第六轮).
  verseStrict: 1,
  // A measure word right after a number is never changed (measureQuiet 1), nor one after 逐/每
  // (measureQuiet 2: 「逐季」); 0 neither (docs/typo-context.md, 第六轮).
  measureQuiet: 2,
  // A two-character replacement never changes a structure word's character (的了着地得是在和与及或之:
  // 「党的」 is no 当地) (pair2NoFunc 1; docs/typo-context.md, 第六轮).
  pair2NoFunc: 1,
  // In the second look a look-alike (形近) needs the lowered margin plus hotShape (0: no more).
  hotShape: 2,
  // 零 may be offered as a replacement (zeroCand 1: 「灵售」→零售; 0: never, like the other numerals).
  zeroCand: 1,
  // A surname and one or two characters opening a clause, before a verb that follows a person
  // (在、表示、指出…, typo-context-names.tsv subject-verb), are a name (nameVerb 1: 「孙颖莎在」).
  nameVerb: 1,
};

/** Longest dictionary word considered when segmenting, and when a replacement forms a word. */
const MAX_WORD = 8;
/** Longest run of Chinese characters scored at once; longer runs are cut into pieces this long. */
const MAX_RUN = 200;
const MAX_NEW_WORD = 5;
const MAX_SUGGESTIONS = 3;
/** A replacement must form a two-character word at least this frequent in jieba's dictionary (or a longer word). */
const MIN_TWO_CHAR_FREQ = 100;

const SENTENCE_END = new Set('。！？；!?;\n');

const NUMERALS = new Set('〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟第');

/** The lists of typo-context-names.tsv by name: a word a row, or (lists named *-chars) a string of characters. */
function nameLists(source: string): { words(list: string): string[]; chars(list: string): Set<string> } {
  const rows = parseTable(source);
  const words = (list: string) => rows.filter((r) => r[0] === list && r[1]).map((r) => r[1]);
  return { words, chars: (list: string) => new Set(words(list).join('')) };
}
const NAMES = nameLists(namesTable);
const PLACE_CHARS = NAMES.chars('place-chars');
/** Last characters of place and organisation names: 村/镇/区…, 局/委/办/厅/处/科… */
const NAME_SUFFIX = new Set([...PLACE_CHARS, ...NAMES.chars('name-suffix-chars')]);
/**
 * Stray characters ending in one of these are a name (「下畈村」, a hospital's 「特诊科」). Not 局/部/院/厅…:
 * the names of ministries and bureaus are made of words, and a stray character in them (「交通运舒部」)
 * is usually a slip.
 */
const UNIT_SUFFIX = new Set([...PLACE_CHARS, ...NAMES.chars('unit-suffix-chars')]);
/** Words that follow an organisation's name in 公文: 「市财政局负责」「县委牵头」. */
const NAME_FOLLOWERS = NAMES.words('name-follower');
const PLACE_WORDS = NAMES.words('place-word');
const TITLES = NAMES.words('title-after');
const TITLES_BEFORE = NAMES.words('title-before');
const SURNAMES = NAMES.chars('surname-chars');
const SUBJECT_VERBS = NAMES.words('subject-verb');

// ---------------------------------------------------------------------------------------------
// Data

interface CharData {
  /** Per character: toneless pinyin readings and look-alikes. */
  readings: Map<string, string[]>;
  shapes: Map<string, string>;
  /** Characters that may be suggested, by reading. */
  byReading: Map<string, string[]>;
  suggestable: Set<string>;
  /** Characters by frequency, most common first: rank. */
  rank: Map<string, number>;
}

let chars: CharData | undefined;

function charData(): CharData {
  if (chars) return chars;
  const readings = new Map<string, string[]>();
  const shapes = new Map<string, string>();
  const byReading = new Map<string, string[]>();
  const suggestable = new Set<string>();
  const rank = new Map<string, number>();
  for (const [ch, pys = '', shape = '', flag = ''] of parseTable(charTable)) {
    rank.set(ch, rank.size);
    const list = pys.split(',').filter((p) => p !== '');
    readings.set(ch, list);
    if (shape) shapes.set(ch, shape);
    if (flag === '*') {
      suggestable.add(ch);
      for (const p of list) {
        const group = byReading.get(p);
        if (group) group.push(ch);
        else byReading.set(p, [ch]);
      }
    }
  }
  chars = { readings, shapes, byReading, suggestable, rank };
  return chars;
}

const INITIALS: [string, string][] = [
  ['zh', 'z'],
  ['ch', 'c'],
  ['sh', 's'],
  ['n', 'l'],
  ['h', 'f'],
  ['r', 'l'],
];
const FINALS: [string, string][] = [
  ['ang', 'an'],
  ['eng', 'en'],
  ['ing', 'in'],
  ['iang', 'ian'],
  ['uang', 'uan'],
];

/** Readings one confusion away: z/zh, c/ch, s/sh, n/l, h/f, r/l at the start; -ng/-n at the end. */
function nearReadings(p: string): Set<string> {
  const out = new Set<string>();
  const starts = [p];
  for (const [a, b] of INITIALS) {
    if (p.startsWith(a)) starts.push(b + p.slice(a.length));
    else if (p.startsWith(b) && !(b.length === 1 && p[1] === 'h')) starts.push(a + p.slice(b.length));
  }
  for (const s of starts) {
    if (s !== p) out.add(s);
    for (const [a, b] of FINALS) {
      if (s.endsWith(a)) out.add(s.slice(0, -a.length) + b);
      else if (s.endsWith(b)) out.add(s.slice(0, -b.length) + a);
    }
  }
  out.delete(p);
  return out;
}

const KINDS: Kind[] = ['same', 'near', 'shape', 'shape2'];
const SHAPE2 = 3;

/** Replacements for one character, compactly: their characters and kinds (index into KINDS). */
interface Similar {
  chars: string;
  codes: Uint16Array;
  kinds: Uint8Array;
}

const similarCache = new Map<string, Similar>();

/** Replacement characters for `ch`, with how each resembles `ch`. */
function similar(ch: string): Similar {
  const cached = similarCache.get(ch);
  if (cached) return cached;
  const data = charData();
  const out = new Map<string, Kind>();
  const own = data.readings.get(ch) ?? [];
  for (const p of own) for (const c of data.byReading.get(p) ?? []) if (c !== ch) out.set(c, 'same');
  for (const c of data.shapes.get(ch) ?? '') if (c !== ch && !out.has(c) && data.suggestable.has(c)) out.set(c, 'shape');
  for (const p of own) {
    for (const q of nearReadings(p)) for (const c of data.byReading.get(q) ?? []) if (c !== ch && !out.has(c)) out.set(c, 'near');
  }
  for (const c of [...out.keys()]) if (NUMERALS.has(c) && !(c === '零' && typoContextTuning.zeroCand === 1)) out.delete(c);
  const result: Similar = {
    chars: [...out.keys()].join(''),
    codes: Uint16Array.from([...out.keys()].map((c) => c.charCodeAt(0))),
    kinds: Uint8Array.from([...out.values()].map((k) => KINDS.indexOf(k))),
  };
  similarCache.set(ch, result);
  return result;
}

const similar2Cache = new Map<string, Similar>();
/**
 * Only a character outside the 1,000 most common has look-alikes of look-alikes tried: the common
 * ones belong to large families (口, 木, 贝…) whose far members are seldom slips, and trying them
 * costs a quarter more work per character; a slip that leaves a rare character is the usual case
 * (「茨金」「朕责」「监瞥」「犮展」).
 */
const SHAPE2_MIN_RANK = 1000;

/**
 * Look-alikes of look-alikes (「茨」「资」 through 次, 「朕」「职」 through 联): the table lists only
 * some of a character's look-alikes, so a slip between two of them is found through a third. About
 * ten times as many as the direct ones, so kept apart from similar(): they cost more
 * (typoContextTuning.costShape2) and are tried only where the character stands alone in the
 * best segmentation and is not among the SHAPE2_MIN_RANK most common.
 */
function similar2(ch: string): Similar {
  const cached = similar2Cache.get(ch);
  if (cached) return cached;
  const data = charData();
  const out: string[] = [];
  if ((data.rank.get(ch) ?? Infinity) < SHAPE2_MIN_RANK) {
    const none: Similar = { chars: '', codes: new Uint16Array(0), kinds: new Uint8Array(0) };
    similar2Cache.set(ch, none);
    return none;
  }
  const direct = similar(ch).chars;
  for (const m of data.shapes.get(ch) ?? '')
    for (const c of data.shapes.get(m) ?? '')
      if (c !== ch && !direct.includes(c) && !out.includes(c) && data.suggestable.has(c) && !NUMERALS.has(c)) out.push(c);
  const result: Similar = {
    chars: out.join(''),
    codes: Uint16Array.from(out.map((c) => c.charCodeAt(0))),
    kinds: new Uint8Array(out.length).fill(SHAPE2),
  };
  similar2Cache.set(ch, result);
  return result;
}

/**
 * jieba's dictionary in flat typed arrays (a JS Map of its 350,000 words costs ~100 MB; this a
 * tenth of it), as typo-context-unigram.bin holds it: word code units in one Uint16Array, each
 * word's length and log probability, and an open-addressing hash table of word indexes built on
 * loading. Lookups hash a slice of the text, optionally with one character replaced, without
 * building a string.
 */
class WordTable {
  readonly starts: Uint32Array;
  private readonly slots: Int32Array;

  constructor(
    readonly chars: Uint16Array,
    readonly lengths: Uint8Array,
    /** Each word's natural-log probability. */
    readonly logp: Float32Array,
    /** 1 for a proper name (jieba's tags nr, ns, nt, nrt, nrfg). */
    readonly proper: Uint8Array,
  ) {
    const count = lengths.length;
    this.starts = new Uint32Array(count);
    let cap = 1;
    while (cap < count * 2) cap <<= 1;
    this.slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let w = 0, at = 0; w < count; at += lengths[w], w++) {
      this.starts[w] = at;
      let h = FNV_BASIS;
      for (let k = 0; k < lengths[w]; k++) h = fnvStep(h, chars[at + k]);
      let i = h & mask;
      while (this.slots[i] >= 0) i = (i + 1) & mask;
      this.slots[i] = w;
    }
  }

  static hash(text: string, start: number, end: number, at: number, code: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      h ^= i === at ? code : text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  /** Index of text[start, end) — with code unit `code` at `at` when `at` ≥ 0 — or -1. */
  find(text: string, start: number, end: number, at = -1, code = 0): number {
    return this.findHashed(WordTable.hash(text, start, end, at, code), text, start, end, at, code);
  }

  /** As find, with the slice's hash (FNV-1a over its code units, see fnvStep) already computed. */
  findHashed(hash: number, text: string, start: number, end: number, at = -1, code = 0): number {
    const len = end - start;
    const mask = this.slots.length - 1;
    let i = (hash >>> 0) & mask;
    for (;;) {
      const w = this.slots[i];
      if (w < 0) return -1;
      if (this.lengths[w] === len) {
        const base = this.starts[w];
        let k = 0;
        while (k < len && this.chars[base + k] === (start + k === at ? code : text.charCodeAt(start + k))) k++;
        if (k === len) return w;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Fills `pairs` with the adjacent characters of words up to `maxPairWord` long, and `prefixes`
   * with the hashes of the prefixes (two characters or more) of words up to MAX_WORD long.
   */
  index(pairs: PairSet, maxPairWord: number, prefixes: HashSet32): void {
    const { chars, lengths, starts } = this;
    for (let w = 0; w < lengths.length; w++) {
      const len = lengths[w];
      const base = starts[w];
      if (len >= 2 && len <= maxPairWord) {
        for (let k = 1; k < len; k++) pairs.add(chars[base + k - 1], chars[base + k]);
      }
      if (len >= 2 && len <= MAX_WORD) {
        let h = FNV_BASIS;
        for (let k = 0; k < len; k++) {
          h = fnvStep(h, chars[base + k]);
          if (k >= 1) prefixes.add(h);
        }
      }
    }
  }
}

const FNV_BASIS = 0x811c9dc5;
/** One step of FNV-1a: the hash of a slice extended by one code unit (WordTable's hash, incrementally). */
function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

/**
 * The hashes of every prefix (two characters or more, whole words included) of the dictionary's
 * words: a slice whose hash is missing is no word and begins none, so a scan stops there. A hash
 * collision only costs a lookup that finds nothing.
 */
class HashSet32 {
  private table = new Uint32Array(1 << 20);
  private size = 0;
  private slot(key: number, table: Uint32Array): number {
    const mask = table.length - 1;
    let i = (Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0) & mask;
    while (table[i] !== 0 && table[i] !== key) i = (i + 1) & mask;
    return i;
  }
  add(h: number): void {
    const key = h >>> 0 || 1;
    const i = this.slot(key, this.table);
    if (this.table[i] === key) return;
    this.table[i] = key;
    if (++this.size * 2 > this.table.length) {
      const old = this.table;
      this.table = new Uint32Array(old.length * 2);
      for (const k of old) if (k !== 0) this.table[this.slot(k, this.table)] = k;
    }
  }
  has(h: number): boolean {
    const key = h >>> 0 || 1;
    return this.table[this.slot(key, this.table)] === key;
  }
}

/** A set of character pairs: an open-addressing hash table of two UTF-16 code units. */
class PairSet {
  private table = new Uint32Array(1 << 19);
  private size = 0;
  private static key(a: number, b: number): number {
    // 0 marks an empty slot; a pair of two NULs never occurs in a word.
    return ((a << 16) | b) >>> 0;
  }
  private slot(key: number, table: Uint32Array): number {
    const mask = table.length - 1;
    let i = (Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 0) & mask;
    while (table[i] !== 0 && table[i] !== key) i = (i + 1) & mask;
    return i;
  }
  add(a: number, b: number): void {
    const key = PairSet.key(a, b);
    if (key === 0) return;
    const i = this.slot(key, this.table);
    if (this.table[i] === key) return;
    this.table[i] = key;
    // Up to 60% full: ~300,000 pairs fit in 2 MB, and a probe mostly stays in one cache line.
    if (++this.size * 5 > this.table.length * 3) {
      const old = this.table;
      this.table = new Uint32Array(old.length * 2);
      for (const k of old) if (k !== 0) this.table[this.slot(k, this.table)] = k;
    }
  }
  has(a: number, b: number): boolean {
    const key = PairSet.key(a, b);
    return key !== 0 && this.table[this.slot(key, this.table)] === key;
  }
}

interface Lexicon {
  words: WordTable;
  /** Hashes of the words' prefixes of two or more characters (whole words too). */
  prefixes: HashSet32;
  /** Adjacent characters inside words of up to MAX_NEW_WORD characters: a quick "can this form a word?" test. */
  pairs: PairSet;
  /** Score of a character the dictionary lacks (jieba's minimum weight). */
  unknown: number;
  /** log P of a two-character word of frequency MIN_TWO_CHAR_FREQ: rarer ones are no evidence. */
  rareTwo: number;
  /** Natural log of the dictionary's total frequency. */
  logTotal: number;
}

/** undefined: not read yet; null: missing or damaged (the rule is off, one warning said so). */
let lexicon: Lexicon | null | undefined;

const UNIGRAM_HEADER = 80;

/** The unigram file's contents (typo-context-unigram.bin, written by scripts/build-typo-unigram.js); throws on a damaged file. */
function readUnigram(file: string): Lexicon {
  const bytes = fs.readFileSync(file);
  if (bytes.length < UNIGRAM_HEADER || bytes.toString('latin1', 0, 4) !== 'GWUG' || bytes.readUInt32LE(4) !== 1)
    throw new Error('格式不符');
  const count = bytes.readUInt32LE(8);
  const charCount = bytes.readUInt32LE(12);
  const lenBytes = (count + 3) & ~3;
  if (bytes.length !== UNIGRAM_HEADER + lenBytes + count * 4 + charCount * 2) throw new Error('长度不符');
  let h = FNV_BASIS;
  for (let i = UNIGRAM_HEADER; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  if (h >>> 0 !== bytes.readUInt32LE(16)) throw new Error('校验和不符');
  // Views on the file's own buffer when aligned (a file this size gets a buffer of its own), else copies.
  const payload = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const base = payload.byteOffset + UNIGRAM_HEADER;
  const lengths = new Uint8Array(count);
  const proper = new Uint8Array(count);
  let total = 0;
  for (let w = 0; w < count; w++) {
    const b = payload[UNIGRAM_HEADER + w];
    lengths[w] = b & 127;
    proper[w] = b >> 7;
    total += b & 127;
  }
  if (total !== charCount) throw new Error('长度不符');
  const logp = new Float32Array(payload.buffer, base + lenBytes, count);
  const chars = new Uint16Array(payload.buffer, base + lenBytes + count * 4, charCount);
  const words = new WordTable(chars, lengths, logp, proper);
  const pairs = new PairSet();
  const prefixes = new HashSet32();
  words.index(pairs, MAX_NEW_WORD, prefixes);
  const logTotal = bytes.readDoubleLE(32);
  return { words, prefixes, pairs, unknown: bytes.readDoubleLE(24), rareTwo: Math.log(MIN_TWO_CHAR_FREQ) - logTotal, logTotal };
}

/** The unigram model's file: beside the rule tables, or where GONGWEN_TYPO_UNIGRAM points. */
export function typoContextUnigramFile(): string {
  return process.env.GONGWEN_TYPO_UNIGRAM || path.join(dataDir(), 'typo-context-unigram.bin');
}

/**
 * jieba's dictionary as log probabilities: cppjieba's full dictionary and the project's user
 * dictionary, built into typo-context-unigram.bin (not the trimmed dictionary nodejieba segments
 * with, and not read from nodejieba: the packaged extension ships only the trimmed one). Without
 * it the rule switches itself off.
 */
function lex(): Lexicon | null {
  if (lexicon !== undefined) return lexicon;
  const file = typoContextUnigramFile();
  try {
    lexicon = readUnigram(file);
  } catch (err) {
    lexicon = null;
    const code = (err as NodeJS.ErrnoException)?.code;
    const why = code === 'ENOENT' ? '找不到文件' : err instanceof Error ? err.message : String(err);
    warnOnce(`「疑似错别字」（typo-context）规则已停用：词频表 ${file} 无法使用（${why}）。其他规则照常检查；重新安装扩展可恢复。`);
  }
  return lexicon;
}

/** The trigram model's file: beside the rule tables, or where GONGWEN_TYPO_LM points. */
export function typoContextModelFile(): string {
  return process.env.GONGWEN_TYPO_LM || path.join(dataDir(), 'lm', 'lm_sc.gwlm');
}

/** undefined: not tried yet; null: missing or damaged (the rule is off, one warning said so). */
let model: TrigramModel | null | undefined;

/** The trigram model, read on first use. Without it the rule switches itself off. */
function languageModel(): TrigramModel | null {
  if (model !== undefined) return model;
  const file = typoContextModelFile();
  try {
    model = readTrigramModel(file);
  } catch (err) {
    model = null;
    const code = (err as NodeJS.ErrnoException)?.code;
    const why = code === 'ENOENT' ? '找不到文件' : err instanceof Error ? err.message : String(err);
    warnOnce(`「疑似错别字」（typo-context）规则已停用：语言模型 ${file} 无法使用（${why}）。其他规则照常检查；重新安装扩展可恢复。`);
  }
  return model;
}

/** Forgets the loaded model (tests point GONGWEN_TYPO_LM elsewhere and load again). */
export function resetTypoContextModel(): void {
  model = undefined;
  lexicon = undefined;
}

// ---------------------------------------------------------------------------------------------
// Attested language: sequences of published laws, names of places. A position inside one is no
// slip unless the evidence clears the margin by typoContextTuning.protectBonus more.

/** Sorted FNV-1a hashes of the four-character sequences attested in laws (typo-context-attested.bin). */
let attested: Uint32Array | null | undefined;
const ATTESTED_N = 4;

function attestedTable(): Uint32Array | null {
  if (attested !== undefined) return attested;
  const file = path.join(dataDir(), 'typo-context-attested.bin');
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length < 64 || bytes.toString('latin1', 0, 4) !== 'GWAT' || bytes.readUInt32LE(4) !== 1) throw new Error('格式不符');
    const count = bytes.readUInt32LE(8);
    if (bytes.length !== 64 + count * 4) throw new Error('长度不符');
    // A view on the file's own buffer when aligned (a file this size gets a buffer of its own), else a copy.
    const table = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + 64, count) : new Uint32Array(count);
    if (table.buffer !== bytes.buffer) Buffer.from(table.buffer).set(bytes.subarray(64));
    let h = 0x811c9dc5;
    for (let i = 0; i < count; i++) h = Math.imul(h ^ table[i], 0x01000193);
    if (h >>> 0 !== bytes.readUInt32LE(12)) throw new Error('校验和不符');
    attested = table;
  } catch (err) {
    attested = null;
    const code = (err as NodeJS.ErrnoException)?.code;
    warnOnce(
      `「疑似错别字」（typo-context）规则未能读入已见用语表 ${file}（${code === 'ENOENT' ? '找不到文件' : err instanceof Error ? err.message : String(err)}），法规等文本中的误报会增多。`,
    );
  }
  return attested;
}

/** Whether a four-character sequence over `at`, with `code` there, is attested in the laws. */
function correctionAttested(text: string, at: number, code: number): boolean {
  const table = attestedTable();
  if (!table) return false;
  for (let s = Math.max(0, at - ATTESTED_N + 1); s <= at && s + ATTESTED_N <= text.length; s++) {
    if (sortedHas(table, WordTable.hash(text, s, s + ATTESTED_N, at, code))) return true;
  }
  return false;
}

function sortedHas(table: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = table[mid];
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface Places {
  /** FNV-1a hashes of the names (typo-context-places.tsv). */
  names: HashSet32;
  longest: number;
  /** The provinces' one-character abbreviations. */
  abbreviations: Set<string>;
  /** First characters of the names of provinces and prefecture-level cities: 「郑许」「石衡沧」. */
  initials: Set<string>;
  /** First characters of the names of county-level cities (「莱临」: 莱州、莱阳 beside 临沂). */
  minorInitials: Set<string>;
}
let places: Places | undefined;

function placeData(): Places {
  if (places) return places;
  // Read from disk on first use, not bundled: 30,000 names would slow every bundle's start.
  let placeTable = '';
  const file = path.join(dataDir(), 'typo-context-places.tsv');
  try {
    placeTable = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    warnOnce(
      `「疑似错别字」（typo-context）规则未能读入地名表 ${file}（${code === 'ENOENT' ? '找不到文件' : err instanceof Error ? err.message : String(err)}），地名中的误报会增多。`,
    );
  }
  const names = new HashSet32();
  let longest = 0;
  const abbreviations = new Set<string>();
  const initials = new Set<string>();
  const minorInitials = new Set<string>();
  // Read line by line: 30,000 rows as arrays would be garbage the moment they are read.
  for (let pos = 0; pos < placeTable.length;) {
    let nl = placeTable.indexOf('\n', pos);
    if (nl < 0) nl = placeTable.length;
    const tab = placeTable.indexOf('\t', pos);
    const line = pos;
    pos = nl + 1;
    if (placeTable[line] === '#' || tab < 0 || tab > nl) continue;
    const name = placeTable.slice(line, tab);
    const level = placeTable.slice(tab + 1, nl).trim();
    if (level === 'abbr') {
      for (const c of name) abbreviations.add(c);
      continue;
    }
    names.add(WordTable.hash(name, 0, name.length, -1, 0));
    longest = Math.max(longest, name.length);
    if (level === 'province' || level === 'city') initials.add(name[0]);
    else if (level === 'county-city') minorInitials.add(name[0]);
  }
  for (const c of abbreviations) initials.add(c);
  places = { names, longest: Math.min(longest, 12), abbreviations, initials, minorInitials };
  return places;
}

/**
 * Whether the character at `at` sits in attested language: a four-character sequence of the laws,
 * the name of a place, a province's abbreviation next to another (「京津冀」「川渝」) or after 入/援/驻…,
 * or a string of the initials of cities (「郑许」「石衡沧」 for railways and city clusters).
 */
function isAttested(L: Lexicon, text: string, seg: Segmentation, at: number): boolean {
  const table = attestedTable();
  if (table) {
    for (let s = Math.max(0, at - ATTESTED_N + 1); s <= at && s + ATTESTED_N <= text.length; s++) {
      if (sortedHas(table, WordTable.hash(text, s, s + ATTESTED_N, -1, 0))) return true;
    }
  }
  const P = placeData();
  // A place name is evidence only where the best segmentation has word boundaries at both its ends:
  // one that takes a character of a word (全民|建身 holds 民建, 个大|信息 holds 大信) is a chance.
  const boundary = (i: number) => i === 0 || i === text.length || seg.tokens.some(([ts, te]) => ts === i || te === i);
  for (let s = Math.max(0, at - P.longest + 1); s <= at; s++) {
    let h = FNV_BASIS;
    for (let e = s; e < Math.min(text.length, s + P.longest); e++) {
      h = fnvStep(h, text.charCodeAt(e));
      if (e + 1 - s >= 2 && e >= at && P.names.has(h) && boundary(s) && boundary(e + 1)) return true;
    }
  }
  const c = text[at];
  const single = (i: number) => seg.tokens.some(([ts, te]) => ts === i && te === i + 1);
  const pairIsWord = (i: number) => L.words.find(text, i, i + 2) >= 0;
  // An abbreviation standing alone (a token of its own: 「冀货出海」「归渝」「甬金衢」), after 入/援/驻…, or
  // next to another (「川渝」「京津冀」).
  if (P.abbreviations.has(c)) {
    if (
      single(at) ||
      ABBREVIATION_CUES.has(text[at - 1]) ||
      P.abbreviations.has(text[at - 1] ?? '') ||
      P.abbreviations.has(text[at + 1] ?? '')
    )
      return true;
  }
  // Two initials side by side, both standing alone, that make no word: one of them a province's or a
  // prefecture-level city's, the other may be a county-level city's (「建射」 is no such pair).
  const initial = (x: string | undefined) => x !== undefined && (P.initials.has(x) || P.minorInitials.has(x));
  const pairOfInitials = (i: number) =>
    initial(text[i]) &&
    initial(text[i + 1]) &&
    (P.initials.has(text[i]) || P.initials.has(text[i + 1])) &&
    single(i) &&
    single(i + 1) &&
    !pairIsWord(i);
  if (initial(c) && ((at > 0 && pairOfInitials(at - 1)) || (at + 1 < text.length && pairOfInitials(at)))) return true;
  return false;
}

/** Characters before a province's abbreviation: 入豫、援藏、驻疆、赴京、返乡回渝. */
const ABBREVIATION_CUES = NAMES.chars('abbreviation-cues');

let termMatcher: AhoCorasick | undefined;
let typoWrongForms: string[] | undefined;
const typoMatchers = new Map<string, AhoCorasick>();
/**
 * The same, by the pairs object itself: every paragraph of one check shares its options' object,
 * so the user's pairs are sorted once per check, not once per paragraph (100,000 pairs: 150 ms each).
 */
const matcherByObject = new WeakMap<Record<string, string>, AhoCorasick>();

/** Protected: the current terms, and the canonical formulations of the canon rule's table, written as they should be. */
function terms(): AhoCorasick {
  termMatcher ??= new AhoCorasick([...parseTable(termTable), ...parseTable(canonTable)].map((row) => row[0]).filter((t) => t !== ''));
  return termMatcher;
}

/** The curated table's wrong forms and the user's: spans the `typo` rule owns. */
function curatedMatcher(userPairs: Record<string, string>): AhoCorasick {
  const known = matcherByObject.get(userPairs);
  if (known) return known;
  typoWrongForms ??= parseTable(typoTable)
    .map((row) => row[0])
    .filter((w) => w !== '');
  const user = Object.keys(userPairs)
    .filter((w) => w !== '')
    .sort();
  const key = user.join('\u0000');
  let m = typoMatchers.get(key);
  if (!m) {
    m = new AhoCorasick([...typoWrongForms, ...user]);
    if (typoMatchers.size > 16) typoMatchers.clear();
    typoMatchers.set(key, m);
  }
  matcherByObject.set(userPairs, m);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Scoring

interface Segmentation {
  /** fwd[k]: best log probability of text[0, k). */
  fwd: Float64Array;
  /** bwd[k]: best log probability of text[k, n). */
  bwd: Float64Array;
  /** Tokens of the best segmentation, as [start, end). */
  tokens: [number, number][];
}

function segment(L: Lexicon, text: string): Segmentation {
  const n = text.length;
  const fwd = new Float64Array(n + 1).fill(-Infinity);
  const back = new Int32Array(n + 1);
  fwd[0] = 0;
  // The lattice: every dictionary word of the clause, found once (a scan from each start stops
  // at the first slice that begins no word).
  const edgeEnd: number[] = [];
  const edgeP: number[] = [];
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    first[i] = edgeEnd.length;
    let h = FNV_BASIS;
    for (let len = 1; len <= MAX_WORD && i + len <= n; len++) {
      h = fnvStep(h, text.charCodeAt(i + len - 1));
      if (len >= 2 && !L.prefixes.has(h)) break;
      const w = L.words.findHashed(h, text, i, i + len);
      if (w >= 0) {
        edgeEnd.push(i + len);
        edgeP.push(L.words.logp[w]);
      } else if (len === 1) {
        edgeEnd.push(i + 1);
        edgeP.push(L.unknown);
      }
    }
  }
  first[n] = edgeEnd.length;
  for (let i = 0; i < n; i++) {
    const base = fwd[i];
    for (let k = first[i]; k < first[i + 1]; k++) {
      const e = edgeEnd[k];
      if (base + edgeP[k] > fwd[e]) {
        fwd[e] = base + edgeP[k];
        back[e] = i;
      }
    }
  }
  const bwd = new Float64Array(n + 1).fill(-Infinity);
  bwd[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let k = first[i]; k < first[i + 1]; k++) {
      const v = edgeP[k] + bwd[edgeEnd[k]];
      if (v > bwd[i]) bwd[i] = v;
    }
  }
  const tokens: [number, number][] = [];
  for (let j = n; j > 0; j = back[j]) tokens.push([back[j], j]);
  tokens.reverse();
  return { fwd, bwd, tokens };
}

/**
 * The clause under the trigram model: its best segmentation into the model's words by their
 * unigram probabilities (fwd/bwd as for jieba's dictionary, with the tokens of each best path),
 * and the trigram log probability of that path.
 */
interface LmSegmentation {
  fwd: Float64Array;
  bwd: Float64Array;
  /** Last token of the best path of text[0, k): its start and word id. */
  backStart: Int32Array;
  backId: Int32Array;
  /** First token of the best path of text[k, n): its end and word id. */
  nextEnd: Int32Array;
  nextId: Int32Array;
  /** The clause's best path: its word ids in order, and for each position the index of the path's
   *  token starting there (the number of tokens at the end), or -1 where no token starts. */
  pathIds: Int32Array;
  pathAt: Int32Array;
}

/** Word id of text[start, end) (one code unit replaced when at ≥ 0); a single unknown character is <unk> (0). */
function lmWord(M: TrigramModel, text: string, start: number, end: number, at = -1, code = 0): number {
  const w = M.find(text, start, end, at, code);
  return w < 0 && end - start === 1 ? 0 : w;
}

function lmSegment(M: TrigramModel, text: string): LmSegmentation {
  const n = text.length;
  const maxLen = Math.min(MAX_WORD, M.maxWord);
  const fwd = new Float64Array(n + 1).fill(-Infinity);
  const bwd = new Float64Array(n + 1).fill(-Infinity);
  const backStart = new Int32Array(n + 1);
  const backId = new Int32Array(n + 1);
  const nextEnd = new Int32Array(n + 1);
  const nextId = new Int32Array(n + 1);
  fwd[0] = 0;
  bwd[n] = 0;
  // Each word of the lattice is looked up once: edges[start] lists (end, id).
  const edgeEnd: number[] = [];
  const edgeId: number[] = [];
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    first[i] = edgeEnd.length;
    for (let len = 1; len <= maxLen && i + len <= n; len++) {
      const w = lmWord(M, text, i, i + len);
      if (w < 0) continue;
      edgeEnd.push(i + len);
      edgeId.push(w);
    }
  }
  first[n] = edgeEnd.length;
  for (let i = 0; i < n; i++) {
    const base = fwd[i];
    for (let k = first[i]; k < first[i + 1]; k++) {
      const e = edgeEnd[k];
      const v = base + M.uniP[edgeId[k]];
      if (v > fwd[e]) {
        fwd[e] = v;
        backStart[e] = i;
        backId[e] = edgeId[k];
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = first[i]; k < first[i + 1]; k++) {
      const e = edgeEnd[k];
      const v = M.uniP[edgeId[k]] + bwd[e];
      if (v > bwd[i]) {
        bwd[i] = v;
        nextEnd[i] = e;
        nextId[i] = edgeId[k];
      }
    }
  }
  // The best path, from the back pointers.
  let count = 0;
  for (let j = n; j > 0; j = backStart[j]) count++;
  const pathIds = new Int32Array(count);
  const pathAt = new Int32Array(n + 1).fill(-1);
  pathAt[n] = count;
  for (let j = n, k = count - 1; j > 0; j = backStart[j], k--) {
    pathIds[k] = backId[j];
    pathAt[backStart[j]] = k;
  }
  return { fwd, bwd, backStart, backId, nextEnd, nextId, pathIds, pathAt };
}

/** Tokens walked at most on either side of a replacement before its path is taken to rejoin the clause's. */
const MAX_WALK = 24;
const newIds = new Int32Array(2 * MAX_WALK + 8);
/** The clause's tokens over the same stretch: at most one a character of it, plus the context. */
const oldIds = new Int32Array((2 * MAX_WALK + 1) * MAX_WORD + 8);

/** Gain in the clause's trigram log probability when `code` replaces the character at `at`. */
function lmGain(M: TrigramModel, run: string, seg: LmSegmentation, at: number, code: number): number {
  const n = run.length;
  const maxLen = Math.min(MAX_WORD, M.maxWord);
  let best = -Infinity;
  let bs = at;
  let be = at + 1;
  let bw = 0;
  for (let start = Math.max(0, at - maxLen + 1); start <= at; start++) {
    const left = seg.fwd[start];
    if (left === -Infinity) continue;
    for (let end = at + 1; end <= Math.min(n, start + maxLen); end++) {
      const w = lmWord(M, run, start, end, at, code);
      if (w < 0) continue;
      const v = left + M.uniP[w] + seg.bwd[end];
      if (v > best) {
        best = v;
        bs = start;
        be = end;
        bw = w;
      }
    }
  }
  return lmPathDelta(M, seg, bs, be, bw, n);
}

/**
 * Trigram log probability of the path made of the best path of text[0, start), word `id` over
 * [start, end) and the best path of text[end, n), minus that of the clause's best path. Only the
 * part where the two paths differ is scored: the new path's tokens are walked back from `start`
 * and forward from `end` until they reach a position where a token of the clause's path starts
 * (the paths coincide beyond it), and both stretches are scored after the same two tokens of
 * context and followed by the same two — the rest of the clause contributes the same to both.
 * So a replacement costs a few lookups however long its clause.
 */
function lmPathDelta(M: TrigramModel, seg: LmSegmentation, start: number, end: number, id: number, n: number): number {
  const { pathIds, pathAt } = seg;
  // Walk back from `start` to a position on the clause's path.
  let p = start;
  let back = 0;
  while (pathAt[p] < 0 && back < MAX_WALK) {
    p = seg.backStart[p];
    back++;
  }
  let q = end;
  let fwd = 0;
  while (pathAt[q] < 0 && fwd < MAX_WALK) {
    q = seg.nextEnd[q];
    fwd++;
  }
  // The paths did not rejoin within MAX_WALK tokens (never seen in practice): score them whole.
  if (pathAt[p] < 0 || pathAt[q] < 0) return lmFullDelta(M, seg, start, end, id, n);
  const i = pathAt[p];
  const j = pathAt[q];
  const left = Math.max(0, i - 2);
  const right = Math.min(pathIds.length, j + 2);
  // New: context, the walked-back tokens of [p, start), the word, the walked-forward tokens of [end, q), context.
  let k = 0;
  for (let t = left; t < i; t++) newIds[k++] = pathIds[t];
  const mark = k;
  for (let x = start; x > p; x = seg.backStart[x]) newIds[k++] = seg.backId[x];
  newIds.subarray(mark, k).reverse();
  if (id >= 0) newIds[k++] = id;
  for (let x = end; x < q; x = seg.nextEnd[x]) newIds[k++] = seg.nextId[x];
  for (let t = j; t < right; t++) newIds[k++] = pathIds[t];
  let m = 0;
  for (let t = left; t < right && m < oldIds.length; t++) oldIds[m++] = pathIds[t];
  return M.score(newIds, 0, k) - M.score(oldIds, 0, m);
}

/** lmPathDelta the slow way: both paths scored from start to end. */
function lmFullDelta(M: TrigramModel, seg: LmSegmentation, start: number, end: number, id: number, n: number): number {
  const ids: number[] = [];
  for (let x = start; x > 0; x = seg.backStart[x]) ids.push(seg.backId[x]);
  ids.reverse();
  if (id >= 0) ids.push(id);
  for (let x = end; x < n; x = seg.nextEnd[x]) ids.push(seg.nextId[x]);
  return M.score(ids) - M.score(seg.pathIds);
}

interface Candidate {
  /** Position in the run. */
  at: number;
  /** The replacement: one character, or two (a two-character word over at, at + 1; findPairs). */
  ch: string;
  kind: Kind;
  /** Gain in log probability minus the kind's cost. */
  score: number;
  /** The word the replacement forms, [start, end) in the run, and whether it is a proper name. */
  start: number;
  end: number;
  proper: boolean;
  /** Whether the score includes typoContextTuning.attestedBonus (a single character's only where it was short of the margin). */
  bonus?: boolean;
}

/** Best word over position `at` once `ch` replaces the character there, and its gain. */
/** Hashes of run[at − k, at) for k < MAX_NEW_WORD, shared by all replacements at one position. */
const preHash = new Uint32Array(MAX_NEW_WORD);
let preRun = '';
let preAt = -1;

function bestWith(
  L: Lexicon,
  run: string,
  seg: Segmentation,
  at: number,
  code: number,
): { gain: number; start: number; end: number; proper: boolean } | undefined {
  const rareTwo = L.rareTwo;
  const n = run.length;
  if (at !== preAt || run !== preRun) {
    for (let start = Math.max(0, at - MAX_NEW_WORD + 1); start <= at; start++) {
      let h = FNV_BASIS;
      for (let i = start; i < at; i++) h = fnvStep(h, run.charCodeAt(i));
      preHash[at - start] = h;
    }
    preRun = run;
    preAt = at;
  }
  const total = seg.fwd[n];
  let best = -Infinity;
  let bs = 0;
  let be = 0;
  let bw = -1;
  for (let start = Math.max(0, at - MAX_NEW_WORD + 1); start <= at; start++) {
    const left = seg.fwd[start];
    if (left === -Infinity) continue;
    let h = fnvStep(preHash[at - start], code);
    if (at > start && !L.prefixes.has(h)) continue;
    for (let end = at + 1; end <= Math.min(n, start + MAX_NEW_WORD); end++) {
      if (end > at + 1) {
        h = fnvStep(h, run.charCodeAt(end - 1));
        if (!L.prefixes.has(h)) break;
      }
      if (end - start < 2) continue;
      const w = L.words.findHashed(h, run, start, end, at, code);
      if (w < 0) continue;
      // A rare two-character word (「顽张」「卯足」) is no evidence of a slip.
      if (end - start === 2 && L.words.logp[w] < rareTwo) continue;
      const v = left + L.words.logp[w] + seg.bwd[end];
      if (v > best) {
        best = v;
        bs = start;
        be = end;
        bw = w;
      }
    }
  }
  return best === -Infinity ? undefined : { gain: best - total, start: bs, end: be, proper: L.words.proper[bw] === 1 };
}

// ---------------------------------------------------------------------------------------------
// Two adjacent characters at once: 「时长」→市场, 「同济」→统计. One replacement at a time never sees
// these — neither character alone makes a word with its neighbour.

/**
 * Two-character words (frequency ≥ MIN_TWO_CHAR_FREQ, both characters suggestable) by their toneless
 * readings: key = id of the first reading × READING_IDS + id of the second (about 400 readings).
 */
let pairIndex: { byKey: Map<number, number[]>; readingId: Map<string, number> } | undefined;
const READING_IDS = 1024;

function pairWords(L: Lexicon): { byKey: Map<number, number[]>; readingId: Map<string, number> } {
  if (pairIndex) return pairIndex;
  const data = charData();
  const readingId = new Map<string, number>();
  const idOf = (r: string) => {
    let id = readingId.get(r);
    if (id === undefined) readingId.set(r, (id = readingId.size));
    return id;
  };
  const byKey = new Map<number, number[]>();
  const { lengths, logp, starts, chars: codes } = L.words;
  for (let w = 0; w < lengths.length; w++) {
    if (lengths[w] !== 2 || logp[w] < L.rareTwo) continue;
    const a = String.fromCharCode(codes[starts[w]]);
    const b = String.fromCharCode(codes[starts[w] + 1]);
    if (!data.suggestable.has(a) || !data.suggestable.has(b) || NUMERALS.has(a) || NUMERALS.has(b)) continue;
    for (const ra of data.readings.get(a) ?? [])
      for (const rb of data.readings.get(b) ?? []) {
        const key = idOf(ra) * READING_IDS + idOf(rb);
        const list = byKey.get(key);
        if (list) list.push(w);
        else byKey.set(key, [w]);
      }
  }
  pairIndex = { byKey, readingId };
  return pairIndex;
}

/** pairReplacements' answers by the two characters (a text repeats its pairs of characters). */
const pairCache = new Map<number, { words: string[]; logp: number[] }>();

/** The two-character words of the same sound as text[at, at + 2), both characters different, as strings. */
function pairReplacements(L: Lexicon, text: string, at: number, minLogp: number): string[] {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const key = a * 0x10000 + b;
  let known = pairCache.get(key);
  if (!known) {
    const data = charData();
    const { byKey, readingId } = pairWords(L);
    known = { words: [], logp: [] };
    const { logp, starts, chars: codes } = L.words;
    for (const ra of data.readings.get(text[at]) ?? [])
      for (const rb of data.readings.get(text[at + 1]) ?? []) {
        const ia = readingId.get(ra);
        const ib = readingId.get(rb);
        const list = ia === undefined || ib === undefined ? undefined : byKey.get(ia * READING_IDS + ib);
        for (const w of list ?? []) {
          if (codes[starts[w]] === a || codes[starts[w] + 1] === b) continue;
          const word = String.fromCharCode(codes[starts[w]], codes[starts[w] + 1]);
          if (known.words.includes(word)) continue;
          known.words.push(word);
          known.logp.push(logp[w]);
        }
      }
    if (pairCache.size >= 20000) pairCache.clear();
    pairCache.set(key, known);
  }
  return known.words.filter((_, i) => known.logp[i] >= minLogp);
}

/**
 * Score of putting the two-character `word` over text[at, at + 2): as scoreReplacement, with the
 * best word of each model that covers both positions in the changed text.
 */
function scorePair(
  L: Lexicon,
  M: TrigramModel,
  text: string,
  seg: Segmentation,
  lmSeg: LmSegmentation,
  quiet: Uint8Array,
  at: number,
  word: string,
  floor: number,
): { score: number; uni: number; lm: number; start: number; end: number; proper: boolean } | undefined {
  const n = text.length;
  const changed = text.slice(0, at) + word + text.slice(at + 2);
  let best = -Infinity;
  let bs = 0;
  let be = 0;
  let bw = -1;
  for (let start = Math.max(0, at + 2 - MAX_NEW_WORD); start <= at; start++) {
    const left = seg.fwd[start];
    if (left === -Infinity) continue;
    for (let end = at + 2; end <= Math.min(n, start + MAX_NEW_WORD); end++) {
      const w = L.words.find(changed, start, end);
      if (w < 0) continue;
      if (end - start === 2 && L.words.logp[w] < L.rareTwo) continue;
      const v = left + L.words.logp[w] + seg.bwd[end];
      if (v > best) {
        best = v;
        bs = start;
        be = end;
        bw = w;
      }
    }
  }
  if (bw < 0 || splitsTerm(quiet, bs, be)) return undefined;
  const uni = best - seg.fwd[n];
  const { uniWeight, preMargin } = typoContextTuning;
  if (uni <= floor - preMargin) return undefined;
  const maxLen = Math.min(MAX_WORD, M.maxWord);
  let lbest = -Infinity;
  let ls = 0;
  let le = 0;
  let lw = -1;
  for (let start = Math.max(0, at + 2 - maxLen); start <= at; start++) {
    const left = lmSeg.fwd[start];
    if (left === -Infinity) continue;
    for (let end = at + 2; end <= Math.min(n, start + maxLen); end++) {
      const w = M.find(changed, start, end);
      if (w < 0) continue;
      const v = left + M.uniP[w] + lmSeg.bwd[end];
      if (v > lbest) {
        lbest = v;
        ls = start;
        le = end;
        lw = w;
      }
    }
  }
  if (lw < 0) return undefined;
  const lm = lmPathDelta(M, lmSeg, ls, le, lw, n);
  return { score: uniWeight * uni + (1 - uniWeight) * lm, uni, lm, start: bs, end: be, proper: L.words.proper[bw] === 1 };
}

/** Whether the text with `word` over [at, at + 2) has a four-character sequence of the laws over it. */
function pairAttested(text: string, at: number, word: string): boolean {
  const table = attestedTable();
  if (!table) return false;
  const changed = text.slice(Math.max(0, at - ATTESTED_N + 1), at) + word + text.slice(at + 2, at + 1 + ATTESTED_N);
  const off = Math.max(0, at - ATTESTED_N + 1);
  for (let s = 0; s + ATTESTED_N <= changed.length; s++) {
    if (s + off + ATTESTED_N <= at || s + off > at + 1) continue;
    if (sortedHas(table, WordTable.hash(changed, s, s + ATTESTED_N, -1, 0))) return true;
  }
  return false;
}

/** Why a position must stay quiet, given the run's best segmentation and the word a replacement makes. */
function looksLikeName(run: string, seg: Segmentation, at: number, word: Candidate): boolean {
  const { start: wordStart, end: wordEnd, proper } = word;
  // The last character of a name (「洪泽区」「科工局」): a replacement that turns the name into
  // another one, or merely joins this character to the ones before it where the name ends a
  // phrase (before punctuation, 负责, 牵头, a title…), is no slip.
  if (NAME_SUFFIX.has(run[at]) && wordStart < at && wordEnd === at + 1) {
    if (proper) return true;
    const rest = run.slice(at + 1);
    if (rest === '' || NAME_FOLLOWERS.some((f) => rest.startsWith(f)) || TITLES.some((t) => rest.startsWith(t))) return true;
  }
  const k = seg.tokens.findIndex(([s, e]) => s <= at && at < e);
  if (k < 0) return false;
  const [ts, te] = seg.tokens[k];
  if (te - ts !== 1) return false;
  let ks = k;
  let ke = k;
  while (ks > 0 && seg.tokens[ks - 1][1] - seg.tokens[ks - 1][0] === 1) ks--;
  while (ke < seg.tokens.length - 1 && seg.tokens[ke + 1][1] - seg.tokens[ke + 1][0] === 1) ke++;
  const runStart = seg.tokens[ks][0];
  const runEnd = seg.tokens[ke][1];
  const strays = run.slice(runStart, runEnd);
  const after = run.slice(runEnd);
  // A place name: stray characters ending in 村/镇/区…, or followed by 街道/公司…, unless the
  // replacement's word takes in that suffix (「直害市」→「直辖市」 is a real fix).
  if (wordEnd < runEnd && strays.length >= 2 && UNIT_SUFFIX.has(run[runEnd - 1]) && runEnd - 1 !== at) return true;
  if (wordEnd <= runEnd && PLACE_WORDS.some((p) => after.startsWith(p))) return true;
  const next = seg.tokens[ke + 1];
  if (wordEnd <= runEnd && next && next[1] - next[0] <= 2 && PLACE_CHARS.has(run[runEnd])) return true;
  // A person's name: a surname and one to three characters before a title or 同志.
  if (strays.length >= 2 && strays.length <= 4 && SURNAMES.has(strays[0]) && wordEnd <= runEnd) {
    if (TITLES.some((t) => after.startsWith(t))) return true;
    // …after a title (「主任高雨担任」), or standing alone (a name in a list or a signature).
    const before = run.slice(0, runStart);
    if (TITLES_BEFORE.some((t) => before.endsWith(t))) return true;
    if (runStart === 0 && runEnd === run.length && strays.length <= 3) return true;
  }
  // A person's name opening a clause: a surname and one or two characters, all standing alone, then
  // a verb that follows a person (「孙颖莎在决赛中」「潘展乐打破纪录」).
  if (typoContextTuning.nameVerb === 1 && runStart === 0 && SURNAMES.has(run[0]) && at > 0 && at <= 2) {
    for (let n = at + 1; n <= Math.min(3, runEnd); n++) if (SUBJECT_VERBS.some((v) => run.startsWith(v, n))) return true;
  }
  return false;
}

function isDigitLike(c: string | undefined): boolean {
  return c !== undefined && (NUMERALS.has(c) || /[0-9０-９]/.test(c));
}

/**
 * 「知情知政」「查深查透」「找准找实」: four characters whose first and third (or second and fourth)
 * agree pack two words into one phrase; their halves are rarely dictionary words, and never typos
 * of one another.
 */
function inParallelPattern(text: string, at: number): boolean {
  for (let s = Math.max(0, at - 3); s <= at && s + 4 <= text.length; s++) {
    if (text[s] === text[s + 2] && text[s + 1] !== text[s + 3]) return true;
    if (text[s + 1] === text[s + 3] && text[s] !== text[s + 2]) return true;
  }
  return false;
}

/** The value of `quiet` inside a term of typo-context-terms.tsv (elsewhere 1 or 0). */
const IN_TERM = 2;
/** The value of `quiet` inside a short quotation: flagged only on evidence past margin + protectBonus. */
const IN_SHORT_QUOTE = 3;
/** Quotations of at most this many characters name something: 「“浙里办”」「“一网通办”」「“放管服”」. */
const SHORT_QUOTE = 10;

/**
 * Short quotations are names — of initiatives, brands, slogans — often coined by wordplay (「浙里」
 * for 这里): their characters are protected like attested language.
 */
function markShortQuotes(text: string, quiet: Uint8Array): void {
  const quote = /[“「『‘]([^”」』’“「『‘]{1,12})[”」』’]/g;
  for (let m = quote.exec(text); m; m = quote.exec(text)) {
    let han = 0;
    for (const c of m[1]) if (isHan(c)) han++;
    if (han <= SHORT_QUOTE) for (let i = m.index + 1; i < m.index + 1 + m[1].length; i++) if (quiet[i] === 0) quiet[i] = IN_SHORT_QUOTE;
  }
}

/**
 * Whether a replacement's word [start, end) takes a single character of a protected term
 * (「市卫健委」: 市卫→侍卫). Sharing two or more (「政务服务水瓶」: 服务水平) is fine.
 */
function splitsTerm(quiet: Uint8Array, start: number, end: number): boolean {
  let shared = 0;
  for (let i = start; i < end; i++) if (quiet[i] === IN_TERM) shared++;
  return shared === 1;
}

/**
 * Score of replacing the character at `at` by `ch` (of `kind`): the two models' gains combined,
 * less the kind's cost; undefined when the replacement forms no dictionary word, splits a protected
 * term or falls far below `floor` on the unigram evidence alone.
 */
function scoreReplacement(
  L: Lexicon,
  M: TrigramModel,
  text: string,
  seg: Segmentation,
  lmSeg: LmSegmentation,
  quiet: Uint8Array,
  at: number,
  code: number,
  kind: Kind,
  floor: number,
): { score: number; start: number; end: number; proper: boolean } | undefined {
  const r = bestWith(L, text, seg, at, code);
  if (!r || splitsTerm(quiet, r.start, r.end)) return undefined;
  const kindCost = cost(kind);
  const { uniWeight, preMargin } = typoContextTuning;
  if (r.gain - kindCost <= floor - preMargin) return undefined;
  const lm = lmGain(M, text, lmSeg, at, code);
  return { score: uniWeight * r.gain + (1 - uniWeight) * lm - kindCost, start: r.start, end: r.end, proper: r.proper };
}

/**
 * Which of `orig`'s replacements make, with the neighbour `other` (before it when `after` is false,
 * after it when true), a pair found inside some dictionary word — the quick test every replacement
 * must pass. Remembered per (neighbour, character): a text repeats its character pairs, and each
 * answer saves a hash probe per replacement.
 */
const pairMasks = new Map<number, Uint8Array>();
function pairMask(L: Lexicon, sim: Similar, orig: number, other: number, after: boolean, second = false): Uint8Array {
  const key = (second ? 0x200000000 : 0) + (after ? 0x100000000 : 0) + other * 0x10000 + orig;
  let mask = pairMasks.get(key);
  if (mask) return mask;
  mask = new Uint8Array(sim.codes.length);
  for (let j = 0; j < sim.codes.length; j++)
    mask[j] = (after ? L.pairs.has(sim.codes[j], other) : L.pairs.has(other, sim.codes[j])) ? 1 : 0;
  if (pairMasks.size >= 20000) pairMasks.clear();
  pairMasks.set(key, mask);
  return mask;
}

/** For each replacement of the character at `at`: whether it passes the quick pair test (1) or not (0). */
function quickPass(L: Lexicon, sim: Similar, text: string, at: number): Uint8Array | undefined {
  const orig = text.charCodeAt(at);
  const left = at > 0 ? pairMask(L, sim, orig, text.charCodeAt(at - 1), false) : undefined;
  const right = at + 1 < text.length ? pairMask(L, sim, orig, text.charCodeAt(at + 1), true) : undefined;
  if (!left) return right;
  if (!right) return left;
  if (bothScratch.length < sim.codes.length) bothScratch = new Uint8Array(sim.codes.length * 2);
  for (let j = 0; j < sim.codes.length; j++) bothScratch[j] = left[j] | right[j];
  return bothScratch;
}
/** quickPass's answer for a character with neighbours on both sides; valid until the next call. */
let bothScratch = new Uint8Array(256);

/**
 * Candidates over one run of Chinese characters (no punctuation inside). `quiet` marks characters
 * never flagged: 1, or IN_TERM inside a protected term, which no replacement's word may reach into.
 */
function checkRun(
  L: Lexicon,
  M: TrigramModel,
  run: string,
  quiet: Uint8Array,
  margin: number,
  floor = margin,
  rounds = 2,
  pairs = false,
  hot = false,
): { accepted: Candidate[]; nearMiss: boolean } {
  const accepted: Candidate[] = [];
  let nearMiss = false;
  let text = run;
  const done = new Uint8Array(run.length);
  // Two rounds: the second sees the first round's corrections (two slips in one phrase).
  for (let round = 0; round < rounds; round++) {
    const seg = segment(L, text);
    const lmSeg = lmSegment(M, text);
    // Characters standing alone in the best segmentation: only these are tried with look-alikes of
    // look-alikes (similar2; a slip breaks its word).
    // Not where most characters stand alone: such a run does not read as words at all (a list of
    // characters, garbled text), and trying the far look-alikes of each would only cost time.
    const alone = new Uint8Array(text.length);
    let aloneCount = 0;
    for (const [s, e] of seg.tokens) if (e - s === 1) aloneCount++;
    if (aloneCount * 2 <= text.length) for (const [s, e] of seg.tokens) if (e - s === 1) alone[s] = 1;
    const found: Candidate[] = [];
    for (let at = 0; at < text.length; at++) {
      if ((quiet[at] && quiet[at] !== IN_SHORT_QUOTE) || done[at]) continue;
      const orig = text[at];
      if (NUMERALS.has(orig) && (isDigitLike(text[at - 1]) || isDigitLike(text[at + 1]))) continue;
      if (inParallelPattern(text, at)) continue;
      // 「一剂剂」「一步步」: a doubled character is deliberate.
      if (orig === text[at - 1] || orig === text[at + 1]) continue;
      let best: Candidate | undefined;
      const orig16 = text.charCodeAt(at);
      for (let list = 0; list < (alone[at] === 1 ? 2 : 1); list++) {
        const second = list === 1;
        const sim = second ? similar2(orig) : similar(orig);
        const leftMask = at > 0 ? pairMask(L, sim, orig16, text.charCodeAt(at - 1), false, second) : undefined;
        const rightMask = at + 1 < text.length ? pairMask(L, sim, orig16, text.charCodeAt(at + 1), true, second) : undefined;
        for (let j = 0; j < sim.codes.length; j++) {
          if (!(leftMask !== undefined && leftMask[j] === 1) && !(rightMask !== undefined && rightMask[j] === 1)) continue;
          const kind = KINDS[sim.kinds[j]];
          const r = scoreReplacement(L, M, text, seg, lmSeg, quiet, at, sim.codes[j], kind, floor);
          if (!r) continue;
          // The corrected text reads like published law: evidence for the correction.
          const bonus = typoContextTuning.attestedBonus;
          let bonused = false;
          if (bonus > 0 && r.score <= margin && r.score + bonus > floor && correctionAttested(text, at, sim.codes[j])) {
            r.score += bonus;
            bonused = true;
          }
          if (r.score <= margin) {
            if (r.score > floor) nearMiss = true;
            continue;
          }
          if (!best || r.score > best.score)
            best = { at, ch: sim.chars[j], kind, score: r.score, start: r.start, end: r.end, proper: r.proper, bonus: bonused };
        }
      }
      if (!best || looksLikeName(text, seg, at, best)) continue;
      // The second look's lowered margin is mostly for sounds: a look-alike there needs hotShape more
      // (「国企」→国内, 「活力」→活动 are a part added or taken away, not a slip).
      if (hot && (best.kind === 'shape' || best.kind === 'shape2') && best.score <= margin + typoContextTuning.hotShape) continue;
      if (best.score <= margin + typoContextTuning.protectBonus && (quiet[at] === IN_SHORT_QUOTE || isAttested(L, text, seg, at))) continue;
      found.push(best);
    }
    if (pairs && findPairs(L, M, text, seg, lmSeg, quiet, done, margin, floor, found, hot)) nearMiss = true;
    if (found.length === 0) break;
    found.sort((a, b) => b.score - a.score);
    const taken: Candidate[] = [];
    for (const c of found) {
      if (taken.some((t) => c.start < t.end && t.start < c.end)) continue;
      taken.push(c);
    }
    for (const c of taken) {
      text = text.slice(0, c.at) + c.ch + text.slice(c.at + c.ch.length);
      done.fill(1, c.at, c.at + c.ch.length);
      accepted.push(c);
    }
  }
  return { accepted, nearMiss };
}

/** Whether the character at `at` may be changed at all (the tests every replacement of it passes first). */
function changeable(text: string, quiet: Uint8Array, done: Uint8Array, at: number): boolean {
  if ((quiet[at] && quiet[at] !== IN_SHORT_QUOTE) || done[at]) return false;
  const orig = text[at];
  if (NUMERALS.has(orig) && (isDigitLike(text[at - 1]) || isDigitLike(text[at + 1]))) return false;
  if (inParallelPattern(text, at)) return false;
  return orig !== text[at - 1] && orig !== text[at + 1];
}

/**
 * Two-character candidates over one round's text, added to `found`: a word of the same sound over
 * two adjacent characters (「时长秩序」→市场, 「同济局」→统计). Over published text such words are
 * found everywhere (「绩效」→极小, 「成事」→城市), and the two models' gains alone do not tell them from
 * real slips (docs/typo-context.md, 第二轮 and 第四轮), so much more is asked of them than of a
 * single character: the corrected text must make a four-character sequence of the laws, both models
 * must gain (typoContextTuning.pair2MinLm, pair2MinUni), no word of the best segmentation may reach
 * across the pair's ends (项目数|与 is no 「属于」), neither character may be corrected on its own
 * already (「职债」: 职责, not 指责), the second may not end a place or unit name (「包村」), and attested
 * language is never changed this way, whatever the score.
 */
function findPairs(
  L: Lexicon,
  M: TrigramModel,
  text: string,
  seg: Segmentation,
  lmSeg: LmSegmentation,
  quiet: Uint8Array,
  done: Uint8Array,
  margin: number,
  floor: number,
  found: Candidate[],
  hot: boolean,
): boolean {
  const T = typoContextTuning;
  const minLm = hot ? T.pair2HotLm : T.pair2MinLm;
  const minUni = hot ? T.pair2HotUni : T.pair2MinUni;
  // A candidate that the cluster's second look would take (hot thresholds, the lower margin).
  let nearMiss = false;
  const minLogp = Math.log(T.pair2MinFreq) - L.logTotal;
  // The token of the best segmentation over each position.
  const tokStart = new Int32Array(text.length);
  const tokEnd = new Int32Array(text.length);
  for (const [ts, te] of seg.tokens) {
    tokStart.fill(ts, ts, te);
    tokEnd.fill(te, ts, te);
  }
  for (let at = 0; at + 1 < text.length; at++) {
    if (!changeable(text, quiet, done, at) || !changeable(text, quiet, done, at + 1)) continue;
    if (tokStart[at] < at || tokEnd[at + 1] > at + 2) continue;
    if (UNIT_SUFFIX.has(text[at + 1]) && L.words.find(text, at, at + 2) < 0) continue;
    if (T.pair2NoFunc === 1 && (FUNCTION_CHARS.has(text[at]) || FUNCTION_CHARS.has(text[at + 1]))) continue;
    if (found.some((c) => c.at === at || c.at === at + 1)) continue;
    let best: Candidate | undefined;
    for (const word of pairReplacements(L, text, at, minLogp)) {
      if (!pairAttested(text, at, word)) continue;
      const r = scorePair(L, M, text, seg, lmSeg, quiet, at, word, floor - T.attestedBonus);
      if (!r) continue;
      const score = r.score + T.attestedBonus;
      if (r.lm < minLm || r.uni < minUni || score <= margin) {
        if (!hot && r.lm >= T.pair2HotLm && r.uni >= T.pair2HotUni && score > floor) nearMiss = true;
        continue;
      }
      if (best && score <= best.score) continue;
      const cand: Candidate = { at, ch: word, kind: 'same', score, start: r.start, end: r.end, proper: r.proper };
      if (looksLikeName(text, seg, at, cand) || looksLikeName(text, seg, at + 1, cand)) continue;
      best = cand;
    }
    if (!best) continue;
    const override = (T.pair2Protect === 2 || (T.pair2Protect === 1 && hot)) && best.score > margin + T.protectBonus;
    if (
      !override &&
      (quiet[at] === IN_SHORT_QUOTE || quiet[at + 1] === IN_SHORT_QUOTE || isAttested(L, text, seg, at) || isAttested(L, text, seg, at + 1))
    )
      continue;
    found.push(best);
  }
  return nearMiss;
}

/** Ranked suggestions for a flagged character: every replacement over the margin, best first. */
function suggestionsFor(L: Lexicon, M: TrigramModel, run: string, quiet: Uint8Array, at: number, margin: number, first: string): string[] {
  const seg = segment(L, run);
  const lmSeg = lmSegment(M, run);
  const scored: { ch: string; score: number }[] = [];
  const sim = similar(run[at]);
  const pass = quickPass(L, sim, run, at);
  for (let j = 0; j < sim.chars.length; j++) {
    const ch = sim.chars[j];
    if (ch === first || !pass || pass[j] === 0) continue;
    const r = scoreReplacement(L, M, run, seg, lmSeg, quiet, at, sim.codes[j], KINDS[sim.kinds[j]], margin);
    if (r && r.score > margin) scored.push({ ch, score: r.score });
  }
  scored.sort((a, b) => b.score - a.score);
  return [first, ...scored.slice(0, MAX_SUGGESTIONS - 1).map((s) => s.ch)];
}

/** Characters either side of a finding that its suggestions are worked out in. */
const SUGGEST_WINDOW = 64;

/** Words that introduce a quotation of verse or of classical prose. */
const VERSE_CUES = NAMES.words('verse-cue');

/** Characters and words of modern prose, never of classical verse (typo-context-names.tsv). */
const MODERN_CHARS = NAMES.chars('modern-chars');
const MODERN_WORDS = NAMES.words('modern-word');

/**
 * Whether a clause is modern prose: it holds a structure word (的、们), the end of an office's name
 * (部、委), or a word of modern administration (发展、改革、建设…). Two clauses of equal length are
 * verse only without these (「长风破浪会有时，直挂云帆济沧海」); 「农业农村部前头，郭嘉发展改革委」 is not.
 */
function modernProse(clause: string): boolean {
  for (const c of clause) if (MODERN_CHARS.has(c)) return true;
  return MODERN_WORDS.some((w) => clause.includes(w));
}

/**
 * Classical verse and quoted classical prose: jieba's modern vocabulary splits it into stray
 * characters, which the model takes for slips (「吹尽狂沙始到金」→沙市). Marks as quiet (1) the
 * characters of two or more consecutive clauses of five or of seven characters each, and of a
 * quotation introduced by a title in 《》 or by 诗云/古人云/有言….
 */
function markVerse(text: string, quiet: Uint8Array): void {
  // Lines of verse: consecutive clauses of 5 or 7 characters, one punctuation mark apart.
  const clause = new RegExp(`[${CJK_UNIFIED}]+`, 'g');
  let prevStart = -1;
  let prevEnd = -1;
  for (let m = clause.exec(text); m; m = clause.exec(text)) {
    const len = m[0].length;
    if (
      (len === 5 || len === 7) &&
      prevEnd - prevStart === len &&
      /^[，。；！？]$/.test(text.slice(prevEnd, m.index)) &&
      !(typoContextTuning.verseStrict === 1 && (modernProse(text.slice(prevStart, prevEnd)) || modernProse(m[0])))
    ) {
      quiet.fill(1, prevStart, m.index + len);
    }
    prevStart = m.index;
    prevEnd = m.index + len;
  }
  // Quotations introduced, in the same sentence, by a title in 《》 or by 诗云/古人云/有言….
  // A quotation runs from an opening mark to the first closing one. Found by two searches rather
  // than one pattern: the pattern scans from every opening mark to the end of a line that never
  // closes (「「第「第…」), once per mark.
  const open = /[“「『]/g;
  const close = /[”」』]/g;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    close.lastIndex = m.index + 1;
    const end = close.exec(text);
    if (!end) break; // no closing mark after this one: none after the later ones either
    open.lastIndex = end.index + 1;
    const lead =
      text
        .slice(Math.max(0, m.index - 16), m.index)
        .split(/[。！？；]/)
        .pop() ?? '';
    if (/《[^》]*》/.test(lead) || VERSE_CUES.some((c) => lead.includes(c))) quiet.fill(1, m.index, end.index + 1);
  }
}

/**
 * The first look's and the second look's findings of one run together (typoContextTuning.hotKeep 2):
 * a finding of the second look whose word overlaps findings of the first replaces them when it
 * scores higher than each (「纪念馆终申名誉馆长」: the second look's 申→身, 终身, over the first's 终→重),
 * and is dropped otherwise. Scores are compared as the first look would have given them: the
 * attested bonus is counted wherever the correction is attested (each look adds it only to
 * candidates short of its own margin).
 */
function byScore(run: string, first: Candidate[], second: Candidate[]): Candidate[] {
  const bonus = typoContextTuning.attestedBonus;
  const value = (c: Candidate) =>
    c.score + (c.ch.length === 1 && !c.bonus && bonus > 0 && correctionAttested(run, c.at, c.ch.charCodeAt(0)) ? bonus : 0);
  let kept = [...first];
  const added: Candidate[] = [];
  for (const c of [...second].sort((a, b) => b.score - a.score)) {
    if (first.some((f) => f.at === c.at && f.ch === c.ch)) continue;
    const rivals = kept.filter((f) => c.start < f.end && f.start < c.end);
    if (rivals.some((f) => value(f) >= value(c))) continue;
    kept = kept.filter((f) => !rivals.includes(f));
    added.push(c);
  }
  return [...kept, ...added];
}

/** Measure words and units (typo-context-names.tsv): 个、项、家、次、年、元… */
const MEASURE_CHARS = NAMES.chars('measure-chars');
/** 逐、每: a measure word after one (「逐季」「每项」) is no slip either (typoContextTuning.measureQuiet 2). */
const EACH_CHARS = NAMES.chars('each-chars');

/**
 * A measure word right after a number is no slip (「等10个聚力攻坚专项」 is not 内聚力, 「3项」 not
 * 向), nor one after 逐/每 that counts things off (「逐季召开」 is not 逐级): marks it quiet (1). The
 * number may be written in digits or in Chinese numerals.
 */
function markMeasureWords(text: string, quiet: Uint8Array): void {
  const each = typoContextTuning.measureQuiet === 2;
  for (let i = 1; i < text.length; i++)
    if (MEASURE_CHARS.has(text[i]) && ((isDigitLike(text[i - 1]) && text[i - 1] !== '第') || (each && EACH_CHARS.has(text[i - 1]))))
      quiet[i] = 1;
}

/** Structure words' characters: never one of the two characters a two-character replacement changes. */
const FUNCTION_CHARS = new Set('的了着地得是在和与及或之');

function marginOf(ctx: ParagraphContext): number {
  const m = ctx.options.typoContextMargin;
  return typeof m === 'number' && Number.isFinite(m) ? m : DEFAULT_TYPO_CONTEXT_MARGIN;
}

export function checkTypoContext(ctx: ParagraphContext): RawFinding[] {
  const text = ctx.text;
  if (!containsHan(text)) return [];
  const M = languageModel();
  if (!M) return [];
  const L = lex();
  if (!L) return [];
  const margin = marginOf(ctx);
  // Positions never flagged: current terms, spans of the curated typo rule.
  const quiet = new Uint8Array(text.length);
  for (const m of curatedMatcher(ctx.options.typoPairs).findAll(text)) quiet.fill(1, m.start, m.end);
  markVerse(text, quiet);
  if (typoContextTuning.measureQuiet >= 1) markMeasureWords(text, quiet);
  markShortQuotes(text, quiet);
  // Terms last: IN_TERM also keeps a replacement's word from splitting a term (「市卫健委」→侍卫).
  for (const m of terms().findAll(text)) quiet.fill(IN_TERM, m.start, m.end);

  const runs: { run: string; offset: number; sentence: number; accepted: Candidate[]; nearMiss: boolean; piece: boolean }[] = [];
  // A run longer than MAX_RUN (no real clause is; a line of 100,000 characters without a mark) is
  // looked at in pieces, once each (one round, no second look with a lower margin), so that the
  // work per character stays bounded on text where every character looks like a slip.
  const runRe = new RegExp(`[${CJK_UNIFIED}]{1,${MAX_RUN}}`, 'g');
  let sentence = 0;
  let scanned = 0;
  let pieceEnd = -1;
  for (let m = runRe.exec(text); m; m = runRe.exec(text)) {
    for (; scanned < m.index; scanned++) if (SENTENCE_END.has(text[scanned])) sentence++;
    const run = m[0];
    const offset = m.index;
    const piece = offset === pieceEnd || (run.length === MAX_RUN && isCjkUnified(text[offset + run.length]));
    pieceEnd = run.length === MAX_RUN ? offset + run.length : -1;
    if (run.length < 2) continue;
    const result = checkRun(
      L,
      M,
      run,
      quiet.subarray(offset, offset + run.length),
      margin,
      margin - typoContextTuning.clusterRelief,
      piece ? 1 : 2,
      typoContextTuning.pair2 === 1 && !piece,
    );
    runs.push({ run, offset, sentence, accepted: result.accepted, nearMiss: result.nearMiss && !piece, piece });
  }
  // Slips cluster: a sentence with one finding is looked at again with a lower margin
  // (only its runs that had a candidate between the two margins can come out differently).
  const hot = new Set(runs.filter((r) => r.accepted.length > 0).map((r) => r.sentence));
  for (const r of runs) {
    if ((r.nearMiss || (typoContextTuning.hotAll === 1 && !r.piece)) && hot.has(r.sentence)) {
      const first = r.accepted;
      r.accepted = checkRun(
        L,
        M,
        r.run,
        quiet.subarray(r.offset, r.offset + r.run.length),
        margin - typoContextTuning.clusterRelief,
        margin - typoContextTuning.clusterRelief,
        2,
        typoContextTuning.pair2 === 1,
        true,
      ).accepted;
      if (typoContextTuning.hotKeep === 1)
        r.accepted = [...first, ...r.accepted.filter((c) => !first.some((f) => c.start < f.end && f.start < c.end))];
      else if (typoContextTuning.hotKeep === 2) r.accepted = byScore(r.run, first, r.accepted);
    }
  }

  const findings: RawFinding[] = [];
  // The engine drops a finding whose word the document uses again (quietIfRepeated); one that this
  // paragraph uses again is dropped here already, before its suggestions are worked out (a line of
  // the same slip 50,000 times cost 200 characters of scoring for each).
  // All the words counted in one scan of the paragraph (one search each was quadratic on a long
  // paragraph full of findings).
  const words = new Map<string, number>();
  for (const { run, accepted } of runs)
    for (const c of accepted) {
      const w = run.slice(c.start, c.end);
      if (!words.has(w)) words.set(w, words.size);
    }
  if (words.size === 0) return [];
  const counts = new AhoCorasick([...words.keys()]).countUpTo(text, 2);
  const repeatedHere = (word: string) => counts[words.get(word)!] >= 2;
  for (const { run, offset, accepted } of runs) {
    if (accepted.length === 0) continue;
    // Suggestions and the message are given against the text as written, others' fixes applied.
    for (const c of accepted.sort((a, b) => a.at - b.at)) {
      if (repeatedHere(run.slice(c.start, c.end))) continue;
      // A window of the run around the finding (the whole of any ordinary clause): a run thousands
      // of characters long with many findings costs each of them the window, not the run.
      const ws = Math.max(0, c.at - SUGGEST_WINDOW);
      const we = Math.min(run.length, c.at + SUGGEST_WINDOW + 1);
      let context = run.slice(ws, we);
      for (const o of accepted)
        if (o !== c && o.at >= ws && o.at + o.ch.length <= we)
          context = context.slice(0, o.at - ws) + o.ch + context.slice(o.at - ws + o.ch.length);
      const len = c.ch.length;
      const word = context.slice(c.start - ws, c.at - ws) + c.ch + context.slice(c.at - ws + len, c.end - ws);
      findings.push({
        offset: offset + c.at,
        length: len,
        // The characters the replacement's word would cover, as written: used again elsewhere in
        // the document, they are the writer's word (a coinage, a name), not a slip.
        quietIfRepeated: run.slice(c.start, c.end),
        message: `疑似错别字：「${run.slice(c.at, c.at + len)}」可能应为「${c.ch}」（${KIND_LABEL[c.kind]}，改后成词「${word}」）。`,
        suggestions: len === 1 ? suggestionsFor(L, M, context, quiet.subarray(offset + ws, offset + we), c.at - ws, margin, c.ch) : [c.ch],
      });
    }
  }
  return findings;
}

export const typoContextRule: ParagraphRule = {
  id: 'typo-context',
  autoFix: false,
  slow: true,
  yields: true,
  label: '疑似错别字',
  category: 'typo',
  defaultSeverity: 'info',
  description:
    '词表外的疑似错别字：音同、音近或形近的替换字使句子明显更通顺时提示（基于 jieba 词频与 libime 词三元语言模型，法规中已见的用语和地名不报，离线）。',
  check: checkTypoContext,
};
