/**
 * Character count and speaking time, as the status bar shows them. Pure functions (no `vscode`
 * import) so that mocha can test them; see test/client-status.test.js.
 */

/** 220 characters a minute: a steady pace for a speech read from a script at a meeting. */
export const DEFAULT_SPEECH_PACE = 220;
/** Below or above these a pace is certainly a slip of the keyboard (6 or 2200 a minute). */
export const MIN_SPEECH_PACE = 60;
export const MAX_SPEECH_PACE = 600;

/** How many non-empty lines at the top may hold the title, speaker, date and 称谓 of a speech. */
const SPEECH_HEADER_LINES = 8;

/** Words that mark a title line as a speech: 「在……上的讲话」「新年致辞」「开幕词」「闭幕词」. */
const SPEECH_TITLE = /讲话|致辞|开幕词|闭幕词/;

/**
 * A 称谓 line: 「同志们：」「各位代表：」「各位领导、同志们：」「尊敬的各位来宾：」 alone on a line.
 * The same shape as the grammar's `salutation` rule, so the status bar and the highlighting agree.
 */
const SALUTATION_LINE =
  /^(?:尊敬的)?[^，。；！？：\s]{0,30}?(?:同志们|同志|代表们|代表|委员们|委员|领导|来宾|朋友们|朋友|同学们|老师们|嘉宾|先生们|女士们)：$/;

/** One way of addressing the audience: 「同志们」「各位代表」「在座的同志们」「尊敬的各位来宾」「女士们」. */
const ADDRESS =
  '(?:尊敬的|亲爱的)?(?:[\\u4e00-\\u9fff]{1,8}的)?' +
  '(?:各位[\\u4e00-\\u9fff]{0,4}?(?:领导|代表|委员|来宾|嘉宾|同志|同事|专家|老师|朋友|同学)' +
  '|(?:全体)?[\\u4e00-\\u9fff]{0,4}?(?:同志们|代表们|委员们|朋友们|同学们|老师们|先生们|女士们|同胞们|战友们))';

/**
 * A speech that opens without a title line: 「同志们，今天我们……」「同志们：今天……」「各位领导、同志们，」
 * at the start of a line. Only plural or 各位 forms, so that 「联系领导：张三」 or 「要关心老同志们，」
 * (the sentence does not start with the address) are not taken for one.
 */
const ADDRESS_OPENING = new RegExp(`^${ADDRESS}(?:、${ADDRESS})*[：:，,]`, 'u');

/**
 * Characters as offices count a manuscript: the core's count (its `charCount` too), a pure function
 * the status bar runs on every edit without asking the server.
 */
export { countCharacters } from '../../server/src/core/chars';

/**
 * Whether a document reads as a speech: its language is `gongwen` (the language of drafts), or one
 * of its first lines is a speech title (讲话, 致辞, 开幕词, 闭幕词), a 称谓 line such as 「同志们：」, or
 * opens by addressing the audience (「同志们，今天我们……」).
 * Markdown heading marks and leading indentation are ignored.
 */
export function looksLikeSpeech(languageId: string, text: string): boolean {
  if (languageId === 'gongwen') return true;
  let seen = 0;
  let start = 0;
  while (seen < SPEECH_HEADER_LINES && start <= text.length) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length + 1 : end + 1;
    const line = raw
      .replace(/^[\s\u3000]*(?:#{1,6}[ \t]+)?/u, '')
      .replace(/[\s\u3000]+$/u, '')
      .replace(/\*\*/g, '');
    if (line === '') continue;
    seen++;
    if (SPEECH_TITLE.test(line) || SALUTATION_LINE.test(line) || ADDRESS_OPENING.test(line)) return true;
  }
  return false;
}

/** A usable pace from a setting's raw value, or undefined when it is missing or out of range. */
export function validPace(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (value < MIN_SPEECH_PACE || value > MAX_SPEECH_PACE) return undefined;
  return value;
}

/** Whole minutes it takes to read `characters` at `pace` characters a minute, at least 1 for any text. */
export function speakingMinutes(characters: number, pace: number): number {
  if (characters <= 0) return 0;
  return Math.max(1, Math.round(characters / pace));
}
