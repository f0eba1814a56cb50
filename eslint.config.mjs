// Lint (npm run lint, part of npm test): the recommended rules for JavaScript and TypeScript, and
// the layers' boundaries (docs/architecture.md; test/boundaries.test.js checks that they hold): the
// core imports neither vscode nor the LSP libraries nor any other layer, shared/ imports nothing,
// the language server and the CLI do not import each other, and the client reaches into the server
// only for two pure modules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const VSCODE = { group: ['vscode'], message: 'Only the client runs inside VS Code.' };
const LSP = {
  group: ['vscode-languageserver*', 'vscode-jsonrpc*', 'vscode-languageclient*'],
  message: 'The LSP libraries belong to server/src/lsp (and the client).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'test/fixtures/**', '**/*.bundled.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are matched on purpose (terminal-safe output, hostile input).
      'no-control-regex': 'off',
      // Full-width spaces (U+3000) are part of 公文 text in strings and patterns.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    // Two spaces in an expected line of output are what the output has.
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    // Functions evaluated in the workbench page.
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha, ...globals.browser } },
  },
  // The layers (docs/architecture.md): each folder imports only the ones below it.
  // shared/: imports nothing at all, not even node: builtins.
  {
    files: ['shared/**/*.ts'],
    rules: restrict({ regex: '.*', message: 'shared/ imports nothing: both the client and the server bundle it.' }),
  },
  // core: neither vscode nor LSP, nor any other layer, nor shared/ (the core owns its types).
  {
    files: ['server/src/core/**/*.ts'],
    rules: restrict(
      VSCODE,
      LSP,
      {
        group: ['**/shared/**', '**/lsp/**', '**/cli/**', '**/io/**', '**/client/**'],
        message: 'The core imports nothing outside server/src/core (and the server/data tables).',
      },
      { group: ['node:worker_threads', 'node:child_process'], message: "Threads and processes belong to the core's callers." },
    ),
  },
  // io: Node-side file helpers for lsp/ and cli/; core and shared only.
  {
    files: ['server/src/io/**/*.ts'],
    rules: restrict(VSCODE, LSP, {
      group: ['**/lsp/**', '**/cli/**', '**/client/**'],
      message: 'io/ serves lsp/ and cli/; it imports neither.',
    }),
  },
  // lsp: core, io, shared and the LSP libraries; never the CLI.
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: restrict(VSCODE, { group: ['**/cli/**', '**/client/**'], message: 'The language server does not import the CLI.' }),
  },
  // cli: core, io, shared; never LSP.
  {
    files: ['server/src/cli/**/*.ts'],
    rules: restrict(VSCODE, LSP, { group: ['**/lsp/**', '**/client/**'], message: 'The CLI does not import the language server.' }),
  },
  // client: vscode, the LSP client, shared/, and of the server only two pure modules: core/chars
  // (countCharacters for the status bar) and io/docx (reads the bytes it is given).
  {
    files: ['client/src/**/*.ts'],
    rules: restrict({
      regex: 'server/src/(?!core/chars$|io/docx$)',
      message: 'The client imports shared/, core/chars (counting) and io/docx (the .docx reader), nothing else of the server.',
    }),
  },
);
