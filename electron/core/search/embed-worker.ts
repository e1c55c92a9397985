// Runs Transformers.js in a worker thread so tokenizing and ONNX inference never block the
// caller's event loop (the app's main process, the MCP server answering other tools).
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@xenova/transformers';
import { embedRequest, workerInit, type EmbedReply } from './embed-protocol';

const init = workerInit.parse(workerData);
// Offline by construction: only files under modelsDir are ever read, nothing is fetched.
env.localModelPath = init.modelsDir.endsWith('/') ? init.modelsDir : `${init.modelsDir}/`;
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.useBrowserCache = false;

type Extractor = Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
let extractor: Promise<Extractor> | null = null;
// One inference at a time: requests queue here instead of competing for the same session.
let queue: Promise<void> = Promise.resolve();

async function embed(texts: string[]): Promise<Float32Array<ArrayBuffer>> {
  extractor ??= pipeline('feature-extraction', init.modelId, { quantized: true });
  const run = await extractor;
  const out = await run(texts, { pooling: 'mean', normalize: true });
  const data = out.data;
  if (!(data instanceof Float32Array) || data.length !== texts.length * init.dim) {
    throw new Error(`model ${init.modelId} returned ${data.length} values for ${texts.length} texts; expected ${init.dim} each`);
  }
  // A copy owned by us, so it can be transferred without detaching the tensor's buffer.
  return new Float32Array(data);
}

const port = parentPort;
if (!port) throw new Error('embed-worker must run as a worker thread');
port.on('message', (raw: unknown) => {
  const req = embedRequest.parse(raw);
  queue = queue.then(async () => {
    let reply: EmbedReply;
    try {
      reply = { id: req.id, ok: true, vectors: req.texts.length ? await embed(req.texts) : new Float32Array(0), dim: init.dim };
    } catch (e) {
      reply = { id: req.id, ok: false, message: (e as Error).message };
    }
    port.postMessage(reply, reply.ok ? [reply.vectors.buffer] : []);
  });
});
