// Builds every bundle: the VS Code client (vscode external), the language server and its checker
// worker, the CLI, and for the tests the core library and the .docx and garbled-text modules. nodejieba is a native addon and stays
// external; the rule tables (*.tsv) are embedded as text. It also writes the data files the server
// reads beside the bundles (the trimmed dictionary) and the Markdown snippets. `--production` minifies,
// `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/checkWorker.js' },
  { entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/cli/cliWorker.ts'], outfile: 'dist/cliWorker.js' },
  { entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' },
  { entryPoints: ['server/src/io/docx.ts'], outfile: 'dist/docx.js' },
  { entryPoints: ['server/src/lsp/garbled.ts'], outfile: 'dist/garbled.js' },
];

/**
 * The segmentation dictionary the checker loads: nodejieba's own, less the words seen at most
 * MIN_FREQ times in its corpus. Those rare words are over half of the 349,000 entries and of the
 * memory (about 126 MB of 235 MB). Kept whatever their frequency: single characters; every word
 * containing a wrong form of the typo table (「望了望」 is what keeps 「了望」 in it from being
 * flagged); and words with a doubled character or an ABAB shape, whose boundaries dup-word reads.
 */
const MIN_FREQ = 3;
function writeDictionary() {
  const nodejieba = createRequire(import.meta.url)('nodejieba');
  const wrongForms = readFileSync('server/data/typo.tsv', 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]);
  const protects = (word) => wrongForms.some((w) => word.length > w.length && word.includes(w));
  const repeats = (word) => /(.)\1|(..)\2/u.test(word);
  const kept = readFileSync(nodejieba.DEFAULT_DICT, 'utf8')
    .split('\n')
    .filter((line) => {
      const [word, freq] = line.split(' ');
      if (!word) return false;
      return [...word].length === 1 || Number(freq) > MIN_FREQ || repeats(word) || protects(word);
    });
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/jieba.dict.utf8', kept.join('\n') + '\n');
  // The words the tagger can mark as idioms (tag i), from both dictionaries it loads: the de rule
  // asks the tagger about a 的 only when one of them ends just before it.
  const userLines = readFileSync('server/data/jieba-user.utf8', 'utf8').split('\n');
  const idioms = [...kept, ...userLines]
    .map((line) => line.split(' '))
    .filter((f) => f[0] && f[2] === 'i')
    .map((f) => f[0]);
  writeFileSync('dist/jieba.idioms.utf8', [...new Set(idioms)].join('\n') + '\n');
}
writeDictionary();

/**
 * The snippets for Markdown: the same bodies with a blank line between paragraphs. A 公文 in plain
 * text keeps one paragraph a line (no blank lines to delete when it is pasted into a word processor),
 * but Markdown joins consecutive lines into one paragraph, so there every line is its own.
 */
function writeMarkdownSnippets() {
  const snippets = JSON.parse(readFileSync('snippets/gongwen.json', 'utf8'));
  for (const snippet of Object.values(snippets)) {
    const body = [];
    for (const line of snippet.body) {
      if (line !== '' && body.length > 0 && body[body.length - 1] !== '') body.push('');
      body.push(line);
    }
    snippet.body = body;
  }
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/snippets.markdown.json', JSON.stringify(snippets, null, 2) + '\n');
}
writeMarkdownSnippets();

const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
