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
const { canMakeFifo } = require('./helpers');

// Findings of rules that need no dictionary: the quick pass shows them within a second of opening.
const TEXT = '这是关键一年，，要抓好落实,加强领导。\n';

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

  it('a FIFO, a link to /dev/zero and a 20 MB file as .gongwen.json: a warning each, and every document still gets its diagnostics', async () => {
    const bad = [
      canMakeFifo() && ['fifo', (file) => spawnSync('mkfifo', [file]), /fifo.*不是普通文件/],
      fs.existsSync('/dev/zero') && ['zero', (file) => fs.symlinkSync('/dev/zero', file), /zero.*不是普通文件/],
      ['huge', (file) => (fs.writeFileSync(file, '{"allowWords": ['), fs.truncateSync(file, 20 * 1024 * 1024)), /huge.*文件过大/],
    ]
      .filter(Boolean)
      .map(([name, make, warning]) => ({ ...project(name, make), name, warning }));
    const good = project('good', (file) => fs.writeFileSync(file, JSON.stringify({ rules: { 'punct-dup': 'off' } })));
    const all = [...bad, good];
    server = await startServer({ workspaceFolders: all.map((p) => ({ uri: pathToFileURL(p.folder).href, name: p.name ?? 'good' })) });
    const done = all.map((p) => server.nextDiagnostics(published(p.uri), 20000));
    for (const { uri } of all)
      server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: TEXT } });
    const results = await Promise.all(done);
    // An unreadable file is ignored: the defaults apply there; the good file's setting applies in its folder.
    results.slice(0, bad.length).forEach((p, i) =>
      assert.deepEqual(
        p.diagnostics.map((d) => d.code),
        ['punct-dup', 'punct-width'],
        bad[i].name,
      ),
    );
    assert.deepEqual(
      results[bad.length].diagnostics.map((d) => d.code),
      ['punct-width'],
    );
    for (const b of bad)
      assert.ok(
        server.state.shown.some((m) => b.warning.test(m)),
        `no warning for ${b.name} in ${JSON.stringify(server.state.shown)}`,
      );
  });
});
