import { afterEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../config/settings';
import { revealSecret } from '../store/vault';
import { createTrustedClock, type GuardClock } from './clock';
import { DAY_MS, NEVER_WARNING } from './offline';
import { createGuardRig, type GuardRig } from './test-profile';

/** A system clock the test moves; its monotonic half only moves forward, like a real one. */
function movableClock(start = Date.now()) {
  let wall = start;
  let mono = 0;
  const clock: GuardClock = { now: () => new Date(wall), monotonicMs: () => mono };
  return {
    clock,
    /** Time passes (both clocks move). */
    pass(ms: number) {
      wall += ms;
      mono += ms;
    },
    /** Someone sets the system clock (only the wall clock moves). */
    set(ms: number) {
      wall = ms;
    },
    wall: () => wall,
    /** A new process: a new trusted clock over the same system clock. */
    process: () => createTrustedClock(clock),
  };
}

describe('the trusted clock', () => {
  it('never runs backwards: a clock wound back reads as the highest time seen, and says it moved', () => {
    const t = movableClock(Date.parse('2026-12-01T00:00:00Z'));
    const p = t.process();
    expect(p.read(null)).toEqual({ at: new Date('2026-12-01T00:00:00Z'), movedBack: false });
    t.pass(DAY_MS);
    t.set(Date.parse('2026-11-01T00:00:00Z'));
    // Same process: the monotonic clock carries it forward.
    expect(p.read(null)).toEqual({ at: new Date('2026-12-02T00:00:00Z'), movedBack: true });
    // A new process: the stored high-water mark does.
    expect(t.process().read('2026-12-02T00:00:00.000Z')).toEqual({ at: new Date('2026-12-02T00:00:00Z'), movedBack: true });
    // A few minutes of NTP correction is not "moved back".
    t.set(Date.parse('2026-12-01T23:58:00Z'));
    expect(t.process().read('2026-12-02T00:00:00.000Z').movedBack).toBe(false);
  });
});

const rigs: GuardRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('offline expiry against the real store and the fake IT Glue server', () => {
  it('warns from 3 days before, then destroys the values and refuses to open until a sync succeeds; winding the clock back changes nothing', async () => {
    const r = await createGuardRig();
    rigs.push(r);
    const t = movableClock();
    expect((await r.sync({ clock: t.process() })).ok).toBe(true);
    const pw = r.fake.dataset.passwords?.data[0];

    // Day 26: quiet.
    t.pass(26 * DAY_MS);
    let p = await r.open('read', t.process());
    expect(p.ok && p.value.notices).toEqual([]);
    if (p.ok) p.value.close();

    // Day 27.5: 2 days left, every open says so.
    t.pass(1.5 * DAY_MS);
    p = await r.open('read', t.process());
    expect(p.ok && p.value.notices.join('\n')).toMatch(/^The offline copy expires in 2 day\(s\) \(.+ UTC\): Glue Desk has not reached IT Glue since \d{4}-\d\d-\d\d\. Sync/);
    if (p.ok) p.value.close();

    // The user winds the system clock back a month: the warning stays, and says why.
    const before = t.wall();
    t.set(before - 30 * DAY_MS);
    p = await r.open('read', t.process());
    expect(p.ok && p.value.notices.join('\n')).toMatch(/system clock is behind a time Glue Desk has already seen/);
    expect(p.ok && p.value.notices.join('\n')).toMatch(/expires in 2 day\(s\)/);
    if (p.ok) p.value.close();

    // Day 30 and a bit (the clock set right again): expired.
    t.set(before + 3 * DAY_MS);
    p = await r.open('read', t.process());
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error.code).toBe('OFFLINE_EXPIRED');
    expect(!p.ok && p.error.message).toMatch(/^Glue Desk is expired: this copy has not reached IT Glue for more than 30 day\(s\) \(last contact \d{4}-\d\d-\d\d\), so its password values were destroyed/);
    expect(await r.secretsKeyEntry()).toBeNull();
    // Still refused on the next start, and with the clock wound back.
    t.set(before);
    expect((await r.open('read', t.process())).ok).toBe(false);

    // A sync that succeeds opens it again, with its values.
    t.set(before + 3 * DAY_MS);
    const back = await r.sync({ clock: t.process() });
    expect(back.ok && back.value.status).toBe('ok');
    p = await r.open('read', t.process());
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.notices).toEqual([]);
    expect(revealSecret(p.value.store, Number(pw?.id), 'cli', 'reveal')).toEqual({ ok: true, value: { value: String(pw?.attributes.password) } });
    p.value.close();
  });

  it('a sync that fails does not restart the clock', async () => {
    const r = await createGuardRig();
    rigs.push(r);
    const t = movableClock();
    expect((await r.sync({ clock: t.process() })).ok).toBe(true);
    t.pass(29 * DAY_MS);
    const down: typeof fetch = async () => new Response('down', { status: 503 });
    const failed = await r.sync({ clock: t.process(), fetchImpl: down });
    expect(failed.ok && failed.value.status).not.toBe('ok');
    t.pass(1.5 * DAY_MS);
    const p = await r.open('read', t.process());
    expect(!p.ok && p.error.code).toBe('OFFLINE_EXPIRED');
  });

  it('"never" keeps the copy, and every open warns about it; the days are a setting', async () => {
    const r = await createGuardRig();
    rigs.push(r);
    const t = movableClock();
    expect((await r.sync({ clock: t.process() })).ok).toBe(true);
    expect(updateSettings(r.profileDir, { offlineExpiryDays: 0 }).ok).toBe(true);
    t.pass(400 * DAY_MS);
    let p = await r.open('read', t.process());
    expect(p.ok && p.value.notices).toEqual([NEVER_WARNING]);
    if (p.ok) p.value.close();
    // Back to 7 days: long past, so expired at once.
    expect(updateSettings(r.profileDir, { offlineExpiryDays: 7 }).ok).toBe(true);
    p = await r.open('read', t.process());
    expect(!p.ok && p.error.code).toBe('OFFLINE_EXPIRED');
    expect(!p.ok && p.error.message).toMatch(/more than 7 day\(s\)/);
  });
});
