import { z } from 'zod';

// Messages between embedder.ts and embed-worker.ts. Both ends parse what they receive: the
// other side is a different thread and a different build artifact, so its shape is checked.

export const embedRequest = z.object({
  id: z.number().int(),
  /** Each request names its model: one worker serves every embedder of the process. */
  modelsDir: z.string(),
  modelId: z.string(),
  dim: z.number().int().positive(),
  texts: z.array(z.string()),
});
export type EmbedRequest = z.infer<typeof embedRequest>;

export const embedReply = z.discriminatedUnion('ok', [
  /** `vectors` is one flat row-major buffer (texts × dim), transferred, not copied. */
  z.object({ id: z.number().int(), ok: z.literal(true), vectors: z.instanceof(Float32Array), dim: z.number().int() }),
  z.object({ id: z.number().int(), ok: z.literal(false), message: z.string() }),
]);
export type EmbedReply = z.infer<typeof embedReply>;
