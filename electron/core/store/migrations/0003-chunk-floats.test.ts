import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDbs, upsertRecord, type TestDb } from '../../search/vectors-test-db';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';

const testDb = testDbs();

const floatsRow = z.object({ chunk_rowid: z.number(), embedding: z.instanceof(Buffer) });
const vec = (seed: number) => new Float32Array(384).map((_, i) => Math.sin(seed * 7 + i) / 14);
const blob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

function seedChunk(db: TestDb['db'], record: number, chunk: number, org: number, v: Float32Array): void {
  db.prepare("INSERT INTO chunks (rowid, record_rowid, seq, org_id, text_hash, source_hash, model_id) VALUES (?, ?, ?, ?, 't', 's', 'm')").run(chunk, record, chunk, org);
  db.prepare('INSERT INTO chunk_vectors (rowid, org_id, embedding) VALUES (?, ?, ?)').run(BigInt(chunk), BigInt(org), blob(v));
  db.prepare('INSERT INTO chunk_bits (rowid, embedding) VALUES (?, vec_quantize_binary(?))').run(BigInt(chunk), blob(v));
}

describe('migration 0003-chunk-floats', () => {
  it('copies every stored vector of a version-2 file, byte for byte', () => {
    const t = testDb(2);
    const db = t.db;
    const a = upsertRecord(db, { type: 'documents', itglueId: '1', orgId: 3, name: 'VPN runbook', body: 'steps' });
    const b = upsertRecord(db, { type: 'documents', itglueId: '2', orgId: 4, name: 'Backups', body: 'nightly' });
    const seeded = new Map<number, Float32Array>([
      [10, vec(1)],
      [11, vec(2)],
      [12, vec(3)],
    ]);
    seedChunk(db, a, 10, 3, seeded.get(10)!);
    seedChunk(db, a, 11, 3, seeded.get(11)!);
    seedChunk(db, b, 12, 4, seeded.get(12)!);

    expect(migrate(db, MIGRATIONS, 3)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    const rows = db.prepare('SELECT chunk_rowid, embedding FROM chunk_floats ORDER BY chunk_rowid').all().map((r) => floatsRow.parse(r));
    expect(rows.map((r) => r.chunk_rowid)).toEqual([10, 11, 12]);
    for (const r of rows) expect(r.embedding.equals(blob(seeded.get(r.chunk_rowid)!))).toBe(true);
    const signs = db.prepare('SELECT chunk_rowid, bits FROM chunk_signs ORDER BY chunk_rowid').all().map((r) => z.object({ chunk_rowid: z.number(), bits: z.instanceof(Buffer) }).parse(r));
    expect(signs.map((r) => r.chunk_rowid)).toEqual([10, 11, 12]);
    for (const r of signs) expect(r.bits.byteLength).toBe(48);
  });

  it('drops a chunk\'s float copy with the chunk, also through the records cascade', () => {
    const t = testDb(2);
    const db = t.db;
    const a = upsertRecord(db, { type: 'documents', itglueId: '1', orgId: 3, name: 'a', body: 'x' });
    const b = upsertRecord(db, { type: 'documents', itglueId: '2', orgId: 3, name: 'b', body: 'y' });
    seedChunk(db, a, 10, 3, vec(1));
    seedChunk(db, b, 11, 3, vec(2));
    seedChunk(db, b, 12, 3, vec(3));
    migrate(db, MIGRATIONS, 19);
    db.prepare('DELETE FROM records WHERE rowid = ?').run(a);
    db.prepare('DELETE FROM chunks WHERE rowid = 12').run();
    expect(db.prepare('SELECT chunk_rowid FROM chunk_floats').all()).toEqual([{ chunk_rowid: 11 }]);
    expect(db.prepare('SELECT chunk_rowid FROM chunk_signs').all()).toEqual([{ chunk_rowid: 11 }]);
    expect(db.prepare('SELECT rowid FROM chunk_vectors').all()).toEqual([{ rowid: 11 }]);
  });
});
