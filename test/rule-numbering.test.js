// The `numbering` rule on whole small documents: heading levels (一、（一）1.（1）), in-text series
// (一是、一要、第一，、第一件事、首先…最后), the punctuation after the markers, and the traps that must stay quiet.
'use strict';
const assert = require('node:assert/strict');
const { flagged, core } = require('./helpers');

const doc = (...lines) => lines.join('\n');
const TEN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map((n) => `${n}、第${n}部分`);

/** [title, document, expected [flagged text, first suggestion] pairs, options?] */
const FLAGGED = [
  // skips, repeats, going back at each heading level
  ['level-1 skip', doc('一、总体要求', '正文。', '二、主要任务', '正文。', '四、保障措施', '正文。'), [['四、', '三、']]],
  ['level-1 repeat', doc('一、总体要求', '二、主要任务', '二、保障措施'), [['二、', '三、']]],
  ['level-1 typo in the middle', doc('一、甲', '二、乙', '二、丙', '四、丁'), [['二、', '三、']]],
  ['level-1 going back', doc('一、甲', '二、乙', '三、丙', '二、丁'), [['二、', '四、']]],
  ['level-1 list starting at two', doc('二、甲', '三、乙'), [['二、', '一、']]],
  ['level-2 skip', doc('一、总体要求', '（一）指导思想', '（二）基本原则', '（四）工作目标'), [['（四）', '（三）']]],
  ['level-2 starting at （二）', doc('一、总体要求', '（二）基本原则', '（三）工作目标'), [['（二）', '（一）']]],
  ['level-2 not restarted under a new level-1', doc('一、甲', '（一）子一', '（二）子二', '二、乙', '（三）子三'), [['（三）', '（一）']]],
  ['level-3 skip', doc('（一）甲', '1.子一', '2.子二', '4.子四'), [['4.', '3.']]],
  ['level-3 restarts under a new level-2', doc('（一）甲', '1.子一', '2.子二', '（二）乙', '3.子三'), [['3.', '1.']]],
  ['level-4 repeat', doc('1.甲', '（1）子一', '（1）子二'), [['（1）', '（2）']]],
  ['half-width (二) counts as level 2', doc('一、甲', '（一）子一', '(三)子三'), [['(三)', '（二）']]],
  ['level-1 after 十、 skipping to 十二、', doc(...TEN, '十二、丙'), [['十二、', '十一、']]],
  // inversions
  ['（1） above （一） under one parent', doc('一、总体要求', '（1）指导思想', '（一）基本原则'), [['（1）', undefined]]],
  ['1. above the first 一、', doc('1.背景', '正文。', '一、总体要求', '二、主要任务'), [['1.', undefined]]],
  // punctuation after the marker
  ['一. → 一、', doc('一.总体要求', '二、主要任务'), [['一.', '一、']]],
  ['一． → 一、', doc('一．总体要求'), [['一．', '一、']]],
  ['一， → 一、 (the number fits)', doc('一，总体要求', '二、主要任务'), [['一，', '一、']]],
  ['（一）、 → （一）', doc('一、甲', '（一）、子一'), [['（一）、', '（一）']]],
  ['（一）． → （一）', doc('（一）．子一', '（二）子二'), [['（一）．', '（一）']]],
  [
    '1、 → 1.',
    doc('1、加强领导', '2、狠抓落实'),
    [
      ['1、', '1.'],
      ['2、', '2.'],
    ],
  ],
  ['1， → 1.', doc('1，加强领导'), [['1，', '1.']]],
  ['（1）、 → （1）', doc('（1）、加强领导'), [['（1）、', '（1）']]],
  ['wrong number and wrong punctuation at once', doc('一、甲', '三.乙'), [['三.', '二、']]],
  // in-text series
  ['一是…二是…四是 skip', '今年抓了三件事：一是抓学习；二是抓作风；四是抓落实。', [['四是', '三是']]],
  ['一是 … 一是 repeat in one paragraph', '一是加强领导，压实责任。一是强化督导，确保落实。', [['一是', '二是']]],
  ['一要…二要…二要 repeat', '一要讲政治。二要顾大局。二要重自强。', [['二要', '三要']]],
  ['series across paragraphs', doc('一是加强领导。', '二是强化督导。', '四是严格考核。'), [['四是', '三是']]],
  ['series led by a heading paragraph', doc('（一）要拉高坐标。一是制订办法。三是抓好落实。'), [['三是', '二是']]],
  [
    'continuing from a colon list into the next paragraph',
    doc('主要有三项任务：一是学习文件。', '二是部署工作。', '二是总结经验。'),
    [['二是', '三是']],
  ],
  ['第一、 → 第一，', '第一、要提高认识。第二，要加强领导。', [['第一、', '第一，']]],
  ['第一，第二，第四，', '第一，要提高认识。第二，要加强领导。第四，要狠抓落实。', [['第四，', '第三，']]],
  // The same series after an ellipsis written 「...」 or 「……」: punct-pair's fix of the dots must not change what this rule sees.
  ['第三，第三， after 「...」', '...第三，要加强领导。第三，要狠抓落实。', [['第三，', '第四，']]],
  ['第三，第三， after 「……」', '……第三，要加强领导。第三，要狠抓落实。', [['第三，', '第四，']]],
  ['第一件事…第三件事 across paragraphs', doc('第一件事，就是要胸怀全局。', '第三件事，就是要凝心聚力。'), [['第三件事', '第二件事']]],
  ['首先、 → 首先，', '首先、要加强学习。其次，要改进作风。', [['首先、', '首先，']]],
  ['最后 twice', '首先，要学习。其次，要实践。最后，要总结。最后，要提高。', [['最后', '再次']]],
  ['其次 after 最后', '首先，要学习。最后，要总结。其次，要提高。', [['最后', '其次']]],
  ['其次 twice', '首先，要学习。其次，要实践。其次，要总结。', [['其次', '再次']]],
  ['其次 after 再次', '首先，要学习。再次，要实践。其次，要总结。', [['其次', undefined]]],
  // a law: each article holds its own lists, and a skip inside one is still a skip
  [
    'a skip inside one article of a law',
    doc('第三条 有下列情形之一的：', '（一）甲；', '（二）乙；', '（四）丁。'),
    [['（四）', '（三）']],
  ],
  [
    'a list under a colon still counts on',
    doc('第五条 应当载明下列事项：', '（一）甲；', '（二）乙。', '有下列情形之一的，不予登记：', '（一）丙；', '（三）丁。'),
    [['（三）', '（二）']],
  ],
  ['a skip after an item whose text opens with figures', doc('1.甲', '2.乙', '3.2026年十件民生实事', '5.丙'), [['5.', '4.']]],
  [
    'a list going on under one new parent only is not numbering through',
    doc('一、甲', '1.子一', '2.子二', '二、乙', '3.子三', '三、丙', '1.子一'),
    [['3.', '1.']],
  ],
  [
    'a speech does not restart its outline at 一、 after a colon',
    doc('一、统一思想', '二、明确任务', '下面讲三点具体要求：', '一、抓学习'),
    [['一、', '三、']],
  ],
  [
    'a quotation left open hides the outline for 40 paragraphs at most',
    doc('要求如下：', '“要抓紧落实', ...Array(45).fill('正文。'), '一、甲', '三、乙'),
    [['三、', '二、']],
  ],
  ['a repeat after a sentence is still a repeat', doc('一、总则', '二、分则', '有关要求如下。', '二、处置'), [['二、', '三、']]],
  [
    'a skip after a quotation of several paragraphs has closed',
    doc('1.将第七条修改为：', '“第七条 有下列情形之一的：', '（一）甲。”', '3.将第九条修改为：'),
    [['3.', '2.']],
  ],
  ['二是一以贯之 is an item of the series', '一是加强学习。三是一以贯之抓落实。', [['三是', '二是']]],
];

