'use strict';
// Checks snippets/gongwen.json: prefixes, descriptions, placeholder hygiene, and that
// every snippet, expanded with its default texts, passes the checker with no findings.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const SNIPPETS_PATH = path.join(__dirname, '..', 'snippets', 'gongwen.json');

/** Fill-in for a tab stop that has no default text anywhere in its snippet. */
const FILL_IN = '全市';

/** Values for the VS Code snippet variables a snippet may use. */
const VARIABLES = {
  CURRENT_YEAR: '2026',
  CURRENT_YEAR_SHORT: '26',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '01',
  CURRENT_MONTH_NAME: 'January',
};

/**
 * What a writer would type into the placeholders with these default texts: the snippets are also
 * checked filled in like a real document (names, dates, 发文字号), not only with their hints.
 */
const SAMPLES = {
  发文机关: '东江市人民政府',
  主送机关: '各区人民政府，市政府各部门',
  上级机关: '东江市人民政府',
  请示单位: '市教育局',
  请示事项: '新建东江市第三中学',
  机关代字: '东教',
  同意有关事项: '同意新建东江市第三中学',
  同意所请事项: '同意新建东江市第三中学，所需资金由市财政统筹安排',
  会议名称: '全市安全生产工作会议',
  专项工作名称: '安全生产专项整治',
  表彰大会名称: '全市优秀教师表彰大会',
  座谈会名称: '全市民营企业家座谈会',
  讲话人姓名: '李明',
  述职人姓名: '王红',
  签发人职务: '市长',
  签发人姓名: '张强',
  姓名: '赵芳',
  电话号码: '0755-12345678',
  主持人职务和姓名: '市长张强',
  会议地点: '市政府第一会议室',
  出席人员姓名: '张强、李明、王红',
  请假人员姓名: '刘洋（出差）',
  列席人员姓名: '市政府办公室、市财政局负责同志',
  法规规章名称: '东江市城市绿化管理办法',
  法规名称: '东江市物业管理条例',
  附件名称: '东江市第三中学建设方案',
  第一个附件名称: '东江市安全生产专项整治方案',
  第二个附件名称: '东江市安全生产专项整治任务分工表',
  调研主题: '我市农村养老服务情况',
  调研时间: '2026年3月上旬',
  调研组: '市民政局调研组',
  调研组名称: '市民政局调研组',
  调研地点和单位: '5个区的12个村',
  单位名称: '东江市财政局',
  单位名称或署名: '东江市财政局',
  工作事项: '推进数字政府建设',
  做好有关工作: '做好2026年春节期间安全生产工作',
  请求批准有关事项: '新建东江市第三中学',
  决定事项: '表彰2025年度全市优秀教师',
  决议事项: '市人民政府工作报告',
  通告事项: '春节期间禁止燃放烟花爆竹',
  通报事项: '2025年度安全生产工作考核结果',
  商洽有关事项: '商请选派干部参加培训',
  有关事项: '东江市第三中学建设用地规划情况',
};

/** Other dates to expand with: the leading zero of the month and the day must go, not the 0 of 10. */
const OTHER_DATES = [
  { CURRENT_YEAR: '2026', CURRENT_MONTH: '10', CURRENT_DATE: '20' },
  { CURRENT_YEAR: '2027', CURRENT_MONTH: '12', CURRENT_DATE: '09' },
];

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const HAN_RE = new RegExp(`[${HAN}]`, 'u');

/**
 * An unfilled placeholder run (X, XX, Ｘ, ×, ××, ○○, xx, 某某) next to a Chinese character,
 * e.g. 「X届」「XX同志」「××市」「第X届」; 「X光」「X射线」「X线」 are real words.
 */
const PLACEHOLDER_RE = new RegExp(
  '(?:' +
    `(?<![A-Za-z0-9_])(?:X+|Ｘ+|x{2,}|×+|○{2,})(?=[${HAN}])(?!光|射线|线|轴|染色体)` +
    '|' +
    `(?<=[${HAN}])(?:X+|Ｘ+|x{2,}|×+|○{2,})(?![A-Za-z0-9_]|光|射线|线|轴|染色体)` +
    '|某某' +
    ')',
  'u',
);

/**
 * Half-width punctuation touching a Chinese character: the checker's punct-width territory. The dot
 * of a 三级标题 or 附件 number 「1.」 is the correct form (GB/T 9704), not a half-width full stop.
 */
const HALF_WIDTH_PUNCT_RE = new RegExp(`[${HAN}][,.;:?!()\\[\\]"']|(?:(?<![0-9])\\.|[,;:?!()\\[\\]"'])[${HAN}]`, 'u');

// ---------------------------------------------------------------------------------------------
// A small parser for the VS Code snippet syntax:
//   $1  ${1}  ${1:default, may nest}  ${1|one,two|}  $NAME  ${NAME}  ${NAME:default}
//   \$ \} \\ escapes (and \, \| inside choices). Transforms (${1/re/fmt/}) are rejected.
// ---------------------------------------------------------------------------------------------

