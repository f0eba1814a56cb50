// 过时提法 (outdated): what must be flagged for the document's date, with the fix, beside what must stay quiet.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { core, flagged, RULE_IDS } = require('./helpers');

const D = '2026-06-01';

/** [sentence, document date, expected [flagged text, first suggestion] pairs]; [] = quiet. */
const CASES = [
  // the table
  ['听取和审查市“一府两院”工作报告', D, [['一府两院', '一府一委两院']]],
  ['加强与一府两院的沟通协调', '2018-03-11', [['一府两院', '一府一委两院']]],
  ['做好新冠肺炎疫情防控工作', '2023-01-10', [['新冠肺炎', '新冠病毒感染']]],
  ['新型冠状病毒肺炎患者', D, [['新型冠状病毒肺炎', '新型冠状病毒感染']]],
  ['紧密团结在以习近平同志为总书记的党中央周围', D, [['以习近平同志为总书记的党中央', '以习近平同志为核心的党中央']]],
  ['不断增强“三个自信”', D, [['三个自信', '四个自信']]],
  ['统筹推进“四位一体”总体布局', D, [['四位一体”总体布局', '五位一体”总体布局']]],
  ['农业部印发了实施方案', D, [['农业部', '农业农村部']]],
  [
    '由国土资源部、环境保护部牵头',
    D,
    [
      ['国土资源部', '自然资源部'],
      ['环境保护部', '生态环境部'],
    ],
  ],
  ['国家卫计委发布通知', D, [['国家卫计委', '国家卫健委']]],
  ['中国银保监会印发通知', D, [['中国银保监会', '国家金融监督管理总局']]],
  ['中央深改组会议审议通过', D, [['中央深改组', '中央深改委']]],
  ['市工商局要加强市场监管', D, [['工商局', '市场监管局']]],
  ['落实全面二孩政策', D, [['全面二孩', undefined]]],
  ['为决胜全面建成小康社会作出贡献', D, [['决胜全面建成小康社会', undefined]]],
  ['关于全市安全生产工作的会议纪要', D, [['会议纪要', '纪要']]],
  // lists that changed
  ['协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党战略布局', D, [['全面建成小康社会', '全面建设社会主义现代化国家']]],
  ['坚定道路自信、理论自信、制度自信', D, [['道路自信、理论自信、制度自信', '道路自信、理论自信、制度自信、文化自信']]],
  // five-year plans
  ['今年是“十四五”规划开局之年', D, [['“十四五”规划开局之年', undefined]]],
  ['明年是“十四五”规划的收官之年', D, [['“十四五”规划的收官之年', undefined]]],
  ['今年是十三五承上启下的关键一年', '2019-03-01', [['十三五承上启下的关键一年', undefined]]],
  ['今年是决战决胜高水平全面建成小康社会和“十三五”规划的收官之年', '2021-03-01', [['“十三五”规划的收官之年', undefined]]],
  ['“十四五”时期将建成一批重大项目', D, [['“十四五”时期将', undefined]]],
  ['编制“十二五”计划纲要', D, [['“十二五”计划', '“十二五”规划']]],
  ['第十二个五年计划', D, [['第十二个五年计划', '第十二个五年规划']]],
  // congresses and plenums
  ['以优异的成绩迎接党的二十大胜利召开。', '2022-10-16', [['迎接党的二十大胜利召开', undefined]]],
  ['以更加优异的成绩向党的二十大献礼！', D, [['向党的二十大献礼', undefined]]],
  ['深入学习贯彻党的十九大和十九届历次全会精神', D, [['学习贯彻党的十九大和十九届历次全会精神', undefined]]],
  ['认真学习贯彻党的二十大三中全会精神', D, [['二十大三中全会', '二十届三中全会']]],
  ['认真学习贯彻20届3中全会精神', '2020-01-01', [['20届3中全会', '二十届三中全会']]],

  // quiet: current terms
  ['听取和审查市“一府一委两院”工作报告', D, []],
  ['做好新冠病毒感染防控工作', D, []],
  ['紧密团结在以习近平同志为核心的党中央周围', D, []],
  ['坚定道路自信、理论自信、制度自信、文化自信', D, []],
  ['统筹推进“五位一体”总体布局', D, []],
  ['今年是“十五五”规划开局之年', D, []],
  ['2021年是“十四五”开局之年', D, []],
  ['认真学习贯彻党的二十届三中全会精神', D, []],
  ['深入学习贯彻党的二十大精神', D, []],
  ['自然资源部、生态环境部、农业农村部联合印发', D, []],
  // quiet: before the change
  ['听取和审查市“一府两院”工作报告', '2018-03-10', []],
  ['做好新冠肺炎疫情防控工作', '2022-12-25', []],
  ['今年是“十四五”规划开局之年', '2021-02-01', []],
  ['以优异的成绩迎接党的二十大胜利召开。', '2022-10-15', []],
  ['深入学习贯彻党的十九大和十九届历次全会精神', '2022-10-21', []],
  ['落实全面二孩政策', '2020-01-01', []],
  ['协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党战略布局', '2019-01-01', []],
  // quiet: history and quotation
  ['原国土资源部印发了通知', D, []],
  ['国土资源部（现自然资源部）制定了规划', D, []],
  ['时任农业部部长出席会议', D, []],
  ['学习《抗击新冠肺炎疫情的中国行动》白皮书', D, []],
  ['2020年抗击新冠肺炎疫情斗争取得重大成果', D, []],
  ['从“三个自信”到“四个自信”是认识的深化', D, []],
  ['将国土资源部的职责整合，组建自然资源部', D, []],
  ['过去一年，我们深入学习贯彻党的十九大精神', D, []],
  // quiet: look-alikes
  ['国土资源部门要加强管理', D, []],
  ['省农业部门负责组织实施', D, []],
  ['集团纪检监察部牵头', D, []],
  ['企业文化部负责宣传', D, []],
  ['坚持“四位一体”工作机制', D, []],
  ['市政府常务会议纪要', D, []],
  ['会议纪要由办公室印发', D, []],
  ['第十五个五年计划', D, []],
  ['今年是全面贯彻落实党的二十届四中全会精神的开局之年', D, []],
  ['我们要增强自信心', D, []],
];

