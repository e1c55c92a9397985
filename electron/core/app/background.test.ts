// Background work of the app over a real profile: the sync the scheduler starts (driven by an
// injected clock) and the embeddings pass after it, with the fixture model installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../shared/domain';
import type { SyncFinished } from '../../../shared/ipc';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { fixtureModelsDir } from '../search/test-models';
import { DEMO_TODAY } from '../testing/seed-demo';
import type { SchedulerClock } from './scheduler';
import { type SeededProfile, seedProfile, unwrap } from './testing';

describe('background sync and indexing', () => {
  let fake: FakeItGlue;
  let p: SeededProfile;
  beforeAll(async () => {
    fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
    p = await seedProfile({ profile: 'bg' });
  });
  afterAll(async () => {
    p?.close();
    await fake?.close();
  });

  it('syncs on the interval from settings, then indexes for search by meaning without holding the sync', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const clock: SchedulerClock = { setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1, clearTimeout: (h) => void timers.splice(Number(h), 1, { fn: () => undefined, ms: -1 }) };
    const app = await p.open({ clock, env: { GLUE_MODEL_DIR: fixtureModelsDir() } });
    const { api } = app;
    expect(unwrap(await api.settings.model({})).state).toBe('fixture');
    unwrap(await api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY }));
    const progress: SyncProgress[] = [];
    api.sync.onDidProgress((e) => progress.push(e));
    const finished = new Promise<SyncFinished>((resolve) => api.sync.onDidFinish(resolve));
    const indexed = new Promise<SyncProgress>((resolve) => api.sync.onDidProgress((e) => e.phase === 'done' && /meaning/.test(e.message) && resolve(e)));

    unwrap(await api.settings.update({ syncIntervalMinutes: 5 }));
    const armed = timers.filter((t) => t.ms > 0).at(-1)!;
    expect(armed.ms).toBe(5 * 60_000);
    armed.fn();
    expect((await finished).outcome).toBe('completed');
    // The sync is over for the user as soon as it finishes: a second one may start while indexing.
    expect(unwrap(await api.sync.status({})).running).toBe(false);
    const end = await indexed;
    expect(end.message).toMatch(/up to date/);
    const index = progress.filter((e) => e.phase === 'index');
    expect(index.length).toBeGreaterThan(0);
    expect(index.at(-1)!.done).toBe(index.at(-1)!.total);
    // A fresh scheduler tick was armed after the run; the store now holds fixture vectors.
    expect(timers.filter((t) => t.ms === 5 * 60_000).length).toBeGreaterThan(1);
    unwrap(await api.settings.update({ syncIntervalMinutes: 0 }));
    await app.close();
  });
});
