// Entry point that VS Code calls inside the extension host (`--extensionTestsPath`): runs every
// `*.test.js` file in this folder with mocha and rejects if any test fails.
'use strict';

const fs = require('fs');
const path = require('path');

/** mocha 12 is an ES module; requiring it needs a Node with require(esm) (>= 20.19 / 22.12). */
function loadMocha() {
  let loaded;
  try {
    loaded = require('mocha');
  } catch (error) {
    if (error && error.code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        `this VS Code runs Node ${process.versions.node}, which cannot load mocha 12; ` +
          'use a newer VS Code (VSCODE_TEST_VERSION=stable)',
        { cause: error },
      );
    }
    throw error;
  }
  return typeof loaded === 'function' ? loaded : loaded.default;
}

function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 30_000 });
  const testFiles = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}

module.exports = { run };
