// The language server and the editor's two new kinds of document: a Word document's text (scheme
// gongwen-docx) and garbled text (a GBK file opened as UTF-8).
'use strict';
const assert = require('node:assert/strict');
const iconv = require('iconv-lite');
const { startServer } = require('./lspClient');

describe('Word documents and garbled text in the language server', function () {
  this.timeout(60000);
  let server;
  const garbled = [];
  before(async () => {
    server = await startServer();
    server.conn.onNotification('gongwen/garbled', (p) => garbled.push(p));
  });
  after(() => server?.stop());

  // The first publication may come while the dictionary loads: wait for the one with findings.
  const open = (uri, text, languageId = 'plaintext', settled = (p) => p.diagnostics.length > 0) => {
    const published = server.nextDiagnostics((p) => p.uri === uri && settled(p));
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return published;
  };

  it('names the paragraph in each message of a Word document, and offers no edits on its read-only text', async () => {
    const uri = 'gongwen-docx:/tmp/gongwen-docx/%E6%8A%A5%E5%91%8A.docx';
    const p = await open(uri, '标题\n这是关健一年。\n', 'gongwen');
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].range.start.line, 1);
    assert.match(p.diagnostics[0].message, /^第 2 段：「关健」是错别字/);
    const actions = await server.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: p.diagnostics[0].range,
      context: { diagnostics: p.diagnostics },
    });
    assert.deepEqual(actions, []);
    const report = await server.conn.sendRequest('gongwen/checkDocument', { uri });
    assert.match(report.findings[0].message, /^第 2 段：「关健」是错别字/);
  });

  it('keeps the usual messages and fixes for a text file', async () => {
    const p = await open('file:///tmp/gongwen-docx/a.txt', '标题\n这是关健一年。\n');
    assert.match(p.diagnostics[0].message, /^「关健」是错别字/);
  });

  it('publishes nothing on garbled text and says why; checks it again once it reads right', async () => {
    const uri = 'file:///tmp/gongwen-docx/gbk.txt';
    const text = '关于做好春季农业生产工作的通知，，这是关健一年，各单位要抓好落实。';
    const p = await open(uri, iconv.decode(iconv.encode(text, 'gbk'), 'utf8'), 'plaintext', () => true);
    assert.deepEqual(p.diagnostics, []);
    const told = garbled.find((g) => g.uri === uri);
    assert.ok(told, 'a garbled notification');
    assert.match(told.reason, /GBK/);
    const again = server.nextDiagnostics((d) => d.uri === uri && d.diagnostics.length > 0);
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    assert.ok((await again).diagnostics.length >= 2);
    assert.equal(garbled.filter((g) => g.uri === uri).at(-1).reason, undefined);
  });
});
