// Spherical k-means for the inverted lists of unscoped vector search (vector-lists.ts): plain
// Float32Array math, no store access. Stored vectors are unit length (the embedder normalizes
// them), so the nearest centroid is the one with the largest dot product.
// The int8 code each vector is filed with: the same one org_codes holds (migration 0020).
import { int8Code } from '../store/vector-code';

/** Yields to the event loop (and throws when the work was cancelled). */
export type Pause = () => Promise<void>;

export interface KmeansOptions {
  iterations: number;
  /** Uniform in [0, 1): seeded by the caller so a training is reproducible. */
  rnd: () => number;
  pause: Pause;
}

/** A reproducible uniform generator (xorshift32) whose state can continue on another thread. */
export interface Rnd {
  (): number;
  /** The state to seed a generator that goes on from here: seeded(r.state()) draws what r would. */
  state(): number;
}

export function seeded(seed: number): Rnd {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return Object.assign(next, { state: () => s >>> 0 });
}

/** v scaled to unit length (a copy); zero stays zero. */
export function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n === 0) return Float32Array.from(v);
  const inv = 1 / Math.sqrt(n);
  return v.map((x) => x * inv);
}

/** Multiply-adds between pauses: ~15–25 ms of work on this machine's cores. */
const WORK_PER_PAUSE = 20_000_000;

export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  // Four accumulators: V8 does not vectorize, but independent sums pipeline (~3× one sum).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += a[ao + j]! * b[bo + j]!;
    s1 += a[ao + j + 1]! * b[bo + j + 1]!;
    s2 += a[ao + j + 2]! * b[bo + j + 2]!;
    s3 += a[ao + j + 3]! * b[bo + j + 3]!;
  }
  for (; j < dim; j++) s0 += a[ao + j]! * b[bo + j]!;
  return s0 + s1 + s2 + s3;
}

/** Index of the row of `rows` (count × dim) with the largest dot product with v[vo…]. */
export function nearestRow(rows: Float32Array, count: number, v: Float32Array, vo: number, dim: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < count; c++) {
    const s = dot(v, vo, rows, c * dim, dim);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

function normalizeInto(out: Float32Array, oo: number, sum: Float64Array, so: number, dim: number): boolean {
  let n = 0;
  for (let j = 0; j < dim; j++) n += sum[so + j]! * sum[so + j]!;
  if (n === 0) return false;
  const inv = 1 / Math.sqrt(n);
  for (let j = 0; j < dim; j++) out[oo + j] = sum[so + j]! * inv;
  return true;
}

/**
 * k unit centroids of the n rows of xs (n × dim): Lloyd's iterations with cosine assignment,
 * started from k distinct random rows; a cluster left empty is re-seeded with a random row.
 * Stops early when no row changes cluster.
 */
export async function sphericalKmeans(xs: Float32Array, n: number, dim: number, k: number, opts: KmeansOptions): Promise<Float32Array> {
  if (n < 1 || k < 1) throw new Error(`k-means needs rows and centroids (got ${n} rows, k ${k})`);
  const kk = Math.min(k, n);
  const centroids = new Float32Array(kk * dim);
  const pick = Int32Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < kk; c++) {
    const j = c + Math.floor(opts.rnd() * (n - c));
    const t = pick[c]!;
    pick[c] = pick[j]!;
    pick[j] = t;
    centroids.set(xs.subarray(pick[c]! * dim, pick[c]! * dim + dim), c * dim);
  }
  const assigned = new Int32Array(n).fill(-1);
  const sums = new Float64Array(kk * dim);
  const counts = new Int32Array(kk);
  let work = 0;
  for (let it = 0; it < opts.iterations; it++) {
    sums.fill(0);
    counts.fill(0);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearestRow(centroids, kk, xs, i * dim, dim);
      if (assigned[i] !== c) moved++;
      assigned[i] = c;
      counts[c]!++;
      const so = c * dim;
      const xo = i * dim;
      for (let j = 0; j < dim; j++) sums[so + j]! += xs[xo + j]!;
      work += kk * dim;
      if (work >= WORK_PER_PAUSE) {
        work = 0;
        await opts.pause();
      }
    }
    for (let c = 0; c < kk; c++) {
      if (counts[c] === 0 || !normalizeInto(centroids, c * dim, sums, c * dim, dim)) {
        const r = Math.floor(opts.rnd() * n);
        centroids.set(xs.subarray(r * dim, r * dim + dim), c * dim);
      }
    }
    if (moved === 0) break;
  }
  return centroids;
}

/**
 * Lists in two levels: ~sqrt(L) groups, each split into lists in proportion to its share of
 * the sample. Training and filing then cost ~2·sqrt(L) dot products per vector instead of L
 * (at 1M chunks, ~40 s of filing instead of ~5 min), which is what makes retraining affordable.
 */
export interface TrainedLists {
  dim: number;
  groups: Float32Array;
  groupCount: number;
  lists: Float32Array;
  listCount: number;
  /** Group index of each list. */
  groupOf: Int32Array;
  /** Lists of each group. */
  listsOfGroup: Int32Array[];
}

