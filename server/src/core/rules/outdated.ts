/**
 * `outdated` — 过时提法, judged against the document's date.
 *
 * Two kinds of evidence:
 *  - the table server/data/outdated.tsv: an old form, its replacement (if there is a single one),
 *    the date from which the old form is outdated, the basis and how sure we are of it;
 *  - date arithmetic driven by the small tables below: five-year plans (「今年是“十四五”开局之年」 in a
 *    2026 document), party congresses and plenums (「迎接党的二十大胜利召开」 after it opened,
 *    「学习贯彻党的十九大精神」 after the twentieth), and misnamed plenums (「二十大三中全会」).
 *
 * Old names inside historical statements are legitimate, so a table hit is dropped when it reads as
 * history: 「原国土资源部」「时任农业部部长」「国土资源部（现自然资源部）」, a title in 《》, a sentence
 * that also names the new form or tells of the reform (「更名」「组建」「并入」…), or a sentence that
 * mentions a year before the change.
 */
import eventsTable from '../../../data/party-events.tsv';
import plansTable from '../../../data/five-year-plans.tsv';
import outdatedTable from '../../../data/outdated.tsv';
import { AhoCorasick, longestNonOverlapping, type AcMatch } from '../ahoCorasick';
import { allMatches } from '../matches';
import { chineseDigitsValue, chineseNumber } from '../numerals';
import { keepFirstOfOverlapping } from '../spans';
import { parseTable } from '../tables';
import type { ParagraphContext, RawFinding, ParagraphRule as Rule } from '../types';

interface OutdatedEntry {
  old: string;
  replacement: string;
  date: string;
  basis: string;
  sure: boolean;
  note: string;
  titleOnly: boolean;
  exceptions: RegExp[];
}

interface Compiled {
  entries: OutdatedEntry[];
  /** The table's old forms (pattern i < entries.length is entries[i]), then TRIGGERS' literals. */
  matcher: AhoCorasick;
  /** For pattern entries.length + k: the Trigger bit of that literal. */
  triggerBits: number[];
}

/**
 * The special cases below are regular expressions; each of their matches contains one of a few
 * literals. The table's automaton looks for those literals in the same pass as the old forms, and a
 * pattern runs only on a paragraph where one of its literals was found.
 */
const enum Trigger {
  FourComprehensives = 1,
  ThreeConfidences = 2,
  Plan = 4,
  Welcome = 8,
  StudyOld = 16,
  Plenum = 32,
}

let compiled: Compiled | undefined;

function parseEntries(source: string): OutdatedEntry[] {
  const seen = new Set<string>();
  const entries: OutdatedEntry[] = [];
  for (const [old = '', replacement = '', date = '', basis = '', confidence = '', note = '', options = '', exceptions = ''] of parseTable(
    source,
  )) {
    if (!old || old === replacement || !/^\d{4}-\d{2}-\d{2}$/.test(date) || seen.has(old)) continue;
    seen.add(old);
    entries.push({
      old,
      replacement,
      date,
      basis,
      sure: confidence !== '≈',
      note,
      titleOnly: options.split(/[ ,]+/).includes('title'),
      exceptions: exceptions
        .split(' | ')
        .filter((p) => p !== '')
        .map((p) => new RegExp(p, 'gu')),
    });
  }
  return entries;
}

function table(): Compiled {
  if (!compiled) {
    const entries = parseEntries(outdatedTable);
    compiled = {
      entries,
      matcher: new AhoCorasick([...entries.map((e) => e.old), ...TRIGGERS.map(([word]) => word)]),
      triggerBits: TRIGGERS.map(([, bit]) => bit),
    };
  }
  return compiled;
}

// ———————————————————————————————————————————— shared helpers

/** 。！？；!?; — compared as code units (no one-character strings). */
function isSentenceEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0x21 || code === 0x3f || code === 0x3b;
}

