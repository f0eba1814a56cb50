// The engine as a whole: offsets in UTF-16 units, line breaks, odd input, options and fixes.
'use strict';
const assert = require('node:assert/strict');
const { core, RULE_IDS } = require('./helpers');

const spans = (text, findings) => findings.map((f) => text.slice(f.offset, f.offset + f.length));

describe('engine: positions', () => {
  it('counts offsets in UTF-16 code units past astral characters (emoji, CJK Ext. B)', () => {
    const text = '😀𠀀这是关健一年，，好。';
    const found = core.check(text);
    assert.deepEqual(spans(text, found), ['关健', '，，']);
    assert.equal(found[0].offset, 6); // 😀 and 𠀀 are two code units each, 这是 two more
  });

  it('handles CRLF, lone CR and LF line breaks alike', () => {
    for (const br of ['\r\n', '\r', '\n']) {
      const text = `第一段。${br}这是关健一年。${br}落实，，到位。`;
      assert.deepEqual(spans(text, core.check(text)), ['关健', '，，'], JSON.stringify(br));
    }
  });

  it('never flags across a line break', () => {
    assert.deepEqual(core.check('落实，\n，到位'), []);
    assert.deepEqual(core.check('发展\n发展'), []);
  });

  it('accepts empty, blank and control-character text', () => {
    assert.deepEqual(core.check(''), []);
    assert.deepEqual(core.check('\n\n  \r\n'), []);
    assert.doesNotThrow(() => core.check('\u0000\u0007关健\u001b'));
  });

  it('survives an unpaired surrogate without misplacing findings', () => {
    const text = '\ud800这是关健一年，，好';
    for (const f of core.check(text)) {
      assert.ok(f.offset >= 0 && f.offset + f.length <= text.length);
    }
    assert.deepEqual(spans(text, core.check(text)).includes('，，'), true);
  });

  it('checks a large single-line document and keeps findings inside it', () => {
    const text = '要全面加强机关作风建设，推动各项工作落地见效。'.repeat(20000) + '关健';
    const found = core.check(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].offset, text.length - 2);
  });

  it('gives the same findings on a second (cached) run and after an edit', () => {
    const a = '这是关健一年。\n发展发展教育。\n很好。';
    const first = core.check(a);
    assert.deepEqual(core.check(a), first);
    const b = a.replace('很好。', '很好，，');
    assert.deepEqual(spans(b, core.check(b)), ['关健', '发展发展', '，，']);
  });
});

describe('engine: options', () => {
  it('turns rules off and sets severities', () => {
    const text = '这是关健一年，，好';
    const found = core.check(text, { rules: { typo: 'off', 'punct-dup': 'hint' } });
    assert.deepEqual(
      found.map((f) => [f.rule, f.severity]),
      [['punct-dup', 'hint']],
    );
  });

  it('adds the user’s typo pairs, still on word boundaries', () => {
    assert.deepEqual(spans('请通知张三同志', core.check('请通知张三同志', { typoPairs: { 张三: '李四' } })), ['张三']);
    const found = core.check('这是一个新栏目', { typoPairs: { 新栏: '心栏' } });
    assert.deepEqual(found, []); // 栏目 straddles the end of 新栏
  });

  it('drops findings overlapping an allowed word', () => {
    assert.deepEqual(core.check('关健同志发言', { allowWords: ['关健'] }), []);
    assert.equal(core.check('关健同志发言，关键问题', { allowWords: ['关键'] }).length, 1);
  });

  it('reports malformed options with Chinese warnings and falls back to defaults', () => {
    const { options, warnings } = core.normalizeOptions(
      { rules: { typo: 'loud', nosuch: 'off' }, typoPairs: [1], allowWords: 'x', date: '2026-02-30', format: 'pdf' },
      RULE_IDS,
    );
    assert.equal(warnings.length, 6);
    assert.ok(warnings.every((w) => /[\u4e00-\u9fff]/.test(w)));
    assert.deepEqual(options.typoPairs, {});
    assert.deepEqual(options.allowWords, []);
    assert.equal(options.date, undefined);
    assert.equal(options.format, 'plain');
    assert.equal(options.severities.typo, undefined);
    assert.deepEqual(core.normalizeOptions('nonsense', RULE_IDS).warnings.length, 1);
    // The checker still runs with such input.
    assert.equal(core.check('关健', { rules: 'oops' }).length, 1);
  });
});

describe('engine: markdown', () => {
  it('skips code spans, fenced code, link targets and HTML', () => {
    const md = [
      '# 标题',
      '正文里有`a,b;c`代码和[链接](http://example.com/a,b)。',
      '```',
      '这是关健,代码',
      '```',
      '<span title="a,b">说明</span>',
      '这是关健一年,好',
    ].join('\n');
    const found = core.check(md, { format: 'markdown' });
    assert.deepEqual(spans(md, found), ['关健', ',']);
    assert.equal(found[0].offset, md.lastIndexOf('关健'));
  });
});

