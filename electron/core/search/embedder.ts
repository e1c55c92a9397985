import { Worker } from 'node:worker_threads';
import { embedReply, type EmbedReply, type EmbedRequest } from './embed-protocol';
import { embedWorkerUrl } from './embed-worker-url';
import { locateModel, type ModelState } from './model-locator';

export interface EmbedderInfo {
  id: string;
  dim: number;
  state: ModelState;
}

export interface Embedder {
  info: EmbedderInfo;
  /** One normalised Float32Array(dim) per text, in order. Rejects when aborted, closed or no model. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Stops this embedder; the shared worker stays (idle, not holding the process open). */
  close(): Promise<void>;
}

export interface EmbedderOptions {
  modelsDir: string;
  /** Texts per inference call; padding is masked, so the size changes speed, not vectors. */
  batchSize?: number;
}

/** Thrown by embed(); `code` follows shared/result.ts so callers can turn it into a Result. */
export class EmbedError extends Error {
  override name = 'EmbedError';
  constructor(
    readonly code: 'NOT_FOUND' | 'CANCELLED' | 'INTERNAL',
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

/**
 * The one embedding worker of this process, started on first use and never terminated:
 * onnxruntime-node's addon cannot be loaded again by a later worker in the same process, so
 * embedders share this one (each request names its model) and it is unref'd while idle.
 */
let shared: { worker: Promise<Worker>; pending: Map<number, Pending> } | null = null;
let nextId = 1;

function sharedWorker(): { worker: Promise<Worker>; pending: Map<number, Pending> } {
  if (shared) return shared;
  const pending = new Map<number, Pending>();
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const settle = (reply: EmbedReply, w: Worker) => {
    const p = pending.get(reply.id);
    if (!p) return; // the caller gave up (abort); the work is dropped
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (!reply.ok) return p.reject(new EmbedError('INTERNAL', `Embedding failed: ${reply.message}`));
    const out: Float32Array[] = [];
    for (let i = 0; i < reply.vectors.length; i += reply.dim) out.push(reply.vectors.subarray(i, i + reply.dim));
    p.resolve(out);
  };
  const worker = embedWorkerUrl().then((url) => {
    const w = new Worker(url);
    w.unref();
    w.on('message', (raw: unknown) => {
      const parsed = embedReply.safeParse(raw);
      if (parsed.success) settle(parsed.data, w);
      else fail(new EmbedError('INTERNAL', 'The embedding worker sent a malformed reply.'));
    });
    // A crashed worker cannot be replaced in this process (see above): say what to do.
    w.on('error', (e) => fail(new EmbedError('INTERNAL', `The embedding worker failed (${e.message}). Restart Glue Desk; keyword search still works.`)));
    w.on('exit', () => fail(new EmbedError('INTERNAL', 'The embedding worker stopped. Restart Glue Desk; keyword search still works.')));
    return w;
  });
  shared = { worker, pending };
  return shared;
}

/**
 * Embeddings from the local model, computed in a worker thread. Nothing loads until the first
 * embed() call. With no model on disk, info.state is 'missing' and callers search by keywords.
 */
export function createEmbedder(opts: EmbedderOptions): Embedder {
  const located = locateModel(opts.modelsDir);
  const info: EmbedderInfo = { id: located.id, dim: located.dim, state: located.state };
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const mine = new Set<number>();
  let closed = false;

  const runBatch = async (texts: string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    const { worker, pending } = sharedWorker();
    const w = await worker;
    const id = nextId++;
    return new Promise<Float32Array[]>((resolve, reject) => {
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        mine.delete(id);
      };
      const onAbort = () => {
        pending.delete(id);
        done();
        reject(new EmbedError('CANCELLED', 'Embedding cancelled.'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      mine.add(id);
      // Keep the process alive only while there is work in flight.
      w.ref();
      const req: EmbedRequest = { id, modelsDir: opts.modelsDir, modelId: info.id, dim: info.dim, texts };
      w.postMessage(req);
    });
  };

  return {
    info,
    async embed(texts, signal) {
      if (info.state === 'missing') throw new EmbedError('NOT_FOUND', 'No embedding model installed. Run `glue model download`; keyword search works meanwhile.');
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        if (closed) throw new EmbedError('CANCELLED', 'The embedder was closed.');
        if (signal?.aborted) throw new EmbedError('CANCELLED', 'Embedding cancelled.');
        out.push(...(await runBatch(texts.slice(i, i + batchSize), signal)));
      }
      return out;
    },
    async close() {
      closed = true;
      const pending = shared?.pending;
      for (const id of [...mine]) {
        const p = pending?.get(id);
        pending?.delete(id);
        p?.reject(new EmbedError('CANCELLED', 'The embedder was closed.'));
      }
      if (pending?.size === 0) (await shared?.worker)?.unref();
    },
  };
}
