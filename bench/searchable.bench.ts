// Time until a first sync is searchable at IT Glue's real budget, and the sync's peak RSS (see
// searchable.run.ts), measured in a bundled child process the way `glue sync` runs:
//   SYNC_BENCH_SCALE=1000000 npm run bench -- bench/searchable.bench.ts
import { it } from 'vitest';
import { runBundled } from './run-bundled';

it('time until a first sync is searchable', async () => {
  console.log(await runBundled('bench/searchable.run.ts'));
}, 3_600_000);
