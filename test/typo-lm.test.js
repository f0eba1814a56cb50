// typo-context's built data and the scripts that build them: the committed tables are the
// scripts' output (their headers carry the SHA-256 of the script that wrote them), the model format
// the script writes is the one the checker reads (a small model built here and read back), and a
// missing or damaged model switches the rule off with one warning while the other rules go on.
// Nothing here needs ../shared or the network.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { core, root } = require('./helpers');
const lmScript = require('../scripts/build-typo-lm.js');
const attestedScript = require('../scripts/build-typo-attested.js');
const unigramScript = require('../scripts/build-typo-unigram.js');

const DATA = path.join(root, 'server', 'data');
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// A small ARPA model: log10 probabilities and backoffs, as libime's file has them.
const ARPA = `\\data\\
ngram 1=6
ngram 2=5
ngram 3=2

\\1-grams:
-9.5\t<unk>\t0
-1.2\t发展\t-0.4
-2.0\t机制\t-0.3
-3.1\t机智\t-0.2
-1.8\t完善\t-0.5
-1.5\t的\t-0.6

\\2-grams:
-0.9\t发展 机制\t-0.2
-2.9\t发展 机智\t0
-0.7\t完善 发展\t-0.1
-1.1\t的 发展\t0
-1.3\t机制 的\t0

\\3-grams:
-0.3\t完善 发展 机制
-0.8\t发展 机制 的

\\end\\
`;

const LN10 = Math.log(10);

