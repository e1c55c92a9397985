// What an integrity check costs on a 100k-record store (records + FTS5 written through the store
// writer), cold (a fresh connection, as `glue status` and `health` open the store). The numbers
// choose which check runs where (docs/reliability.md). Prints; never fails on timing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateDemoTenant } from '../electron/core/itglue/fake/server';
import { openStore } from '../electron/core/store/open';
import { DEMO_TODAY, seedDemoStore } from '../electron/core/testing/seed-demo';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);

it(`integrity checks on a ${RECORDS}-record store`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'glue-integrity-bench-'));
  try {
    const scale = Math.ceil(RECORDS * 1.5);
    const seeded = seedDemoStore(dir, { dataset: generateDemoTenant({ today: DEMO_TODAY, scale }) });
    const records = (seeded.store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    seeded.store.db.pragma('wal_checkpoint(TRUNCATE)');
    seeded.close();
    const bytes = statSync(seeded.file).size;
    const lines: string[] = [`\nintegrity bench: ${records} records, store ${(bytes / 1024 / 1024).toFixed(0)} MB`];
    for (const pragma of ['quick_check', 'cipher_integrity_check', 'integrity_check', 'quick_check(1)']) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const store = openStore({ file: seeded.file, dbKey: seeded.dbKey, secretsKey: seeded.secretsKey, readonly: true });
        const t = performance.now();
        const rows = store.db.pragma(pragma);
        times.push(performance.now() - t);
        store.close();
        expect(Array.isArray(rows)).toBe(true);
      }
      times.sort((a, b) => a - b);
      lines.push(`  PRAGMA ${pragma.padEnd(24)} cold, median of 3: ${times[1]?.toFixed(0)} ms (min ${times[0]?.toFixed(0)}, max ${times[2]?.toFixed(0)})`);
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_800_000);
