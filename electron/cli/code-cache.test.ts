import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleIdOf, cacheFileOf, readCodeCache, runWithCodeCache, writeCodeCache } from './code-cache';

// A small CommonJS "bundle" that requires a sibling file and reports what it saw, so each run's
// behaviour (not only whether a cache was taken) is checked.
const bundleSource = (greeting: string): string => `
const dep = require('./dep.cjs');
globalThis.__codeCacheTest = { greeting: ${JSON.stringify(greeting)}, dep: dep.value, file: __filename, dir: __dirname, exportsIsModuleExports: exports === module.exports };
function later(n) { return n * 2; }
globalThis.__codeCacheTest.later = later(21);
`;

type Seen = { greeting: string; dep: string; file: string; dir: string; exportsIsModuleExports: boolean; later: number };
const seen = (): Seen => (globalThis as unknown as { __codeCacheTest: Seen }).__codeCacheTest;

describe('runWithCodeCache', () => {
  let dir: string;
  let bundle: string;
  let pending: (() => void)[];
  const atExit = (write: () => void): void => void pending.push(write);
  const exit = (): void => {
    for (const w of pending.splice(0)) w();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glue-code-cache-'));
    bundle = join(dir, 'glue.cjs');
    writeFileSync(join(dir, 'dep.cjs'), "module.exports = { value: 'from dep' };\n");
    writeFileSync(bundle, bundleSource('hello'));
    pending = [];
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete (globalThis as { __codeCacheTest?: unknown }).__codeCacheTest;
  });

  it('runs the bundle as CommonJS, writes a cache at exit, and the next run takes it', () => {
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
    expect(seen()).toEqual({ greeting: 'hello', dep: 'from dep', file: bundle, dir, exportsIsModuleExports: true, later: 42 });
    expect(pending).toHaveLength(1);
    exit();
    expect(readCodeCache(cacheFileOf(bundle), bundleIdOf(readFileSync(bundle)))).not.toBeNull();

    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: true });
    expect(seen().greeting).toBe('hello');
    expect(pending).toHaveLength(0); // a cache that was taken is not rewritten
  });

  it('reads a bundle with non-ASCII text as UTF-8, with or without its cache', () => {
    writeFileSync(bundle, bundleSource('grüß dich “friend” 東京'));
    runWithCodeCache(bundle, atExit);
    expect(seen().greeting).toBe('grüß dich “friend” 東京');
    exit();
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: true });
    expect(seen().greeting).toBe('grüß dich “friend” 東京');
  });

  it('ignores the cache of another bundle of the same length: the new code runs', () => {
    runWithCodeCache(bundle, atExit);
    exit();
    writeFileSync(bundle, bundleSource('howdy')); // same length, other text
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
    expect(seen().greeting).toBe('howdy');
    exit();
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: true });
    expect(seen().greeting).toBe('howdy');
  });

  it('runs without a corrupt, truncated or foreign cache file, and replaces it', () => {
    runWithCodeCache(bundle, atExit);
    exit();
    const good = readFileSync(cacheFileOf(bundle));
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 100), Buffer.from('not a cache'), Buffer.alloc(0)]) {
      writeFileSync(cacheFileOf(bundle), bad);
      expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
      expect(seen().later).toBe(42);
      exit();
      expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: true });
    }
  });

  it('lets V8 refuse bytes that pass the header checks, and still runs', () => {
    const id = bundleIdOf(readFileSync(bundle));
    expect(writeCodeCache(cacheFileOf(bundle), id, Buffer.from('garbage that is not V8 bytecode'))).toBe(true);
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
    expect(seen().greeting).toBe('hello');
  });

  it('runs without a cache where none can be written, and leaves nothing behind', () => {
    // A directory where the cache file should be makes the write fail as a read-only folder
    // (an installed app's archive) does, even for root.
    mkdirSync(cacheFileOf(bundle));
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
    expect(seen().greeting).toBe('hello');
    expect(() => exit()).not.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['dep.cjs', 'glue.cjs', 'glue.cjs.cache']);
    expect(runWithCodeCache(bundle, atExit)).toEqual({ usedCache: false });
  });
});
