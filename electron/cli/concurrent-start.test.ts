// Defect #15.1: two commands starting together on a new profile used to brick it (each minted
// its own keys; the store opened with one and keys.enc kept the other). Real child processes,
// real SQLCipher, the passphrase vault and the fake IT Glue server over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeItGlue, type FakeItGlue } from '../core/itglue/fake/server';
import { smallDemoTenant } from '../core/sync/test-helpers';
import { revealSecret } from '../core/store/vault';
import { openProfile } from '../core/sync/service';
import { buildCli, glueEnv, type CliHarness } from './cli-harness';

const tmp = mkdtempSync(join(tmpdir(), 'glue-concurrent-'));
let cli: CliHarness;
let fake: FakeItGlue;

beforeAll(async () => {
  cli = await buildCli('concurrent');
  // A few organizations: the race and the damage do not depend on the tenant's size, CI time does.
  fake = await startFakeItGlue({ today: '2026-01-23', rateLimit: 100_000, dataset: smallDemoTenant(4) });
}, 60_000);
afterAll(async () => {
  await fake.close();
  cli.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const PASS = 'concurrent test passphrase';
const envFor = (dataDir: string): NodeJS.ProcessEnv => glueEnv({ home: tmp, dataDir, passphrase: PASS, baseUrl: fake.url });

/** Opens the profile as a third process would, and reveals one password value when there is one. */
async function healthy(dataDir: string): Promise<{ values: number }> {
  const p = await openProfile({ env: { GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: PASS } });
  if (!p.ok) throw new Error(`profile does not open: ${p.error.code} ${p.error.message}`);
  try {
    const id = p.value.store.db.prepare<[], { password_id: number }>('SELECT password_id FROM secrets LIMIT 1').get()?.password_id;
    if (id !== undefined) {
      const r = revealSecret(p.value.store, id, 'cli', 'reveal');
      if (!r.ok) throw new Error(`password value does not open: ${r.error.code} ${r.error.message}`);
    }
    return { values: p.value.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM secrets').get()?.n ?? 0 };
  } finally {
    p.value.close();
  }
}

// A sync of the demo tenant takes seconds; status pairs race on exactly the same setup (keys,
// keys.enc, the first open) in a fraction of that, so most trials use them. Two trials sync,
// so the password-value key is proven on real sealed values too.
const pairFor = (i: number): readonly [string, string] => (i === 9 ? ['sync', 'status'] : i === 19 ? ['sync', 'sync'] : ['status', 'status']);

describe('two commands starting together on a new profile', () => {
  it('20 fresh profiles, each started by two processes at once: one pair of keys, every later command works', async () => {
    const trials = Array.from({ length: 20 }, (_, i) => ({ i, pair: pairFor(i) }));
    // Four trials at a time (eight processes): much of a start is I/O and scrypt waiting, so it overlaps.
    const failures: string[] = [];
    for (let k = 0; k < trials.length; k += 4) {
      await Promise.all(
        trials.slice(k, k + 4).map(async ({ i, pair }) => {
          const dataDir = join(tmp, `t${i}`);
          const [a, b] = await Promise.all(pair.map((cmd) => cli.run([cmd, ...(cmd === 'status' ? ['--json'] : [])], envFor(dataDir))));
          for (const [cmd, r] of [[pair[0], a], [pair[1], b]] as const) {
            if (!r) continue;
            // A second sync may find the first one running (SYNC_RUNNING, exit 1); nothing else may fail.
            const ok = r.status === 0 || (cmd === 'sync' && r.status === 1 && /already running|taking the lock/.test(r.stderr));
            if (!ok) failures.push(`trial ${i} ${cmd}: exit ${r.status} ${r.stderr.trim().slice(0, 300)}`);
          }
          try {
            const h = await healthy(dataDir);
            if (pair.includes('sync') && h.values === 0) failures.push(`trial ${i}: no password values after a sync`);
          } catch (e) {
            failures.push(`trial ${i}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
