/**
 * `number` — the use of numerals by GB/T 15835-2011 (出版物上数字用法), limited to what a machine can
 * tell with confidence:
 *
 * 1. the zero of a year written in Chinese numerals is 〇 (U+3007): 「二0二六年」「二零二六年」;
 * 2. one approximation word per number: 「约3000人左右」「近300多人」「超过半数以上」;
 * 3. Arabic digits do not take 千/百/十 as units (万 and 亿 may): 「4千」 → 「4000」;
 * 4. ranges: the unit omitted before 「～」 where that is ambiguous (「15～30%」「9～16亿」), and a
 *    hyphen or dash between the numbers of a range of values (「3-5个」) instead of 「～」;
 * 5. 届次 and 会次 in Chinese numerals: 「11届全国人大1次会议」;
 * 6. no 顿号 between adjacent numbers of an approximation: 「三、四个」 → 「三四个」.
 *
 * Everything else stays quiet on purpose: dates (2026-01-05), telephone and model numbers, spans of
 * years (1949—2024年, where the 一字线 is right), abbreviations listed with 顿号 (「一、二年级」
 * 「第三、四季度」「二、三产业」), statistics (「第3次」), 「20届3中全会」 (the outdated rule's).
 */
import { allMatches } from '../matches';
import { chineseNumber } from '../numerals';
import { keepFirstOfOverlapping, SpanSet } from '../spans';
import type { ParagraphContext, RawFinding, ParagraphRule as Rule } from '../types';

const STANDARD = 'GB/T 15835';

// ---------------------------------------------------------------------------------------------
// 1. 〇 in years

const WRONG_ZEROS = /[○零OＯ0０]/u;
const YEAR = /[一二][〇○零OＯ0０一二三四五六七八九]{3}(?=年)/gu;
const NUMERAL_BEFORE = /[0-9０-９〇○零OＯ一二三四五六七八九十百千万亿两第]/u;

