// Runs Transformers.js in a worker thread so tokenizing and ONNX inference never block the
// caller's event loop (the app's main process, the MCP server answering other tools).
// One worker per process serves every model: onnxruntime-node 1.14's addon is not
// context-aware, so a second worker in the same process could not load it
// ("Module did not self-register").
import { parentPort } from 'node:worker_threads';
import { env, pipeline } from '@xenova/transformers';
import { embedRequest, type EmbedReply, type EmbedRequest } from './embed-protocol';

// Offline by construction: only files under modelsDir are ever read, nothing is fetched.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.useBrowserCache = false;

type Extractor = Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
const extractors = new Map<string, Promise<Extractor>>();
// One request at a time: they queue here instead of competing for a session, and
// env.localModelPath (global) is set right before the load that reads it.
let queue: Promise<void> = Promise.resolve();

function extractorFor(req: EmbedRequest): Promise<Extractor> {
  const key = `${req.modelsDir}\u0000${req.modelId}`;
  let e = extractors.get(key);
  if (!e) {
    env.localModelPath = req.modelsDir.endsWith('/') ? req.modelsDir : `${req.modelsDir}/`;
    e = pipeline('feature-extraction', req.modelId, { quantized: true });
    // A failed load (missing file) is retried next time rather than cached.
    e.catch(() => extractors.delete(key));
    extractors.set(key, e);
  }
  return e;
}

async function embed(req: EmbedRequest): Promise<Float32Array<ArrayBuffer>> {
  if (req.texts.length === 0) return new Float32Array(0);
  const run = await extractorFor(req);
  const out = await run(req.texts, { pooling: 'mean', normalize: true });
  const data = out.data;
  if (!(data instanceof Float32Array) || data.length !== req.texts.length * req.dim) {
    throw new Error(`model ${req.modelId} returned ${data.length} values for ${req.texts.length} texts; expected ${req.dim} each`);
  }
  // A copy owned by us, so it can be transferred without detaching the tensor's buffer.
  return new Float32Array(data);
}

const port = parentPort;
if (!port) throw new Error('embed-worker must run as a worker thread');
port.on('message', (raw: unknown) => {
  const parsed = embedRequest.safeParse(raw);
  if (!parsed.success) return;
  const req = parsed.data;
  queue = queue.then(async () => {
    let reply: EmbedReply;
    try {
      reply = { id: req.id, ok: true, vectors: await embed(req), dim: req.dim };
    } catch (e) {
      reply = { id: req.id, ok: false, message: (e as Error).message };
    }
    port.postMessage(reply, reply.ok ? [reply.vectors.buffer] : []);
  });
});
