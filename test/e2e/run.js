#!/usr/bin/env node
// End-to-end test in the real VS Code workbench: code-server serves it on 127.0.0.1, Debian's
// Chromium shows it, playwright-core drives it as a writer would (see docs/e2e.md).
//
//   npm run test:e2e
//
// 1. installs what it needs, idempotently: Debian packages, code-server (cached outside the repo,
//    in $GONGWEN_E2E_CACHE or ${XDG_CACHE_HOME:-~/.cache}/gongwen-e2e) and, unless the repository
//    has it, playwright-core in the same cache;
// 2. builds the VSIX into a temporary folder and installs it into an isolated code-server (its
//    own user-data, extensions and config folders), started on a free port of 127.0.0.1;
// 3. opens a workspace holding a sample speech and runs the steps in steps.js, saving a screenshot
//    of each under .e2e/screenshots/ (NN-name.png, NN-name-FAILED.png for the step that failed);
// 4. stops every process it started (browser, code-server and its children), also on failure and
//    on SIGINT/SIGTERM, and removes the temporary folder (kept with GONGWEN_E2E_KEEP=1).
//
// Exit code 0 when every step passed, 1 otherwise; the last line is `e2e: N passed, N failed`.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const proc = require('./proc');
const setup = require('./setup');
const codeServer = require('./codeServer');
const { Workbench } = require('./workbench');
const { STEPS, SAMPLE_FILE, SAMPLE_TEXT, WORKSPACE_FILES } = require('./steps');

const repoRoot = path.resolve(__dirname, '..', '..');
const outDir = path.resolve(process.env.GONGWEN_E2E_OUT || path.join(repoRoot, '.e2e'));
const shotsDir = path.join(outDir, 'screenshots');
const logsDir = path.join(outDir, 'logs');
const CHROMIUM = process.env.GONGWEN_E2E_CHROMIUM || '/usr/bin/chromium';
/** The whole run, cold install included; past it everything is stopped and the run fails. */
const RUN_TIMEOUT_MS = Number(process.env.GONGWEN_E2E_TIMEOUT_MS) || 30 * 60_000;
/** One UI step. */
const STEP_TIMEOUT_MS = 90_000;
/**
 * The display language: the writers this is for work in Chinese, and the extension's own strings
 * (command titles, status bar, messages) are then Chinese. VS Code's own menus stay English: its
 * Chinese language pack comes from the Marketplace, which these machines do not reach.
 */
const LOCALE = 'zh-cn';
const VIEWPORT = { width: 1400, height: 900 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Only the code-server on 127.0.0.1 is reachable: no name is even looked up.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const started = Date.now();
let currentStep = 'start';
let tmpRoot;
let server;
/** The second code-server, with workspace trust on, for the Restricted Mode step. */
let trustServer;
let browser;
let cleaning;
let interrupted = false;
const results = [];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p) => path.relative(process.cwd(), p) || p;
const say = (line) => {
  if (!interrupted) console.log(`e2e: ${line}`);
};

/** Runs one named phase of the set-up; its name is what a failure reports. */
async function phase(name, fn) {
  currentStep = name;
  const t = Date.now();
  const note = await fn();
  say(`[${name}] ${note ? `${note} ` : ''}(${seconds(Date.now() - t)})`);
  return note;
}

