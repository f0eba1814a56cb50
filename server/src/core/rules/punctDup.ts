/**
 * `punct-dup` — two points (点号) where there should be one: 「，，」「。。」「、、」「；；」「，。」「。，」
 * 「？，」, and doubled 书名号 「《《…》》」. Legitimate runs stay quiet: 「……」「——」 are not points;
 * 「？！」「？？」「！！！」 are allowed by GB/T 15834 (their forms are the punct-pair rule's business);
 * 「。。。」 is a miswritten ellipsis, reported by the ellipsis rule, not here.
 */
import { beyondHalfWidth, isAsciiDigit, isChineseContext } from '../chars';
import { allMatches } from '../matches';
import type { RawFinding, ParagraphRule as Rule } from '../types';

const PAUSE_MARKS = '，。、；：';
const QUERY_MARKS = '？！';
const FULL_OF_HALF: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' };

/**
 * Two or more points in a row, full- or half-width: the candidates. A run that holds a pause mark
 * (，。、；：) is this rule's; runs of only ？！ belong to the width and punct-pair rules.
 */
const POINT_RUN = /[，。、；：？！,;:?!.]{2,}/gu;

/** The body of an HTML entity right before a 「;」: 「&quot」「&#39」「&#x2014」. */
const ENTITY_BEFORE = /&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6})$/u;

function describe(run: string): string {
  return `「${run}」`;
}

/**
 * `chinese`: the run stands in Chinese text. A run of half-width marks only counts there (「关键?:」),
 * not in Latin text or code (「a,,b」「::」).
 */
function checkRun(run: string, start: number, chinese: boolean): RawFinding | undefined {
  const chars = [...run];
  const normalized = chars.map((c) => FULL_OF_HALF[c] ?? c);
  if (!normalized.some((c) => PAUSE_MARKS.includes(c))) return undefined;
  const hasFull = chars.some((c) => PAUSE_MARKS.includes(c) || QUERY_MARKS.includes(c));
  if (!hasFull && !chinese) return undefined;
  // 「..」「...」「。。。」 are miswritten ellipses, the punct-pair rule's.
  // A mixed run such as 「.。。」 is nobody's ellipsis: it is reported here.
  if (chars.every((c) => c === '.') || (chars.length >= 3 && chars.every((c) => c === '。'))) return undefined;

  const distinct = [...new Set(normalized)];
  const queries = normalized.filter((c) => QUERY_MARKS.includes(c));
  let suggestions: string[];
  if (queries.length > 0) {
    // A question or exclamation mark carries the sentence's tone; the pause mark beside it is the slip.
    suggestions = [queries.join('')];
  } else if (distinct.length === 1) {
    suggestions = [distinct[0]];
  } else {
    suggestions = distinct;
  }
  const message =
    distinct.length === 1
      ? `${describe(run)}标点重复，只保留一个「${distinct[0]}」（GB/T 15834：点号不叠用）。`
      : `${describe(run)}两个点号连用，只应保留其一（GB/T 15834：点号不叠用）。`;
  return { offset: start, length: run.length, message, suggestions };
}

export const punctDupRule: Rule = {
  id: 'punct-dup',
  label: '标点重复',
  category: 'punctuation',
  defaultSeverity: 'error',
  description: '标点重复：「，，」「。。」「，。」「》》」等叠用的点号或书名号；不报「……」「——」「？！」。',
  check(ctx) {
    const text = ctx.text;
    const findings: RawFinding[] = [];
    for (const m of allMatches(POINT_RUN, text)) {
      let run = m[0];
      let start = m.index!;
      // 「1.」 is a heading number's low dot, not a point: 「1.！」 holds no doubled mark.
      if (run[0] === '.' && isAsciiDigit(text[start - 1])) {
        run = run.slice(1);
        start++;
        if (run.length < 2) continue;
      }
      // 「&quot;。」: the 「;」 ends an HTML entity, it is not a point.
      if (run[0] === ';' && ENTITY_BEFORE.test(text.slice(Math.max(0, start - 9), start))) {
        run = run.slice(1);
        start++;
        if (run.length < 2) continue;
      }
      const chinese = isChineseContext(beyondHalfWidth(text, start - 1, -1)) || isChineseContext(beyondHalfWidth(text, start + run.length, 1));
      const finding = checkRun(run, start, chinese);
      if (finding) findings.push(finding);
    }
    const titles = doubledTitleMarks(text);
    if (titles.length === 0) return findings;
    findings.push(...titles);
    return findings.sort((a, b) => a.offset - b.offset);
  },
};

/**
 * 「《《条例》》」: both marks doubled around one title. A lone 「》》」 that closes a single open
 * 《 is doubled too; but 「《关于《办法》》」 is a nesting error (inner marks should be 〈〉), left to
 * the punct-pair rule.
 */
/** What both patterns below need: a doubled mark, looked for in one pass. */
const DOUBLED_TITLE_MARK = /《《|》》/;

function doubledTitleMarks(text: string): RawFinding[] {
  // Most paragraphs are done after this one search.
  if (!DOUBLED_TITLE_MARK.test(text)) return [];
  const findings: RawFinding[] = [];
  const message = (m: string) => `「${m}${m}」书名号重复，只保留一个「${m}」。`;
  const doubledPairs = new Set<number>();
  for (const m of allMatches(/《《([^《》]*)》》/gu, text)) {
    const open = m.index!;
    const close = open + 2 + m[1].length;
    doubledPairs.add(close);
    findings.push({ offset: open, length: 2, message: message('《'), suggestions: ['《'] });
    findings.push({ offset: close, length: 2, message: message('》'), suggestions: ['》'] });
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '《') depth++;
    else if (ch === '》') {
      if (text[i + 1] === '》' && depth <= 1 && !doubledPairs.has(i)) {
        findings.push({ offset: i, length: 2, message: message('》'), suggestions: ['》'] });
        i++;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  return findings;
}
