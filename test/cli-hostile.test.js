// The CLI against hostile files, as a user runs it (issue 15): a write that the system refuses
// (ulimit -f), symlinks in and out of a folder, FIFOs, /dev/zero, settings files that are none of
// those things they should be, control characters in names and text. Each run must end, check every
// other file, say what went wrong, exit 2 without a green summary, and leave every file as it was.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, canMakeFifo } = require('./helpers');

const BIN = path.join(root, 'bin', 'gongwen.js');
const TEXT = '这是关健一年，，要抓好落实。\n';
/**
 * Only the punctuation rules, so that a run needs no dictionary (0.2 s instead of 2): written as the
 * .gongwen.json of the folder each test runs in.
 */
const FAST = {
  rules: Object.fromEntries(require('./helpers').RULE_IDS.map((id) => [id, id === 'punct-dup' || id === 'punct-width' ? 'error' : 'off'])),
};
const posix = process.platform !== 'win32';
const hasDevZero = fs.existsSync('/dev/zero');

function run(args, { cwd = currentDir, shell } = {}) {
  const r = shell
    ? spawnSync('sh', ['-c', `${shell} && exec "$0" "$@"`, process.execPath, BIN, ...args], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 30000,
      })
    : spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30000 });
  assert.equal(r.error, undefined, `the run did not end: ${r.error}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let currentDir;

describe('cli against hostile files', function () {
  this.timeout(60000);
  let dir;
  beforeEach(() => {
    dir = currentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-hostile-'));
    fs.writeFileSync(path.join(dir, '.gongwen.json'), JSON.stringify(FAST));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const put = (name, content = TEXT) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('leaves a file whole when the system refuses the write (ulimit -f), exits 2 and prints no green line', function () {
    if (!posix) this.skip();
    const file = put('big.txt', TEXT.repeat(2000)); // 82 KB, over any block size ulimit -f 20 means
    const before = fs.readFileSync(file);
    const r = run(['--fix', file], { shell: 'ulimit -f 20' });
    assert.equal(r.code, 2);
    assert.match(r.out, /未写回修正\s+写入失败：文件超出系统允许的大小/);
    assert.doesNotMatch(r.out, /✔/);
    assert.match(r.out, /1 个未能写回修正/);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.gongwen.json', 'big.txt'], 'a temporary file was left behind');
  });

  it('never writes through a symlink met in a folder, but checks it', function () {
    if (!posix) this.skip();
    const outside = put('outside/x.txt');
    put('proj/a.txt');
    fs.symlinkSync(path.join('..', 'outside', 'x.txt'), path.join(dir, 'proj', 'link.txt'));
    const r = run(['--fix', '--format', 'json', path.join(dir, 'proj')]);
    assert.equal(r.code, 2);
    const byName = Object.fromEntries(JSON.parse(r.out).map((x) => [path.basename(x.file), x]));
    assert.equal(byName['a.txt'].fixed, 1);
    assert.match(byName['link.txt'].notFixed, /符号链接/);
    assert.deepEqual(
      byName['link.txt'].diagnostics.map((d) => d.text),
      ['，，'],
    );
    assert.equal(fs.readFileSync(outside, 'utf8'), TEXT);
    assert.ok(fs.lstatSync(path.join(dir, 'proj', 'link.txt')).isSymbolicLink());
  });

  it('fixes the file a symlink named on the command line points to, and keeps the link', function () {
    if (!posix) this.skip();
    const target = put('real.txt');
    const link = path.join(dir, 'link.txt');
    fs.symlinkSync('real.txt', link);
    const r = run(['--fix', link]);
    assert.equal(r.code, 0);
    assert.equal(fs.readFileSync(target, 'utf8'), '这是关健一年，要抓好落实。\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
  });

  it('skips a FIFO in a folder by name and checks the files after it', function () {
    if (!canMakeFifo()) this.skip();
    put('proj/a.txt');
    spawnSync('mkfifo', [path.join(dir, 'proj', 'b.txt')]);
    put('proj/c.txt');
    const r = run(['--format', 'json', path.join(dir, 'proj')]);
    assert.equal(r.code, 2);
    const byName = Object.fromEntries(JSON.parse(r.out).map((x) => [path.basename(x.file), x]));
    assert.match(byName['b.txt'].error, /不是普通文件/);
    assert.equal(byName['a.txt'].diagnostics.length, 1);
    assert.equal(byName['c.txt'].diagnostics.length, 1);
  });

  it('refuses a FIFO named on the command line without waiting for a writer', function () {
    if (!canMakeFifo()) this.skip();
    const fifo = path.join(dir, 'pipe.txt');
    spawnSync('mkfifo', [fifo]);
    const r = run([fifo, put('a.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.out, /pipe\.txt\n\s+无法检查\s+不是普通文件/);
    assert.match(r.out, /a\.txt\n\s+1:7/);
  });

  it('refuses /dev/zero, named or behind a symlink in a folder, without reading it', function () {
    if (!hasDevZero) this.skip();
    put('proj/a.txt');
    fs.symlinkSync('/dev/zero', path.join(dir, 'proj', 'zero.txt'));
    for (const args of [['/dev/zero'], [path.join(dir, 'proj')]]) {
      const r = run(['--fix', '--format', 'json', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /不是普通文件/);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'proj', 'a.txt'), 'utf8'), '这是关健一年，要抓好落实。\n');
  });

  it('refuses --config /dev/zero, a FIFO, an array, and warns about unknown keys', function () {
    const file = put('a.txt');
    const bad = [];
    if (hasDevZero) bad.push(['/dev/zero', /无法读取设置文件 \/dev\/zero（不是普通文件/]);
    if (canMakeFifo()) {
      const fifo = path.join(dir, 'cfg.fifo');
      spawnSync('mkfifo', [fifo]);
      bad.push([fifo, /不是普通文件/]);
    }
    bad.push([put('array.json', '[{"rules": {}}]'), /应为 JSON 对象.*而不是数组/]);
    for (const [config, message] of bad) {
      const r = run(['--config', config, file]);
      assert.equal(r.code, 2, config);
      assert.match(r.err, message);
    }
    const cfg = put('cfg.json', JSON.stringify({ rules: { ...FAST.rules, 'punct-dup': 'warning' }, colour: 'red', date: '2026-01-05' }));
    const r = run(['--config', cfg, '--format', 'json', file]);
    assert.match(r.err, /cfg\.json：未知设置项「colour」，已忽略/);
    assert.doesNotMatch(r.err, /date/);
    assert.deepEqual(
      JSON.parse(r.out)[0].diagnostics.map((d) => [d.rule, d.severity]),
      [['punct-dup', 'warning']],
    );
  });

  it('warns about a .gongwen.json that is a FIFO, and checks with the defaults', function () {
    // (A link to /dev/zero and a huge file: the same reader, tested through --config above and the
    // language server in lsp-hostile-files.test.js.) The text holds no Han character, so that all
    // rules run without loading the dictionary.
    if (!canMakeFifo()) this.skip();
    const ws = fs.mkdtempSync(path.join(dir, 'ws-'));
    spawnSync('mkfifo', [path.join(ws, '.gongwen.json')]);
    fs.writeFileSync(path.join(ws, 'a.txt'), 'OK，，OK\n');
    const r = run(['--format', 'json', 'a.txt'], { cwd: ws });
    assert.match(r.err, /\.gongwen\.json（不是普通文件.*已忽略，使用默认设置/);
    assert.deepEqual(
      JSON.parse(r.out)[0].diagnostics.map((d) => [d.rule, d.severity]),
      [['punct-dup', 'error']],
    );
  });

  it('escapes control characters of file names and text before they reach the terminal', function () {
    if (!posix) this.skip();
    const file = put('a\x1b[2Jb.txt', '好\x1b]0;title\x07，，好\n');
    const r = run([file]);
    assert.doesNotMatch(r.out, /[\x00-\x08\x0b-\x1f\x7f]/);
    assert.match(r.out, /a\\x1b\[2Jb\.txt/);
  });
});
