// typo-context: homophone and look-alike slips that the curated typo list does not name.
// Every sentence here was written for these tests (none comes from the ODW development data).
'use strict';
const assert = require('node:assert/strict');
const fc = require('fast-check');
const { core, RULE_IDS, flagged } = require('./helpers');

const RULE = 'typo-context';

// [sentence, flagged character, expected first suggestion]
const SHOULD_FLAG = [
  ['各部门要认真研究制定总休方案。', '休', '体'],
  ['坚持持旭推进重点工作落实。', '旭', '续'],
  ['加快完善城乡基础设施建射。', '射', '设'],
  ['进一步加强干部队伍建设，提高工作效绿。', '绿', '率'],
  ['各单位要高度重视，认真祖织实施。', '祖', '组'],
  ['加强对重点领域的监督检擦。', '擦', '察'],
  // 「服务水平」 reads as published law does: that backs the correction.
  ['全面提升政务服务水瓶。', '瓶', '平'],
  ['要进一步优化营商环竟。', '竟', '境'],
  ['推进乡村振兴战略全面实失。', '失', '施'],
  ['加快构建现代化产业体细。', '细', '系'],
  ['严格落实党风廉政建设责任制，加强监督管里。', '里', '理'],
  ['不断完善社会保障体系，扩大参保复盖面。', '复', '覆'],
  ['着力提升基层治理能力和水平，维护社会稳订。', '订', '定'],
  ['深入开展调查研就，掌握第一手资料。', '就', '究'],
  ['加强环境保户，推进生态文明建设。', '户', '护'],
  // Quotations and four-character clauses are read like any other text; only verse and quoted
  // classical text are left alone.
  ['会议强调，“要坚持持旭推进重点工作落实”。', '旭', '续'],
  ['落实责任，持旭推进。', '旭', '续'],
  // A slip next to a protected term is still a slip.
  ['市工信局和市商务局要加强统筹协条。', '条', '调'],
  // A slip inside an organisation's name is still a slip.
  ['市财正局、县教育局负责。', '正', '政'],
  ['县自然姿源局牵头。', '姿', '资'],
  // Look-alikes of look-alikes (through a shared part: 联, 目, 甫), tried for rare characters.
  ['各单位要按照朕责分工抓好落实。', '朕', '职'],
  ['进一步加强对资金使用的监瞥。', '瞥', '督'],
  ['配备专职匍导员。', '匍', '辅'],
  // A place name across a word boundary is no protection: 全民|建身 holds 民建 (a township).
  ['深入开展全民建身运动。', '建', '健'],
  // One wrong character of two: the one-character correction (职责), not a two-character word of the
  // same sound over both (职债→指责).
  ['各部门要按照职债分工抓好落实。', '债', '责'],
];

// Two adjacent slips that make one word of the same sound: one finding over both characters, where
// the corrected text reads as published law does (a four-character sequence of the laws).
const PAIR_FLAG = [
  ['依法保护投资者的核发权益。', '核发', '合法'],
  ['加强生态环境包户工作。', '包户', '保护'],
  ['依法维护劳动者的合法全意。', '全意', '权益'],
  ['加强对食品安全的监督观礼。', '观礼', '管理'],
  ['社会信用题细建设取得新进展。', '题细', '体系'],
  ['县级以上人民政府应当加强对按泉生产工作的领导。', '按泉', '安全'],
];

// Right words, names and coinages that a two-character swap of the same sound would hit
// (市场/时长, 统计/同济, 质检/指尖, 制度/之都, 不断/补短, 合法/何发, 保存/包村…): quiet.
const PAIR_QUIET = [
  '维护公平竞争的市场秩序。',
  '全市统计系统召开工作会议。',
  '全面加强统计数据质量管理。',
  '要加强质检工作。',
  '延长政务服务大厅的服务时长。',
  '时常检查设备运行情况。',
  '让群众在指尖上办成事。',
  '记者在同济路采访了几位市民。',
  '同济大学与市政府签署合作协议。',
  '打造国际消费之都。',
  '推动产业补短锻长。',
  '会议由县委书记何发主持。',
  // The second character ends a place or unit name: 「包村」 is no slip for 保存.
  '县里选派一批干部担任包村工作队队员。',
  // Attested language is never changed two characters at a time: 驻豫 after all.
  '向驻豫部队官兵致以节日问候。',
];

