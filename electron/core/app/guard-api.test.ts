// The app API over a store that expired offline or whose key was revoked (issue #19): the
// desktop app's main process refuses records, reveals and answers with the reason, shows the
// warning from 3 days before in sync status (the header), and comes back after a sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueApi } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { createTrustedClock, type GuardClock } from '../guard/clock';
import { DAY_MS } from '../guard/offline';
import { createGuardRig, GUARD_KEY, PASSPHRASE, type GuardRig } from '../guard/test-profile';
import { openGlueApp, type GlueApp } from './index';

const code = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);

describe('the app API when the offline copy expires or the key is revoked', () => {
  let rig: GuardRig;
  let wall = Date.now();
  const clock: GuardClock = { now: () => new Date(wall), monotonicMs: () => 0 };
  const trusted = createTrustedClock(clock);
  let app: GlueApp;
  let api: GlueApi;
  let passwordId: string;

  beforeAll(async () => {
    rig = await createGuardRig();
    const synced = await rig.sync({ clock: trusted });
    if (!synced.ok) throw new Error(synced.error.message);
    const opened = await openGlueApp({ door: 'app', dataDir: rig.dataDir, profile: 'default', passphrase: PASSPHRASE, env: {}, guardClock: trusted, embedder: null });
    if (!opened.ok) throw new Error(opened.error.message);
    app = opened.value;
    api = app.api;
    passwordId = String(rig.fake.dataset.passwords?.data[0]?.id);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await rig?.close();
  });

  it('warns in sync status from 3 days before, then refuses reveal and records once expired', async () => {
    expect(code(await api.vault.reveal({ id: passwordId }))).toBe('ok');
    wall += 28 * DAY_MS;
    const status = await api.sync.status({});
    expect(status.ok && status.value.securityNotices?.join('\n')).toMatch(/^The offline copy expires in 2 day\(s\)/);
    wall += 3 * DAY_MS;
    const reveal = await api.vault.reveal({ id: passwordId });
    expect(code(reveal)).toBe('OFFLINE_EXPIRED');
    expect(!reveal.ok && reveal.error.message).toMatch(/^Glue Desk is expired/);
    expect(code(await api.org.list({}))).toBe('OFFLINE_EXPIRED');
    expect(code(await api.ask.ask({ question: 'firewall' }))).toBe('OFFLINE_EXPIRED');
  });

  it('comes back after a sync that reaches IT Glue; a revoked key then locks it again', async () => {
    const back = await rig.sync({ clock: trusted });
    expect(back.ok && back.value.status).toBe('ok');
    expect(code(await api.vault.reveal({ id: passwordId }))).toBe('ok');
    delete rig.keys[GUARD_KEY];
    const revoked = await rig.sync({ clock: trusted });
    expect(revoked.ok && revoked.value.error?.code).toBe('KEY_REVOKED');
    const r = await api.vault.reveal({ id: passwordId });
    expect(code(r)).toBe('KEY_REVOKED');
    expect(!r.ok && r.error.message).toMatch(/^Glue Desk is locked: IT Glue rejected/);
  });
});
