import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { password } from './fixtures.test-data';
import { createReader } from './reader';
import { tempStores } from './test-stores';
import { revealSecret } from './vault';
import { createWriter } from './writer';

const tempStore = tempStores();

function seeded() {
  const t = tempStore();
  const w = createWriter(t.store);
  const runId = w.startRun('full');
  w.applyPage({ type: 'passwords', runId, resources: [password(7, 1, 'Domain admin'), password(8, 1, 'No access')] });
  w.putSecret(7, 'S3cret-Value!');
  return { t, w, r: createReader(t.store) };
}

describe('revealSecret', () => {
  it('decrypts only through the vault and writes an audit row with name and org, never the value', () => {
    const { t, r } = seeded();
    const stored = t.store.db.prepare<[], { ciphertext: Buffer; iv: Buffer }>('SELECT ciphertext, iv FROM secrets WHERE password_id = 7').get();
    expect(stored?.ciphertext.toString('utf8')).not.toContain('S3cret');
    expect(stored?.iv.length).toBe(12);
    const res = revealSecret(t.store, 7, 'cli', 'reveal');
    expect(res).toEqual({ ok: true, value: { value: 'S3cret-Value!' } });
    const audit = r.auditList();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ door: 'cli', action: 'reveal', passwordId: 7, orgId: 1, name: 'Domain admin' });
    expect(JSON.stringify(t.store.db.prepare('SELECT * FROM audit').all())).not.toContain('S3cret');
  });

  it('says clearly when a value was not synced, and when the password is unknown', () => {
    const { t, r } = seeded();
    const missing = revealSecret(t.store, 8, 'app', 'copy_password');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('NOT_FOUND');
      expect(missing.error.message).toMatch(/Password Access/);
    }
    const unknown = revealSecret(t.store, 999, 'mcp', 'mcp_value');
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
    expect(r.auditList()).toHaveLength(0);
  });

  it('reports a value that does not open (moved to another password id) as damage, and audits nothing', () => {
    const { t } = seeded();
    t.store.db.exec('INSERT INTO secrets (password_id, iv, tag, ciphertext, updated_at) SELECT 8, iv, tag, ciphertext, updated_at FROM secrets WHERE password_id = 7');
    const moved = revealSecret(t.store, 8, 'app', 'reveal');
    expect(moved.ok ? 'ok' : moved.error.code).toBe('STORE_CORRUPT');
    expect(moved.ok ? '' : moved.error.message).toMatch(/glue repair/);
    expect(createReader(t.store).auditList()).toHaveLength(0);
  });

  it('refuses at open a store whose password-value key is not the one that sealed its values, and says how to fix it', () => {
    const { t } = seeded();
    t.store.close();
    expect(() => t.reopen({ secretsKey: randomBytes(32) })).toThrow(/password-value key .*glue repair/);
  });

  it('refuses to reveal from a read-only store, where the reveal could not be audited', () => {
    const { t } = seeded();
    const ro = t.reopen({ readonly: true });
    const res = revealSecret(ro, 7, 'mcp', 'mcp_value');
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });
});
