// Defect #15.3: a damaged store looked healthy (status rc 0, health "ready", raw "database disk
// image is malformed" from ask, sync kept writing into it; a damaged values page gave INTERNAL).
// Real SQLCipher stores made by a real `glue sync` against the fake IT Glue server; 32 bytes
// flipped in a records page and in a password-values page.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeItGlue, type FakeItGlue } from '../core/itglue/fake/server';
import { smallDemoTenant } from '../core/sync/test-helpers';
import { accountFor } from '../core/secrets/key-manager';
import { createPassphraseVault } from '../core/secrets/passphrase-vault';
import { revealSecret } from '../core/store/vault';
import { openProfile } from '../core/sync/service';
import { buildCli, glueEnv, type CliHarness } from './cli-harness';
import { mcpSession, toolCall } from './mcp-client';

const tmp = mkdtempSync(join(tmpdir(), 'glue-damage-'));
const PASS = 'damage test passphrase';
let cli: CliHarness;
let fake: FakeItGlue;
const clean = join(tmp, 'clean');

const envFor = (dataDir: string): NodeJS.ProcessEnv => glueEnv({ home: tmp, dataDir, passphrase: PASS, baseUrl: fake.url });
const storeOf = (dataDir: string) => join(dataDir, 'profiles', 'default', 'store.db');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let layout: { pageSize: number; recordsRoot: number; secretsRoot: number; passwordId: number };

beforeAll(async () => {
  cli = await buildCli('damage');
  // A few organizations: the race and the damage do not depend on the tenant's size, CI time does.
  fake = await startFakeItGlue({ today: '2026-01-23', rateLimit: 100_000, dataset: smallDemoTenant(4) });
  const synced = await cli.run(['sync'], envFor(clean));
  if (synced.status !== 0) throw new Error(`setup sync failed: ${synced.stderr}`);
  const p = await openProfile({ env: { GLUE_DATA_DIR: clean, GLUE_PASSPHRASE: PASS } });
  if (!p.ok) throw new Error(p.error.message);
  const db = p.value.store.db;
  const root = (name: string) => (db.prepare<[string], { rootpage: number }>('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name)?.rootpage ?? 0);
  layout = {
    pageSize: Number(db.pragma('page_size', { simple: true })),
    recordsRoot: root('records'),
    secretsRoot: root('secrets'),
    passwordId: db.prepare<[], { password_id: number }>('SELECT password_id FROM secrets LIMIT 1').get()?.password_id ?? 0,
  };
  // Every page in the main file, so the flip below is the only change.
  db.pragma('wal_checkpoint(TRUNCATE)');
  p.value.close();
}, 120_000);
afterAll(async () => {
  await fake.close();
  cli.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the synced profile with 32 bytes flipped inside page `page` (1-based). */
function damagedCopy(name: string, page: number): string {
  const dataDir = join(tmp, name);
  cpSync(clean, dataDir, { recursive: true });
  const fd = openSync(storeOf(dataDir), 'r+');
  try {
    writeSync(fd, Buffer.alloc(32, 0xa5), 0, 32, (page - 1) * layout.pageSize + 256);
  } finally {
    closeSync(fd);
  }
  return dataDir;
}

const repairAdvice = /damaged.*glue repair/s;

describe('a damaged store', () => {
  it('records page: status, ask, sync and MCP health say it is damaged and what to do; sync writes nothing; repair keeps it and re-syncs', async () => {
    expect(layout.recordsRoot).toBeGreaterThan(1);
    const dataDir = damagedCopy('records', layout.recordsRoot);
    const env = envFor(dataDir);

    const status = await cli.run(['status'], env);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(repairAdvice);

    const ask = await cli.run(['ask', 'firewall ip'], env);
    expect(ask.status).toBe(1);
    expect(ask.stderr).toMatch(repairAdvice);
    expect(ask.stderr).not.toMatch(/malformed/);

    const before = sha(storeOf(dataDir));
    const sync = await cli.run(['sync'], env);
    expect(sync.status).toBe(1);
    expect(sync.stderr).toMatch(repairAdvice);
    expect(sha(storeOf(dataDir))).toBe(before);

    const mcp = await mcpSession(cli, env, [toolCall(2, 'health')], [2]);
    const health = mcp.answers.find((a) => a.id === 2)?.result?.structuredContent as { status: string; store: { state: string }; warnings: string[] } | undefined;
    expect(health?.store.state).toBe('corrupt');
    expect(health?.status).toBe('error');
    expect(health?.warnings.join(' ')).toMatch(repairAdvice);

    const repair = await cli.run(['repair'], env);
    expect(repair.status, repair.stderr).toBe(0);
    const kept = readdirSync(join(dataDir, 'profiles', 'default')).filter((f) => f.startsWith('store.db.damaged-'));
    expect(kept.length).toBeGreaterThan(0);
    const after = await cli.run(['status', '--json'], env);
    expect(after.status, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as { counts: Record<string, number> }).counts.organizations).toBe(fake.dataset.organizations?.data.length);
  }, 120_000);

  it('password-values page: status says damaged; MCP get_password answers STORE_CORRUPT with the fix, not INTERNAL', async () => {
    expect(layout.secretsRoot).toBeGreaterThan(1);
    expect(layout.passwordId).toBeGreaterThan(0);
    const dataDir = damagedCopy('values', layout.secretsRoot);
    const env = envFor(dataDir);
    const status = await cli.run(['status'], env);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(repairAdvice);
    expect((await cli.run(['settings', 'set', 'mcpAllowPasswordValues', 'true'], env)).status).toBe(0);
    const mcp = await mcpSession(cli, env, [toolCall(3, 'get_password', { id: String(layout.passwordId) })], [3]);
    const answer = mcp.answers.find((a) => a.id === 3)?.result;
    expect(answer?.isError).toBe(true);
    const text = answer?.content?.map((c) => c.text ?? '').join(' ') ?? '';
    expect(text).toMatch(/STORE_CORRUPT/);
    expect(text).toMatch(repairAdvice);
    expect(existsSync(storeOf(dataDir))).toBe(true);
  }, 120_000);

  it('a password-value key that does not belong to the store: refused at open with the fix; glue repair re-syncs and values open again', async () => {
    const dataDir = join(tmp, 'wrong-values-key');
    cpSync(clean, dataDir, { recursive: true });
    // What the concurrent-start race used to leave: the database key right, the value key another one.
    const vault = createPassphraseVault({ file: join(dataDir, 'profiles', 'default', 'keys.enc'), passphrase: PASS });
    await vault.set(accountFor('default', 'secrets-key'), randomBytes(32).toString('hex'));
    const env = envFor(dataDir);
    const status = await cli.run(['status'], env);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(/password-value key .* does not open this store's sealed password values.*glue repair/s);
    const repair = await cli.run(['repair'], env);
    expect(repair.status, repair.stderr).toBe(0);
    const p = await openProfile({ env: { GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: PASS } });
    if (!p.ok) throw new Error(p.error.message);
    try {
      const r = revealSecret(p.value.store, layout.passwordId, 'cli', 'reveal');
      expect(r.ok).toBe(true);
    } finally {
      p.value.close();
    }
  }, 120_000);
});
