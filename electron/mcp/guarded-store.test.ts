// The doors while the store is expired or locked (issue #19): `glue status` and MCP `health`
// warn from 3 days before the offline expiry, `glue settings` shows the settings, and once the
// copy is expired or the key revoked every MCP tool answers "Glue Desk is expired/locked: …"
// and never data. A real `glue` bundle in child processes; a real MCP client over stdio. The
// offline clock is moved by moving the stored last contact back (the children run on the
// real system clock).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCli, type CliHarness } from '../cli/cli-harness';
import { DAY_MS } from '../core/guard/offline';
import { createGuardRig, GUARD_KEY, PASSPHRASE, type GuardRig } from '../core/guard/test-profile';
import { updateGuardState } from '../core/store/guard-state';

let cli: CliHarness;
let rig: GuardRig;
let env: Record<string, string>;

beforeAll(async () => {
  cli = await buildCli('guarded-store');
  rig = await createGuardRig();
  const synced = await rig.sync();
  if (!synced.ok || synced.value.status !== 'ok') throw new Error('the test profile did not sync');
  env = { PATH: process.env.PATH ?? '', GLUE_DATA_DIR: rig.dataDir, GLUE_PASSPHRASE: PASSPHRASE };
}, 120_000);
afterAll(async () => {
  cli?.dispose();
  await rig?.close();
});

/** The last contact with IT Glue, `days` ago on the real clock. */
async function lastContactDaysAgo(days: number): Promise<void> {
  const p = await rig.open('sync');
  if (!p.ok) throw new Error(p.error.message);
  const at = new Date(Date.now() - days * DAY_MS).toISOString();
  updateGuardState(p.value.store, (s) => ({ ...s, lastContact: { serverAt: at, localAt: at, opens: s.opens }, highWater: at }));
  p.value.close();
}

const text = (content: unknown) =>
  z
    .array(z.object({ type: z.string(), text: z.string().optional() }))
    .parse(content)
    .map((c) => c.text ?? '')
    .join('\n');

async function mcp<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli.glue, 'mcp'], env, stderr: 'pipe' });
  const client = new Client({ name: 'guard-test', version: '1' });
  await client.connect(transport);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

const healthOf = (r: Awaited<ReturnType<Client['callTool']>>) =>
  z.object({ status: z.string(), store: z.object({ state: z.string(), offline: z.object({ state: z.string(), daysLeft: z.number().nullable() }).nullable().optional() }), warnings: z.array(z.string()) }).parse(r.structuredContent);

describe('the doors near, at and after the offline expiry', () => {
  it('glue settings lists the offline expiry and idle lock, and warns when expiry is set to never', async () => {
    const list = await cli.run(['settings', 'list'], env);
    expect(list.stdout).toMatch(/^offlineExpiryDays\s+30$/m);
    expect(list.stdout).toMatch(/^idleLockMinutes\s+15$/m);
    const never = await cli.run(['settings', 'set', 'offlineExpiryDays', 'never'], env);
    expect(never.status).toBe(0);
    expect(never.stdout).toBe('offlineExpiryDays = 0 (never)\n');
    expect(never.stderr).toMatch(/warning: Offline expiry is off .*lost or handed-back laptop keeps its copy/);
    const bad = await cli.run(['settings', 'set', 'offlineExpiryDays', '91'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/offlineExpiryDays must be 0 \(never\) or a whole number of days from 1 to 90/);
    expect((await cli.run(['settings', 'set', 'offlineExpiryDays', '30'], env)).status).toBe(0);
  });

  it('from 3 days before: glue status and MCP health warn, and tools still answer', async () => {
    await lastContactDaysAgo(27.5);
    const status = await cli.run(['status'], env);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/^warning: The offline copy expires in 2 day\(s\)/m);
    await mcp(async (client) => {
      const h = healthOf(await client.callTool({ name: 'health', arguments: {} }));
      expect(h.status).toBe('warning');
      expect(h.store.state).toBe('ready');
      expect(h.store.offline).toMatchObject({ state: 'warning', daysLeft: 2 });
      expect(h.warnings.join('\n')).toMatch(/The offline copy expires in 2 day\(s\)/);
      const orgs = await client.callTool({ name: 'query_organizations', arguments: {} });
      expect(orgs.isError).toBeFalsy();
    });
  });

  it('expired: every MCP tool refuses with "Glue Desk is expired", health says expired, glue status exits 1', async () => {
    await lastContactDaysAgo(31);
    const keyBefore = await rig.secretsKeyEntry();
    const someOrg = String(rig.fake.dataset.organizations?.data[0]?.attributes.name);
    await mcp(async (client) => {
      for (const [name, args] of [
        ['query_organizations', {}],
        ['search', { query: 'firewall' }],
        ['query', { question: `${someOrg} firewall` }],
        ['list_passwords', {}],
      ] as const) {
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, name).toBe(true);
        expect(text(r.content), name).toMatch(/^Glue Desk is expired: this copy has not reached IT Glue for more than 30 day\(s\)/);
        expect(text(r.content), name).not.toContain(someOrg);
      }
      const h = healthOf(await client.callTool({ name: 'health', arguments: {} }));
      expect(h.status).toBe('error');
      expect(h.store.state).toBe('expired');
      expect(h.warnings.join('\n')).toMatch(/^Glue Desk is expired/);
    });
    const status = await cli.run(['status'], env);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(/Glue Desk is expired/);
    // The key that sealed the values is gone (a later open may have made a fresh, unused one).
    expect(await rig.secretsKeyEntry()).not.toBe(keyBefore);
  });

  it('revoked: health says revoked and tools say "Glue Desk is locked"; a sync with a valid key unlocks every door', async () => {
    // Unlock by a sync first (the expired copy), then revoke the key.
    expect((await cli.run(['sync'], { ...env, ITGLUE_BASE_URL: rig.fake.url, ITGLUE_API_KEY: GUARD_KEY })).status).toBe(0);
    delete rig.keys[GUARD_KEY];
    const revoked = await rig.sync();
    expect(revoked.ok && revoked.value.error?.code).toBe('KEY_REVOKED');
    await mcp(async (client) => {
      const r = await client.callTool({ name: 'query_organizations', arguments: {} });
      expect(r.isError).toBe(true);
      expect(text(r.content)).toMatch(/^Glue Desk is locked: IT Glue rejected this profile's API key/);
      const h = healthOf(await client.callTool({ name: 'health', arguments: {} }));
      expect(h.store.state).toBe('revoked');
    });
    rig.keys[GUARD_KEY] = { passwordAccess: true };
    const sync = await cli.run(['sync'], { ...env, ITGLUE_BASE_URL: rig.fake.url, ITGLUE_API_KEY: GUARD_KEY });
    expect(sync.status).toBe(0);
    await mcp(async (client) => {
      expect(healthOf(await client.callTool({ name: 'health', arguments: {} })).store.state).toBe('ready');
    });
  });
});
