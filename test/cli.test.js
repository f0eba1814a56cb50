// The CLI as a user runs it (in-process but for a few launches of the real command): encodings, exit codes, JSON shape, --fix, and bad input.
'use strict';
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const iconv = require('iconv-lite');
const { root } = require('./helpers');
const { runCli } = require('./cliRun');

const BIN = path.join(root, 'bin', 'gongwen.js');
const SAMPLE = '这是关健一年，，要抓好落实。\n';

/** The CLI in-process (see cliRun.js); the real command is launched only where the process itself is tested. */
const run = (args) => runCli(args);

function launch(args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-'));
}

async function json(args) {
  const r = await run(['--format', 'json', ...args]);
  return { ...r, data: JSON.parse(r.out) };
}

describe('cli', () => {
  let dir;
  beforeEach(() => {
    dir = tmpdir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const encodings = {
    'UTF-8': (s) => Buffer.from(s, 'utf8'),
    'UTF-8 with BOM': (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
    'UTF-16LE with BOM': (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf16le')]),
    'UTF-16BE with BOM': (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf16be')]),
    'UTF-16LE without BOM': (s) => iconv.encode(s, 'utf16le'),
    GBK: (s) => iconv.encode(s, 'gbk'),
    GB18030: (s) => iconv.encode(s, 'gb18030'),
  };

  for (const [name, encodeFn] of Object.entries(encodings)) {
    it(`reads ${name} and reports the same findings and positions`, async () => {
      const file = path.join(dir, 'doc.txt');
      fs.writeFileSync(file, encodeFn('标题\r\n' + SAMPLE));
      const { code, data } = await json([file]);
      assert.equal(code, 1);
      const d = data[0].diagnostics;
      assert.deepEqual(
        d.map((x) => [x.rule, x.text, x.line, x.column, x.offset]),
        [
          ['typo', '关健', 2, 3, 6],
          ['punct-dup', '，，', 2, 7, 10],
        ],
      );
    });
  }

  it('prints one JSON array with the documented fields', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    const { data } = await json([file]);
    assert.ok(Array.isArray(data) && data.length === 1);
    assert.equal(data[0].file, file);
    for (const d of data[0].diagnostics) {
      for (const key of ['rule', 'severity', 'message', 'offset', 'length', 'line', 'column', 'text', 'suggestions'])
        assert.ok(key in d, key);
    }
    assert.deepEqual(data[0].diagnostics[0].suggestions, ['关键']);
  });

  it('prints findings in text with a summary line, and exits 0 on a clean file', async () => {
    const bad = path.join(dir, 'bad.txt');
    fs.writeFileSync(bad, SAMPLE);
    const r = await run([bad]);
    assert.equal(r.code, 1);
    assert.match(r.out, /1:3\s+error\s+typo\s+「关健」是错别字，应为「关键」。\s+→ 关键/);
    assert.match(r.out, /✖ 2 个问题（2 个错误，0 个警告，0 个提示），检查了 1 个文件/);
    const good = path.join(dir, 'good.txt');
    fs.writeFileSync(good, '这是关键一年，要抓好落实。');
    const ok = await run([good]);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /✔ 未发现问题（检查了 1 个文件）/);
  });

  it('exits 0 when only warnings remain', async () => {
    const file = path.join(dir, 'w.txt');
    fs.writeFileSync(file, '加强领导,狠抓落实。');
    assert.equal((await run([file])).code, 0);
  });

  // (.docx and the formats refused by name: test/docx.test.js.)
  it('walks folders for .txt and .md, skipping other files', async () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a.txt'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'sub', 'b.md'), '# 标题\n\n发展发展教育。\n');
    fs.writeFileSync(path.join(dir, 'c.png'), 'binary');
    fs.writeFileSync(path.join(dir, 'd.xlsx'), 'binary');
    const { data } = await json([dir]);
    assert.deepEqual(
      data.map((r) => path.relative(dir, r.file)),
      ['a.txt', path.join('sub', 'b.md')],
    );
  });

  it('leaves exported proofreading reports alone: by name in a folder, by their mark anywhere', async () => {
    const mark = '<!-- gongwen:proofreading-report -->';
    fs.writeFileSync(path.join(dir, '通知.md'), '# 标题\n\n这是关健一年。\n');
    fs.writeFileSync(path.join(dir, '通知-校对报告.md'), '# 校对报告：通知.md\n\n| 1 | 关健 |\n');
    fs.writeFileSync(path.join(dir, 'renamed.md'), `${mark}\n# 校对报告：通知.md\n\n| 1 | 关健，， |\n`);
    fs.writeFileSync(path.join(dir, '校对报告写作要求.txt'), '这是关健一年。\n');
    const { data } = await json([dir]);
    const byName = Object.fromEntries(data.map((r) => [path.basename(r.file), r.diagnostics.length]));
    assert.deepEqual(Object.keys(byName).sort(), ['renamed.md', '校对报告写作要求.txt', '通知.md'].sort());
    assert.equal(byName['renamed.md'], 0);
    assert.equal(byName['通知.md'], 1);
    assert.equal(byName['校对报告写作要求.txt'], 1);
    // --fix never rewrites a report either.
    const before = fs.readFileSync(path.join(dir, 'renamed.md'), 'utf8');
    await run(['--fix', path.join(dir, 'renamed.md')]);
    assert.equal(fs.readFileSync(path.join(dir, 'renamed.md'), 'utf8'), before);
  });

  it('names a missing file, exits 2 and still checks the others', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    const missing = path.join(dir, 'nope.txt');
    const r = await json([missing, file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.txt：文件或文件夹不存在/);
    const byFile = Object.fromEntries(r.data.map((x) => [x.file, x]));
    assert.equal(byFile[file].diagnostics.length, 2);
    assert.ok(byFile[missing].error);
  });

  it('refuses binary files with a clear message', async () => {
    const file = path.join(dir, 'x.txt');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x13, 0x00, 0xff, 0x00, 0x01]));
    const r = await run([file]);
    assert.equal(r.code, 2);
    assert.match(r.out, /无法检查\s+不是文本文件/);
  });

  it('rejects bad usage with exit 2 and the usage text', async () => {
    for (const args of [[], ['--format', 'xml', 'a.txt'], ['--date', '2026-13-01', 'a.txt'], ['--bogus', 'a.txt']]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /用法：gongwen/);
    }
  });

  it('reads a config file; malformed JSON is an error, bad fields are warnings', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    const cfg = path.join(dir, 'cfg.json');
    fs.writeFileSync(cfg, JSON.stringify({ rules: { typo: 'off', 'punct-dup': 'warning' } }));
    const r = await json(['--config', cfg, file]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.data[0].diagnostics.map((d) => [d.rule, d.severity]),
      [['punct-dup', 'warning']],
    );

    fs.writeFileSync(cfg, '{ rules: ');
    const bad = await run(['--config', cfg, file]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /不是有效的 JSON/);

    fs.writeFileSync(cfg, JSON.stringify({ rules: { typo: 'loud' } }));
    const warned = await json(['--config', cfg, file]);
    assert.equal(warned.code, 1);
    assert.match(warned.err, /严重程度「loud」无效/);

    // Unknown keys and rules of a --config file are named once each, with the file.
    fs.writeFileSync(cfg, JSON.stringify({ rules: { 'no-such-rule': 'off' }, colour: 'red' }));
    const unknown = await json(['--config', cfg, file, file]);
    assert.deepEqual(unknown.err.trim().split('\n'), [
      `gongwen：${cfg}：未知规则「no-such-rule」，已忽略。`,
      `gongwen：${cfg}：未知设置项「colour」，已忽略。`,
    ]);
  });

  for (const enc of ['gbk', 'utf16le']) {
    it(`--fix rewrites a ${enc} file in its encoding, changing only flagged spans`, async () => {
      const file = path.join(dir, 'fix.txt');
      const original = '这是关健一年，，要抓好落实X届。\r\n加强领导,狠抓落实。\r\n';
      const bom = enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
      fs.writeFileSync(file, Buffer.concat([bom, iconv.encode(original, enc)]));
      const r = await json(['--fix', file]);
      const raw = fs.readFileSync(file);
      if (enc === 'utf16le') assert.deepEqual([...raw.subarray(0, 2)], [0xff, 0xfe]);
      const text = iconv.decode(enc === 'utf16le' ? raw.subarray(2) : raw, enc);
      assert.equal(text, '这是关键一年，要抓好落实X届。\r\n加强领导，狠抓落实。\r\n');
      assert.equal(r.data[0].fixed, 3);
      assert.deepEqual(
        r.data[0].fixes.map((f) => [f.line, f.column, f.from, f.to]),
        [
          [1, 3, '关健', '关键'],
          [1, 7, '，，', '，'],
          [2, 5, ',', '，'],
        ],
      );
      // The placeholder has no automatic fix and is still reported.
      assert.deepEqual(
        r.data[0].diagnostics.map((d) => d.text),
        ['X'],
      );
      assert.equal(r.code, 1);
    });
  }

  it('--fix lists each change in text output', async () => {
    const file = path.join(dir, 'fix.txt');
    fs.writeFileSync(file, '这是关健一年。');
    const r = await run(['--fix', file]);
    assert.match(r.out, /已自动修正 1 处：\n\s+1:3  「关健」→「关键」/);
    assert.equal(r.code, 0);
  });

  it('--fix deletes a residue line with its line break, leaving no empty line', async () => {
    const file = path.join(dir, 'residue.txt');
    fs.writeFileSync(file, '谢谢大家的贡献！\n预览阅读已结束\n');
    const r = await run(['--fix', file]);
    assert.equal(fs.readFileSync(file, 'utf8'), '谢谢大家的贡献！\n');
    assert.match(r.out, /2:1  「预览阅读已结束↵」→（删除）/);
    assert.equal(r.code, 0);
  });

  it('--help lists every rule of the registry, one line each', async () => {
    const { core } = require('./helpers');
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    for (const rule of core.RULES) {
      const line = lines.filter((l) => new RegExp(`^  ${rule.id} +${rule.defaultSeverity} +`).test(l));
      assert.equal(line.length, 1, `no single help line for ${rule.id}`);
      assert.ok(line[0].endsWith(rule.description), line[0]);
    }
    assert.match(r.out, new RegExp(`共 ${core.RULES.length} 条`));
  });

  describe('when the reader closes the pipe early (| head)', () => {
    /** Runs the CLI, reads `bytes` of its output, then closes the pipe as head does; resolves on exit. */
    const readThenClose = (args, bytes) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NO_COLOR: '1' },
        });
        let got = 0;
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.stdout.on('data', (chunk) => {
          got += chunk.length;
          if (got >= bytes) child.stdout.destroy();
        });
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, err, got }));
      });

    /** Enough findings that the output far exceeds a pipe's buffer, so writes go on after the close. */
    const bigFile = () => {
      const file = path.join(dir, 'big.txt');
      fs.writeFileSync(file, '这是关健一年，，要抓好落实。\n'.repeat(1500));
      return file;
    };

    // One format launched for real: every reporter writes through the same guarded stream (cli.ts, processIo).
    for (const format of ['json']) {
      it(`ends quietly with the usual exit code (--format ${format})`, async () => {
        const file = bigFile();
        const full = await run(['--format', format, file]);
        assert.ok(full.out.length > 150_000, `only ${full.out.length} characters of output`);
        const r = await readThenClose(['--format', format, file], 900);
        assert.equal(r.err, '', 'nothing on stderr: no EPIPE stack trace');
        assert.equal(r.signal, null);
        assert.equal(r.code, full.code);
        assert.equal(r.code, 1);
      });
    }

    it('still fixes every file with --fix when the report is cut short', async () => {
      const file = bigFile();
      const r = await readThenClose(['--fix', file], 100);
      assert.equal(r.err, '');
      assert.equal(r.code, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), '这是关键一年，要抓好落实。\n'.repeat(1500));
    });
  });

  it('uses --date and prints the version and help', async () => {
    // The real command: bin/gongwen.js passes main's exit code on.
    const version = launch(['--version']);
    assert.match(version.out, /^gongwen \d+\.\d+\.\d+/);
    assert.equal(version.code, 0);
    assert.equal(launch(['--bogus']).code, 2);
    assert.match((await run(['--help'])).out, /--format text\|json/);
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    assert.equal((await run(['--date', '2026-01-05', file])).code, 1);
  });
});
