/**
 * `de` — 的/地/得 (server/data/de-words.tsv holds every word list).
 *
 * - 得: 「动词 + 的 + 程度副词 + 谓词」 or 「动词 + 的 + 补语」 ending a clause — 「做的很好」「落实的不到位」.
 *   「我们做的很多工作」 (的 + 很多 + noun) and 「他的很好」 (a pronoun before 的) stay quiet.
 * - 取得/值得/显得/觉得/使得: a lone 取/值/显/觉/使 (not part of 采取、价值、明显、自觉、行使) before
 *   的, with the context each needs (「取的成效」, 「值的学习」; 「该值的大小」 stays quiet).
 * - 地 (one step gentler): 「状语 + 的 + 动词」 — 「坚定不移的推进」; 「坚定不移的决心」「我们做的工作」
 *   「采取的措施」「积极的推动作用」「实施严格的督查考核」 stay quiet.
 * Part-of-speech tags come from nodejieba's tagger and are noisy, so each pattern also needs the
 * word lists to agree.
 */
import wordsTable from '../../../data/de-words.tsv';
import { parseTable } from '../tables';
import type { ParagraphContext, ParagraphRule, RawFinding } from '../types';

interface Words {
  byClass: Map<string, Set<string>>;
}

let words: Words | undefined;
function load(): Words {
  if (!words) {
    const byClass = new Map<string, Set<string>>();
    for (const [word, cls] of parseTable(wordsTable)) {
      if (!byClass.has(cls)) byClass.set(cls, new Set());
      byClass.get(cls)!.add(word);
    }
    words = { byClass };
  }
  return words;
}
const inClass = (cls: string, word: string | undefined) => word !== undefined && (load().byClass.get(cls)?.has(word) ?? false);
const classArrays = new Map<string, string[]>();
const classWords = (cls: string) => {
  let list = classArrays.get(cls);
  if (!list) {
    list = [...(load().byClass.get(cls) ?? [])];
    classArrays.set(cls, list);
  }
  return list;
};

/** Words grouped by their first or last UTF-16 unit: a 的 then costs a lookup, not a scan of every list. */
function byUnit(list: readonly string[], last: boolean): Map<number, string[]> {
  const index = new Map<number, string[]>();
  for (const w of list) {
    const unit = w.charCodeAt(last ? w.length - 1 : 0);
    const bucket = index.get(unit);
    if (bucket) bucket.push(w);
    else index.set(unit, [w]);
  }
  return index;
}
let afterDe: Map<number, string[]> | undefined;
let beforeDe: Map<number, string[]> | undefined;
/** A degree word or a complement begins at `at`. Loops rather than closures: this runs for every 的. */
function degreeOrComplementAt(text: string, at: number): boolean {
  afterDe ??= byUnit([...classWords('degree'), ...classWords('complement')], false);
  const bucket = afterDe.get(text.charCodeAt(at));
  if (bucket) for (const w of bucket) if (text.startsWith(w, at)) return true;
  return false;
}
/** A manner word ends at `at`. */
function mannerEndsAt(text: string, at: number): boolean {
  beforeDe ??= byUnit(classWords('manner'), true);
  const bucket = beforeDe.get(text.charCodeAt(at - 1));
  if (bucket) for (const w of bucket) if (text.endsWith(w, at)) return true;
  return false;
}

const CLAUSE_END = /[，。；！？、,.;!?：:…”’）)」』"]/u;
function atClauseEnd(text: string, pos: number): boolean {
  if (text.startsWith('了', pos)) pos++;
  return pos >= text.length || CLAUSE_END.test(text[pos]);
}

const isVerbTag = (tag: string) => tag.startsWith('v');
/** Tags passed over between a modifier and the word that governs it: adjectives, adverbs, time words, 和/或. */
const COORDINATED = /^(?:a|ad|d|t|c)$/u;
const isPredicateTag = (tag: string) => /^(a|ad|an|v|vi|vd|z|d|zg|i|l)$/.test(tag);

/**
 * Tagging is the expensive step, so a 的 is tagged only when the text around it could match a
 * pattern: a degree word or complement after it (得), or a manner word or an idiom such as 坚定不移
 * before it (地). Without those, deToDe finds nothing: its 得 patterns need the degree word or
 * complement, and its 地 pattern a manner word or a token tagged i.
 */
function worthTagging(ctx: ParagraphContext, i: number): boolean {
  const text = ctx.text;
  if (degreeOrComplementAt(text, i + 1) || mannerEndsAt(text, i)) return true;
  // Only a dictionary idiom can be tagged i; asking the dictionary first spares segmenting most clauses.
  if (ctx.idiomMayEndAt?.(i) === false) return false;
  if (i >= 4 && ctx.isWordBoundary(i - 4) && ctx.isWordBoundary(i) && !ctx.isWordBoundary(i - 2)) return true;
  return false;
}

/**
 * Whether the verb after the 的 at tags[k] is part of a noun phrase rather than the verb an adverbial
 * would modify: it modifies a noun that ends the phrase (「主动的开放战略，」「高效的应急指挥体系」), or it
 * ends the clause as the object of a verb before (「维持专利权有效的决定。」).
 */
function nominalAfterDe(tags: readonly { word: string; tag: string }[], k: number): boolean {
  let j = k + 1;
  while (tags[j] && (tags[j].tag === 'vn' || isVerbTag(tags[j].tag)) && j < k + 3) j++;
  const head = tags[j];
  if (j > k + 1 && head && head.tag === 'n') {
    const after = tags[j + 1];
    if (!after || /^(?:x|c|uj)$/u.test(after.tag)) return true;
  }
  if (k + 2 === tags.length) {
    for (let b = k - 2; b >= 0; b--) if (isVerbTag(tags[b].tag) && tags[b].tag !== 'vn' && !inClass('modal', tags[b].word)) return true;
  }
  return false;
}

