// Property tests: random text built from pieces that trigger every rule, mixed with astral
// characters, CRLF and lone CR, BOM and control characters. Whatever the text, the checker must
// not throw, must report spans inside the text on code-point boundaries, must be deterministic,
// and fixing must only touch flagged spans and never create new findings.
'use strict';
const assert = require('node:assert/strict');
const fc = require('fast-check');
const { core } = require('./helpers');

const PIECES = [
  '关健',
  '份内',
  '发展',
  '发展发展',
  '的',
  '的的',
  '认真认真再认真',
  '，',
  '，，',
  '。',
  '。。',
  '、',
  '；',
  '：',
  '？',
  '！',
  '？！',
  '……',
  '——',
  '…',
  '...',
  '--',
  ',',
  '.',
  ';',
  ':',
  '?',
  '!',
  '(',
  ')',
  '"',
  '“',
  '”',
  '‘',
  '’',
  '《',
  '》',
  '〈',
  '〉',
  '（',
  '）',
  'X',
  'XX',
  'X届',
  '××',
  '○○',
  'X光',
  '3,218.5',
  '9:30',
  '2026-01-05',
  'https://a.gov.cn/x,y',
  'a@b.cn',
  'Hello, world.',
  '一、',
  '二、',
  '四、',
  '（一）',
  '（三）',
  '1.',
  '1、',
  '（1）',
  '一是',
  '三是',
  '首先',
  '最后',
  '第一，',
  '第三，',
  '一府两院',
  '新冠肺炎',
  '十四五',
  '开局之年',
  '迎接党的二十大',
  '四个意识',
  '筑牢中华民族共同体意识',
  '两个确立',
  '做的很好',
  '坚定不移的推进',
  '取的',
  '涉及到',
  '截止目前',
  '约3000人左右',
  '4千',
  '二0二六年',
  '三、四个',
  '15～30%',
  '预览阅读已结束',
  '下载后可编辑',
  '👉',
  '😀',
  '𠀀',
  '\uFEFF',
  '\u0000',
  '\u0007',
  '\u200B',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '同志们：',
  '在会议上的讲话',
  '工作',
  '推进',
  '高质量',
  '我们',
  '要',
  '了',
  '好',
  '// gongwen-disable-next-line',
  '<!-- gongwen-disable -->',
  '```',
  '`a,b`',
  '[链接](http://x.cn/a,b)',
];
const lonely = fc.constantFrom('\ud800', '\udc00');
const textArb = fc
  .array(
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: lonely },
      { weight: 2, arbitrary: fc.string({ maxLength: 3 }) },
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));
const formatArb = fc.constantFrom('plain', 'markdown');

const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
/** A boundary that does not split a surrogate pair. */
const onCodePoint = (text, i) => i === 0 || i === text.length || !(isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i)));

const SEGMENTING = new Set(['de', 'typo-context']);
/** Whether no line break lies between offsets a and b of `text`. */
const sameParagraph = (text, a, b) => !/[\r\n]/.test(text.slice(Math.min(a, b), Math.max(a, b)));

/**
 * Fixing may let a problem that was already reported show up under another rule (two fixes that
 * overlap: only the first is applied), but it must never make a problem appear in text that no
 * finding covered (save the segmentation-dependent rules, below), nor raise the number of findings.
 */
function assertFixesStayInside(text, format) {
  const options = { format, date: '2026-06-01' };
  const before = core.check(text, options);
  const { text: fixed, applied } = core.applyFixes(text, before);
  // Walk the fixed text against the original: everything between spans must be identical,
  // and `toOriginal` maps each fixed-text offset back to the original.
  const segments = []; // [fixedStart, fixedEnd, originalStart, originalEnd, isEdit]
  let pos = 0;
  let out = 0;
  for (const f of applied) {
    const same = f.offset - pos;
    assert.equal(fixed.slice(out, out + same), text.slice(pos, f.offset), 'text outside a flagged span changed');
    segments.push([out, out + same, pos, f.offset, false]);
    out += same;
    segments.push([out, out + f.suggestions[0].length, f.offset, f.offset + f.length, true]);
    out += f.suggestions[0].length;
    pos = f.offset + f.length;
  }
  assert.equal(fixed.slice(out), text.slice(pos));
  segments.push([out, fixed.length, pos, text.length, false]);
  const toOriginal = (i, end) => {
    for (const [fs, fe, os, oe, edit] of segments) {
      if (i < fs || i > fe || (i === fe && !end && fe !== fixed.length)) continue;
      return edit ? (end ? oe : os) : os + (i - fs);
    }
    return text.length;
  };
  const after = core.check(fixed, options);
  assert.ok(after.length <= before.length, `fixing raised the number of findings in ${JSON.stringify(text)}`);
  for (const f of after) {
    const s = toOriginal(f.offset, false);
    const e = toOriginal(f.offset + f.length, true);
    const covered =
      before.some((g) => g.offset <= e && g.offset + g.length >= s) ||
      // 的/地/得 and typo-context judge a character by the segmentation of its whole clause: a fix
      // elsewhere in the paragraph (「涉及到」→涉及) can change that segmentation and bring a real
      // slip to light (「…坚定不移的推进」). Such findings may follow a fix in the same paragraph.
      (SEGMENTING.has(f.rule) && applied.some((g) => sameParagraph(text, g.offset, s)));
    assert.ok(
      covered,
      `fixing created a finding in unflagged text: ${f.rule} ${f.message} in ${JSON.stringify(fixed)} (from ${JSON.stringify(text)})`,
    );
  }
}

describe('properties over random text', function () {
  this.timeout(120000);

  it('never throws; findings lie inside the text, on code-point boundaries, with Chinese messages', () => {
    fc.assert(
      fc.property(textArb, formatArb, (text, format) => {
        for (const f of core.check(text, { format, date: '2026-06-01' })) {
          assert.ok(f.offset >= 0 && f.length > 0 && f.offset + f.length <= text.length, `${f.rule} out of range`);
          assert.ok(onCodePoint(text, f.offset) && onCodePoint(text, f.offset + f.length), `${f.rule} splits a surrogate pair`);
          assert.ok(/[\u4e00-\u9fff]/.test(f.message), `${f.rule}: message not Chinese`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic, and a fresh checker agrees with the cached one', () => {
    fc.assert(
      fc.property(textArb, formatArb, (text, format) => {
        const options = { format, date: '2026-06-01' };
        const a = core.check(text, options);
        assert.deepEqual(core.check(text, options), a);
        assert.deepEqual(new core.Checker().check(text, options), a);
      }),
      { numRuns: 200 },
    );
  });

  it('fixes change only flagged spans and never create findings in unflagged text', () => {
    fc.assert(
      fc.property(textArb, formatArb, (text, format) => assertFixesStayInside(text, format)),
      { numRuns: 400 },
    );
  });

  /** Counterexamples the property once found: a fix next to a mark changed how another rule read it. */
  for (const text of [
    'X光).',
    '好.(工作',
    '预览阅读已结束“\n发展”',
    '“预览阅读已结束\n发展”',
    '’〉👉',
    '...(首先',
    '"做的很好"',
    ':.(关健',
    'X光筑牢中华民族共同体意识取的',
    '关健--第三，第三，',
    '○○,--关健',
    '〈（三）\n关健〉预览阅读已结束',
    '涉及到三是坚定不移的推进',
    '4千.。。',
    '好. !',
    '截止目前-- ,',
  ]) {
    it(`fixing ${JSON.stringify(text)} creates nothing new`, () => assertFixesStayInside(text, 'plain'));
  }

  // The 5 MB single-line document: test/slow/huge-document.test.js (npm run test:slow).
});
