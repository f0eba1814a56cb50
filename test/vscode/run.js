#!/usr/bin/env node
// Runs the extension's integration tests inside a real desktop VS Code (@vscode/test-electron).
//
//   npm run test:vscode                          builds, then downloads VS Code and runs the suite
//   VSCODE_EXECUTABLE_PATH=/path/to/code ...     uses a VS Code already on this machine instead
//   VSCODE_TEST_VERSION=1.100.0 ...              downloads that version instead of the latest stable
//   GONGWEN_VSCODE_REQUIRED=1 ...                a failed download fails the run (CI with a network)
//
// The download comes from Microsoft's update servers. Where they cannot be reached (machines that
// see only the npm registry), the suite cannot run at all: that is reported in one line and the
// script exits 0, so it does not mask the layers that do run there — unless GONGWEN_VSCODE_REQUIRED
// is set, as .github/workflows/ci.yml does. A test that runs and fails always exits 1. On Linux
// without a display, run it under `xvfb-run -a`.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');

const repoRoot = path.resolve(__dirname, '..', '..');
/** Overall limit for resolving and downloading VS Code; test-electron's own timeout is per idle socket. */
const DOWNLOAD_TIMEOUT_MS = 60_000;
/**
 * 'stable' by default. mocha 12 (loaded inside the extension host) needs Node >= 20.19: VS Code 1.100
 * (Electron 34.5.1, Node 20.19.0) is the first to ship it, and the lowest engines.vscode claims; CI
 * runs the suite there too (VSCODE_TEST_VERSION=1.100.0). Set VSCODE_TEST_VERSION to pin a version.
 */
const VSCODE_VERSION = process.env.VSCODE_TEST_VERSION || 'stable';

/** The sample document: one known typo (关健) and one doubled comma (，，). */
const SAMPLE_TEXT = ['关于做好年度重点工作的通知', '', '各单位：', '抓好落实是完成任务的关健，，各单位要高度重视。', ''].join('\n');

async function main() {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || (await downloadOrSkip());
  if (!vscodeExecutablePath) return 0;

  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(repoRoot, bundle))) {
      console.error(`test:vscode: FAILED — ${bundle} not found; build first (npm run build)`);
      return 1;
    }
  }

  const workspace = createWorkspace();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { GONGWEN_TEST_SAMPLE: path.join(workspace, 'sample.txt') },
      launchArgs: [workspace, '--disable-extensions'],
    });
    return 0;
  } catch (error) {
    console.error(`test:vscode: FAILED — ${describe(error)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** The path of a downloaded VS Code, or undefined after printing the SKIPPED line. */
async function downloadOrSkip() {
  const reporter = quietReporter();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS / 1000} s`)), DOWNLOAD_TIMEOUT_MS);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version: VSCODE_VERSION, reporter, timeout: 20_000 }), timeout]);
  } catch (error) {
    const reason = reporter.lastError ? describe(reporter.lastError) : describe(error);
    if (process.env.GONGWEN_VSCODE_REQUIRED) {
      console.error(`test:vscode: FAILED — could not download VS Code ${VSCODE_VERSION} (${reason})`);
      process.exit(1);
    }
    console.log(
      `test:vscode: SKIPPED — could not download VS Code (${reason}); ` + 'set VSCODE_EXECUTABLE_PATH to a local VS Code to run this suite',
    );
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * test-electron's console reporter prints a stack trace per failed attempt; keep the output to
 * the one SKIPPED line, but remember the underlying error for it and still show real progress.
 */
function quietReporter() {
  const reporter = {
    lastError: undefined,
    report(report) {
      if (report.stage === 'retrying') reporter.lastError = report.error;
      if (report.stage === 'resolvedVersion') console.log(`test:vscode: using VS Code ${report.version}`);
      if (report.stage === 'newInstallComplete') console.log(`test:vscode: VS Code ready in ${report.downloadedPath}`);
    },
    error(error) {
      reporter.lastError = error;
    },
  };
  return reporter;
}

/** A fresh folder with the sample file, so the tests never touch the user's files or settings. */
function createWorkspace() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-vscode-test-'));
  fs.writeFileSync(path.join(folder, 'sample.txt'), SAMPLE_TEXT, 'utf8');
  return folder;
}

function describe(error) {
  if (!error) return 'unknown error';
  const parts = [error.message || String(error)];
  // Network errors from Node often hide the useful part (ENOTFOUND, ECONNREFUSED…) in `cause`/`code`.
  const cause = error.cause;
  if (cause && cause.message && !parts[0].includes(cause.message)) parts.push(cause.message);
  if (error.code && !parts.join(' ').includes(error.code)) parts.push(error.code);
  return parts.join(': ').replace(/\s+/g, ' ').trim();
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`test:vscode: FAILED — ${describe(error)}`);
    process.exit(1);
  },
);
