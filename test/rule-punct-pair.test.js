// Table-driven tests of the `punct-pair` rule (GB/T 15834): what must be flagged, with its first
// fix (undefined when only a person can fix it), beside what must stay quiet; applying the fixes
// leaves nothing new to report. Texts with line breaks are whole documents.
'use strict';
const assert = require('node:assert/strict');
const { core, flagged, fixAndRecheck } = require('./helpers');

const RULE = 'punct-pair';

const FLAGGED = [
  // 1. unbalanced pairs
  ['他说：“同志们，要抓紧。', [['“', undefined]]],
  ['坚持两个维护”，做到忠诚干净担当。', [['”', undefined]]],
  ['学习“两个维护“。', [['“', '”']]],
  ['他说：”好的”。', [['”', '“']]],
  ['认真学习《条例，抓好落实。', [['《', undefined]]],
  ['认真学习《《条例》。', [['《', '']]],
  ['请参阅（附件2。', [['（', undefined]]],
  ['他指出：“第一段话。\n第二段没有。', [['“', undefined]]],
  ['“下列案件由本院管辖：\n（一）甲类案件；\n（二）乙类案件。', [['“', undefined]]],
  [
    '发文字号为国办发〔2024】5号。',
    [
      ['〔', undefined],
      ['】', undefined],
    ],
  ],
  // 2. nested 书名号
  [
    '学习《关于印发《办法》的通知》。',
    [
      ['《', '〈'],
      ['》', '〉'],
    ],
  ],
  // 3. 顿号 between titles and quotations
  ['认真学习《条例》、《办法》。', [['、', '']]],
  ['坚持“两个维护”、“四个意识”。', [['、', '']]],
  // 4. ellipsis
  ['时间不等人…我们要抓紧。', [['…', '……']]],
  ['时间不等人...我们要抓紧。', [['...', '……']]],
  ['时间不等人..我们要抓紧。', [['..', '……']]],
  ['时间不等人。。。我们要抓紧。', [['。。。', '……']]],
  ['时间不等人......我们要抓紧。', [['......', '……']]],
  ['时间不等人⋯⋯我们要抓紧。', [['⋯⋯', '……']]],
  ['交通、水利……等方面', [['等', '']]],
  ['交通、水利……等等，都要抓。', [['等等', '']]],
  ['交通、水利……之类的工程', [['之类', '']]],
  // 5. dash
  ['改革--这是关键一招。', [['--', '——']]],
  ['改革－－这是关键一招。', [['－－', '——']]],
  ['坚持一个中心—以经济建设为中心。', [['—', '——']]],
  [
    '这个问题—说到底—是作风问题。',
    [
      ['—', '——'],
      ['—', '——'],
    ],
  ],
  ['改革──这是关键一招。', [['──', '——']]],
  ['改革—这是关键一招。', [['—', '——']]],
  // beside a half-width mark that punct-width turns full-width, as it will read after that fix
  ['"改革"--这是关键一招。', [['--', '——']]],
  ['截止目前-- ,', [['--', '——']]],
  ['...(首先)要抓紧', [['...', '……']]],
  // 6. ？ and ！
  ['这难道不对吗！？', [['！？', '？！']]],
  ['太好了！！！！', [['！！！！', '！']]],
  ['让我们共同努力奋斗！！', [['！！', '！']]],
  ['这难道不对吗？？？？', [['？？？？', '？？？']]],
  // 7. a title ending in 。
  ['关于做好春节期间安全工作的通知。\n各单位：', [['。', '']]],
  ['在全县工作会议上的讲话。\n同志们：', [['。', '']]],
  ['# 关于安全生产大检查情况的报告。\n\n正文。', [['。', '']]],
];

const QUIET = [
  '他说：“同志们，要抓紧。”',
  '学习《关于印发〈办法〉的通知》。',
  '认真学习《条例》《办法》。',
  '认真学习《条例》（2020年修订）、《办法》。',
  '坚持“两个维护”“四个意识”。',
  '时间不等人……我们要抓紧。',
  '删节号可以连用：…………',
  '交通、水利……',
  '他等啊等……等到了春天。',
  '改革——这是关键一招。',
  '调用 f(...) 即可',
  // a line of marks alone pairs with its neighbours and is not reported itself
  '他说：\n“\n要抓紧。”',
  '’〉',
  '1949—2024年的变化',
  '北京—上海特别旅客快车',
  // the 连接号 between items, steps and places (GB/T 15834 4.13)
  '打通研发—生产—临床应用全链条',
  '形成“研发—中试—量产”一条龙服务',
  '推进赤峰道—中心花园改造',
  '推进郑州—开封同城化',
  '开行成都—重庆城际列车',
  '这难道不对吗？！',
  '是吗？？？',
  '让我们共同努力奋斗！',
  '真的吗？！',
  '他指出：“第一段话。\n“第二段话。\n“第三段话。”',
  '他指出：“第一段话，\n第二行接着说。”',
  '关于做好春节期间安全工作的通知\n各单位：',
  '我完全同意这个报告。\n下面我讲三点。',
  '制定印发加快推进快捷收费应用服务实施方案。\n正文。',
  '1）加强组织领导',
  'a）完善制度',
  'don’t 说',
  '版本号1.2.3，路径../data',
  '国办发〔2024〕5号',
  '认真学习《《条例》》。',
  '认真学习《条例》》。',
  '“同志们，\n要抓紧。”',
  '```\n他说：“没有后引号\n```',
  // a quoted block opened at its start and closed at its end, as amendments print it
  '一、将第一条修改为：\n“下列案件由本院管辖：\n（一）甲类案件；\n（二）乙类案件。”\n二、删去第二条。',
];

describe(`rule ${RULE}`, () => {
  it('has at least 20 flagged and 20 quiet cases', () => {
    assert.ok(FLAGGED.length >= 20);
    assert.ok(QUIET.length >= 20);
  });
  for (const [text, expected] of FLAGGED) {
    it(`flags 「${text.replace(/\n/g, '⏎')}」`, () => assert.deepEqual(flagged(text, RULE), expected));
  }
  for (const text of QUIET) {
    const format = text.startsWith('```') ? 'markdown' : 'plain';
    it(`stays quiet on 「${text.replace(/\n/g, '⏎')}」`, () => assert.deepEqual(flagged(text, RULE, { format }), []));
  }
  it('reports a 顿号 between quotations or titles one step below the rule (the standard says 通常不用)', () => {
    for (const text of ['坚持“两个维护”、“四个意识”。', '认真学习《条例》、《办法》。']) {
      const [f] = core.check(text, {}).filter((x) => x.rule === RULE);
      assert.equal(f.severity, 'info', text);
    }
    const [dash] = core.check('改革—这是关键一招。', {}).filter((x) => x.rule === RULE);
    assert.equal(dash.severity, 'warning');
  });
  it('names the standard in Chinese messages', () => {
    for (const [text] of FLAGGED) {
      for (const f of core.check(text, {})) if (f.rule === RULE) assert.match(f.message, /GB\/T 15834/);
    }
  });
  it('applying every fix creates no new finding of any rule', () => {
    for (const [text] of FLAGGED) {
      const { fixed, after, fresh } = fixAndRecheck(text);
      assert.deepEqual(fresh, [], `after fixing 「${text}」 → 「${fixed}」`);
      assert.ok(
        after.filter((f) => f.rule === RULE).every((f) => f.suggestions.length !== 1),
        `「${fixed}」`,
      );
    }
  });
});
