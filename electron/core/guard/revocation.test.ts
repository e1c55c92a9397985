import { afterEach, describe, expect, it } from 'vitest';
import { readGuardState } from '../store/guard-state';
import { revealSecret } from '../store/vault';
import { createGuardRig, GUARD_KEY, type GuardRig } from './test-profile';

const rigs: GuardRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});
async function rig(...args: Parameters<typeof createGuardRig>): Promise<GuardRig> {
  const r = await createGuardRig(...args);
  rigs.push(r);
  return r;
}

const firstPassword = (r: GuardRig) => {
  const p = r.fake.dataset.passwords?.data[0];
  if (!p) throw new Error('the test tenant has no password');
  return { id: Number(p.id), value: String(p.attributes.password) };
};

/** Counts sealed values by opening the store for a sync (the only way in once it is locked). */
async function sealedCount(r: GuardRig): Promise<number> {
  const p = await r.open('sync');
  if (!p.ok) throw new Error(p.error.message);
  try {
    return p.value.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM secrets').get()?.n ?? -1;
  } finally {
    p.value.close();
  }
}

describe('revoked key → local copy gone', () => {
  for (const status of [401, 403] as const) {
    it(`a key removed from IT Glue mid-life (HTTP ${status}) destroys the values and their key, locks the store, and a sync with a valid key brings it back`, async () => {
      const r = await rig({ rejectStatus: status });
      const first = await r.sync();
      expect(first.ok && first.value.status).toBe('ok');
      const pw = firstPassword(r);
      const keyBefore = await r.secretsKeyEntry();
      expect(keyBefore).toMatch(/^[0-9a-f]{64}$/);

      // The MSP revokes the technician's key.
      delete r.keys[GUARD_KEY];
      const revoked = await r.sync();
      expect(revoked.ok).toBe(true);
      const summary = revoked.ok ? revoked.value : null;
      expect(summary?.status).toBe('failed');
      expect(summary?.error?.code).toBe('KEY_REVOKED');
      expect(summary?.error?.message).toMatch(/^Glue Desk is locked: IT Glue rejected this profile's API key twice/);
      expect(summary?.error?.message).toMatch(/Log in with a valid key/);
      // The key that sealed the values is gone from the keychain.
      expect(await r.secretsKeyEntry()).toBeNull();

      // Every reading door is refused, with the reason and what to do.
      const read = await r.open('read');
      expect(read.ok).toBe(false);
      expect(!read.ok && read.error.code).toBe('KEY_REVOKED');
      expect(!read.ok && read.error.message).not.toContain(GUARD_KEY);
      // No sealed value is left (the sync door may still open it, to unlock it).
      expect(await sealedCount(r)).toBe(0);

      // A valid key again (here: the same one, re-enabled) and a sync: the data comes back.
      r.keys[GUARD_KEY] = { passwordAccess: true };
      const back = await r.sync();
      expect(back.ok && back.value.status).toBe('ok');
      const reopened = await r.open('read');
      if (!reopened.ok) throw new Error(reopened.error.message);
      try {
        expect(revealSecret(reopened.value.store, pw.id, 'cli', 'reveal')).toEqual({ ok: true, value: { value: pw.value } });
        expect(readGuardState(reopened.value.store).locked).toBeNull();
        expect(readGuardState(reopened.value.store).valuesDestroyed?.reason).toBe('revoked');
      } finally {
        reopened.value.close();
      }
      expect(await r.secretsKeyEntry()).not.toBe(keyBefore);
    });
  }

  it('one 401 that a second probe does not confirm destroys nothing', async () => {
    const r = await rig();
    expect((await r.sync()).ok).toBe(true);
    let rejected = 0;
    // A proxy or a key rotation answers 401 once; IT Glue itself then accepts the key.
    const flaky: typeof fetch = async (input, init) => {
      if (rejected === 0) {
        rejected++;
        return new Response('{"errors":[{"status":"401","title":"Unauthorized"}]}', { status: 401, headers: { 'content-type': 'application/vnd.api+json' } });
      }
      return fetch(input, init);
    };
    const once = await r.sync({ fetchImpl: flaky });
    expect(once.ok && once.value.error?.code).toBe('KEY_REJECTED');
    expect(rejected).toBe(1);
    expect(await r.secretsKeyEntry()).toMatch(/^[0-9a-f]{64}$/);
    const read = await r.open('read');
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(revealSecret(read.value.store, firstPassword(r).id, 'cli', 'reveal').ok).toBe(true);
      read.value.close();
    }
  });

  it('network errors and server errors never destroy anything', async () => {
    const r = await rig();
    expect((await r.sync()).ok).toBe(true);
    const down: typeof fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const busy: typeof fetch = async () => new Response('busy', { status: 503 });
    for (const fetchImpl of [down, busy]) {
      const failed = await r.sync({ fetchImpl });
      expect(failed.ok && failed.value.status).not.toBe('ok');
      expect(failed.ok && failed.value.error?.code).not.toBe('KEY_REVOKED');
    }
    expect(await r.secretsKeyEntry()).toMatch(/^[0-9a-f]{64}$/);
    expect(await sealedCount(r)).toBeGreaterThan(0);
    expect((await r.open('read')).ok).toBe(true);
  });

  it('a rejected key that never synced this store (a typo in ITGLUE_API_KEY) destroys nothing', async () => {
    const r = await rig();
    expect((await r.sync()).ok).toBe(true);
    const typo = await r.sync({ apiKey: `${GUARD_KEY}x` });
    expect(typo.ok && typo.value.error?.code).toBe('KEY_REJECTED');
    expect(await sealedCount(r)).toBeGreaterThan(0);
    expect((await r.open('read')).ok).toBe(true);
  });
});
