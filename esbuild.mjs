// Builds every bundle: the VS Code client (vscode external), the language server and its checker
// worker, the CLI and the core library used by the tests. nodejieba is a native addon and stays
// external; the rule tables (*.tsv) are embedded as text. `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'nodejieba'],
  loader: { '.tsv': 'text' },
  define: { __GONGWEN_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/checkWorker.ts'], outfile: 'dist/checkWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/cliWorker.ts'], outfile: 'dist/cliWorker.js' },
  { entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' },
];

const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
