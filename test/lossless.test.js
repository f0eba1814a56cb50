// --fix never loses a byte (issue 15). In-process, with the CLI's own file code (server/src/cli/checkFile.ts,
// built on the fly like the client modules): a write made to fail at each of its steps, files that do
// not round-trip in their encoding, read-only and hard-linked files, a file changed while it is
// checked — each asserting that the file is byte-identical afterwards and that the failure is
// reported with the findings. Then a property over random texts in every encoding: no byte outside
// the spans of the reported fixes changes, and fixing again changes nothing.
//
// GONGWEN_PROPERTY_RUNS=20000 npx mocha --no-config test/lossless.test.js   # the long run (default: a short one)
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fc = require('fast-check');
const iconv = require('iconv-lite');
const { core, root } = require('./helpers');

/** server/src/cli/checkFile.ts (and with it io/safeFile.ts and io/encoding.ts), bundled for this process. */
function loadCliCheck() {
  const esbuild = require('esbuild');
  const out = esbuild.buildSync({
    stdin: {
      contents: [
        "export { checkFile } from './cli/checkFile';",
        "export { writeFaults } from './io/safeFile';",
        "export { decode } from './io/encoding';",
        "export { Checker } from './core';",
      ].join('\n'),
      resolveDir: path.join(root, 'server', 'src'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    external: ['nodejieba'],
    loader: { '.tsv': 'text' },
    logLevel: 'silent',
  });
  const Module = require('node:module');
  // Beside dist/, so that the checker finds the trimmed dictionary the build wrote there.
  const file = path.join(root, 'dist', 'checkFile.test-bundle.js');
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(out.outputFiles[0].text, file);
  return mod.exports;
}

const OPTIONS = { date: '2026-06-01' };
const TEXT = '这是关健一年，，要抓好落实。\r\n加强领导,狠抓落实X届。\n';

describe('--fix loses nothing', function () {
  this.timeout(120000);
  let cli;
  let checker;
  let dir;
  before(() => {
    cli = loadCliCheck();
    checker = new cli.Checker();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-lossless-'));
  });
  afterEach(() => {
    cli.writeFaults.before = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fix = (file) => cli.checkFile(file, checker, OPTIONS, true);
  const put = (name, bytes, mode) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    if (mode !== undefined) fs.chmodSync(file, mode);
    return file;
  };
  /** The folder holds exactly these names: no temporary file was left behind. */
  const onlyFiles = (...names) => assert.deepEqual(fs.readdirSync(dir).sort(), [...names].sort());

  it('writes a fixed file in place, keeping its mode, and leaves no temporary file', () => {
    const file = put('a.txt', TEXT, 0o640);
    const r = fix(file);
    assert.equal(r.notFixed, undefined);
    assert.equal(r.fixed, 3);
    assert.equal(fs.readFileSync(file, 'utf8'), '这是关键一年，要抓好落实。\r\n加强领导，狠抓落实X届。\n');
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o640); // Windows keeps only read-only
    onlyFiles('a.txt');
  });

  for (const step of ['check', 'open', 'write', 'sync', 'chmod', 'close', 'rename']) {
    it(`keeps the file byte-identical when the write fails at "${step}", and reports it with the findings`, () => {
      const file = put('a.txt', TEXT);
      const before = fs.readFileSync(file);
      const seen = [];
      cli.writeFaults.before = (s) => {
        seen.push(s);
        if (s === step) throw Object.assign(new Error(`injected ${s}`), { code: 'EIO' });
      };
      const r = fix(file);
      assert.ok(seen.includes(step), `step ${step} never reached (${seen})`);
      assert.deepEqual(fs.readFileSync(file), before);
      assert.match(r.notFixed, /写入失败：磁盘读写出错/);
      assert.equal(r.fixed, undefined);
      assert.deepEqual(
        r.diagnostics.map((d) => d.text),
        ['关健', '，，', ',', 'X'],
      );
      onlyFiles('a.txt');
    });
  }

  it('keeps the file when it is written to while being checked', () => {
    const file = put('a.txt', TEXT);
    cli.writeFaults.before = (s) => {
      if (s === 'check') fs.appendFileSync(file, '新写的一段。\n');
    };
    const r = fix(file);
    assert.match(r.notFixed, /检查期间被改动/);
    assert.equal(fs.readFileSync(file, 'utf8'), TEXT + '新写的一段。\n');
  });

  it('does not write a read-only file, and still reports its findings', () => {
    const file = put('a.txt', TEXT, 0o444);
    const r = fix(file);
    assert.match(r.notFixed, /只读/);
    assert.equal(r.diagnostics.length, 4);
    assert.equal(fs.readFileSync(file, 'utf8'), TEXT);
  });

  it('does not part a file from its hard links', () => {
    const file = put('a.txt', TEXT);
    fs.linkSync(file, path.join(dir, 'b.txt'));
    const r = fix(file);
    assert.match(r.notFixed, /硬链接/);
    assert.equal(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8'), TEXT);
  });

  const bom8 = Buffer.from([0xef, 0xbb, 0xbf]);
  const le = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf16le')]);
  const unwritable = [
    [
      'UTF-8 with BOM and invalid bytes FF FE',
      Buffer.concat([bom8, Buffer.from('这是关健一年'), Buffer.from([0xff, 0xfe]), Buffer.from('，，好。\n')]),
      /不合 UTF-8/,
    ],
    [
      'GBK with invalid bytes 80 FF',
      Buffer.concat([
        iconv.encode('这是关健一年，，全面加强机关作风建设', 'gbk'),
        Buffer.from([0x80, 0xff]),
        iconv.encode('要抓好落实。\n', 'gbk'),
      ]),
      /不合 GB18030/,
    ],
    ['UTF-16LE with an odd last byte', Buffer.concat([le('这是关健一年，，要抓好落实。\n'), Buffer.from([0x41])]), /奇数/],
    [
      'UTF-16BE with an odd last byte',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('这是关健一年，，要抓好落实。\n', 'utf16be'), Buffer.from([0x41])]),
      /奇数/,
    ],
    [
      'UTF-16LE without BOM, odd length',
      Buffer.concat([iconv.encode('这是关健一年，，要抓好落实。\n', 'utf16le'), Buffer.from([0x41])]),
      /奇数/,
    ],
    [
      'Shift-JIS (Japanese)',
      iconv.encode('これは日本語の文書です。会議は東京で開かれました，，そして終わりました。\n', 'shift_jis'),
      /Shift-JIS/,
    ],
  ];
  for (const [name, bytes, reason] of unwritable) {
    it(`checks ${name} but does not write it, saying why`, () => {
      const file = put('a.txt', bytes);
      const r = fix(file);
      assert.equal(r.error, undefined);
      assert.match(r.notFixed, reason);
      assert.ok(r.diagnostics.length > 0, 'the findings are still reported');
      assert.deepEqual(fs.readFileSync(file), bytes);
    });
  }

  it('reads Shift-JIS as Japanese, not as GB18030', () => {
    const r = cli.checkFile(
      put('a.txt', iconv.encode('これは日本語の文書です。東京で会議が開かれました。\n', 'shift_jis')),
      checker,
      OPTIONS,
      false,
    );
    assert.equal(r.encoding, 'Shift-JIS');
  });

  it('still writes GBK, UTF-16 and lone surrogates that round-trip, changing only the fixed bytes', () => {
    const cases = [
      ['gbk', iconv.encode(TEXT, 'gbk'), (s) => iconv.encode(s, 'gbk')],
      ['utf16le', le('𠀀关健，，😀\n'), le],
      [
        'lone surrogate',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('好\ud800，，好。\n', 'utf16le')]),
        (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
      ],
    ];
    for (const [name, bytes, enc] of cases) {
      const file = put(`${name}.txt`, bytes);
      const r = fix(file);
      assert.equal(r.notFixed, undefined, name);
      assert.ok(r.fixed > 0, name);
      const after = fs.readFileSync(file);
      // The result is the original bytes with each fix's bytes replaced, nothing else.
      const text = name === 'gbk' ? TEXT : name === 'utf16le' ? '𠀀关健，，😀\n' : '好\ud800，，好。\n';
      let expected = text;
      for (const f of [...r.fixes].reverse()) {
        const start = offsetOf(text, f.line, f.column);
        expected = expected.slice(0, start) + f.to + expected.slice(start + f.from.length);
      }
      assert.deepEqual(after, enc(expected), name);
    }
  });

  it('fixes in one run what once took two, and a second run changes nothing', () => {
    const file = put('a.txt', '关健关健涉及到涉及到，我们要发展发展教育，，好\n');
    const r = fix(file);
    assert.deepEqual(
      r.fixes.map((f) => [f.from, f.to]),
      [
        ['关健关健', '关键'],
        ['涉及到涉及到', '涉及'],
        ['发展发展', '发展'],
        ['，，', '，'],
      ],
    );
    const once = fs.readFileSync(file);
    assert.equal(fix(file).fixed, 0);
    assert.deepEqual(fs.readFileSync(file), once);
  });

  // ------------------------------------------------------------------ the property

  const PIECES = [
    '关健',
    '份内',
    '发展',
    '发展发展',
    '的',
    '的的',
    '认真认真再认真',
    '，',
    '，，',
    '。',
    '。。',
    '、',
    '；',
    '：',
    '？',
    '！',
    '……',
    '——',
    '...',
    '--',
    ',',
    '.',
    ';',
    ':',
    '?',
    '!',
    '(',
    ')',
    '"',
    '“',
    '”',
    '《',
    '》',
    '（',
    '）',
    'X届',
    '××',
    '3,218.5',
    '9:30',
    'https://a.gov.cn/x,y',
    'Hello, world.',
    '一、',
    '二、',
    '四、',
    '（一）',
    '（三）',
    '1.',
    '一府两院',
    '新冠肺炎',
    '做的很好',
    '坚定不移的推进',
    '涉及到',
    '截止目前',
    '约3000人左右',
    '二0二六年',
    '预览阅读已结束',
    '😀',
    '𠀀',
    '\u0007',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '同志们：',
    '工作',
    '推进',
    '我们',
    '要',
    '了',
    '好',
    '关健关健',
  ];
  const ENCODINGS = {
    'UTF-8': (s) => Buffer.from(s, 'utf8'),
    'UTF-8 BOM': (s) => Buffer.concat([bom8, Buffer.from(s, 'utf8')]),
    'UTF-16LE': le,
    'UTF-16BE': (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf16be')]),
    GB18030: (s) => iconv.encode(s, 'gb18030'),
  };
  const runs = Number(process.env.GONGWEN_PROPERTY_RUNS ?? 150);

  it(`changes no byte outside the reported fixes and is idempotent (${runs} random texts × encodings)`, function () {
    this.timeout(120000 + runs * 30);
    const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
    const encodingArb = fc.constantFrom(...Object.keys(ENCODINGS));
    let files = 0;
    let changed = 0;
    fc.assert(
      fc.property(textArb, encodingArb, fc.boolean(), (text, encoding, markdown) => {
        const file = path.join(dir, `p${files++}.${markdown ? 'md' : 'txt'}`);
        const original = ENCODINGS[encoding](text);
        fs.writeFileSync(file, original);
        const read = cli.checkFile(file, checker, OPTIONS, false);
        if (read.error) return; // not recognised as text (a few GB18030 texts of marks only): never written
        const decoded = cli.decode(original).text;
        const r = fix(file);
        const after = fs.readFileSync(file);
        if (!r.fixed) {
          assert.deepEqual(after, original, 'a file without fixes was changed');
          return;
        }
        changed++;
        // Every change made is one reported: the spans of the reported fixes, in the original text.
        const flagged = r.fixes.map((f) => {
          const start = offsetOf(decoded, f.line, f.column);
          assert.equal(decoded.slice(start, start + f.from.length), f.from, 'a reported fix is not where it says');
          return [start, start + f.from.length];
        });
        assertOnlyFlaggedChanged(
          original,
          after,
          decoded,
          flagged,
          (s) =>
            ENCODINGS[encoding](s).subarray(
              encoding.includes('BOM') || encoding.startsWith('UTF-16') ? (encoding === 'UTF-8 BOM' ? 3 : 2) : 0,
            ),
          encoding,
        );
        // Fixing the fixed file again changes nothing.
        const again = fix(file);
        assert.equal(again.fixed, 0, `a second run fixed ${JSON.stringify(again.fixes)} in ${JSON.stringify(text)}`);
        assert.deepEqual(fs.readFileSync(file), after);
        fs.rmSync(file);
      }),
      { numRuns: runs },
    );
    assert.ok(changed > runs / 4, `only ${changed} of ${runs} texts had fixes`);
  });
});

/** Offset of 1-based line and column (UTF-16 code units) in `text`, lines split as the checker splits them. */
function offsetOf(text, line, column) {
  return core.splitParagraphs(text)[line - 1].offset + column - 1;
}

/**
 * `after` must be `original` with only bytes inside flagged spans changed: the bytes of the text
 * between the flagged spans appear in `after`, whole and in order, with nothing else between them
 * but replacements of flagged spans.
 */
function assertOnlyFlaggedChanged(original, after, text, flagged, encodeBody, label) {
  const spans = flagged.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const head = original.length - encodeBody(text).length; // the BOM
  assert.deepEqual(after.subarray(0, head), original.subarray(0, head), `${label}: BOM changed`);
  // Outside pieces, as bytes of the original.
  const outside = [];
  let pos = 0;
  for (const [s, e] of merged) {
    outside.push(text.slice(pos, s));
    pos = e;
  }
  outside.push(text.slice(pos));
  let at = head;
  outside.forEach((piece, i) => {
    const bytes = encodeBody(piece);
    if (i === 0) {
      assert.deepEqual(after.subarray(at, at + bytes.length), bytes, `${label}: bytes before the first flagged span changed`);
      at += bytes.length;
    } else if (i === outside.length - 1) {
      assert.ok(after.length - bytes.length >= at, `${label}: file too short`);
      assert.deepEqual(after.subarray(after.length - bytes.length), bytes, `${label}: bytes after the last flagged span changed`);
    } else {
      const found = after.indexOf(bytes, at);
      assert.ok(found >= 0, `${label}: bytes between flagged spans changed: ${JSON.stringify(piece)}`);
      at = found + bytes.length;
    }
  });
}
