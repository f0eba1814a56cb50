// A 5 MB document in one line (about 40 s on two cores): run by `npm run test:slow`, which the CI runs
// after `npm test`.
'use strict';
const assert = require('node:assert/strict');
const { core } = require('../helpers');

describe('a huge document', function () {
  this.timeout(600000);

  it('checks a 5 MB single-line document without error', () => {
    const line = '要全面加强机关作风建设，推动各项工作落地见效,关健X届😀'.repeat(200_000).slice(0, 5_000_000);
    const found = core.check(line, { date: '2026-06-01' });
    assert.ok(found.length > 0);
    for (const f of found.slice(0, 1000)) assert.ok(f.offset + f.length <= line.length);
  });
});
