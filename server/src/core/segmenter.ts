/**
 * Word segmentation. Rules ask only "does a dictionary word straddle this position?", so the
 * segmenter cuts without the HMM: unknown character runs fall apart into single characters and
 * only dictionary words stay whole — exactly the evidence a boundary check needs.
 *
 * nodejieba is loaded lazily, once per process, with a dictionary trimmed of its rarest words
 * (see esbuild.mjs), the project's user dictionary, and without the keyword-extraction
 * dictionaries (they cost ~0.2 s and ~125 MB and no rule uses them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Segmenter {
  /** Tokens in order; their concatenation is the input. */
  cut(text: string): string[];
  /** Tokens with part-of-speech tags (jieba's tag set: v verb, d adverb, uj 的, ud 得, uv 地 …). */
  tag?(text: string): { word: string; tag: string }[];
  /**
   * Every word the tagger may mark as an idiom (tag i), grouped by its last UTF-16 code unit;
   * undefined when unknown.
   */
  idioms?(): ReadonlyMap<number, readonly string[]> | undefined;
}

/** A tagged token placed in its paragraph. */
export interface TaggedToken {
  word: string;
  tag: string;
  start: number;
}

interface NodejiebaModule {
  load(dicts: Record<string, string>): void;
  cut(text: string, hmm: boolean): string[];
  tag(text: string): { word: string; tag: string }[];
}

/** The folder holding server/data, seen from a bundle in dist/ or from the sources. */
export function dataDir(): string {
  return process.env.GONGWEN_DATA_DIR ?? path.resolve(__dirname, '..', 'server', 'data');
}

let jieba: NodejiebaModule | undefined;

export function loadNodejieba(): NodejiebaModule {
  if (jieba) return jieba;
  // Required lazily so that loading the core costs nothing until a rule needs words.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('nodejieba') as NodejiebaModule & { DEFAULT_DICT: string; DEFAULT_HMM_DICT: string };
  const stub = path.join(dataDir(), 'jieba-stub.utf8');
  // The build writes a trimmed dictionary beside the bundles (esbuild.mjs); the full one is the fallback.
  const trimmed = path.join(__dirname, 'jieba.dict.utf8');
  mod.load({
    dict: fs.existsSync(trimmed) ? trimmed : mod.DEFAULT_DICT,
    hmmDict: mod.DEFAULT_HMM_DICT,
    userDict: path.join(dataDir(), 'jieba-user.utf8'),
    idfDict: stub,
    stopWordDict: stub,
  });
  jieba = mod;
  return mod;
}

let idiomIndex: Map<number, string[]> | undefined | null = null;

/**
 * The idioms written by the build beside the trimmed dictionary (esbuild.mjs); unknown (so every
 * question goes to the tagger) when the full dictionary is in use or the list is missing.
 */
function loadIdioms(): Map<number, string[]> | undefined {
  if (idiomIndex !== null) return idiomIndex;
  idiomIndex = undefined;
  const file = path.join(__dirname, 'jieba.idioms.utf8');
  if (fs.existsSync(path.join(__dirname, 'jieba.dict.utf8')) && fs.existsSync(file)) {
    const index = new Map<number, string[]>();
    for (const word of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!word) continue;
      const last = word.charCodeAt(word.length - 1);
      const list = index.get(last);
      if (list) list.push(word);
      else index.set(last, [word]);
    }
    idiomIndex = index;
  }
  return idiomIndex;
}

export const nodejiebaSegmenter: Segmenter = {
  cut(text: string): string[] {
    return loadNodejieba().cut(text, false);
  },
  tag(text: string) {
    return loadNodejieba().tag(text);
  },
  idioms() {
    return loadIdioms();
  },
};

/**
 * Offsets (UTF-16) at which a token starts or ends, including 0 and text.length. If the
 * segmenter's tokens do not add up to the text (it replaced an unpaired surrogate, say), only the
 * two ends count: rules that need a word boundary then stay quiet rather than guess.
 */
export function tokenBoundaries(segmenter: Segmenter, text: string): Set<number> {
  const bounds = new Set<number>([0, text.length]);
  if (text.length === 0) return bounds;
  const tokens = segmenter.cut(text);
  let offset = 0;
  for (const token of tokens) {
    if (text.startsWith(token, offset)) {
      offset += token.length;
      bounds.add(offset);
    } else {
      return new Set([0, text.length]);
    }
  }
  return offset === text.length ? bounds : new Set([0, text.length]);
}

/** Token list with offsets (plus `base`, where `text` starts in its paragraph), for rules that look at the words themselves. */
export function tokensWithOffsets(segmenter: Segmenter, text: string, base = 0): { text: string; start: number }[] | undefined {
  const out: { text: string; start: number }[] = [];
  let offset = 0;
  for (const token of segmenter.cut(text)) {
    if (!text.startsWith(token, offset)) return undefined;
    out.push({ text: token, start: base + offset });
    offset += token.length;
  }
  return offset === text.length ? out : undefined;
}

/** Thrown by a segmenter that is not loaded yet: the rule that asked is skipped for this pass. */
export class SegmenterNotReady extends Error {}

/** For a first, quick pass while nodejieba loads: every question about words is declined. */
export const notReadySegmenter: Segmenter = {
  cut() {
    throw new SegmenterNotReady('nodejieba is still loading');
  },
  tag() {
    throw new SegmenterNotReady('nodejieba is still loading');
  },
};

export function isNodejiebaLoaded(): boolean {
  return jieba !== undefined;
}
