// 规范提法 (canon): near-misses of fixed formulations, with the canonical text, beside canonical text that must stay quiet.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { core, flagged, RULE_IDS } = require('./helpers');

const D = '2026-06-01';

/** [sentence, expected [flagged text, first suggestion] pairs]; [] = quiet. */
const CASES = [
  // the listed mistakes
  ['坚决维护习近平同志党中央的核心、全党的核心地位', [['维护习近平同志党中央的核心', '维护习近平总书记党中央的核心']]],
  ['确立习近平总书记党中央的核心、全党的核心地位', [['确立习近平总书记党中央的核心', '确立习近平同志党中央的核心']]],
  ['协调推进“五位一体”总体布局', [['协调推进“五位一体”总体布局', '统筹推进“五位一体”总体布局']]],
  ['统筹推进“四个全面”战略布局', [['统筹推进“四个全面”战略布局', '协调推进“四个全面”战略布局']]],
  ['统筹推进四个全面战略布局', [['统筹推进四个全面战略布局', '协调推进四个全面战略布局']]],
  ['筑牢中华民族共同体意识', [['筑牢中华民族共同体意识', '铸牢中华民族共同体意识']]],
  ['紧密团结在以习近平总书记为核心的党中央周围', [['以习近平总书记为核心的党中央', '以习近平同志为核心的党中央']]],
  // one character substituted
  ['坚持以习近平新时代中国特色社会主意思想为指导', [['习近平新时代中国特色社会主意思想', '习近平新时代中国特色社会主义思想']]],
  ['树牢政治意识、大局意识、核心意识、看齐意思', [['政治意识、大局意识、核心意识、看齐意思', '政治意识、大局意识、核心意识、看齐意识']]],
  [
    '坚持党的领导、人民当家做主、依法治国有机统一',
    [['党的领导、人民当家做主、依法治国有机统一', '党的领导、人民当家作主、依法治国有机统一']],
  ],
  ['发展全过程人民明主', [['全过程人民明主', '全过程人民民主']]],
  ['倡导自由、平等、公平、法治', [['自由、平等、公平、法治', '自由、平等、公正、法治']]],
  // one character dropped or added
  ['坚持以习近平新时代中国特社会主义思想为指导', [['习近平新时代中国特社会主义思想', '习近平新时代中国特色社会主义思想']]],
  ['推动构建人类命运共同，', [['人类命运共同', '人类命运共同体']]],
  ['坚持以人民为中心发展思想', [['以人民为中心发展思想', '以人民为中心的发展思想']]],
  ['完整、准确、全面地贯彻新发展理念', [['完整、准确、全面地贯彻新发展理念', '完整、准确、全面贯彻新发展理念']]],
  // The span ends before the ” that closes a quotation opened outside it: neither span nor fix carries it.
  ['为实现“两个百年”奋斗目标而奋斗', [['两个百年', '两个一百年']]],
  ['协调推进“五位一体总体布局', [['协调推进', '统筹推进']]],
  ['坚持‘两个百年’奋斗目标', [['两个百年', '两个一百年']]],
  // Without quotation marks, or with both of them inside, the whole phrase is the span.
  ['为实现两个百年奋斗目标而奋斗', [['两个百年奋斗目标', '两个一百年奋斗目标']]],
  ['坚持和完善人民代表大大会制度', [['坚持和完善人民代表大大会制度', '坚持和完善人民代表大会制度']]],
  // two adjacent characters swapped
  ['牢铸中华民族共同体意识', [['牢铸中华民族共同体意识', '铸牢中华民族共同体意识']]],
  ['坚持和完善人民代表会大制度', [['坚持和完善人民代表会大制度', '坚持和完善人民代表大会制度']]],
  // two characters replaced in a long formulation
  [
    '坚决维护习近平总书纪党中央的核心、全党的合心地位',
    [['维护习近平总书纪党中央的核心、全党的合心地位', '维护习近平总书记党中央的核心、全党的核心地位']],
  ],
  [
    '确立习近平新时代中国特色社会主义思想的指倒低位',
    [['确立习近平新时代中国特色社会主义思想的指倒低位', '确立习近平新时代中国特色社会主义思想的指导地位']],
  ],
  ['坚持以习近平新时代中国持色社汇主义思想为指导', [['习近平新时代中国持色社汇主义思想', '习近平新时代中国特色社会主义思想']]],

  // quiet: canonical text verbatim, partial quotations and punctuation variants
  ['坚持以习近平新时代中国特色社会主义思想为指导', []],
  ['确立习近平新时代中国特色社会主义思想的指导地位', []],
  ['坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导', []],
  ['统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局', []],
  ['牢固树立“四个意识”，坚定“四个自信”，坚决做到“两个维护”', []],
  ['铸牢中华民族共同体意识', []],
  ['不忘初心、牢记使命', []],
  ['不忘初心，牢记使命', []],
  ['不忘初心牢记使命', []],
  ['坚定道路自信、理论自信、制度自信和文化自信', []],
  ['坚持和完善人民代表大会制度的重要思想', []],
  ['推动构建人类命运共同体。', []],
  ['以中国式现代化全面推进中华民族伟大复兴', []],
  // quiet: near-identical but legitimate
  ['如期实现第一个百年奋斗目标', []],
  ['实现中华民族的伟大复兴', []],
  ['建设有中国特色的社会主义', []],
  ['我国社会主要矛盾', []],
  ['全心全意为民服务', []],
  ['党要管党、从严治党', []],
  ['习近平新时代中国特色社会主义经济思想', []],
  ['增强中华民族共同体意识', []],
  ['以人民为中心的发展理念', []],
  ['中国特色社会主义法律体系', []],
  ['要筑牢中华民族共同休意识', [['筑牢中华民族共同休意识', '铸牢中华民族共同体意识']]],
  // quiet: two characters replaced where they make a word (another formulation), or a short phrase
  ['坚持和完善中国特色社会主义制度', []],
  ['中国特色社会主义进入新阶段', []],
  ['统筹推进“五位一体”总体规划', []],
];

