// The team's settings file .gongwen.json, as the CLI and the language server read it.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { runCli } = require('./cliRun');
const { startServer } = require('./lspClient');

const TEXT = '这是关健一年，，张三同志发言。\n';

async function cli(cwd, args) {
  const r = await runCli(['--format', 'json', ...args], { cwd });
  return { code: r.code, data: JSON.parse(r.out), err: r.err };
}

describe('.gongwen.json', () => {
  let dir;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-ws-'));
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'a.txt'), TEXT);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is read by the CLI from the current folder', async () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify({ rules: { 'punct-dup': 'off' }, typoPairs: { 张三: '李四' } }));
    const r = await cli(dir, ['drafts']);
    assert.deepEqual(
      r.data[0].diagnostics.map((d) => [d.rule, d.text]),
      [
        ['typo', '关健'],
        ['typo', '张三'],
      ],
    );
  });

  it('gives one clear warning when malformed and falls back to defaults', async () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), '{ "rules": ');
    const r = await cli(dir, ['drafts']);
    assert.match(r.err, /\.gongwen\.json 不是有效的 JSON/);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.deepEqual(
      r.data[0].diagnostics.map((d) => d.rule),
      ['typo', 'punct-dup'],
    );
  });

  it('warns about bad fields and unknown keys, naming the file', async () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify({ rules: { typo: 'loud' }, colour: 'red' }));
    const r = await cli(dir, ['drafts']);
    assert.match(r.err, /\.gongwen\.json：规则「typo」的严重程度「loud」无效/);
    assert.match(r.err, /未知设置项「colour」/);
  });

  it("is the nearest one for each file, as in the editor: a sub-folder's file wins over the current folder's", async () => {
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify({ rules: { 'punct-dup': 'off' } }));
    fs.mkdirSync(path.join(dir, 'drafts', 'sub'));
    fs.writeFileSync(path.join(dir, 'drafts', 'sub', '.gongwen.json'), JSON.stringify({ rules: { typo: 'off' } }));
    fs.writeFileSync(path.join(dir, 'drafts', 'sub', 'b.txt'), TEXT);
    const rulesOf = (r) => r.data.map((f) => [f.file, f.diagnostics.map((d) => d.rule)]);
    assert.deepEqual(rulesOf(await cli(dir, ['drafts'])), [
      [path.join('drafts', 'a.txt'), ['typo']],
      [path.join('drafts', 'sub', 'b.txt'), ['punct-dup']],
    ]);
    // Named alone, from the folder above: still the sub-folder's file.
    assert.deepEqual(rulesOf(await cli(dir, [path.join('drafts', 'sub', 'b.txt')])), [
      [path.join('drafts', 'sub', 'b.txt'), ['punct-dup']],
    ]);
    // --config replaces the lookup for every file.
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'dup-word': 'off' } }));
    assert.deepEqual(rulesOf(await cli(dir, ['--config', config, 'drafts'])), [
      [path.join('drafts', 'a.txt'), ['typo', 'punct-dup']],
      [path.join('drafts', 'sub', 'b.txt'), ['typo', 'punct-dup']],
    ]);
  });

  it('names each unknown rule and key once, with the file, in the CLI and in the editor', async () => {
    const file = path.join(dir, '.gongwen.json');
    fs.writeFileSync(file, JSON.stringify({ rules: { 'no-such-rule': 'off' }, colour: 'red' }));
    const r = await cli(dir, ['drafts', path.join('drafts', 'a.txt')]);
    assert.deepEqual(r.err.trim().split('\n'), [
      `gongwen：${file}：未知规则「no-such-rule」，已忽略。`,
      `gongwen：${file}：未知设置项「colour」，已忽略。`,
    ]);

    const server = await startServer({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
    try {
      const uri = pathToFileURL(path.join(dir, 'drafts', 'a.txt')).href;
      const done = server.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'typo'));
      server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: TEXT } });
      await done;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(server.state.shown, [
        `公文校对：${file}：未知规则「no-such-rule」，已忽略。`,
        `公文校对：${file}：未知设置项「colour」，已忽略。`,
      ]);
    } finally {
      await server.stop();
    }
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
      assert.deepEqual(
        (await first).diagnostics.map((d) => d.code),
        ['punct-dup'],
      );
      assert.ok(server.state.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));

      fs.writeFileSync(file, JSON.stringify({ rules: { 'punct-dup': 'off' } }));
      const second = server.nextDiagnostics((p) => p.uri === uri && codes(p) === 'typo');
      server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
      assert.deepEqual(
        (await second).diagnostics.map((d) => d.code),
        ['typo'],
      );
    } finally {
      await server.stop();
    }
  });

  describe("in a folder the user has not trusted (VS Code's Restricted Mode)", () => {
    /** Opens drafts/a.txt in a server started with the given trust; its complete diagnostics and the typo's code actions. */
    async function openWith(workspaceTrusted) {
      const server = await startServer({
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
        initializationOptions: { workspaceTrusted },
      });
      try {
        const uri = pathToFileURL(path.join(dir, 'drafts', 'a.txt')).href;
        // Both ways a typo is reported (关健, or 张三 by the file's pair) once the dictionary is loaded.
        const done = server.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'typo'));
        server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: TEXT } });
        await done;
        await new Promise((resolve) => setTimeout(resolve, 300));
        const diagnostics = server.state.published.filter((p) => p.uri === uri).at(-1).diagnostics;
        const typo = diagnostics.find((d) => d.code === 'typo');
        const actions = typo
          ? await server.conn.sendRequest('textDocument/codeAction', {
              textDocument: { uri },
              range: typo.range,
              context: { diagnostics: [typo] },
            })
          : [];
        return {
          codes: diagnostics.map((d) => d.code).sort(),
          messages: diagnostics.map((d) => d.message),
          actions: actions.map((a) => a.title),
          shown: [...server.state.shown],
        };
      } finally {
        await server.stop();
      }
    }

    beforeEach(() => {
      // Everything a received folder's file could use to hide findings or rewrite the text.
      fs.writeFileSync(
        path.join(dir, '.gongwen.json'),
        JSON.stringify({
          rules: { 'punct-dup': 'off' },
          typoPairs: { 张三: '李四' },
          allowWords: ['关健'],
          documentDate: '2001-01-01',
          typoContextMargin: 100,
        }),
      );
    });

    it('checks as if the file were not there, and says once that it is not applied', async () => {
      const r = await openWith(false);
      assert.ok(r.codes.includes('typo'), r.codes.join(','));
      assert.ok(r.codes.includes('punct-dup'), r.codes.join(','));
      assert.ok(!r.messages.some((m) => m.includes('李四')), 'a typo pair from the untrusted file was applied');
      const notices = r.shown.filter((m) => m.includes('受限模式'));
      assert.equal(notices.length, 1, r.shown.join('\n'));
      assert.match(notices[0], /\.gongwen\.json/);
      assert.match(
        notices[0],
        /^公文校对：受限模式：未采用此文件夹 \.gongwen\.json 中的 rules、typoPairs、allowWords、documentDate、typoContextMargin/,
      );
      assert.ok(notices[0].endsWith(path.join(dir, '.gongwen.json')), notices[0]);
      // 「在本工作区忽略」 would write into a file that is not applied: not offered.
      assert.ok(!r.actions.some((t) => t.startsWith('在本工作区忽略')), r.actions.join(' | '));
      assert.ok(r.actions.includes('改为「关键」'), r.actions.join(' | '));
    });

    it('applies the file once the folder is trusted (the client then restarts the server)', async () => {
      const r = await openWith(true);
      assert.ok(!r.codes.includes('punct-dup'), r.codes.join(','));
      assert.ok(!r.messages.some((m) => m.includes('关健')), '关健 is an allowed word of the trusted file');
      assert.ok(
        r.messages.some((m) => m.includes('李四')),
        'the typo pair of the trusted file',
      );
      assert.ok(!r.shown.some((m) => m.includes('受限模式')));
    });
  });
});
