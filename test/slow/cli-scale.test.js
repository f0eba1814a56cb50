// The CLI on many files: worker threads, streaming output in input order, SARIF, shards, and the
// files it must refuse with a clear message while checking the rest.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root } = require('../helpers');

function run(args, cwd) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'gongwen.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli at scale', function () {
  this.timeout(120000);
  let dir;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-scale-'));
    for (let i = 0; i < 24; i++) {
      const sub = path.join(dir, `d${i % 3}`);
      fs.mkdirSync(sub, { recursive: true });
      const body = i % 4 === 0 ? '这是关键一年，要抓好落实。' : `第${i}份：这是关健一年，，要抓好X届会议。`;
      fs.writeFileSync(path.join(sub, `f${String(i).padStart(2, '0')}.txt`), body + '\n');
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the same results in the same order with worker threads as without', () => {
    const one = run(['--format', 'json', '--jobs', '1', dir]);
    const two = run(['--format', 'json', '--jobs', '2', dir]);
    assert.equal(one.code, 1);
    assert.equal(two.code, 1);
    const a = JSON.parse(one.out);
    assert.equal(a.length, 24);
    assert.deepEqual(JSON.parse(two.out), a);
    assert.deepEqual(
      a.map((r) => r.file),
      [...a.map((r) => r.file)].sort(),
    );
  });

  it('writes SARIF 2.1.0 with rules, UTF-16 columns, regions and fixes', () => {
    const r = run(['--format', 'sarif', path.join(dir, 'd1')], dir);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const runObj = sarif.runs[0];
    assert.equal(runObj.tool.driver.name, 'gongwen');
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    assert.ok(runObj.tool.driver.rules.some((x) => x.id === 'typo'));
    const typo = runObj.results.find((x) => x.ruleId === 'typo');
    assert.equal(typo.level, 'error');
    assert.match(typo.locations[0].physicalLocation.artifactLocation.uri, /^d1\/f\d\d\.txt$/);
    assert.equal(typo.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '关键');
    const placeholder = runObj.results.find((x) => x.ruleId === 'placeholder');
    assert.equal(placeholder.fixes, undefined);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });

  it('splits the files into shards that together cover every file once', () => {
    const all = JSON.parse(run(['--format', 'json', dir]).out).map((r) => r.file);
    const shards = [1, 2, 3].map((k) => JSON.parse(run(['--format', 'json', '--shard', `${k}/3`, dir]).out).map((r) => r.file));
    assert.deepEqual(shards.flat().sort(), [...all].sort());
    assert.ok(shards.every((s) => s.length === 8));
    assert.equal(run(['--shard', '4/3', dir]).code, 2);
  });

  it('refuses oversized files and dangling links by name, checks the rest, and exits 2', () => {
    const big = path.join(dir, 'd0', 'huge.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 65 * 1024 * 1024); // sparse: no disk space used
    const link = path.join(dir, 'd0', 'gone.txt');
    fs.symlinkSync(path.join(dir, 'nowhere.txt'), link);
    try {
      const r = run(['--format', 'json', path.join(dir, 'd0')]);
      assert.equal(r.code, 2);
      const byName = Object.fromEntries(JSON.parse(r.out).map((x) => [path.basename(x.file), x]));
      assert.match(byName['huge.txt'].error, /文件过大/);
      assert.match(byName['gone.txt'].error, /不存在/);
      assert.ok(byName['f03.txt'].diagnostics.length > 0);
      assert.match(r.err, /huge\.txt：文件过大/);
    } finally {
      fs.rmSync(big);
      fs.rmSync(link);
    }
  });

  it('prints no progress when stderr is not a terminal', () => {
    const r = run(['--jobs', '2', dir]);
    assert.equal(r.err, '');
    assert.match(r.out, /检查了 24 个文件/);
  });
});