async function main() {
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });
  for (const old of fs.readdirSync(shotsDir)) if (old.endsWith('.png')) fs.rmSync(path.join(shotsDir, old));
  for (const old of fs.readdirSync(logsDir)) fs.rmSync(path.join(logsDir, old), { force: true });
  const log = (name) => path.join(logsDir, name);

  const cache = setup.cacheDir();
  say(`cache ${cache}; screenshots and logs in ${rel(outDir)}/`);
  await phase('setup: Debian packages', () => setup.ensureDebianPackages(log('install.log')));
  let entry;
  await phase(`setup: code-server ${setup.CODE_SERVER_VERSION}`, async () => {
    const result = await setup.ensureCodeServer(cache, log('install.log'));
    entry = result.entry;
    return result.installed ? `installed in ${result.dir}` : `cached in ${result.dir}`;
  });
  let playwright;
  await phase('setup: playwright-core', async () => {
    const result = await setup.ensurePlaywright(repoRoot, cache, log('install.log'));
    playwright = result.playwright;
    return `${result.installed ? 'installed' : 'using'} ${result.from}`;
  });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian package chromium)`);

  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-e2e-'));
  let vsix;
  await phase('build: VSIX', async () => {
    vsix = await codeServer.buildVsix(repoRoot, tmpRoot, log('build.log'));
    return `${vsix} (${Math.round(fs.statSync(vsix).size / 1024)} KB)`;
  });

  const dirs = codeServer.prepare(path.join(tmpRoot, 'code-server'), { locale: LOCALE });
  const workspace = path.join(tmpRoot, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, SAMPLE_FILE), SAMPLE_TEXT, 'utf8');
  // Text as UTF-8; a Buffer (a .docx, a GBK file) as its bytes.
  for (const [name, content] of Object.entries(WORKSPACE_FILES)) fs.writeFileSync(path.join(workspace, name), content);
  await phase(
    'setup: install the VSIX into code-server',
    async () => `installed ${await codeServer.installExtension(entry, dirs, vsix, log('code-server.log'))}`,
  );
  await phase('start: code-server', async () => {
    server = await codeServer.startServer(entry, dirs, workspace, log('code-server.log'), { locale: LOCALE });
    return `${server.url}, locale ${LOCALE} (pid ${server.pid})`;
  });

  let page;
  let context;
  const browserLog = fs.createWriteStream(log('browser.log'));
  const logPage = (p) => {
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') browserLog.write(`[console.${m.type()}] ${m.text()}\n`);
    });
    p.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.message}\n`));
    p.on('requestfailed', (r) => browserLog.write(`[requestfailed] ${r.url()} ${r.failure()?.errorText || ''}\n`));
  };
  await phase('start: Chromium and the workbench', async () => {
    // Chromium's own profile folders (crash reports, caches) go to the temporary folder too.
    const browserEnv = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(tmpRoot, 'chromium', 'config'),
      XDG_CACHE_HOME: path.join(tmpRoot, 'chromium', 'cache'),
    };
    browser = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: browserEnv,
      timeout: 60_000,
    });
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const p = (page = await context.newPage());
    logPage(p);
    const wb = new Workbench(p);
    await wb.load(`${server.url}/?folder=${encodeURI(workspace)}`);
    await wb.explorerRow(SAMPLE_FILE).first().waitFor({ state: 'visible', timeout: 30_000 });
    return server.url;
  });
  await page.screenshot({ path: path.join(shotsDir, '00-workbench.png') });

  /**
   * A folder with `files` opened in a second code-server whose workspace trust is on, as on a
   * writer's machine: nobody trusted the folder, so it opens in Restricted Mode. Its page becomes the
   * one the screenshots show, for the rest of that step.
   */
  const openRestricted = async (name, files) => {
    const folder = path.join(tmpRoot, name);
    fs.mkdirSync(folder);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), text, 'utf8');
    const trustDirs = codeServer.prepare(path.join(tmpRoot, 'code-server-trust'), { locale: LOCALE, trust: true });
    await codeServer.installExtension(entry, trustDirs, vsix, log('code-server-trust.log'));
    trustServer = await codeServer.startServer(entry, trustDirs, folder, log('code-server-trust.log'), { locale: LOCALE, trust: true });
    const p = await context.newPage();
    logPage(p);
    const restrictedWb = new Workbench(p);
    await restrictedWb.load(`${trustServer.url}/?folder=${encodeURI(folder)}`);
    state.activePage = p;
    return { wb: restrictedWb, page: p };
  };

  const wb = new Workbench(page);
  const state = {};
  // The page the screenshots show: the workbench, or the one a step opened.
  const shown = () => state.activePage || page;
  for (const step of STEPS) {
    currentStep = step.id;
    // A page opened by an earlier step (Restricted Mode's) stays open but is no longer the one shown.
    state.activePage = undefined;
    const shot = (suffix) => shown().screenshot({ path: path.join(shotsDir, `${step.id}${suffix ? `-${suffix}` : ''}.png`) });
    const t = Date.now();
    try {
      const note = await withTimeout(
        step.run({ wb, page, state, shot, openRestricted }),
        STEP_TIMEOUT_MS,
        `step did not finish within ${STEP_TIMEOUT_MS / 1000} s`,
      );
      await shot();
      if (step.after) await step.after({ wb, page, state });
      results.push({ step, ok: true });
      say(`✔ ${step.id} — ${step.title}: ${note} (${seconds(Date.now() - t)})`);
    } catch (error) {
      const file = path.join(shotsDir, `${step.id}-FAILED.png`);
      await shown()
        .screenshot({ path: file })
        .catch(() => {});
      results.push({ step, ok: false });
      say(`✖ ${step.id} — ${step.title} (${seconds(Date.now() - t)})`);
      throw Object.assign(new Error(error.message), { step, screenshot: file });
    }
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Stops the browser and every process group this run started; removes the temporary folder. */
function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      if (browser) await withTimeout(browser.close(), 10_000, 'browser.close timed out').catch(() => {});
      if (trustServer) await trustServer.stop();
      if (server) await server.stop();
      await proc.stopAll();
      if (server && proc.groupAlive(server.pid)) say(`warning: code-server's process group ${server.pid} is still alive`);
      if (tmpRoot && !process.env.GONGWEN_E2E_KEEP) fs.rmSync(tmpRoot, { recursive: true, force: true });
      else if (tmpRoot) say(`kept ${tmpRoot}`);
    })();
  }
  return cleaning;
}

function report(error) {
  const passed = results.filter((r) => r.ok).length;
  const failed = error ? 1 : 0;
  const skipped = STEPS.length - results.length;
  if (error) {
    const step = error.step ? `${error.step.id} (${error.step.title})` : currentStep;
    console.error(`e2e: FAILED at step ${step}: ${error.message}`);
    console.error(`e2e:   screenshot: ${error.screenshot ? rel(error.screenshot) : 'none'}; logs: ${rel(logsDir)}/`);
  }
  console.log(`e2e: total ${seconds(Date.now() - started)}; screenshots: ${rel(shotsDir)}/`);
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`e2e: interrupted by ${signal} during step ${currentStep}; stopping what was started`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
process.on('exit', () => proc.killAllNow());

const watchdog = setTimeout(() => {
  if (interrupted) return;
  interrupted = true;
  const error = new Error(`the run took longer than ${RUN_TIMEOUT_MS / 60_000} min (set GONGWEN_E2E_TIMEOUT_MS to change)`);
  cleanup().finally(() => {
    report(error);
    process.exit(1);
  });
}, RUN_TIMEOUT_MS);
watchdog.unref();

main().then(
  async () => {
    if (interrupted) return; // the signal handler reports and exits
    await cleanup();
    report();
    process.exit(0);
  },
  async (error) => {
    if (interrupted) return;
    await cleanup();
    report(error);
    process.exit(1);
  },
);
