import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One config for the three Electron bundles. The CLI/MCP bundle is built by
// scripts/build-cli.js (esbuild) because it must start in ~100 ms under plain Node.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Their own files next to index.js: worker-url.ts finds them to start worker_threads.
          'embed-worker': resolve(__dirname, 'electron/core/search/embed-worker.ts'),
          'kmeans-worker': resolve(__dirname, 'electron/core/search/kmeans-worker.ts'),
        },
        // Fixed names, no hash: the worker is found by name at run time.
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot use ESM imports: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
