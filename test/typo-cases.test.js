// The typo table against a table of sentences (test/fixtures/typo-cases.tsv): each line is a
// sentence and the wrong→right pairs that must be flagged in it, in order; an empty second column
// means the sentence must stay quiet (legitimate superstrings, correct spellings).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { core, flagged } = require('./helpers');

const rows = fs
  .readFileSync(path.join(__dirname, 'fixtures', 'typo-cases.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t'));

describe('typo table', () => {
  it('holds at least 400 pairs', () => assert.ok(core.builtInTypoCount() >= 400, String(core.builtInTypoCount())));

  it('has flagged and quiet cases', () => {
    assert.ok(rows.filter((r) => (r[1] ?? '').trim() !== '').length >= 80);
    assert.ok(rows.filter((r) => (r[1] ?? '').trim() === '').length >= 50);
  });

  const table = fs.readFileSync(path.join(__dirname, '..', 'server', 'data', 'typo.tsv'), 'utf8');
  it('is well formed: wrong ≠ right, no duplicates, no corrections that are themselves listed as wrong', () => {
    const entries = table
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    const wrongs = new Set();
    for (const [wrong, right, source] of entries) {
      assert.ok(wrong && right && wrong !== right, `bad entry ${wrong}`);
      assert.ok(wrong.length >= 2, `single-character entry ${wrong}`);
      assert.ok(/^(S1|S2|S3|CY|GW|ODW)$/.test(source), `unknown source ${source} for ${wrong}`);
      assert.ok(!wrongs.has(wrong), `duplicate ${wrong}`);
      wrongs.add(wrong);
    }
    for (const [, right] of entries) assert.ok(!wrongs.has(right), `correction ${right} is listed as wrong`);
  });

  for (const [sentence, expected = ''] of rows) {
    const pairs = expected.trim() === '' ? [] : expected.split(',').map((p) => p.trim().split('→'));
    it(`${pairs.length ? 'flags' : 'stays quiet on'} 「${sentence}」`, () => {
      assert.deepEqual(flagged(sentence, 'typo'), pairs);
    });
  }
});
