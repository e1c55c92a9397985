import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

// The import zones enforce the house rule: renderer → shared ← electron, and inside
// electron every door (main, mcp, cli, web-host, preload) depends on core, never the reverse.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/screenshots/**', '**/*.d.ts', '.preview-scratch*'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './renderer', from: './electron', message: 'The renderer talks to electron only through shared/ipc.' },
            { target: './shared', from: './electron', message: 'shared/ imports nothing from either side.' },
            { target: './shared', from: './renderer', message: 'shared/ imports nothing from either side.' },
            { target: './electron', from: './renderer', message: 'electron/ never imports the renderer.' },
            {
              target: './electron/core',
              from: ['./electron/main', './electron/mcp', './electron/cli', './electron/web-host', './electron/preload'],
              message: 'core is plain Node and knows nothing of its doors.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/mcp/**', 'electron/cli/**', 'electron/web-host/**', 'shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }] }],
    },
  },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
