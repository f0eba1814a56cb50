#!/usr/bin/env node
// The `gongwen` command: the CLI bundle built by `npm run build` (esbuild.mjs).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('gongwen：找不到 dist/cli.js，请先运行 npm run build\n');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`gongwen：内部错误：${(err && err.stack) || err}\n`);
    process.exitCode = 2;
  });