function deToDe(ctx: ParagraphContext, i: number): RawFinding | undefined {
  if (!worthTagging(ctx, i)) return undefined;
  const tags = ctx.clauseTags(i);
  if (!tags) return undefined;
  const k = tags.findIndex((t) => t.start === i && t.word === '的');
  if (k <= 0) return undefined;
  const prev = tags[k - 1];
  const next = tags[k + 1];
  const text = ctx.text;
  if (!next) return undefined;

  const verbBefore = isVerbTag(prev.tag) || inClass('verb', prev.word);
  if (verbBefore) {
    let slip = false;
    if (inClass('degree', next.word)) {
      const pred = tags[k + 2];
      if (pred && isPredicateTag(pred.tag)) {
        // A second adjective may follow (「做得非常扎实有效」); anything else after the predicate means
        // 的 heads a longer phrase, not a complement.
        const second = tags[k + 3];
        const after = second && /^(a|ad|an|z)$/.test(second.tag) && !atClauseEnd(text, pred.start + pred.word.length) ? second : pred;
        slip = atClauseEnd(text, after.start + after.word.length);
      }
    } else {
      // Complements may span tokens (不/到位), so they are matched on the text.
      const complement = classWords('complement').find((w) => text.startsWith(w, i + 1));
      slip = complement !== undefined && atClauseEnd(text, i + 1 + complement.length);
    }
    if (slip) {
      return {
        offset: prev.start,
        length: prev.word.length + 1,
        message: `「${prev.word}的」应为「${prev.word}得」：动词后面带补语（如「很好」「不到位」），用「得」连接。`,
        suggestions: [`${prev.word}得`],
      };
    }
  }

  const manner = inClass('manner', prev.word) || prev.tag === 'i';
  // 「实施严格的督查考核」: a verb before the modifier makes 「严格的督查考核」 its object, a noun phrase.
  // The word that governs the modifier, looking back over coordinated modifiers and time words
  // (「提供充分、有效的担保」「根据当时有效的执行依据」).
  let b = k - 2;
  while (b >= 0 && k - 2 - b < 4 && (COORDINATED.test(tags[b].tag) || tags[b].word === '、')) b--;
  const before = b >= 0 ? tags[b] : undefined;
  const objectOfVerb = before !== undefined && isVerbTag(before.tag) && !inClass('modal', before.word);
  // 「对敲诈勒索的发生存在过错」「以只争朝夕的使命意识」: a preposition before the modifier takes
  // 「……的发生」 as its object, a noun phrase.
  const objectOfPreposition = before !== undefined && before.tag === 'p';
  // 「充分、有效的担保」「客观、公正、及时的要求」: modifiers listed with 顿号 before 的 describe a noun.
  const listedModifiers = text[tags[k - 1].start - 1] === '、';
  if (
    manner &&
    !objectOfVerb &&
    !objectOfPreposition &&
    !listedModifiers &&
    !inClass('noun-verb', next.word) &&
    !inClass('head', next.word)
  ) {
    const nextIsVerb =
      (isVerbTag(next.tag) && next.tag !== 'vn') ||
      inClass('verb', next.word) ||
      (next.tag === 'vn' && tags[k + 2] !== undefined && isVerbTag(tags[k + 2].tag));
    const afterVerb = tags[k + 2];
    if (nextIsVerb && !inClass('head', afterVerb?.word) && !nominalAfterDe(tags, k)) {
      return {
        offset: prev.start,
        length: prev.word.length + 1,
        message: `「${prev.word}的${next.word}」中的「的」宜用「地」：修饰动词的状语后面用「地」。`,
        suggestions: [`${prev.word}地`],
        gentler: true,
      };
    }
  }
  return undefined;
}

/** The characters that make a word with 得: 取得, 值得, 显得, 觉得, 使得. */
const DE_WORD_FIRST = '取值显觉使';
function isDeWordFirst(code: number): boolean {
  for (let k = 0; k < DE_WORD_FIRST.length; k++) if (DE_WORD_FIRST.charCodeAt(k) === code) return true;
  return false;
}

function wrongDeInWord(ctx: ParagraphContext, i: number): RawFinding | undefined {
  const text = ctx.text;
  // A code unit, not text[i - 1]: most 的 follow none of the five, and a one-character string is allocated.
  if (!isDeWordFirst(text.charCodeAt(i - 1))) return undefined;
  const ch = text[i - 1];
  if (!ctx.isWordBoundary(i - 1) || !ctx.isWordBoundary(i) || !ctx.isWordBoundary(i + 1)) return undefined;
  const ok = inClass(`always:${ch}`, ch) || classWords(`after:${ch}`).some((w) => text.startsWith(w, i + 1));
  if (!ok) return undefined;
  return {
    offset: i - 1,
    length: 2,
    message: `「${ch}的」应为「${ch}得」：「${ch}得」是一个词。`,
    suggestions: [`${ch}得`],
  };
}

export const deRule: ParagraphRule = {
  id: 'de',
  label: '的地得',
  category: 'usage',
  defaultSeverity: 'warning',
  description:
    '的/地/得：动词后接程度补语用「得」（「做的很好」→「做得很好」），取得/值得/显得/觉得/使得，状语后接动词用「地」（「坚定不移的推进」→「坚定不移地推进」，较轻提示）。',
  check(ctx) {
    const text = ctx.text;
    if (!text.includes('的')) return [];
    const findings: RawFinding[] = [];
    for (let i = text.indexOf('的'); i !== -1; i = text.indexOf('的', i + 1)) {
      const f = wrongDeInWord(ctx, i) ?? deToDe(ctx, i);
      if (f) findings.push(f);
    }
    return findings;
  },
};
