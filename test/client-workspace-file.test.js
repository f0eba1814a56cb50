'use strict';
// client/src/workspaceFile.ts: how 「在本工作区忽略此词」 adds a word to .gongwen.json, and how the
// client reads the file's speechPace. The result must stay readable by the server's reader.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadClientModule, loadServerModule } = require('./client-load');

describe('client/src/workspaceFile.ts (.gongwen.json)', function () {
  this.timeout(30000);
  let wf;
  before(() => {
    wf = loadClientModule('workspaceFile');
  });

  describe('addAllowWord', () => {
    it('creates the file when it is missing or empty', () => {
      for (const before of [undefined, '', '  \n']) {
        const { text, added } = wf.addAllowWord(before, '张三丰');
        assert.equal(added, true);
        assert.equal(text, '{\n  "allowWords": [\n    "张三丰"\n  ]\n}\n');
      }
    });

    it('appends to the list, keeping the other fields and their order', () => {
      const before =
        '{\n  "rules": {\n    "dup-word": "off"\n  },\n  "allowWords": [\n    "关健"\n  ],\n  "documentDate": "2026-01-05"\n}\n';
      const { text, added } = wf.addAllowWord(before, '东江');
      assert.equal(added, true);
      const json = JSON.parse(text);
      assert.deepEqual(Object.keys(json), ['rules', 'allowWords', 'documentDate']);
      assert.deepEqual(json.allowWords, ['关健', '东江']);
      assert.deepEqual(json.rules, { 'dup-word': 'off' });
      assert.ok(text.endsWith('}\n'));
    });

    it('adds the list at the end when the file has none', () => {
      const { text } = wf.addAllowWord('{"rules": {"typo": "warning"}}', '东江');
      assert.deepEqual(JSON.parse(text), { rules: { typo: 'warning' }, allowWords: ['东江'] });
    });

    it('leaves the file alone when the word is already there, and drops duplicates when it adds', () => {
      const before = '{\n  "allowWords": ["关健", "东江"]\n}\n';
      assert.deepEqual(wf.addAllowWord(before, '东江'), { text: before, added: false });
      const { text } = wf.addAllowWord('{"allowWords": ["甲", "甲", "乙"]}', '丙');
      assert.deepEqual(JSON.parse(text).allowWords, ['甲', '乙', '丙']);
    });

    it('keeps the indentation, line endings, BOM and missing final newline', () => {
      const tabs = wf.addAllowWord('{\n\t"allowWords": []\n}\n', '甲').text;
      assert.equal(tabs, '{\n\t"allowWords": [\n\t\t"甲"\n\t]\n}\n');
      const four = wf.addAllowWord('{\n    "rules": {}\n}', '甲').text;
      assert.equal(four, '{\n    "rules": {},\n    "allowWords": [\n        "甲"\n    ]\n}');
      const crlf = wf.addAllowWord('{\r\n  "rules": {}\r\n}\r\n', '甲').text;
      assert.ok(!/[^\r]\n/.test(crlf), JSON.stringify(crlf));
      assert.ok(crlf.endsWith('}\r\n'));
      const bom = wf.addAllowWord('\uFEFF{"rules": {}}', '甲').text;
      assert.ok(bom.startsWith('\uFEFF{'));
      assert.deepEqual(JSON.parse(bom.slice(1)).allowWords, ['甲']);
    });

    it('refuses to overwrite a file it cannot parse or whose allowWords is not a list', () => {
      const cases = [
        ['{ "allowWords": [ // 注释\n ] }', 'invalid-json'],
        ['{"allowWords": ["甲",]}', 'invalid-json'],
        ['["甲"]', 'not-an-object'],
        ['"甲"', 'not-an-object'],
        ['{"allowWords": "甲"}', 'allow-words-not-an-array'],
      ];
      for (const [before, reason] of cases) {
        assert.throws(
          () => wf.addAllowWord(before, '乙'),
          (error) => error instanceof wf.WorkspaceFileError && error.reason === reason,
          before,
        );
      }
    });

    it('writes a file the language server reads back with the word allowed', () => {
      // Built from server/src/io/settingsFile.ts on the fly, like the client modules (a build failure fails the test).
      const server = loadServerModule('server/src/io/settingsFile.ts');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-allow-'));
      try {
        const file = path.join(dir, wf.WORKSPACE_FILE_NAME);
        fs.writeFileSync(file, '{\n  "rules": {"dup-word": "off"}\n}\n');
        fs.writeFileSync(file, wf.addAllowWord(fs.readFileSync(file, 'utf8'), '东江').text);
        const read = server.readWorkspaceFile(file);
        assert.deepEqual(read.warnings, []);
        assert.deepEqual(read.options.allowWords, ['东江']);
        assert.equal(server.findWorkspaceFile(path.join(dir, 'sub'), dir) ?? server.findWorkspaceFile(dir, dir), file);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('speechPaceFromFile', () => {
    it('reads a plausible speechPace and ignores anything else', () => {
      assert.equal(wf.speechPaceFromFile('{"speechPace": 180}'), 180);
      assert.equal(wf.speechPaceFromFile('\uFEFF{"speechPace": 250, "allowWords": []}'), 250);
      for (const bad of [undefined, '', '{', '[]', '{"speechPace": "fast"}', '{"speechPace": 5000}', '{}']) {
        assert.equal(wf.speechPaceFromFile(bad), undefined, String(bad));
      }
    });
  });

  describe('detectIndent', () => {
    it('finds spaces or tabs, 2 by default', () => {
      assert.equal(wf.detectIndent('{\n    "a": 1\n}'), 4);
      assert.equal(wf.detectIndent('{\n\t"a": 1\n}'), '\t');
      assert.equal(wf.detectIndent('{"a": 1}'), 2);
    });
  });
});
