import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { fileInList, seeded, trainLists, unit } from './kmeans';
import { int8Code } from '../store/vector-code';
import { KmeansCancelled, KmeansWorkerError, kmeansWorkerUrl, startKmeansWorker, type KmeansWorker } from './kmeans-client';

const DIM = 384;

/** n unit-ish rows around `topics` random directions (as the bench's synthetic embeddings). */
function clustered(n: number, topics: number, seed: number): Float32Array {
  const rnd = seeded(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const centres = Array.from({ length: topics }, () => Float32Array.from({ length: DIM }, gauss));
  const xs = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    const t = centres[Math.floor(rnd() * topics)]!;
    xs.set(unit(Float32Array.from({ length: DIM }, (_, j) => t[j]! + 0.8 * gauss())), i * DIM);
  }
  return xs;
}

let open: KmeansWorker[] = [];
function start(...args: Parameters<typeof startKmeansWorker>): KmeansWorker {
  const w = startKmeansWorker(...args);
  open.push(w);
  return w;
}
afterEach(async () => {
  await Promise.all(open.map((w) => w.close()));
  open = [];
});

/** A worker script that exits with code 3 at its first request, or throws as it loads. */
function brokenWorker(body: string): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'glue-kmeans-')), 'broken-worker.mjs');
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

describe('the k-means worker', () => {
  it('trains exactly the lists trainLists trains in this thread, from the same sample and generator state', async () => {
    const n = 3000;
    const xs = clustered(n, 24, 9);
    const rnd = seeded(n);
    rnd(); // the caller has drawn from it already (its sample); the worker goes on from there
    const here = await trainLists(xs, n, DIM, 60, { iterations: 10, rnd: seeded(rnd.state()), pause: () => Promise.resolve() });
    const there = await start().train(xs.slice(), n, DIM, 60, { iterations: 10, rnd });
    expect(there.listCount).toBe(here.listCount);
    expect(there.groupCount).toBe(here.groupCount);
    expect(Buffer.from(there.lists.buffer).equals(Buffer.from(here.lists.buffer))).toBe(true);
    expect(Buffer.from(there.groups.buffer).equals(Buffer.from(here.groups.buffer))).toBe(true);
    expect([...there.groupOf]).toEqual([...here.groupOf]);
  });

  it('files each vector in the list, with the int8 code, that this thread gives it', async () => {
    const xs = clustered(2000, 16, 4);
    const t = await trainLists(xs, 2000, DIM, 40, { iterations: 10, rnd: seeded(1), pause: () => Promise.resolve() });
    const w = start();
    await w.use(t);
    // Not unit length: filing makes each vector unit length itself, as listWriter does.
    const batch = xs.subarray(0, 500 * DIM).map((x, i) => x * (1 + (i % 7)));
    const f = await w.file(batch.slice(), 500);
    for (let i = 0; i < 500; i++) {
      const u = unit(batch.subarray(i * DIM, i * DIM + DIM));
      expect(f.lists[i]).toBe(fileInList(t, u));
      expect(Buffer.from(f.codes.buffer, i * DIM, DIM).equals(int8Code(u))).toBe(true);
    }
    // The floats were handed over, not copied: the caller's array is empty now.
    const sent = xs.slice(0, 10 * DIM);
    await w.file(sent, 10);
    expect(sent.length).toBe(0);
  });

  it("leaves the caller's event loop free while it trains", async () => {
    const n = 5000;
    const xs = clustered(n, 32, 2);
    const w = start();
    await w.use(await trainLists(xs.subarray(0, 100 * DIM), 100, DIM, 1, { iterations: 1, rnd: seeded(1), pause: () => Promise.resolve() })); // started and warm
    let last = performance.now();
    let worst = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      ticks++;
    }, 10);
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    try {
      await w.train(xs, n, DIM, 100, { iterations: 10, rnd: seeded(n) });
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - t0;
    const busy = performance.eventLoopUtilization(elu).utilization;
    const seen = `training ${took.toFixed(0)} ms, ${ticks} ticks, longest gap ${worst.toFixed(0)} ms, loop busy ${(busy * 100).toFixed(0)} %`;
    // The training took a while, and meanwhile this thread mostly waited: timers kept ticking.
    // (Bounds are loose: on 2 shared cores under load the OS alone can hold a thread ~100 ms.)
    expect(took, seen).toBeGreaterThan(100);
    expect(ticks, seen).toBeGreaterThan(took / 10 / 3);
    expect(worst, seen).toBeLessThan(150);
    // In this thread the same training keeps the loop busy ~100 % of the time.
    expect(busy, seen).toBeLessThan(0.5);
  });

  it('stops promptly when the signal aborts, ending the thread', async () => {
    const n = 20_000;
    const xs = clustered(n, 64, 5);
    const ac = new AbortController();
    const w = start({ signal: ac.signal });
    const training = w.train(xs, n, DIM, 400, { iterations: 10, rnd: seeded(n) });
    setTimeout(() => ac.abort(), 100);
    const t0 = performance.now();
    await expect(training).rejects.toBeInstanceOf(KmeansCancelled);
    // Well before the training could have finished (seconds): the thread was terminated, not asked.
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(w.exited).resolves.toBeUndefined();
    await expect(w.file(new Float32Array(DIM), 1)).rejects.toBeInstanceOf(KmeansCancelled);
  });

  it('reports a worker that crashes, fails to load or cannot be found, instead of waiting for it', async () => {
    const xs = clustered(50, 2, 1);
    const crash = start({ url: brokenWorker('parentPort.on("message", () => process.exit(3));') });
    await expect(crash.train(xs, 50, DIM, 4, { iterations: 2, rnd: seeded(1) })).rejects.toThrow(new KmeansWorkerError('The worker that builds the inverted lists for search by meaning stopped (exit code 3); the current lists keep answering.'));
    const throws = start({ url: brokenWorker('throw new Error("cannot load the model of the world");') });
    await expect(throws.train(xs, 50, DIM, 4, { iterations: 2, rnd: seeded(1) })).rejects.toThrow(/failed \(cannot load the model of the world\)/);
    const missing = start({ url: pathToFileURL(join(tmpdir(), 'no-such-dir-glue', 'kmeans-worker.js')) });
    await expect(missing.file(xs, 1)).rejects.toBeInstanceOf(KmeansWorkerError);
  });
});

describe('kmeansWorkerUrl from a bundle', () => {
  it('finds kmeans-worker.js beside the entry (out/cli/glue.js, glue.cjs, out/main/index.js) or one folder above a chunk (out/main/chunks)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'glue-bundle-')), 'out', 'main');
    mkdirSync(join(out, 'chunks'), { recursive: true });
    for (const f of ['index.js', 'kmeans-worker.js', join('chunks', 'kmeans-abc123.js')]) writeFileSync(join(out, f), '');
    expect((await kmeansWorkerUrl(pathToFileURL(join(out, 'index.js')).href)).href).toBe(pathToFileURL(join(out, 'kmeans-worker.js')).href);
    expect((await kmeansWorkerUrl(pathToFileURL(join(out, 'chunks', 'kmeans-abc123.js')).href)).href).toBe(pathToFileURL(join(out, 'kmeans-worker.js')).href);
  });
});
