import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { embedWorkerUrl } from './embed-worker-url';

/** A bundle folder as the builds lay it out: an entry, a shared chunk, and the worker file. */
function bundle(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'glue-bundle-')), 'out', 'main');
  mkdirSync(join(out, 'chunks'), { recursive: true });
  for (const f of ['index.js', 'embed-worker.js', join('chunks', 'embedder-abc123.js')]) writeFileSync(join(out, f), '');
  return out;
}

describe('embedWorkerUrl from a bundle', () => {
  it('finds embed-worker.js beside the entry that holds this code (out/cli, out/main)', async () => {
    const out = bundle();
    expect((await embedWorkerUrl(pathToFileURL(join(out, 'index.js')).href)).href).toBe(pathToFileURL(join(out, 'embed-worker.js')).href);
  });

  it('finds it one folder up when the code sits in a shared chunk (out/main/chunks)', async () => {
    const out = bundle();
    expect((await embedWorkerUrl(pathToFileURL(join(out, 'chunks', 'embedder-abc123.js')).href)).href).toBe(pathToFileURL(join(out, 'embed-worker.js')).href);
  });
});
