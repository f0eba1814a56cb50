'use strict';
// The VSIX a writer installs (scripts/package.mjs, `npm run package`): one package per platform,
// carrying what the extension runs and nothing else, and enough on its own for the language server
// to check a document. No network: vsce computes the file list and writes the package locally.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { pathToFileURL } = require('node:url');
const { root } = require('./helpers');
const { startServer } = require('./lspClient');

/** scripts/package.mjs is an ES module: its helpers, loaded in the suite's first hook. */
let pkg;

/** The names in a zip file and a reader for one entry's bytes (stored or deflated). */
function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, { method, size, local });
    at += 46 + nameLength + extra + comment;
  }
  const read = (name) => {
    const e = entries.get(name);
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    const data = buf.subarray(start, start + e.size);
    return e.method === 8 ? zlib.inflateRawSync(data) : data;
  };
  return { names: [...entries.keys()], read };
}

/** What the extension needs at run time (paths inside extension/). */
const REQUIRED = [
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'dist/client.js',
  'dist/server.js',
  'dist/checkWorker.js',
  'dist/jieba.dict.utf8',
  'dist/jieba.idioms.utf8',
  'dist/snippets.markdown.json',
  'server/data/jieba-user.utf8',
  'server/data/jieba-stub.utf8',
  'node_modules/nodejieba/package.json',
  'node_modules/nodejieba/index.js',
  'node_modules/nodejieba/build/Release/nodejieba.node',
  'node_modules/nodejieba/submodules/cppjieba/dict/hmm_model.utf8',
];

/** The rule tables esbuild embeds into the bundles (imported by a source file): not shipped as files. */
function embeddedTables() {
  const found = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts'))
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/from '(?:\.\.\/)+data\/([^']+\.tsv)'/g)) found.add(`server/data/${m[1]}`);
    }
  };
  walk(path.join(root, 'server', 'src'));
  return found;
}

/** Every file of server/data, as paths relative to the repository. */
function dataFiles() {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out.push(`${rel}/${e.name}`);
    }
  };
  walk('server/data');
  return out;
}

/** Everything a file of the package may be: anything else is something nobody decided to ship. */
const ALLOWED = [
  /^package(\.nls(\.[a-z-]+)?)?\.json$/,
  /^(readme\.md|README\.md|LICENSE(\.txt)?|language-configuration\.json)$/,
  /^(l10n|syntaxes|snippets|schemas)\/[^/]+\.json$/,
  /^docs\/[^/]+\.md$/,
  /^docs\/images\/[^/]+\.png$/,
  /^dist\/(client|server|checkWorker)\.js$/,
  /^dist\/[^/]+\.(utf8|json)$/,
  /^server\/data\/.+$/, // run-time data (the tables esbuild embeds are checked apart)
  /^node_modules\/nodejieba\/(package\.json|index\.js|LICENSE|build\/Release\/nodejieba\.node|submodules\/cppjieba\/dict\/hmm_model\.utf8)$/,
];

/** The command-line tool, the tests' bundle, sources, source maps and nodejieba's full dictionary. */
const FORBIDDEN = [
  /^dist\/(cli|cliWorker|core|docx|garbled)\.js$/,
  /^bin\//,
  /\.map$/,
  /\.ts$/,
  /^(client|shared|test|bench|examples|scripts|\.ci|\.github)\//,
  /^node_modules\/nodejieba\/submodules\/cppjieba\/dict\/jieba\.dict\.utf8$/,
  /^node_modules\/(?!nodejieba\/)/,
];

