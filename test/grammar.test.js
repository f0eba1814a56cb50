'use strict';
// Checks syntaxes/gongwen.tmLanguage.json: valid JSON, every regex also compiles as a JavaScript
// RegExp (VS Code runs them in Oniguruma; keeping them JS-compatible lets us test them here),
// includes resolve, and the main patterns match (and do not match) typical lines.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const GRAMMAR_PATH = path.join(__dirname, '..', 'syntaxes', 'gongwen.tmLanguage.json');
const INJECTION_PATH = path.join(__dirname, '..', 'syntaxes', 'gongwen.injection.tmLanguage.json');
const MANIFEST_PATH = path.join(__dirname, '..', 'package.json');

/** Oniguruma-only constructs that JavaScript would reject or, worse, read differently. */
const ONIGURUMA_ONLY = [
  [/\\[hHAGzZK]/, 'an Oniguruma-only escape (\\h \\A \\G \\z \\Z \\K)'],
  [/[*+?}]\+/, 'a possessive quantifier'],
  [/\(\?>/, 'an atomic group'],
  [/\(\?[imx-]+[):]/, 'inline flags'],
  [/\\p\{(?!(?:Script|sc|Script_Extensions|scx|General_Category|gc)=)(?:Han|Hiragana|Katakana|Hangul)\}/, 'a \\p{Script} without Script='],
];

function loadGrammar() {
  return JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
}

