// A sync run through the app API against the fake IT Glue server over HTTP: it reports what it
// added, changed and removed per type, and leaves no write-ahead log behind in the running app.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFinished } from '../../../shared/ipc';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { DEMO_TODAY } from '../testing/seed-demo';
import { openGlueApp, type GlueApp } from './index';
import { TEST_PASSPHRASE } from './testing';

describe('app sync summary and the WAL', () => {
  let fake: FakeItGlue;
  let app: GlueApp;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeItGlue({ port: 0, today: DEMO_TODAY });
    dir = mkdtempSync(join(tmpdir(), 'glue-sync-summary-'));
    const opened = await openGlueApp({ door: 'app', dataDir: dir, profile: 'summary', env: { GLUE_MODEL_DIR: join(dir, 'models') }, passphrase: TEST_PASSPHRASE, connectAlternates: [] });
    if (!opened.ok) throw new Error(opened.error.message);
    app = opened.value;
    const c = await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY });
    if (!c.ok) throw new Error(c.error.message);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = async (full: boolean): Promise<SyncFinished> => {
    const done = new Promise<SyncFinished>((resolve) => {
      const off = app.api.sync.onDidFinish((f) => {
        off();
        resolve(f);
      });
    });
    const started = await app.api.sync.start({ full });
    if (!started.ok) throw new Error(started.error.message);
    return done;
  };
  const wal = () => {
    const f = join(dir, 'profiles', 'summary', 'store.db-wal');
    return existsSync(f) ? statSync(f).size : 0;
  };

  it('says what the first sync added and that an unchanged re-sync changed nothing; the store does not grow', async () => {
    const first = await sync(false);
    expect(first.outcome).toBe('completed');
    expect(first.changes?.organizations).toEqual({ added: fake.dataset.organizations?.data.length, changed: 0, removed: 0 });
    expect(first.changes?.configurations?.added).toBeGreaterThan(100);
    // Before: 14–20 MB of WAL stayed beside a 2.2 MB store until the app exited.
    expect(wal()).toBe(0);
    const store = statSync(join(dir, 'profiles', 'summary', 'store.db')).size;
    for (const full of [false, true]) {
      const again = await sync(full);
      expect(again.outcome).toBe('completed');
      expect(again.changes).toEqual({});
      expect(wal()).toBe(0);
    }
    expect(statSync(join(dir, 'profiles', 'summary', 'store.db')).size).toBeLessThanOrEqual(store * 1.15);
  }, 90_000);
});