function parseSnippet(src) {
  let pos = 0;

  function fail(msg) {
    throw new Error(`${msg} at offset ${pos} in ${JSON.stringify(src)}`);
  }

  // Parses until `}` (when inPlaceholder) or end of input; returns a list of nodes.
  function parseSeq(inPlaceholder) {
    const nodes = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (pos < src.length) {
      const ch = src[pos];
      if (ch === '\\' && pos + 1 < src.length && '$}\\'.includes(src[pos + 1])) {
        text += src[pos + 1];
        pos += 2;
      } else if (ch === '}' && inPlaceholder) {
        flush();
        return nodes;
      } else if (ch === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          pos++;
        }
      } else {
        text += ch;
        pos++;
      }
    }
    if (inPlaceholder) fail('unclosed ${');
    flush();
    return nodes;
  }

  // At a `$`: returns a node, or null when the `$` is literal text.
  function parseDollar() {
    const rest = src.slice(pos);
    let m;
    if ((m = /^\$(\d+)/.exec(rest))) {
      pos += m[0].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    if ((m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) {
      pos += m[0].length;
      return { type: 'variable', name: m[1], children: null };
    }
    if ((m = /^\$\{(\d+)\}/.exec(rest))) {
      pos += m[0].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    if ((m = /^\$\{(\d+):/.exec(rest))) {
      pos += m[0].length;
      const children = parseSeq(true);
      pos++; // the closing }
      return { type: 'placeholder', index: Number(m[1]), children };
    }
    if ((m = /^\$\{(\d+)\|/.exec(rest))) {
      pos += m[0].length;
      const options = [];
      let cur = '';
      for (;;) {
        if (pos >= src.length) fail('unclosed choice');
        const ch = src[pos];
        if (ch === '\\' && pos + 1 < src.length && ',|\\$}'.includes(src[pos + 1])) {
          cur += src[pos + 1];
          pos += 2;
        } else if (ch === ',') {
          options.push(cur);
          cur = '';
          pos++;
        } else if (ch === '|' && src[pos + 1] === '}') {
          options.push(cur);
          pos += 2;
          break;
        } else {
          cur += ch;
          pos++;
        }
      }
      return { type: 'choice', index: Number(m[1]), options };
    }
    if (/^\$\{(\d+)\//.test(rest)) fail('transforms are not supported');
    if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\/((?:\\.|[^\\/])*)\/((?:\\.|[^\\/])*)\/([gimsuy]*)\}/.exec(rest))) {
      // A variable transform ${NAME/regex/format/options}: the snippets use it to drop the leading
      // zero of CURRENT_MONTH and CURRENT_DATE (成文日期 are written 2026年1月5日).
      pos += m[0].length;
      return { type: 'variable', name: m[1], children: null, transform: { regex: m[2], format: m[3], options: m[4] } };
    }
    if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest))) {
      pos += m[0].length;
      return { type: 'variable', name: m[1], children: null };
    }
    if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_]*):/.exec(rest))) {
      pos += m[0].length;
      const children = parseSeq(true);
      pos++;
      return { type: 'variable', name: m[1], children };
    }
    return null;
  }

  return parseSeq(false);
}

/** Walks the nodes, calling fn on each (depth first). */
function walk(nodes, fn) {
  for (const node of nodes) {
    fn(node);
    if (node.children) walk(node.children, fn);
  }
}

/**
 * Expands a snippet the way it reads after tabbing past every placeholder: `${n:default}` →
 * default; `$n`/`${n}` → the default of the same tab stop elsewhere (VS Code mirrors it), else
 * FILL_IN; `$0` → ''; `${n|a,b|}` → a; variables → `variables` (transformed) or their default.
 *
 * With `samples` (default text → what a writer would type), a placeholder whose default is listed
 * is filled with the sample instead, everywhere its tab stop appears: the snippet then reads like a
 * finished document, which is what the checker must accept.
 */
function expandSnippet(body, { variables = VARIABLES, samples = {} } = {}) {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const nodes = parseSnippet(src);

  const defaults = new Map();
  walk(nodes, (node) => {
    if (node.type === 'placeholder' && !defaults.has(node.index)) defaults.set(node.index, node);
    if (node.type === 'choice' && !defaults.has(node.index)) defaults.set(node.index, node);
  });

  const render = (list, depth) => list.map((node) => renderNode(node, depth)).join('');
  function renderNode(node, depth) {
    if (depth > 20) throw new Error('snippet placeholders nest too deeply (recursive mirror?)');
    switch (node.type) {
      case 'text':
        return node.value;
      case 'placeholder': {
        const own = render(node.children, depth + 1);
        return Object.prototype.hasOwnProperty.call(samples, own) ? samples[own] : own;
      }
      case 'choice':
        return node.options[0];
      case 'tabstop': {
        if (node.index === 0) return '';
        const def = defaults.get(node.index);
        return def ? renderNode(def, depth + 1) : FILL_IN;
      }
      case 'variable':
        if (Object.prototype.hasOwnProperty.call(variables, node.name)) {
          const value = variables[node.name];
          return node.transform ? applyTransform(value, node.transform) : value;
        }
        if (node.children) return render(node.children, depth + 1);
        throw new Error(`unknown snippet variable $${node.name}`);
      default:
        throw new Error(`unknown node ${node.type}`);
    }
  }
  return render(nodes, 0);
}

