import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFinished } from '../../../shared/ipc';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { DEMO_TODAY } from '../testing/seed-demo';
import { cancelSyncAndWait } from './shutdown';
import { seedProfile, type SeededProfile } from './testing';

// The app's sync on a stop signal (the Electron main process calls this before it exits):
// the real core app API, a real store, the fake IT Glue server over HTTP.
describe('cancelSyncAndWait', () => {
  let fake: FakeItGlue;
  let p: SeededProfile;
  beforeAll(async () => {
    fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
    p = await seedProfile({ profile: 'stop' });
  });
  afterAll(async () => {
    p?.close();
    await fake?.close();
  });

  it('cancels a running sync and resolves once it let go of the store and its lock; the next sync resumes', async () => {
    const { api } = await p.open();
    const connected = await api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
    expect(connected.ok).toBe(true);
    expect(await cancelSyncAndWait(api)).toBeNull(); // nothing running
    let events = 0;
    const enough = new Promise<void>((resolve) => api.sync.onDidProgress(() => ++events === 3 && resolve()));
    expect((await api.sync.start({ full: true })).ok).toBe(true);
    await enough;
    expect(await cancelSyncAndWait(api)).toBe('cancelled');
    expect(existsSync(join(p.profileDir, 'sync.lock'))).toBe(false);
    const status = await api.sync.status({});
    expect(status.ok && status.value.running).toBe(false);
    const finished = new Promise<SyncFinished>((resolve) => api.sync.onDidFinish(resolve));
    expect((await api.sync.start({ full: false })).ok).toBe(true);
    expect((await finished).outcome).toBe('completed');
  }, 60_000);
});
