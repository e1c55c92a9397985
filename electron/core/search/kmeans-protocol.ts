import { z } from 'zod';

// Messages between kmeans-client.ts (the thread that owns the store) and kmeans-worker.ts.
// Both ends parse what they receive: the other side is a different thread and a different build
// artifact. Float arrays travel as typed arrays whose buffers are transferred, not copied.

// z.custom, not z.instanceof: the arrays' types stay those of kmeans.ts (any buffer kind).
const floats = z.custom<Float32Array>((v) => v instanceof Float32Array, 'a Float32Array');
const ints = z.custom<Int32Array>((v) => v instanceof Int32Array, 'an Int32Array');
const bytes = z.custom<Int8Array>((v) => v instanceof Int8Array, 'an Int8Array');
const count = z.number().int().nonnegative();

export const kmeansRequest = z.discriminatedUnion('kind', [
  /** Train lists on `n` unit rows of `sample` (n × dim), drawing from a generator in state `rnd`. */
  z.object({
    kind: z.literal('train'),
    id: z.number().int(),
    sample: floats,
    n: count,
    dim: z.number().int().positive(),
    listCount: z.number().int().positive(),
    iterations: z.number().int().positive(),
    rnd: z.number().int(),
  }),
  /** The lists later `file` requests file into (a copy: the caller keeps its own). */
  z.object({ kind: z.literal('use'), id: z.number().int(), dim: z.number().int().positive(), groups: floats, lists: floats, groupOf: ints }),
  /** File `count` vectors (rows of `vectors`, count × dim) into the lists of the last `use`. */
  z.object({ kind: z.literal('file'), id: z.number().int(), vectors: floats, count }),
]);
export type KmeansRequest = z.infer<typeof kmeansRequest>;

export const kmeansReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trained'), id: z.number().int(), groups: floats, lists: floats, groupOf: ints }),
  z.object({ kind: z.literal('used'), id: z.number().int() }),
  z.object({ kind: z.literal('filed'), id: z.number().int(), lists: ints, codes: bytes }),
  z.object({ kind: z.literal('failed'), id: z.number().int(), message: z.string() }),
]);
export type KmeansReply = z.infer<typeof kmeansReply>;