describe('fixes', () => {
  it('apply single suggestions only and change nothing outside flagged spans', () => {
    const text = '这是关健一年，，工作完成。，加强领导,狠抓落实X届';
    const found = core.check(text);
    const { text: fixed, applied } = core.applyFixes(text, found);
    assert.equal(fixed, '这是关键一年，工作完成。，加强领导，狠抓落实X届');
    assert.deepEqual(
      applied.map((f) => f.rule),
      ['typo', 'punct-dup', 'punct-width'],
    );
    // 「。，」 has two suggestions and the placeholder none: both are left for a person.
    assert.deepEqual(spans(fixed, core.check(fixed)), ['。，', 'X']);
  });

  it('can be limited to one rule', () => {
    const text = '关健，，';
    assert.equal(core.applyFixes(text, core.check(text), 'typo').text, '关键，，');
  });
});

describe('document date', () => {
  it('prefers the given date, then the 成文日期, then a dated title, then today', () => {
    assert.deepEqual(core.resolveDocumentDate('x', '2026-03-01'), { date: '2026-03-01', source: 'option' });
    assert.equal(core.resolveDocumentDate('正文。\n市人民政府\n2026年1月5日\n').date, '2026-01-05');
    assert.equal(core.resolveDocumentDate('正文。\n二〇二五年十二月三十一日').date, '2025-12-31');
    assert.equal(core.resolveDocumentDate('在全市会议上的讲话\n（2024年3月8日）\n同志们：').date, '2024-03-08');
    assert.equal(core.resolveDocumentDate('没有日期').source, 'today');
  });

  it('reads the date of a report subtitle 「——2026年1月25日在……会议上」', () => {
    const text = '2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n各位代表：\n';
    assert.deepEqual(core.resolveDocumentDate(text), { date: '2026-01-25', source: 'document' });
  });

  it('without a full date, takes a year named in the title lines, as of 1 January', () => {
    const speech = '在市人大2022年度工作推进动员大会上的讲话\n同志们：\n今天我们召开会议。';
    assert.deepEqual(core.resolveDocumentDate(speech), { date: '2022-01-01', source: 'title-year' });
    assert.equal(core.yearInTitle('市人大2022年度工作推进动员大会'), 2022);
    assert.equal(core.yearInTitle('# 关于二〇二三年全市安全生产工作的通知\n\n各区：'), 2023);
    // The latest year of the title: a plan for next year is written this year at the earliest.
    assert.equal(core.yearInTitle('关于2021年工作总结和2022年工作计划的报告\n市人大常委会：'), 2022);
    // A subtitle and speaker lines are still the title block.
    assert.equal(core.yearInTitle('坚定信心 真抓实干\n——在全市2024年经济工作会议上的讲话\n市长 张强\n同志们：'), 2024);
  });

  it('takes no year that says nothing about when the document was written', () => {
    for (const text of [
      '关于2018年以来全市脱贫攻坚工作情况的报告', // a period since then
      '全市“十四五”规划（2021—2025年）实施情况', // the end of a range; 2021 names no 年 of its own
      '关于制定国民经济和社会发展规划和2035年远景目标的建议', // a target
      '20世纪90年代以来的工作回顾',
      '一、2022年工作回顾', // a heading: the body has started
      '同志们：\n2022年是极不平凡的一年。', // prose after the 称谓
      '关于做好有关工作的通知\n各区：\n2022年全市工作要点已印发。',
      '关于2100年的展望', // later than next year
    ]) {
      assert.equal(core.yearInTitle(text), undefined, text);
    }
    assert.equal(core.resolveDocumentDate('一、2022年工作回顾').source, 'today');
  });

  it("says in a date-dependent finding when the date is the title's year or today, and judges by it", () => {
    const speech =
      '在市人大2022年度工作推进动员大会上的讲话\n同志们：\n要支持“一府两院”依法履职，做好新冠肺炎疫情防控，迎接党的二十大胜利召开。\n';
    const found = core.check(speech, {}).filter((f) => f.rule === 'outdated');
    // As of 2022: 一府两院 (outdated since 2018) is flagged; 新冠肺炎 (renamed 2022-12-26) and 迎接二十大 (held 2022-10) are not.
    assert.deepEqual(
      found.map((f) => speech.slice(f.offset, f.offset + f.length)),
      ['一府两院'],
    );
    assert.match(found[0].message, /按文稿日期 2022 年判断/);
    // Today, when nothing in the document dates it.
    const undated = speech.replace('2022年度', '');
    const today = core.check(undated, {}).filter((f) => f.rule === 'outdated');
    assert.ok(today.length >= 3, today.map((f) => f.message).join('\n'));
    for (const f of today) assert.match(f.message, /文中没有成文日期，按今天 \d{4}年\d{1,2}月\d{1,2}日 判断/);
    // No note when the writer or the document gives the date.
    for (const f of core.check(speech, { date: '2023-06-01' }).filter((x) => x.rule === 'outdated'))
      assert.doesNotMatch(f.message, /判断。）$/);
    const signed = speech + '东江市人民代表大会常务委员会\n2022年3月1日\n';
    for (const f of core.check(signed, {}).filter((x) => x.rule === 'outdated')) assert.doesNotMatch(f.message, /判断。）$/);
  });

  it('adds no date note to a finding the date does not decide', () => {
    const text = '在2022年全市工作会议上的讲话\n同志们：\n认真学习党的19届3中全会精神。\n';
    const found = core.check(text, {}).filter((f) => f.rule === 'outdated');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.doesNotMatch(found[0].message, /按文稿日期/);
  });
});

