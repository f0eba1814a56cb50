// LibreOffice opens what --fix wrote: its text equals the fixed .txt (issue 14's round-trip target).
// Slow (LibreOffice starts twice, 5–10 s each), so in `npm run test:slow`, which CI runs too.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root } = require('../helpers');
const { docxOfText } = require('../docxBuild');
const docx = require(path.join(root, 'dist', 'docx.js'));

const BIN = path.join(root, 'bin', 'gongwen.js');
function cli(args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const json = (args) => {
  const r = cli(['--format', 'json', ...args]);
  return { ...r, data: JSON.parse(r.out) };
};

describe('docx: LibreOffice reads a fixed document as the fixed text', function () {
  this.timeout(240000);
  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
  const convert = (dir, to, file) => {
    const r = spawnSync(
      soffice,
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', to, '--outdir', path.join(dir, 'out'), file],
      { encoding: 'utf8', timeout: 110000 },
    );
    assert.equal(r.status, 0, r.stderr);
  };

  before(function () {
    if (!soffice) {
      console.log('      SKIPPED: LibreOffice (soffice) is not installed; apt install libreoffice-writer-nogui to run this check');
      this.skip();
    }
  });

  it('a .docx that LibreOffice wrote from the example reads as the example, and once fixed converts back to the fixed .txt', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-docx-lo-'));
    try {
      const text = fs.readFileSync(path.join(root, 'examples', 'work-report.txt'), 'utf8');
      fs.writeFileSync(path.join(dir, 'report.txt'), text);
      convert(dir, 'docx:MS Word 2007 XML', path.join(dir, 'report.txt'));
      const word = path.join(dir, 'report.docx');
      fs.renameSync(path.join(dir, 'out', 'report.docx'), word);
      assert.equal(docx.readDocx(fs.readFileSync(word)).text, text);
      const r = json(['--fix', path.join(dir, 'report.txt'), word]);
      assert.ok(r.data[1].fixed > 0, 'the example has fixes to make');
      assert.equal(r.data[1].inWord, undefined);
      convert(dir, 'txt:Text (encoded):UTF8', word);
      const converted = fs
        .readFileSync(path.join(dir, 'out', 'report.txt'), 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r\n/g, '\n');
      assert.equal(converted, fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('soffice --convert-to txt of the fixed .docx equals the fixed .txt', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-docx-lo-'));
    try {
      const text = fs.readFileSync(path.join(root, 'examples', 'speech.txt'), 'utf8').replace(/\r?\n$/, '');
      fs.writeFileSync(path.join(dir, 'speech.txt'), text + '\n');
      fs.writeFileSync(path.join(dir, 'speech.docx'), docxOfText(text));
      cli(['--fix', path.join(dir, 'speech.txt'), path.join(dir, 'speech.docx')]);
      convert(dir, 'txt:Text (encoded):UTF8', path.join(dir, 'speech.docx'));
      const converted = fs
        .readFileSync(path.join(dir, 'out', 'speech.txt'), 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r\n/g, '\n');
      const fixed = fs.readFileSync(path.join(dir, 'speech.txt'), 'utf8');
      assert.notEqual(fixed, text + '\n', 'the example has fixes to make');
      assert.equal(converted.replace(/\n$/, ''), fixed.replace(/\n$/, ''));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
