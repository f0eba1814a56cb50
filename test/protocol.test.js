// Speaks LSP to the built server (dist/server.js) over stdio, as an editor would.
'use strict';
const assert = require('node:assert/strict');
const { startServer } = require('./lspClient');

const URI = 'file:///tmp/gongwen-protocol/speech.txt';
const TEXT = '在会议上的讲话\n同志们：\n😀今年是关健一年，，要发展发展教育。\n确保X届人大会议成功。\n';

describe('language server protocol', function () {
  let server;
  let conn;
  let published;
  let shown;
  const nextDiagnostics = (predicate) => server.nextDiagnostics(predicate);

  before(async () => {
    server = await startServer();
    ({ conn } = server);
    ({ published, shown } = server.state);
    assert.ok(server.init.capabilities.codeActionProvider);
  });

  after(() => server?.stop());

  it('publishes diagnostics with rule codes, source and UTF-16 ranges on open', async () => {
    const quick = nextDiagnostics((x) => x.uri === URI);
    const full = nextDiagnostics((x) => x.uri === URI && x.diagnostics.some((d) => d.code === 'typo'));
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'plaintext', version: 1, text: TEXT } });
    // While the dictionary loads, the first publication holds what needs no segmentation.
    const first = await quick;
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['punct-dup', 'placeholder'],
    );
    const p = await full;
    const summary = p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
    assert.deepEqual(summary, [
      ['typo', 2, 5, 7],
      ['punct-dup', 2, 9, 11],
      ['dup-word', 2, 12, 16],
      ['placeholder', 3, 2, 3],
    ]);
    assert.ok(p.diagnostics.every((d) => d.source === 'gongwen' && /[\u4e00-\u9fff]/.test(d.message)));
  });

  it('offers a quick fix, a fix-all for the rule and "ignore this word"', async () => {
    const p = published.filter((x) => x.uri === URI).pop();
    const typo = p.diagnostics.find((d) => d.code === 'typo');
    const actions = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: typo.range,
      context: { diagnostics: [typo] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('改为「关键」'), titles.join(' | '));
    assert.ok(titles.includes('在本工作区忽略「关健」'));
    const fix = actions.find((a) => a.title === '改为「关键」');
    assert.deepEqual(fix.edit.changes[URI], [{ range: typo.range, newText: '关键' }]);
    const ignore = actions.find((a) => a.title.startsWith('在本工作区忽略'));
    assert.deepEqual(ignore.command.arguments, ['关健']);

    const all = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: typo.range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].edit.changes[URI].length, 3); // typo, punct-dup, dup-word; the placeholder needs a person
  });

  it('re-checks after an edit and drops the fixed finding', async () => {
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 7 } }, text: '关键' }],
    });
    const p = await nextDiagnostics((x) => x.uri === URI && x.version === 2);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['punct-dup', 'dup-word', 'placeholder'],
    );
  });

  it('coalesces rapid edits and ends with the diagnostics of the final text', async () => {
    for (let v = 3; v <= 40; v++) {
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version: v },
        contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: v % 2 ? '关健' : '，' }],
      });
    }
    const p = await nextDiagnostics((x) => x.uri === URI && x.version === 40);
    // Stale versions are skipped, not checked one by one.
    assert.ok(published.filter((x) => x.uri === URI && x.version > 2).length < 10);
    const codes = p.diagnostics.map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'typo').length, 19); // 19 × 「关健」 in the new line
  });

  it('answers gongwen/checkDocument and gongwen/fixes', async () => {
    const result = await conn.sendRequest('gongwen/checkDocument', { uri: URI });
    assert.equal(result.version, 40);
    assert.ok(result.findings.length > 0);
    assert.ok(result.charCount > 0);
    assert.ok(result.findings.every((f) => f.categoryLabel && f.text));
    const fixes = await conn.sendRequest('gongwen/fixes', { uri: URI, rule: 'typo' });
    assert.equal(fixes.version, 40);
    assert.ok(fixes.edits.length >= 19 && fixes.edits.every((e) => e.newText === '关键'));
  });

  it('applies settings: severities, allowed words and languages', async () => {
    server.state.settings = { rules: { 'dup-word': 'off', placeholder: 'hint' }, allowWords: ['关健'] };
    conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const p = await nextDiagnostics((x) => x.uri === URI && x.version === 40 && !x.diagnostics.some((d) => d.code === 'typo'));
    assert.ok(!p.diagnostics.some((d) => d.code === 'dup-word'));
    assert.equal(p.diagnostics.find((d) => d.code === 'placeholder').severity, 4);

    server.state.settings = { languages: ['markdown'] };
    conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const cleared = await nextDiagnostics((x) => x.uri === URI && x.diagnostics.length === 0);
    assert.equal(cleared.diagnostics.length, 0);
  });

  it('warns once about malformed settings and keeps checking with defaults', async () => {
    shown.length = 0;
    server.state.settings = { rules: { typo: 'loud' }, typoPairs: 'oops' };
    conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const p = await nextDiagnostics(
      (x) => x.uri === URI && x.diagnostics.some((d) => d.code === 'typo') && x.diagnostics.some((d) => d.code === 'dup-word'),
    );
    assert.ok(p.diagnostics.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(
      shown.some((m) => /严重程度「loud」无效/.test(m)),
      'shown: ' + JSON.stringify(shown) + ' diags: ' + JSON.stringify(p.diagnostics.map((d) => d.code)),
    );
    assert.ok(
      shown.some((m) => /typoPairs/.test(m)),
      shown.join('\n'),
    );
  });

  it('clears diagnostics when the document closes', async () => {
    conn.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const p = await nextDiagnostics((x) => x.uri === URI && x.diagnostics.length === 0 && x.version === undefined);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('language server: slow rules on idle', function () {
  this.timeout(30000);
  it('adds typo-context findings once typing pauses, and the full-document check includes them', async () => {
    const server = await startServer();
    try {
      const uri = 'file:///tmp/gongwen-idle/a.txt';
      const codes = (p) => p.diagnostics.map((d) => d.code);
      const fast = server.nextDiagnostics((p) => p.uri === uri && codes(p).includes('punct-dup') && !codes(p).includes('typo-context'));
      const idle = server.nextDiagnostics((p) => p.uri === uri && codes(p).includes('typo-context'));
      server.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'plaintext', version: 1, text: '坚持持旭推进重点工作落实，，\n' },
      });
      await fast;
      await idle;
      const full = await server.conn.sendRequest('gongwen/checkDocument', { uri });
      assert.ok(full.findings.some((f) => f.rule === 'typo-context'));
    } finally {
      await server.stop();
    }
  });
});
