import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockState, tryLock, waitForLock } from './file-lock';
import { currentOwner, ownerAlive, parseOwner, startTicksOf } from './process-identity';

const dir = mkdtempSync(join(tmpdir(), 'glue-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file locks', () => {
  it('records pid, start time and boot id, and only one taker wins', () => {
    const file = join(dir, 'a.lock');
    const first = tryLock(file, dir);
    if (!first.ok || !('release' in first.value)) throw new Error('first lock not taken');
    const owner = parseOwner(readFileSync(file, 'utf8'));
    expect(owner?.pid).toBe(process.pid);
    if (process.platform === 'linux') expect(owner?.startTicks).toBe(startTicksOf(process.pid));
    const second = tryLock(file, dir);
    expect(second.ok && 'heldBy' in second.value ? second.value.heldBy?.pid : null).toBe(process.pid);
    expect(lockState(file)).toMatchObject({ held: true, alive: true });
    first.value.release();
    expect(lockState(file)).toEqual({ held: false });
  });

  it('takes over a lock whose pid is alive but belongs to a newer process (pid reuse)', () => {
    const file = join(dir, 'reused.lock');
    // Our own pid is alive, but a different start time means the recorded owner is gone.
    writeFileSync(file, JSON.stringify({ ...currentOwner(), startTicks: '1' }));
    expect(lockState(file)).toMatchObject({ held: true, alive: process.platform !== 'linux' });
    const got = tryLock(file, dir);
    expect(got.ok && 'release' in got.value).toBe(process.platform === 'linux');
  });

  it('takes over a lock from another boot, and a bare pid of a dead process (older format)', () => {
    const a = join(dir, 'boot.lock');
    writeFileSync(a, JSON.stringify({ ...currentOwner(), bootId: 'another-boot' }));
    expect(ownerAlive({ ...currentOwner(), bootId: 'another-boot' })).toBe(process.platform !== 'linux');
    const b = join(dir, 'old.lock');
    writeFileSync(b, '999999999');
    const got = tryLock(b, dir);
    expect(got.ok && 'release' in got.value).toBe(true);
  });

  it('says "not writable" with the path for a read-only folder', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const ro = join(dir, 'ro');
    spawnSyncMkdir(ro);
    const got = tryLock(join(ro, 'x.lock'), ro);
    expect(got.ok ? '' : got.error.message).toMatch(new RegExp(`${ro.replace(/[/\\\\.]/g, '.')} is not writable`));
  });

  it('waits for a holder in another process and gets the lock when it lets go', async () => {
    const file = join(dir, 'wait.lock');
    const script = `const fs=require('fs');const o={pid:process.pid,startTicks:null,bootId:null,since:new Date().toISOString()};fs.writeFileSync(${JSON.stringify(file)},JSON.stringify(o),{flag:'wx'});setTimeout(()=>{fs.rmSync(${JSON.stringify(file)});process.exit(0)},1500);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const until = Date.now() + 10_000;
    while (!existsSync(file) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(file)).toBe(true);
    const t0 = Date.now();
    const got = await waitForLock(file, dir, 5000);
    expect(got.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThan(50);
    if (got.ok) got.value.release();
    await exited;
  });
});

function spawnSyncMkdir(path: string): void {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { mode: 0o500 });
}

describe('start time outside Linux (ps -o lstart)', () => {
  it('names a live process the same way each time, and nothing for a process that is gone', () => {
    const here = startTicksOf(process.pid, 'darwin');
    expect(here).toMatch(/^ps:\w{3} \w{3} +\d+ [\d:]{8} \d{4}$/);
    expect(startTicksOf(process.pid, 'darwin')).toBe(here);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(startTicksOf(gone, 'darwin')).toBeNull();
    expect(startTicksOf(process.pid, 'win32')).toBeNull();
  });
});
