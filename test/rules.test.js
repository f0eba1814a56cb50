// Table-driven tests of each rule: what must be flagged (with its fix) beside what must stay quiet.
'use strict';
const assert = require('node:assert/strict');
const { flagged } = require('./helpers');

/**
 * Each table: [sentence, expected] where expected lists [flagged text, first suggestion]
 * (undefined when the rule offers no fix); [] means the sentence must stay quiet.
 */
const TABLES = {
  typo: [
    ['加强九洲江流域治理', []],
    ['把他做为学习的榜样。', [['做为', '作为']]],
    ['多做为民服务的实事，多做为群众排忧解难的工作。', []],
    ['神州大地九洲同庆', [['九洲', '九州']]],
    ['这是本届常委会依法履职的关健一年。', [['关健', '关键']]],
    [
      '对份内的事要做好沟通，对份外的事要及时提醒。',
      [
        ['份内', '分内'],
        ['份外', '分外'],
      ],
    ],
    ['会议对下一阶段工作作出布署。', [['布署', '部署']]],
    [
      '要再接再励，一如继往地抓好落实。',
      [
        ['再接再励', '再接再厉'],
        ['一如继往', '一如既往'],
      ],
    ],
    ['各单位要按排专人负责。', [['按排', '安排']]],
    // quiet: legitimate superstrings and correct spellings
    ['要关注群众的相关健康问题。', []],
    ['各地按排名先后依次发言。', []],
    ['年份内完成，省份内统筹，月份内通报。', []],
    ['大会报告已印发，请按时会报名。', []],
    ['这是关键一年，要做好分内的事。', []],
    ['既使群众满意，又使企业受益。', []],
  ],
  'punct-dup': [
    ['市委印发了《意见》，，将进一步完善工作思路。', [['，，', '，']]],
    ['任务已经完成。。下一步要巩固成果。', [['。。', '。']]],
    ['政治、、经济和文化', [['、、', '、']]],
    ['要抓好落实；；确保见效。', [['；；', '；']]],
    ['工作完成。，下一步', [['。，', '。']]],
    ['工作完成.。。下一步', [['.。。', '。']]],
    ['备注:.(关健', [[':.', '：']]],
    ['这是为什么？，我们要反思。', [['？，', '？']]],
    [
      '认真学习《《条例》》。',
      [
        ['《《', '《'],
        ['》》', '》'],
      ],
    ],
    ['认真学习《条例》》。', [['》》', '》']]],
    ['落实，,再落实', [['，,', '，']]],
    // quiet
    ['时间不等人……我们要抓紧。', []],
    ['code a:.(b', []],
    ['这难道不是我们的责任吗？！', []],
    ['这是真的吗？？？', []],
    ['改革——这是关键一招。', []],
    ['他说：“同志们，要抓紧。”', []],
    ['等等。。。', []],
    ['学习《关于印发〈办法〉的通知》。', []],
  ],
  'punct-width': [
    [
      '加强领导,狠抓落实.',
      [
        [',', '，'],
        ['.', '。'],
      ],
    ],
    ['推进高质量发展迈出坚实步伐, 建设幸福美好新城市', [[', ', '，']]],
    ['注意:本通知自印发之日起施行', [[':', '：']]],
    [
      'X光).',
      [
        [')', '）'],
        ['.', '。'],
      ],
    ],
    [
      '好. !',
      [
        ['.', '。'],
        ['!', '！'],
      ],
    ],
    [
      '这是为什么?我们要反思!',
      [
        ['?', '？'],
        ['!', '！'],
      ],
    ],
    [
      '审议《条例(草案)》',
      [
        ['(', '（'],
        [')', '）'],
      ],
    ],
    [
      '(一)加强组织领导',
      [
        ['(', '（'],
        [')', '）'],
      ],
    ],
    [
      '要坚持"两个毫不动摇"的方针',
      [
        ['"', '“'],
        ['"', '”'],
      ],
    ],
    ['发言顺序;分组讨论', [[';', '；']]],
    // quiet: numbers, times, dates, URLs, e-mail, Latin text, heading numbers
    ['全年完成3,218.5万元。', []],
    ['会议于9:30开始，2026-01-05报到。', []],
    ['详见https://www.example.gov.cn/a,b.html网站。', []],
    ['请发送至office@example.gov.cn邮箱。', []],
    ['引用原文“Hello, world.”一句。', []],
    ['1.加强组织领导', []],
    ['GDP增长5.2%。', []],
    ['函数f(x)的取值', []],
    ['见 f(x). Then', []],
    // not prose: HTML entities, emoticons, commas between quoted English words
    ['他说&quot;好&quot;，然后离开。', []],
    ['中文&nbsp;排版&amp;校对', []],
    ['太好了;-)我们明天见，好的:)', []],
    ['支持多种语言（“Python”, “Java”）', []],
    // and still a half-width mark beside Chinese text
    ['他说&quot;好&quot;,然后离开', [[',', '，']]],
    ['太好了;我们明天见', [[';', '；']]],
    ['包括“甲”, “乙”', [[', ', '，']]],
  ],
  placeholder: [
    ['确保X届人大三次会议圆满成功', [['X', undefined]]],
    ['市第XX次党代会', [['XX', undefined]]],
    [
      'XX、XX、XX同志作了发言',
      [
        ['XX', undefined],
        ['XX', undefined],
        ['XX', undefined],
      ],
    ],
    ['××市人民政府', [['××', undefined]]],
    ['○○局负责', [['○○', undefined]]],
    ['督办议案建议1X多件', [['1X', undefined]]],
    ['××××年××月××日', [['××××年××月××日', undefined]]],
    ['请于____前报送', [['____', undefined]]],
    ['使X真正成为区域中心城市', [['X', undefined]]],
    ['第x次会议', [['x', undefined]]],
    // quiet
    ['配备X光机和X射线探测设备', []],
    ['推进5G网络和PM2.5治理', []],
    ['二〇二六年一月五日', []],
    ['面积为3×4米', []],
    ['学习SpaceX公司的经验', []],
    ['□同意 □不同意', []],
    ['Windows XP系统', []],
    // names written with a sign, a platform named X, a name kept out of someone's quoted words
    ['开展“数据要素×”行动和“人工智能+”行动', []],
    ['实施“双尖双领+X”项目，推行“1+X”证书制度', []],
    ['打造“415X”先进制造业集群', []],
    ['他在社交平台X上发文', []],
    // the multiplication sign in a formula
    ['应纳税额＝销售额×税率', []],
    ['应缴纳金额＝矿产品销售收入×补偿费费率×开采回采率', []],
    ['直接影响范围五万（用户×小时）以上的', []],
    ['日工资收入＝（当年已过日历天数÷365天）×职工本人全年应当享受的年休假天数', []],
    ['建设×市高质量发展示范区', [['×', undefined]]],
    [
      '全市共有×人参加，×人获奖',
      [
        ['×', undefined],
        ['×', undefined],
      ],
    ],
    [
      '在市第×届人大×次会议上',
      [
        ['×', undefined],
        ['×', undefined],
      ],
    ],
    ['一名工人说：“XX公司拖欠我们三个月工资。”', []],
    // still placeholders: a × pair, a lone X before a closing quote with no figures, X after figures with a unit
    ['建设“××”品牌', [['××', undefined]]],
    ['推进“建设XXXX现代化城市”目标', [['XXXX', undefined]]],
    ['完成“3X”项任务', [['3X', undefined]]],
    ['要求XX公司限期整改', [['XX', undefined]]],
    [
      'X书记强调：“XX公司要带头整改。”',
      [
        ['X', undefined],
        ['XX', undefined],
      ],
    ],
    ['他在XX平台X上发文', [['XX', undefined]]],
  ],
  'dup-word': [
    ['大力发展发展教育事业', [['发展发展', '发展']]],
    ['我们我们要加强学习', [['我们我们', '我们']]],
    ['这是我们的的责任', [['的的', '的']]],
    ['被评为“一等等次”单位', [['一等等次', '一等次']]],
    ['要在在工作中体现', [['在在', '在']]],
    // quiet: rhetorical and grammatical reduplication
    ['做到认真认真再认真，过细过细再过细，落实落实再落实', []],
    ['这个问题我们再研究研究', []],
    ['扎扎实实、的的确确、家家户户、实实在在', []],
    ['交通、水利等等', []],
    ['实现目的的手段', []],
    ['为了了解情况', []],
    ['一个一个地解决', []],
    ['同事同事，就是协同干事', []],
    ['工作作风不断改进', []],
    ['不了了之的问题', []],
  ],
  residue: [
    ['预览阅读已结束,若您需要全文或代笔。', [['预览阅读已结束,若您需要全文或代笔。', '']]],
    ['请点击👉 mooonya 👈联系老师', [['请点击👉 mooonya 👈联系老师', '']]],
    ['本文档下载后可编辑', [['本文档下载后可编辑', '']]],
    ['扫码联系，加微信获取', [['扫码联系，加微信获取', '']]],
    // a mark whose partner is on another line stays out of the deletion, or the fix is left to the writer
    ['预览阅读已结束“\n发展”', [['预览阅读已结束', '']]],
    ['（预览阅读已结束）', [['（预览阅读已结束）', '']]],
    ['〈办法\n关健〉预览阅读已结束', [['关健〉预览阅读已结束', undefined]]],
    // quiet
    ['群众可扫码联系网格员反映问题。', []],
    ['严禁请人代笔撰写述职报告。', []],
    ['要加强百度百科等网络知识平台的管理。', []],
  ],
};

