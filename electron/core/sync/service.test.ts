import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../itglue/fake/server';
import { credentialsFromEnv, openProfile } from './service';
import { runSync } from './run-sync';
import { smallDemoTenant } from './test-helpers';

describe('non-interactive credentials (ITGLUE_API_KEY / ITGLUE_BASE_URL)', () => {
  let fake: FakeItGlue;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeItGlue({ dataset: smallDemoTenant(1) });
    dataDir = mkdtempSync(join(tmpdir(), 'glue-env-creds-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs a profile that never ran `glue login`, and stores no credentials', async () => {
    const env = { ITGLUE_API_KEY: DEMO_API_KEY, ITGLUE_BASE_URL: fake.url, GLUE_PASSPHRASE: 'env-creds-test' };
    const opened = await openProfile({ dataDir, profile: 'ci', env });
    if (!opened.ok) throw new Error(opened.error.message);
    const client = await opened.value.createClient();
    if (!client.ok) throw new Error(client.error.message);
    const summary = await runSync({ store: opened.value.store, client: client.value, full: true });
    opened.value.close();
    expect(summary.ok && summary.value.status).toBe('ok');

    const again = await openProfile({ dataDir, profile: 'ci', env: { GLUE_PASSPHRASE: 'env-creds-test' } });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.credentials).toBeNull();
    expect((await again.value.createClient()).ok).toBe(false);
    again.value.close();
  });

  it('defaults to the US region and refuses a bad or plain-http remote base URL', () => {
    expect(credentialsFromEnv({})).toEqual({ ok: true, value: null });
    const us = credentialsFromEnv({ ITGLUE_API_KEY: ' ITG.x ' });
    expect(us.ok && us.value).toEqual({ apiKey: 'ITG.x', baseUrl: 'https://api.itglue.com' });
    for (const bad of ['not a url', 'http://api.example.com']) {
      const r = credentialsFromEnv({ ITGLUE_API_KEY: 'ITG.x', ITGLUE_BASE_URL: bad });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/^ITGLUE_BASE_URL: /);
      expect(!r.ok && r.error.message).not.toContain('ITG.x');
    }
  });
});