const QUIET = [
  ['（一）...... : the dots are an ellipsis, not a mark after the number', doc('（一）......关键', '（二）子二')],
  [
    'a correct four-level outline',
    doc(
      '一、总体要求',
      '（一）指导思想',
      '1.坚持党的领导',
      '（1）加强学习',
      '（2）强化督导',
      '2.坚持以人民为中心',
      '（二）基本原则',
      '二、主要任务',
      '（一）抓学习',
      '1.读原著',
      '三、保障措施',
    ),
  ],
  ['十一、 after 十、', doc(...TEN, '十一、丙', '十二、丁')],
  ['一、二线城市 is an enumeration', doc('一、二线城市房价涨幅回落。', '三、四线城市库存仍然偏高。')],
  ['一、二等奖', '一、二等奖获得者名单附后。'],
  ['一是一，二是二', '一是一，二是二，实事求是地反映情况。'],
  ['一一 and 一年来', doc('一一对应，逐项落实。', '一年来，我们做了大量工作。')],
  ['a date in Chinese numerals', '二〇二六年一月五日'],
  ['a decimal is not a heading', doc('1.5万元已拨付到位。', '3.15晚会曝光了一批问题。')],
  ["Markdown list numbers are the renderer's business", doc('1. 第一项', '1. 第二项', '1. 第三项'), { format: 'markdown' }],
  ['第一书记、第一时间、第一生产力、第一责任人、第一次', '第一书记要第一时间到岗，科技是第一生产力，书记是第一责任人，这是第一次。'],
  ['首先 alone', '首先，我代表市委向大家表示感谢。'],
  ['第一要务 and 统一是', '发展是第一要务。思想统一是前提。'],
  ['三要素 and 三要三不要', '三要素缺一不可。三要三不要，必须牢记。'],
  ['mixed 一是…二要 left alone', '一是加强领导。二要强化督导。'],
  [
    'a nested list in a paragraph led by 二要',
    doc('一要坚持真监督。一是关注国资。二是关注环境。', '二要维护群众利益。一是聚焦教育。二是聚焦服务。', '三要坚持问题导向。'),
  ],
  [
    'a new heading restarts the in-text series',
    doc('一、讲政治', '一是加强领导。', '二是完善制度。', '二、顾大局', '一是服务中心。', '二是服从大局。'),
  ],
  ['a new series at 一 in a later paragraph', doc('一是学习。二是实践。', '会议还要求：', '一是总结。二是提高。')],
  ['a lone heading of an excerpt', '十四、宁夏回族自治区中宁县部分乡镇套取农村危房改造资金问题。'],
  ['a lone level-2 heading without parent', '（三）有较规范完善的管理办法、考核鉴定工作制度和工作流程。'],
  ['1. under 一、 without （一） is allowed', doc('一、总体要求', '1.指导思想', '2.基本原则', '二、主要任务', '1.抓学习')],
  ['（一） before the first 一、 is left alone', doc('（一）会议时间', '（二）会议地点', '一、会议内容', '二、会议要求')],
  ['首先…其次…再次…最后 in order', '首先，要学习。其次，要实践。再次，要总结。最后，要提高。'],
  ['再次 meaning again', '首先，要学习。会议再次强调，要再次认真加以研究，最后要形成决议。'],
  [
    'a closing 最后 after a list ending in 最后',
    doc('首先，要学习。', '其次，要实践。', '最后，要总结。', '同志们，任务艰巨。', '最后，祝大家新春愉快！'),
  ],
  ['两个「最后」 without a series', '最后，我再强调一点，要抓落实。最后，祝大家新春愉快！'],
  ['第一、第二产业 is an enumeration', '第一、第二产业增加值分别增长3%和5%。'],
  ['a single 「.」 (a decimal or a list number) does not start a series', '3.第三，要加强领导。第三，要狠抓落实。'],
  ['第二个百年 is not a series', '向第二个百年奋斗目标进军。'],
  ['1、2号楼 is an enumeration', '1、2号楼已经封顶。'],
  ['（1）、（2）项 is an enumeration', '（1）、（2）项已经完成。'],
  ['half-width (一) in sequence', doc('一、甲', '(一)子一', '(二)子二')],
  ['full-width dot 1．', doc('1．加强领导', '2．狠抓落实')],
  ['heading with Markdown hashes', doc('## 一、总体要求', '## 二、主要任务'), { format: 'markdown' }],
  ['an attachment list begun after 附件：', doc('一、总体要求', '正文。', '附件：1.关于加强学习的意见', '      2.关于改进作风的规定')],
  [
    'leads continue past an inner series of the same kind',
    doc('一要讲政治。', '二要顾大局。', '三要谋发展。', '会上强调：一要学习，二要实践，三要总结，四要提高。', '四要重自强。'),
  ],
  ['一、二〇二五年工作回顾 is a heading', doc('一、二〇二五年工作回顾', '二、二〇二六年工作安排')],
  ['一、一年来的工作 is a heading in sequence', doc('一、一年来的工作', '二、今年的任务')],
  // a law's article structure resets list numbering
  [
    'each article of a law starts its list at （一）',
    doc('第一条 有下列情形之一的：', '（一）甲；', '（二）乙。', '第二条 包括：', '（一）丙；', '（二）丁。'),
  ],
  ['an article with an item after 之一', doc('第十条 下列事项：', '（一）甲；', '（二）乙。', '第十条之一 下列行为：', '(一)丙；')],
  [
    'a second list in one article after 「下列……：」',
    doc('第五条 应当载明下列事项：', '（一）甲；', '（二）乙。', '有下列情形之一的，不予登记：', '（一）丙；', '（二）丁。'),
  ],
  ['a chapter heading ends every list', doc('## 第一章 总则', '一、甲', '二、乙', '## 第二章 分则', '一、丙'), { format: 'markdown' }],
  [
    'an item whose text opens with figures, right after the item before',
    doc('1.甲', '2.乙', '3.2026年十件民生实事', '4.5+2就业之家', '5.丙'),
  ],
  ['a title line of its own starts a new part numbered anew', doc('一、总则', '二、分则', '酒后驾驶操作规程', '一、发现', '二、处置')],
  [
    'an older law numbers the items of an article 一、二、 after a colon',
    doc('第五条 有下列情形之一的，准予登记：', '一、甲；', '二、乙。', '第六条 申请人应当提交：', '一、丙；', '二、丁。'),
  ],
  [
    'headings inside an amended article quoted over several paragraphs',
    doc(
      '一、修改第一部分',
      '1.将第七条修改为：',
      '“第七条 有下列情形之一的：',
      '（一）甲；',
      '（二）乙。”',
      '2.将第九条修改为：',
      '“第九条 应当载明：',
      '（一）丙。”',
      '二、修改第二部分',
      '1.删除第三条。',
    ),
  ],
  [
    'items numbered through the whole document across sections',
    doc('一、甲', '1.子一', '2.子二', '二、乙', '3.子三', '4.子四', '三、丙', '5.子五'),
  ],
  ['一是一流 is an item, not an idiom', '一是一流营商环境持续优化。二是改革深入推进。三是开放不断扩大。'],
];