for (const [rule, cases] of Object.entries(TABLES)) {
  describe(`rule ${rule}`, () => {
    it('has both flagged and quiet cases', () => {
      assert.ok(
        cases.some(([, e]) => e.length > 0),
        'no flagged case',
      );
      assert.ok(
        cases.some(([, e]) => e.length === 0),
        'no quiet case',
      );
    });
    for (const [sentence, expected] of cases) {
      const what = expected.length === 0 ? 'stays quiet on' : 'flags';
      it(`${what} 「${sentence}」`, () => {
        assert.deepEqual(flagged(sentence, rule), expected);
      });
    }
  });
}

describe('rule typo and the date of the variant-form table', () => {
  const text = '接入网络可以是多级联接的网络。';
  it('flags a non-recommended form in a document dated after 2002-03-31', () =>
    assert.deepEqual(flagged(text, 'typo', { date: '2002-03-31' }), [['联接', '连接']]));
  it('stays quiet on it in a document dated before the table took effect', () =>
    assert.deepEqual(flagged(text, 'typo', { date: '1998-02-13' }), []));
  it('leaves 帐 for 账 alone in a document dated before 2005, flags it after', () => {
    assert.deepEqual(flagged('个人用户是指具有联网帐号的个人。', 'typo', { date: '1998-02-13' }), []);
    assert.deepEqual(flagged('个人用户是指具有联网帐号的个人。', 'typo', { date: '2018-12-29' }), [['帐号', '账号']]);
  });
  it('still flags a plain typo in an old document', () =>
    assert.deepEqual(flagged('这是关健一年。', 'typo', { date: '1998-02-13' }), [['关健', '关键']]));
});

