// The store's write handle, used by the sync: pages of IT Glue resources mapped and written
// with their typed rows, relations and sealed values, in transactions that keep the FTS index
// and record_counts in step. The parts live in write/ by role: the fixed statements, typed
// rows, the batch's index upkeep and the deletion sweep. docs/store-write-path.md has the
// measurements behind the hot path's choices.
import { hash as digestOf, randomUUID } from 'node:crypto';
import type { RecordType } from '../../../shared/domain';
import { StoreError, isBusy, lockedError } from './errors';
import { MAPPERS } from './mappers/index';
import { MapError, asResource, type MappedRecord, type RelationInput } from './mappers/types';
import { walFrames, type Store } from './open';
import { seal } from './secret-box';
import { secretsKeyOf } from './store-keys';
import { indexBatch } from './write/index-batch';
import { writeStatements, type ExistingRow } from './write/statements';
import { markDeletedExcept, type SweepOptions } from './write/sweep';
import { typedRows } from './write/typed-rows';

export type { SweepOptions } from './write/sweep';

export interface Checkpoint {
  resource: string;
  /** An organization id as text, or '*' for tenant-wide lists. */
  scope: string;
  cursor: string | null;
  lastUpdatedAt: string | null;
}

export interface ApplyPageInput {
  type: RecordType;
  /** Raw JSON:API resources; each is validated here and a bad one is recorded in `skipped`. */
  resources: readonly unknown[];
  runId: string;
  checkpoint?: Checkpoint;
}

export interface ApplyPageResult {
  /** New or changed records (added + changed). */
  written: number;
  /** Of those, records the store did not hold (or held as deleted) before. */
  added: number;
  unchanged: number;
  skipped: number;
}

export type RunKind = 'full' | 'incremental';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'cancelled';

export interface StoreWriter {
  applyPage(input: ApplyPageInput): ApplyPageResult;
  /** Several pages in one transaction (one commit, one FTS flush); all or none are stored. */
  applyPages(inputs: readonly ApplyPageInput[]): ApplyPageResult[];
  /**
   * Runs `fn` in one transaction (or the caller's) in which the pages it applies enter the
   * FTS index and record_counts together, at its end: the sync's group commit.
   */
  batch<R>(fn: () => R): R;
  /** Replaces the relations of one record that came from detail requests (related items, connections). */
  putRelations(fromType: RecordType, fromId: string, related: readonly RelationInput[]): void;
  putSecret(passwordId: number, value: string): void;
  /** Deletion sweep inside one scope: records of `type` there that were not seen are marked deleted. */
  markDeletedExcept(type: RecordType, scope: string, seenIds: Iterable<string>, runId: string, options?: SweepOptions): number;
  recordSkipped(type: string, itglueId: string, reason: string, runId: string | null): void;
  startRun(kind: RunKind, runId?: string): string;
  finishRun(runId: string, outcome: { status: Exclude<RunStatus, 'running'>; requests: number; warnings: readonly string[] }): void;
  setCheckpoint(checkpoint: Checkpoint & { runId: string | null; completedAt?: string | null }): void;
  getCheckpoint(resource: string, scope: string): (Checkpoint & { runId: string | null; completedAt: string | null }) | null;
  setMeta(key: string, value: string): void;
}

// Only these mappers derive relations from attributes; others never own 'attrs' rows, so their
// upserts skip the DELETE (one statement per record on the ingest hot path).
const ATTR_RELATION_TYPES: ReadonlySet<RecordType> = new Set(['flexible-assets']);

const now = (): string => new Date().toISOString();

export function contentHashOf(name: string, body: string, attrsJson: string): string {
  // One-shot digest of one joined string: no Hash object per record (cheaper than
  // createHash().update().digest() here), and the same value as hashing the three parts in turn.
  return digestOf('sha256', `${name}\0${body}\0${attrsJson}`, 'hex');
}

