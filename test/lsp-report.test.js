// An exported proofreading report opened in the editor is not a draft: the language server publishes
// no diagnostics for it (recognised by its mark, or by the name the export gives it), while a draft
// with the same text is checked.
'use strict';
const assert = require('node:assert/strict');
const { startServer } = require('./lspClient');

const MARK = '<!-- gongwen:proofreading-report -->';
const REPORT_TEXT = '# 校对报告：通知.txt\n\n| 1 | 1:6 | 错别字 | 关健，， | 关键 |\n';

describe('exported reports in the language server', function () {
  this.timeout(60000);
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  const open = (uri, text) => {
    const published = server.nextDiagnostics((p) => p.uri === uri);
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return published;
  };

  it('checks a draft holding the same words', async () => {
    const p = await open('file:///tmp/gongwen-report/draft.md', REPORT_TEXT);
    assert.ok(p.diagnostics.length > 0);
  });
  it('publishes nothing for a report carrying the mark', async () => {
    const p = await open('file:///tmp/gongwen-report/renamed.md', `${MARK}\n${REPORT_TEXT}`);
    assert.deepEqual(p.diagnostics, []);
  });
  it('publishes nothing for a file named as an export is', async () => {
    const p = await open(`file:///tmp/gongwen-report/${encodeURIComponent('通知-校对报告.md')}`, REPORT_TEXT);
    assert.deepEqual(p.diagnostics, []);
  });
});
