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

/** Half-width punctuation touching a Chinese character: the checker's punct-width territory. */
const HALF_WIDTH_PUNCT_RE = new RegExp(
  `[${HAN}][,.;:?!()\\[\\]"']|[,.;:?!()\\[\\]"'][${HAN}]`,
  'u',
);

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
    if ((m = /^\$\{(\d+)\//.exec(rest))) fail('transforms are not supported');
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
 * FILL_IN; `$0` → ''; `${n|a,b|}` → a; variables → VARIABLES or their default.
 */
function expandSnippet(body) {
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
      case 'placeholder':
        return render(node.children, depth + 1);
      case 'choice':
        return node.options[0];
      case 'tabstop': {
        if (node.index === 0) return '';
        const def = defaults.get(node.index);
        return def ? renderNode(def, depth + 1) : FILL_IN;
      }
      case 'variable':
        if (Object.prototype.hasOwnProperty.call(VARIABLES, node.name)) return VARIABLES[node.name];
        if (node.children) return render(node.children, depth + 1);
        throw new Error(`unknown snippet variable $${node.name}`);
      default:
        throw new Error(`unknown node ${node.type}`);
    }
  }
  return render(nodes, 0);
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

/** Every default text and choice option in a body, as written. */
function defaultTexts(body) {
  const texts = [];
  const nodes = parseSnippet(body.join('\n'));
  walk(nodes, (node) => {
    if (node.type === 'placeholder') {
      texts.push(node.children.filter((c) => c.type === 'text').map((c) => c.value).join(''));
    }
    if (node.type === 'choice') texts.push(...node.options);
  });
  return texts;
}

function formatFindings(findings, text) {
  return findings
    .map((f) => {
      const at = typeof f.offset === 'number' ? f.offset : -1;
      const len = typeof f.length === 'number' ? f.length : 0;
      const around = at >= 0 ? text.slice(Math.max(0, at - 8), at + len + 8).replace(/\n/g, '⏎') : '';
      return `  [${f.rule}/${f.severity}] @${at}+${len} 「${at >= 0 ? text.slice(at, at + len) : ''}」 ` +
        `${f.message} (…${around}…) → ${JSON.stringify(f.suggestions)}`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

const raw = fs.readFileSync(SNIPPETS_PATH, 'utf8');
const snippets = JSON.parse(raw);
const entries = Object.entries(snippets);

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
    assert.ok(entries.length >= 8, `expected at least 8 snippets, got ${entries.length}`);
    for (const [name, snippet] of entries) {
      assert.equal(typeof snippet.prefix, 'string', `${name}: prefix must be one string`);
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, `${name}: body must be a non-empty array`);
      for (const line of snippet.body) assert.equal(typeof line, 'string', `${name}: body lines must be strings`);
      assert.equal(typeof snippet.description, 'string', `${name}: description missing`);
    }
  });

  it('has the required prefixes', () => {
    const prefixes = entries.map(([, s]) => s.prefix);
    for (const p of ['jianghua', 'baogao', 'tongzhi', 'qingshi', 'chengwei', 'yiji', 'erji', 'jieyu']) {
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
      it('has at least one tab stop with a Chinese default text or choice', () => {
        const stops = tabStops(snippet.body).filter((n) => n !== 0);
        assert.ok(stops.length > 0, `${name}: no tab stop`);
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
    });
  }

  describe('document structure', () => {
    const byPrefix = (p) => {
      const found = entries.find(([, s]) => s.prefix === p);
      assert.ok(found, `no snippet ${p}`);
      return expandSnippet(found[1].body).split('\n');
    };
    const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

    it('jianghua: title, 称谓 line, three 一、 sections with （一）（二）, closing call', () => {
      const lines = byPrefix('jianghua');
      assert.match(lines[0], /^在.+上的讲话$/);
      assert.ok(lines.includes('同志们：'), '「同志们：」 must stand alone on a line');
      const salutation = lines.indexOf('同志们：');
      assert.ok(lines[salutation + 1] && lines[salutation + 1].length > 10, 'an opening paragraph follows the 称谓');
      const l1 = lines.map((l, i) => [l, i]).filter(([l]) => /^[一二三四五六七八九十]+、/.test(l));
      assert.deepEqual(l1.map(([l]) => l.slice(0, 2)), ['一、', '二、', '三、']);
      for (let k = 0; k < l1.length; k++) {
        const end = k + 1 < l1.length ? l1[k + 1][1] : lines.length;
        const section = lines.slice(l1[k][1] + 1, end);
        assert.ok(section.some((l) => l.startsWith('（一）')), `section ${l1[k][0]} lacks （一）`);
        assert.ok(section.some((l) => l.startsWith('（二）')), `section ${l1[k][0]} lacks （二）`);
      }
      const last = lines[lines.length - 1];
      assert.match(last, /^同志们，.*让我们.*而努力奋斗！$/);
    });

    it('tongzhi: 关于……的通知, 主送机关：, 一、二、, 特此通知。, 署名, date', () => {
      const lines = byPrefix('tongzhi');
      assert.match(lines[0], /^关于.+的通知$/);
      assert.match(lines[1], /^[^，。]+：$/);
      assert.ok(lines.some((l) => l.startsWith('一、')) && lines.some((l) => l.startsWith('二、')));
      const end = lines.indexOf('特此通知。');
      assert.ok(end > 1, 'missing 「特此通知。」');
      assert.equal(lines.length, end + 3, '署名 and date follow 「特此通知。」');
      assert.ok(lines[end + 1].length > 0);
      assert.match(lines[end + 2], DATE_LINE);
    });

    it('qingshi: 关于……的请示, one 主送机关, 妥否，请批示。, 署名, date', () => {
      const lines = byPrefix('qingshi');
      assert.match(lines[0], /^关于.+的请示$/);
      assert.match(lines[1], /^[^，。、]+：$/, 'a 请示 has exactly one 主送机关');
      assert.equal(lines.filter((l) => /：$/.test(l)).length, 1, 'only one 主送机关 line');
      const end = lines.indexOf('妥否，请批示。');
      assert.ok(end > 1, 'missing 「妥否，请批示。」');
      assert.ok(lines[end + 1].length > 0);
      assert.match(lines[end + 2], DATE_LINE);
    });

    it('baogao: 关于……的报告, 主送机关：, sections, 署名, date; no 请示 wording', () => {
      const lines = byPrefix('baogao');
      assert.match(lines[0], /^关于.+的报告$/);
      assert.match(lines[1], /^[^，。]+：$/);
      assert.ok(lines.some((l) => l.startsWith('一、')));
      assert.match(lines[lines.length - 1], DATE_LINE);
      assert.ok(!lines.some((l) => /请批示|请审批/.test(l)), 'a 报告 must not ask for approval');
    });
  });

  describe('checker', () => {
    let check;
    before(() => {
      // Built by esbuild from server/src; `npm test` builds it before running mocha.
      ({ check } = require('../dist/core.js'));
      assert.equal(typeof check, 'function', 'dist/core.js must export check()');
    });

    for (const [name, snippet] of entries) {
      it(`finds nothing in the expanded ${name} (${snippet.prefix}) snippet`, () => {
        const text = expandSnippet(snippet.body);
        const findings = check(text, { format: 'plain' });
        assert.ok(Array.isArray(findings), 'check() must return an array');
        assert.equal(
          findings.length,
          0,
          `${name} (${snippet.prefix}) expanded to text with ${findings.length} finding(s):\n` +
            `${formatFindings(findings, text)}\n--- text ---\n${text}`,
        );
      });
    }
  });
});
