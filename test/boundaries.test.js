// The layers' import rules (eslint.config.mjs, docs/architecture.md) hold: a sample import per layer
// is linted with ESLint's own API, so a rule that stops matching (a renamed folder, a wrong pattern)
// fails here rather than letting every import through silently.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ESLint } = require('eslint');
const { root } = require('./helpers');

// [file the import is written in, the import, whether the layers forbid it]
const CASES = [
  ['server/src/core/x.ts', 'vscode', true],
  ['server/src/core/x.ts', 'vscode-languageserver/node', true],
  ['server/src/core/x.ts', '../../../shared/protocol', true],
  ['server/src/core/x.ts', '../io/safeFile', true],
  ['server/src/core/rules/x.ts', '../../lsp/server', true],
  ['server/src/core/x.ts', 'node:worker_threads', true],
  ['server/src/core/x.ts', 'node:fs', false],
  ['server/src/core/rules/x.ts', '../chars', false],
  ['server/src/core/rules/x.ts', '../../../data/typo.tsv', false],
  ['server/src/io/x.ts', '../cli/cli', true],
  ['server/src/io/x.ts', 'vscode-languageserver/node', true],
  ['server/src/io/x.ts', '../core', false],
  ['server/src/lsp/x.ts', '../cli/checkFile', true],
  ['server/src/lsp/x.ts', 'vscode', true],
  ['server/src/lsp/x.ts', 'vscode-languageserver/node', false],
  ['server/src/lsp/x.ts', '../io/settingsFile', false],
  ['server/src/cli/x.ts', '../lsp/server', true],
  ['server/src/cli/x.ts', 'vscode-languageserver/node', true],
  ['server/src/cli/x.ts', '../core', false],
  ['server/src/cli/x.ts', '../../../shared/protocol', false],
  ['shared/x.ts', 'node:path', true],
  ['shared/x.ts', './other', true],
  ['client/src/x.ts', '../../server/src/core', true],
  ['client/src/x.ts', '../../server/src/io/settingsFile', true],
  ['client/src/x.ts', '../../server/src/core/chars', false],
  ['client/src/x.ts', '../../server/src/io/docx', false],
  ['client/src/x.ts', '../../shared/protocol', false],
  ['client/src/x.ts', 'vscode', false],
];

describe('layer boundaries (eslint no-restricted-imports)', () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });

  for (const [file, source, forbidden] of CASES) {
    it(`${file}: import '${source}' is ${forbidden ? 'an error' : 'allowed'}`, async () => {
      const [result] = await eslint.lintText(`import '${source}';\n`, { filePath: path.join(root, file) });
      const rules = result.messages.map((m) => m.ruleId);
      assert.deepEqual(rules, forbidden ? ['no-restricted-imports'] : [], JSON.stringify(result.messages));
    });
  }

  it('every server source file sits in a layer', () => {
    const loose = fs.readdirSync(path.join(root, 'server', 'src')).filter((name) => name.endsWith('.ts') && name !== 'tables.d.ts');
    assert.deepEqual(loose, [], 'server/src/*.ts belongs in core/, io/, lsp/ or cli/');
  });
});
