// The language server's version guard: a check that finishes after the document changed must not
// publish its (stale) findings over the newer text's.
'use strict';
const assert = require('node:assert/strict');
const { startServer } = require('./lspClient');

const URI = 'file:///tmp/gongwen-stale/draft.txt';

describe('a stale check result', function () {
  this.timeout(60000);
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  it('is never published once a newer version of the document exists', async () => {
    // Long enough that the first complete check (it waits for the dictionary) is still running when
    // the edit arrives; the quick pass (no dictionary needed) is published first.
    const first = '这是关健一年，，要抓好落实。\n'.repeat(4000);
    const quick = server.nextDiagnostics((p) => p.uri === URI && p.version === 1);
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'plaintext', version: 1, text: first } });
    await quick;
    const changedAt = server.state.published.length;
    server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: '这是关键一年。\n' }],
    });
    const final = await server.nextDiagnostics((p) => p.uri === URI && p.version === 2);
    // Give a stale result that slipped through time to arrive after the newer one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = server.state.published.slice(changedAt).filter((p) => p.uri === URI);
    assert.deepEqual(
      after.map((p) => p.version).filter((v) => v !== 2),
      [],
      'a result for version 1 was published after version 2 arrived',
    );
    assert.deepEqual(final.diagnostics, []);
    assert.deepEqual(server.state.published.filter((p) => p.uri === URI).at(-1).diagnostics, []);
  });
});
