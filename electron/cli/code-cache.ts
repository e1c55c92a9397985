// Runs the one-file CommonJS build of `glue` (out/cli/glue.cjs) with a V8 code cache beside it,
// Node 20's stand-in for Node 22's module.enableCompileCache. A cold `glue ask` spent ~0.2 s
// loading its ESM chunks (resolving, reading and compiling ~50 files) before doing anything; one
// script compiled from cached bytecode skips the parsing and the per-module loader work.
//
// The cache is an optimisation only, never trusted blindly: it is used when its header names
// this very bundle (its size and the CRC of its text: V8 itself only compares lengths), this
// Node and this architecture, and its payload's CRC matches; V8 checks its version and flags on
// top. Anything else (missing, stale, truncated, corrupt) runs without it and writes a fresh
// one when the process exits, atomically (temp file + rename); a read-only directory (an
// installed app's archive) just runs without a cache.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

const MAGIC = 'glue-code-cache-1\n';

interface Header {
  node: string;
  arch: string;
  /** The bundle's length in bytes and CRC-32. */
  size: number;
  source: number;
  /** The payload's CRC-32 and length. */
  crc: number;
  length: number;
}

/** What a cache must have been made from: this bundle's text, under this Node. */
export interface BundleId {
  size: number;
  source: number;
}

export const bundleIdOf = (source: Buffer): BundleId => ({ size: source.length, source: crc32(source) });

export const cacheFileOf = (bundle: string): string => `${bundle}.cache`;

function expectedHeader(id: BundleId): Omit<Header, 'crc' | 'length'> {
  return { node: process.version, arch: process.arch, size: id.size, source: id.source };
}

/** The cached bytecode for this bundle, or null when there is none or it does not match. */
export function readCodeCache(cacheFile: string, id: BundleId): Buffer | null {
  let raw: Buffer;
  try {
    raw = readFileSync(cacheFile);
  } catch {
    return null;
  }
  if (raw.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return null;
  const end = raw.indexOf(10, MAGIC.length);
  if (end < 0) return null;
  let header: Partial<Header>;
  try {
    header = JSON.parse(raw.subarray(MAGIC.length, end).toString('utf8')) as Partial<Header>;
  } catch {
    return null;
  }
  const want = expectedHeader(id);
  if (header.node !== want.node || header.arch !== want.arch || header.size !== want.size || header.source !== want.source) return null;
  const payload = raw.subarray(end + 1);
  if (payload.length === 0 || header.length !== payload.length || header.crc !== crc32(payload)) return null;
  return payload;
}

/** Writes the cache whole or not at all; false when the directory is not writable (or anything fails). */
export function writeCodeCache(cacheFile: string, id: BundleId, payload: Buffer): boolean {
  const header: Header = { ...expectedHeader(id), crc: crc32(payload), length: payload.length };
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, Buffer.concat([Buffer.from(MAGIC, 'latin1'), Buffer.from(`${JSON.stringify(header)}\n`), payload]));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, cacheFile);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

export interface CachedRun {
  /** Whether V8 took the cache (false: none, stale or rejected; a fresh one is written at exit). */
  usedCache: boolean;
}

/**
 * Loads and runs a CommonJS bundle as Node's own loader would (module wrapper, `require` from
 * the bundle's folder), compiling it with the code cache when one matches. Without one, a fresh
 * cache is written when the process exits (`atExit`; tests pass their own), so it holds the
 * functions this run compiled, not only the top level.
 */
export function runWithCodeCache(bundle: string, atExit: (write: () => void) => void = (write) => process.once('exit', write)): CachedRun {
  const bytes = readFileSync(bundle);
  const id = bundleIdOf(bytes);
  const cacheFile = cacheFileOf(bundle);
  const cachedData = readCodeCache(cacheFile, id) ?? undefined;
  // The build keeps the bundle ASCII (scripts/build-cli.js): read as latin1 it is a one-byte
  // string, copied rather than decoded (utf8 took ~10 ms of a cold start for 1.7 MB).
  const script = new vm.Script(Module.wrap(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  if (!usedCache) atExit(() => void writeCodeCache(cacheFile, id, script.createCachedData()));
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  mod.loaded = true;
  return { usedCache };
}
