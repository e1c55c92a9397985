import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/**/*.e2e.ts'],
    // Native modules (SQLCipher, onnxruntime) are safest in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
