'use strict';
// client/src/report.ts: the 「全文检查」 report as webview HTML, exported HTML and Markdown.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadClientModule, ROOT } = require('./client-load');

const NONCE = 'q1w2e3r4t5y6u7i8o9p0AbCd';

function finding(line, character, rule, categoryLabel, text, extra = {}) {
  return {
    rule,
    category: rule,
    categoryLabel,
    severity: 'error',
    message: `${categoryLabel}：「${text}」有误。`,
    suggestions: [],
    text,
    range: { start: { line, character }, end: { line, character: character + text.length } },
    ...extra,
  };
}

const FINDINGS = [
  finding(4, 2, 'punct-dup', '标点', '，，', { suggestions: ['，'], severity: 'warning' }),
  finding(0, 5, 'typo', '错别字', '关健', { suggestions: ['关键'] }),
  finding(2, 0, 'placeholder', '未填内容', 'XX', { severity: 'error' }),
  finding(2, 9, 'typo', '错别字', '布署', { suggestions: ['部署'] }),
  finding(7, 1, 'dup-word', '重复', '的的', { suggestions: ['的', ''], severity: 'info' }),
];

describe('client/src/report.ts', function () {
  this.timeout(30000);
  let report;
  let l10n;
  before(() => {
    ({ l10n, ...report } = loadClientModule('report', { withL10n: true }));
  });

  const build = (overrides = {}) =>
    report.buildReport({
      documentName: '关于做好有关工作的通知.txt',
      findings: FINDINGS,
      charCount: 12345,
      elapsedMs: 12.4,
      checkedAt: new Date(2026, 0, 5, 9, 7),
      ...overrides,
    });

  describe('buildReport', () => {
    it('counts per category and per rule, most frequent first, and sorts findings by position', () => {
      const model = build();
      assert.equal(model.total, 5);
      assert.deepEqual(
        model.byCategory,
        [
          { label: '错别字', count: 2 },
          { label: '未填内容', count: 1 },
          { label: '标点', count: 1 },
          { label: '重复', count: 1 },
        ].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      );
      assert.deepEqual(
        model.byRule.map((r) => [r.rule, r.count]),
        [
          ['typo', 2],
          ['dup-word', 1],
          ['placeholder', 1],
          ['punct-dup', 1],
        ],
      );
      assert.deepEqual(model.bySeverity, { error: 3, warning: 1, info: 1, hint: 0 });
      assert.deepEqual(
        model.findings.map((f) => f.text),
        ['关健', 'XX', '布署', '，，', '的的'],
      );
    });

    it("does not reorder the caller's array", () => {
      const input = [...FINDINGS];
      build({ findings: input });
      assert.deepEqual(input, FINDINGS);
    });
  });

  describe('the webview page', () => {
    it('has a strict CSP: nothing loads from anywhere, only the nonced style and script run', () => {
      const html = report.renderWebviewHtml(build(), { nonce: NONCE });
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      assert.ok(csp, 'no CSP meta tag');
      assert.match(csp[1], /default-src 'none'/);
      assert.match(csp[1], new RegExp(`script-src 'nonce-${NONCE}'`));
      assert.match(csp[1], new RegExp(`style-src 'nonce-${NONCE}'`));
      assert.doesNotMatch(csp[1], /unsafe-inline|unsafe-eval|https?:|\*/);
      const scripts = html.match(/<script\b[^>]*>/g) || [];
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0], `<script nonce="${NONCE}">`);
      for (const style of html.match(/<style\b[^>]*>/g) || []) assert.equal(style, `<style nonce="${NONCE}">`);
      assert.doesNotMatch(html, /\s(src|href)=/i, 'no remote or local resources');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers (the CSP would block them)');
      assert.doesNotMatch(html, /https?:\/\//);
    });

    it('refuses a weak nonce', () => {
      assert.throws(() => report.renderWebviewHtml(build(), { nonce: 'abc' }), /nonce/);
      assert.throws(() => report.renderWebviewHtml(build(), { nonce: `${NONCE}"><script>` }), /nonce/);
    });

    it('makes every finding a button that posts its index back, in reading order', () => {
      const model = build();
      const html = report.renderWebviewHtml(model, { nonce: NONCE });
      const buttons = [...html.matchAll(/<button[^>]*data-action="reveal" data-index="(\d+)"[^>]*>([^<]*)<\/button>/g)];
      assert.deepEqual(
        buttons.map((b) => Number(b[1])),
        [0, 1, 2, 3, 4],
      );
      assert.deepEqual(
        buttons.map((b) => b[2]),
        ['1:6', '3:1', '3:10', '5:3', '8:2'],
      );
      assert.match(html, /data-action="export" data-format="md"/);
      assert.match(html, /data-action="export" data-format="html"/);
      assert.match(html, /data-action="rerun"/);
      assert.match(html, /id="stale"[^>]*hidden/);
    });

    it('has a script that turns clicks into messages and shows the stale notice', () => {
      const html = report.renderWebviewHtml(build(), { nonce: NONCE });
      const script = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)[1];
      // A minimal stand-in for the webview's DOM: enough for the handlers the script installs.
      class Element {
        constructor(attributes) {
          this.attributes = attributes;
        }
        getAttribute(name) {
          return this.attributes[name] ?? null;
        }
        closest() {
          return this;
        }
      }
      const posted = [];
      const handlers = {};
      const stale = { hidden: true };
      const documentStub = {
        addEventListener: (type, fn) => (handlers[`document.${type}`] = fn),
        getElementById: (id) => (id === 'stale' ? stale : null),
        querySelectorAll: () => [],
      };
      const windowStub = { addEventListener: (type, fn) => (handlers[`window.${type}`] = fn) };
      new Function('acquireVsCodeApi', 'document', 'window', 'Element', script)(
        () => ({ postMessage: (m) => posted.push(m) }),
        documentStub,
        windowStub,
        Element,
      );
      const click = (attributes) => handlers['document.click']({ target: new Element(attributes) });
      click({ 'data-action': 'reveal', 'data-index': '3' });
      click({ 'data-action': 'export', 'data-format': 'md' });
      click({ 'data-action': 'rerun' });
      assert.deepEqual(posted, [{ type: 'reveal', index: 3 }, { type: 'export', format: 'md' }, { type: 'rerun' }]);
      handlers['window.message']({ data: { type: 'stale', stale: true } });
      assert.equal(stale.hidden, false);
      handlers['window.message']({ data: { type: 'stale', stale: false } });
      assert.equal(stale.hidden, true);
    });

    it('shows the counts per category and per rule', () => {
      const html = report.renderWebviewHtml(build(), { nonce: NONCE });
      assert.match(html, /<button[^>]*data-action="filter"[^>]*>错别字<\/button><\/td><td class="num">2<\/td>/);
      assert.match(html, /<code>typo<\/code><\/td><td>错别字<\/td><td class="num">2<\/td>/);
    });

    it('escapes everything that comes from the document', () => {
      const evil = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';
      const model = build({
        documentName: `${evil}.txt`,
        findings: [finding(0, 0, 'residue', `<b>残留</b>`, evil, { message: evil, suggestions: [evil] })],
      });
      for (const html of [report.renderWebviewHtml(model, { nonce: NONCE }), report.renderExportHtml(model)]) {
        assert.ok(!html.includes('<script>alert'), 'raw script from the document');
        assert.ok(!html.includes('<img'), 'raw tag from the document');
        assert.ok(!html.includes('<b>残留'), 'raw tag from the category label');
        assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'), 'escaped text is shown');
      }
      assert.equal(report.escapeHtml(`<a href='x'>&"`), '&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
    });

    it('says so when nothing was found, and shows the speaking time of a speech', () => {
      const html = report.renderWebviewHtml(build({ findings: [], speech: { minutes: 14, pace: 220 } }), { nonce: NONCE });
      assert.match(html, /No problems found\./);
      assert.match(html, /about 14 min at 220 characters a minute/);
      assert.doesNotMatch(html, /data-action="reveal"/);
    });
  });

  describe('the exported files', () => {
    it('HTML: self-contained, no script, nothing loaded', () => {
      const html = report.renderExportHtml(build());
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /\s(src|href)=/i);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
      assert.doesNotMatch(html, /data-action/, 'no buttons that would do nothing outside VS Code');
      assert.match(html, /<td class="num">1<\/td><td class="pos">1:6<\/td>/);
      assert.equal(report.renderExport(build(), 'html'), html);
    });

    it('Markdown: summary, tables per category and rule, one row per finding', () => {
      const md = report.renderMarkdown(build());
      assert.match(md, /^# Proofreading report: 关于做好有关工作的通知\.txt$/m);
      assert.match(md, /^- Characters: 12,345 \(every character except whitespace; punctuation counts\)$/m);
      assert.match(md, /^- Checked: 2026-01-05 09:07$/m);
      assert.match(md, /^\| 错别字 \| 2 \|$/m);
      assert.match(md, /^\| `typo` \| 错别字 \| 2 \|$/m);
      const rows = md.split('\n').filter((l) => /^\| \d+ \| \d+:\d+ \|/.test(l));
      assert.equal(rows.length, 5);
      assert.match(rows[0], /^\| 1 \| 1:6 \| Error \| 错别字 `typo` \| 关健 \| .+ \| 关键 \|$/);
      assert.ok(rows[4].endsWith('| 的, (delete) |'), rows[4]);
      assert.equal(report.renderExport(build(), 'md'), md);
    });

    it('exports carry the report mark, so that neither the editor nor the CLI proofreads them', () => {
      const { isExportedReport } = loadClientModule('../../shared/protocol');
      for (const format of ['md', 'html']) {
        const text = report.renderExport(build(), format);
        assert.ok(isExportedReport(text), format);
        assert.ok(isExportedReport(text, `/tmp/renamed.${format}`), format);
      }
      // By name alone (reports exported before the mark, or copies the browser renamed).
      for (const name of ['通知-校对报告.md', '/tmp/通知-校对报告 (2).md', 'notice-proofreading-report.html'])
        assert.ok(isExportedReport('', name), name);
      for (const name of ['校对报告写作要求.md', '通知-校对报告.txt', '通知.md']) assert.ok(!isExportedReport('# 通知', name), name);
    });

    it('Markdown: text cannot break the table or inject markup', () => {
      const model = build({
        findings: [finding(0, 0, 'residue', '网页残留', 'a|b\n*c* <i>[x](y)', { message: '`code` | pipe' })],
      });
      const row = report
        .renderMarkdown(model)
        .split('\n')
        .find((l) => l.startsWith('| 1 |'));
      // Unescaped pipes are exactly the cell separators: 8 of them for 7 columns.
      assert.equal((row.match(/(?<!\\)\|/g) || []).length, 8, row);
      assert.ok(row.includes('a\\|b↵\\*c\\* \\<i\\>\\[x\\](y)'), row);
      assert.ok(row.includes('\\`code\\` \\| pipe'), row);
    });

    it('suggests a file name next to the document', () => {
      assert.equal(report.reportFileName('关于做好有关工作的通知.txt', 'md'), '关于做好有关工作的通知-proofreading-report.md');
      assert.equal(report.reportFileName('讲话稿.gongwen', 'html'), '讲话稿-proofreading-report.html');
      assert.equal(report.reportFileName('Untitled-1', 'md'), 'Untitled-1-proofreading-report.md');
      assert.equal(report.reportFileName('.gw', 'md'), '.gw-proofreading-report.md');
    });
  });

  describe('messages from the webview', () => {
    it('accepts only well-formed requests', () => {
      assert.deepEqual(report.parseReportRequest({ type: 'reveal', index: 2 }, 5), { type: 'reveal', index: 2 });
      assert.deepEqual(report.parseReportRequest({ type: 'export', format: 'html' }, 5), { type: 'export', format: 'html' });
      assert.deepEqual(report.parseReportRequest({ type: 'rerun' }, 5), { type: 'rerun' });
      for (const bad of [
        null,
        'reveal',
        { type: 'reveal', index: 5 },
        { type: 'reveal', index: -1 },
        { type: 'reveal', index: 1.5 },
        { type: 'reveal', index: '1' },
        { type: 'export', format: 'pdf' },
        { type: 'open', path: '/etc/passwd' },
      ]) {
        assert.equal(report.parseReportRequest(bad, 5), undefined, JSON.stringify(bad));
      }
    });
  });

  describe('in Chinese', () => {
    before(() => {
      const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
      l10n.config({ contents: bundle });
    });
    after(() => l10n.config({ contents: {} }));

    it('labels the report in Chinese, leaving the findings as the server wrote them', () => {
      const md = report.renderMarkdown(build({ speech: { minutes: 6, pace: 220 } }));
      assert.match(md, /^# 校对报告：关于做好有关工作的通知\.txt$/m);
      assert.match(md, /^- 字数：12,345（除空白外的全部字符，标点计入）$/m);
      assert.match(md, /^- 讲话时长：约 6 分钟（按每分钟 220 字计）$/m);
      assert.match(md, /^- 问题：5 处（错误 3、警告 1、信息 1）$/m);
      assert.match(md, /^## 按类别$/m);
      assert.match(md, /\| 的、（删除） \|$/m);
      assert.equal(report.reportFileName('通知.txt', 'md'), '通知-校对报告.md');
      const html = report.renderWebviewHtml(build(), { nonce: NONCE });
      assert.match(html, />导出为 Markdown…</);
      assert.match(html, />重新检查</);
    });
  });
});
