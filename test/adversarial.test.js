// The pathological inputs of the benchmark (bench/adversarial.js), at a small size: each still gets
// the findings it should (no timing here: `npm run bench` measures time per character). And the
// Markdown inline scanner, written by hand for linear time, finds exactly the spans of the pattern
// it replaced, on random lines.
'use strict';
const assert = require('node:assert/strict');
const fc = require('fast-check');
const { core } = require('./helpers');
const { CASES } = require('../bench/adversarial');

describe('pathological inputs', function () {
  this.timeout(60000);

  for (const c of CASES) {
    it(`${c.name}: ${c.about}`, () => {
      const text = c.make ? c.make(2000) : '我们要全面加强机关作风建设,推动各项工作落地见效。'.repeat(80);
      const findings = core.check(text, { format: c.format, date: '2026-06-01' });
      for (const f of findings) assert.ok(f.offset >= 0 && f.offset + f.length <= text.length);
      assert.ok(
        c.expect(findings, text),
        `unexpected findings: ${JSON.stringify(findings.slice(0, 5).map((f) => [f.rule, text.slice(f.offset, f.offset + f.length)]))}`,
      );
    });
  }

  it('the Markdown inline scanner finds the spans of the pattern it replaced', () => {
    const INLINE = /<!--.*?-->|`+[^`]*`+|\]\([^)\s]*(?:\s+"[^"]*")?\)|<(?:https?:|mailto:)[^>]*>|<\/?[A-Za-z][^>]*>/g;
    const pieces = [
      '<',
      '>',
      '<!--',
      '-->',
      '`',
      '``',
      ']',
      '(',
      ')',
      '](',
      ' ',
      '"',
      'a',
      '/',
      '<http:',
      '<mailto:',
      '<https:',
      '\u2028',
      '字',
      '\t',
      '\u3000',
      '-',
      '!',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')),
        (line) => {
          const want = [...line.matchAll(INLINE)].map((m) => [m.index, m.index + m[0].length]);
          assert.deepEqual(core.inlineSpans(line), want, JSON.stringify(line));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