// Slips whose evidence falls short of the default margin (9): a writer who lowers the margin to 7
// sees them, at the price of more false alarms on published text (docs/typo-context.md).
const BELOW_DEFAULT_MARGIN = [
  ['我市积极培育发展大数局产业。', '局', '据'],
  ['着力解决群众急难愁盼问提。', '提', '题'],
];

// Attested language, names and coinages: quiet. (Several come from the false alarms the issue lists;
// none is taken from the development documents' text.)
const ATTESTED_QUIET = [
  // Places and the provinces' one-character abbreviations (administrative division data).
  '驻疆部队官兵与各族群众共度新春。',
  '选派一批援藏干部赴西藏工作。',
  '坚决反对以疆制华的图谋。',
  '加强陇、津两地的协作。',
  '推动川渝地区经济圈建设。',
  '积极谋划郑许一体化和石衡沧港城建设。',
  '深入实施冀货出海行动，吸引更多客商入豫。',
  '忻州市、吕梁市、晋中市负责同志参加会议。',
  '盛乐国际机场正式通航。',
  '参观了大汶口文化遗址。',
  // Sequences attested in published laws.
  '经设区的市级以上人民政府批准，可以设立分支机构。',
  '对违法者可以处终身市场禁入。',
  // Organisations and companies, people with their titles.
  '中信建投证券股份有限公司',
  '赣锋锂业完成新一轮融资。',
  '李志辉同志任县委副书记。',
  '市委书记张卫东主持会议。',
  // Current coinages and named initiatives in quotation marks.
  '推动外贸外资扩量提质。',
  '当前供强需弱的矛盾依然突出。',
  '不断提高产品的含新量、含绿量。',
  '打造湘潭半导体智造基地。',
  '打造“浙里办”政务服务品牌。',
  // The right forms of the four real-word slips below.
  '群众可以向有关部门反映情况。',
  '作为一名党员，要带头遵守纪律。',
  '进一步完善发展机制。',
  '扎实推动共同富裕。',
  // The same rare characters where they belong.
  '他匆匆瞥了一眼会议材料。',
  '朕即国家的观念早已过时。',
];

// Real-word slips — the written form is a word, wrong only here. The trigram model prefers the right
// form, but by too little to flag on its own; the deterministic rules name these, and typo-context
// gives way to them on the same characters. [sentence, wrong form, the rule that reports it]
const REAL_WORD = [
  ['群众可以向有关部门反应情况。', '反应', 'word-choice'],
  ['做为一名党员，要带头遵守纪律。', '做为', 'typo'],
  ['要进一步完善发展机智。', '发展机智', 'typo'],
  ['扎实推动共同富余。', '共同富余', 'typo'],
];

