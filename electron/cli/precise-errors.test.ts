// Defect #15.5: errors that said the wrong thing or nothing. Real `glue` child processes, real
// SQLCipher stores and the fake IT Glue server over HTTP (behind a proxy that fails one listing).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type FakeProxy } from '../core/itglue/fake/proxy';
import { startFakeItGlue, type FakeItGlue } from '../core/itglue/fake/server';
import { smallDemoTenant } from '../core/sync/test-helpers';
import { currentOwner, startTicksOf } from '../core/locks/process-identity';
import { buildCli, glueEnv, type CliHarness } from './cli-harness';

const tmp = mkdtempSync(join(tmpdir(), 'glue-errors-'));
let cli: CliHarness;
let fake: FakeItGlue;
let proxy: FakeProxy;

beforeAll(async () => {
  cli = await buildCli('errors');
  // A few organizations: the race and the damage do not depend on the tenant's size, CI time does.
  fake = await startFakeItGlue({ today: '2026-01-23', rateLimit: 100_000, dataset: smallDemoTenant(4) });
  // IT Glue with one listing (contacts) down for good: every other listing answers.
  proxy = await startProxy(fake.url, (req, res) => {
    if (!(req.url ?? '').startsWith('/contacts')) return false;
    res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
    return true;
  });
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await fake.close();
  cli.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const PASS = 'errors test passphrase';
const envFor = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => glueEnv({ home: tmp, dataDir, passphrase: PASS, baseUrl: fake.url }, extra);
const profileDir = (dataDir: string) => join(dataDir, 'profiles', 'default');

/** Makes `dir` read-only for this process: chmod for a normal user, a read-only bind mount for root. Null when neither works here. */
function readOnly(dir: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o500);
    return () => chmodSync(dir, 0o700);
  }
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'ignore' });
    return () => execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

describe('precise errors', () => {
  it('a read-only profile folder is "not writable" with its path, not a corrupt store', async (ctx) => {
    const dataDir = join(tmp, 'ro');
    expect((await cli.run(['status'], envFor(dataDir))).status).toBe(0);
    const undo = readOnly(profileDir(dataDir));
    if (!undo) return ctx.skip();
    try {
      const r = await cli.run(['status'], envFor(dataDir));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${profileDir(dataDir)} is not writable`);
      expect(r.stderr).not.toMatch(/move it aside|damaged|not a readable/);
    } finally {
      undo();
    }
  }, 60_000);

  it('a sync.lock of a reused pid is taken over; a live one blocks sync and shows in status', async () => {
    const dataDir = join(tmp, 'lock');
    mkdirSync(profileDir(dataDir), { recursive: true });
    // Our own pid is alive, but this start time is not ours: the pid was "reused".
    writeFileSync(join(profileDir(dataDir), 'sync.lock'), JSON.stringify({ ...currentOwner(), startTicks: '1' }));
    // A settings file that is not JSON: the sync goes on with defaults and says where the file went.
    writeFileSync(join(profileDir(dataDir), 'settings.json'), '{ this is not json');
    const sync = await cli.run(['sync'], envFor(dataDir));
    expect(sync.status, sync.stderr).toBe(0);
    const kept = readdirSync(profileDir(dataDir)).find((f) => f.startsWith('settings.json.bad-'));
    expect(kept).toBeDefined();
    expect(sync.stderr).toContain(`warning: Settings file ${join(profileDir(dataDir), 'settings.json')} was not valid JSON; moved it to ${join(profileDir(dataDir), kept ?? '')}`);

    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = new Promise((r) => holder.on('exit', r));
    try {
      const pid = holder.pid ?? 0;
      writeFileSync(join(profileDir(dataDir), 'sync.lock'), JSON.stringify({ pid, startTicks: startTicksOf(pid), bootId: currentOwner().bootId, since: new Date().toISOString() }));
      const status = await cli.run(['status'], envFor(dataDir));
      expect(status.status).toBe(0);
      expect(status.stdout).toContain(`A sync is running now (process ${pid}`);
      const blocked = await cli.run(['sync'], envFor(dataDir));
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain(`already running for this profile (process ${pid}`);
    } finally {
      holder.kill();
      await exited;
    }
    writeFileSync(join(profileDir(dataDir), 'settings.json'), '[1, 2]');
    const stale = await cli.run(['status'], envFor(dataDir));
    expect(stale.stdout).toMatch(/sync\.lock is left over from process \d+, which is no longer running/);
    expect(stale.stdout).toMatch(/warning: Settings file .*settings\.json did not hold a settings object; moved it to .*settings\.json\.bad-/);
  }, 90_000);

  it('a partial sync (a listing failed after its retries) exits 3 and says so', async () => {
    const r = await cli.run(['sync'], envFor(join(tmp, 'partial'), { ITGLUE_BASE_URL: proxy.url }));
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^Sync partial/m);
    expect(r.stdout).toMatch(/warning: contacts/);
  }, 90_000);

  it('a wrong passphrase names GLUE_PASSPHRASE, never a flag that does not exist', async () => {
    const dataDir = join(tmp, 'pass');
    expect((await cli.run(['status'], envFor(dataDir))).status).toBe(0);
    const r = await cli.run(['status'], envFor(dataDir, { GLUE_PASSPHRASE: 'not the passphrase' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/GLUE_PASSPHRASE/);
    expect(r.stderr).not.toMatch(/--passphrase/);
  }, 60_000);
});