/**
 * Applies a snippet transform the way VS Code does for the simple cases used here: the regex with
 * its options, and a format of literal text and group references ($1, ${1}). Format conditionals
 * and case changes (${1:/upcase}) are rejected, so a snippet cannot silently rely on them.
 */
function applyTransform(value, { regex, format, options }) {
  if (/\$\{\d+:/.test(format)) throw new Error(`unsupported transform format ${format}`);
  return value.replace(new RegExp(regex, options), (...args) => {
    const groups = args.slice(
      0,
      args.findIndex((a) => typeof a === 'number'),
    );
    return format.replace(/\\(.)|\$(\d+)|\$\{(\d+)\}/g, (_, escaped, a, b) => escaped ?? groups[Number(a ?? b)] ?? '');
  });
}

/** Tab stop numbers used in a body (placeholders, plain tab stops and choices). */
function tabStops(body) {
  const stops = [];
  walk(parseSnippet(body.join('\n')), (node) => {
    if (node.type === 'placeholder' || node.type === 'tabstop' || node.type === 'choice') {
      stops.push(node.index);
    }
  });
  return stops;
}

/** Every default text (variables expanded) and choice option in a body. */
function defaultTexts(body) {
  const texts = [];
  const nodes = parseSnippet(body.join('\n'));
  walk(nodes, (node) => {
    if (node.type === 'placeholder') texts.push(expandSnippet(node.children.length ? [serialize(node.children)] : ['']));
    if (node.type === 'choice') texts.push(...node.options);
  });
  return texts;
}

/** Back to snippet syntax (enough for re-expanding a placeholder's children on their own). */
function serialize(nodes) {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return node.value.replace(/[$}\\]/g, '\\$&');
        case 'placeholder':
          return `\${${node.index}:${serialize(node.children)}}`;
        case 'tabstop':
          return `\${${node.index}}`;
        case 'choice':
          return `\${${node.index}|${node.options.join(',')}|}`;
        case 'variable': {
          const t = node.transform;
          if (t) return `\${${node.name}/${t.regex}/${t.format}/${t.options}}`;
          return node.children ? `\${${node.name}:${serialize(node.children)}}` : `\${${node.name}}`;
        }
        default:
          throw new Error(`unknown node ${node.type}`);
      }
    })
    .join('');
}

