'use strict';
// The VSIX and the code-server that serves it: built and installed into folders of this run only
// (its own user-data, extensions, config and XDG folders), served on 127.0.0.1 and a free port.

const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const { run, start, stopGroup } = require('./proc');

/**
 * The user settings of the isolated code-server: nothing that opens on its own, asks for trust,
 * reports usage or looks for updates.
 */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  // The defaults a writer has for plain text, stated so that a changed default shows up here.
  'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' },
  'editor.lightbulb.enabled': 'onCode',
  'editor.hover.enabled': true,
  'editor.hover.delay': 300,
};

/**
 * Builds the production bundles and packs this machine's platform package into `outDir`, as a writer
 * gets it (`npm run package`: scripts/package.mjs, vsce package --target).
 */
async function buildVsix(repoRoot, outDir, log) {
  await run(process.execPath, ['scripts/package.mjs', '--out', outDir], { cwd: repoRoot, log, name: 'npm run package' });
  const vsix = fs.readdirSync(outDir).find((f) => /^gongwen-[a-z0-9]+-[a-z0-9]+-.+\.vsix$/.test(f));
  if (!vsix) throw new Error(`scripts/package.mjs wrote no platform VSIX into ${outDir}`);
  return path.join(outDir, vsix);
}

/** The folders of one isolated code-server under `root`. */
function layout(root) {
  return {
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
  };
}

/**
 * The environment for code-server: none of the caller's VS Code / code-server variables (inside a
 * VS Code terminal they would route the CLI to that instance), XDG folders of its own, and no
 * extension gallery.
 */
function serverEnv(dirs) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_|PASSWORD$|HASHED_PASSWORD$)/.test(key)) continue;
    env[key] = value;
  }
  env.XDG_CONFIG_HOME = dirs.xdgConfig;
  env.XDG_DATA_HOME = dirs.xdgData;
  env.XDG_CACHE_HOME = dirs.xdgCache;
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

/**
 * Makes `locale` an installed display language without the Marketplace: VS Code reads
 * user-data/languagepacks.json to decide whether a language can be shown. This entry carries no
 * translations of VS Code itself (its menus stay English), but with it `vscode.env.language` is
 * the locale, so extensions show their own strings (package.nls.<locale>.json, l10n bundles) in it,
 * as they do for a writer who installed the language pack.
 */
function addLanguagePack(dirs, locale) {
  const translations = path.join(dirs.userData, 'e2e-language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = {
    [locale]: {
      hash: `gongwen-e2e-${locale}-1`,
      extensions: [{ extensionIdentifier: { id: `gongwen-e2e.language-pack-${locale}` }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/**
 * With `trust`, workspace trust is on, as on a writer's machine: a folder nobody trusted yet opens in
 * Restricted Mode (without the start-up question, so that the run needs no answer to it).
 */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

function prepare(root, { locale, trust = false } = {}) {
  const dirs = layout(root);
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const settings = trust ? { ...USER_SETTINGS, ...TRUST_SETTINGS } : USER_SETTINGS;
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  if (locale && !locale.toLowerCase().startsWith('en')) addLanguagePack(dirs, locale.toLowerCase());
  return dirs;
}

function commonArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

async function installExtension(entry, dirs, vsix, log) {
  const output = await run(process.execPath, [entry, ...commonArgs(dirs), '--install-extension', vsix], {
    env: serverEnv(dirs),
    log,
    name: 'code-server --install-extension',
    timeoutMs: 120_000,
  });
  if (!/successfully installed/i.test(output)) throw new Error(`code-server --install-extension did not report success: ${output.trim()}`);
  const installed = fs.readdirSync(dirs.extensions).filter((name) => name.startsWith('gongwen.gongwen-'));
  if (installed.length !== 1)
    throw new Error(`expected one gongwen extension in ${dirs.extensions}, found: ${installed.join(', ') || 'none'}`);
  return installed[0];
}

/** A port that was free a moment ago on 127.0.0.1 (found by listening on port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server on a free port of 127.0.0.1 with `folder` as its workspace, and waits until it
 * answers. Tries another port if the first was taken in between. Returns { url, port, stop }.
 */
async function startServer(entry, dirs, folder, log, { locale, trust = false, readyTimeoutMs = 60_000 } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const args = [
      entry,
      ...commonArgs(dirs),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(trust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(locale ? ['--locale', locale] : []),
      folder,
    ];
    const child = start(process.execPath, args, { env: serverEnv(dirs), log, name: 'code-server' });
    let exited;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    const deadline = Date.now() + readyTimeoutMs;
    while (!exited && Date.now() < deadline) {
      if (await healthy(port)) {
        return { url: `http://127.0.0.1:${port}`, port, pid: child.pid, stop: () => stopGroup(child.pid) };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await stopGroup(child.pid);
    const logTail = fs.readFileSync(log, 'utf8').split('\n').slice(-8).join('\n    ');
    lastError = new Error(
      exited
        ? `code-server exited (${exited.signal || `code ${exited.code}`}) before answering on 127.0.0.1:${port} (log: ${log})\n    ${logTail}`
        : `code-server did not answer on 127.0.0.1:${port} within ${readyTimeoutMs / 1000} s (log: ${log})`,
    );
    if (!exited || !/EADDRINUSE/.test(logTail)) break;
  }
  throw lastError;
}

module.exports = { buildVsix, installExtension, prepare, startServer, USER_SETTINGS };
