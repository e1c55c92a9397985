/**
 * The int8 code of a vector: each component scaled by the largest one to ±127. The scale is
 * dropped: cosine (the only thing codes are compared by) does not see it. Codes rank a query's
 * candidates before the best few are re-scored from the float copy in chunk_floats: the
 * inverted lists of unscoped search (search/vector-lists.ts) and each organization's codes
 * (org_codes, migration 0020) hold them.
 */
export function int8Code(v: Float32Array): Buffer {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const out = new Int8Array(v.length);
  if (max > 0) {
    const s = 127 / max;
    for (let j = 0; j < v.length; j++) out[j] = Math.round(v[j]! * s);
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** A float32 blob as its own (aligned) Float32Array: a Buffer's offset need not be a multiple of 4. */
export function floatsOf(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
