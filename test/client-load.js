// Loads a pure client module (client/src/*.ts without a `vscode` import) for mocha: bundled on the
// fly with esbuild's API and evaluated in memory, so the tests need nothing added to esbuild.mjs and
// leave no files behind. Not a test file itself (mocha runs test/*.test.js).
'use strict';

const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');

/**
 * The exports of client/src/<name>.ts. With `withL10n`, the bundle also exports the @vscode/l10n
 * instance the module uses, as `l10n`, so that a test can load a translation bundle into it.
 */
function loadClientModule(name, { withL10n = false } = {}) {
  const entry = `./client/src/${name}`;
  const contents = withL10n
    ? `export * from ${JSON.stringify(entry)}; export * as l10n from '@vscode/l10n';`
    : `export * from ${JSON.stringify(entry)};`;
  const result = esbuild.buildSync({
    stdin: { contents, resolveDir: ROOT, sourcefile: `${name}.entry.js`, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    logLevel: 'silent',
    // A pure module must not need it; if one ever imports `vscode`, the require below fails loudly.
    external: ['vscode'],
  });
  const code = result.outputFiles[0].text;
  const filename = path.join(ROOT, 'client', 'src', `${name}.bundled.js`);
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(path.dirname(filename));
  mod._compile(code, filename);
  return mod.exports;
}

/**
 * The exports of a server source module (e.g. 'server/src/io/settingsFile.ts'), bundled the same way
 * (rule tables embedded as text, nodejieba left to require). A build failure throws.
 */
function loadServerModule(relativePath) {
  const entry = path.join(ROOT, relativePath);
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    write: false,
    external: ['nodejieba'],
    loader: { '.tsv': 'text' },
    define: { __GONGWEN_VERSION__: '"test"' },
    logLevel: 'silent',
  });
  const filename = entry.replace(/\.ts$/, '.bundled.js');
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(path.dirname(filename));
  mod._compile(result.outputFiles[0].text, filename);
  return mod.exports;
}

module.exports = { loadClientModule, loadServerModule, ROOT };