/** The sentence around [start, end), at most 200 characters either side (a line may lack punctuation). */
function sentenceBounds(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && start - s < 200 && !isSentenceEnd(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && e - end < 200 && !isSentenceEnd(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

const BOOK_OPEN = 0x300a; // 《
const BOOK_CLOSE = 0x300b; // 》

/** Whether [start, end) lies inside 《…》 (a title of a document, quoted as published). */
function insideBookTitle(text: string, start: number, end: number): boolean {
  // Titles are short: look back no further than 120 characters.
  let open = start - 1;
  while (open >= 0 && start - open <= 120 && text.charCodeAt(open) !== BOOK_OPEN && text.charCodeAt(open) !== BOOK_CLOSE) open--;
  if (open < 0 || text.charCodeAt(open) !== BOOK_OPEN) return false;
  for (let i = end; i < text.length && i - end <= 120; i++) {
    const code = text.charCodeAt(i);
    if (code === BOOK_CLOSE) return true;
    if (code === BOOK_OPEN) return false;
  }
  return false;
}

const YEAR_DIGITS = /((?:19|20)\d{2})\s*年/gu;
const YEAR_CN = /([一二][〇零一二三四五六七八九]{3})年/gu;

/** Four-digit years written 2017年 or 二〇一七年. */
function yearsIn(text: string): number[] {
  const years: number[] = [];
  if (!text.includes('年')) return years;
  YEAR_DIGITS.lastIndex = 0;
  for (let m = YEAR_DIGITS.exec(text); m; m = YEAR_DIGITS.exec(text)) years.push(Number(m[1]));
  YEAR_CN.lastIndex = 0;
  for (let m = YEAR_CN.exec(text); m; m = YEAR_CN.exec(text)) {
    years.push(chineseDigitsValue(m[1]));
  }
  return years;
}

/** 2026-01-15 → 2026年1月15日 (a document's few dates, remembered). */
const formattedDates = new Map<string, string>();
function formatDate(date: string): string {
  let text = formattedDates.get(date);
  if (text === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    text = `${y}年${m}月${d}日`;
    if (formattedDates.size > 64) formattedDates.clear();
    formattedDates.set(date, text);
  }
  return text;
}

function overlapsException(text: string, start: number, end: number, exceptions: RegExp[]): boolean {
  return exceptions.some((pattern) => allMatches(pattern, text).some((m) => m.index < end && m.index + m[0].length > start));
}

/** Markers of a historical mention right before an old name. */
const HISTORY_BEFORE = /(?:原|原来的|原先的|更名前的?|前身(?:是|为)?|时任|曾任|历任|当时的?)[“"‘「]?$/u;
/** 「国土资源部（现自然资源部）」「（今……）」「（后更名……）」「（2018年……）」 */
const HISTORY_AFTER = /^[”"’」]?\s*[（(]\s*(?:现|今|后|已|即|\d{4})/u;
/** A sentence telling of the reform or the renaming itself. */
const REFORM_STORY = /更名|改名|组建|并入|划入|不再保留|重组|改组|机构改革|(?<!整)改为/u;
/** A sentence looking back. */
const LOOKING_BACK = /过去|去年|回顾|以来|年来|曾经|当时|那时/u;

// Characters that continue an old name into another word (「国土资源部门」「农业部署」).
const BAD_CONTINUATION: Record<string, string> = { 部: '门署分位件队落属', 局: '面势部限', 委: '员托屈婉' };
// A one-character administrative prefix glued to a name (「市工商局」 is one jieba token).
const ADMIN_PREFIX = /[省市县区州盟旗镇乡国]/u;

function standsAlone(ctx: ParagraphContext, start: number, end: number): boolean {
  const text = ctx.text;
  const next = text[end] ?? '';
  if (next && BAD_CONTINUATION[text[end - 1]]?.includes(next)) return false;
  const startOk = ctx.isWordBoundary(start) || (start > 0 && ADMIN_PREFIX.test(text[start - 1]));
  return startOk && ctx.isWordBoundary(end);
}

/** True when the sentence around [start, end) reads as history rather than current usage. */
function readsAsHistory(text: string, start: number, end: number, effectiveYear: number, replacement: string): boolean {
  if (HISTORY_BEFORE.test(text.slice(Math.max(0, start - 6), start))) return true;
  if (HISTORY_AFTER.test(text.slice(end, end + 8))) return true;
  if (insideBookTitle(text, start, end)) return true;
  const sentence = sentenceBounds(text, start, end);
  const before = text.slice(sentence.start, start);
  const after = text.slice(end, sentence.end);
  const rest = before + '\u0000' + after;
  if (replacement && rest.includes(replacement)) return true;
  if (REFORM_STORY.test(rest)) return true;
  if (yearsIn(rest).some((y) => y < effectiveYear)) return true;
  return false;
}

// ———————————————————————————————————————————— the table

function isTitleLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && !/[，。；！？,;!?]/u.test(t) && /关于.+的会议纪要(?:[（(][^）)]*[）)])?$/u.test(t);
}

/** `found`: the automaton's matches of the table's old forms. */
function tableFindings(ctx: ParagraphContext, found: AcMatch[]): RawFinding[] {
  const { entries } = table();
  const text = ctx.text;
  // The longest listed form wins first (「国家卫计委」 over the 「卫计委」 inside it), then it is judged.
  const hits = longestNonOverlapping(found.filter((m) => ctx.date >= entries[m.pattern].date));
  if (hits.length === 0) return [];
  const valid = hits.filter((m) => {
    const entry = entries[m.pattern];
    if (entry.titleOnly) {
      // Only the document type at the end of a title line 「关于……的会议纪要」.
      if (!isTitleLine(text)) return false;
      const t = text.replace(/[（(][^）)]*[）)]\s*$/u, '').trimEnd();
      return m.end === t.length && text.slice(0, m.start).endsWith('的');
    }
    if (overlapsException(text, m.start, m.end, entry.exceptions)) return false;
    if (!standsAlone(ctx, m.start, m.end)) return false;
    return !readsAsHistory(text, m.start, m.end, Number(entry.date.slice(0, 4)), entry.replacement);
  });
  return valid.map((m) => {
    const entry = entries[m.pattern];
    const unsure = entry.sure ? '' : '（此条依据请核实。）';
    const message = entry.replacement
      ? `「${entry.old}」已过时：${entry.basis}，应为「${entry.replacement}」。${entry.note}${unsure}`
      : `「${entry.old}」已过时：${entry.basis}。${entry.note}${unsure}`;
    return {
      offset: m.start,
      length: m.end - m.start,
      message,
      suggestions: entry.replacement ? [entry.replacement] : [],
      dated: true,
      ...(entry.sure ? {} : { gentler: true }),
    };
  });
}

// ———————————————————————————————————————————— lists that changed

/** 「四个全面」 led by 全面建成小康社会 until the 十九届五中全会 (2020-10-29). */
const FOUR_COMPREHENSIVES = /全面建成小康社会(?=[、，,]\s*全面深化改革[、，,]\s*全面依法治国[、，,和及]\s*全面从严治党)/gu;
/** The three 自信 without 文化自信 (added 2016-07-01). */
const THREE_CONFIDENCES = /道路自信、理论自信、制度自信(?![、，,和及与]*\s*文化自信)/gu;

function listFindings(ctx: ParagraphContext, triggers: number): RawFinding[] {
  const out: RawFinding[] = [];
  if (ctx.date >= '2020-10-29' && triggers & Trigger.FourComprehensives) {
    for (const m of allMatches(FOUR_COMPREHENSIVES, ctx.text)) {
      if (readsAsHistory(ctx.text, m.index!, m.index! + m[0].length, 2020, '全面建设社会主义现代化国家')) continue;
      out.push({
        offset: m.index!,
        length: m[0].length,
        message:
          '「四个全面」战略布局的第一个“全面”已更新：2020年10月党的十九届五中全会后为“全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党”。',
        suggestions: ['全面建设社会主义现代化国家'],
        dated: true,
      });
    }
  }
  if (ctx.date >= '2016-07-01' && triggers & Trigger.ThreeConfidences) {
    for (const m of allMatches(THREE_CONFIDENCES, ctx.text)) {
      if (readsAsHistory(ctx.text, m.index!, m.index! + m[0].length, 2016, '')) continue;
      out.push({
        offset: m.index!,
        length: m[0].length,
        message:
          '“三个自信”已发展为“四个自信”：2016年7月1日习近平总书记在庆祝中国共产党成立95周年大会上提出坚定道路自信、理论自信、制度自信、文化自信。',
        suggestions: ['道路自信、理论自信、制度自信、文化自信'],
        dated: true,
      });
    }
  }
  return out;
}

// ———————————————————————————————————————————— five-year plans

interface Plan {
  /** 十四五 */
  name: string;
  /** 十四 (第十四个五年规划) */
  ordinal: string;
  start: number;
}

/** Five-year plans named 规划 (from the 十一五 on; server/data/five-year-plans.tsv); each covers start … start + 4. */
const PLANS: readonly Plan[] = parseTable(plansTable).map(([name, ordinal, start]) => ({ name, ordinal, start: Number(start) }));

/** The year in the plan that a phrase names: 开局 = first, 收官 = last, 承上启下 = third. */
const PLAN_ROLES: readonly { pattern: string; index: number | 'nth' }[] = [
  { pattern: '开局起步', index: 0 },
  { pattern: '开局', index: 0 },
  { pattern: '起步', index: 0 },
  { pattern: '收官', index: 4 },
  { pattern: '最后一', index: 4 },
  { pattern: '承上启下', index: 2 },
  { pattern: '第[一二三四五]', index: 'nth' },
];

/** 「十一五」……「十五五」 with or without quotes, or 第十一个……第十五个五年规划. */
const PLAN_MENTION = new RegExp(
  `(?<![一二三四五六七八九十〇零\\d])[“"‘「]?(${PLANS.map((p) => p.name).join('|')})[”"’」]?|第(${PLANS.map((p) => p.ordinal).join('|')})个五年(?:规划|计划)`,
  'gu',
);
const PLAN_ROLE = new RegExp(`(${PLAN_ROLES.map((r) => r.pattern).join('|')})(?:的)?(?:关键|重要)?(?:之|一)?年`, 'gu');
const YEAR_SUBJECT =
  /(今年|明年|去年|本年度?|((?:19|20)\d{2})年度?|(二[〇零][〇零一二三四五六七八九]{2})年度?)(?:既|也|将|则|正|又)?(?:是|为|作为|恰逢|正值)/gu;

interface PlanMention {
  plan: Plan;
  start: number;
  end: number;
  /** Written 计划 (「十二五计划」), with the offset of 计划. */
  jihua?: number;
}

function planMentions(text: string): PlanMention[] {
  const out: PlanMention[] = [];
  for (const m of allMatches(PLAN_MENTION, text)) {
    const plan = m[1] ? PLANS.find((p) => p.name === m[1]) : PLANS.find((p) => p.ordinal === m[2]);
    if (!plan) continue;
    const mention: PlanMention = { plan, start: m.index!, end: m.index! + m[0].length };
    if (m[2] && m[0].endsWith('计划')) mention.jihua = mention.end - 2;
    out.push(mention);
  }
  return out;
}

const cnYear = chineseDigitsValue;

function planFindings(ctx: ParagraphContext, triggers: number): RawFinding[] {
  if (!(triggers & Trigger.Plan)) return [];
  const text = ctx.text;
  const mentions = planMentions(text);
  if (mentions.length === 0) return [];
  const out: RawFinding[] = [];
  const docYear = Number(ctx.date.slice(0, 4));

  for (const mention of mentions) {
    const { plan } = mention;
    const quoted = text.slice(mention.start, mention.end);

    // 「十二五计划」→「十二五规划」 (the plans are called 规划 from the 十一五 on). The ordinal form
    // 第十五个五年计划 is the 2001–2005 「十五」计划 and stays.
    if (ctx.date >= '2006-03-14') {
      if (mention.jihua !== undefined && plan.ordinal !== '十五') {
        out.push({
          offset: mention.start,
          length: mention.end - mention.start,
          message: `「${quoted}」应为「${quoted.slice(0, -2)}规划」：自“十一五”起五年计划改称“五年规划”（2006年3月14日十届全国人大四次会议批准“十一五”规划纲要）。`,
          suggestions: [`${quoted.slice(0, -2)}规划`],
          dated: true,
        });
      } else if (
        mention.jihua === undefined &&
        text.startsWith('计划', mention.end) &&
        /^(?:$|[的纲期中内时和与及目任编重项，。、；：”）》」,.;:)])/u.test(text.slice(mention.end + 2, mention.end + 3))
      ) {
        const span = text.slice(mention.start, mention.end + 2);
        out.push({
          offset: mention.start,
          length: span.length,
          message: `「${span}」应为「${quoted}规划」：自“十一五”起五年计划改称“五年规划”（2006年3月14日十届全国人大四次会议批准“十一五”规划纲要）。`,
          suggestions: [`${quoted}规划`],
          dated: true,
        });
      }
    }

    // 「“十四五”时期将……」 in a document dated after the plan ended.
    const period = /^(?:规划)?(?:时期|期间)将/u.exec(text.slice(mention.end));
    if (period && docYear > plan.start + 4) {
      out.push({
        offset: mention.start,
        length: mention.end - mention.start + period[0].length,
        message: `“${plan.name}”时期（${plan.start}—${plan.start + 4}年）已经结束，文稿日期为${docYear}年，「${quoted}${period[0]}」用将来时已不合适，请核实。`,
        suggestions: [],
        gentler: true,
        dated: true,
      });
    }
  }

  // 「今年是“十四五”规划开局之年」: the plan's year and the year the sentence names must agree.
  let next = 0;
  for (const role of allMatches(PLAN_ROLE, text)) {
    const roleStart = role.index!;
    const roleEnd = roleStart + role[0].length;
    // The nearest plan before the role, in the same clause (「、」 allowed, 「，」 not), within 24 characters.
    while (next < mentions.length && mentions[next].end <= roleStart) next++;
    const mention = mentions[next - 1];
    if (!mention || roleStart - mention.end > 24 || /[，。；！？,;!?]/u.test(text.slice(mention.end, roleStart))) continue;
    const spec = PLAN_ROLES.find((r) => (r.index === 'nth' ? /^第/u.test(role[1]) : r.pattern === role[1]))!;
    const index = spec.index === 'nth' ? '一二三四五'.indexOf(role[1][1]) : spec.index;
    const roleYear = mention.plan.start + index;
    // The year the sentence speaks of: the last 「今年是」「2021年是」 before the plan, in the same sentence.
    const sentence = sentenceBounds(text, mention.start, roleEnd);
    let subject: RegExpMatchArray | undefined;
    for (const y of allMatches(YEAR_SUBJECT, text.slice(sentence.start, mention.start))) subject = y;
    if (!subject) continue;
    const subjectEnd = sentence.start + subject.index! + subject[0].length;
    if (mention.start - subjectEnd > 40) continue;
    const word = subject[1];
    const year = subject[2]
      ? Number(subject[2])
      : subject[3]
        ? cnYear(subject[3])
        : word === '明年'
          ? docYear + 1
          : word === '去年'
            ? docYear - 1
            : docYear;
    if (year === roleYear) continue;
    const span = text.slice(mention.start, roleEnd);
    const roleName = /^第|^最后一$/u.test(role[1]) ? `${role[1]}年` : spec.index === 2 ? '第三年' : `${role[1]}之年`;
    const said = subject[2] || subject[3] ? `${year}年` : `“${word.replace(/度$/u, '')}”（按文稿日期为${year}年）`;
    out.push({
      offset: mention.start,
      length: roleEnd - mention.start,
      message: `「${span}」与年份不符：“${mention.plan.name}”时期为${mention.plan.start}—${mention.plan.start + 4}年，${roleName}是${roleYear}年，而句中所说的是${said}。`,
      suggestions: [],
      // 「今年」「明年」 are years of the document's date; 「2021年」 is not.
      ...(subject[2] || subject[3] ? {} : { dated: true }),
    });
  }
  return out;
}

// ———————————————————————————————————————————— congresses and plenums

interface PartyEvent {
  name: string;
  opened: string;
  closed: string;
  /** For a congress: the congress that superseded it and the date it closed. */
  next?: { name: string; closed: string };
}

/**
 * Party congresses and the plenums of the current and previous Central Committee
 * (server/data/party-events.tsv); a congress knows the one that superseded it.
 */
const EVENTS: readonly PartyEvent[] = (() => {
  const rows = parseTable(eventsTable).map(([name, opened, closed, kind]) => ({ name, opened, closed, congress: kind === 'congress' }));
  const congresses = rows.filter((r) => r.congress);
  return rows.map(({ name, opened, closed, congress }) => {
    const next = congress ? congresses[congresses.findIndex((c) => c.name === name) + 1] : undefined;
    return next ? { name, opened, closed, next: { name: next.name, closed: next.closed } } : { name, opened, closed };
  });
})();
/** Congresses that have been superseded: 「学习贯彻十九大精神」 is then dated. */
const SUPERSEDED = EVENTS.filter((e) => e.next).map((e) => e.name);

const EVENT_NAMES = EVENTS.map((e) => e.name).join('|');
const WELCOME = new RegExp(
  `(?:喜迎|迎接)(?:党的)?(${EVENT_NAMES})(?:的)?(?:胜利)?(?:召开)?|向(?:党的)?(${EVENT_NAMES})(?:胜利召开)?献礼`,
  'gu',
);
const STUDY_OLD = new RegExp(`(?:学习(?:宣传)?贯彻(?:落实)?|贯彻落实)(?:党的)?(${SUPERSEDED.join('|')})[^，。；！？,;!?]{0,24}?精神`, 'gu');

/** The literals that any special case needs (found in the same pass as the table's old forms). */
const TRIGGERS: readonly [string, Trigger][] = [
  ['全面建成小康社会', Trigger.FourComprehensives],
  ['道路自信、理论自信、制度自信', Trigger.ThreeConfidences],
  // 「十一五」…「十五五」, 第十一个…第十五个五年规划
  ...PLANS.map((p): [string, Trigger] => [p.ordinal, Trigger.Plan]),
  // 喜迎, 迎接; 献礼
  ['迎', Trigger.Welcome],
  ['献礼', Trigger.Welcome],
  ...SUPERSEDED.map((name): [string, Trigger] => [name, Trigger.StudyOld]),
  ['中全会', Trigger.Plenum],
];

function addYear(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

function eventFindings(ctx: ParagraphContext, triggers: number): RawFinding[] {
  const text = ctx.text;
  const out: RawFinding[] = [];
  for (const m of triggers & Trigger.Welcome ? allMatches(WELCOME, text) : []) {
    const event = EVENTS.find((e) => e.name === (m[1] ?? m[2]))!;
    if (ctx.date < event.opened) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const sentence = sentenceBounds(text, start, end);
    const rest = text.slice(sentence.start, start) + text.slice(end, sentence.end);
    if (LOOKING_BACK.test(rest) || yearsIn(rest).some((y) => y <= Number(event.opened.slice(0, 4)))) continue;
    if (insideBookTitle(text, start, end)) continue;
    out.push({
      offset: start,
      length: end - start,
      message: `党的${event.name}已于${formatDate(event.opened)}召开，文稿日期为${ctx.dateText}，「${m[0]}」已过时；如为回顾当年工作，请改为过去时表述。`,
      suggestions: [],
      dated: true,
      // Reports written in the year after the event often look back on it.
      ...(ctx.date < addYear(event.closed, 1) ? { gentler: true } : {}),
    });
  }
  for (const m of triggers & Trigger.StudyOld ? allMatches(STUDY_OLD, text) : []) {
    const event = EVENTS.find((e) => e.name === m[1])!;
    if (!event.next || ctx.date <= event.next.closed) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const sentence = sentenceBounds(text, start, end);
    const whole = text.slice(sentence.start, sentence.end);
    const rest = text.slice(sentence.start, start) + text.slice(end, sentence.end);
    if (
      whole.includes(event.next.name) ||
      LOOKING_BACK.test(rest) ||
      yearsIn(rest).some((y) => y <= Number(event.next!.closed.slice(0, 4)))
    )
      continue;
    out.push({
      offset: start,
      length: end - start,
      message: `党的${event.next.name}已于${formatDate(event.next.closed)}闭幕，现行提法是“深入学习贯彻党的${event.next.name}精神”；「${m[0]}」是此前的提法，请核实。`,
      suggestions: [],
      gentler: true,
      dated: true,
    });
  }
  return out;
}

/** A session or plenum number in Chinese numerals; 0 is no number (「0届」 is left alone). */
const toChineseNumber = (n: number): string => (n === 0 ? '' : chineseNumber(n)!);

/** 「二十大三中全会」「20届3中全会」「二十届3中全会」 → 「二十届三中全会」. */
const MISNAMED_PLENUM =
  /(?<![一二三四五六七八九十\d])(十[一二三四五六七八九]?|二十[一二三四五六七八九]?|\d{1,2})(大|届)(\d|[一二三四五六七八九])中全会/gu;

function plenumNameFindings(ctx: ParagraphContext, triggers: number): RawFinding[] {
  const out: RawFinding[] = [];
  if (!(triggers & Trigger.Plenum)) return out;
  for (const m of allMatches(MISNAMED_PLENUM, ctx.text)) {
    const [whole, session, joint, plenum] = m;
    if (joint === '届' && !/\d/u.test(session + plenum)) continue;
    const right = `${/\d/u.test(session) ? toChineseNumber(Number(session)) : session}届${/\d/u.test(plenum) ? toChineseNumber(Number(plenum)) : plenum}中全会`;
    if (right === whole || /^届/u.test(right)) continue;
    out.push({
      offset: m.index!,
      length: whole.length,
      message: `「${whole}」写法不规范：中央全会按届次称“${right}”（第${right.replace(/届.*/u, '')}届中央委员会第${right.replace(/^.*届|中全会$/gu, '')}次全体会议）。`,
      suggestions: [right],
    });
  }
  return out;
}

// ———————————————————————————————————————————— the rule

export const outdatedRule: Rule = {
  id: 'outdated',
  label: '过时提法',
  category: 'wording',
  defaultSeverity: 'warning',
  description: '过时提法：已更名、已废止或已过时的提法（「一府两院」「新冠肺炎」「十四五开局之年」等），按文稿日期判断。',
  check(ctx: ParagraphContext): RawFinding[] {
    const { entries, matcher, triggerBits } = table();
    // One pass finds the table's old forms and the literals that the special cases need.
    const found = matcher.findAll(ctx.text);
    if (found.length === 0) return [];
    const tableHits: AcMatch[] = [];
    let triggers = 0;
    for (const m of found) {
      if (m.pattern < entries.length) tableHits.push(m);
      else triggers |= triggerBits[m.pattern - entries.length];
    }
    const findings = tableHits.length > 0 ? tableFindings(ctx, tableHits) : [];
    // Without a trigger literal none of the special cases can match.
    if (triggers !== 0) {
      findings.push(
        ...listFindings(ctx, triggers),
        ...planFindings(ctx, triggers),
        ...eventFindings(ctx, triggers),
        ...plenumNameFindings(ctx, triggers),
      );
    }
    if (findings.length <= 1) return findings;
    // One finding per place: the first reported (table, then lists, plans, events) wins an overlap.
    return keepFirstOfOverlapping(findings).sort((a, b) => a.offset - b.offset);
  },
};
