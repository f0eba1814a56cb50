// 的/地/得 (de), 语境用词 (word-choice) and 文风 (style): what must be flagged, with the fix, beside what must stay quiet.
'use strict';
const assert = require('node:assert/strict');
const { core, flagged, RULE_IDS } = require('./helpers');

const TABLES = {
  de: [
    ['这项工作做的很好。', [['做的', '做得']]],
    ['个别单位落实的不到位，', [['落实的', '落实得']]],
    ['他讲的非常好。', [['讲的', '讲得']]],
    ['今年工作干的很实在。', [['干的', '干得']]],
    ['这项工作做的很多。', [['做的', '做得']]],
    ['全县取的了明显成效', [['取的', '取得']]],
    ['这些做法值的学习借鉴', [['值的', '值得']]],
    ['这个问题显的很重要', [['显的', '显得']]],
    ['大家都觉的很有道理', [['觉的', '觉得']]],
    ['新机制使的工作更加顺畅', [['使的', '使得']]],
    ['我们要坚定不移的推进高质量发展', [['坚定不移的', '坚定不移地']]],
    ['要扎实的推进各项工作', [['扎实的', '扎实地']]],
    ['有效的解决了群众反映的问题', [['有效的', '有效地']]],
    ['他说"做的很好"', [['做的', '做得']]],
    // quiet
    ['坚定不移的决心', []],
    ['我们做的工作还不够', []],
    ['采取的措施很有力', []],
    ['我们做的很多工作', []],
    ['取得的成效来之不易', []],
    ['这个数值的大小', []],
    ['积极的推动作用', []],
    ['发挥卓有成效的作用', []],
    ['实施严格的督查考核', []],
    ['认真的态度', []],
    ['明显的变化', []],
    ['自觉的行动', []],
    ['行使的权力', []],
    ['价值的体现', []],
    ['他的很好。', []],
    // 的 after a phrase that is the subject or object: the 的-phrase is a noun phrase
    ['对敲诈勒索的发生存在过错', []],
    ['以只争朝夕的干劲和奋斗意志', []],
    ['实行更加积极主动的开放战略，', []],
    ['构建协同高效的应急指挥体系', []],
    ['维持该专利权有效的决定。', []],
    ['申请人提供充分、有效的担保，请求解除保全', []],
    ['不得有滥用职权、徇私舞弊的行为', []],
    ['根据当时有效的执行依据', []],
    // and still 地 where the verb goes on
    ['要坚定不移的推进改革', [['坚定不移的', '坚定不移地']]],
    ['扎实有效的开展工作', [['有效的', '有效地']]],
  ],
  style: [
    ['代表团凯旋而归', [['凯旋而归', '凯旋']]],
    ['此事涉及到多个部门', [['涉及到', '涉及']]],
    ['会上再次重申了纪律要求', [['再次重申', '重申']]],
    ['各位领导们：', [['各位领导们', '各位领导']]],
    ['截至到目前', [['截至到', '截至']]],
    ['双方共同携手推进', [['共同携手', '携手']]],
    // quiet
    ['截至2025年底，全县完成投资', []],
    ['各位领导、各位代表：', []],
    ['涉及多个部门', []],
    // word choice is not style's
    ['截止目前，已完成', []],
    ['及时向上级反应情况', []],
  ],
  'word-choice': [
    ['截止2025年12月底，全县完成投资', [['截止', '截至']]],
    ['截止目前，已完成', [['截止', '截至']]],
    ['截止到目前', [['截止到', '截至']]],
    ['防止类似事件不再发生', [['防止类似事件不再发生', '防止类似事件再次发生']]],
    ['及时向上级反应情况', [['反应', '反映']]],
    ['如实反应问题', [['反应', '反映']]],
    ['群众反应的问题要及时解决', [['反应', '反映']]],
    ['着力解决群众反应强烈的突出问题', [['反应', '反映']]],
    ['及时反应群众诉求', [['反应', '反映']]],
    ['调研报告集中反应了基层的困难', [['反应', '反映']]],
    ['这些数据真实反应了经济运行情况', [['反应', '反映']]],
    ['把问题反应给有关部门', [['反应', '反映']]],
    ['有困难要向组织反应。', [['反应', '反映']]],
    ['国务院做出决定', [['做出', '作出']]],
    ['党中央做出重大部署', [['做出', '作出']]],
    ['本办法自印发之日起实行', [['实行', '施行']]],
    // quiet: 反应 as a response, 作出/做出 where the norm is not clear, 截止 as a deadline, 实行 of a policy
    ['应急处置快速反应', []],
    ['身体出现不良反应', []],
    ['消息传开，群众反应强烈。', []],
    ['群众反应热烈', []],
    ['发生化学反应', []],
    ['反应迅速，处置得当', []],
    ['建立药品不良反应情况报告制度', []],
    ['及时向上级反映情况', []],
    ['为发展做出了贡献', []],
    ['报送材料的截止日期为3月1日', []],
    ['申报于3月31日截止', []],
    ['新的工资标准自2026年1月1日起实行', []],
    ['本办法自印发之日起施行', []],
    ['防止类似事件再次发生', []],
  ],
};

