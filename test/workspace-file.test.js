// The team's settings file .gongwen.json, as the CLI and the language server read it.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { root } = require('./helpers');
const { startServer } = require('./lspClient');

const TEXT = '这是关健一年，，张三同志发言。\n';

function cli(cwd, args) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'gongwen.js'), '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, data: JSON.parse(r.stdout), err: r.stderr };
}

describe('.gongwen.json', () => {
  let dir;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-ws-'));
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'a.txt'), TEXT);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is read by the CLI from the current folder', () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify({ rules: { 'punct-dup': 'off' }, typoPairs: { 张三: '李四' } }));
    const r = cli(dir, ['drafts']);
    assert.deepEqual(r.data[0].diagnostics.map((d) => [d.rule, d.text]), [['typo', '关健'], ['typo', '张三']]);
  });

  it('gives one clear warning when malformed and falls back to defaults', () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), '{ "rules": ');
    const r = cli(dir, ['drafts']);
    assert.match(r.err, /\.gongwen\.json 不是有效的 JSON/);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.deepEqual(r.data[0].diagnostics.map((d) => d.rule), ['typo', 'punct-dup']);
  });

  it('warns about bad fields and unknown keys, naming the file', () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify({ rules: { typo: 'loud' }, colour: 'red' }));
    const r = cli(dir, ['drafts']);
    assert.match(r.err, /\.gongwen\.json：规则「typo」的严重程度「loud」无效/);
    assert.match(r.err, /未知设置项「colour」/);
  });

  it('is applied by the language server, and a change to it is picked up', async () => {
    const file = path.join(dir, '.gongwen.json');
    fs.writeFileSync(file, JSON.stringify({ allowWords: ['关健'] }));
    const server = await startServer({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }], watchFiles: true });
    try {
      const uri = pathToFileURL(path.join(dir, 'drafts', 'a.txt')).href;
      const codes = (p) => p.diagnostics.map((d) => d.code).join(',');
      // The first publication may be the quick pass; wait for the complete one.
      const first = server.nextDiagnostics((p) => p.uri === uri && codes(p) === 'punct-dup');
      server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: TEXT } });
      assert.deepEqual((await first).diagnostics.map((d) => d.code), ['punct-dup']);
      assert.ok(server.state.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));

      fs.writeFileSync(file, JSON.stringify({ rules: { 'punct-dup': 'off' } }));
      const second = server.nextDiagnostics((p) => p.uri === uri && codes(p) === 'typo');
      server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
      assert.deepEqual((await second).diagnostics.map((d) => d.code), ['typo']);
    } finally {
      await server.stop();
    }
  });
});
