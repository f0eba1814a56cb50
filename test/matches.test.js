// allMatches: the rules' replacement for String.prototype.matchAll, which copies the regex on every call.
'use strict';
const assert = require('node:assert/strict');
const { core } = require('./helpers');

const viaMatchAll = (re, text) => [...text.matchAll(re)].map((m) => [m.index, ...m]);
const viaAllMatches = (re, text) => core.allMatches(re, text).map((m) => [m.index, ...m]);

describe('allMatches', () => {
  const cases = [
    [/[，。]{2,}/gu, '好，，很好。。。'],
    [/(\d)x/g, '1x2x3y4x'],
    [/等等/gu, '没有'],
    // empty matches move on by a code point under u, by a code unit without it
    [/(?:)/gu, 'a😀b'],
    [/(?:)/g, 'a😀b'],
    [/x*/gu, '😀xx😀'],
    [/[\u{20000}-\u{2FFFF}]/gu, '𠀀一𠀁'],
  ];
  for (const [re, text] of cases) {
    it(`gives what matchAll gives for ${re} on 「${text}」`, () => assert.deepEqual(viaAllMatches(re, text), viaMatchAll(re, text)));
  }

  it('leaves lastIndex at 0, so the shared regex can be used again', () => {
    const re = /a/g;
    core.allMatches(re, 'aaa');
    assert.equal(re.lastIndex, 0);
    assert.equal(core.allMatches(re, 'a a').length, 2);
  });

  it('returns one frozen empty array when nothing matches', () => {
    const none = core.allMatches(/z/g, 'abc');
    assert.equal(none.length, 0);
    assert.ok(Object.isFrozen(none));
    assert.equal(core.allMatches(/y/g, 'abc'), none);
  });

  it('refuses a regex without the g flag, as matchAll does', () => {
    assert.throws(() => core.allMatches(/a/u, 'a'), TypeError);
  });
});
