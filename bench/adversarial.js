// Pathological inputs: each makes some rule walk a line again and again unless it is written with
// care — long runs of one mark, nested or unclosed brackets, quotes and code spans, repeated
// characters, many findings on one line. Used by `npm run bench` (time per character, and the
// ratio to ordinary prose of the same length) and by test/adversarial.test.js (the findings they
// must still produce, at a small size; no timing there).
//
// Each case builds a text of about `chars` characters from a repeated unit.
'use strict';

const count = (findings, rule) => findings.filter((f) => f.rule === rule).length;
const occurrences = (text, s) => text.split(s).length - 1;
const repeat = (unit, chars) => unit.repeat(Math.max(1, Math.floor(chars / unit.length)));
const half = (a, b, chars) => a.repeat(Math.floor(chars / 2 / a.length)) + b.repeat(Math.floor(chars / 2 / b.length));

/** A fixed sequence of common Han characters (no punctuation): one clause as long as the text. */
function hanRun(chars) {
  const pool =
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府';
  let s = '';
  let x = 12345;
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += pool[x % pool.length];
  }
  return s;
}

/**
 * name: what it is; format: plain or markdown; make(chars): the text; expect(findings, text): what a
 * correct check of a small instance reports (asserted by the mocha test).
 */
const CASES = [
  {
    name: 'dots',
    about: '一行半角句点「.」',
    format: 'plain',
    make: (n) => repeat('.', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'han-dot',
    about: '「好.」反复：每个句点都在中文之后',
    format: 'plain',
    make: (n) => repeat('好.', n),
    expect: (f, t) => count(f, 'punct-width') === occurrences(t, '.'),
  },
  {
    name: 'mixed-points',
    about: '「,,(」反复：点号连用夹半角括号',
    format: 'plain',
    make: (n) => repeat(',,(', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'query-quote',
    about: '「."?」反复：全是半角标点',
    format: 'plain',
    make: (n) => repeat('."?', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'code-spans',
    about: 'Markdown 行内代码「`a`」反复',
    format: 'markdown',
    make: (n) => repeat('`a`', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'html-open',
    about: 'Markdown 中「<a」反复，没有「>」',
    format: 'markdown',
    make: (n) => repeat('<a', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'link-open',
    about: 'Markdown 中「](」反复，没有「)」',
    format: 'markdown',
    make: (n) => repeat('](', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'comment-open',
    about: 'Markdown 中「<!--」反复，没有「-->」',
    format: 'markdown',
    make: (n) => repeat('<!--', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'nested-parens',
    about: '半角括号嵌套：「(」×5 万 +「好」+「)」×5 万',
    format: 'plain',
    make: (n) => '('.repeat(Math.floor(n / 2) - 1) + '好' + ')'.repeat(Math.floor(n / 2)),
    expect: (f, t) => count(f, 'punct-width') === occurrences(t, '(') + occurrences(t, ')') - 1,
  },
  {
    name: 'nested-fullwidth',
    about: '全角括号嵌套：「（」×5 万 +「）」×5 万',
    format: 'plain',
    make: (n) => half('（', '）', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'open-quotes',
    about: '「“」反复，从不闭合',
    format: 'plain',
    make: (n) => repeat('“', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'open-corner',
    about: '「「第」反复：直角引号从不闭合',
    format: 'plain',
    make: (n) => repeat('「第', n),
    expect: (f, t) => count(f, 'punct-pair') === occurrences(t, '「'),
  },
  {
    name: 'open-titles',
    about: '「《」反复，从不闭合',
    format: 'plain',
    make: (n) => repeat('《', n),
    expect: (f) => f.length === 0,
  },
  {
    name: 'de-run',
    about: '「的」×10 万（dup-word）',
    format: 'plain',
    make: (n) => repeat('的', n),
    expect: (f, t) => count(f, 'dup-word') === Math.floor(t.length / 2),
  },
  {
    name: 'shi-run',
    about: '「是」×10 万',
    format: 'plain',
    make: (n) => repeat('是', n),
    expect: (f, t) => count(f, 'dup-word') === Math.floor(t.length / 2),
  },
  {
    name: 'email-tail',
    about: "'a.'×5 万 + '@'",
    format: 'plain',
    make: (n) => repeat('a.', n - 1) + '@',
    expect: (f) => f.length === 0,
  },
  {
    name: 'typo-run',
    about: '「关健」反复：一行里每处都是错别字',
    format: 'plain',
    make: (n) => repeat('关健', n),
    expect: (f, t) => count(f, 'typo') === occurrences(t, '关健'),
  },
  {
    name: 'outdated-run',
    about: '「一府两院」反复',
    format: 'plain',
    make: (n) => repeat('一府两院', n),
    expect: (f, t) => count(f, 'outdated') === occurrences(t, '一府两院'),
  },
  {
    name: 'slip-run',
    about: '「持旭」反复：一整行没有标点，处处是疑似错别字',
    format: 'plain',
    make: (n) => repeat('持旭', n),
    // Each 「持旭」 alone is flagged (→ 持续), but a word the document uses again is the writer's.
    expect: (f) => f.length === 0,
  },
  {
    name: 'han-line',
    about: '10 万个常用汉字，没有标点，一整行',
    format: 'plain',
    make: (n) => hanRun(n),
    expect: (f) => count(f, 'typo-context') > 0,
  },
  {
    name: 'prose-line',
    about: '普通文稿去掉换行，一整行',
    format: 'plain',
    make: null, // made by the caller: its ordinary prose without line breaks
    expect: (f, t) => count(f, 'punct-width') === occurrences(t, ','),
  },
  {
    name: 'headings',
    about: '「一、」一行一个，10 万字',
    format: 'plain',
    make: (n) => repeat('一、\n', n),
    expect: (f) => count(f, 'numbering') > 0 && f.every((x) => x.rule === 'numbering'),
  },
  {
    name: 'spaces-comma',
    about: '空格×10 万，末尾「好,」',
    format: 'plain',
    make: (n) => ' '.repeat(n - 2) + '好,',
    expect: (f) => f.length === 1 && f[0].rule === 'punct-width',
  },
];

module.exports = { CASES, hanRun };
