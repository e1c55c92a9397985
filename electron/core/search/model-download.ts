import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../../shared/result';
import { locateModel, type LocatedModel } from './model-locator';
import { MINILM, type ModelFile, type ModelManifest } from './model-manifest';

export interface DownloadProgress {
  file: string;
  received: number;
  total: number;
}

export interface VerifyOptions {
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
}

async function openSource(source: string, signal: AbortSignal | undefined): Promise<Result<AsyncIterable<Uint8Array>>> {
  if (/^https?:\/\//i.test(source)) {
    let res: Response;
    try {
      res = await fetch(source, { signal, redirect: 'follow' });
    } catch (e) {
      if (signal?.aborted) return err('CANCELLED', 'Download cancelled.');
      return err('NETWORK', `Could not reach ${source} (${(e as Error).message}). Check the connection, or pass --from with a local copy of the file.`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return err('NETWORK', `${source} answered HTTP ${res.status}. Try again later, or pass --from with a local copy of the file.`);
    }
    return ok(Readable.fromWeb(res.body));
  }
  const path = source.startsWith('file:') ? fileURLToPath(source) : isAbsolute(source) ? source : resolve(source);
  if (!existsSync(path) || !statSync(path).isFile()) return err('NOT_FOUND', `No file at ${path}. Pass the path of model_quantized.onnx or an http(s) URL.`);
  return ok(createReadStream(path));
}

/**
 * Streams `source` (http(s) URL, file: URL or path) into `dest`, hashing as it goes. The bytes
 * land in `dest.partial` and are renamed into place only when size and sha256 match, so a
 * failed, cancelled or tampered download never leaves a file Transformers.js would load.
 */
export async function downloadVerified(source: string, dest: string, expected: Pick<ModelFile, 'bytes' | 'sha256'>, opts: VerifyOptions = {}): Promise<Result<void>> {
  const partial = `${dest}.partial`;
  mkdirSync(dirname(dest), { recursive: true });
  rmSync(partial, { force: true });
  const opened = await openSource(source, opts.signal);
  if (!opened.ok) return opened;
  const hash = createHash('sha256');
  let received = 0;
  const name = dest.split(/[\\/]/).slice(-2).join('/');
  let tooBig = false;
  async function* measure(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      received += chunk.byteLength;
      if (received > expected.bytes) {
        tooBig = true;
        throw new Error('too big');
      }
      hash.update(chunk);
      opts.onProgress?.({ file: name, received, total: expected.bytes });
      yield chunk;
    }
  }
  try {
    await pipeline(opened.value, measure, createWriteStream(partial), { signal: opts.signal });
  } catch (e) {
    rmSync(partial, { force: true });
    if (opts.signal?.aborted) return err('CANCELLED', 'Download cancelled; nothing was kept.');
    if (tooBig) return err('BAD_RESPONSE', `${source} is larger than the expected ${expected.bytes} bytes; the partial file was deleted. Check the URL or file.`);
    return err('NETWORK', `Download of ${name} failed (${(e as Error).message}); the partial file was deleted. Try again.`);
  }
  if (received !== expected.bytes) {
    rmSync(partial, { force: true });
    return err('BAD_RESPONSE', `${name}: got ${received} bytes, expected ${expected.bytes}; the partial file was deleted. Try again or check the source.`);
  }
  const digest = hash.digest('hex');
  if (digest !== expected.sha256) {
    rmSync(partial, { force: true });
    return err('BAD_RESPONSE', `${name}: sha256 ${digest} does not match the pinned ${expected.sha256}; the file was deleted. Use the official file.`);
  }
  renameSync(partial, dest);
  return ok(undefined);
}

async function fileMatches(path: string, f: Pick<ModelFile, 'bytes' | 'sha256'>): Promise<boolean> {
  if (!existsSync(path) || statSync(path).size !== f.bytes) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex') === f.sha256;
}

const hasModelFiles = (dir: string) => existsSync(join(dir, ...MINILM.id.split('/'), 'tokenizer.json'));

export interface BundledModelsOptions {
  /**
   * The packaged app's resources folder (Electron's `process.resourcesPath`, passed in by main:
   * core never imports electron). electron-builder.yml ships resources/models there as
   * `<resourcesPath>/resources/models`. Looked at first.
   */
  resourcesPath?: string;
  /** Where to start walking up (default: this module's folder, for the repo and the CLI bundle). */
  start?: string;
}

/**
 * The `resources/models` folder shipped with the app (packaged: under resourcesPath) or the
 * repo (walking up from this module, which also covers out/cli and out/main); null when there
 * is none (then the small files are downloaded too).
 */
export function findBundledModels(opts: BundledModelsOptions = {}): string | null {
  if (opts.resourcesPath) {
    for (const candidate of [join(opts.resourcesPath, 'resources', 'models'), join(opts.resourcesPath, 'models')]) {
      if (hasModelFiles(candidate)) return candidate;
    }
  }
  let dir = opts.start ?? dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'models');
    if (hasModelFiles(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface InstallOptions extends VerifyOptions {
  modelsDir: string;
  /** URL or file for the weights instead of the pinned URL (a mirror, or a copy brought by USB). */
  from?: string;
  /** Folder holding shipped copies (`<bundledDir>/<id>/<path>`); default: found by findBundledModels. */
  bundledDir?: string | null;
  /** Electron's process.resourcesPath when running packaged; where findBundledModels looks first. */
  resourcesPath?: string;
  manifest?: ModelManifest;
}

/**
 * Puts every file of the model into `<modelsDir>/<id>/`, verifying each against the manifest.
 * Files already present and correct are kept, so running it again is cheap.
 */
export async function installModel(opts: InstallOptions): Promise<Result<LocatedModel>> {
  const manifest = opts.manifest ?? MINILM;
  const target = join(opts.modelsDir, ...manifest.id.split('/'));
  const bundled = opts.bundledDir === undefined ? findBundledModels({ resourcesPath: opts.resourcesPath }) : opts.bundledDir;
  for (const file of manifest.files) {
    const dest = join(target, ...file.path.split('/'));
    if (await fileMatches(dest, file)) continue;
    const shipped = bundled ? join(bundled, ...manifest.id.split('/'), ...file.path.split('/')) : null;
    if (file.bundled && shipped && (await fileMatches(shipped, file))) {
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(shipped, dest);
      continue;
    }
    const source = !file.bundled && opts.from ? opts.from : file.url;
    const got = await downloadVerified(source, dest, file, opts);
    if (!got.ok) return got;
  }
  return ok(manifest === MINILM ? locateModel(opts.modelsDir) : { state: 'ready', id: manifest.id, dim: manifest.dim, path: target, missing: [] });
}
