import { defineConfig } from 'vitest/config';

// Benchmarks print figures (see README "Figures"); they never pass/fail on timing and are
// not part of `npm test`. Run: `npm run bench` or `npm run bench -- bench/<name>.bench.ts`.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