/** Busy/locked errors become STORE_LOCKED; everything else passes through. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isBusy(e)) throw lockedError();
    throw e;
  }
}

export function createWriter(store: Store): StoreWriter {
  if (store.readonly) throw new StoreError('INVALID_INPUT', 'This store was opened read-only; sync needs a writable store.');
  const db = store.db;
  /**
   * Runs `fn` in an IMMEDIATE transaction, or as part of the caller's when one is open (the
   * sync runners write a page with its checkpoint, or a batch of details, in one transaction).
   * Not a nested SAVEPOINT: while a savepoint is open, every multi-row statement's release
   * walks SQLite's in-memory sub-journal from its start, which grows with each page changed in
   * the transaction. A caller's transaction is all or nothing anyway, and no caller catches a
   * writer error and commits the rest.
   */
  function atomically<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    const tx = db.transaction(fn);
    return (...args) => guarded(() => (db.inTransaction ? fn(...args) : tx.immediate(...args)));
  }
  const secretsKey = secretsKeyOf(store);
  // A page commit writes megabytes of WAL at 100k records (scattered index leaves, FTS
  // segments). With SQLite's default threshold (1,000 frames) every commit also checkpointed,
  // and a SQLCipher checkpoint decrypts and re-encrypts each page. 16 MiB lets hot index pages
  // be copied once per few pages instead of once per page.
  db.pragma(`wal_autocheckpoint = ${walFrames(db, 16 * 1024 * 1024)}`);

  const sql = writeStatements(db);
  const typed = typedRows(db);
  const index = indexBatch(db);

  /**
   * Per type, whether it had no rows when this writer first wrote it: then nearly every record
   * is new (a first sync), and a resource is looked up only when its insert meets itself (listed
   * twice). Otherwise most are known, and the lookup comes first.
   */
  const firstWrite = new Map<string, boolean>();
  const isFirstWrite = (type: string): boolean => {
    let first = firstWrite.get(type);
    if (first === undefined) firstWrite.set(type, (first = sql.typeHasRows.get(type)?.found === 0));
    return first;
  };

  function writeSecret(passwordId: number, value: string): void {
    const sealed = seal(secretsKey, passwordId, value);
    sql.upsertSecret.run(passwordId, sealed.iv, sealed.tag, sealed.ciphertext, now());
    sql.refreshHasValue.run(passwordId);
  }

  // Types with rows in `skipped`, refreshed per page so the common case skips a DELETE per record.
  const skippedOfType = new Set<string>();

  function recordSkippedRow(type: string, itglueId: string, reason: string, runId: string | null): void {
    sql.upsertSkipped.run(type, itglueId.slice(0, 200), reason.slice(0, 500), runId, now());
    skippedOfType.add(type);
  }

  /** The new row's rowid, or null when the resource is already stored. */
  function insertNew(r: MappedRecord['record'], orgId: number | null, attrsJson: string, hash: string, runId: string): number | null {
    const res = sql.insertRecord.run(r.type, r.itglueId, orgId, r.name, r.body, attrsJson, r.url, r.updatedAt, r.archived ? 1 : 0, hash, runId);
    return res.changes > 0 ? Number(res.lastInsertRowid) : null;
  }

  function writeMapped(mapped: MappedRecord, runId: string): 'added' | 'changed' | 'unchanged' {
    const r = mapped.record;
    let orgId = r.orgId;
    if (orgId === null && mapped.orgFrom) {
      const parent = (mapped.orgFrom.table === 'configurations' ? sql.orgOfConfiguration : sql.orgOfDocument).get(mapped.orgFrom.id);
      orgId = parent?.org_id ?? null;
      if (mapped.typed.row.org_id === null) mapped.typed.row.org_id = orgId;
    }
    const attrsJson = JSON.stringify(r.attrs);
    const hash = contentHashOf(r.name, r.body, attrsJson);
    let existing: ExistingRow | undefined;
    let inserted = isFirstWrite(r.type) ? insertNew(r, orgId, attrsJson, hash, runId) : null;
    if (inserted === null) {
      existing = sql.selectRecord.get(r.type, r.itglueId);
      if (!existing) inserted = insertNew(r, orgId, attrsJson, hash, runId);
    }
    let outcome: 'added' | 'changed' | 'unchanged';
    // Same content and still live: only the sighting is recorded, so FTS, typed rows and
    // embeddings (keyed on content_hash) are left alone.
    if (existing && existing.content_hash === hash && existing.deleted_at === null) {
      sql.touchRecord.run(runId, existing.rowid);
      outcome = 'unchanged';
    } else {
      // The index holds the old text of a live row unless this batch already queued it (a
      // resource twice in one batch): that text never reached the index.
      const reindex = !existing || existing.deleted_at !== null || existing.name !== r.name || existing.body !== r.body;
      if (existing && reindex && existing.deleted_at === null && !index.pending.has(existing.rowid)) index.stale.push([existing.rowid, existing.name, existing.body]);
      let rowid: number;
      if (existing) {
        rowid = existing.rowid;
        sql.updateRecord.run(r.name, r.body, attrsJson, r.url, r.updatedAt, r.archived ? 1 : 0, hash, runId, rowid);
        if (existing.org_id !== orgId) sql.moveRecord.run(orgId, rowid);
        typed.rewrite(mapped.typed.table, mapped.typed.row, rowid);
      } else {
        if (inserted === null) throw new Error('a record was neither found nor inserted');
        rowid = inserted;
        index.countInserted(r.type, orgId, r.archived);
        typed.upsert(mapped.typed.table, mapped.typed.row, rowid);
      }
      if (reindex) index.pending.add(rowid);
      if (mapped.relations.length > 0 || ATTR_RELATION_TYPES.has(r.type)) sql.deleteAttrRelations.run(r.type, r.itglueId);
      for (const rel of mapped.relations) sql.insertRelation.run(r.type, r.itglueId, rel.toType, rel.toId, rel.kind, rel.notes ?? null, 'attrs');
      if (mapped.typed.table === 'passwords') sql.refreshHasValue.run(mapped.typed.row.id);
      outcome = existing && existing.deleted_at === null ? 'changed' : 'added';
    }
    if (mapped.secret) writeSecret(mapped.typed.row.id, mapped.secret);
    if (skippedOfType.has(r.type)) sql.clearSkipped.run(r.type, r.itglueId);
    return outcome;
  }

  function applyOnePage(input: ApplyPageInput): ApplyPageResult {
    const result: ApplyPageResult = { written: 0, added: 0, unchanged: 0, skipped: 0 };
    skippedOfType.clear();
    for (const row of sql.skippedTypes.all()) skippedOfType.add(row.type);
    const mapper = MAPPERS[input.type];
    const kindsByType = new Map<number, Map<string, string>>();
    for (const raw of input.resources) {
      const resource = asResource(raw);
      if (!resource) {
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '?';
        recordSkippedRow(input.type, id, 'not a JSON:API resource', input.runId);
        result.skipped++;
        continue;
      }
      if (resource.type !== input.type) {
        recordSkippedRow(input.type, resource.id, `resource type "${resource.type.slice(0, 60)}" in a ${input.type} page`, input.runId);
        result.skipped++;
        continue;
      }
      let fieldKindsMap: Map<string, string> | undefined;
      const typeId = resource.attributes['flexible-asset-type-id'];
      if (input.type === 'flexible-assets' && typeof typeId === 'number') {
        fieldKindsMap = kindsByType.get(typeId);
        if (!fieldKindsMap) {
          fieldKindsMap = new Map(sql.fieldKinds.all(typeId).flatMap((f) => (f.name_key && f.kind ? [[f.name_key, f.kind] as const] : [])));
          kindsByType.set(typeId, fieldKindsMap);
        }
      }
      let mapped: MappedRecord;
      try {
        mapped = mapper(resource, { fieldKinds: fieldKindsMap });
      } catch (e) {
        if (!(e instanceof MapError)) throw e;
        recordSkippedRow(input.type, resource.id, e.message, input.runId);
        result.skipped++;
        continue;
      }
      const outcome = writeMapped(mapped, input.runId);
      if (outcome === 'unchanged') result.unchanged++;
      else {
        result.written++;
        if (outcome === 'added') result.added++;
      }
    }
    if (input.checkpoint) {
      const c = input.checkpoint;
      sql.upsertCheckpoint.run(c.resource, c.scope, c.cursor, c.lastUpdatedAt, input.runId, null);
    }
    return result;
  }

  let batchDepth = 0;
  const batch = atomically(<R>(fn: () => R): R => {
    if (batchDepth === 0) index.begin();
    batchDepth++;
    try {
      const result = fn();
      if (batchDepth === 1) index.finish();
      return result;
    } finally {
      batchDepth--;
    }
  });
  const applyPages = (inputs: readonly ApplyPageInput[]): ApplyPageResult[] => batch(() => inputs.map(applyOnePage));

  const putRelationsTx = atomically((fromType: RecordType, fromId: string, related: readonly RelationInput[]) => {
    sql.deleteDetailRelations.run(fromType, fromId);
    for (const rel of related) sql.insertRelation.run(fromType, fromId, rel.toType, rel.toId, rel.kind, rel.notes ?? null, 'detail');
  });

  const markDeletedTx = atomically((type: RecordType, scope: string, seenIds: Iterable<string>, runId: string, options: SweepOptions): number =>
    markDeletedExcept(db, type, scope, seenIds, runId, now(), options),
  );

  const putSecretTx = atomically((passwordId: number, value: string) => writeSecret(passwordId, value));

  return {
    applyPage: (input) => {
      const [result] = applyPages([input]);
      if (!result) throw new Error('applyPages returned no result');
      return result;
    },
    applyPages,
    batch,
    putRelations: putRelationsTx,
    putSecret: (passwordId, value) => {
      if (!Number.isSafeInteger(passwordId) || passwordId <= 0) throw new StoreError('INVALID_INPUT', 'A password id must be a positive integer.');
      if (value === '') throw new StoreError('INVALID_INPUT', 'An empty password value is not stored; the API key probably lacks Password Access.');
      putSecretTx(passwordId, value);
    },
    markDeletedExcept: (type, scope, seenIds, runId, options = {}) => markDeletedTx(type, scope, seenIds, runId, options),
    recordSkipped: (type, itglueId, reason, runId) => guarded(() => recordSkippedRow(type, itglueId, reason, runId)),
    startRun: (kind, runId = randomUUID()) => {
      guarded(() => sql.startRun.run(runId, kind, now()));
      return runId;
    },
    finishRun: (runId, outcome) => {
      guarded(() => sql.finishRun.run(now(), outcome.status, outcome.requests, JSON.stringify(outcome.warnings), runId));
    },
    setCheckpoint: (c) => {
      guarded(() => sql.upsertCheckpoint.run(c.resource, c.scope, c.cursor, c.lastUpdatedAt, c.runId, c.completedAt ?? null));
    },
    getCheckpoint: (resource, scope) => {
      const row = sql.selectCheckpoint.get(resource, scope);
      return row
        ? { resource: row.resource, scope: row.scope, cursor: row.cursor, lastUpdatedAt: row.last_updated_at, runId: row.run_id, completedAt: row.completed_at }
        : null;
    },
    setMeta: (key, value) => {
      guarded(() => sql.setMeta.run(key, value));
    },
  };
}
