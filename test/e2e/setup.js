'use strict';
// Installs what the end-to-end run needs, idempotently, outside the repository:
//
//   - Debian packages: the headers code-server's native modules build against, ripgrep (copied
//     in place of the one @vscode/ripgrep would download), Chromium, and a CJK font so that the
//     screenshots show Chinese text rather than boxes;
//   - code-server CODE_SERVER_VERSION, installed by hand (its own postinstall refuses to run as root
//     and downloads ripgrep), into <cache>/code-server-<version>, with a marker file written last;
//   - playwright-core: the repository's own devDependency when installed, otherwise a pinned copy
//     in <cache>/playwright-core-<version>.
//
// Each install is built in a scratch folder and renamed into place when complete, so an
// interrupted install is never mistaken for a finished one.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./proc');

const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; later releases need Node 22.
const PLAYWRIGHT_VERSION = '1.65.1';
const APT_PACKAGES = [
  'libkrb5-dev',
  'libx11-dev',
  'libxkbfile-dev',
  'libsecret-1-dev',
  'pkg-config',
  'ripgrep',
  'chromium',
  'fonts-wqy-microhei',
];
/** Native modules in code-server's lib/vscode that must be built for this Node. */
const VSCODE_NATIVE_MODULES = ['kerberos', 'node-pty', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog', '@vscode/deviceid'];
const MARKER = '.gongwen-e2e-installed.json';

function cacheDir() {
  if (process.env.GONGWEN_E2E_CACHE) return path.resolve(process.env.GONGWEN_E2E_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gongwen-e2e');
}

/** Environment for npm and node-gyp: never prompt, never download Node headers when the system has them. */
function npmEnv(extra = {}) {
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = prefix;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Debian packages

function missingDebianPackages() {
  const missing = [];
  for (const pkg of APT_PACKAGES) {
    try {
      const status = require('child_process')
        .execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString();
      if (!status.startsWith('ii')) missing.push(pkg);
    } catch {
      missing.push(pkg);
    }
  }
  return missing;
}

async function ensureDebianPackages(log) {
  if (!fs.existsSync('/usr/bin/dpkg-query')) {
    // Not Debian: only check that the two programs used at run time are there.
    for (const program of ['/usr/bin/chromium', 'rg']) {
      if (!which(program))
        throw new Error(`${program} not found; install Chromium and ripgrep (Debian: apt-get install ${APT_PACKAGES.join(' ')})`);
    }
    return 'not a Debian system: using the Chromium and ripgrep found';
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return 'all present';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (!sudo) {
    throw new Error(
      `missing Debian packages ${missing.join(' ')}; install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (...args) =>
    sudo.length
      ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env, log, name: 'apt-get' })
      : run('apt-get', args, { env, log, name: 'apt-get' });
  await aptGet('update');
  await aptGet('install', '-y', ...missing);
  const still = missingDebianPackages();
  if (still.length) throw new Error(`apt-get did not install ${still.join(' ')} (log: ${log})`);
  return `installed ${missing.join(' ')}`;
}

function which(program) {
  if (program.includes('/')) return fs.existsSync(program) ? program : undefined;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// code-server

/** What a finished install was made for: a different Node ABI needs the native modules rebuilt. */
function installStamp() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, platform: process.platform, arch: process.arch };
}

function readMarker(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

function codeServerEntry(dir) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function isInstalled(dir) {
  const marker = readMarker(dir);
  const stamp = installStamp();
  return Boolean(
    marker &&
    Object.keys(stamp).every((key) => marker[key] === stamp[key]) &&
    fs.existsSync(codeServerEntry(dir)) &&
    fs.existsSync(path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')),
  );
}

/**
 * Returns { entry, dir, installed: boolean }. Follows the steps that were seen to work here:
 * install without scripts, install VS Code's own dependencies, rebuild the native modules, put
 * Debian's ripgrep where @vscode/ripgrep expects its download, make the symlinks the postinstall
 * would make, install the built-in extensions' dependencies and rebuild argon2.
 */
async function ensureCodeServer(cache, log) {
  const dir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  if (isInstalled(dir)) return { dir, entry: codeServerEntry(dir), installed: false };

  fs.mkdirSync(cache, { recursive: true });
  const work = `${dir}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'gongwen-e2e-code-server', private: true }, null, 2));
    const env = npmEnv();
    const npm = (cwd, args, name) => run('npm', args, { cwd, env, log, name });

    await npm(work, ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], 'npm install code-server');
    const vscodeDir = path.join(work, 'node_modules', 'code-server', 'lib', 'vscode');
    await npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts'], 'npm install (code-server lib/vscode)');
    // node-pty's install script runs `npx node-gyp`: npm_config_yes lets npx fetch it from the registry.
    await npm(vscodeDir, ['rebuild', ...VSCODE_NATIVE_MODULES], 'npm rebuild (VS Code native modules)');

    const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    const rg = which('rg');
    if (!rg) throw new Error('ripgrep (rg) not found on PATH; install the Debian package ripgrep');
    fs.mkdirSync(path.dirname(rgTarget), { recursive: true });
    fs.copyFileSync(rg, rgTarget);
    fs.chmodSync(rgTarget, 0o755);

    symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

    await npm(path.join(vscodeDir, 'extensions'), ['install', '--omit=dev', '--ignore-scripts'], 'npm install (built-in extensions)');
    // argon2 (password hashing, loaded at start-up) is hoisted to the top; build it here rather
    // than let node-pre-gyp try to download a prebuilt binary.
    await npm(work, ['rebuild', 'argon2', '--build-from-source'], 'npm rebuild argon2');

    // A smoke test; its XDG folders are scratch ones, so nothing is written under the home folder.
    const scratch = path.join(work, '.smoke-xdg');
    const version = await run(process.execPath, [codeServerEntry(work), '--version'], {
      cwd: work,
      env: { ...process.env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
      log,
      name: 'code-server --version',
      timeoutMs: 60_000,
    });
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed ${JSON.stringify(version.trim())}`);

    fs.writeFileSync(path.join(work, MARKER), JSON.stringify({ ...installStamp(), completed: new Date().toISOString() }, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    // Another run may have finished the same install meanwhile.
    if (isInstalled(dir)) return { dir, entry: codeServerEntry(dir), installed: false };
    throw error;
  }
  return { dir, entry: codeServerEntry(dir), installed: true };
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(target, linkPath);
}

// ---------------------------------------------------------------------------------------------
// playwright-core

/** The module and where it came from: the repository's node_modules first, else the cache. */
async function ensurePlaywright(repoRoot, cache, log) {
  try {
    const resolved = require.resolve('playwright-core', { paths: [repoRoot] });
    return { playwright: require(resolved), from: path.dirname(resolved), installed: false };
  } catch {
    // Not a dependency of the repository (yet): use the cached copy.
  }
  const dir = path.join(cache, `playwright-core-${PLAYWRIGHT_VERSION}`);
  const moduleDir = path.join(dir, 'node_modules', 'playwright-core');
  let installed = false;
  if (!fs.existsSync(path.join(dir, MARKER))) {
    fs.mkdirSync(cache, { recursive: true });
    const work = `${dir}.partial-${process.pid}`;
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    try {
      fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'gongwen-e2e-playwright', private: true }, null, 2));
      await run('npm', ['install', '--no-save', `playwright-core@${PLAYWRIGHT_VERSION}`], {
        cwd: work,
        env: npmEnv(),
        log,
        name: 'npm install playwright-core',
      });
      fs.writeFileSync(
        path.join(work, MARKER),
        JSON.stringify({ playwrightCore: PLAYWRIGHT_VERSION, completed: new Date().toISOString() }, null, 2),
      );
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(work, dir);
      installed = true;
    } catch (error) {
      fs.rmSync(work, { recursive: true, force: true });
      if (!fs.existsSync(path.join(dir, MARKER))) throw error;
    }
  }
  return { playwright: require(moduleDir), from: moduleDir, installed };
}

module.exports = {
  APT_PACKAGES,
  CODE_SERVER_VERSION,
  PLAYWRIGHT_VERSION,
  cacheDir,
  ensureCodeServer,
  ensureDebianPackages,
  ensurePlaywright,
};