function formatFindings(findings, text) {
  return findings
    .map((f) => {
      const at = typeof f.offset === 'number' ? f.offset : -1;
      const len = typeof f.length === 'number' ? f.length : 0;
      const around = at >= 0 ? text.slice(Math.max(0, at - 8), at + len + 8).replace(/\n/g, '⏎') : '';
      return (
        `  [${f.rule}/${f.severity}] @${at}+${len} 「${at >= 0 ? text.slice(at, at + len) : ''}」 ` +
        `${f.message} (…${around}…) → ${JSON.stringify(f.suggestions)}`
      );
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

const raw = fs.readFileSync(SNIPPETS_PATH, 'utf8');
const snippets = JSON.parse(raw);
const entries = Object.entries(snippets);

/** The fifteen 文种 of 《党政机关公文处理工作条例》 (Article 8) and the prefix of each one's snippet. */
const DOCUMENT_TYPES = {
  决议: 'jueyi',
  决定: 'jueding',
  命令: 'mingling',
  公报: 'gongbao',
  公告: 'gonggao',
  通告: 'tonggao',
  意见: 'yijian',
  通知: 'tongzhi',
  通报: 'tongbao',
  报告: 'baogao',
  请示: 'qingshi',
  批复: 'pifu',
  议案: 'yian',
  函: 'han',
  纪要: 'jiyao',
};

/** The speech and report forms writers draft most. */
const SPEECH_FORMS = {
  工作会议讲话: 'jianghua',
  动员部署会讲话: 'dongyuan',
  表彰大会讲话: 'biaozhang',
  座谈会讲话: 'zuotan',
  开幕词: 'kaimuci',
  闭幕词: 'bimuci',
};
const REPORT_FORMS = { 述职报告: 'shuzhi', 工作总结: 'zongjie', 调研报告: 'diaoyan' };

/** 2026年1月5日: Arabic numerals, no leading zeros (GB/T 9704 7.3.5.3). */
const DATE_LINE = /^[1-9]\d{3}年[1-9]\d?月[1-9]\d?日$/;
/** 称谓 alone on a line, as the grammar's salutation rule has it. */
const SALUTATION = /^(?:尊敬的)?[^，。；！？：\s]{0,30}?(?:同志们|代表们|代表|领导|来宾|朋友们)：$/;
/** 附件说明: 「附件：名称」 or 「附件：1.名称」, no punctuation after the name (GB/T 9704 7.3.4). */
const ATTACHMENT_LINE = /^附件：(?:1\.)?[^\s：]+$/;
const ATTACHMENT_MORE = /^　+[2-9]\.[^\s：]+$/;
const TRAILING_POINT = /[。，、；：！？]$/;

describe('snippets/gongwen.json', () => {
  describe('the expansion helper used by these tests', () => {
    it('expands defaults, mirrors, bare tab stops, choices, $0 and escapes', () => {
      assert.equal(expandSnippet(['在${1:会议名称}上的讲话', '召开${1}。']), '在会议名称上的讲话\n召开会议名称。');
      assert.equal(expandSnippet(['${1|同志们：,各位代表：|}', '$0']), '同志们：\n');
      assert.equal(expandSnippet(['$1工作${2}会议$0']), `${FILL_IN}工作${FILL_IN}会议`);
      assert.equal(expandSnippet(['${1:关于${2:事项}的通知}']), '关于事项的通知');
      assert.equal(expandSnippet(['\\$5元，\\}']), '$5元，}');
      assert.equal(expandSnippet(['${CURRENT_YEAR}年']), '2026年');
      assert.throws(() => expandSnippet(['${1:未闭合']), /unclosed/);
      assert.throws(() => expandSnippet(['${1/a/b/}']), /transforms/);
    });

    it('applies variable transforms, and fills in samples everywhere a tab stop appears', () => {
      const date = ['${1:${CURRENT_YEAR}}年${2:${CURRENT_MONTH/^0//}}月${3:${CURRENT_DATE/^0//}}日'];
      assert.equal(expandSnippet(date), '2026年1月1日');
      assert.equal(expandSnippet(date, { variables: OTHER_DATES[0] }), '2026年10月20日');
      assert.equal(expandSnippet(date, { variables: OTHER_DATES[1] }), '2027年12月9日');
      assert.equal(expandSnippet(['${CURRENT_MONTH/(0)(\\d)/$2-${1}/}'], { variables: { CURRENT_MONTH: '03' } }), '3-0');
      assert.equal(
        expandSnippet(['在${1:会议名称}上的讲话', '召开${1}。'], { samples: { 会议名称: '全市工作会议' } }),
        '在全市工作会议上的讲话\n召开全市工作会议。',
      );
      assert.deepEqual(defaultTexts(['${1:${CURRENT_YEAR}}年${2:发文机关}${3|甲,乙|}']), ['2026', '发文机关', '甲', '乙']);
    });

    it('recognises placeholder runs next to Chinese text but not X光 or X射线', () => {
      for (const s of ['X届人大', 'XX同志', '××市', '第X届', '张XX，', '○○同志', 'Ｘ县', '某某单位']) {
        assert.match(s, PLACEHOLDER_RE, s);
      }
      for (const s of ['X光机', 'X射线', '做X光检查', 'Windows XP系统', '3×4米', '二○二六年', 'COVID-19疫情']) {
        assert.doesNotMatch(s, PLACEHOLDER_RE, s);
      }
    });
  });

  it('is a non-empty object of snippets with prefix, body and description', () => {
    assert.ok(entries.length >= 30, `expected at least 30 snippets, got ${entries.length}`);
    for (const [name, snippet] of entries) {
      assert.equal(typeof snippet.prefix, 'string', `${name}: prefix must be one string`);
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, `${name}: body must be a non-empty array`);
      for (const line of snippet.body) assert.equal(typeof line, 'string', `${name}: body lines must be strings`);
      assert.equal(typeof snippet.description, 'string', `${name}: description missing`);
    }
  });

  it('has a snippet for each of the fifteen 文种 and for the common speech and report forms', () => {
    const prefixes = entries.map(([, s]) => s.prefix);
    const wanted = { ...DOCUMENT_TYPES, ...SPEECH_FORMS, ...REPORT_FORMS };
    assert.equal(Object.keys(DOCUMENT_TYPES).length, 15);
    for (const [form, prefix] of Object.entries(wanted)) {
      assert.ok(prefixes.includes(prefix), `missing snippet for ${form} (prefix ${prefix})`);
      const [, snippet] = entries.find(([, s]) => s.prefix === prefix);
      assert.ok(snippet.description.includes(form.replace(/讲话$/, '')), `${prefix}: the description should name ${form}`);
    }
    for (const p of ['chengwei', 'yiji', 'erji', 'sanji', 'siji', 'jieyu', 'luokuan', 'riqi', 'wenhao', 'fujian', 'fuzhu']) {
      assert.ok(prefixes.includes(p), `missing snippet with prefix ${p}`);
    }
  });

  it('uses unique ASCII-lowercase prefixes and Chinese descriptions', () => {
    const seen = new Map();
    for (const [name, snippet] of entries) {
      assert.match(snippet.prefix, /^[a-z]+$/, `${name}: prefix ${JSON.stringify(snippet.prefix)} is not ASCII lowercase`);
      assert.ok(!seen.has(snippet.prefix), `${name}: prefix ${snippet.prefix} is also used by ${seen.get(snippet.prefix)}`);
      seen.set(snippet.prefix, name);
      assert.match(snippet.description, HAN_RE, `${name}: description has no Chinese`);
    }
  });

  for (const [name, snippet] of entries) {
    describe(`${name} (${snippet.prefix})`, () => {
      it('has tab stops with Chinese default texts or choices, numbered in reading order', () => {
        const stops = tabStops(snippet.body).filter((n) => n !== 0);
        assert.ok(stops.length > 0, `${name}: no tab stop`);
        // A first occurrence never jumps ahead: Tab walks the document from top to bottom.
        let highest = 0;
        for (const n of stops) {
          assert.ok(n <= highest + 1, `${name}: tab stop ${n} comes before ${highest + 1}`);
          highest = Math.max(highest, n);
        }
        const texts = defaultTexts(snippet.body);
        assert.ok(texts.length > 0, `${name}: no default text or choice`);
        for (const t of texts) {
          assert.notEqual(t.trim(), '', `${name}: empty default text`);
          assert.match(t, /[\u3400-\u9fff0-9]/u, `${name}: default text ${JSON.stringify(t)} is neither Chinese nor a number`);
        }
      });

      it('contains no literal placeholder such as X, XX, ×, ○○ or Ｘ', () => {
        for (const line of snippet.body) {
          const m = PLACEHOLDER_RE.exec(line);
          assert.equal(m, null, `${name}: placeholder ${m && JSON.stringify(m[0])} in ${JSON.stringify(line)}`);
        }
        const expanded = expandSnippet(snippet.body);
        const m = PLACEHOLDER_RE.exec(expanded);
        assert.equal(m, null, `${name}: placeholder ${m && JSON.stringify(m[0])} after expansion`);
      });

      it('expands to text with no $ and full-width punctuation only', () => {
        const expanded = expandSnippet(snippet.body);
        assert.ok(!expanded.includes('$'), `${name}: expanded text still contains $:\n${expanded}`);
        const m = HALF_WIDTH_PUNCT_RE.exec(expanded);
        assert.equal(m, null, `${name}: half-width punctuation ${m && JSON.stringify(m[0])} in:\n${expanded}`);
      });

      it('writes dates in Arabic numerals without leading zeros, and 发文字号 with 〔〕', () => {
        for (const variables of [VARIABLES, ...OTHER_DATES]) {
          const expanded = expandSnippet(snippet.body, { variables });
          assert.doesNotMatch(expanded, /(?<!\d)0\d[月日]/, `${name}: a leading zero in a date:\n${expanded}`);
          assert.doesNotMatch(expanded, /[二〇零○一三四五六七八九]{4}年/, `${name}: 成文日期 in Chinese numerals`);
          assert.doesNotMatch(expanded, /[[【（(]\d{4}[\]】）)]\d*号/, `${name}: 发文字号 year not in 〔〕`);
        }
      });

      it('writes 附件说明 as 「附件：1.名称」 with no punctuation after the name', () => {
        const lines = expandSnippet(snippet.body).split('\n');
        const at = lines.findIndex((l) => l.startsWith('附件'));
        if (at < 0) return;
        assert.match(lines[at], ATTACHMENT_LINE);
        for (let i = at + 1; i < lines.length && /^　/.test(lines[i]); i++) {
          assert.match(lines[i], ATTACHMENT_MORE);
          assert.doesNotMatch(lines[i], TRAILING_POINT);
        }
        assert.doesNotMatch(lines[at], TRAILING_POINT);
      });
    });
  }

  describe('document structure', () => {
    const find = (p) => {
      const found = entries.find(([, s]) => s.prefix === p);
      assert.ok(found, `no snippet ${p}`);
      return found[1];
    };
    const byPrefix = (p, options) => expandSnippet(find(p).body, options).split('\n');
    const choicesOf = (p) => {
      const options = [];
      walk(parseSnippet(find(p).body.join('\n')), (node) => node.type === 'choice' && options.push(...node.options));
      return options;
    };
    /** Index of the first line matching `re` (asserting there is one). */
    const indexOf = (lines, re, what) => {
      const i = lines.findIndex((l) => re.test(l));
      assert.ok(i >= 0, `missing ${what} in:\n${lines.join('\n')}`);
      return i;
    };

    /**
     * The 要素 in the order of GB/T 9704: 标题, 主送机关, 正文 (ending with its closing), 附件说明,
     * 发文机关署名, 成文日期, 附注. `closing` is the customary last line of the 正文.
     */
    function assertOrder(prefix, { title, closing, recipient = true, attachment = false, note = false, signature = true }) {
      const lines = byPrefix(prefix, { samples: SAMPLES });
      assert.match(lines[0], title, `${prefix}: title`);
      if (recipient) assert.match(lines[1], /^[^。]+：$/, `${prefix}: 主送机关 on the second line`);
      const end = closing ? indexOf(lines, closing, `closing ${closing}`) : -1;
      let next = end + 1;
      const attachmentAt = lines.findIndex((l) => l.startsWith('附件：'));
      if (attachment) {
        // GB/T 9704 7.3.4: the 附件说明 goes one blank line below the 正文.
        assert.equal(lines[next], '', `${prefix}: a blank line between the 正文 and the 附件说明`);
        next++;
        assert.equal(attachmentAt, next, `${prefix}: 附件说明 after the 正文 and a blank line`);
        next++;
        while (/^　+\d\./.test(lines[next])) next++;
      } else {
        assert.equal(attachmentAt, -1, `${prefix}: unexpected 附件说明`);
      }
      if (signature) {
        assert.ok(lines[next] && !DATE_LINE.test(lines[next]), `${prefix}: 发文机关署名 expected at line ${next + 1}`);
        assert.match(lines[next + 1], DATE_LINE, `${prefix}: 成文日期 after the 署名`);
        next += 2;
      }
      if (note) {
        assert.match(lines[next], /^（联系人：.+，联系电话：.+）$/, `${prefix}: 附注 after the 成文日期`);
        next++;
      }
      if (closing || signature) assert.equal(lines.length, next, `${prefix}: nothing after the last 要素:\n${lines.join('\n')}`);
      return lines;
    }

    it('titles name the 发文机关, then the 事由 and the 文种 (GB/T 9704 7.3.1)', () => {
      for (const prefix of ['jueding', 'tonggao', 'tongzhi', 'tongbao', 'baogao', 'qingshi', 'pifu', 'han', 'yijian']) {
        assert.match(find(prefix).body[0], /^\$\{1:发文机关\}关于/, prefix);
        assert.match(byPrefix(prefix, { samples: SAMPLES })[0], /^东江市人民政府关于/, prefix);
      }
    });

    it('决议: title, 题注 with the date and the meeting, no 主送机关 or 署名', () => {
      const lines = assertOrder('jueyi', { title: /^.+关于.+的决议$/, recipient: false, signature: false });
      assert.match(lines[1], /^（[1-9]\d{3}年[1-9]\d?月[1-9]\d?日.+通过）$/);
    });

    it('决定 and 意见: title, 主送机关, 正文, 署名, date', () => {
      assertOrder('jueding', { title: /^.+关于.+的决定$/, closing: /要求。$/ });
      const lines = assertOrder('yijian', { title: /^.+关于.+的意见$/, closing: /^（二）强化督促检查。/ });
      assert.deepEqual(
        lines.filter((l) => /^[一二三]、/.test(l)),
        ['一、总体要求', '二、主要任务', '三、保障措施'],
      );
    });

    it('命令（令）: 发文机关令, 令号, 公布 and 施行 dates, 签发人, date', () => {
      const lines = byPrefix('mingling', { samples: SAMPLES });
      assert.match(lines[0], /令$/);
      assert.match(lines[1], /^第[1-9]\d*号$/);
      assert.match(lines[2], /^《.+》已经.+通过，现予公布，自.+起施行。$/);
      assert.match(lines[3], /^\S+　\S+$/, '签发人职务 and 姓名');
      assert.match(lines[4], DATE_LINE);
    });

    it('公报: title, 题注, 正文 in 全会 voice', () => {
      const lines = byPrefix('gongbao', { samples: SAMPLES });
      assert.match(lines[0], /公报$/);
      assert.match(lines[1], /^（.+通过）$/);
    });

    it('公告, 通告, 通报, 通知: each closes with its 「特此……。」', () => {
      assertOrder('gonggao', { title: /公告$/, closing: /^特此公告。$/, recipient: false });
      assertOrder('tonggao', { title: /^.+关于.+的通告$/, closing: /^特此通告。$/, recipient: false });
      assertOrder('tongbao', { title: /^.+关于.+的通报$/, closing: /^特此通报。$/ });
      const lines = assertOrder('tongzhi', { title: /^.+关于.+的通知$/, closing: /^特此通知。$/, attachment: true });
      assert.ok(lines.some((l) => l.startsWith('一、')) && lines.some((l) => l.startsWith('二、')));
      assert.match(lines[lines.indexOf('特此通知。') + 2], /^附件：1\./, '两个以上附件 numbered 1. 2.');
    });

    it('报告: sections, 结语, 署名, date; no 请示 wording', () => {
      const lines = assertOrder('baogao', { title: /^.+关于.+的报告$/, closing: /^(特此报告。|以上报告，请审阅。)$/ });
      assert.ok(lines.some((l) => l.startsWith('一、')));
      for (const variant of choicesOf('baogao')) assert.doesNotMatch(variant, /请批示|请审批|妥否/);
      assert.ok(!lines.some((l) => /请批示|请审批|妥否/.test(l)), 'a 报告 must not ask for approval');
    });

    it('请示: one 主送机关, 「妥否，请批示。」, 附件说明, 署名, date, 附注', () => {
      const lines = assertOrder('qingshi', {
        title: /^.+关于.+的请示$/,
        closing: /^妥否，请批示。$/,
        attachment: true,
        note: true,
      });
      assert.match(lines[1], /^[^，。、]+：$/, 'a 请示 has exactly one 主送机关');
      assert.equal(lines.filter((l) => /：$/.test(l)).length, 1, 'only one 主送机关 line');
    });

    it('批复: 「你单位《关于……的请示》（……〔2026〕……号）收悉」 and 「此复。」', () => {
      const lines = assertOrder('pifu', { title: /^.+关于.+的批复$/, closing: /^此复。$/ });
      assert.doesNotMatch(lines[0], /关于对/, '「关于对……的批复」 is a known error');
      assert.match(lines[2], /^你(?:单位|市|县|区|局|厅|委)《关于.+的请示》（.+〔[1-9]\d{3}〕[1-9]\d*号）收悉。/);
      assert.ok(choicesOf('pifu').includes('你单位'));
    });

    it('议案: 「现提请审议。」, the draft as 附件, 签发人', () => {
      const lines = byPrefix('yian', { samples: SAMPLES });
      assert.match(lines[0], /^.+关于提请审议《.+（草案）》的议案$/);
      assert.match(lines[1], /^.+：$/);
      assert.match(lines[2], /现提请审议。$/);
      assert.equal(lines[3], '', 'a blank line before the 附件说明');
      assert.match(lines[4], ATTACHMENT_LINE);
      assert.match(lines[5], /^\S+　\S+$/);
      assert.match(lines[6], DATE_LINE);
    });

    it('函: 「特此函告。」 or 「请予函复。」, 附件说明, 署名, date, 附注', () => {
      assertOrder('han', { title: /^.+关于.+的函$/, closing: /^(特此函告|请予函复)。$/, attachment: true, note: true });
      assert.deepEqual(choicesOf('han'), ['特此函告。', '请予函复。']);
    });

    it('纪要: the 文种 is 「纪要」, not 「会议纪要」; 出席 请假 列席 lists', () => {
      const [title] = find('jiyao').body;
      assert.match(title, /\}纪要$/);
      assert.ok(!title.replace(/\$\{\d+:[^}]*\}/g, '').includes('会议纪要'), 'the fixed text must not say 会议纪要');
      const lines = byPrefix('jiyao', { samples: SAMPLES });
      assert.match(lines[1], /^[1-9]\d{3}年[1-9]\d?月[1-9]\d?日，/);
      const at = ['出席：', '请假：', '列席：'].map((label) => indexOf(lines, new RegExp(`^${label}`), label));
      assert.deepEqual(
        [...at].sort((a, b) => a - b),
        at,
      );
      assert.equal(at[2], lines.length - 1);
    });

    for (const [form, prefix] of Object.entries(SPEECH_FORMS)) {
      it(`${form}: title, speaker, （date）, 称谓 alone on a line`, () => {
        const lines = byPrefix(prefix, { samples: SAMPLES });
        if (/开幕词|闭幕词/.test(form)) assert.match(lines[0], new RegExp(`.+${form}$`));
        else assert.match(lines[0], /^在.+上的讲话$/);
        assert.match(lines[1], /^[^，。：]{2,8}$/, 'the speaker');
        assert.match(lines[2], /^（[1-9]\d{3}年[1-9]\d?月[1-9]\d?日）$/);
        assert.match(lines[3], SALUTATION);
        for (const option of choicesOf(prefix).filter((o) => o.endsWith('：'))) assert.match(option, SALUTATION);
        assert.ok(lines[4].length > 6, 'an opening paragraph follows the 称谓');
      });
    }

    it('jianghua: three 一、 sections with （一）（二）, closing call', () => {
      const lines = byPrefix('jianghua');
      const l1 = lines.map((l, i) => [l, i]).filter(([l]) => /^[一二三四五六七八九十]+、/.test(l));
      assert.deepEqual(
        l1.map(([l]) => l.slice(0, 2)),
        ['一、', '二、', '三、'],
      );
      for (let k = 0; k < l1.length; k++) {
        const end = k + 1 < l1.length ? l1[k + 1][1] : lines.length;
        const section = lines.slice(l1[k][1] + 1, end);
        assert.ok(
          section.some((l) => l.startsWith('（一）')),
          `section ${l1[k][0]} lacks （一）`,
        );
        assert.ok(
          section.some((l) => l.startsWith('（二）')),
          `section ${l1[k][0]} lacks （二）`,
        );
      }
      assert.match(lines[lines.length - 1], /^同志们，.*让我们.*而努力奋斗！$/);
    });

    it('开幕词 declares the meeting open, 闭幕词 declares it closed', () => {
      assert.ok(byPrefix('kaimuci').some((l) => /现在开幕！$/.test(l)));
      assert.match(byPrefix('bimuci').at(-1), /^现在，我宣布：.+闭幕！$/);
    });

    it('述职报告, 工作总结, 调研报告: title, numbered parts, 署名, date', () => {
      const titles = { shuzhi: /^[1-9]\d{3}年度述职报告$/, zongjie: /^.+[1-9]\d{3}年工作总结$/, diaoyan: /^关于.+的调研报告$/ };
      for (const [prefix, title] of Object.entries(titles)) {
        const lines = byPrefix(prefix, { samples: SAMPLES });
        assert.match(lines[0], title, prefix);
        assert.deepEqual(
          lines.filter((l) => /^[一二三四五]、/.test(l)).map((l) => l[0]),
          [...'一二三四五'].slice(0, lines.filter((l) => /^[一二三四五]、/.test(l)).length),
        );
        assert.ok(lines.filter((l) => /^[一二三四五]、/.test(l)).length >= 3, `${prefix}: at least three parts`);
        assert.match(lines.at(-1), DATE_LINE, prefix);
      }
    });
  });

  describe('Markdown (dist/snippets.markdown.json, written by the build)', () => {
    let markdown;
    before(() => {
      markdown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'dist', 'snippets.markdown.json'), 'utf8'));
    });
    const nonEmpty = (lines) => lines.filter((l) => l !== '');

    it('is contributed for Markdown, the plain snippets for plain text and gongwen', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
      const byLanguage = Object.fromEntries(manifest.contributes.snippets.map((s) => [s.language, s.path]));
      assert.deepEqual(byLanguage, {
        gongwen: './snippets/gongwen.json',
        plaintext: './snippets/gongwen.json',
        markdown: './dist/snippets.markdown.json',
      });
    });

    it('has the same snippets, prefixes, descriptions and lines as the plain ones', () => {
      assert.deepEqual(
        Object.keys(markdown),
        entries.map(([name]) => name),
      );
      for (const [name, snippet] of entries) {
        assert.equal(markdown[name].prefix, snippet.prefix);
        assert.equal(markdown[name].description, snippet.description);
        assert.deepEqual(nonEmpty(markdown[name].body), nonEmpty(snippet.body), name);
      }
    });

    it('keeps every paragraph apart in Markdown: a blank line between any two lines, never two', () => {
      for (const [name, snippet] of entries) {
        const text = expandSnippet(markdown[name].body, { samples: SAMPLES });
        assert.doesNotMatch(text, /[^\n]\n[^\n]/u, `${name}: two lines that Markdown would join into one paragraph`);
        assert.doesNotMatch(text, /\n\n\n/u, name);
        // What a Markdown renderer makes paragraphs of: runs of lines between blank lines.
        const paragraphs = text.split(/\n[ \t]*\n/u).filter((p) => p.trim() !== '');
        assert.equal(paragraphs.length, nonEmpty(expandSnippet(snippet.body, { samples: SAMPLES }).split('\n')).length, name);
      }
    });

    it('finds nothing in the Markdown snippets checked as Markdown', () => {
      const { check } = require('../dist/core.js');
      for (const [name] of entries) {
        const text = expandSnippet(markdown[name].body, { samples: SAMPLES });
        const findings = check(text, { format: 'markdown' });
        assert.equal(findings.length, 0, `${name}:\n${formatFindings(findings, text)}`);
      }
    });
  });

  describe('checker', () => {
    let check;
    before(() => {
      // Built by esbuild from server/src; `npm test` builds it before running mocha.
      ({ check } = require('../dist/core.js'));
      assert.equal(typeof check, 'function', 'dist/core.js must export check()');
    });

    const expectClean = (label, text) => {
      const findings = check(text, { format: 'plain' });
      assert.ok(Array.isArray(findings), 'check() must return an array');
      assert.equal(
        findings.length,
        0,
        `${label} expanded to text with ${findings.length} finding(s):\n` + `${formatFindings(findings, text)}\n--- text ---\n${text}`,
      );
    };

    for (const [name, snippet] of entries) {
      it(`finds nothing in the expanded ${name} (${snippet.prefix}) snippet`, () => {
        expectClean(`${name} (${snippet.prefix})`, expandSnippet(snippet.body));
      });

      it(`finds nothing in ${name} (${snippet.prefix}) filled in with sample text and other dates`, () => {
        for (const variables of [VARIABLES, ...OTHER_DATES]) {
          expectClean(`${name} (${snippet.prefix}) with samples`, expandSnippet(snippet.body, { variables, samples: SAMPLES }));
        }
      });
    }
  });
});
