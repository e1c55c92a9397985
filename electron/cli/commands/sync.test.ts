import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../../shared/domain';
import { DEMO_API_KEY, startFakeItGlue, type FakeItGlue } from '../../core/itglue/fake/server';
import { contentHash } from '../../core/store/content-hash';
import { openProfile } from '../../core/sync/service';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// Inside the repo so the bundle's bare imports resolve from node_modules.
const outdir = join(root, 'node_modules', '.cache', `glue-sync-cli-test-${process.pid}`);
const glue = join(outdir, 'glue.js');
const tmp = mkdtempSync(join(tmpdir(), 'glue-cli-sync-'));
let fake: FakeItGlue;

beforeAll(async () => {
  await build({
    absWorkingDir: root,
    entryPoints: { glue: 'electron/cli/main.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
  });
  fake = await startFakeItGlue({ today: '2026-01-23', rateLimit: 100_000 });
}, 60_000);
afterAll(async () => {
  await fake.close();
  rmSync(outdir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

const envFor = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: tmp,
  GLUE_DATA_DIR: dataDir,
  GLUE_PASSPHRASE: 'test passphrase',
  ...extra,
});
// Async: the fake server runs in this process, so a blocking spawnSync would starve it.
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [glue, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function storeHash(dataDir: string): Promise<string> {
  const p = await openProfile({ env: { GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'test passphrase' } });
  if (!p.ok) throw new Error(p.error.message);
  try {
    return contentHash(p.value.store);
  } finally {
    p.value.close();
  }
}

describe('glue login / sync / status (child processes)', () => {
  it('login with a bad key says so and stores nothing', async () => {
    const dataDir = join(tmp, 'bad');
    const r = await cli(['login', '--base-url', fake.url], envFor(dataDir, { ITGLUE_API_KEY: 'ITG.not-a-real-key' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/rejected the API key/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
    expect(existsSync(join(dataDir, 'profiles', 'default', 'keys.enc'))).toBe(false);
    const s = await cli(['sync'], envFor(dataDir));
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/glue login/);
  });

  it('logs in, syncs with JSON lines, shows every type in status --json', async () => {
    const dataDir = join(tmp, 'good');
    const login = await cli(['login', '--base-url', fake.url], envFor(dataDir, { ITGLUE_API_KEY: DEMO_API_KEY }));
    expect(login.stderr + login.stdout).toMatch(/Connected to IT Glue/);
    expect(login.status).toBe(0);
    const sync = await cli(['sync', '--json'], envFor(dataDir));
    expect(sync.status).toBe(0);
    const lines = sync.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; status?: string });
    expect(lines.filter((l) => l.event === 'progress').length).toBeGreaterThan(5);
    expect(lines.at(-1)).toMatchObject({ event: 'summary', status: 'ok', kind: 'full' });
    const status = await cli(['status', '--json'], envFor(dataDir));
    expect(status.status).toBe(0);
    const parsed = JSON.parse(status.stdout) as { counts: Record<string, number>; keychain: { kind: string }; lastSync: { status: string } };
    expect(Object.keys(parsed.counts).sort()).toEqual([...RECORD_TYPES].sort());
    expect(parsed.counts.organizations).toBe(fake.dataset.organizations?.data.length);
    expect(parsed.keychain.kind).toBe('passphrase');
    expect(parsed.lastSync.status).toBe('ok');
    // A second sync of an unchanged tenant is incremental.
    const again = await cli(['sync', '--json'], envFor(dataDir));
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ kind: 'incremental', status: 'ok' });
  }, 60_000);

  it('says what a sync added, changed and removed per type, and "No changes" for an unchanged tenant', async () => {
    const dataDir = join(tmp, 'summary');
    expect((await cli(['login', '--base-url', fake.url], envFor(dataDir, { ITGLUE_API_KEY: DEMO_API_KEY }))).status).toBe(0);
    const first = await cli(['sync'], envFor(dataDir));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Changes: \d+ added, 0 changed, 0 removed \(0 unchanged\)\.$/m);
    expect(first.stdout).toMatch(new RegExp(`^  organizations +${fake.dataset.organizations?.data.length} added +0 changed +0 removed +0 unchanged$`, 'm'));
    const again = await cli(['sync', '--full'], envFor(dataDir));
    expect(again.stdout).toMatch(/^No changes since the last sync\.$/m);
    const json = await cli(['sync', '--json'], envFor(dataDir));
    const summary = JSON.parse(json.stdout.trim().split('\n').at(-1) ?? '{}') as { counts: Record<string, { added: number }> };
    expect(summary.counts.organizations).toMatchObject({ added: 0 });
  }, 60_000);

  it('Ctrl-C (SIGINT) stops the sync with exit 130 and says how to resume', async () => {
    const dataDir = join(tmp, 'interrupted');
    expect((await cli(['login', '--base-url', fake.url], envFor(dataDir, { ITGLUE_API_KEY: DEMO_API_KEY }))).status).toBe(0);
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [glue, 'sync', '--json'], { env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let lines = 0;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        lines += d.toString().split('\n').length - 1;
        if (lines >= 3 && child.exitCode === null && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/^Sync cancelled; run `glue sync` to resume\./m);
    const resumed = await cli(['sync', '--json'], envFor(dataDir));
    expect(JSON.parse(resumed.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ status: 'ok', resumed: true });
  }, 60_000);

  it('kill -9 at random points, then resume: same content as a clean sync, no duplicates', async () => {
    const clean = join(tmp, 'clean');
    const killed = join(tmp, 'killed');
    for (const d of [clean, killed]) expect((await cli(['login', '--base-url', fake.url], envFor(d, { ITGLUE_API_KEY: DEMO_API_KEY }))).status).toBe(0);
    expect((await cli(['sync'], envFor(clean))).status).toBe(0);
    for (const after of [2, 9, 25 + Math.floor(Math.random() * 20)]) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [glue, 'sync', '--json'], { env: envFor(killed), stdio: ['ignore', 'pipe', 'ignore'] });
        let seen = 0;
        let buffered = '';
        child.stdout.on('data', (d: Buffer) => {
          buffered += d.toString();
          const n = buffered.split('\n').length - 1;
          if (n !== seen) seen = n;
          if (seen >= after && child.exitCode === null) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
    }
    const done = await cli(['sync', '--json'], envFor(killed));
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ status: 'ok', resumed: true });
    expect(await storeHash(killed)).toBe(await storeHash(clean));
  }, 90_000);
});