describe('Markdown that is not prose', () => {
  const md = { format: 'markdown' };
  for (const [title, text, rule, expected] of [
    ['a code span', '运行`a,b;c`命令即可', 'punct-width', []],
    ['fenced code', '说明如下：\n```\n中文,测试;\n```\n完毕。', 'punct-width', []],
    ['a definition-list marker', '术语\n: 定义说明。', 'punct-width', []],
    ['a colon opening a line after a blank line is text', '术语\n\n: 定义说明。', 'punct-width', [[': ', '：']]],
    ['an HTML entity before a full stop', '他说&quot;好&quot;。', 'punct-dup', []],
    ['a half-width comma outside a code span', '运行`a,b`命令,即可', 'punct-width', [[',', '，']]],
  ]) {
    it(`${expected.length ? 'flags' : 'stays quiet on'} ${title}`, () => assert.deepEqual(flagged(text, rule, md), expected));
  }
});

describe('rule residue in a long paragraph', () => {
  it('flags only the sentence holding the residue', () => {
    const long = '要全面加强机关作风建设，推动各项工作落地见效。'.repeat(6) + '预览阅读已结束，请下载后查看。' + '要持续深化改革。';
    const found = flagged(long, 'residue');
    assert.deepEqual(found, [['预览阅读已结束，请下载后查看。', '']]);
  });
});

describe('rule residue on a line of its own', () => {
  const { core } = require('./helpers');
  const fix = (text) => {
    const findings = core.check(text, { rules: { residue: 'error' } }).filter((f) => f.rule === 'residue');
    return { spans: findings.map((f) => text.slice(f.offset, f.offset + f.length)), fixed: core.applyFixes(text, findings).text };
  };

  it('takes the line break with the line, so no empty line is left behind', () => {
    assert.deepEqual(fix('谢谢大家的贡献！\n预览阅读已结束\n'), { spans: ['预览阅读已结束\n'], fixed: '谢谢大家的贡献！\n' });
    assert.deepEqual(fix('谢谢！\r\n　　预览阅读已结束  \r\n下一段。'), {
      spans: ['　　预览阅读已结束  \r\n'],
      fixed: '谢谢！\r\n下一段。',
    });
    assert.deepEqual(fix('谢谢！\r预览阅读已结束\r下一段。'), { spans: ['预览阅读已结束\r'], fixed: '谢谢！\r下一段。' });
  });

  it('keeps an empty line that was there before the residue line', () => {
    assert.deepEqual(fix('谢谢！\n\n预览阅读已结束\n下一段。').fixed, '谢谢！\n\n下一段。');
  });

  it('leaves the line break of the last line, which belongs to the line above', () => {
    assert.deepEqual(fix('谢谢！\n预览阅读已结束'), { spans: ['预览阅读已结束'], fixed: '谢谢！\n' });
  });

  it('keeps the line and its break when the line holds more than the residue', () => {
    // A quotation mark opened on the line above stays (it pairs outside the span), and so does the line.
    assert.deepEqual(fix('他说：“\n预览阅读已结束”\n下一段。'), { spans: ['预览阅读已结束'], fixed: '他说：“\n”\n下一段。' });
    // In a long paragraph only the sentence goes.
    const long = '要全面加强机关作风建设，推动各项工作落地见效。'.repeat(6) + '预览阅读已结束，请下载后查看。\n下一段。';
    assert.equal(fix(long).fixed, '要全面加强机关作风建设，推动各项工作落地见效。'.repeat(6) + '\n下一段。');
  });

  it('widens only deletions: a residue line without a one-click fix keeps its own span', () => {
    // 〈 opened on the line above and closed in the residue line: no fix, the writer decides.
    const text = '〈（三）\n关健〉预览阅读已结束\n下一段。';
    const found = core.check(text, { rules: { residue: 'error' } }).filter((f) => f.rule === 'residue');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].suggestions, []);
    assert.ok(!text.slice(found[0].offset, found[0].offset + found[0].length).includes('\n'));
  });
});
