import { it } from 'vitest';
import { runBundled } from './run-bundled';

// Sync figures (see sync.run.ts): measured in a bundled child process, the way `glue sync` runs,
// so the peak RSS is the syncing process's own and not vitest's. Prints; asserts nothing.
it('sync: 100k-record fake tenant', async () => {
  console.log(await runBundled('bench/sync.run.ts'));
}, 1_800_000);
