import { Worker } from 'node:worker_threads';
import { kmeansReply, type KmeansReply, type KmeansRequest } from './kmeans-protocol';
import { trainedLists, type FiledVectors, type Rnd, type TrainedLists } from './kmeans';
import { workerUrl } from './worker-url';

/**
 * The inverted lists' CPU work on a worker thread (kmeans-worker.ts): the caller reads vectors
 * from its store, hands the floats over (their buffers are transferred, so the caller's arrays
 * are emptied) and writes the answers, its event loop free while the worker computes. One
 * worker per maintenance pass; close() (or the signal) ends it.
 */
export interface KmeansWorker {
  /**
   * trainLists on the worker, drawing from where `rnd` is: the same lists as in this thread. `rnd`
   * itself does not move (the worker draws from a copy of its state).
   */
  train(sample: Float32Array, n: number, dim: number, listCount: number, opts: { iterations: number; rnd: Rnd }): Promise<TrainedLists>;
  /** The lists the next file() calls file into (copied to the worker). */
  use(lists: TrainedLists): Promise<void>;
  /** fileVectors on the worker: the list and int8 code of each of `count` rows of `vectors`. */
  file(vectors: Float32Array, count: number): Promise<FiledVectors>;
  /** Stops the worker; pending calls reject. */
  close(): Promise<void>;
  /** Settles once the thread has ended (or never started). */
  exited: Promise<void>;
}

/** The worker was stopped by the caller's signal (or close()) before it answered. */
export class KmeansCancelled extends Error {
  override name = 'KmeansCancelled';
}

/** The worker could not start, crashed or answered with an error. */
export class KmeansWorkerError extends Error {
  override name = 'KmeansWorkerError';
}

export interface KmeansWorkerOptions {
  signal?: AbortSignal;
  /** Tests: the worker script to run instead of kmeans-worker. */
  url?: URL;
}

interface Pending {
  resolve: (r: KmeansReply) => void;
  reject: (e: Error) => void;
}

export function kmeansWorkerUrl(from: string = import.meta.url): Promise<URL> {
  return workerUrl('kmeans-worker', ['kmeans-protocol.ts', 'kmeans.ts', '../store/vector-code.ts'], from);
}

export function startKmeansWorker(opts: KmeansWorkerOptions = {}): KmeansWorker {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | null = null;
  let worker: Worker | null = null;

  const stop = (why: Error): void => {
    if (stopped) return;
    stopped = why;
    opts.signal?.removeEventListener('abort', onAbort);
    for (const p of pending.values()) p.reject(why);
    pending.clear();
    // terminate() stops the worker between two instructions of a training: cancel is prompt.
    void worker?.terminate();
  };
  const onAbort = () => stop(new KmeansCancelled('The inverted lists pass was cancelled.'));
  const failed = (what: string) => new KmeansWorkerError(`The worker that builds the inverted lists for search by meaning ${what}; the current lists keep answering.`);

  let ended: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (ended = resolve));
  const started: Promise<Worker> = (async () => {
    const url = opts.url ?? (await kmeansWorkerUrl());
    if (stopped) throw stopped;
    const w = new Worker(url);
    worker = w;
    w.on('message', (raw: unknown) => {
      const parsed = kmeansReply.safeParse(raw);
      if (!parsed.success) return stop(failed('sent a malformed reply'));
      const p = pending.get(parsed.data.id);
      pending.delete(parsed.data.id);
      if (parsed.data.kind === 'failed') return p ? p.reject(failed(`failed (${parsed.data.message})`)) : stop(failed(`failed (${parsed.data.message})`));
      p?.resolve(parsed.data);
    });
    w.on('error', (e) => stop(failed(`failed (${e.message})`)));
    w.on('exit', (code) => {
      stop(failed(`stopped (exit code ${code})`));
      ended();
    });
    return w;
  })();
  // A worker that cannot even be built or found fails every call instead of leaving one hanging.
  started.catch((e: unknown) => {
    stop(failed(`could not start (${e instanceof Error ? e.message : String(e)})`));
    ended();
  });
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  const call = async (req: KmeansRequest, transfer: ArrayBuffer[]): Promise<KmeansReply> => {
    const w = await started.catch(() => null);
    if (stopped) throw stopped;
    if (!w) throw failed('could not start');
    return new Promise<KmeansReply>((resolve, reject) => {
      pending.set(req.id, { resolve, reject });
      w.postMessage(req, transfer);
    });
  };
  const want = <K extends KmeansReply['kind']>(r: KmeansReply, kind: K): Extract<KmeansReply, { kind: K }> => {
    if (r.kind !== kind) throw failed(`answered ${r.kind} to a ${kind} request`);
    return r as Extract<KmeansReply, { kind: K }>;
  };

  return {
    async train(sample, n, dim, listCount, o) {
      const r = want(await call({ kind: 'train', id: nextId++, sample, n, dim, listCount, iterations: o.iterations, rnd: o.rnd.state() }, [sample.buffer as ArrayBuffer]), 'trained');
      return trainedLists(dim, r.groups, r.lists, r.groupOf);
    },
    async use(t) {
      want(await call({ kind: 'use', id: nextId++, dim: t.dim, groups: t.groups, lists: t.lists, groupOf: t.groupOf }, []), 'used');
    },
    async file(vectors, count) {
      const r = want(await call({ kind: 'file', id: nextId++, vectors, count }, [vectors.buffer as ArrayBuffer]), 'filed');
      return { lists: r.lists, codes: r.codes };
    },
    async close() {
      stop(new KmeansCancelled('The inverted lists worker was closed.'));
      const w = await started.catch(() => null);
      await w?.terminate();
    },
    exited,
  };
}