describe('numbering rule', () => {
  for (const [title, text, expected, options] of FLAGGED) {
    it(`flags: ${title}`, () => assert.deepEqual(flagged(text, 'numbering', options), expected));
  }
  for (const [title, text, options] of QUIET) {
    it(`stays quiet: ${title}`, () => assert.deepEqual(flagged(text, 'numbering', options), []));
  }

  it('names the previous and the expected marker', () => {
    const [f] = core.check(doc('一、甲', '二、乙', '四、丙'), { rules: { numbering: 'warning' } }).filter((x) => x.rule === 'numbering');
    assert.equal(f.message, '序号跳号：上一个是「二、」，此处应为「三、」。');
  });

  it('cites the norm for the punctuation after a level-1 marker', () => {
    const [f] = core.check('一.总体要求', { rules: { numbering: 'warning' } }).filter((x) => x.rule === 'numbering');
    assert.match(f.message, /一级标题序号后应使用顿号：「一\.」→「一、」（GB\/T 9704/);
  });

  it('reports offsets in the right paragraph', () => {
    const text = doc('一、甲', '正文。', '三、乙');
    const [f] = core.check(text, { rules: { numbering: 'warning' } }).filter((x) => x.rule === 'numbering');
    assert.equal(f.offset, text.indexOf('三、'));
    assert.equal(f.length, 2);
    assert.equal(f.category, 'structure');
  });
});
