// Opening a record in the app before the sync's detail passes reached it: the app fetches that
// record's details first (one request to the fake IT Glue server over HTTP), or says why not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFinished } from '../../../shared/ipc';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { detailRank } from '../sync/details-runner';
import { smallDemoTenant, TODAY } from '../sync/test-helpers';
import { openGlueApp, type GlueApp } from './index';
import { TEST_PASSPHRASE, unwrap } from './testing';

describe('the app fetches a pending record’s details when it is opened', () => {
  let fake: FakeItGlue;
  let app: GlueApp;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeItGlue({ today: TODAY, dataset: smallDemoTenant(3), logRequests: true });
    dir = mkdtempSync(join(tmpdir(), 'glue-on-demand-'));
    const opened = await openGlueApp({ door: 'app', dataDir: dir, profile: 'od', env: { GLUE_MODEL_DIR: join(dir, 'models') }, passphrase: TEST_PASSPHRASE, connectAlternates: [], detailsTimeoutMs: 3000 });
    if (!opened.ok) throw new Error(opened.error.message);
    app = opened.value;
    unwrap(await app.api.settings.connect({ region: 'custom', baseUrl: fake.url, apiKey: DEMO_API_KEY }));
    // A first sync stopped as soon as it is searchable: listings in, no details yet.
    const finished = new Promise<SyncFinished>((resolve) => app.api.sync.onDidFinish(resolve));
    app.api.sync.onDidProgress((p) => {
      if (p.message.startsWith('Searchable:')) void app.api.sync.cancel({});
    });
    unwrap(await app.api.sync.start({ full: true }));
    expect((await finished).outcome).toBe('cancelled');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Configurations with related items in IT Glue, the last in the passes' order first.
  const pendingConfigs = (): string[] => {
    const withRelated = new Set(fake.dataset.related_items!.data.filter((r) => r.attributes['resource-type'] === 'Configuration').map((r) => String(r.attributes['resource-id'])));
    return fake.dataset
      .configurations!.data.filter((c) => withRelated.has(c.id))
      .sort((a, b) => detailRank(String(b.attributes['configuration-type-name'] ?? '')) - detailRank(String(a.attributes['configuration-type-name'] ?? '')) || Number(b.id) - Number(a.id))
      .map((c) => c.id);
  };

  it('opening a pending configuration shows its related items after exactly one show request; opening it again asks nothing', async () => {
    const [id] = pendingConfigs();
    fake.resetStats();
    const detail = unwrap(await app.api.org.detail({ type: 'configurations', id: id! }));
    expect(fake.stats().log).toEqual([expect.stringMatching(new RegExp(`^/configurations/${id}\\?`))]);
    expect(detail.related.up.length + detail.related.down.length).toBeGreaterThan(0);
    expect(detail.detailsNote).toBeUndefined();
    fake.resetStats();
    unwrap(await app.api.org.detail({ type: 'configurations', id: id! }));
    expect(fake.stats().requests).toBe(0);
  });

  it('revealing a password whose value has not arrived fetches it and shows it', async () => {
    const pw = fake.dataset.passwords!.data.filter((p) => typeof p.attributes.password === 'string' && p.attributes.password !== '').at(-1)!;
    fake.resetStats();
    const shown = unwrap(await app.api.vault.reveal({ id: pw.id }));
    expect(shown.value).toBe(pw.attributes.password);
    expect(fake.stats().log).toEqual([`/passwords/${pw.id}`]);
  });

  it('when IT Glue cannot be reached, the record opens with its listed fields and a note, quickly', async () => {
    const id = pendingConfigs()[1]!;
    await fake.close();
    const t0 = performance.now();
    const detail = unwrap(await app.api.org.detail({ type: 'configurations', id }));
    expect(performance.now() - t0).toBeLessThan(3500);
    expect(detail.name).toBe(fake.dataset.configurations!.data.find((c) => c.id === id)!.attributes.name);
    expect(detail.detailsNote).toMatch(/could not be reached|slow to answer/);
    const pw = fake.dataset.passwords!.data.filter((p) => typeof p.attributes.password === 'string' && p.attributes.password !== '').at(-2)!;
    const reveal = await app.api.vault.reveal({ id: pw.id });
    expect(reveal.ok).toBe(false);
    expect(!reveal.ok && reveal.error.message).toMatch(/its password value/);
  });
});