const SHOULD_STAY_QUIET = [
  // Correct everyday 公文 sentences.
  '全力做好防汛救灾工作，确保人民群众生命财产安全。',
  '会议传达学习了上级文件精神，并对下一步工作作出部署。',
  '切实加强组织领导，确保各项措施落到实处。',
  '各级领导干部要带头讲政治、顾大局、守规矩。',
  '推动教育、科技、人才一体化发展。',
  '本条例自发布之日起施行。',
  // Names of people and places.
  '张建国同志任县委常委、组织部部长。',
  '刘晓燕同志任市教育局副局长。',
  '会议由县委书记李明主持。',
  '县政协主席章立安出席会议。',
  '周立严　县财政局副局长',
  '青山镇下畈村党支部书记王春生介绍了经验。',
  // Abbreviated names of bureaus and departments: their last character is not a slip for a word
  // it would make with the characters before it (政数局→数据) where the name ends the phrase…
  '县政数局牵头，县财政局配合。',
  '县政数局、县医保局联合开展专项检查。',
  // …and stray characters before 科/站/所/室/队 are a unit's name.
  '医院专诊科、放射科延长服务时间。',
  // Abbreviated bureau names from the terms table; no replacement's word reaches into one (市卫→侍卫, 市工→施工).
  '市卫健委、市发改委、市住建局、市人社局负责。',
  '县民宗局、县侨办配合。',
  '市工信局、市商务局牵头。',
  // Verse (clauses of five or seven characters) and classical text quoted after a title or 古人云….
  '千淘万漉虽辛苦，吹尽狂沙始到金。',
  '沉舟侧畔千帆过，病树前头万木春。',
  '我们要发扬“千磨万击还坚劲，任尔东西南北风”的精神。',
  '苏轼在《晁错论》中说：“古之立大事者，不惟有超世之才，亦必有坚忍不拔之志。”',
  // Numbers and dates.
  '2026年全县完成固定资产投资125.6亿元，同比增长8.3%。',
  '第一季度全市新增市场主体三千二百户。',
  '二〇二六年一月五日',
  '全市共有家庭农场一千二百余家。',
  // Rare but correct words and current terms jieba's dictionary lacks.
  '他讲话时引用了“臻于至善”四个字。',
  '要坚持学思践悟，知行合一。',
  '深化“放管服”改革，持续优化营商环境。',
  '各地要因城施策，促进房地产市场平稳健康发展。',
  '认真做好疫情防控常态化工作。',
  '鼓励企业开展技术攻关，突破一批“卡脖子”技术。',
  '要坚持一步步推进，一件件落实。',
  // Contexts of curated typo pairs: the `typo` rule reports these, typo-context stays out.
  '这项工作关健在于落实。',
  '各单位要再接再励，圆满完成全年任务。',
];

