// The app lock against the real app API over a seeded SQLCipher store: locked means the API
// itself refuses records, answers and passwords (not only the UI), the unlock passphrase is
// rate-limited, idle time locks, and a restart starts locked. Timers run on a hand-driven clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueApi, LockStatus } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { DEMO_TODAY, passwordValues } from '../testing/seed-demo';
import type { LockClock } from './lock';
import { type SeededProfile, seedProfile, unwrap } from './testing';

function manualClock(): LockClock & { advance(ms: number): void } {
  let now = Date.parse('2026-12-02T09:00:00Z');
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t.id !== h);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

const code = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);
const PASS = 'correct horse battery';

describe('the app lock over the real app API', () => {
  let p: SeededProfile;
  let api: GlueApi;
  let clock: ReturnType<typeof manualClock>;
  let passwordId: string;
  let orgId: number;
  const changes: LockStatus[] = [];

  beforeAll(async () => {
    p = await seedProfile();
    clock = manualClock();
    api = (await p.open({ today: new Date(`${DEMO_TODAY}T12:00:00Z`), lockClock: clock })).api;
    api.lock.onDidChange((s) => changes.push(s));
    const acme = unwrap(await api.org.list({})).find((o) => o.name === 'Acme Corp');
    orgId = acme!.id;
    passwordId = unwrap(await api.vault.list({ orgId })).find((x) => x.hasValue)!.id;
  });
  afterAll(() => p?.close());

  it('is off until an unlock passphrase is set: nothing to open it with, so it never locks', async () => {
    const s = unwrap(await api.lock.status({}));
    expect(s).toMatchObject({ locked: false, enabled: false, passphraseSet: false, idleMinutes: 15 });
    const r = await api.lock.lock({});
    expect(code(r)).toBe('INVALID_INPUT');
    expect(!r.ok && r.error.message).toMatch(/Set an unlock passphrase first/);
    expect(code(await api.lock.setPassphrase({ next: 'short' }))).toBe('INVALID_INPUT');
    expect(unwrap(await api.lock.setPassphrase({ next: PASS }))).toMatchObject({ locked: false, enabled: true, passphraseSet: true });
  });

  it('locked: the main-process API refuses reveal, copy, records, answers, search and settings changes', async () => {
    const auditBefore = unwrap(await api.vault.audit({ limit: 1000 })).length;
    expect(unwrap(await api.lock.lock({}))).toMatchObject({ locked: true, reason: 'manual' });
    expect(changes.at(-1)).toMatchObject({ locked: true, reason: 'manual' });
    const refused: [string, Result<unknown>][] = [
      ['vault.reveal', await api.vault.reveal({ id: passwordId })],
      ['vault.copy', await api.vault.copy({ id: passwordId, field: 'password' })],
      ['vault.copy username', await api.vault.copy({ id: passwordId, field: 'username' })],
      ['vault.list', await api.vault.list({ orgId })],
      ['vault.audit', await api.vault.audit({ limit: 10 })],
      ['org.list', await api.org.list({})],
      ['org.records', await api.org.records({ orgId, type: 'configurations' })],
      ['org.detail', await api.org.detail({ type: 'organizations', id: String(orgId) })],
      ['ask.ask', await api.ask.ask({ question: 'acme firewall ip' })],
      ['ask.search', await api.ask.search({ query: 'firewall' })],
      ['ask.suggestOrgs', await api.ask.suggestOrgs({ prefix: 'ac' })],
      ['settings.update', await api.settings.update({ mcpAllowPasswordValues: true })],
      ['settings.wipe', await api.settings.wipe({ confirm: 'WIPE' })],
    ];
    for (const [name, r] of refused) {
      expect(code(r), name).toBe('APP_LOCKED');
      expect(!r.ok && r.error.message, name).toBe('Glue Desk is locked: unlock it to see records, answers and passwords.');
      const text = JSON.stringify(r);
      for (const v of passwordValues(p.seeded.dataset)) expect(text).not.toContain(v);
    }
    // What the lock screen and the header need still answers.
    expect(code(await api.sync.status({}))).not.toBe('APP_LOCKED');
    expect(code(await api.settings.get({}))).toBe('ok');
    // Unlock: a wrong passphrase is refused, the right one opens, and the refused reveal left no audit row.
    expect(code(await api.lock.unlock({ passphrase: 'wrong one!' }))).toBe('FORBIDDEN');
    expect(unwrap(await api.lock.unlock({ passphrase: PASS }))).toMatchObject({ locked: false, failures: 0 });
    expect(unwrap(await api.vault.audit({ limit: 1000 })).length).toBe(auditBefore);
    expect(code(await api.vault.reveal({ id: passwordId }))).toBe('ok');
  });

  it('rate-limits wrong passphrases: the fifth wrong one makes the next wait 30 s, then doubling', async () => {
    unwrap(await api.lock.lock({}));
    for (let i = 0; i < 4; i++) expect(code(await api.lock.unlock({ passphrase: `nope ${i}` }))).toBe('FORBIDDEN');
    const fifth = await api.lock.unlock({ passphrase: 'nope 5' });
    expect(code(fifth)).toBe('RATE_LIMITED');
    expect(!fifth.ok && fifth.error.message).toBe('Too many wrong passphrases: try again in 30 s.');
    // Even the right passphrase is not checked during the wait.
    expect(code(await api.lock.unlock({ passphrase: PASS }))).toBe('RATE_LIMITED');
    clock.advance(30_000);
    expect(code(await api.lock.unlock({ passphrase: 'nope 6' }))).toBe('RATE_LIMITED');
    expect(unwrap(await api.lock.status({})).retryAfterSeconds).toBe(60);
    clock.advance(60_000);
    expect(unwrap(await api.lock.unlock({ passphrase: PASS })).locked).toBe(false);
  });

  it('locks after the idle time; activity (any API call, touch) starts it over; the setting changes it', async () => {
    clock.advance(14 * 60_000);
    unwrap(await api.lock.touch({}));
    clock.advance(14 * 60_000);
    unwrap(await api.org.list({}));
    clock.advance(14 * 60_000);
    expect(unwrap(await api.lock.status({})).locked).toBe(false);
    clock.advance(61_000);
    expect(unwrap(await api.lock.status({}))).toMatchObject({ locked: true, reason: 'idle' });
    expect(code(await api.vault.reveal({ id: passwordId }))).toBe('APP_LOCKED');
    unwrap(await api.lock.unlock({ passphrase: PASS }));
    unwrap(await api.settings.update({ idleLockMinutes: 1 }));
    clock.advance(61_000);
    expect(unwrap(await api.lock.status({}))).toMatchObject({ locked: true, reason: 'idle', idleMinutes: 1 });
    unwrap(await api.lock.unlock({ passphrase: PASS }));
    unwrap(await api.settings.update({ idleLockMinutes: 0 }));
    clock.advance(24 * 3_600_000);
    expect(unwrap(await api.lock.status({})).locked).toBe(false);
  });

  it('a restarted app starts locked; the OS unlock (Touch ID in the Electron door) opens it when the user confirms', async () => {
    let confirm = false;
    const again = (await p.open({ lockClock: manualClock(), osUnlock: async () => confirm })).api;
    expect(unwrap(await again.lock.status({}))).toMatchObject({ locked: true, reason: 'startup', osUnlock: true });
    expect(code(await again.vault.reveal({ id: passwordId }))).toBe('APP_LOCKED');
    expect(code(await again.lock.unlock({ os: true }))).toBe('FORBIDDEN');
    confirm = true;
    expect(unwrap(await again.lock.unlock({ os: true })).locked).toBe(false);
    expect(code(await again.vault.reveal({ id: passwordId }))).toBe('ok');
    // Changing the passphrase needs the current one.
    expect(code(await again.lock.setPassphrase({ next: 'another passphrase' }))).toBe('INVALID_INPUT');
    expect(code(await again.lock.setPassphrase({ current: 'wrong', next: 'another passphrase' }))).toBe('FORBIDDEN');
    expect(code(await again.lock.setPassphrase({ current: PASS, next: 'another passphrase' }))).toBe('ok');
  });
});