export function trainedLists(dim: number, groups: Float32Array, lists: Float32Array, groupOf: Int32Array): TrainedLists {
  const groupCount = groups.length / dim;
  const listCount = lists.length / dim;
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  groupOf.forEach((g, i) => {
    const m = members[g];
    if (m === undefined) throw new Error(`list ${i} names group ${g}, of ${groupCount}`);
    m.push(i);
  });
  return { dim, groups, groupCount, lists, listCount, groupOf, listsOfGroup: members.map((m) => Int32Array.from(m)) };
}

/**
 * `total` lists shared among groups in proportion to their rows (largest remainder), at least
 * one per non-empty group, so the lists asked for are the lists trained.
 */
function apportion(total: number, sizes: number[]): number[] {
  const rows = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((m) => (total * m) / rows);
  const out = exact.map((x, i) => (sizes[i]! > 0 ? Math.max(1, Math.floor(x)) : 0));
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let left = total - out.reduce((a, b) => a + b, 0), j = 0; left > 0 && j < byRemainder.length; j++) {
    const { i } = byRemainder[j]!;
    if (sizes[i]! > out[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

export async function trainLists(sample: Float32Array, n: number, dim: number, listCount: number, opts: KmeansOptions): Promise<TrainedLists> {
  const want = Math.max(1, Math.min(Math.trunc(listCount), n));
  const top = await sphericalKmeans(sample, n, dim, Math.max(1, Math.round(Math.sqrt(want))), opts);
  const topCount = top.length / dim;
  const membersOf: number[][] = Array.from({ length: topCount }, () => []);
  for (let i = 0; i < n; i++) {
    membersOf[nearestRow(top, topCount, sample, i * dim, dim)]!.push(i);
    if (i % 4096 === 4095) await opts.pause();
  }

  const shares = apportion(want, membersOf.map((m) => m.length));
  const groups: Float32Array[] = [];
  const lists: Float32Array[] = [];
  const groupOf: number[] = [];
  for (let g = 0; g < topCount; g++) {
    const members = membersOf[g]!;
    if (members.length === 0) continue; // a group with no rows would own no lists
    const rows = new Float32Array(members.length * dim);
    members.forEach((m, i) => rows.set(sample.subarray(m * dim, m * dim + dim), i * dim));
    const sub = await sphericalKmeans(rows, members.length, dim, shares[g]!, opts);
    for (let c = 0; c < sub.length / dim; c++) groupOf.push(groups.length);
    lists.push(sub);
    groups.push(top.subarray(g * dim, g * dim + dim));
    await opts.pause();
  }
  const flat = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return trainedLists(dim, flat(groups), flat(lists), Int32Array.from(groupOf));
}

/**
 * The list a vector is filed in: the nearest list of its two nearest groups (two, so a vector
 * near a group border still finds its nearest list).
 */
export function fileInList(t: TrainedLists, v: Float32Array, vo = 0): number {
  const { dim } = t;
  let g1 = -1;
  let g2 = -1;
  let s1 = -Infinity;
  let s2 = -Infinity;
  for (let g = 0; g < t.groupCount; g++) {
    const s = dot(v, vo, t.groups, g * dim, dim);
    if (s > s1) {
      g2 = g1;
      s2 = s1;
      g1 = g;
      s1 = s;
    } else if (s > s2) {
      g2 = g;
      s2 = s;
    }
  }
  let best = 0;
  let bestScore = -Infinity;
  for (const g of g2 >= 0 ? [g1, g2] : [g1]) {
    for (const l of t.listsOfGroup[g] ?? []) {
      const s = dot(v, vo, t.lists, l * dim, dim);
      if (s > bestScore) {
        bestScore = s;
        best = l;
      }
    }
  }
  return best;
}

/** The `count` lists whose centroids are nearest to q, nearest first (all lists are compared: ~0.3 ms at 1,000). */
export function nearestLists(t: TrainedLists, q: Float32Array, count: number): number[] {
  const scores = new Float32Array(t.listCount);
  for (let l = 0; l < t.listCount; l++) scores[l] = dot(q, 0, t.lists, l * t.dim, t.dim);
  const order = Array.from({ length: t.listCount }, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, Math.max(0, Math.min(Math.trunc(count), t.listCount)));
}

/** Where each of `count` vectors (rows of `vectors`) is filed, and its int8 code (count × dim). */
export interface FiledVectors {
  lists: Int32Array;
  codes: Int8Array;
}

/** The filing of a batch: each row made unit length, its list (fileInList) and its code (int8Code). */
export function fileVectors(t: TrainedLists, vectors: Float32Array, count: number): FiledVectors {
  const { dim } = t;
  if (vectors.length < count * dim) throw new Error(`fileVectors: ${vectors.length} floats cannot hold ${count} vectors of ${dim}`);
  const lists = new Int32Array(count);
  const codes = new Int8Array(count * dim);
  for (let i = 0; i < count; i++) {
    const u = unit(vectors.subarray(i * dim, i * dim + dim));
    lists[i] = fileInList(t, u);
    codes.set(int8Code(u), i * dim);
  }
  return { lists, codes };
}
