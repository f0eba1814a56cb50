// A settings file that cannot be read as one — a FIFO, a link to /dev/zero, a huge file — must cost
// a warning, never the editor's diagnostics: the language server reads .gongwen.json off its event
// loop, refuses anything but a regular file, and reads at most MAX_SETTINGS_BYTES.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { startServer } = require('./lspClient');

// Findings of rules that need no dictionary: the quick pass shows them within a second of opening.
const TEXT = '这是关键一年，，要抓好落实,加强领导。\n';
const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--help']).status === 0;

describe('hostile .gongwen.json through the language server', function () {
  this.timeout(60000);
  let dir;
  let server;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-hostile-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Folder `name` with a document, and its settings file made by `makeSettings(file)`. */
  function project(name, makeSettings) {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a.txt'), TEXT);
    if (makeSettings) makeSettings(path.join(folder, '.gongwen.json'));
    return { folder, uri: pathToFileURL(path.join(folder, 'a.txt')).href };
  }

  const published = (uri) => (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'punct-width');

  const cases = [
    ['a FIFO', (file) => spawnSync('mkfifo', [file]), canMakeFifo, /不是普通文件/],
    ['a symlink to /dev/zero', (file) => fs.symlinkSync('/dev/zero', file), fs.existsSync('/dev/zero'), /不是普通文件/],
    ['a 20 MB file', (file) => (fs.writeFileSync(file, '{"allowWords": ['), fs.truncateSync(file, 20 * 1024 * 1024)), true, /文件过大/],
  ];
  for (const [name, make, possible, warning] of cases) {
    it(`${name} as .gongwen.json: a warning, and every document still gets its diagnostics`, async function () {
      if (!possible) this.skip();
      const bad = project('bad', make);
      const good = project('good', (file) => fs.writeFileSync(file, JSON.stringify({ rules: { 'punct-dup': 'off' } })));
      server = await startServer({
        workspaceFolders: [
          { uri: pathToFileURL(bad.folder).href, name: 'bad' },
          { uri: pathToFileURL(good.folder).href, name: 'good' },
        ],
      });
      const badDone = server.nextDiagnostics(published(bad.uri), 20000);
      const goodDone = server.nextDiagnostics(published(good.uri), 20000);
      for (const { uri } of [bad, good]) server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: TEXT } });
      const [b, g] = await Promise.all([badDone, goodDone]);
      // The unreadable file is ignored: defaults apply there; the good file's setting applies here.
      assert.deepEqual(b.diagnostics.map((d) => d.code), ['punct-dup', 'punct-width']);
      assert.deepEqual(g.diagnostics.map((d) => d.code), ['punct-width']);
      assert.ok(server.state.shown.some((m) => warning.test(m)), `no warning in ${JSON.stringify(server.state.shown)}`);
    });
  }
});
