import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

// The import zones enforce the house rule: renderer → shared ← electron, and inside
// electron every door (main, mcp, cli, web-host, preload) depends on core, never the reverse.
// Inside core the layers flow one way too (docs/architecture.md): identifiers at the bottom,
// then itglue and store, then sync and search, then answers, then app.
const doorZones = [
  { target: './renderer', from: './electron', message: 'The renderer talks to electron only through shared/ipc.' },
  { target: './shared', from: './electron', message: 'shared/ imports nothing from either side.' },
  { target: './shared', from: './renderer', message: 'shared/ imports nothing from either side.' },
  { target: './electron', from: './renderer', message: 'electron/ never imports the renderer.' },
  {
    target: './electron/core',
    from: ['./electron/main', './electron/mcp', './electron/cli', './electron/web-host', './electron/preload'],
    message: 'core is plain Node and knows nothing of its doors.',
  },
];

const core = (...dirs) => dirs.map((d) => `./electron/core/${d}`);
const coreZones = [
  { target: './electron/core/identifiers', from: core('itglue', 'store', 'sync', 'search', 'answers', 'app'), message: 'identifiers are the bottom layer of core: they import no other layer.' },
  { target: './electron/core/itglue', from: core('store', 'sync', 'search', 'answers', 'app'), message: 'itglue is a bottom layer of core: itglue, store → sync, search → answers → app.' },
  { target: './electron/core/store', from: core('itglue', 'sync', 'search', 'answers', 'app'), message: 'store is a bottom layer of core: itglue, store → sync, search → answers → app.' },
  { target: './electron/core/sync', from: core('search', 'answers', 'app'), message: 'sync sits below answers and app: itglue, store → sync, search → answers → app.' },
  // search still imports answers/parse/intent and the OrgCandidate type (search.ts); once those
  // move down, add 'answers' here.
  { target: './electron/core/search', from: core('sync', 'app'), message: 'search sits below answers and app: itglue, store → sync, search → answers → app.' },
  { target: './electron/core/answers', from: core('sync', 'app'), message: 'answers sit below app: itglue, store → sync, search → answers → app.' },
];

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
      'import/no-restricted-paths': ['error', { zones: doorZones }],
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
  {
    // Production code of core keeps its layers; tests may reach across them to build fixtures.
    files: ['electron/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones: [...doorZones, ...coreZones] }] },
  },
  {
    // SQL lives in the store (the read model, the writer) and search; every other module asks them.
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/core/store/**',
      'electron/core/search/**',
      // TODO(lead): answers move to the read model.
      'electron/core/answers/**',
      // TODO(sync owner): the sync's own statements (sync_runs, meta, pending ids) move to the store's writer.
      'electron/core/sync/**',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message: 'SQL lives in electron/core/store (the read model in store/read/, the writer) or electron/core/search; call them instead of preparing a statement here.',
        },
      ],
    },
  },
);
