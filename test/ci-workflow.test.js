'use strict';
// .github/workflows/ci.yml cannot run here (it needs GitHub's runners); this checks that it parses and
// that it does what docs and the issue say: test on three systems (the VS Code suite at the lowest
// claimed version and at stable), and on a tag package every target on a machine of its platform.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const YAML = require('yaml');
const { root } = require('./helpers');

const FILE = path.join(root, '.github', 'workflows', 'ci.yml');

describe('.ci/run', () => {
  it('runs npm test and the slow tests', () => {
    const script = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    assert.match(script, /^npm test$/m);
    assert.match(script, /^npm run test:slow$/m);
  });
});

describe('.github/workflows/ci.yml', () => {
  let workflow;
  let TARGETS;
  before(async () => {
    const doc = YAML.parseDocument(fs.readFileSync(FILE, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      'YAML errors',
    );
    assert.deepEqual(
      doc.warnings.map((e) => e.message),
      [],
      'YAML warnings',
    );
    workflow = doc.toJS();
    ({ TARGETS } = await import(pathToFileURL(path.join(root, 'scripts', 'package.mjs')).href));
  });

  const steps = (job) => job.steps.map((s) => s.run || s.uses || '').join('\n');

  it('runs on every push, on version tags and on pull requests, reading the repository only', () => {
    assert.deepEqual(workflow.on.push.branches, ['**']);
    assert.deepEqual(workflow.on.push.tags, ['v*']);
    assert.ok('pull_request' in workflow.on);
    assert.deepEqual(workflow.permissions, { contents: 'read' });
  });

  it('tests on Linux, Windows and macOS with the Node that engines.node names', () => {
    const job = workflow.jobs.test;
    assert.deepEqual(job.strategy.matrix.os, ['ubuntu-latest', 'windows-latest', 'macos-latest']);
    assert.equal(job.strategy['fail-fast'], false);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const nodeMajor = Number(/\d+/.exec(manifest.engines.node)[0]);
    for (const j of Object.values(workflow.jobs)) {
      const setup = j.steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
      assert.equal(setup.with['node-version'], nodeMajor);
    }
    const run = steps(job);
    assert.match(run, /^npm install$/m);
    assert.match(run, /xvfb-run -a' \|\| '' \}\} npm test$/m, 'npm test, under xvfb on Linux');
    assert.match(run, /^npm run test:slow$/m, 'the slow tests too');
  });

  it('runs the VS Code suite at stable (npm test) and at the lowest version engines.vscode claims, failing when VS Code cannot be had', () => {
    const job = workflow.jobs.test;
    assert.equal(job.env.GONGWEN_VSCODE_REQUIRED, '1');
    const floor = job.steps.find((s) => s.id === 'floor');
    assert.match(floor.run, /require\('\.\/package\.json'\)\.engines\.vscode/);
    const atFloor = job.steps.find((s) => s.env && s.env.VSCODE_TEST_VERSION);
    assert.equal(atFloor.env.VSCODE_TEST_VERSION, '${{ steps.floor.outputs.version }}');
    assert.match(atFloor.run, /xvfb-run -a' \|\| '' \}\} npm run test:vscode$/);
    // What the floor step computes from package.json.
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(manifest.engines.vscode.replace(/^[^0-9]*/, ''), '1.100.0');
    assert.match(fs.readFileSync(path.join(root, 'test', 'vscode', 'run.js'), 'utf8'), /process\.env\.GONGWEN_VSCODE_REQUIRED/);
  });

  it('packages every target on a tag, each on a runner of its own platform and architecture', () => {
    const packaging = Object.values(workflow.jobs).filter((j) => j.strategy?.matrix?.include?.[0]?.target);
    const runnerFor = {};
    for (const job of packaging) {
      assert.equal(job.if, "startsWith(github.ref, 'refs/tags/v')");
      assert.equal(job.needs, 'test');
      assert.match(steps(job), /^npm run package -- --target \$\{\{ matrix\.target \}\} --out vsix/m);
      const upload = job.steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
      assert.equal(upload.with.path, 'vsix/*.vsix');
      assert.equal(upload.with['if-no-files-found'], 'error');
      assert.equal(job.env.npm_config_build_from_source, 'true');
      for (const { target, os } of job.strategy.matrix.include) runnerFor[target] = { os, container: job.container };
    }
    assert.deepEqual(Object.keys(runnerFor).sort(), [...TARGETS].sort());
    // GitHub's labels: x64 Linux, arm64 Linux, x64 Windows, the Intel macOS image, and macos-latest (Apple silicon).
    assert.match(runnerFor['linux-x64'].os, /^ubuntu-\d+\.\d+$/);
    assert.match(runnerFor['linux-arm64'].os, /^ubuntu-\d+\.\d+-arm$/);
    assert.match(runnerFor['win32-x64'].os, /^windows-/);
    assert.match(runnerFor['darwin-x64'].os, /^macos-\d+-intel$/);
    assert.match(runnerFor['darwin-arm64'].os, /^macos-(latest|\d+)$/);
    // Linux packages are built where glibc and libstdc++ are as old as VS Code's own floor, and checked.
    for (const t of ['linux-x64', 'linux-arm64']) assert.equal(runnerFor[t].container, 'almalinux:8');
    const linux = packaging.find((j) => j.container);
    assert.match(steps(linux), /--vscode-linux-floor/);
  });

  it('pins every action to a major version', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const s of job.steps) if (s.uses) assert.match(s.uses, /^actions\/[a-z-]+@v\d+$/, s.uses);
    }
  });
});