/** Every rule in the grammar (top level, repository, captures), with a readable path. */
function collectRules(grammar) {
  const rules = [];
  const visit = (rule, where) => {
    if (!rule || typeof rule !== 'object') return;
    rules.push({ rule, where });
    (rule.patterns || []).forEach((r, i) => visit(r, `${where}.patterns[${i}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      for (const [n, cap] of Object.entries(rule[key] || {})) visit(cap, `${where}.${key}[${n}]`);
    }
    if (rule.repository) {
      for (const [name, r] of Object.entries(rule.repository)) visit(r, `${where}.repository.${name}`);
    }
  };
  visit({ patterns: grammar.patterns }, 'grammar');
  for (const [name, r] of Object.entries(grammar.repository || {})) visit(r, `repository.${name}`);
  return rules;
}

/** Every scope name a rule assigns (its name, contentName and capture names). */
function scopesOf(rule) {
  const names = [rule.name, rule.contentName];
  for (const key of ['captures', 'beginCaptures', 'endCaptures']) {
    for (const cap of Object.values(rule[key] || {})) names.push(cap.name, cap.contentName);
  }
  return names.filter(Boolean).join(' ');
}

describe('syntaxes/gongwen.tmLanguage.json', () => {
  let grammar;
  before(() => {
    grammar = loadGrammar();
  });

  /** The JS RegExp of a repository rule's `match`. */
  const re = (key) => {
    const rule = grammar.repository[key];
    assert.ok(rule, `repository has no rule ${key}`);
    assert.equal(typeof rule.match, 'string', `repository.${key} has no match regex`);
    return new RegExp(rule.match, 'u');
  };
  const assertMatches = (key, samples) => {
    const r = re(key);
    for (const s of samples) assert.match(s, r, `${key} should match ${JSON.stringify(s)}`);
  };
  const assertNoMatch = (key, samples) => {
    const r = re(key);
    for (const s of samples) assert.doesNotMatch(s, r, `${key} should not match ${JSON.stringify(s)}`);
  };
  /** What the rule's regex matched in `s` (the whole match), or null. */
  const matched = (key, s) => {
    const m = re(key).exec(s);
    return m && m[0];
  };

  it('is valid JSON with scopeName text.gongwen and top-level patterns', () => {
    assert.doesNotThrow(loadGrammar);
    assert.equal(grammar.scopeName, 'text.gongwen');
    assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0, 'no top-level patterns');
    assert.equal(typeof grammar.repository, 'object');
  });

  it('compiles every match/begin/end/while regex as a JavaScript RegExp', () => {
    const rules = collectRules(grammar);
    let count = 0;
    for (const { rule, where } of rules) {
      for (const key of ['match', 'begin', 'end', 'while']) {
        if (rule[key] === undefined) continue;
        const src = rule[key];
        assert.equal(typeof src, 'string', `${where}.${key} is not a string`);
        count++;
        assert.doesNotThrow(() => new RegExp(src, 'u'), `${where}.${key} does not compile: ${src}`);
        for (const [bad, what] of ONIGURUMA_ONLY) {
          assert.doesNotMatch(src, bad, `${where}.${key} uses ${what}: ${src}`);
        }
      }
      if (rule.begin !== undefined) assert.ok(rule.end !== undefined || rule.while !== undefined, `${where}: begin without end`);
    }
    assert.ok(count >= 10, `expected at least 10 regexes, found ${count}`);
  });

  it('resolves every include and names scopes with the .gongwen suffix', () => {
    for (const { rule, where } of collectRules(grammar)) {
      if (rule.include !== undefined) {
        const inc = rule.include;
        if (inc.startsWith('#')) {
          assert.ok(grammar.repository[inc.slice(1)], `${where}: include ${inc} is not in the repository`);
        } else {
          assert.ok(['$self', '$base', 'text.gongwen'].includes(inc), `${where}: unexpected include ${inc}`);
        }
      }
      for (const key of ['name', 'contentName']) {
        if (rule[key] === undefined) continue;
        for (const scope of rule[key].split(/\s+/)) {
          assert.match(scope, /^[a-z0-9-]+(\.[a-z0-9-]+)*\.gongwen$/, `${where}.${key}: scope ${scope}`);
        }
      }
    }
  });

  describe('headings', () => {
    it('level 1 「一、」…「十二、」', () => {
      assertMatches('heading-1', ['一、总体要求', '三、工作要求', '十、其他', '十二、保障措施', '二十一、附则', '　　四、组织实施']);
      assertNoMatch('heading-1', ['（二）工作措施', '一是加强领导', '1.加强领导', '统一、规范', '同志们：', '第一，加强领导']);
      assert.equal(matched('heading-1', '一、总体要求'), '一、总体要求', 'the whole heading line is matched');
      assert.match(scopesOf(grammar.repository['heading-1']), /markup\.heading\.1\b/);
    });

    it('level 2 「（一）」', () => {
      assertMatches('heading-2', ['（二）工作措施', '（一）加强组织领导。各单位要高度重视。', '（十一）其他事项']);
      assertNoMatch('heading-2', ['（3）细化分工', '二、工作措施', '(二)工作措施', '工作措施（二）']);
      assert.equal(matched('heading-2', '（二）工作措施'), '（二）工作措施', 'the whole heading line is matched');
      assert.equal(
        matched('heading-2', '（一）加强组织领导。各单位要高度重视。'),
        '（一）加强组织领导。',
        'the heading sentence, not the paragraph after it',
      );
      assert.match(scopesOf(grammar.repository['heading-2']), /markup\.heading\.2\b/);
    });

    it('level 3 「1.」「1．」', () => {
      assertMatches('heading-3', ['1.加强领导', '1．加强领导', '12.附则', '　　2.明确分工']);
      assertNoMatch('heading-3', ['1.5亿元资金', '（1）细化分工', '一、总体要求', '2026年1月1日']);
      assert.match(scopesOf(grammar.repository['heading-3']), /markup\.heading\.3\b/);
    });

    it('level 4 「（1）」', () => {
      assertMatches('heading-4', ['（3）细化分工', '（12）其他']);
      assertNoMatch('heading-4', ['（三）细化分工', '3.细化分工', '见附件（3）']);
      assert.match(scopesOf(grammar.repository['heading-4']), /markup\.heading\.4\b/);
    });
  });

  describe('placeholders', () => {
    it('match X, XX, ×, ××, ○○ and Ｘ next to Chinese text', () => {
      const cases = {
        X届人大: 'X',
        XX同志: 'XX',
        '××市': '××',
        第X届: 'X',
        '张XX，': 'XX',
        '○○同志': '○○',
        Ｘ县: 'Ｘ',
        '二○二六年×月': '×',
      };
      for (const [s, want] of Object.entries(cases)) {
        assert.equal(matched('placeholder', s), want, `placeholder in ${JSON.stringify(s)}`);
      }
      assert.match(grammar.repository.placeholder.name, /^(invalid\.illegal|markup\.deleted)\./);
    });

    it('do not match X光, X射线, Latin words, arithmetic or Chinese-numeral dates', () => {
      assertNoMatch('placeholder', ['X光机', 'X射线', '做X光检查', 'Windows XP系统', 'XXL码', '3×4米', '二○○六年', '二〇二六年', '「××」']);
    });
  });

  describe('quotations and titles', () => {
    it('书名号 《…》 with a nested 〈…〉', () => {
      const s = '《关于印发〈办法〉的通知》';
      assert.equal(matched('book-title', s), s);
      assert.equal(matched('book-title-inner', s), '〈办法〉');
      assert.equal(matched('book-title', '根据《中华人民共和国公务员法》规定'), '《中华人民共和国公务员法》');
      assertNoMatch('book-title', ['关于印发办法的通知']);
      assert.match(scopesOf(grammar.repository['book-title']), /(entity\.name|string\.other|markup\.italic)/);
    });

    it('double and single quotation marks', () => {
      assert.equal(matched('quote-double', '要坚持“四个意识”不动摇'), '“四个意识”');
      assert.equal(matched('quote-single', '他说：“要落实‘三个到位’。”'), '‘三个到位’');
      assert.match(grammar.repository['quote-double'].name, /^string\.quoted\.double\./);
      assert.match(grammar.repository['quote-single'].name, /^string\.quoted\.single\./);
    });
  });

  describe('speech and document structure', () => {
    it('称谓 lines alone on a line', () => {
      assertMatches('salutation', ['同志们：', '各位代表：', '各位领导、同志们：', '尊敬的各位来宾：', '　　同志们：']);
      assertNoMatch('salutation', ['同志们，让我们努力奋斗！', '市人民政府：', '现将有关事项通知如下：', '同志们：今天开会。']);
    });

    it('enumerations 一是、二是、第一，', () => {
      assert.equal(matched('enumeration', '一是加强领导'), '一是');
      assert.equal(matched('enumeration', '主要有：二是完善制度'), '二是');
      assert.equal(matched('enumeration', '第一，提高认识'), '第一');
      assertNoMatch('enumeration', ['统一是前提', '第一次会议', '唯一是指']);
    });

    it('title lines', () => {
      assertMatches('title', ['关于做好有关工作的通知', '市人民政府关于加强安全生产工作的意见', '在全市工作会议上的讲话']);
      assertNoMatch('title', ['根据上级关于做好有关工作的通知要求，现通知如下。', '一、总体要求']);
    });
  });
  describe('document elements', () => {
    it('发文字号 alone on a line, with or without the 机关代字', () => {
      assert.equal(matched('doc-number-line', '国办发〔2026〕5号'), '国办发〔2026〕5号');
      assert.equal(matched('doc-number-line', '〔2026〕5号'), '〔2026〕5号');
      assert.equal(matched('doc-number-line', '　　市教发〔2026〕12号　'), '　　市教发〔2026〕12号　');
      assertNoMatch('doc-number-line', ['国办发[2026]5号', '国办发（2026）5号', '按照国办发〔2026〕5号文件执行。']);
      assert.match(scopesOf(grammar.repository['doc-number-line']), /constant\.numeric\.doc-number\b/);
    });

    it('发文字号 inside a sentence: the 机关代字 only where it clearly starts', () => {
      assert.equal(matched('doc-number', '你单位《关于新建学校的请示》（东教〔2026〕1号）收悉'), '东教〔2026〕1号');
      assert.equal(matched('doc-number', '各单位要按照市教发〔2026〕3号文件办理'), '〔2026〕3号');
      assert.equal(matched('doc-number', '〔2026〕5号'), '〔2026〕5号');
      assertNoMatch('doc-number', ['[2026]5号', '（2026）5号', '〔26〕5号']);
    });

    it("成文日期: a line holding only a date, or a speech's （date） line", () => {
      assertMatches('signing-date', ['2026年1月5日', '　　2026年12月31日', '（2026年1月5日）']);
      assertNoMatch('signing-date', [
        '2026年1月5日，市政府召开会议。',
        '（2026年1月5日市人民代表大会通过）',
        '2026年1月',
        '（2026年1月5日',
      ]);
      assert.match(scopesOf(grammar.repository['signing-date']), /constant\.numeric\.date\.signing\b/);
    });

    it('附件说明 「附件：1.……」 with its indented continuation lines', () => {
      const rule = grammar.repository['attachment-note'];
      const begin = new RegExp(rule.begin, 'u');
      const cont = new RegExp(rule.while, 'u');
      for (const s of ['附件：1.东江市方案', '附件：东江市第三中学建设方案', '　　附件：1.方案']) assert.match(s, begin, s);
      for (const s of ['附件1', '附件2：名单', '见附件：方案']) assert.doesNotMatch(s, begin, s);
      assert.match('　　　2.东江市分工表', cont);
      for (const s of ['东江市人民政府', '2.东江市分工表', '　　各单位要高度重视。']) assert.doesNotMatch(s, cont, s);
      const number = new RegExp(grammar.repository['attachment-number'].match, 'u');
      assert.equal(number.exec('附件：1.东江市方案')[0], '1.');
      assert.equal(number.exec('　　　12.名单')[0], '12.');
      assert.doesNotMatch('附件：东江市2.5亿元项目', number);
      assert.match(scopesOf(rule), /keyword\.other\.attachment\b/);
    });

    it("the mark 「附件」「附件2」 on an attachment's first line", () => {
      assertMatches('attachment-heading', ['附件', '附件2', '　附件12']);
      assertNoMatch('attachment-heading', ['附件：方案', '附件2：名单', '见附件']);
    });

    it('称谓 lines are marked as such', () => {
      assert.match(scopesOf(grammar.repository.salutation), /salutation\.gongwen/);
    });

    it('inline disable comments in plain text are comment lines', () => {
      const r = re('disable-comment');
      for (const s of [
        '// gongwen-disable-next-line typo',
        '//gongwen-disable',
        '  // gongwen-enable',
        '// gongwen-disable dup-word, typo',
      ]) {
        assert.match(s, r, s);
      }
      for (const s of ['http://example.com', '// 普通注释', '// gongwen-disabled', '正文 // gongwen-disable']) {
        assert.doesNotMatch(s, r, s);
      }
      assert.match(grammar.repository['disable-comment'].name, /^comment\.line\./);
    });

    it('tries the line-level element rules before the headings and inline rules', () => {
      const order = grammar.patterns.map((p) => p.include);
      for (const key of ['disable-comment', 'signing-date', 'attachment-note', 'attachment-heading', 'doc-number-line']) {
        assert.ok(order.includes(`#${key}`), `#${key} is not a top-level pattern`);
        assert.ok(order.indexOf(`#${key}`) < order.indexOf('#heading-3'), `#${key} must come before #heading-3`);
      }
    });
  });

  describe('Markdown injection (syntaxes/gongwen.injection.tmLanguage.json)', () => {
    let injection;
    before(() => {
      injection = JSON.parse(fs.readFileSync(INJECTION_PATH, 'utf8'));
    });

    it('is injected into Markdown outside code, HTML comments and front matter', () => {
      assert.equal(injection.scopeName, 'text.gongwen.injection');
      const selector = injection.injectionSelector;
      assert.match(selector, /^L:text\.html\.markdown\b/);
      for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-comment']) {
        assert.ok(selector.includes(excluded), `the selector should exclude ${excluded}`);
      }
    });

    it('is contributed in package.json with injectTo text.html.markdown', () => {
      const manifest = JSON.parse(fs.readFileSync(MANIFEST_PATH, 'utf8'));
      const entry = manifest.contributes.grammars.find((g) => g.scopeName === 'text.gongwen.injection');
      assert.ok(entry, 'no grammar contribution for text.gongwen.injection');
      assert.deepEqual(entry.injectTo, ['text.html.markdown']);
      assert.equal(path.normalize(entry.path), path.normalize('./syntaxes/gongwen.injection.tmLanguage.json'));
      assert.ok(!entry.language, 'an injection grammar belongs to no language');
    });

    it('includes only rules that exist, and its regexes compile in JavaScript too', () => {
      const includes = injection.patterns.map((p) => p.include);
      for (const want of [
        'placeholder',
        'heading-1',
        'heading-2',
        'heading-4',
        'salutation',
        'signing-date',
        'doc-number',
        'attachment-note',
      ]) {
        assert.ok(includes.includes(`text.gongwen#${want}`), `the injection should include text.gongwen#${want}`);
      }
      for (const { rule, where } of collectRules({ patterns: injection.patterns, repository: injection.repository })) {
        if (rule.include) {
          const [scope, key] = rule.include.split('#');
          if (scope === '') assert.ok(injection.repository[key], `${where}: ${rule.include} is not in the repository`);
          else {
            assert.equal(scope, 'text.gongwen', `${where}: unexpected include ${rule.include}`);
            assert.ok(grammar.repository[key], `${where}: ${rule.include} is not in the gongwen grammar`);
          }
        }
        for (const k of ['match', 'begin', 'end', 'while']) {
          if (rule[k] === undefined) continue;
          assert.doesNotThrow(() => new RegExp(rule[k], 'u'), `${where}.${k}`);
          for (const [bad, what] of ONIGURUMA_ONLY) assert.doesNotMatch(rule[k], bad, `${where}.${k} uses ${what}`);
        }
      }
    });

    it('leaves Markdown ordered lists alone: 「1. 」 with a space is a list item, 「1.」 is a 公文 heading', () => {
      const h3 = new RegExp(injection.repository['heading-3'].match, 'u');
      assert.match('1.明确分工', h3);
      assert.match('12．附则', h3);
      for (const s of ['1. 列表项', '2.\t列表项', '1.5亿元', '    1.缩进四格是代码块']) assert.doesNotMatch(s, h3, s);
    });
  });
});