function yearZeros(text: string, findings: RawFinding[]): void {
  if (!text.includes('年')) return;
  for (const m of allMatches(YEAR, text)) {
    const at = m.index;
    if (!WRONG_ZEROS.test(m[0]) || NUMERAL_BEFORE.test(text[at - 1] ?? '')) continue;
    // Two Chinese digits at least: 「2O2O年」 is a typing slip of another kind.
    if ([...m[0]].filter((c) => '一二三四五六七八九'.includes(c)).length < 2) continue;
    const fixed = m[0].replace(/[○零OＯ0０]/gu, '〇') + '年';
    const wrong = [...new Set(m[0].match(/[○零OＯ0０]/gu)!)].map((c) => `「${c}」`).join('');
    findings.push({
      offset: at,
      length: m[0].length + 1,
      message: `年份用汉字数字时，其中的零应写作「〇」（U+3007），不写${wrong}：「${fixed}」（${STANDARD}）。`,
      suggestions: [fixed],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. One approximation word

/** A number as it appears beside an approximation word: 300, 3,000, 2.5万, 三千, 半数, 三分之一. */
const NUM = String.raw`(?:\d+(?:[,，]\d{3})*(?:\.\d+)?(?:万亿|千万|百万|十万|万|亿)?|[一二三四五六七八九十两][〇零一二三四五六七八九十百千万亿两]*)`;
/** What may stand between the number and 「左右」: a unit or a short noun, no punctuation. */
const UNIT_GAP = String.raw`(?:%|‰|[\p{Script=Han}]{1,4}?)`;
const BEFORE_WORDS = '大约|约有|约|将近|接近|近|大概';
/** 「左右」「上下」 that belong to another word: 左右逢源, 左右为难, 上下班, 上下游. */
const NOT_APPROX_AFTER: Record<string, RegExp> = {
  左右: /^[逢为开手摇互两]/u,
  上下: /^[班车楼游级文联功贯齐同一其求]/u,
};
/** Characters before 约/近 that make it part of another word: 节约, 制约, 最近, 附近. */
const NOT_APPROX_BEFORE = /[节制签履违合预特邀公条相集简契婉缔毁解践赴立续爽失守誓盟租婚附最邻靠亲临就贴逼新晚挨]$/u;

const APPROX_PATTERNS: { re: RegExp; fix: (m: RegExpExecArray) => string[] }[] = [
  // 约3000人左右 / 大约300人上下 → 约3000人 | 3000人左右
  {
    re: new RegExp(String.raw`(${BEFORE_WORDS})(${NUM}(?:多|余)?${UNIT_GAP})(左右|上下)`, 'gu'),
    fix: (m) => [m[1] + m[2], m[2] + m[3]],
  },
  // 近300多人 / 约3000余名 / 近一个多月 → 300多人 | 近300人
  {
    re: new RegExp(String.raw`(${BEFORE_WORDS})(${NUM}个?)(多|余)(?=[\p{Script=Han}%])`, 'gu'),
    fix: (m) => [m[2] + m[3], m[1] + m[2]],
  },
  // 300多人左右 → 300多人 | 300人左右
  {
    re: new RegExp(String.raw`()(${NUM})(多|余)(${UNIT_GAP})(左右|上下)`, 'gu'),
    fix: (m) => [m[2] + m[3] + m[4], m[2] + m[4] + m[5]],
  },
  // 超过半数以上 / 超过50%以上 → 超过半数 | 半数以上
  {
    re: new RegExp(String.raw`(超过|多于|高于|大于)((?:半数|一半|过半|${NUM}(?:分之[一二三四五六七八九十]+)?)${UNIT_GAP}?)(以上)`, 'gu'),
    fix: (m) => [m[1] + m[2], m[2] + m[3]],
  },
];

/** A word that every pattern above needs. */
const APPROX_WORD = /左右|上下|多|余|以上/u;

function approximations(text: string, ctx: ParagraphContext, findings: RawFinding[]): void {
  if (!APPROX_WORD.test(text)) return;
  const taken = new SpanSet();
  for (const { re, fix } of APPROX_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      re.lastIndex = start + 1;
      if (taken.overlaps(start, end)) continue;
      const word = m[1];
      if (word && /^(?:约|近)/u.test(word) && NOT_APPROX_BEFORE.test(text.slice(Math.max(0, start - 1), start))) continue;
      if (word && /^(?:约|近|大约|大概)/u.test(word) && !ctx.isWordBoundary(start)) continue;
      const last = m[m.length - 1];
      if (last === '左右' || last === '上下') {
        if (NOT_APPROX_AFTER[last].test(text.slice(end))) continue;
      }
      // 「近300多功能…」: 多 beginning another word is not an approximation.
      if ((last === '多' || last === '余') && /^多(?:功能|元|样|种|层|方|边|措|渠|部门)/u.test(text.slice(end - 1))) continue;
      const suggestions = fix(m);
      taken.add(start, end);
      findings.push({
        offset: start,
        length: end - start,
        message: `「${m[0]}」叠用了两个表示约数的词，只保留一个：「${suggestions[0]}」或「${suggestions[1]}」（${STANDARD}，编校惯例）。`,
        suggestions,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Arabic digits with 千/百/十

const MIXED = /(?<![\dA-Za-z.\-_/:：＿])(\d{1,3}(?:\.\d+)?)([千百十])((?:\d{1,3}[百十])*)/gu;
/** 千/百/十 that begin a unit or a word: 千瓦, 千克, 千米, 千牛（kN）, 千字节, 百分点, 十分, 十足. */
const NOT_UNIT_AFTER: Record<string, RegExp> = {
  千: /^(?:[瓦克米伏帕焦赫卡兆牛]|字节)/u,
  百: /^[分]/u,
  十: /^[分足]/u,
};
const MAGNITUDE: Record<string, number> = { 千: 3, 百: 2, 十: 1 };
const MIXED_TERM = /(\d{1,3})([百十])/gu;
const DIGIT_UNIT = /\d[千百十]/u;

/** `digits` (a decimal string) times 10^power, exactly, as a plain decimal string. */
function shift(digits: string, power: number): string | undefined {
  const [int, frac = ''] = digits.split('.');
  if (frac.length > power) return undefined;
  const out = (int + frac.padEnd(power, '0')).replace(/^0+(?=\d)/u, '');
  return out;
}

function mixedUnits(text: string, findings: RawFinding[]): void {
  if (!DIGIT_UNIT.test(text)) return;
  for (const m of allMatches(MIXED, text)) {
    const at = m.index;
    const unit = m[2];
    let rest = text.slice(at + m[1].length + 1);
    // Stop the compound at the first term whose unit begins a word (「3千5百分」 → 「3千」).
    const terms = allMatches(MIXED_TERM, m[3]);
    if (NOT_UNIT_AFTER[unit].test(rest)) continue;
    let value: number | undefined;
    let exact = true;
    const first = shift(m[1], MAGNITUDE[unit]);
    if (first === undefined) exact = false;
    else value = Number(first);
    let lastMagnitude = MAGNITUDE[unit];
    let kept = m[1].length + 1;
    for (const t of terms) {
      const mag = MAGNITUDE[t[2]];
      rest = text.slice(at + kept + t[0].length);
      if (mag >= lastMagnitude || Number(t[1]) >= 10 || NOT_UNIT_AFTER[t[2]].test(rest) || m[1].includes('.')) break;
      if (value !== undefined) value += Number(t[1]) * 10 ** mag;
      lastMagnitude = mag;
      kept += t[0].length;
    }
    const span = text.slice(at, at + kept);
    const next = text.slice(at + kept);
    // 「3千5」 reads as 3500 in speech only; 「3十几」 is 「三十几」 (a 几 approximation wants Chinese numerals).
    if (/^\d/u.test(next)) exact = false;
    // 「3-5千人」: the fix is 「3000～5000人」, which the range needs as a whole; a person writes it.
    if (/\d[-－~～—–]$/u.test(text.slice(Math.max(0, at - 2), at))) exact = false;
    let suggestion: string | undefined;
    if (/^几/u.test(next) && unit === '十' && terms.length === 0 && /^[1-9]$/u.test(m[1])) suggestion = chineseNumber(Number(m[1]) * 10);
    else if (exact && value !== undefined) suggestion = value.toString();
    findings.push({
      offset: at,
      length: span.length,
      message: `阿拉伯数字不与「千」「百」「十」混写（「万」「亿」可以）：${suggestion ? `「${span}」应写作「${suggestion}」` : `「${span}」应改写`}（${STANDARD}）。`,
      suggestions: suggestion ? [suggestion] : [],
      // 「9千亿元」「10.36百亿亿次」: 千亿 and 百亿亿 read as one magnitude, common in edited reports — a note.
      ...(/^[万亿]/u.test(next) ? { gentler: true } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Ranges

const RANGE_NUM = String.raw`\d+(?:\.\d+)?`;
const RANGE = new RegExp(
  String.raw`(?<![\dA-Za-z.\-/:_－—–~～#])(${RANGE_NUM})(%|‰|万亿|万|亿)?[ \u00a0]?([-－~～—–])[ \u00a0]?(${RANGE_NUM})(%|‰|万亿|万|亿)?`,
  'gu',
);
/** Units after a range that make it a range of values (not a span of time or a number like a phone's). */
const VALUE_UNIT =
  /^(?:个百分点|个月|个|人次|人|名|位|元|美元|家|件|项|岁|倍|平方公里|平方米|立方米|公里|千米|厘米|毫米|米|亩|公顷|吨|千克|公斤|克|斤|摄氏度|度|天|小时|分钟|周|户|所(?![示述在有属以谓得])|座|台|辆|套|张|本|篇|处|批|场|只|头|株|棵|层|次|种|类|条|年(?![级代度底初末])|%)/u;

/** What every range has: two numbers and a mark between them. */
const RANGE_SHAPE = /\d[%‰万亿]?[ \u00a0]?[-－~～—–][ \u00a0]?\d/u;

function ranges(text: string, findings: RawFinding[]): void {
  if (!RANGE_SHAPE.test(text)) return;
  for (const m of allMatches(RANGE, text)) {
    const at = m.index;
    const [whole, a, unitA = '', sep, b, unitB = ''] = m;
    const after = text.slice(at + whole.length);
    // Dates (2026-01-05), times, telephone numbers (0371-1234567), versions (1.2-3.4.5), 2-3-1 codes.
    if (/^[-－.:：\d/]/u.test(after)) continue;
    if (/^0\d/u.test(a) || /^0\d/u.test(b)) continue;
    if (a.replace(/\..*/u, '').length > 6 || b.replace(/\..*/u, '').length > 6) continue;
    const before = text.slice(Math.max(0, at - 1), at);
    const wave = sep === '～';
    const spaced = /\s/u.test(whole);
    if (unitB && !unitA) {
      // 15～30% → 15%～30%; 9～16亿 → 9亿～16亿.
      if (sep === '—' && unitB !== '%' && unitB !== '‰') {
        // 「1949—2024万」 makes no sense; a 一字线 before 万 is rare enough to leave alone.
        continue;
      }
      const fixed = `${a}${unitB}～${b}${unitB}`;
      findings.push({
        offset: at,
        length: whole.length,
        message: `数值范围「${whole}」省略了前一个数的「${unitB}」，容易产生歧义，应前后写全：「${fixed}」（${STANDARD}）。`,
        suggestions: [fixed],
      });
      continue;
    }
    // GB/T 15835-2011 lets a range of values take the 一字线 as well as 「～」 (「0—6岁」「5%—5.5%」).
    if (wave || spaced || sep === '—') continue;
    if (unitA !== unitB) continue;
    // 第3-5条, 表1-2, 图2-3: numbers of parts, tables and figures.
    if (/[第表图式例章节页附]/u.test(before) || /[A-Za-z][\s/]*$/u.test(text.slice(Math.max(0, at - 8), at))) continue;
    // Both numbers years (1949—2024年, 2020-2025): a span of time, not a range of values.
    if (/^(?:1[5-9]|20)\d\d$/u.test(a) && /^(?:1[5-9]|20)\d\d$/u.test(b)) continue;
    const valued = unitB !== '' || VALUE_UNIT.test(after);
    if (!valued) continue;
    // 「3—5年」 with years beyond 100: not a duration.
    if (/^年/u.test(after) && (Number(a) >= 100 || Number(b) >= 100)) continue;
    if (Number(a) >= Number(b)) continue;
    const fixed = `${a}${unitA}～${b}${unitB}`;
    findings.push({
      offset: at,
      length: whole.length,
      message: `数值范围用浪纹线「～」连接，不用「${sep}」：「${fixed}」（${STANDARD}、GB/T 15834）。`,
      suggestions: [fixed],
      // A hyphen (「3-5年」) is the standard's short connecting mark put in the wrong place, common in edited
      // reports and unambiguous to a reader: a note, one step below the rule.
      ...(sep === '-' || sep === '－' ? { gentler: true } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 5. 届次 and 会次

/** Bodies whose 届 is a 届次: 十四届全国人大, 第十届市委, 县十八届人大常委会. */
const BODY_AFTER_JIE =
  /^[^，。；：、！？\d]{0,8}?(?:人大|人民代表大会|政协|委员会|常委会|党代会|代表大会|党委|省委|市委|县委|区委|州委|纪委|中央)/u;
const NOT_JIE_GAP = /当选|连任|担任|任职|获|被|荣获|蝉联/u;
const JIE = /(?<![\d.])(第)?(\d{1,2})(?=届)/gu;
const HUI = /(?<![\d.])(第)?(\d{1,2})(?=次(?:会议|全体会议|全体（扩大）会议|扩大会议|常务会议|常委会会议|主任会议|代表大会))/gu;

const SESSION_SHAPE = /\d(?:届|次)/u;
/** A numbered 届 (十四届, 16届), not 届时 or 换届. */
const NUMBERED_JIE = /[\d〇一二三四五六七八九十]届/gu;

function sessionNumbers(text: string, findings: RawFinding[]): void {
  if (!SESSION_SHAPE.test(text)) return;
  const flag = (at: number, digits: string, what: string) => {
    const chinese = chineseNumber(Number(digits));
    if (!chinese) return;
    findings.push({
      offset: at,
      length: digits.length,
      message: `${what}用汉字数字：「${digits}」应写作「${chinese}」（${STANDARD}）。`,
      suggestions: [chinese],
    });
  };
  for (const m of allMatches(JIE, text)) {
    const at = m.index + (m[1]?.length ?? 0);
    const after = text.slice(at + m[2].length + 1);
    if (/^\d+中全会/u.test(after)) continue; // 「20届3中全会」: the outdated rule's.
    // Only the 届次 of a congress, a party committee or a standing body (「十四届全国人大」「第十届市委」)
    // is a set form in Chinese numerals. An event's ordinal (「第28届电影节」「第19届亚运会」) may be written
    // in figures: GB/T 15835 leaves it to the document's consistency.
    const body = BODY_AFTER_JIE.exec(after);
    if (!body || NOT_JIE_GAP.test(body[0])) continue;
    if (m[1] && NOT_JIE_GAP.test(after.slice(0, 4))) continue;
    flag(at, m[2], '届次');
  }
  for (const m of allMatches(HUI, text)) {
    const at = m.index + (m[1]?.length ?? 0);
    // Only in the context of a 届 before it in the same sentence.
    const before = text.slice(Math.max(0, at - 30), at);
    const jie = Math.max(...allMatches(NUMBERED_JIE, before).map((j) => j.index + 1), -1);
    if (jie < 0 || /[。；！？]/u.test(before.slice(jie))) continue;
    // A court's or procuratorate's committee numbers its many meetings in figures: 「第十届检察委员会
    // 第28次会议」「审判委员会第1757次会议」 is the published form.
    if (/(?:检察|审判)委员会第?$/u.test(before)) continue;
    if (/\d+中全会/u.test(before.slice(jie))) continue;
    flag(at, m[2], '会次');
  }
}

// ---------------------------------------------------------------------------------------------
// 6. 顿号 between adjacent numbers of an approximation

const CHINESE_PAIR = /([一二两三四五六七八九])、([一二两三四五六七八九])/gu;
const ARABIC_PAIR = /(?<![\d.])([1-8])、([2-9])(?![\d.])/gu;
/** What may follow an approximation: a classifier, a unit, or a larger numeral (七八十人). */
const MEASURE_AFTER =
  /^(?:[十百千万亿]|个|人|名|位|天|年(?![级代度底初末])|次|家|件|项|条|种|岁|倍|里|公里|米|斤|吨|亩|元|块|分钟|小时|周|户|所|座|台|辆|张|本|篇|处|只|头|棵|株|遍|趟|回|步|句|成)/u;
const VALUE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** What both patterns above begin with. */
const NUMBER_COMMA = /[一二两三四五六七八九1-8]、/u;

function adjacentNumbers(text: string, findings: RawFinding[]): void {
  if (!NUMBER_COMMA.test(text)) return;
  const chinese = allMatches(CHINESE_PAIR, text);
  const arabic = allMatches(ARABIC_PAIR, text);
  if (chinese.length === 0 && arabic.length === 0) return;
  const check = (m: RegExpExecArray, a: number, b: number, toChinese: boolean) => {
    const at = m.index;
    const end = at + m[0].length;
    if (b !== a + 1) return;
    const before = text.slice(Math.max(0, at - 3), at);
    const after = text.slice(end);
    // An ordinal (第三、四季度) or a list (一、二、三级; 1、2、3) is not an approximation.
    if (/第十?$|[\d一二三四五六七八九十两][、，]$/u.test(before)) return;
    if (/^、|^，[\d一二三四五六七八九十]/u.test(after)) return;
    // 「二、三十年代」 abbreviates 二十年代、三十年代.
    if (!MEASURE_AFTER.test(after) || /^十年代/u.test(after)) return;
    // 「第二十一、二十二条」: the second number is 二十二, a list of numbers, not an approximation.
    if (/^十[一二三四五六七八九]/u.test(after)) return;
    // A heading number at the start of a line: 「三、四个方面的问题」 is heading 三 over 「四个方面」.
    if (at < 12 && /^[\s#*>（(]*$/u.test(text.slice(0, at))) return;
    // 十五、六个 keeps its 十. Before a classifier 2 is 两: 「一、二个」 → 「一两个」, 「2、3人」 → 「两三人」.
    const classifier = !/^[十百千万亿]/u.test(after);
    const digit = (n: number, written: string) => (n === 2 && classifier ? '两' : toChinese ? chineseNumber(n)! : written);
    const fixed = digit(a, m[1]) + digit(b, m[2]);
    findings.push({
      offset: at,
      length: m[0].length,
      message: `相邻两数连用表示概数，中间不用顿号${toChinese ? '，并用汉字数字' : ''}：「${m[0]}」应写作「${fixed}」（${STANDARD}、GB/T 15834）。`,
      suggestions: [fixed],
    });
  };
  for (const m of chinese) check(m, VALUE[m[1]], VALUE[m[2]], false);
  for (const m of arabic) check(m, Number(m[1]), Number(m[2]), true);
}

const FULL_WIDTH = /[０-９％]/u;
const FULL_WIDTH_ALL = /[０-９％]/gu;
/**
 * What at least one check needs (each check's own first test, or its pattern), or a full-width
 * digit or ％ that the checks read as ASCII: most paragraphs, even with a numeral, have none of it
 * and skip all six after this one test.
 */
const ANY_CHECK = new RegExp(
  [YEAR, APPROX_WORD, DIGIT_UNIT, RANGE_SHAPE, SESSION_SHAPE, NUMBER_COMMA, FULL_WIDTH].map((re) => re.source).join('|'),
  'u',
);

const toFullWidth = (c: string) => (c === '%' ? '％' : String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const toHalfWidth = (c: string) => (c === '％' ? '%' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const ARABIC_DIGIT = /\d/u;

export const numberRule: Rule = {
  id: 'number',
  label: '数字用法',
  category: 'number',
  defaultSeverity: 'warning',
  description: '数字用法（GB/T 15835）：年份中的〇、约数词叠用、阿拉伯数字与汉字混写、数值范围、届次会次用汉字、相邻数字概数不加顿号。',
  check(ctx) {
    if (!ANY_CHECK.test(ctx.text)) return [];
    // Full-width digits and ％ read as their ASCII forms (one code unit each, so offsets hold).
    const wide = FULL_WIDTH.test(ctx.text);
    const text = wide ? ctx.text.replace(FULL_WIDTH_ALL, toHalfWidth) : ctx.text;
    const findings: RawFinding[] = [];
    yearZeros(text, findings);
    approximations(text, ctx, findings);
    // Many paragraphs have only Chinese numerals (一个, 十分): checks 3 to 5 need an Arabic digit.
    if (ARABIC_DIGIT.test(text)) {
      mixedUnits(text, findings);
      ranges(text, findings);
      sessionNumbers(text, findings);
    }
    adjacentNumbers(text, findings);
    if (findings.length === 0) return findings;
    findings.sort((a, b) => a.offset - b.offset || b.length - a.length);
    // Where the writer used full-width digits, the fix and the quotes of the message keep them.
    if (wide)
      for (const f of findings) {
        const span = ctx.text.slice(f.offset, f.offset + f.length);
        const digits = /[０-９]/u.test(span);
        const percent = span.includes('％');
        if (!digits && !percent) continue;
        const full = (s: string) => s.replace(digits && percent ? /[0-9%]/gu : digits ? /[0-9]/gu : /%/gu, toFullWidth);
        f.suggestions = f.suggestions.map(full);
        f.message = f.message.replace(/「[^」]*」/gu, full);
      }
    // One finding per span: the first (longest) of overlapping findings wins.
    return keepFirstOfOverlapping(findings);
  },
};
