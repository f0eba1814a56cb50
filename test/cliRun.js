// The CLI run in this process (its `main`, with the output captured): the same code path as
// bin/gongwen.js without starting Node and loading the dictionary again for every call. A few
// tests still launch the real command (cli.test.js: the closed pipe, the exit code of bin/gongwen.js).
'use strict';
const path = require('node:path');
const { root } = require('./helpers');

/** Runs `gongwen ...args` (from `cwd` when given); resolves { code, out, err }. */
async function runCli(args, { cwd } = {}) {
  const { main } = require(path.join(root, 'dist', 'cli.js'));
  let out = '';
  let err = '';
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), color: false, progress: false });
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}

module.exports = { runCli };
