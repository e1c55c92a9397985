import { Worker } from 'node:worker_threads';
import { embedReply, type EmbedReply, type WorkerInit } from './embed-protocol';
import { embedWorkerUrl } from './embed-worker-url';
import { locateModel, type ModelState } from './model-locator';

export interface EmbedderInfo {
  id: string;
  dim: number;
  state: ModelState;
}

export interface Embedder {
  info: EmbedderInfo;
  /** One normalised Float32Array(dim) per text, in order. Rejects when aborted or no model. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
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
 * Embeddings from the local model, computed in a worker thread. Nothing loads until the first
 * embed() call. With no model on disk, info.state is 'missing' and callers search by keywords.
 */
export function createEmbedder(opts: EmbedderOptions): Embedder {
  const located = locateModel(opts.modelsDir);
  const info: EmbedderInfo = { id: located.id, dim: located.dim, state: located.state };
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  let worker: Promise<Worker> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };

  const start = async (): Promise<Worker> => {
    const init: WorkerInit = { modelsDir: opts.modelsDir, modelId: info.id, dim: info.dim };
    const w = new Worker(await embedWorkerUrl(), { workerData: init });
    w.unref();
    w.on('message', (raw: unknown) => {
      const parsed = embedReply.safeParse(raw);
      if (!parsed.success) return failAll(new EmbedError('INTERNAL', 'The embedding worker sent a malformed reply.'));
      settle(parsed.data);
    });
    w.on('error', (e) => failAll(new EmbedError('INTERNAL', `The embedding worker failed: ${e.message}`)));
    w.on('exit', () => failAll(new EmbedError('INTERNAL', 'The embedding worker stopped.')));
    return w;
  };

  const settle = (reply: EmbedReply) => {
    const p = pending.get(reply.id);
    if (!p) return; // the caller gave up (abort); the work is simply dropped
    pending.delete(reply.id);
    if (pending.size === 0) void worker?.then((w) => w.unref());
    if (!reply.ok) return p.reject(new EmbedError('INTERNAL', `Embedding failed: ${reply.message}`));
    const out: Float32Array[] = [];
    for (let i = 0; i < reply.vectors.length; i += reply.dim) out.push(reply.vectors.subarray(i, i + reply.dim));
    p.resolve(out);
  };

  const runBatch = async (texts: string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    worker ??= start();
    const w = await worker;
    const id = nextId++;
    return new Promise<Float32Array[]>((resolve, reject) => {
      const onAbort = () => {
        pending.delete(id);
        reject(new EmbedError('CANCELLED', 'Embedding cancelled.'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      // Keep the process alive only while there is work in flight.
      w.ref();
      w.postMessage({ id, texts });
    });
  };

  return {
    info,
    async embed(texts, signal) {
      if (info.state === 'missing') throw new EmbedError('NOT_FOUND', 'No embedding model installed. Run `glue model download`; keyword search works meanwhile.');
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        if (signal?.aborted) throw new EmbedError('CANCELLED', 'Embedding cancelled.');
        out.push(...(await runBatch(texts.slice(i, i + batchSize), signal)));
      }
      return out;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await (await w).terminate();
      pending.clear();
    },
  };
}
