// The CPU side of the inverted lists (k-means training, and the list and int8 code of each
// vector filed) on a worker thread, so the thread that owns the store (the app's main process,
// the MCP server, the CLI) keeps answering while it runs. The store stays on the caller's
// connection: SQLCipher handles are not shared across threads, so only floats come here.
import { parentPort } from 'node:worker_threads';
import { kmeansRequest, type KmeansReply, type KmeansRequest } from './kmeans-protocol';
import { fileVectors, seeded, trainedLists, trainLists, type TrainedLists } from './kmeans';

const port = parentPort;
if (!port) throw new Error('kmeans-worker runs as a worker thread');

let using: TrainedLists | null = null;
// The whole thread is this job: nothing to yield to between steps.
const noPause = () => Promise.resolve();

async function answer(req: KmeansRequest): Promise<{ reply: KmeansReply; transfer: ArrayBuffer[] }> {
  switch (req.kind) {
    case 'train': {
      const t = await trainLists(req.sample, req.n, req.dim, req.listCount, { iterations: req.iterations, rnd: seeded(req.rnd), pause: noPause });
      return { reply: { kind: 'trained', id: req.id, groups: t.groups, lists: t.lists, groupOf: t.groupOf }, transfer: [t.groups.buffer, t.lists.buffer, t.groupOf.buffer] as ArrayBuffer[] };
    }
    case 'use':
      using = trainedLists(req.dim, req.groups, req.lists, req.groupOf);
      return { reply: { kind: 'used', id: req.id }, transfer: [] };
    case 'file': {
      if (!using) throw new Error('no lists to file into');
      const f = fileVectors(using, req.vectors, req.count);
      return { reply: { kind: 'filed', id: req.id, lists: f.lists, codes: f.codes }, transfer: [f.lists.buffer, f.codes.buffer] as ArrayBuffer[] };
    }
  }
}

port.on('message', (raw: unknown) => {
  const parsed = kmeansRequest.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : -1;
    port.postMessage({ kind: 'failed', id, message: 'malformed request' } satisfies KmeansReply);
    return;
  }
  answer(parsed.data).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (e: unknown) => port.postMessage({ kind: 'failed', id: parsed.data.id, message: e instanceof Error ? e.message : String(e) } satisfies KmeansReply),
  );
});
