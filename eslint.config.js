// Lint, and the layering rules that keep each folder to the places its code can run
// (see STYLE.md): notebook/common runs anywhere, notebook/node needs Node, renderer/ is the page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['notebook/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'notebook/common runs anywhere: no Node modules.' },
          { group: ['electron', 'react', 'react-dom', '**/node/**', '**/electron/**', '**/renderer/**'], message: 'notebook/common imports nothing from hosts or UI.' },
        ],
      }],
    },
  },
  {
    files: ['notebook/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'], message: 'notebook/ never imports electron or react.' }],
      }],
    },
  },
  {
    // What `npm start` loads in plain Node must never reach Electron: its package tries to
    // download the binary when required, and the Electron-only modules need the runtime.
    files: ['electron/start.ts', 'electron/launch.ts', 'electron/policy.ts', 'electron/http-host.ts', 'electron/static-files.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', './main.js', './window.js', './ipc.js', './menu.js'], allowTypeImports: true, message: 'Electron-free host code: no electron at run time.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is a web page: no Node modules.' },
          { group: ['electron', '**/notebook/node/**', '**/electron/**'], message: 'The renderer reaches the notebook only through renderer/src/client.ts.' },
          { group: ['compromise', 'compromise/*', '**/common/suggest/suggest.js', '**/common/suggest/tagger.js'], message: 'The suggester runs in a worker thread of the host, never in the page.' },
        ],
      }],
    },
  },
);
