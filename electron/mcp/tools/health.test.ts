import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureProfileDirs, resolvePaths, type ProfilePaths } from '../../core/config/paths';
import { updateSettings } from '../../core/config/settings';
import { createBaseDeps } from '../base-deps';
import type { McpDeps, StoreStatus } from '../deps';
import { createLogger } from '../logger';
import { createMcpServer } from '../server';

let dir: string;
let paths: ProfilePaths;
const clients: Client[] = [];

const Health = z.object({ status: z.string(), store: z.object({ state: z.string(), counts: z.record(z.string(), z.number()) }), passwordValues: z.string(), warnings: z.array(z.string()) });

async function health(overrides: Partial<Omit<McpDeps, 'profile' | 'logger'>> = {}) {
  const deps = createBaseDeps(paths, createLogger({ dir: null, stderr: null }), overrides);
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 't', version: '1' });
  clients.push(client);
  await Promise.all([createMcpServer(deps).connect(a), client.connect(b)]);
  const r = await client.callTool({ name: 'health', arguments: {} });
  expect(r.isError).toBeFalsy();
  return { ...Health.parse(r.structuredContent), text: JSON.stringify(r.content) };
}

const store = (s: Partial<StoreStatus>) => async (): Promise<StoreStatus> => ({ state: 'ready', lastSyncAt: null, counts: {}, message: null, ...s });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glue-health-'));
  const r = resolvePaths({ env: { GLUE_DATA_DIR: dir } });
  if (!r.ok) throw new Error(r.error.message);
  const made = ensureProfileDirs(r.value, r.value.dataDirSource);
  if (!made.ok) throw new Error(made.error.message);
  paths = made.value;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  rmSync(dir, { recursive: true, force: true });
});

it('is ok for a fresh, synced store and lists counts', async () => {
  const h = await health({ storeStatus: store({ lastSyncAt: new Date().toISOString(), counts: { organizations: 3, configurations: 40 } }), modelStatus: async () => ({ state: 'ready', name: 'm', message: null }) });
  expect(h.status).toBe('ok');
  expect(h.warnings).toEqual([]);
  expect(h.store.counts).toEqual({ organizations: 3, configurations: 40 });
  expect(h.text).toContain('configurations 40');
});

it('warns when the last sync is old, or none completed', async () => {
  const old = await health({ storeStatus: store({ lastSyncAt: new Date(Date.now() - 20 * 86_400_000).toISOString() }) });
  expect(old.status).toBe('warning');
  expect(old.warnings.join()).toMatch(/20 days ago/);
  const none = await health({ storeStatus: store({}) });
  expect(none.warnings.join()).toMatch(/No sync has completed/);
});

it('says what to do for a locked store (warning) and a corrupt one (error)', async () => {
  const locked = await health({ storeStatus: store({ state: 'locked', message: null }) });
  expect(locked.status).toBe('warning');
  expect(locked.warnings.join()).toMatch(/unlock/);
  const corrupt = await health({ storeStatus: store({ state: 'corrupt', message: 'The store is damaged: run `glue sync --full`.' }) });
  expect(corrupt.status).toBe('error');
  expect(corrupt.warnings).toContain('The store is damaged: run `glue sync --full`.');
});

it('without a wired store, tells a stray file from a missing store', async () => {
  expect((await health()).store.state).toBe('missing');
  writeFileSync(paths.storeDb, 'x'.repeat(4096));
  const h = await health();
  expect(h.status).toBe('error');
  expect(h.store.state).toBe('corrupt');
  expect(h.warnings.join()).toMatch(/not a Glue Desk store.*glue sync/);
});

it('survives a store check that throws', async () => {
  const h = await health({
    storeStatus: async () => {
      throw new Error('SQLITE_NOTADB at /home/t/store.db');
    },
  });
  expect(h.status).toBe('error');
  expect(h.text).not.toContain('SQLITE_NOTADB');
});

it('reports password values allowed only when the user turned the setting on', async () => {
  expect((await health()).passwordValues).toBe('withheld');
  const set = updateSettings(paths.profileDir, { mcpAllowPasswordValues: true });
  expect(set.ok).toBe(true);
  expect((await health()).passwordValues).toBe('allowed');
});
