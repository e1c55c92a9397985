import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { seedProfile, TEST_PASSPHRASE, type SeededProfile } from '../core/app/testing';
import { fixtureModelsDir } from '../core/search/test-models';
import { openProfile } from '../core/sync/index';
import { smallDemoTenant } from '../core/sync/test-helpers';
import { indexAfterSync } from './index-step';
import type { CliIo } from './io';

function capture(env: NodeJS.ProcessEnv): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { io: { stdout, stderr, env, signal: new AbortController().signal }, out: () => o, err: () => e };
}

describe('indexing after a CLI sync', () => {
  let seeded: SeededProfile | null = null;
  afterEach(() => {
    seeded?.close();
    seeded = null;
  });

  async function open(modelsDir: string) {
    seeded = await seedProfile({ dataset: smallDemoTenant(1) });
    const env = { GLUE_MODEL_DIR: modelsDir };
    const opened = await openProfile({ dataDir: seeded.dataDir, profile: seeded.profile, env, passphrase: TEST_PASSPHRASE });
    if (!opened.ok) throw new Error(opened.error.message);
    return { profile: opened.value, env };
  }

  it('embeds every record with the installed model and reports index progress as JSON lines', async () => {
    const { profile, env } = await open(fixtureModelsDir());
    try {
      const c = capture(env);
      await indexAfterSync(profile, c.io, { json: true, runId: 'run-1', requestsUsed: 7 });
      const events = c.out().trim().split('\n').map((l) => JSON.parse(l) as { event: string; phase: string; done: number; total: number });
      const last = events.at(-1);
      expect(events.every((e) => e.event === 'progress' && e.phase === 'index')).toBe(true);
      expect(last && last.done === last.total && last.total > 0).toBe(true);
      const live = profile.store.db.prepare('SELECT count(*) AS n FROM records WHERE deleted_at IS NULL').get() as { n: number };
      const embedded = profile.store.db.prepare('SELECT count(DISTINCT record_rowid) AS n FROM chunks').get() as { n: number };
      expect(embedded.n).toBe(live.n);
    } finally {
      profile.close();
    }
  });

  it('without a model says search stays keyword-only and embeds nothing', async () => {
    const { profile, env } = await open(join(tmpdir(), `glue-no-models-${process.pid}`));
    try {
      const c = capture(env);
      await indexAfterSync(profile, c.io, { json: false, runId: 'run-1', requestsUsed: 0 });
      expect(c.err()).toMatch(/glue model download/);
      const embedded = profile.store.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number };
      expect(embedded.n).toBe(0);
    } finally {
      profile.close();
    }
  });
});