describe('rule canon', () => {
  it('has at least 15 flagged and 15 quiet cases', () => {
    assert.ok(CASES.filter((c) => c[1].length > 0).length >= 15);
    assert.ok(CASES.filter((c) => c[1].length === 0).length >= 15);
  });
  for (const [sentence, expected] of CASES) {
    it(`${expected.length ? 'flags' : 'leaves'} 「${sentence}」`, () => {
      assert.deepEqual(flagged(sentence, 'canon', { date: D }), expected);
    });
  }

  it('names the canonical text and the edit in the message', () => {
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === 'canon' ? 'warning' : 'off']));
    const [f] = core.check('发展全过程人民明主', { rules, date: D });
    assert.match(f.message, /全过程人民民主/);
    assert.match(f.message, /“明”应为“民”/);
    const [particle] = core.check('坚持以人民为中心发展思想', { rules, date: D });
    assert.equal(particle.severity, 'info');
  });

  it('keeps the writer’s quotation marks in the suggestion', () => {
    assert.deepEqual(flagged('统筹推进“五位一体”总布局', 'canon', { date: D }), [
      ['统筹推进“五位一体”总布局', '统筹推进“五位一体”总体布局'],
    ]);
  });
});

describe('canon table', () => {
  const rows = fs
    .readFileSync(path.join(__dirname, '..', 'server', 'data', 'canon.tsv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const strip = (s) => s.replace(/[“”‘’"'「」『』\s]/gu, '');

  it('has 40+ well-formed, distinct phrases whose listed mistakes differ from them', () => {
    assert.ok(rows.length >= 40, `${rows.length} phrases`);
    const seen = new Set();
    for (const [phrase, , wrongs = '', allowed = ''] of rows) {
      assert.ok(phrase && phrase.trim() === phrase, `empty or padded phrase ${JSON.stringify(phrase)}`);
      assert.ok(!seen.has(strip(phrase)), `duplicate phrase ${phrase}`);
      seen.add(strip(phrase));
      for (const item of wrongs.split(' | ').filter(Boolean)) {
        const [wrong, right = phrase] = item.split('=>');
        assert.notEqual(strip(wrong), strip(right), `mistake equals its fix: ${item}`);
        assert.ok(strip(phrase).includes(strip(right)), `fix ${right} is not part of ${phrase}`);
      }
      for (const a of allowed.split(' | ').filter(Boolean)) assert.notEqual(strip(a), strip(phrase), `allowed variant equals ${phrase}`);
    }
  });

  it('never flags a canonical phrase, alone or in a sentence', () => {
    for (const [phrase] of rows) {
      assert.deepEqual(flagged(phrase, 'canon', { date: D }), [], phrase);
      assert.deepEqual(flagged(`我们要坚持${phrase}，`, 'canon', { date: D }), [], phrase);
    }
    assert.deepEqual(flagged(rows.map((r) => r[0]).join('；'), 'canon', { date: D }), []);
  });

  it('flags every listed mistake with its fix', () => {
    for (const [phrase, , wrongs = ''] of rows) {
      for (const item of wrongs.split(' | ').filter(Boolean)) {
        const [wrong, right = phrase] = item.split('=>');
        // Written without quotation marks, the mistake gets the fix without them too.
        assert.deepEqual(flagged(`要${strip(wrong)}。`, 'canon', { date: D }), [[strip(wrong), strip(right)]], item);
      }
    }
  });
});
