import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { walFrames, type Store } from './open';
import { dbKeyOf } from './store-keys';

/**
 * Copies the WAL back into the database file on a worker thread while a sync writes.
 *
 * The store is encrypted below SQLite's pager, so a checkpoint decrypts every WAL frame and
 * encrypts it again into the main file: with SQLite's automatic checkpoint that was about a
 * third of first-sync ingest, on the thread that also parses IT Glue's answers. While this runs,
 * the writer's automatic checkpoint is off and a second connection on a worker runs PASSIVE
 * checkpoints (which never block the writer or readers). SQLite restarts the WAL file once a
 * checkpoint has copied everything, so `ready()` lets the writer wait for that when the WAL has
 * outgrown its bound; without it a writer that never pauses would grow the WAL without limit.
 *
 * If the worker cannot start or fails, the writer's automatic checkpoint comes back and the sync
 * goes on as before: this is an optimisation, never a dependency.
 */
export interface Checkpointer {
  /** After a commit: starts a pass unless one is running. */
  nudge(): void;
  /** Resolves at once, or, when the WAL is over its bound, once a pass has copied all of it. */
  ready(): Promise<void>;
  /** Runs a last pass, closes the worker's connection and restores the automatic checkpoint; once. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** WAL size (bytes) at which the writer waits for the checkpoint to catch up. */
  maxWalBytes?: number;
  /** Tests: the SQLite module the worker loads. */
  modulePath?: string;
}

interface PassResult {
  ok: boolean;
  log: number;
  checkpointed: number;
}

// Each catch-up makes the writer wait for a full pass (and its fsyncs); at 256 MiB a 100k
// first sync needs none (docs/store-write-path.md).
// The WAL file shrinks back once SQLite restarts it (journal_size_limit, see open.ts).
const DEFAULT_MAX_WAL_BYTES = 256 * 1024 * 1024;

// The worker is eval'd source rather than a file so every build (CLI bundle, Electron main,
// tests) runs it without an extra entry point; it loads the native module by absolute path.
// It opens the file with the same cipher settings as openStore (open.ts): keep the two in step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
  db.pragma("cipher='sqlcipher'");
  db.pragma('key="x\\'' + Buffer.from(workerData.key).toString('hex') + '\\'"');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('cache_size = -2048');
} catch {
  parentPort.postMessage({ ok: false, log: 0, checkpointed: 0 });
  db = null;
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    if (db) db.close();
    parentPort.close();
    return;
  }
  if (!db) return parentPort.postMessage({ ok: false, log: 0, checkpointed: 0 });
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch {
    parentPort.postMessage({ ok: false, log: 0, checkpointed: 0 });
  }
});
`;

const AUTOCHECKPOINT = 'wal_autocheckpoint';

/** SQLite's own automatic checkpoint, untouched. */
export const NO_CHECKPOINTER: Checkpointer = { nudge: () => undefined, ready: async () => undefined, stop: async () => undefined };

/**
 * What a long writer does around its commits for the checkpointer: waits on `ready` before one,
 * `nudge`s after it (the sync's write queue, the embedding pass and the lists filing).
 */
export type CommitHooks = Pick<Checkpointer, 'ready' | 'nudge'>;

/**
 * Runs `work` with WAL checkpoints on a worker thread, started at its first commit (most
 * embedding passes after an incremental sync have nothing to write, and need no thread) and
 * stopped when it ends, however it ends.
 */
export async function withCheckpointer<T>(store: Store, work: (hooks: CommitHooks) => Promise<T>): Promise<T> {
  let checkpointer: Checkpointer | null = null;
  const started = (): Checkpointer => (checkpointer ??= startCheckpointer(store));
  try {
    return await work({ ready: () => started().ready(), nudge: () => started().nudge() });
  } finally {
    await (checkpointer as Checkpointer | null)?.stop();
  }
}

export function startCheckpointer(store: Store, options: CheckpointerOptions = {}): Checkpointer {
  try {
    return start(store, options);
  } catch {
    // No worker here (or no resolvable module): SQLite's own checkpoint stays on.
    return NO_CHECKPOINTER;
  }
}

type Db = Store['db'];

/** Checkpointers running per connection (a sync's and an embedding pass's may overlap in the app). */
const holds = new WeakMap<Db, { count: number; before: number }>();

/**
 * Turns the connection's automatic checkpoint off until the returned release is called (once is
 * enough; later calls do nothing). It comes back, at the value it had, when the last of the
 * overlapping holders releases: restoring per holder let the first one stopped leave it off.
 */
function holdAutocheckpoint(db: Db): () => void {
  let hold = holds.get(db);
  if (!hold) {
    const before = db.pragma(AUTOCHECKPOINT, { simple: true });
    hold = { count: 0, before: typeof before === 'number' ? Math.trunc(before) : 1000 };
    holds.set(db, hold);
  }
  const h = hold;
  h.count++;
  db.pragma(`${AUTOCHECKPOINT} = 0`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--h.count > 0) return;
    holds.delete(db);
    if (db.open) db.pragma(`${AUTOCHECKPOINT} = ${h.before}`);
  };
}

function start(store: Store, options: CheckpointerOptions): Checkpointer {
  const db = store.db;
  const maxFrames = walFrames(db, options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES);
  const restore = holdAutocheckpoint(db);
  let failed = false;
  let last: PassResult = { ok: true, log: 0, checkpointed: 0 };
  let running: Promise<PassResult> | null = null;
  let commits = 0; // nudges so far
  let commitsAtPassStart = 0;
  let settle: ((r: PassResult) => void) | null = null;
  let stopping: Promise<void> | null = null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: store.file, key: dbKeyOf(store), modulePath: options.modulePath ?? createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers') },
    });
  } catch (e) {
    restore();
    throw e;
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (): void => {
    if (!failed) restore();
    failed = true;
    settle?.({ ok: false, log: 0, checkpointed: 0 });
  };
  worker.on('message', (r: PassResult) => {
    if (!r.ok) return fail();
    last = r;
    const s = settle;
    settle = null;
    running = null;
    s?.(r);
  });
  worker.on('error', fail);
  worker.once('exit', fail);

  const pass = (): Promise<PassResult> => {
    if (failed) return Promise.resolve({ ok: false, log: 0, checkpointed: 0 });
    running ??= new Promise<PassResult>((resolve) => {
      settle = resolve;
      commitsAtPassStart = commits;
      worker.postMessage('checkpoint');
    });
    return running;
  };

  const finish = async (): Promise<void> => {
    if (!failed) {
      await pass();
      worker.off('exit', fail);
      worker.postMessage('stop');
      await exited;
      restore();
      failed = true;
    }
    await worker.terminate();
  };

  return {
    nudge: () => {
      commits++;
      void pass();
    },
    async ready() {
      // One turn of the event loop, so the last pass's answer is in even for a writer that
      // never waits on anything else.
      await new Promise((resolve) => setImmediate(resolve));
      // The worker may copy one commit behind the writer, not more.
      if (running && commits - commitsAtPassStart >= 2) await running;
      if (failed || last.log < maxFrames) return;
      // A pass that started before the writer's last commit misses its frames: the writer is
      // waiting now, so the next one copies everything and the writer's next commit restarts the WAL.
      for (let i = 0; i < 3; i++) {
        const r = await pass();
        if (!r.ok || r.checkpointed >= r.log) return;
      }
    },
    stop: () => (stopping ??= finish()),
  };
}
