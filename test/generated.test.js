// The copies of the rule list (package.json's severity enums, the .gongwen.json schema, the nls rule
// lists, the README table) are written by scripts/generate.mjs from the rule registry: they must not drift.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { core, root } = require('./helpers');

describe('generated rule lists (npm run generate)', () => {
  let generator;
  before(async () => {
    generator = await import(pathToFileURL(path.join(root, 'scripts', 'generate.mjs')).href);
  });

  it('are up to date with the rule registry', () => {
    assert.deepEqual(generator.drift(), [], 'run npm run generate');
  });

  it('fail when the registry gains a rule that docs/rules.tsv does not name', () => {
    const rules = [...core.RULES, { id: 'new-rule', defaultSeverity: 'warning' }];
    assert.throws(() => generator.ruleDocs(rules), /missing new-rule/);
  });

  it('would change every copy when a rule is added', () => {
    const docs = [
      ...generator.ruleDocs(),
      { id: 'new-rule', severity: 'hint', zh: '新规则', en: 'new rule', category: '新', flags: '甲', quiet: '乙' },
    ];
    assert.deepEqual(generator.drift(generator.generated(docs)).sort(), [
      'README.md',
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      'schemas/gongwen.schema.json',
    ]);
  });
});
