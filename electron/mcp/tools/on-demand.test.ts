// A real `glue mcp` over stdio on a store whose first sync stopped at "Searchable": asking for
// one configuration or one password fetches its pending details from the fake IT Glue server
// (over HTTP, with the key from the profile's keychain) before answering, or says why not.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItGlueClient } from '../../core/itglue/client';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../../core/itglue/fake/server';
import { saveCredentials } from '../../core/secrets/key-manager';
import { createPassphraseVault, VAULT_FILE_NAME } from '../../core/secrets/passphrase-vault';
import { runSync } from '../../core/sync/run-sync';
import { smallDemoTenant } from '../../core/sync/test-helpers';
import { PASSPHRASE, seedProfile, spawnServer, type SeededProfile, type SpawnedServer } from './test-harness';

describe('MCP get_configuration / get_password fetch pending details on demand', () => {
  let fake: FakeItGlue;
  let profile: SeededProfile;
  let server: SpawnedServer;
  beforeAll(async () => {
    const dataset = smallDemoTenant(3);
    fake = await startFakeItGlue({ dataset, logRequests: true });
    profile = await seedProfile({ seed: false, dataset });
    const store = await profile.openStore();
    try {
      const abort = new AbortController();
      const client = createItGlueClient({ baseUrl: fake.url, apiKey: DEMO_API_KEY, budget: { requests: 100_000, windowMs: 300_000 } });
      await runSync({ store, client, full: true, signal: abort.signal, onProgress: (p) => p.message.startsWith('Searchable:') && abort.abort() });
    } finally {
      store.close();
    }
    const vault = createPassphraseVault({ file: join(profile.paths.profileDir, VAULT_FILE_NAME), passphrase: PASSPHRASE });
    const saved = await saveCredentials(vault, profile.paths.profile, { apiKey: DEMO_API_KEY, baseUrl: fake.url });
    if (!saved.ok) throw new Error(saved.error.message);
    server = await spawnServer(profile);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await fake?.close();
    profile?.cleanup();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await server.client.callTool({ name, arguments: args });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    return r.structuredContent as Record<string, unknown>;
  };
  const withRelated = (): string[] => [...new Set(fake.dataset.related_items!.data.filter((r) => r.attributes['resource-type'] === 'Configuration').map((r) => String(r.attributes['resource-id'])))].sort((a, b) => Number(b) - Number(a));

  it('a pending configuration comes back with its related items after one show request', async () => {
    const id = withRelated()[0]!;
    fake.resetStats();
    const c = await call('get_configuration', { id });
    expect(fake.stats().log).toEqual([expect.stringMatching(new RegExp(`^/configurations/${id}\\?`))]);
    expect((c.related as unknown[]).length).toBeGreaterThan(0);
    expect(c.detailsNote).toBeNull();
    fake.resetStats();
    await call('get_configuration', { id });
    expect(fake.stats().requests).toBe(0);
  });

  it('a pending password value is fetched when values are allowed over MCP', async () => {
    server.allowPasswords(true);
    const pw = fake.dataset.passwords!.data.filter((p) => typeof p.attributes.password === 'string' && p.attributes.password !== '').at(-1)!;
    fake.resetStats();
    const r = await call('get_password', { id: pw.id });
    expect(r.valueStatus).toBe('revealed');
    expect(r.value).toBe(pw.attributes.password);
    expect(fake.stats().log).toEqual([`/passwords/${pw.id}`]);
  });

  it('IT Glue unreachable: the listed fields and a note', async () => {
    const id = withRelated()[1]!;
    await fake.close();
    const c = await call('get_configuration', { id });
    expect(c.name).toBe(fake.dataset.configurations!.data.find((x) => x.id === id)!.attributes.name);
    expect(c.detailsNote).toMatch(/could not be reached|slow to answer/);
  });
});