describe('typo-context data and build scripts', () => {
  describe('the committed tables are the build scripts’ output', () => {
    it('lm_sc.gwlm carries the SHA-256 of scripts/build-typo-lm.js and passes its checksum', () => {
      const model = core.readTrigramModel(path.join(DATA, 'lm', 'lm_sc.gwlm'));
      assert.equal(model.scriptHash, sha256(path.join(root, 'scripts', 'build-typo-lm.js')));
      assert.ok(model.nWords > 100000);
    });

    it('typo-context-attested.bin carries the SHA-256 of scripts/build-typo-attested.js and its checksum', () => {
      const buf = fs.readFileSync(path.join(DATA, 'typo-context-attested.bin'));
      assert.equal(buf.toString('latin1', 0, 4), 'GWAT');
      assert.equal(buf.subarray(32, 64).toString('hex'), sha256(path.join(root, 'scripts', 'build-typo-attested.js')));
      const count = buf.readUInt32LE(8);
      assert.equal(buf.length, attestedScript.HEADER + count * 4);
      const hashes = new Uint32Array(count);
      Buffer.from(hashes.buffer).set(buf.subarray(attestedScript.HEADER));
      for (let i = 1; i < count; i++) assert.ok(hashes[i - 1] < hashes[i], 'sorted and distinct');
      // 「设区的市」 occurs hundreds of times in the laws.
      const h = attestedScript.fnv('设区的市', 0, 4);
      assert.ok(hashes.includes(h));
    });

    it('typo-context-unigram.bin is what scripts/build-typo-unigram.js builds from nodejieba’s dictionary and the user dictionary', () => {
      const committed = fs.readFileSync(path.join(DATA, 'typo-context-unigram.bin'));
      assert.equal(committed.toString('latin1', 0, 4), 'GWUG');
      assert.equal(
        committed.subarray(unigramScript.SHA_AT, unigramScript.SHA_AT + 32).toString('hex'),
        sha256(path.join(root, 'scripts', 'build-typo-unigram.js')),
      );
      const dict = fs.readFileSync(require('nodejieba').DEFAULT_DICT, 'utf8');
      const user = fs.readFileSync(path.join(DATA, 'jieba-user.utf8'), 'utf8');
      const built = unigramScript.buildUnigram([dict, user], { scriptHash: unigramScript.scriptHash() });
      assert.ok(built.equals(committed), 'rebuild with: node scripts/build-typo-unigram.js');
      assert.ok(committed.readUInt32LE(8) > 300000);
    });

    it('typo-context-names.tsv names only the lists the rule reads, each of them filled', () => {
      const known = [
        'surname-chars',
        'place-chars',
        'name-suffix-chars',
        'unit-suffix-chars',
        'abbreviation-cues',
        'name-follower',
        'place-word',
        'title-after',
        'title-before',
        'verse-cue',
        'modern-chars',
        'modern-word',
        'measure-chars',
        'each-chars',
        'subject-verb',
      ];
      const rows = fs
        .readFileSync(path.join(DATA, 'typo-context-names.tsv'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t'));
      for (const [list, entry] of rows) {
        assert.ok(known.includes(list), `unknown list ${list}`);
        assert.ok(entry && entry.trim() === entry, `${list}: empty or padded entry`);
      }
      for (const list of known)
        assert.ok(
          rows.some((r) => r[0] === list),
          `${list} is empty`,
        );
      assert.ok(rows.find((r) => r[0] === 'surname-chars')[1].includes('王'));
    });

    it('typo-context-places.tsv carries the SHA-256 of scripts/build-typo-places.js', () => {
      const text = fs.readFileSync(path.join(DATA, 'typo-context-places.tsv'), 'utf8');
      const m = /^# script-sha256 ([0-9a-f]{64})$/m.exec(text);
      assert.ok(m, 'header line');
      assert.equal(m[1], sha256(path.join(root, 'scripts', 'build-typo-places.js')));
      const rows = new Map(
        text
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => l.split('\t')),
      );
      assert.equal(rows.get('忻州'), 'city');
      assert.equal(rows.get('内蒙古'), 'province');
      assert.match([...rows].find(([, level]) => level === 'abbr')[0], /疆.*/);
    });
  });

  describe('the model format: built by the script, read by the checker', () => {
    const built = lmScript.buildModel(ARPA, { scriptHash: Buffer.alloc(32, 7) });
    const model = new core.TrigramModel(built.buffer);
    const id = (w) => model.find(w, 0, w.length);

    it('finds every word, by a slice of text and with one character replaced', () => {
      for (const w of ['发展', '机制', '机智', '完善', '的']) assert.ok(id(w) > 0, w);
      assert.equal(id('机会'), -1);
      const text = '要完善发展机智';
      assert.equal(model.find(text, 5, 7), id('机智'));
      assert.equal(model.find(text, 5, 7, 6, '制'.charCodeAt(0)), id('机制'));
      assert.equal(model.word(id('机制')), '机制');
      assert.equal(model.scriptHash, '07'.repeat(32));
    });

    it('gives the ARPA probabilities, backing off as ARPA does (natural logs)', () => {
      const near = (a, b) => assert.ok(Math.abs(a - b) < 1e-4, `${a} vs ${b}`);
      const [dev, mech, wit, perf, de] = ['发展', '机制', '机智', '完善', '的'].map(id);
      near(model.uniP[dev], -1.2 * LN10);
      near(model.bigram(dev, mech), -0.9 * LN10);
      near(model.bigram(dev, wit), -2.9 * LN10);
      // Unseen bigram: backoff of 完善 + unigram of 机制.
      near(model.bigram(perf, mech), (-0.5 - 2.0) * LN10);
      near(model.trigram(perf, dev, mech), -0.3 * LN10);
      // Unseen trigram: backoff of (完善 发展) + P(机智 | 发展).
      near(model.trigram(perf, dev, wit), (-0.1 - 2.9) * LN10);
      // Unseen trigram whose history is no bigram: P(的 | 机制) alone.
      near(model.trigram(wit, mech, de), -1.3 * LN10);
      near(model.score([perf, dev, mech]), (-1.8 - 0.7 - 0.3) * LN10);
      assert.ok(model.score([perf, dev, mech]) > model.score([perf, dev, wit]));
    });

    it('is deterministic: the same ARPA text gives the same bytes', () => {
      assert.ok(lmScript.buildModel(ARPA, { scriptHash: Buffer.alloc(32, 7) }).buffer.equals(built.buffer));
    });

    it('refuses a damaged file: truncated, a flipped byte, another format, another version', () => {
      const bad = (bytes, re) =>
        assert.throws(
          () => new core.TrigramModel(bytes),
          (err) => err instanceof core.LmFormatError && re.test(err.message),
        );
      bad(built.buffer.subarray(0, built.buffer.length - 8), /长度不符/);
      const flipped = Buffer.from(built.buffer);
      flipped[flipped.length - 3] ^= 0x40;
      bad(flipped, /校验和不符/);
      bad(Buffer.from('not a model at all. '.repeat(20)), /不是/);
      bad(Buffer.alloc(10), /太短/);
      const version = Buffer.from(built.buffer);
      version.writeUInt32LE(99, 4);
      bad(version, /版本/);
    });

    it('the committed model prefers the right word in context (机制 after 发展, 富裕 after 共同)', () => {
      const m = core.readTrigramModel(path.join(DATA, 'lm', 'lm_sc.gwlm'));
      const w = (s) => m.find(s, 0, s.length);
      assert.ok(m.bigram(w('发展'), w('机制')) > m.bigram(w('发展'), w('机智')));
      assert.ok(m.bigram(w('共同'), w('富裕')) > m.bigram(w('共同'), w('富余')));
      const ids = (words) =>
        words.map((x) => {
          assert.ok(w(x) > 0, x);
          return w(x);
        });
      assert.ok(m.score(ids(['向', '有关', '部门', '反映'])) > m.score(ids(['向', '有关', '部门', '反应'])));
    });
  });

  describe('attested sequences: the script counts four-character runs inside Chinese text', () => {
    it('keeps a sequence seen twice, not one seen once, and never across punctuation', () => {
      const hashes = attestedScript.attestedHashes('设区的市人民政府。设区的市，区的。');
      const has = (s) => hashes.includes(attestedScript.fnv(s, 0, 4));
      assert.ok(has('设区的市'));
      assert.ok(!has('区的市人'));
      assert.ok(!has('人民政府'));
      assert.ok(!has('的市区的') && !has('市区的'), 'no sequence across a comma');
      assert.equal(hashes.length, 1);
    });
  });

  describe('unigram table: the script merges jieba’s dictionaries as jieba does', () => {
    it('sums a word listed twice, keeps it a proper name only when every listing says so, keeps only words the rule scans', () => {
      const merged = unigramScript.mergeDictionaries(['发展 30 v\n张三 5 nr\n李四 4 nr\n', '发展 10 vn\n张三 2 n\nA股 9 n\n']);
      assert.deepEqual(merged.get('发展'), { freq: 40, proper: false });
      assert.deepEqual(merged.get('张三'), { freq: 7, proper: false });
      assert.deepEqual(merged.get('李四'), { freq: 4, proper: true });
      const buf = unigramScript.buildUnigram(['发展 30 v\n张三 5 nr\n李四 4 nr\n', '发展 10 vn\nA股 9 n\n一二三四五六七八九 1 m\n']);
      assert.equal(buf.readUInt32LE(8), 3, 'A股 and a nine-character word are left out');
      // Probabilities over every word, those left out included: total 59.
      assert.ok(Math.abs(buf.readDoubleLE(32) - Math.log(59)) < 1e-12);
      assert.ok(Math.abs(buf.readDoubleLE(24) - Math.log(1 / 59)) < 1e-12, 'the smallest, of a word left out');
      assert.equal(buf[unigramScript.HEADER + 2], 2 + 128, '李四 is a proper name');
      assert.ok(
        unigramScript.buildUnigram(['发展 30 v\n张三 5 nr\n']).equals(unigramScript.buildUnigram(['发展 30 v\n张三 5 nr\n'])),
        'deterministic',
      );
    });
  });

  describe('a missing or damaged unigram table: the rule switches itself off, the others go on', () => {
    const cli = path.join(root, 'bin', 'gongwen.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-ug-'));
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '要坚持持旭推进，关健在于落实。\n');
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const good = fs.readFileSync(path.join(DATA, 'typo-context-unigram.bin'));
    for (const [label, bytes, why] of [
      ['missing', null, /找不到文件/],
      ['truncated', good.subarray(0, 4096), /长度不符/],
      [
        'a flipped byte',
        (() => {
          const b = Buffer.from(good);
          b[b.length - 5] ^= 0x20;
          return b;
        })(),
        /校验和不符/,
      ],
    ]) {
      it(`${label}: one warning on stderr, typo still reported, no typo-context finding`, () => {
        const p = path.join(dir, `${label}.bin`);
        if (bytes) fs.writeFileSync(p, bytes);
        const r = spawnSync(process.execPath, [cli, '--format', 'json', '--jobs', '1', file], {
          env: { ...process.env, GONGWEN_TYPO_UNIGRAM: p },
          encoding: 'utf8',
        });
        assert.equal(r.status, 1, r.stderr);
        assert.deepEqual(
          JSON.parse(r.stdout)[0].diagnostics.map((d) => d.rule),
          ['typo'],
        );
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0], /typo-context.*已停用/);
        assert.match(lines[0], why);
      });
    }
  });

  describe('a missing or damaged model: the rule switches itself off, the others go on', () => {
    const cli = path.join(root, 'bin', 'gongwen.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-lm-'));
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '要坚持持旭推进，关健在于落实。\n');
    const run = (model, ...args) =>
      spawnSync(process.execPath, [cli, '--format', 'json', ...args, file], {
        env: { ...process.env, GONGWEN_TYPO_LM: model },
        encoding: 'utf8',
      });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('works with the model (the baseline of the cases below)', () => {
      const r = run(path.join(DATA, 'lm', 'lm_sc.gwlm'));
      const rules = JSON.parse(r.stdout)[0].diagnostics.map((d) => d.rule);
      assert.deepEqual(rules.sort(), ['typo', 'typo-context']);
      assert.equal(r.stderr, '');
    });

    for (const [label, make] of [
      ['missing', () => path.join(dir, 'none.gwlm')],
      [
        'truncated',
        () => {
          const p = path.join(dir, 'cut.gwlm');
          fs.writeFileSync(p, fs.readFileSync(path.join(DATA, 'lm', 'lm_sc.gwlm')).subarray(0, 4096));
          return p;
        },
      ],
      [
        'not a model',
        () => {
          const p = path.join(dir, 'text.gwlm');
          fs.writeFileSync(p, 'x'.repeat(1000));
          return p;
        },
      ],
    ]) {
      it(`${label}: one warning on stderr, typo still reported, no typo-context finding`, () => {
        const r = run(make(), '--jobs', '1');
        assert.equal(r.status, 1, r.stderr);
        const rules = JSON.parse(r.stdout)[0].diagnostics.map((d) => d.rule);
        assert.deepEqual(rules, ['typo']);
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0], /typo-context.*已停用/);
      });
    }

    it('in the editor: the language server shows the warning once and publishes the other rules’ findings', async () => {
      const { startServer } = require('./lspClient');
      const saved = process.env.GONGWEN_TYPO_LM;
      process.env.GONGWEN_TYPO_LM = path.join(dir, 'none.gwlm');
      let server;
      try {
        server = await startServer();
      } finally {
        if (saved === undefined) delete process.env.GONGWEN_TYPO_LM;
        else process.env.GONGWEN_TYPO_LM = saved;
      }
      try {
        const uri = 'file:///tmp/gongwen-lm/a.txt';
        const full = server.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'typo'));
        server.conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'plaintext', version: 1, text: '要坚持持旭推进，关健在于落实。\n' },
        });
        await full;
        // A full check runs the slow rule (typo-context), which finds no model; twice, to see one warning.
        for (let i = 0; i < 2; i++) {
          const result = await server.conn.sendRequest('gongwen/checkDocument', { uri });
          assert.ok(result);
        }
        const codes = server.state.published.filter((p) => p.uri === uri).flatMap((p) => p.diagnostics.map((d) => d.code));
        assert.ok(codes.includes('typo'));
        assert.ok(!codes.includes('typo-context'));
        assert.equal(server.state.shown.filter((m) => /typo-context.*已停用/.test(m)).length, 1, JSON.stringify(server.state.shown));
      } finally {
        await server.stop();
      }
    });

    it('warns once however many files are checked, in worker threads too', () => {
      const files = [1, 2, 3].map((i) => {
        const p = path.join(dir, `f${i}.txt`);
        fs.writeFileSync(p, '要坚持持旭推进，关健在于落实。\n');
        return p;
      });
      const r = spawnSync(process.execPath, [cli, '--format', 'json', '--jobs', '2', ...files], {
        env: { ...process.env, GONGWEN_TYPO_LM: path.join(dir, 'none.gwlm') },
        encoding: 'utf8',
      });
      assert.equal(JSON.parse(r.stdout).length, 3);
      assert.equal(r.stderr.split('\n').filter((l) => /已停用/.test(l)).length, 1, r.stderr);
    });
  });
});