describe('typo-context', () => {
  for (const [text, ch, suggestion] of SHOULD_FLAG) {
    it(`flags 「${ch}」→「${suggestion}」 in ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), [[ch, suggestion]]);
    });
  }

  for (const text of SHOULD_STAY_QUIET) {
    it(`stays quiet on ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), []);
    });
  }

  for (const [text, wrong, right] of PAIR_FLAG) {
    it(`flags the two characters 「${wrong}」→「${right}」 in ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), [[wrong, right]]);
      const [f] = core.check(text, { rules: Object.fromEntries(RULE_IDS.map((id) => [id, id === RULE ? 'info' : 'off'])) });
      assert.match(f.message, new RegExp(`「${wrong}」可能应为「${right}」（音同`));
      assert.deepEqual(f.suggestions, [right]);
    });
  }

  for (const text of PAIR_QUIET) {
    it(`stays quiet on words a two-character swap would hit: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), []);
    });
  }

  for (const [text, ch, suggestion] of BELOW_DEFAULT_MARGIN) {
    it(`leaves 「${ch}」 in ${text} below the default margin, flags it →「${suggestion}」 at margin 7`, () => {
      assert.deepEqual(flagged(text, RULE), []);
      assert.deepEqual(flagged(text, RULE, { typoContextMargin: 7 }), [[ch, suggestion]]);
    });
  }

  for (const text of ATTESTED_QUIET) {
    it(`stays quiet on attested language: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), []);
    });
  }

  for (const [text, wrong, rule] of REAL_WORD) {
    it(`leaves the real-word slip 「${wrong}」 to ${rule}: ${text}`, () => {
      const found = core.check(text, {});
      const at = text.indexOf(wrong);
      assert.ok(
        found.some((f) => f.rule === rule && f.offset <= at && f.offset + f.length >= at + wrong.length),
        JSON.stringify(found),
      );
      assert.ok(!found.some((f) => f.rule === RULE && f.offset < at + wrong.length && f.offset + f.length > at));
    });
  }

  it('gives way to a deterministic rule on the same characters, even where it would flag them', () => {
    // At margin 0 typo-context guesses at almost everything; none of its guesses may overlap the
    // typo rule's 关健 or the word-choice rule's 反应.
    const text = '这项工作关健在于落实，有问题要向有关部门反应情况。';
    const found = core.check(text, { typoContextMargin: 0 });
    const firm = found.filter((f) => f.rule === 'typo' || f.rule === 'word-choice');
    assert.equal(firm.length, 2);
    const guesses = found.filter((f) => f.rule === RULE);
    assert.ok(guesses.length > 0);
    for (const g of guesses)
      for (const f of firm)
        assert.ok(g.offset + g.length <= f.offset || f.offset + f.length <= g.offset, `${JSON.stringify(g)} overlaps ${f.rule}`);
  });

  it('drops a guess about a word the document uses again elsewhere (a coinage, a name)', () => {
    const once = '坚持持旭推进重点工作落实。';
    assert.deepEqual(flagged(once, RULE), [['旭', '续']]);
    const twice = '坚持持旭推进重点工作落实。\n各地要持旭发力。';
    assert.deepEqual(flagged(twice, RULE), []);
    // The same for two characters replaced at once.
    assert.deepEqual(flagged('公民的核发权益受法律保护。', RULE), [['核发', '合法']]);
    assert.deepEqual(flagged('公民的核发权益受法律保护，公民的核发权益不容侵犯。', RULE), []);
  });

  it('protects short quotations (names of initiatives) but not long quoted sentences', () => {
    assert.deepEqual(flagged('推出“持旭办”服务。', RULE), []);
    assert.deepEqual(flagged('会议强调，“要坚持持旭推进重点工作落实”。', RULE), [['旭', '续']]);
  });

  // Slips cluster: a sentence that already holds a finding is looked at again with a lower margin.
  const CLUSTER = [
    // [sentence, expected [flagged, suggestion] pairs]
    [
      '加快产业转形，提高办事效律。',
      [
        ['形', '型'],
        ['律', '率'],
      ],
    ],
    // The weaker slip alone, or in another sentence, stays below the margin.
    ['各地要加快产业转形。', []],
    ['提高办事效律。要加快产业转形。', [['律', '率']]],
  ];
  for (const [text, expected] of CLUSTER) {
    it(`looks harder next to another finding: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), expected);
    });
  }

  // The cluster's second look takes in two-character replacements too (docs/typo-context.md, 第五轮):
  // in a sentence that already holds a finding, every clause is looked at again, and a same-sound
  // word over two characters whose corrected text reads as published law needs no more than the
  // lowered margin and some unigram gain; attested language around it yields to a strong one. The
  // same clause alone, or in a sentence of its own, stays quiet.
  const PAIR_CLUSTER = [
    [
      '落实各项保障错失，提高工作效绿。',
      [
        ['错失', '措施'],
        ['绿', '率'],
      ],
    ],
    [
      '规范宗教元宵办学行为，加强监督管里。',
      [
        ['元宵', '院校'],
        ['里', '理'],
      ],
    ],
    [
      '严格执行相关规定，加大宗教元宵的监督检擦力度。',
      [
        ['元宵', '院校'],
        ['擦', '查'],
      ],
    ],
    // 「尽可能简」 is a sequence of the laws: protected, but not against a replacement this strong.
    [
      '尽可能简绍审批层级，提高工作效绿。',
      [
        ['简绍', '减少'],
        ['绿', '率'],
      ],
    ],
    ['落实各项保障错失。', []],
    ['规范宗教元宵办学行为。', []],
    ['尽可能简绍审批层级。', []],
    ['提高工作效绿。落实各项保障错失。', [['绿', '率']]],
    // Right words in a sentence with a finding stay as they are (党的 is no 当地, 市场 no 时长).
    ['提高办事效绿，夯实党的执政基础。', [['绿', '率']]],
    // A structure word's character (的) is never one of the two changed (党的 is no 当地, 第六轮).
    ['提高办事效绿，夯实党的农村政策基础。', [['绿', '率']]],
    // A look-alike needs more than the lowered margin there (国企 is no 国内, 活力 no 活动, 有仓 no 有人);
    // a sound-alike does not (转形→型).
    ['提高办事效绿，包括国企、外企在内。', [['绿', '率']]],
    ['提高办事效绿，增强经济活力和创造力。', [['绿', '率']]],
    ['提高办事效绿，做到有账必核、有仓必到。', [['绿', '率']]],
    [
      '提高工作效绿，加快产业转形。',
      [
        ['绿', '率'],
        ['形', '型'],
      ],
    ],
    ['完善监督管里，统计局和市场监管局按职责分工负责。', [['里', '理']]],
  ];
  for (const [text, expected] of PAIR_CLUSTER) {
    it(`looks at two characters again next to another finding: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), expected);
    });
  }

  // Two clauses of five or seven characters are verse only without the marks of modern prose
  // (的、们、部、委、和, 发展、工作…; docs/typo-context.md, 第六轮): slips in modern clauses of equal
  // length are found, lines of classical verse quoted in speeches stay quiet.
  const EQUAL_CLAUSES_FLAG = [
    ['发展质量再提升，营商环竟再优化。', '竟', '境'],
    ['干部作风再转变，工作效绿再提高。', '绿', '率'],
  ];
  for (const [text, ch, suggestion] of EQUAL_CLAUSES_FLAG) {
    it(`takes clauses of modern prose of equal length for no verse: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), [[ch, suggestion]]);
    });
  }
  const VERSE_QUIET = [
    '长风破浪会有时，直挂云帆济沧海。',
    '苟利国家生死以，岂因祸福避趋之。',
    '不畏浮云遮望眼，自缘身在最高层。',
    '了却君王天下事，赢得生前身后名。',
    '雄关漫道真如铁，而今迈步从头越。',
    '纸上得来终觉浅，绝知此事要躬行。',
    '问渠那得清如许，为有源头活水来。',
    '咬定青山不放松，立根原在破岩中。',
    '衙斋卧听萧萧竹，疑是民间疾苦声。些小吾曹州县吏，一枝一叶总关情。',
    '会当凌绝顶，一览众山小。',
    '海内存知己，天涯若比邻。',
  ];
  for (const text of VERSE_QUIET) {
    it(`stays quiet on verse: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), []);
    });
  }

  // A measure word right after a number is no slip (docs/typo-context.md, 第六轮): 「10个聚力」 is no
  // 内聚力. Slips elsewhere in the same sentences are still found…
  const AFTER_NUMBER = [
    ['围绕光电、储能等10个聚力攻坚方向。', []],
    ['实施12个聚力攻坚行动。', []],
    ['全市组织5次聚力攻坚。', []],
    ['新建8座水厂，提高供水效绿。', [['绿', '率']]],
    ['全县有6家企业持旭推进技改。', [['旭', '续']]],
    ['完成20项监督检擦任务。', [['擦', '察']]],
    // …nor one after 逐/每 that counts things off (逐季 is no 逐级); other characters after 逐 may be slips.
    ['全省逐季召开经济运行分析会。', []],
    ['各地逐季召开形势研判会。', []],
    ['要逐部推进各项改革。', [['部', '步']]],
  ];
  for (const [text, expected] of AFTER_NUMBER) {
    it(`leaves a measure word after a number alone: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), expected);
    });
  }

  // 第七轮 (docs/typo-context.md): a surname and one or two characters opening a clause, before a verb
  // that follows a person (在、表示、打破…), are a name; without the surname the same characters are
  // read as words. 收悉 is the reply's formula, not 熟悉. 零 may be the replacement (零售).
  const ROUND_7 = [
    ['潘展乐打破男子一百米自由泳纪录。', []],
    ['孙颖莎在比赛中持旭发力。', [['旭', '续']]],
    ['展乐打破纪录。', [['乐', '示']]],
    ['你市《关于报送成市群发展规划的请示》收悉，现批复如下：', [['成', '城']]],
    ['通过药品灵售企业销售。', [['灵', '零']]],
    ['零售企业要加强管理。', []],
  ];
  for (const [text, expected] of ROUND_7) {
    it(`names opening a clause, 收悉, 零: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), expected);
    });
  }

  // Where the second look and the first pick different characters of one word, the higher score
  // wins (docs/typo-context.md, 第六轮): 终申 is 终身 (申→身), not 重申 (终→重), where 终身 reads better;
  // where 重申 does, the first look's pick stays. The right words stay quiet.
  const BY_SCORE = [
    ['授予他终申成就奖。', [['申', '身']]],
    ['他被授予终申荣誉称号。', [['申', '身']]],
    ['会议终申了有关纪律要求。', [['终', '重']]],
    ['授予他终身成就奖。', []],
    ['会议重申了有关纪律要求。', []],
  ];
  for (const [text, expected] of BY_SCORE) {
    it(`chooses between the first and the second look by score: ${text}`, () => {
      assert.deepEqual(flagged(text, RULE), expected);
    });
  }

  it('reports at info by default, below the curated typo rule', () => {
    const rule = core.RULES.find((r) => r.id === RULE);
    const typo = core.RULES.find((r) => r.id === 'typo');
    assert.equal(rule.defaultSeverity, 'info');
    assert.equal(typo.defaultSeverity, 'error');
    assert.equal(rule.category, 'typo');
    const text = '这项工作关健在于落实，要持旭推进。';
    const findings = core.check(text, {});
    const ctx = findings.filter((f) => f.rule === RULE);
    assert.equal(ctx.length, 1);
    assert.equal(ctx[0].severity, 'info');
    assert.equal(text.slice(ctx[0].offset, ctx[0].offset + ctx[0].length), '旭');
    assert.ok(findings.some((f) => f.rule === 'typo' && f.severity === 'error'));
  });

  it('explains the finding and ranks its suggestions', () => {
    const text = '坚持持旭推进重点工作落实。';
    const [f] = core.check(text, { rules: Object.fromEntries(RULE_IDS.map((id) => [id, id === RULE ? 'info' : 'off'])) });
    assert.match(f.message, /「旭」可能应为「续」/);
    assert.match(f.message, /持续/);
    assert.equal(f.suggestions[0], '续');
    assert.ok(f.suggestions.length >= 1 && f.suggestions.length <= 3);
    assert.equal(new Set(f.suggestions).size, f.suggestions.length);
  });

  it('honours the margin option (and re-checks cached paragraphs when it changes)', () => {
    const text = '坚持持旭推进重点工作落实。';
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === RULE ? 'info' : 'off']));
    assert.equal(core.check(text, { rules, typoContextMargin: 9 }).length, 1);
    assert.equal(core.check(text, { rules, typoContextMargin: 60 }).length, 0);
    assert.ok(core.check('我市积极培育发展大数局产业。', { rules, typoContextMargin: 0 }).length >= 1);
    const { warnings } = core.normalizeOptions({ typoContextMargin: 'big' }, RULE_IDS);
    assert.match(warnings[0], /判定阈值「big」无效/);
  });

  it('is never applied by fix-all: its suggestions are guesses', () => {
    const text = '坚持持旭推进重点工作落实。';
    const found = core.check(text);
    assert.ok(found.some((f) => f.rule === RULE && f.suggestions.length === 1));
    assert.equal(core.applyFixes(text, found).text, text);
    assert.equal(core.fixableFindings(found).length, 0);
  });

  it('stays quiet on allowed words', () => {
    assert.deepEqual(flagged('坚持持旭推进重点工作落实。', RULE, { allowWords: ['持旭'] }), []);
  });

  it('property: no finding touches an occurrence of an allowWord, at any margin', () => {
    const pieces = [
      '坚持',
      '持旭',
      '推进',
      '总休方案',
      '营商环竟',
      '大数局产业',
      '监督检擦',
      '，',
      '。',
      '工作',
      '落实',
      '基础设施建射',
      '政务服务水瓶',
      '的',
      '核发权益',
      '环境包户',
      '保障错失',
      '宗教元宵',
    ];
    const textArb = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((p) => p.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(20), fc.nat(20), fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 4, 9), (text, a, b, len, margin) => {
        // Allowed words: two slices of the text itself, so they do occur.
        const words = [a, b].map((s) => text.slice(s % text.length, (s % text.length) + len)).filter((w) => w.length > 0);
        const found = core.check(text, {
          rules: Object.fromEntries(RULE_IDS.map((id) => [id, id === RULE ? 'info' : 'off'])),
          allowWords: words,
          typoContextMargin: margin,
        });
        for (const f of found) {
          for (const w of words) {
            for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
              assert.ok(
                f.offset + f.length <= at || at + w.length <= f.offset,
                `「${text.slice(f.offset, f.offset + f.length)}」 at ${f.offset} touches allowed 「${w}」 at ${at} in ${text}`,
              );
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('ignores text without Chinese characters and very short runs', () => {
    assert.deepEqual(flagged('Hello, world. 123 456', RULE), []);
    assert.deepEqual(flagged('旭', RULE), []);
    assert.deepEqual(flagged('', RULE), []);
  });
});
