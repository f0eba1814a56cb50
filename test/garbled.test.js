// Garbled text in the editor: a document read with the wrong encoding gets no findings, and a reason.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const iconv = require('iconv-lite');
const { root } = require('./helpers');
const { garbledReason } = require(path.join(root, 'dist', 'garbled.js'));

const TEXT = '关于做好2026年春季农业生产工作的通知\n各乡镇人民政府，县直各有关单位：现将有关事项通知如下，请遵照执行。';

describe('garbled text', () => {
  it('flags a GBK file opened as UTF-8 (replacement characters)', () => {
    assert.match(garbledReason(iconv.decode(iconv.encode(TEXT, 'gbk'), 'utf8')), /GBK/);
  });
  it('flags a UTF-8 file opened as GBK (mojibake of rare characters)', () => {
    assert.match(garbledReason(iconv.decode(Buffer.from(TEXT), 'gbk')), /乱码/);
  });
  it('flags a UTF-8 file opened as Latin-1', () => {
    assert.match(garbledReason(iconv.decode(Buffer.from(TEXT), 'latin1')), /乱码/);
  });
  it('leaves real text alone: the examples, English, a stray replacement character, rare names', () => {
    for (const name of fs.readdirSync(path.join(root, 'examples'))) {
      const bytes = fs.readFileSync(path.join(root, 'examples', name));
      const text = name.includes('gbk') ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
      assert.equal(garbledReason(text), undefined, name);
    }
    assert.equal(garbledReason('Proofreading official documents, café résumé naïve.'), undefined);
    assert.equal(garbledReason(TEXT + '\uFFFD' + TEXT.repeat(3)), undefined);
    assert.equal(garbledReason('喆、堃、昇、赟、珺同志任职通知：' + TEXT), undefined);
    assert.equal(garbledReason(''), undefined);
  });
});
