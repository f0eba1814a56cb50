// 1,000 rapid incremental edits through the language server: whatever it skipped or coalesced on
// the way, its last diagnostics must equal a fresh check of the final text.
'use strict';
const assert = require('node:assert/strict');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { core } = require('./helpers');
const { startServer } = require('./lspClient');

const URI = 'file:///tmp/gongwen-edits/speech.txt';
const PIECES = ['关健', '，，', '发展发展', 'X届', '加强领导,', '。', '\n', '同志们：', '认真认真再认真', '😀', '\r\n', '一、', '的'];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('rapid edits through the language server', function () {
  this.timeout(60000);
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  it('ends with the diagnostics of a fresh check of the final text', async () => {
    const random = rng(20261122);
    let doc = TextDocument.create(URI, 'plaintext', 1, '在会议上的讲话\n同志们：\n今年是关键一年。\n');
    server.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'plaintext', version: 1, text: doc.getText() },
    });
    for (let v = 2; v <= 1001; v++) {
      const text = doc.getText();
      const at = Math.floor(random() * (text.length + 1));
      // Never split a surrogate pair: editors don't.
      const safe = (i) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i + 1 : i);
      const start = safe(at);
      const end = random() < 0.3 ? safe(Math.min(text.length, start + Math.floor(random() * 4))) : start;
      const insert = random() < 0.8 ? PIECES[Math.floor(random() * PIECES.length)] : '';
      const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
      doc = TextDocument.update(doc, [change], v);
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [change] });
    }
    const finalText = doc.getText();
    const expected = core.check(finalText).map((f) => [f.rule, doc.positionAt(f.offset), doc.positionAt(f.offset + f.length), f.message]);
    const actualOf = (p) => p.diagnostics.map((d) => [d.code, d.range.start, d.range.end, d.message]);
    // The server may publish a quick pass first; it must end with exactly the fresh check's findings.
    let lastSeen;
    await server
      .nextDiagnostics((p) => {
        if (p.uri !== URI || p.version !== 1001) return false;
        lastSeen = p;
        return JSON.stringify(actualOf(p)) === JSON.stringify(expected);
      }, 30000)
      .catch(() => assert.deepEqual(lastSeen ? actualOf(lastSeen) : [], expected));
    assert.ok(expected.length > 20, 'the final text should hold plenty of findings');
    // Stale versions were skipped rather than checked one by one.
    const published = server.state.published.filter((p) => p.uri === URI).length;
    assert.ok(published < 100, `published ${published} times for 1,000 edits`);
  });
});
