// Runs inside a real VS Code with the extension loaded (see ../run.js). The workspace holds
// sample.txt, whose text contains the typo 关健 and the doubled comma ，，.
'use strict';

const assert = require('assert');
const vscode = require('vscode');

const SOURCE = 'gongwen';
const EXTENSION_ID = 'gongwen.gongwen';
const WAIT_MS = 15_000;

suite('公文校对 in VS Code', function () {
  this.timeout(60_000);

  /** @type {vscode.TextDocument} */
  let document;

  suiteSetup(async () => {
    document = await vscode.workspace.openTextDocument(await sampleUri());
    await vscode.window.showTextDocument(document);
    // Opening a plaintext file activates the extension; activating explicitly surfaces errors here.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('publishes a typo diagnostic over 关健 and a punct-dup diagnostic', async () => {
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some(hasRule('typo')) && found.some(hasRule('punct-dup')));
    const typo = diagnostics.find(hasRule('typo'));
    assert.ok(typo, `no typo diagnostic; got ${describeAll(document, diagnostics)}`);
    assert.strictEqual(document.getText(typo.range), '关健');
    const punct = diagnostics.find(hasRule('punct-dup'));
    assert.ok(punct, `no punct-dup diagnostic; got ${describeAll(document, diagnostics)}`);
    assert.match(document.getText(punct.range), /，/);
  });

  test('offers a quick fix that replaces 关健 with 关键', async () => {
    const typo = (await waitForDiagnostics(document.uri, (found) => found.some(hasRule('typo')))).find(hasRule('typo'));
    assert.ok(typo, 'no typo diagnostic');
    // The last argument asks VS Code to resolve lazily computed edits, should the server use them.
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, typo.range, undefined, 20);
    const expected = document.getText().replace('关健', '关键');
    const fix = (actions || []).find((action) => action.edit && applyEditToText(document, action.edit) === expected);
    assert.ok(fix, `no code action turns 关健 into 关键; got: ${(actions || []).map((a) => a.title).join(' | ') || '(none)'}`);
  });

  test('「公文：全文检查」 runs and reports the findings', async () => {
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand('gongwen.checkDocument');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(result, 'the command returned no result (was the server running?)');
    const rules = result.findings.map((finding) => finding.rule);
    assert.ok(rules.includes('typo'), `findings: ${rules.join(', ')}`);
    assert.ok(rules.includes('punct-dup'), `findings: ${rules.join(', ')}`);
    assert.strictEqual(result.charCount, document.getText().replace(/\s+/g, '').length);
  });

  test('「公文：修正全部可自动修正的问题」 fixes the typo and the doubled comma', async () => {
    await vscode.window.showTextDocument(document);
    try {
      const fixed = await vscode.commands.executeCommand('gongwen.fixAll');
      assert.ok(fixed >= 2, `fixed ${fixed} places`);
      assert.ok(document.getText().includes('关键'), document.getText());
      assert.ok(!document.getText().includes('，，'), document.getText());
    } finally {
      // Leave sample.txt as it was on disk for any later test.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('gongwen documents wrap long lines and box no full-width character by default', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'gongwen' });
    assert.strictEqual(editor.get('wordWrap'), 'on');
    assert.strictEqual(editor.get('unicodeHighlight.ambiguousCharacters'), false);
    assert.strictEqual(editor.get('unicodeHighlight.nonBasicASCII'), false);
    assert.deepStrictEqual(editor.get('unicodeHighlight.allowedCharacters'), { '\u3000': true });
    // Plain text keeps VS Code's own defaults.
    assert.notStrictEqual(
      vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('unicodeHighlight.nonBasicASCII'),
      false,
    );
  });

  test('「在本工作区忽略」 adds the word to the workspace file .gongwen.json and silences it', async () => {
    const draft = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '这是关健环节。\n' });
    await vscode.window.showTextDocument(draft);
    await waitForDiagnostics(draft.uri, (found) => found.some(hasRule('typo')));

    const folder = vscode.workspace.workspaceFolders[0].uri;
    const file = vscode.Uri.joinPath(folder, '.gongwen.json');
    try {
      await vscode.commands.executeCommand('gongwen.allowWord', '关健');
      await vscode.commands.executeCommand('gongwen.allowWord', '关健'); // a second time must not duplicate
      const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
      assert.deepStrictEqual(saved.allowWords, ['关健']);
      const remaining = await waitForDiagnostics(draft.uri, (found) => !found.some(hasRule('typo')));
      assert.ok(!remaining.some(hasRule('typo')), `typo still reported: ${describeAll(draft, remaining)}`);
    } finally {
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });
});

// ---------------------------------------------------------------------------------------------

async function sampleUri() {
  if (process.env.GONGWEN_TEST_SAMPLE) return vscode.Uri.file(process.env.GONGWEN_TEST_SAMPLE);
  const [found] = await vscode.workspace.findFiles('sample.txt');
  assert.ok(found, 'sample.txt not found: run this suite through test/vscode/run.js');
  return found;
}

/** Polls the diagnostics with source 'gongwen' until `done` holds or WAIT_MS pass; returns the last ones seen. */
async function waitForDiagnostics(uri, done) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
    if (done(found) || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hasRule(rule) {
  return (diagnostic) => ruleOf(diagnostic) === rule;
}

/** `code` is the rule id; VS Code turns it into `{ value, target }` when the server adds a link. */
function ruleOf(diagnostic) {
  const code = diagnostic.code;
  return String(code && typeof code === 'object' ? code.value : code);
}

function describeAll(document, diagnostics) {
  if (diagnostics.length === 0) return '(no gongwen diagnostics)';
  return diagnostics
    .map((d) => `${ruleOf(d)}「${document.getText(d.range)}」@${d.range.start.line + 1}:${d.range.start.character + 1}`)
    .join(', ');
}

/** The document's text after applying the edits a WorkspaceEdit makes to it (without touching the editor). */
function applyEditToText(document, workspaceEdit) {
  const edits = workspaceEdit.get(document.uri);
  if (!edits || edits.length === 0) return undefined;
  let text = document.getText();
  const ordered = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  for (const edit of ordered) {
    text = text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
  }
  return text;
}
