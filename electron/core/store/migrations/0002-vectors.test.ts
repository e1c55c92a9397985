import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDbs, upsertRecord, type TestDb } from '../../search/vectors-test-db';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';

const testDb = testDbs();

const count = (db: TestDb['db'], table: string) => z.object({ n: z.number() }).parse(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).n;
const vec = (x: number) => Buffer.from(new Float32Array(384).fill(x).buffer);

describe('migration 0002-vectors', () => {
  it('adds the vector tables without touching existing records', () => {
    const t = testDb(1);
    const db = t.db;
    const id = upsertRecord(db, { type: 'configurations', itglueId: '7', orgId: 3, name: 'fw01', body: 'FortiGate firewall' });
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT name, body FROM records WHERE rowid = ?').get(id)).toEqual({ name: 'fw01', body: 'FortiGate firewall' });
    for (const table of ['chunks', 'embedding_meta', 'chunk_vectors', 'chunk_bits']) expect(count(db, table)).toBe(0);
  });

  it('removes a chunk\'s vectors when its record row is deleted (cascade + trigger)', () => {
    // Up to migration 0020, which dropped these tables.
    const t = testDb(19);
    const db = t.db;
    const a = upsertRecord(db, { type: 'configurations', itglueId: '1', orgId: 3, name: 'a', body: 'x' });
    const b = upsertRecord(db, { type: 'configurations', itglueId: '2', orgId: 3, name: 'b', body: 'y' });
    for (const [rec, chunk] of [[a, 10], [b, 11]] as const) {
      db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, 0, 3, 'h', 's', 'm')").run(chunk, rec);
      db.prepare('INSERT INTO chunk_vectors (rowid, org_id, embedding) VALUES (?, 3, ?)').run(BigInt(chunk), vec(0.05));
      db.prepare('INSERT INTO chunk_bits (rowid, embedding) VALUES (?, vec_quantize_binary(?))').run(BigInt(chunk), vec(0.05));
    }
    db.prepare('DELETE FROM records WHERE rowid = ?').run(a);
    expect(db.prepare('SELECT rowid FROM chunks').all()).toEqual([{ rowid: 11 }]);
    expect(db.prepare('SELECT rowid FROM chunk_vectors').all()).toEqual([{ rowid: 11 }]);
    expect(db.prepare('SELECT rowid FROM chunk_bits').all()).toEqual([{ rowid: 11 }]);
  });
});
