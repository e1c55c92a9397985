import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbedder, EmbedError } from './embedder';
import { FIXTURE_MODEL_ID } from './model-manifest';
import { fixtureModelsDir } from './test-models';

const embedder = createEmbedder({ modelsDir: fixtureModelsDir(), batchSize: 4 });
afterAll(() => embedder.close());

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('createEmbedder with the shared fixture', () => {
  it('reports the fixture by its own id, never as the real model', () => {
    expect(embedder.info).toEqual({ id: FIXTURE_MODEL_ID, dim: 384, state: 'fixture' });
  });

  it('returns one normalised 384-d vector per text', async () => {
    const texts = ['How do I reset the firewall admin password?', 'Printer toner replacement steps', 'x'];
    const vs = await embedder.embed(texts);
    expect(vs).toHaveLength(3);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(384);
      expect(norm(v)).toBeCloseTo(1, 4);
    }
    // The fixture measures shared tokens: the firewall question is closer to a firewall text.
    const [q] = await embedder.embed(['Fortinet FortiGate admin credential reset procedure']);
    expect(cos(q!, vs[0]!)).toBeGreaterThan(cos(q!, vs[1]!));
  });

  it('gives the same vectors batched as one at a time', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `server ${i} ${'backup '.repeat(i)} at site ${i * 7}`);
    const batched = await embedder.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await embedder.embed([texts[i]!]);
      for (let d = 0; d < 384; d++) expect(batched[i]![d]).toBeCloseTo(single![d]!, 5);
    }
  });

  it('runs inference off the caller thread: timers keep firing during a long embed', async () => {
    // One batch for everything: run on this thread, it would block the loop for the whole call.
    const big = createEmbedder({ modelsDir: fixtureModelsDir(), batchSize: 1000 });
    const texts = Array.from({ length: 80 }, (_, i) => `configuration ${i} ` + 'lorem ipsum dolor sit amet '.repeat(12));
    await big.embed(['warm up the model load']);
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const t0 = performance.now();
    await big.embed(texts);
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    await big.close();
    expect(elapsed).toBeGreaterThan(150); // long enough that a blocked loop would show
    expect(ticks).toBeGreaterThan(3);
    expect(maxGap).toBeLessThan(elapsed / 2);
  });

  it('stops between batches when aborted', async () => {
    const ac = new AbortController();
    const p = embedder.embed(Array.from({ length: 200 }, (_, i) => `text ${i}`), ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('several embedders in one process', () => {
  it('keep working after another one was closed (one shared worker)', async () => {
    const a = createEmbedder({ modelsDir: fixtureModelsDir() });
    const [va] = await a.embed(['vpn gateway']);
    await a.close();
    await expect(a.embed(['again'])).rejects.toMatchObject({ code: 'CANCELLED' });
    const b = createEmbedder({ modelsDir: fixtureModelsDir(), batchSize: 1 });
    const [vb] = await b.embed(['vpn gateway']);
    expect(Array.from(vb!)).toEqual(Array.from(va!));
    await b.close();
  });
});

describe('createEmbedder without a model', () => {
  it('says missing, starts no worker and refuses to embed', async () => {
    const e = createEmbedder({ modelsDir: mkdtempSync(join(tmpdir(), 'glue-nomodel-')) });
    expect(e.info.state).toBe('missing');
    await expect(e.embed(['x'])).rejects.toBeInstanceOf(EmbedError);
    await e.close();
  });
});