describe('inline disable comments', () => {
  const rulesOf = (text, format) => core.check(text, { format }).map((f) => [f.rule, text.slice(f.offset, f.offset + f.length)]);

  it('silence the next line, all rules or the listed ones', () => {
    assert.deepEqual(rulesOf('// gongwen-disable-next-line\n关健，，\n关健'), [['typo', '关健']]);
    assert.deepEqual(rulesOf('// gongwen-disable-next-line typo\n关健，，'), [['punct-dup', '，，']]);
    assert.deepEqual(rulesOf('// gongwen-disable-next-line typo, punct-dup\n关健，，'), []);
  });

  it('silence a region until gongwen-enable, and re-enable single rules inside a disable-all region', () => {
    const text = '// gongwen-disable\n关健，，\n// gongwen-enable typo\n关健，，\n// gongwen-enable\n关健，，';
    assert.deepEqual(rulesOf(text), [
      ['typo', '关健'],
      ['typo', '关健'],
      ['punct-dup', '，，'],
    ]);
  });

  it('work as Markdown comments, and an ordinary HTML comment is not checked', () => {
    const md = '<!-- gongwen-disable-next-line placeholder -->\nXX同志发言\n<!-- 关健,备注 -->\nX届';
    assert.deepEqual(rulesOf(md, 'markdown'), [['placeholder', 'X']]);
  });

  it('are not themselves checked, and other text mentioning them is ordinary text', () => {
    assert.deepEqual(rulesOf('// gongwen-disable typo，，'), []);
    assert.deepEqual(rulesOf('文中写 gongwen-disable 也照常检查关健'), [['typo', '关健']]);
  });
});

describe('slow rules', () => {
  const SLOW_TEXT = '坚持持旭推进重点工作落实。';
  const rules = (found) => found.map((f) => f.rule);

  it('are computed by default and skipped on the typing path (includeSlow: false)', () => {
    assert.ok(rules(new core.Checker().check(SLOW_TEXT)).includes('typo-context'));
    assert.ok(!rules(new core.Checker().check(SLOW_TEXT, { includeSlow: false })).includes('typo-context'));
  });

  it('keep showing cached results of unchanged paragraphs on the typing path', () => {
    const checker = new core.Checker();
    checker.check(`${SLOW_TEXT}\n第二段。`); // an idle pass computes everything
    const typed = checker.check(`${SLOW_TEXT}\n第二段，，`, { includeSlow: false });
    assert.deepEqual(rules(typed), ['typo-context', 'punct-dup']);
  });
});

describe('engine: quietIfRepeated (a guess about a word the document uses again is dropped)', () => {
  // A rule that flags the first character of each paragraph, naming the paragraph's first two characters as its word.
  const rule = {
    id: 'guess',
    label: 'guess',
    category: 'typo',
    defaultSeverity: 'info',
    description: '',
    autoFix: false,
    check: (ctx) =>
      ctx.text.length >= 2 ? [{ offset: 0, length: 1, message: 'm', suggestions: ['x'], quietIfRepeated: ctx.text.slice(0, 2) }] : [],
  };
  const segmenter = { cut: (t) => [...t] };
  const flagged = (text) => new core.Checker({ rules: [rule], segmenter }).check(text).map((f) => text.slice(f.offset, f.offset + 2));

  for (const [text, expected] of [
    ['甲乙丙。\n丁戊己。', ['甲乙', '丁戊']],
    // 甲乙 again in another paragraph: the writer's word.
    ['甲乙丙。\n丁戊甲乙。', ['丁戊']],
    // Overlapping occurrences count: 哈哈 twice in 哈哈哈.
    ['哈哈哈。\n丁戊己。', ['丁戊']],
    // Both paragraphs begin with it: both dropped.
    ['甲乙丙。\n甲乙丁。', []],
  ]) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(flagged(text), expected));
  }

  it('keeps the findings of other rules and the order of the rest', () => {
    const text = '甲乙丙，，。\n丁戊甲乙。';
    const all = new core.Checker({ rules: [rule, ...core.RULES.filter((r) => r.id === 'punct-dup')], segmenter }).check(text);
    assert.deepEqual(
      all.map((f) => f.rule),
      ['punct-dup', 'guess'],
    );
  });
});
