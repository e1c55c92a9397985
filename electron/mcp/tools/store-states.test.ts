// What the tools say when the store cannot answer: never synced, not a store, wrong key. These
// run the real deps (keychain vault, SQLCipher) in-process over the SDK's in-memory transport.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { VAULT_FILE_NAME } from '../../core/secrets/passphrase-vault';
import { createWriter } from '../../core/store/writer';
import { createBaseDeps } from '../base-deps';
import { createLogger } from '../logger';
import { createMcpServer } from '../server';
import { seedProfile, textOf, type SeededProfile } from './test-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect(profile: SeededProfile) {
  const deps = createBaseDeps(profile.paths, createLogger({ dir: null, stderr: null }), {}, profile.env);
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 't', version: '1' });
  await Promise.all([createMcpServer(deps).connect(a), client.connect(b)]);
  cleanups.push(() => client.close());
  return async (name: string, args: Record<string, unknown> = {}) => {
    const r = await client.callTool({ name, arguments: args });
    return { isError: r.isError === true, text: textOf(r.content), data: r.structuredContent, client };
  };
}

async function profileWith(opts: { seed: boolean }) {
  const p = await seedProfile(opts);
  cleanups.push(() => p.cleanup());
  return p;
}

const DATA_TOOLS: [string, Record<string, unknown>][] = [
  ['query', { question: 'what is the firewall at Acme?' }],
  ['search', { query: 'firewall' }],
  ['query_organizations', {}],
  ['get_configuration', { id: '1' }],
  ['find_ip_address', { value: '10.0.0.1' }],
  ['list_passwords', {}],
  ['list_expirations', {}],
  ['document_infrastructure', { org: 'Acme' }],
];

it('a never-synced profile answers every data tool with "No local data yet" and health says to sync', async () => {
  const call = await connect(await profileWith({ seed: false }));
  for (const [name, args] of DATA_TOOLS) {
    const r = await call(name, args);
    expect(r.isError, name).toBe(true);
    expect(r.text, name).toContain('No local data yet: run `glue sync` (or `glue demo`)');
  }
  const h = z.object({ status: z.string(), store: z.object({ state: z.string() }) }).parse((await call('health')).data);
  expect(h).toMatchObject({ status: 'warning', store: { state: 'missing' } });
  const { client } = await call('health');
  expect((await client.listResources()).resources.filter((r) => r.uri.startsWith('itglue://'))).toEqual([]);
});

it('a file that is not a store gives a clear message and leaves the file alone', async () => {
  const p = await profileWith({ seed: false });
  const junk = 'this is not a database at all, just text '.repeat(200);
  writeFileSync(p.paths.storeDb, junk);
  const call = await connect(p);
  const r = await call('query_organizations');
  expect(r.isError).toBe(true);
  expect(r.text).toMatch(/not a (readable )?Glue Desk store/);
  const h = z.object({ status: z.string(), store: z.object({ state: z.string() }) }).parse((await call('health')).data);
  expect(h).toMatchObject({ status: 'error', store: { state: 'corrupt' } });
  expect(readFileSync(p.paths.storeDb, 'utf8')).toBe(junk);
});

it('a store the keychain cannot open says so (wrong key) instead of failing silently', async () => {
  const p = await profileWith({ seed: true });
  rmSync(join(p.paths.profileDir, VAULT_FILE_NAME)); // keys lost: the next open mints new ones
  const call = await connect(p);
  const r = await call('get_organization', { org: '1' });
  expect(r.isError).toBe(true);
  expect(r.text).toMatch(/STORE_WRONG_KEY/);
  const h = z.object({ status: z.string(), store: z.object({ state: z.string() }), warnings: z.array(z.string()) }).parse((await call('health')).data);
  expect(h).toMatchObject({ status: 'error', store: { state: 'wrong_key' } });
});

it('health on a synced store reports age, size, counts and the last run', async () => {
  const call = await connect(await profileWith({ seed: true }));
  const h = z
    .object({ status: z.string(), store: z.object({ state: z.string(), ageHours: z.number().nullable(), sizeBytes: z.number().nullable(), lastRun: z.object({ status: z.string() }).nullable(), counts: z.record(z.string(), z.number()) }) })
    .parse((await call('health')).data);
  expect(h.store.state).toBe('ready');
  expect(h.store.ageHours).not.toBeNull();
  expect(h.store.ageHours!).toBeLessThan(1);
  expect(h.store.sizeBytes).toBeGreaterThan(100_000);
  expect(h.store.lastRun?.status).toBe('ok');
  expect(h.store.counts.organizations).toBeGreaterThan(0);
});

it('list_expirations includes SSL certificates kept as flexible assets, within the window only', async () => {
  const p = await profileWith({ seed: true });
  const store = await p.openStore();
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const org = p.dataset.organizations?.data[0];
  if (!org) throw new Error('demo has organizations');
  const asset = (id: string, name: string, expires: string) => ({
    id,
    type: 'flexible-assets',
    attributes: {
      'organization-id': Number(org.id),
      name,
      'flexible-asset-type-id': 9901,
      'flexible-asset-type-name': 'SSL Certificate',
      traits: { name, 'expiration-date': expires, issuer: 'Example CA' },
      'resource-url': `https://demo.itglue.com/${org.id}/assets/records/${id}`,
      'updated-at': new Date().toISOString(),
    },
  });
  try {
    const writer = createWriter(store);
    const runId = writer.startRun('incremental');
    writer.applyPage({ type: 'flexible-assets', resources: [asset('99000001', 'www.example.test', day(10)), asset('99000002', 'old.example.test', day(400))], runId });
    writer.finishRun(runId, { status: 'ok', requests: 0, warnings: [] });
  } finally {
    store.close();
  }
  const call = await connect(p);
  const r = await call('list_expirations', { days: 30, what: 'ssl', org: org.id });
  expect(r.isError, r.text).toBe(false);
  const e = z.object({ items: z.array(z.object({ what: z.string(), name: z.string(), daysLeft: z.number(), url: z.string().nullable() })) }).parse(r.data);
  // Beside IT Glue's own certificates (the ssl_certificates resource, through its expirations list).
  const assets = e.items.filter((i) => i.url?.includes('/assets/records/'));
  expect(assets.map((i) => i.name)).toEqual(['www.example.test']);
  expect(assets[0]).toMatchObject({ what: 'ssl', daysLeft: 10 });
  expect(assets[0]?.url).toMatch(/99000001$/);
  expect(e.items.every((i) => i.what === 'ssl' && i.daysLeft >= 0 && i.daysLeft <= 30)).toBe(true);
});