for (const [rule, cases] of Object.entries(TABLES)) {
  describe(`rule ${rule}`, () => {
    for (const [sentence, expected] of cases) {
      it(`${expected.length ? 'flags' : 'stays quiet on'} 「${sentence}」`, () => assert.deepEqual(flagged(sentence, rule), expected));
    }
  });
}

describe('gentler findings', () => {
  it('report 地 one severity step below the rule, 得 at the rule’s severity', () => {
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === 'de' ? 'warning' : 'off']));
    const text = '要坚定不移的推进各项改革，工作做的很好。';
    assert.deepEqual(
      core.check(text, { rules }).map((f) => f.severity),
      ['info', 'warning'],
    );
    rules.de = 'hint';
    assert.deepEqual(
      core.check(text, { rules }).map((f) => f.severity),
      ['hint', 'hint'],
    );
  });

  it('style is a hint by default', () => {
    assert.equal(core.check('此事涉及到多个部门').find((f) => f.rule === 'style').severity, 'hint');
  });

  it('word-choice is a warning by default, 做出→作出 (a convention) one step below', () => {
    const found = core.check('及时向上级反应情况。国务院做出决定。');
    assert.deepEqual(
      found.filter((f) => f.rule === 'word-choice').map((f) => f.severity),
      ['warning', 'info'],
    );
  });
});

for (const table of ['style', 'word-choice'])
  describe(`${table} table`, () => {
    it('gives every entry a key that its examples contain', () => {
      const fs = require('node:fs');
      const path = require('node:path');
      const rows = fs
        .readFileSync(path.join(__dirname, '..', 'server', 'data', `${table}.tsv`), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => l.split('\t'));
      for (const [pattern, , , key] of rows) {
        assert.ok(key, `no key for ${pattern}`);
        assert.ok(new RegExp(pattern, 'u').source.includes(key) || pattern.includes(key), `key 「${key}」 does not appear in ${pattern}`);
      }
    });
  });

describe('de asks the tagger only when a pattern can match', () => {
  /** The product's segmenter, counting the tagging calls. */
  function countingChecker() {
    const calls = { tag: 0 };
    const base = core.nodejiebaSegmenter;
    const segmenter = { cut: (t) => base.cut(t), tag: (t) => (calls.tag++, base.tag(t)), idioms: () => base.idioms() };
    const only = Object.fromEntries(RULE_IDS.map((id) => [id, id === 'de' ? 'warning' : 'off']));
    const checker = new core.Checker({ segmenter, cacheSize: 0 });
    return { calls, check: (text) => checker.check(text, { rules: only }) };
  }

  it('knows the dictionary idioms the build wrote beside the trimmed dictionary', () => {
    const index = core.nodejiebaSegmenter.idioms();
    assert.ok(index, 'dist/jieba.idioms.utf8 is missing');
    const list = index.get('移'.charCodeAt(0)) ?? [];
    assert.ok(list.includes('坚定不移'));
  });

  it('does not tag a 的 with no idiom, manner word, degree word or complement around it', () => {
    const { calls, check } = countingChecker();
    // Without the idiom list both 的 here would be tagged: a word straddles the second character before each.
    assert.deepEqual(check('请各单位制定有针对性的措施，并把调整后的方案报送办公室。'), []);
    assert.equal(calls.tag, 0);
  });

  it('still tags after an idiom, and flags 「坚定不移的推进」', () => {
    const { calls, check } = countingChecker();
    const findings = check('我们要坚定不移的推进高质量发展');
    assert.equal(calls.tag, 1);
    assert.deepEqual(
      findings.map((f) => f.suggestions[0]),
      ['坚定不移地'],
    );
  });
});
