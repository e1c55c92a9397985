import { describe, expect, it } from 'vitest';
import { dot, fileInList, nearestLists, sphericalKmeans, trainLists } from './kmeans';

const DIM = 16;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
}

/** n unit rows around `centres` well-separated directions, and the centre each row came from. */
function clustered(n: number, centres: number, seed: number) {
  const rnd = rng(seed);
  const xs = new Float32Array(n * DIM);
  const from = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres;
    from[i] = c;
    let norm = 0;
    for (let j = 0; j < DIM; j++) {
      const v = (j === c ? 1 : 0) + 0.15 * (rnd() - 0.5);
      xs[i * DIM + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < DIM; j++) xs[i * DIM + j]! /= Math.sqrt(norm);
  }
  return { xs, from };
}

const opts = (seed: number) => ({ iterations: 10, rnd: rng(seed), pause: () => Promise.resolve() });

describe('sphericalKmeans', () => {
  it('finds well-separated clusters: every row of one cluster shares a centroid, and centroids are unit length', async () => {
    const { xs, from } = clustered(400, 4, 3);
    const c = await sphericalKmeans(xs, 400, DIM, 4, opts(5));
    expect(c.length).toBe(4 * DIM);
    for (let i = 0; i < 4; i++) expect(Math.sqrt(dot(c, i * DIM, c, i * DIM, DIM))).toBeCloseTo(1, 5);
    const nearest = (i: number) => [0, 1, 2, 3].reduce((b, k) => (dot(xs, i * DIM, c, k * DIM, DIM) > dot(xs, i * DIM, c, b * DIM, DIM) ? k : b), 0);
    const centreOf = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const seen = centreOf.get(from[i]!);
      if (seen === undefined) centreOf.set(from[i]!, nearest(i));
      else expect(nearest(i)).toBe(seen);
    }
    expect(new Set(centreOf.values()).size).toBe(4);
  });

  it('asks for no more centroids than rows, and refuses an empty input', async () => {
    const { xs } = clustered(3, 3, 1);
    expect((await sphericalKmeans(xs, 3, DIM, 10, opts(1))).length).toBe(3 * DIM);
    await expect(sphericalKmeans(xs, 0, DIM, 2, opts(1))).rejects.toThrow(/needs rows/);
  });
});

describe('trainLists', () => {
  it('splits the sample into about the lists asked for, in groups, and files a row in the list nearest to it', async () => {
    const { xs } = clustered(2000, 8, 11);
    const t = await trainLists(xs, 2000, DIM, 32, opts(2));
    expect(t.listCount).toBeGreaterThanOrEqual(24);
    expect(t.listCount).toBeLessThanOrEqual(40);
    expect(t.listsOfGroup.flatMap((l) => [...l]).sort((a, b) => a - b)).toEqual(Array.from({ length: t.listCount }, (_, i) => i));
    // Filing looks only at the nearest groups' lists; on clustered data that is the nearest list overall.
    let same = 0;
    for (let i = 0; i < 2000; i++) {
      const v = xs.subarray(i * DIM, i * DIM + DIM);
      if (fileInList(t, v) === nearestLists(t, v, 1)[0]) same++;
    }
    expect(same / 2000).toBeGreaterThan(0.97);
  });

  it('orders a query\'s nearest lists by closeness', async () => {
    const { xs } = clustered(500, 5, 4);
    const t = await trainLists(xs, 500, DIM, 10, opts(3));
    const q = xs.subarray(0, DIM);
    const order = nearestLists(t, q, t.listCount);
    expect(order).toHaveLength(t.listCount);
    const scores = order.map((l) => dot(q, 0, t.lists, l * DIM, DIM));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(nearestLists(t, q, 3)).toEqual(order.slice(0, 3));
  });
});
