// Shared by the tests: the built core (dist/core.js, made by `npm run build`) and small helpers.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const core = require(path.join(__dirname, '..', 'dist', 'core.js'));

const RULE_IDS = core.RULES.map((r) => r.id);

/** Findings of one rule only, as [flagged text, first suggestion] pairs. */
function flagged(text, rule, extra = {}) {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === rule ? 'error' : 'off']));
  return core.check(text, { ...extra, rules }).map((f) => [text.slice(f.offset, f.offset + f.length), f.suggestions[0]]);
}

/**
 * Applies every fix to `text` and checks again. `fresh` lists (as 「rule:text」) the findings of the
 * fixed text that no finding of the original had: a fix must never create one.
 */
function fixAndRecheck(text, options = {}) {
  const before = core.check(text, options);
  const fixed = core.applyFixes(text, before).text;
  const after = core.check(fixed, options);
  const key = (f, t) => `${f.rule}:${t.slice(f.offset, f.offset + f.length)}`;
  const old = new Set(before.map((f) => key(f, text)));
  const fresh = after.filter((f) => !old.has(key(f, fixed))).map((f) => key(f, fixed));
  return { fixed, after, fresh };
}

/** Whether mkfifo works here (not on Windows; BSD's has no --help, so it is tried for real). */
function fifoWorks() {
  if (process.platform === 'win32') return false;
  const probe = path.join(os.tmpdir(), `gongwen-fifo-probe-${process.pid}`);
  try {
    return spawnSync('mkfifo', [probe]).status === 0 && fs.lstatSync(probe).isFIFO();
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** Whether this system makes FIFOs (the hostile-file tests make them), asked once. */
let fifo;
const canMakeFifo = () => (fifo ??= fifoWorks());

module.exports = { core, RULE_IDS, flagged, fixAndRecheck, canMakeFifo, root: path.join(__dirname, '..') };
