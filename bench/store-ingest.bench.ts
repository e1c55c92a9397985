import { it } from 'vitest';
import { runBundled } from './run-bundled';

// Store ingest figures (see store-ingest.run.ts). The measurement runs bundled, in a child
// process, the way `glue sync` runs the writer. Prints; never asserts on timing.
it('store ingest: 100k records', async () => {
  console.log(await runBundled('bench/store-ingest.run.ts'));
});
