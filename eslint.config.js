// Lint rules that enforce the layering in DESIGN.md: a wrong import is a lint error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'url', 'util', 'events', 'stream', 'zlib', 'worker_threads'];

/** Builds a no-restricted-imports rule from module patterns and the reason they are forbidden. */
function forbid(groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'test/fixtures/**', 'test/unit/layering/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [nodeBuiltins, 'src-shared is pure TypeScript: no Node built-ins.'],
        [['electron', 'electron/*'], 'src-shared must not import electron.'],
        [['**/src-main/**', '**/src-renderer/**', 'react', 'react-dom', 'react-dom/*'], 'src-shared imports nothing from the layers above it.'],
      ]),
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid([
        [nodeBuiltins, 'The renderer runs sandboxed: no Node built-ins.'],
        [['electron', 'electron/*'], 'The renderer reaches main only through the typed IPC client.'],
        [['**/src-main/**'], 'The renderer must not import main-process code; use the IPC contract in src-shared.'],
      ]),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/electron/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': forbid([
        [['electron', 'electron/*'], 'Only src-main/app/electron/ may import electron.'],
        [['**/src-renderer/**'], 'Main-process code must not import the renderer.'],
      ]),
    },
  },
  {
    files: ['src-main/app/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': forbid([[['**/src-renderer/**'], 'Main-process code must not import the renderer.']]),
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}', 'bin/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