describe('platform packages (scripts/package.mjs)', function () {
  this.timeout(120_000);
  before(async () => {
    pkg = await import(pathToFileURL(path.join(root, 'scripts', 'package.mjs')).href);
  });

  describe('targets', () => {
    it("builds the five targets, and knows this machine's", () => {
      assert.deepEqual(pkg.TARGETS, ['linux-x64', 'linux-arm64', 'win32-x64', 'darwin-x64', 'darwin-arm64']);
      assert.equal(pkg.hostTarget('win32', 'x64'), 'win32-x64');
      assert.equal(pkg.hostTarget('darwin', 'arm64'), 'darwin-arm64');
      assert.equal(pkg.hostTarget('linux', 'ia32'), undefined);
      assert.equal(pkg.hostTarget('freebsd', 'x64'), undefined);
    });

    it('reads the platform of a native addon from its header', () => {
      const elf = (machine) => {
        const b = Buffer.alloc(64);
        b.write('\x7fELF', 0, 'latin1');
        b[5] = 1; // little-endian
        b.writeUInt16LE(machine, 0x12);
        return b;
      };
      const pe = (machine) => {
        const b = Buffer.alloc(256);
        b.write('MZ', 0, 'latin1');
        b.writeUInt32LE(0x80, 0x3c);
        b.write('PE\0\0', 0x80, 'latin1');
        b.writeUInt16LE(machine, 0x84);
        return b;
      };
      const macho = (cpu) => {
        const b = Buffer.alloc(64);
        b.writeUInt32LE(0xfeedfacf, 0);
        b.writeUInt32LE(cpu, 4);
        return b;
      };
      const fat = (...cpus) => {
        const b = Buffer.alloc(64);
        b.writeUInt32BE(0xcafebabe, 0);
        b.writeUInt32BE(cpus.length, 4);
        cpus.forEach((cpu, i) => b.writeUInt32BE(cpu, 8 + i * 20));
        return b;
      };
      assert.deepEqual(pkg.binaryTargets(elf(0x3e)), ['linux-x64']);
      assert.deepEqual(pkg.binaryTargets(elf(0xb7)), ['linux-arm64']);
      assert.deepEqual(pkg.binaryTargets(pe(0x8664)), ['win32-x64']);
      assert.deepEqual(pkg.binaryTargets(pe(0xaa64)), ['win32-arm64']);
      assert.deepEqual(pkg.binaryTargets(macho(0x01000007)), ['darwin-x64']);
      assert.deepEqual(pkg.binaryTargets(macho(0x0100000c)), ['darwin-arm64']);
      assert.deepEqual(pkg.binaryTargets(fat(0x01000007, 0x0100000c)), ['darwin-x64', 'darwin-arm64']);
      assert.equal(pkg.binaryTargets(Buffer.from('not a binary, just some text that is long enough to look at'.repeat(2))), undefined);
    });

    it('reads the newest glibc and libstdc++ versions a Linux addon asks for', () => {
      const names = Buffer.from('\0GLIBC_2.2.5\0GLIBCXX_3.4.21\0GLIBC_2.28\0GLIBCXX_3.4.9\0GLIBC_2.14\0GLIBCXX_3.4.25\0', 'latin1');
      assert.deepEqual(pkg.linuxSymbolVersions(names), { glibc: '2.28', glibcxx: '3.4.25' });
      assert.ok(
        pkg.compareVersions('3.4.29', '3.4.25') > 0 && pkg.compareVersions('2.28', '2.28') === 0 && pkg.compareVersions('2.9', '2.28') < 0,
      );
      assert.deepEqual(pkg.VSCODE_LINUX_FLOOR, { glibc: '2.28', glibcxx: '3.4.25' });
    });

    it("finds this machine's nodejieba built for this machine", function () {
      const host = pkg.hostTarget();
      if (!host) this.skip();
      assert.deepEqual(pkg.binaryTargets(fs.readFileSync(path.join(root, pkg.ADDON))), [host]);
    });
  });

  it("refuses to package another platform's target with this machine's addon", function () {
    const host = pkg.hostTarget();
    if (!host) this.skip();
    const other = host === 'win32-x64' ? 'linux-x64' : 'win32-x64';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-package-'));
    try {
      const { spawnSync } = require('node:child_process');
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--target', other, '--no-build', '--out', dir], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`built for ${host}, not ${other}`));
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("the VSIX of this machine's target (npm run package)", () => {
    let dir;
    let vsix;
    let names;
    before(function () {
      const host = pkg.hostTarget();
      if (!host) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-package-'));
      // `npm run package` less the production build: the bundles `npm test` built are packaged as they are.
      const { spawnSync } = require('node:child_process');
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--no-build', '--out', dir], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      vsix = path.join(dir, `gongwen-${host}-${version}.vsix`);
      assert.ok(fs.existsSync(vsix), `no ${vsix}: ${fs.readdirSync(dir).join(', ')}`);
      names = readZip(vsix)
        .names.filter((n) => n.startsWith('extension/'))
        .map((n) => n.slice('extension/'.length));
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    it('is marked for its one platform', () => {
      const manifest = readZip(vsix).read('extension.vsixmanifest').toString('utf8');
      assert.match(manifest, new RegExp(`TargetPlatform="${pkg.hostTarget()}"`));
    });

    it('holds what the extension runs', () => {
      for (const file of REQUIRED) assert.ok(names.includes(file), `missing ${file}`);
    });

    it('holds every file of server/data the server reads at run time, and none of the tables embedded in the bundles', () => {
      const embedded = embeddedTables();
      assert.ok(embedded.size >= 10 && embedded.has('server/data/typo.tsv'), [...embedded].join(', '));
      const data = dataFiles();
      const missing = data.filter((f) => !embedded.has(f) && !names.includes(f));
      assert.deepEqual(missing, [], 'run-time data left out of the package');
      assert.deepEqual(
        names.filter((n) => embedded.has(n)),
        [],
        'tables shipped twice (embedded and as files)',
      );
    });

    it('holds nothing else: no CLI, no sources, no source maps, no full dictionary, one native addon', () => {
      const forbidden = names.filter((n) => FORBIDDEN.some((re) => re.test(n)));
      assert.deepEqual(forbidden, []);
      const unaccounted = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
      assert.deepEqual(unaccounted, [], 'files no rule of .vscodeignore decided to ship');
      assert.deepEqual(
        names.filter((n) => n.endsWith('.node')),
        ['node_modules/nodejieba/build/Release/nodejieba.node'],
      );
      // The full jieba dictionary alone was 5 MB; the package stays well below what it was.
      assert.ok(fs.statSync(vsix).size < 4 * 1024 * 1024 + 2 * sizeOf('server/data'), `${fs.statSync(vsix).size} bytes`);
    });

    it('runs: the language server started from the packaged files alone checks a document with every rule', async () => {
      // The package unpacked where no node_modules of the repository can be found.
      const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-unpacked-'));
      try {
        const zip = readZip(vsix);
        for (const name of zip.names.filter((n) => n.startsWith('extension/'))) {
          const target = path.join(unpacked, name);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, zip.read(name));
        }
        const env = { ...process.env };
        delete env.GONGWEN_DATA_DIR;
        delete env.NODE_PATH;
        const server = await startServer({ serverPath: path.join(unpacked, 'extension', 'dist', 'server.js'), env });
        try {
          const uri = 'untitled:Untitled-1';
          // 「持旭推进」: typo-context's finding needs its unigram table and model from the package (the
          // VSIX has no full jieba dictionary; the rule once read it from nodejieba and found nothing here).
          const text = '这是关健一年，，要抓好落实，坚持持旭推进。\n';
          const done = server.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'typo'), 30_000);
          server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
          const published = await done;
          assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['punct-dup', 'typo']);
          // The full check (slow rules included) runs too, with no warning about missing data.
          const result = await server.conn.sendRequest('gongwen/checkDocument', { uri });
          assert.ok(result && result.findings.length >= 3);
          const context = result.findings.filter((f) => f.rule === 'typo-context');
          assert.equal(context.length, 1, JSON.stringify(result.findings));
          assert.equal(context[0].text, '旭');
          assert.deepEqual(server.state.shown, [], 'the server warned about something the package lacks');
        } finally {
          await server.stop();
        }
      } finally {
        fs.rmSync(unpacked, { recursive: true, force: true });
      }
    });
  });
});

function sizeOf(rel) {
  let total = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else if (!p.endsWith('.tsv')) total += st.size;
  };
  walk(path.join(root, rel));
  return total;
}
