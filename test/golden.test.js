// Golden fixtures: each input in test/fixtures/golden has the findings it must produce
// (<name>.expected.json) and the text after applying every unambiguous fix (<name>.fixed.<ext>).
// After a deliberate change, regenerate with `UPDATE_GOLDEN=1 npx mocha test/golden.test.js`
// and review the diff before committing it.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { core } = require('./helpers');

const DIR = path.join(__dirname, 'fixtures', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const inputs = fs
  .readdirSync(DIR)
  .filter((f) => !/\.(expected\.json|fixed\.\w+)$/.test(f))
  .sort();

describe('golden fixtures', () => {
  it('has fixtures', () => assert.ok(inputs.length >= 4));
  for (const name of inputs) {
    it(name, () => {
      const ext = path.extname(name);
      const base = name.slice(0, -ext.length);
      const text = fs.readFileSync(path.join(DIR, name), 'utf8');
      const findings = core.check(text, { format: ext === '.md' ? 'markdown' : 'plain', date: '2026-06-01' });
      const actual = findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        offset: f.offset,
        length: f.length,
        text: text.slice(f.offset, f.offset + f.length),
        suggestions: f.suggestions,
        message: f.message,
      }));
      const fixed = core.applyFixes(text, findings).text;
      const expectedFile = path.join(DIR, `${base}.expected.json`);
      const fixedFile = path.join(DIR, `${base}.fixed${ext}`);
      if (update) {
        fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
        fs.writeFileSync(fixedFile, fixed);
      }
      assert.deepEqual(actual, JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
      assert.equal(fixed, fs.readFileSync(fixedFile, 'utf8'));
      // Fixing never creates new findings.
      const after = core.check(fixed, { format: ext === '.md' ? 'markdown' : 'plain' });
      assert.ok(after.length <= findings.length);
      for (const f of after)
        assert.ok(
          findings.some((g) => g.rule === f.rule && g.message === f.message),
          `new finding after fix: ${f.message}`,
        );
    });
  }
});