describe('rule outdated', () => {
  it('has at least 15 flagged and 15 quiet cases', () => {
    assert.ok(CASES.filter((c) => c[2].length > 0).length >= 15);
    assert.ok(CASES.filter((c) => c[2].length === 0).length >= 15);
  });
  for (const [sentence, date, expected] of CASES) {
    it(`${expected.length ? 'flags' : 'leaves'} 「${sentence}」 (${date})`, () => {
      assert.deepEqual(flagged(sentence, 'outdated', { date }), expected);
    });
  }

  it('puts the basis and the date in the message', () => {
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === 'outdated' ? 'warning' : 'off']));
    const [f] = core.check('听取“一府两院”工作报告', { rules, date: D });
    assert.match(f.message, /2018年3月11日/);
    assert.match(f.message, /一府一委两院/);
    const [plan] = core.check('今年是“十四五”规划开局之年', { rules, date: D });
    assert.match(plan.message, /2021—2025年/);
    assert.match(plan.message, /2026年/);
  });

  it('reports unverified entries and soft date findings one step gentler and asks to verify', () => {
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === 'outdated' ? 'warning' : 'off']));
    const [unsure] = core.check('县卫计委负责', { rules, date: D });
    assert.equal(unsure.severity, 'info');
    assert.match(unsure.message, /请核实/);
    const [sure] = core.check('国家卫计委负责', { rules, date: D });
    assert.equal(sure.severity, 'warning');
  });

  it('does not depend on today: the same text is judged by the date given', () => {
    const text = '今年是“十四五”规划收官之年';
    assert.deepEqual(flagged(text, 'outdated', { date: '2025-03-01' }), []);
    assert.equal(flagged(text, 'outdated', { date: '2026-03-01' }).length, 1);
    assert.equal(flagged(text, 'outdated', { date: '2024-03-01' }).length, 1);
  });
});

describe('outdated table', () => {
  const rows = fs
    .readFileSync(path.join(__dirname, '..', 'server', 'data', 'outdated.tsv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));

  it('has well-formed rows: old ≠ new, a real date, a basis and a confidence mark', () => {
    assert.ok(rows.length >= 40);
    const seen = new Set();
    for (const [old, replacement, date, basis, confidence, , options = '', exceptions = ''] of rows) {
      assert.ok(old && old.trim() === old, `empty or padded old form in ${JSON.stringify([old, replacement])}`);
      assert.ok(!seen.has(old), `duplicate old form ${old}`);
      seen.add(old);
      assert.notEqual(old, replacement, `old = new: ${old}`);
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/, `bad date for ${old}`);
      const d = new Date(`${date}T00:00:00Z`);
      assert.ok(!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date, `impossible date ${date} for ${old}`);
      assert.ok(date >= '2000-01-01' && date <= '2030-12-31', `date out of range for ${old}`);
      assert.ok(basis && basis.length >= 8, `no basis for ${old}`);
      assert.ok(['✔', '≈'].includes(confidence), `confidence must be ✔ or ≈ for ${old}`);
      assert.ok(['', 'title'].includes(options), `unknown option ${options} for ${old}`);
      for (const p of exceptions.split(' | ').filter(Boolean)) assert.doesNotThrow(() => new RegExp(p, 'u'), `bad exception ${p}`);
    }
  });

  it('flags every old form on its effective date and not the day before', () => {
    for (const [old, replacement, date, , , , options] of rows) {
      if (options === 'title') continue;
      const text = `我们要关注${old}有关工作。`;
      const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
      assert.deepEqual(flagged(text, 'outdated', { date: dayBefore }), [], `${old} flagged before ${date}`);
      assert.deepEqual(flagged(text, 'outdated', { date }), [[old, replacement || undefined]], `${old} not flagged on ${date}`);
    }
  });
});
