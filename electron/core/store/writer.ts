import { hash as digestOf, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../shared/domain';
import { StoreError, isBusy, lockedError } from './errors';
import { MAPPERS, TYPED_TABLE_OF } from './mappers/index';
import { MapError, asResource, type MappedRecord, type RelationInput, type SqlValue, type TypedTable } from './mappers/types';
import { walFrames, type Store } from './open';
import { seal } from './secret-box';
import { secretsKeyOf } from './store-keys';

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
  written: number;
  unchanged: number;
  skipped: number;
}

export interface SweepOptions {
  /**
   * Records whose last_seen_run is this run id count as seen too, so a sync sweeping after
   * full listings passes no ids at all (a 100k-id set in JS cost ~10 MB of sync RSS).
   */
  seenInRun?: string;
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
  // One-shot digest of one joined string: no Hash object per record (~2.5x cheaper than
  // createHash().update().digest() here), and the same value as hashing the three parts in turn.
  return digestOf('sha256', `${name}\0${body}\0${attrsJson}`, 'hex');
}

interface ExistingRow {
  rowid: number;
  org_id: number | null;
  name: string;
  body: string;
  content_hash: string;
  deleted_at: string | null;
}

interface CheckpointRow {
  resource: string;
  scope: string;
  cursor: string | null;
  last_updated_at: string | null;
  run_id: string | null;
  completed_at: string | null;
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
   * the transaction; that walk was a quarter of ingest CPU. A caller's transaction is all or
   * nothing anyway, and no caller catches a writer error and commits the rest.
   */
  function atomically<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    const tx = db.transaction(fn);
    return (...args) => guarded(() => (db.inTransaction ? fn(...args) : tx.immediate(...args)));
  }
  const secretsKey = secretsKeyOf(store);
  // A page commit writes ~5 MiB of WAL at 100k records (scattered index leaves, FTS segments).
  // With SQLite's default threshold (1,000 frames, 4 MiB at 4 KiB pages) every commit also
  // checkpointed, and a SQLCipher checkpoint decrypts and re-encrypts each page: ~40 % of
  // ingest. 16 MiB lets hot index pages be copied once per few pages instead of once per page.
  db.pragma(`wal_autocheckpoint = ${walFrames(db, 16 * 1024 * 1024)}`);

  const selectRecord = db.prepare<[string, string], ExistingRow>('SELECT rowid, org_id, name, body, content_hash, deleted_at FROM records WHERE type = ? AND itglue_id = ?');
  // FTS upkeep for applied pages (migrations 0001, 0006): the update triggers are off for the
  // batch (inserts have none); at its end the old text of rewritten rows leaves the index and
  // every new or rewritten row enters it with one INSERT … SELECT. Once, not per page or row:
  // FTS5 writes its pending terms as a new segment whenever a later statement opens a
  // savepoint, and merging a segment per page was a tenth of ingest.
  const deferFts = db.prepare('INSERT OR IGNORE INTO fts_deferred (id) VALUES (1)');
  const resumeFts = db.prepare('DELETE FROM fts_deferred');
  const ftsDelete = db.prepare<[number, string, string]>("INSERT INTO records_fts(records_fts, rowid, name, body) VALUES ('delete', ?, ?, ?)");
  const ftsFill = db.prepare<[string]>(
    'INSERT INTO records_fts(rowid, name, body) SELECT rowid, name, body FROM records WHERE rowid IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL',
  );
  /** Rows of the current batch whose text must (re-)enter the index at its end. */
  const ftsPending = new Set<number>();
  /**
   * The indexed text of rows the batch rewrites, taken out of the index at its end too: a
   * 'delete' queued in FTS5 would be written as a segment of its own by the next statement that
   * opens a savepoint (any UPDATE of records, which has triggers), one segment per record.
   */
  const ftsStale: [rowid: number, name: string, body: string][] = [];
  /**
   * record_counts for rows this batch inserts (migrations 0005, 0006: inserts have no trigger),
   * added at its end; an update trigger on such a row meanwhile (a resource twice, moved or
   * archived) adds its own deltas, which sum with these. type → organization id (0 for none) →
   * counts, nested so no key string is built per record.
   */
  const insertedCounts = new Map<string, Map<number, { live: number; archived: number }>>();
  const addCounts = db.prepare<[string, number, number, number]>(
    `INSERT INTO record_counts (type, org_id, live, archived) VALUES (?, ?, ?, ?)
     ON CONFLICT (type, org_id) DO UPDATE SET live = live + excluded.live, archived = archived + excluded.archived`,
  );
  const countInserted = (type: string, orgId: number | null, archived: boolean): void => {
    let byOrg = insertedCounts.get(type);
    if (!byOrg) insertedCounts.set(type, (byOrg = new Map()));
    let c = byOrg.get(orgId ?? 0);
    if (!c) byOrg.set(orgId ?? 0, (c = { live: 0, archived: 0 }));
    c.live++;
    if (archived) c.archived++;
  };
  const touchRecord = db.prepare<[string, number]>('UPDATE records SET last_seen_run = ? WHERE rowid = ?');
  // New rows are plain INSERTs; changed rows are UPDATEs that leave org_id (and so the
  // records_org_type index entry) alone unless it moved. An upsert names every column in its
  // SET list, and SQLite rewrites each index over a SET column even when the value is equal.
  // No RETURNING: it buffers the statement's output in a temp table, a fifth of the insert's
  // cost; lastInsertRowid is the row this statement inserted. DO NOTHING on a known resource
  // (changes = 0) lets a first sync insert without looking the resource up first.
  const insertRecord = db.prepare<[string, string, number | null, string, string, string, string | null, string | null, number, string, string]>(
    `INSERT INTO records (type, itglue_id, org_id, name, body, attrs, url, updated_at, archived, content_hash, last_seen_run)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, itglue_id) DO NOTHING`,
  );
  const typeHasRows = db.prepare<[string], { found: number }>('SELECT EXISTS (SELECT 1 FROM records WHERE type = ?) AS found');
  /**
   * Per type, whether it had no rows when this writer first wrote it: then nearly every record
   * is new (a first sync), and a resource is looked up only when its insert meets itself (listed
   * twice). Otherwise most are known, and the lookup comes first.
   */
  const firstWrite = new Map<string, boolean>();
  const isFirstWrite = (type: string): boolean => {
    let first = firstWrite.get(type);
    if (first === undefined) firstWrite.set(type, (first = typeHasRows.get(type)?.found === 0));
    return first;
  };
  const updateRecord = db.prepare<[string, string, string, string | null, string | null, number, string, string, number]>(
    `UPDATE records SET name = ?, body = ?, attrs = ?, url = ?, updated_at = ?, archived = ?, content_hash = ?, last_seen_run = ?, deleted_at = NULL
     WHERE rowid = ?`,
  );
  const moveRecord = db.prepare<[number | null, number]>('UPDATE records SET org_id = ? WHERE rowid = ?');
  const orgOfConfiguration = db.prepare<[number], { org_id: number | null }>('SELECT org_id FROM configurations WHERE id = ?');
  const orgOfDocument = db.prepare<[number], { org_id: number | null }>('SELECT org_id FROM documents WHERE id = ?');
  const fieldKinds = db.prepare<[number], { name_key: string | null; kind: string | null }>('SELECT name_key, kind FROM flexible_asset_fields WHERE type_id = ?');
  const deleteAttrRelations = db.prepare<[string, string]>("DELETE FROM relations WHERE from_type = ? AND from_id = ? AND source = 'attrs'");
  const deleteDetailRelations = db.prepare<[string, string]>("DELETE FROM relations WHERE from_type = ? AND from_id = ? AND source = 'detail'");
  const insertRelation = db.prepare<[string, string, string, string, string, string | null, string]>(
    'INSERT OR IGNORE INTO relations (from_type, from_id, to_type, to_id, kind, notes, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const clearSkipped = db.prepare<[string, string]>('DELETE FROM skipped WHERE type = ? AND itglue_id = ?');
  const upsertSkipped = db.prepare<[string, string, string, string | null, string]>(
    `INSERT INTO skipped (type, itglue_id, reason, run_id, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (type, itglue_id) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id, at = excluded.at`,
  );
  const upsertSecret = db.prepare<[number, Buffer, Buffer, Buffer, string]>(
    `INSERT INTO secrets (password_id, iv, tag, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (password_id) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
  );
  const refreshHasValue = db.prepare<[number]>('UPDATE passwords SET has_value = EXISTS (SELECT 1 FROM secrets WHERE password_id = passwords.id) WHERE id = ?');
  const upsertCheckpoint = db.prepare<[string, string, string | null, string | null, string | null, string | null]>(
    `INSERT INTO sync_state (resource, scope, cursor, last_updated_at, run_id, completed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (resource, scope) DO UPDATE SET cursor = excluded.cursor, last_updated_at = excluded.last_updated_at,
       run_id = excluded.run_id, completed_at = excluded.completed_at`,
  );
  const selectCheckpoint = db.prepare<[string, string], CheckpointRow>('SELECT * FROM sync_state WHERE resource = ? AND scope = ?');

  const typedStatements = new Map<string, Database.Statement<SqlValue[]>>();
  const safeColumns = (table: TypedTable, columns: readonly string[]): void => {
    // Column names come from our own mappers, never from IT Glue; checked anyway.
    if (!columns.every((c) => /^[a-z_0-9]+$/.test(c))) throw new Error(`bad column in ${table}`);
  };
  // A mapper builds every row of its table with the same keys in the same order, so the last
  // statement per table nearly always fits: checked key by key, which spares building and
  // hashing a cache key for every record.
  const lastUpsert = new Map<TypedTable, { columns: readonly string[]; stmt: Database.Statement<SqlValue[]> }>();
  function typedUpsert(table: TypedTable, row: Record<string, SqlValue>, recordRowid: number): void {
    let last = lastUpsert.get(table);
    if (!last || !hasKeys(row, last.columns)) {
      const columns = Object.keys(row);
      const key = `${table}:${columns.join(',')}`;
      let stmt = typedStatements.get(key);
      if (!stmt) {
        safeColumns(table, columns);
        const all = ['record_rowid', ...columns];
        const updates = all.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
        stmt = db.prepare<SqlValue[]>(
          `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
        );
        typedStatements.set(key, stmt);
      }
      last = { columns, stmt };
      lastUpsert.set(table, last);
    }
    const values: SqlValue[] = [recordRowid];
    for (const c of last.columns) values.push(row[c] ?? null);
    last.stmt.run(...values);
  }
  const typedSelects = new Map<TypedTable, Database.Statement<[number], Record<string, SqlValue>>>();
  const typedUpdates = new Map<string, Database.Statement<SqlValue[]>>();
  /**
   * A typed row of a record that already existed: only the columns whose values differ are
   * written, so the lookup indexes over unchanged columns (hostname, IP, MAC, serial, org …)
   * are not rewritten on every content change.
   */
  function typedRewrite(table: TypedTable, row: { id: number } & Record<string, SqlValue>, recordRowid: number): void {
    let select = typedSelects.get(table);
    if (!select) {
      select = db.prepare<[number], Record<string, SqlValue>>(`SELECT * FROM ${table} WHERE id = ?`);
      typedSelects.set(table, select);
    }
    const current = select.get(row.id);
    if (!current) return typedUpsert(table, row, recordRowid);
    const changed: string[] = [];
    const values: SqlValue[] = [];
    if (current.record_rowid !== recordRowid) {
      changed.push('record_rowid');
      values.push(recordRowid);
    }
    for (const [c, v] of Object.entries(row)) {
      if (c === 'id') continue;
      const value = v ?? null;
      if (current[c] !== value) {
        changed.push(c);
        values.push(value);
      }
    }
    if (changed.length === 0) return;
    const key = `${table}:${changed.join(',')}`;
    let stmt = typedUpdates.get(key);
    if (!stmt) {
      safeColumns(table, changed);
      stmt = db.prepare<SqlValue[]>(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
      typedUpdates.set(key, stmt);
    }
    stmt.run(...values, row.id);
  }

  function writeSecret(passwordId: number, value: string): void {
    const sealed = seal(secretsKey, passwordId, value);
    upsertSecret.run(passwordId, sealed.iv, sealed.tag, sealed.ciphertext, now());
    refreshHasValue.run(passwordId);
  }

  function recordSkippedRow(type: string, itglueId: string, reason: string, runId: string | null): void {
    upsertSkipped.run(type, itglueId.slice(0, 200), reason.slice(0, 500), runId, now());
    skippedOfType.add(type);
  }

  // Types with rows in `skipped`, refreshed per page so the common case skips a DELETE per record.
  const skippedOfType = new Set<string>();
  const skippedTypes = db.prepare<[], { type: string }>('SELECT DISTINCT type FROM skipped');

  /** The new row's rowid, or null when the resource is already stored. */
  function insertNew(r: MappedRecord['record'], orgId: number | null, attrsJson: string, hash: string, runId: string): number | null {
    const res = insertRecord.run(r.type, r.itglueId, orgId, r.name, r.body, attrsJson, r.url, r.updatedAt, r.archived ? 1 : 0, hash, runId);
    return res.changes > 0 ? Number(res.lastInsertRowid) : null;
  }

  function writeMapped(mapped: MappedRecord, runId: string): 'written' | 'unchanged' {
    const r = mapped.record;
    let orgId = r.orgId;
    if (orgId === null && mapped.orgFrom) {
      const parent = (mapped.orgFrom.table === 'configurations' ? orgOfConfiguration : orgOfDocument).get(mapped.orgFrom.id);
      orgId = parent?.org_id ?? null;
      if (mapped.typed.row.org_id === null) mapped.typed.row.org_id = orgId;
    }
    const attrsJson = JSON.stringify(r.attrs);
    const hash = contentHashOf(r.name, r.body, attrsJson);
    let existing: ExistingRow | undefined;
    let inserted = isFirstWrite(r.type) ? insertNew(r, orgId, attrsJson, hash, runId) : null;
    if (inserted === null) {
      existing = selectRecord.get(r.type, r.itglueId);
      if (!existing) inserted = insertNew(r, orgId, attrsJson, hash, runId);
    }
    let outcome: 'written' | 'unchanged';
    // Same content and still live: only the sighting is recorded, so FTS, typed rows and
    // embeddings (keyed on content_hash) are left alone.
    if (existing && existing.content_hash === hash && existing.deleted_at === null) {
      touchRecord.run(runId, existing.rowid);
      outcome = 'unchanged';
    } else {
      // The index holds the old text of a live row unless this batch already queued it (a
      // resource twice in one batch): that text never reached the index.
      const reindex = !existing || existing.deleted_at !== null || existing.name !== r.name || existing.body !== r.body;
      if (existing && reindex && existing.deleted_at === null && !ftsPending.has(existing.rowid)) ftsStale.push([existing.rowid, existing.name, existing.body]);
      let rowid: number;
      if (existing) {
        rowid = existing.rowid;
        updateRecord.run(r.name, r.body, attrsJson, r.url, r.updatedAt, r.archived ? 1 : 0, hash, runId, rowid);
        if (existing.org_id !== orgId) moveRecord.run(orgId, rowid);
        typedRewrite(mapped.typed.table, mapped.typed.row, rowid);
      } else {
        if (inserted === null) throw new Error('a record was neither found nor inserted');
        rowid = inserted;
        countInserted(r.type, orgId, r.archived);
        typedUpsert(mapped.typed.table, mapped.typed.row, rowid);
      }
      if (reindex) ftsPending.add(rowid);
      if (mapped.relations.length > 0 || ATTR_RELATION_TYPES.has(r.type)) deleteAttrRelations.run(r.type, r.itglueId);
      for (const rel of mapped.relations) insertRelation.run(r.type, r.itglueId, rel.toType, rel.toId, rel.kind, rel.notes ?? null, 'attrs');
      if (mapped.typed.table === 'passwords') refreshHasValue.run(mapped.typed.row.id);
      outcome = 'written';
    }
    if (mapped.secret) writeSecret(mapped.typed.row.id, mapped.secret);
    if (skippedOfType.has(r.type)) clearSkipped.run(r.type, r.itglueId);
    return outcome;
  }

  function applyOnePage(input: ApplyPageInput): ApplyPageResult {
    const result: ApplyPageResult = { written: 0, unchanged: 0, skipped: 0 };
    skippedOfType.clear();
    for (const row of skippedTypes.all()) skippedOfType.add(row.type);
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
          fieldKindsMap = new Map(fieldKinds.all(typeId).flatMap((f) => (f.name_key && f.kind ? [[f.name_key, f.kind] as const] : [])));
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
      result[writeMapped(mapped, input.runId)]++;
    }
    if (input.checkpoint) {
      const c = input.checkpoint;
      upsertCheckpoint.run(c.resource, c.scope, c.cursor, c.lastUpdatedAt, input.runId, null);
    }
    return result;
  }
  let batchDepth = 0;
  const batch = atomically(<R>(fn: () => R): R => {
    if (batchDepth === 0) {
      ftsPending.clear();
      ftsStale.length = 0;
      insertedCounts.clear();
      deferFts.run();
    }
    batchDepth++;
    try {
      const result = fn();
      if (batchDepth === 1) finishBatch();
      return result;
    } finally {
      batchDepth--;
    }
  });
  /** The batch's index upkeep; the FTS changes last, so only the commit flushes them. */
  function finishBatch(): void {
    for (const [type, byOrg] of insertedCounts) for (const [orgId, c] of byOrg) addCounts.run(type, orgId, c.live, c.archived);
    insertedCounts.clear();
    resumeFts.run();
    for (const [rowid, name, body] of ftsStale) ftsDelete.run(rowid, name, body);
    ftsStale.length = 0;
    if (ftsPending.size > 0) ftsFill.run(JSON.stringify([...ftsPending]));
    ftsPending.clear();
  }
  const applyPages = (inputs: readonly ApplyPageInput[]): ApplyPageResult[] => batch(() => inputs.map(applyOnePage));

  const putRelationsTx = atomically((fromType: RecordType, fromId: string, related: readonly RelationInput[]) => {
    deleteDetailRelations.run(fromType, fromId);
    for (const rel of related) insertRelation.run(fromType, fromId, rel.toType, rel.toId, rel.kind, rel.notes ?? null, 'detail');
  });

  const markDeletedTx = atomically((type: RecordType, scope: string, seenIds: Iterable<string>, runId: string, options: SweepOptions): number => {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS sweep_seen (id TEXT PRIMARY KEY) STRICT');
    db.exec('DELETE FROM temp.sweep_seen');
    const addSeen = db.prepare<[string]>('INSERT OR IGNORE INTO temp.sweep_seen (id) VALUES (?)');
    for (const id of seenIds) addSeen.run(id);
    let scopeSql = scope === '*' ? '' : 'AND org_id = ?';
    const params: (string | number)[] = [now(), runId, type];
    if (scope !== '*') {
      if (!/^\d+$/.test(scope)) throw new StoreError('INVALID_INPUT', `Sweep scope must be an organization id or '*', got "${scope.slice(0, 40)}".`);
      params.push(Number(scope));
    }
    if (options.seenInRun !== undefined) {
      scopeSql += ' AND last_seen_run IS NOT ?';
      params.push(options.seenInRun);
    }
    const gone = db
      .prepare<(string | number)[], { rowid: number; itglue_id: string }>(
        `UPDATE records SET deleted_at = ?, last_seen_run = ? WHERE type = ? AND deleted_at IS NULL ${scopeSql}
         AND itglue_id NOT IN (SELECT id FROM temp.sweep_seen) RETURNING rowid, itglue_id`,
      )
      .all(...params);
    const table = TYPED_TABLE_OF[type];
    const dropTyped = db.prepare<[number, number]>(`DELETE FROM ${table} WHERE id = ? AND record_rowid = ?`);
    const dropSecret = db.prepare<[number]>('DELETE FROM secrets WHERE password_id = ?');
    const dropRelations = db.prepare<[string, string]>('DELETE FROM relations WHERE from_type = ? AND from_id = ?');
    for (const g of gone) {
      if (/^\d+$/.test(g.itglue_id)) dropTyped.run(Number(g.itglue_id), g.rowid);
      dropRelations.run(type, g.itglue_id);
      if (type === 'passwords' && /^\d+$/.test(g.itglue_id)) dropSecret.run(Number(g.itglue_id));
    }
    db.exec('DELETE FROM temp.sweep_seen');
    return gone.length;
  });

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
      guarded(() => db.prepare("INSERT INTO sync_runs (id, kind, started_at, status) VALUES (?, ?, ?, 'running')").run(runId, kind, now()));
      return runId;
    },
    finishRun: (runId, outcome) => {
      guarded(() =>
        db
          .prepare('UPDATE sync_runs SET finished_at = ?, status = ?, requests = ?, warnings = ? WHERE id = ?')
          .run(now(), outcome.status, outcome.requests, JSON.stringify(outcome.warnings), runId),
      );
    },
    setCheckpoint: (c) => {
      guarded(() => upsertCheckpoint.run(c.resource, c.scope, c.cursor, c.lastUpdatedAt, c.runId, c.completedAt ?? null));
    },
    getCheckpoint: (resource, scope) => {
      const row = selectCheckpoint.get(resource, scope);
      return row
        ? { resource: row.resource, scope: row.scope, cursor: row.cursor, lastUpdatedAt: row.last_updated_at, runId: row.run_id, completedAt: row.completed_at }
        : null;
    },
    setMeta: (key, value) => {
      guarded(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
    },
  };
}

/** Whether `row` has exactly these own keys, in this order. */
function hasKeys(row: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== keys[i++]) return false;
  return i === keys.length;
}
