// Lint (npm run lint, part of npm test): the recommended rules for JavaScript and TypeScript, and
// the layers' boundaries: the core imports neither vscode nor the LSP libraries, and the client
// reaches into the server only for the shared protocol.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-*', 'vscode-languageserver*', 'vscode-jsonrpc*'],
              message: 'The core imports neither vscode nor the LSP libraries.',
            },
            {
              group: ['node:worker_threads', 'node:child_process'],
              message: 'The core runs wherever it is called; threads and processes belong to its callers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode'], message: 'The server runs outside VS Code: no vscode import.' }] },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'server/src/(?!protocol$|core/chars$|docx$)',
              message:
                'The client shares only the protocol (server/src/protocol.ts), the pure text helpers of core/chars.ts and the .docx reader (server/src/docx.ts, which reads bytes it is given) with the server.',
            },
          ],
        },
      ],
    },
  },
);
