import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadVerified, findBundledModels, installModel, type DownloadProgress } from './model-download';
import { locateModel } from './model-locator';
import { MINILM, type ModelManifest } from './model-manifest';

const good = randomBytes(300_000);
const expected = { bytes: good.length, sha256: createHash('sha256').update(good).digest('hex') };
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const body =
      req.url === '/good' ? good
      : req.url === '/tampered' ? Buffer.concat([good.subarray(0, 1000), Buffer.alloc(1), good.subarray(1001)])
      : req.url === '/short' ? good.subarray(0, 200_000)
      : req.url === '/long' ? Buffer.concat([good, Buffer.alloc(10)])
      : null;
    if (!body) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    // Several writes, so progress arrives in more than one event.
    for (let i = 0; i < body.length; i += 64_000) res.write(body.subarray(i, i + 64_000));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const tmp = () => mkdtempSync(join(tmpdir(), 'glue-dl-'));

describe('downloadVerified', () => {
  it('accepts a file whose size and sha256 match, reporting progress up to the total', async () => {
    const dest = join(tmp(), 'onnx', 'model_quantized.onnx');
    const events: DownloadProgress[] = [];
    const r = await downloadVerified(`${base}/good`, dest, expected, { onProgress: (p) => events.push(p) });
    expect(r).toEqual({ ok: true, value: undefined });
    expect(readFileSync(dest).equals(good)).toBe(true);
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ file: 'onnx/model_quantized.onnx', received: good.length, total: good.length });
    expect(events.every((e, i) => i === 0 || e.received > events[i - 1]!.received)).toBe(true);
  });

  it.each([
    ['/tampered', /sha256 .* does not match/],
    ['/short', /got 200000 bytes, expected 300000/],
    ['/long', /larger than the expected 300000 bytes/],
  ])('rejects %s and leaves no file behind', async (path, message) => {
    const dir = tmp();
    const dest = join(dir, 'model.onnx');
    const r = await downloadVerified(`${base}${path}`, dest, expected);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_RESPONSE');
      expect(r.error.message).toMatch(message);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says what to do when the server answers an error', async () => {
    const dir = tmp();
    const r = await downloadVerified(`${base}/missing`, join(dir, 'm.onnx'), expected);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('--from') });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes a local file (--from PATH) through the same checks', async () => {
    const dir = tmp();
    const src = join(dir, 'copy.onnx');
    writeFileSync(src, good);
    expect((await downloadVerified(src, join(dir, 'out', 'm.onnx'), expected)).ok).toBe(true);
    writeFileSync(src, good.subarray(1));
    expect((await downloadVerified(src, join(dir, 'out2', 'm.onnx'), expected)).ok).toBe(false);
    expect(existsSync(join(dir, 'out2', 'm.onnx.partial'))).toBe(false);
  });

  it('stops on abort and deletes the partial file', async () => {
    const dir = tmp();
    const ac = new AbortController();
    const r = await downloadVerified(`${base}/good`, join(dir, 'm.onnx'), expected, { signal: ac.signal, onProgress: () => ac.abort() });
    expect(r.ok ? null : r.error.code).toBe('CANCELLED');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('installModel', () => {
  it('copies shipped files, downloads the weights, and is a no-op the second time', async () => {
    const bundled = tmp();
    const small = Buffer.from('{"hidden_size":384}');
    mkdirSync(join(bundled, 'Test', 'tiny'), { recursive: true });
    writeFileSync(join(bundled, 'Test', 'tiny', 'config.json'), small);
    const manifest: ModelManifest = {
      id: 'Test/tiny',
      dim: 384,
      revision: 'x',
      files: [
        { path: 'config.json', bytes: small.length, sha256: createHash('sha256').update(small).digest('hex'), url: `${base}/missing`, bundled: true },
        { path: 'onnx/model_quantized.onnx', ...expected, url: `${base}/good`, bundled: false },
      ],
    };
    const modelsDir = tmp();
    const r = await installModel({ modelsDir, bundledDir: bundled, manifest });
    expect(r.ok && r.value.state).toBe('ready');
    expect(readFileSync(join(modelsDir, 'Test', 'tiny', 'onnx', 'model_quantized.onnx')).equals(good)).toBe(true);
    // Everything present and verified: nothing is fetched (the weights URL now 404s).
    const again = await installModel({ modelsDir, bundledDir: bundled, manifest: { ...manifest, files: manifest.files.map((f) => ({ ...f, url: `${base}/missing` })) } });
    expect(again.ok).toBe(true);
  });

  it('installs the real model\'s shipped tokenizer files but refuses weights that are not the pinned file', async () => {
    const bundled = findBundledModels();
    expect(bundled).not.toBeNull();
    const modelsDir = tmp();
    const r = await installModel({ modelsDir, bundledDir: bundled, from: `${base}/good` });
    expect(r.ok ? null : r.error.code).toBe('BAD_RESPONSE');
    const dir = join(modelsDir, ...MINILM.id.split('/'));
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(readdirSync(join(dir, 'onnx'))).toEqual([]);
    expect(locateModel(modelsDir)).toMatchObject({ state: 'missing', missing: ['onnx/model_quantized.onnx'] });
  });
  it('finds the tokenizer files a packaged app ships under process.resourcesPath', async () => {
    const repoCopy = findBundledModels();
    expect(repoCopy).not.toBeNull();
    // The packaged layout electron-builder.yml produces: <resourcesPath>/resources/models/<id>/…
    const resourcesPath = tmp();
    const shipped = join(resourcesPath, 'resources', 'models');
    cpSync(repoCopy!, shipped, { recursive: true });
    const elsewhere = tmp(); // an install folder with no resources/ above it
    expect(findBundledModels({ start: elsewhere })).toBeNull();
    expect(findBundledModels({ resourcesPath, start: elsewhere })).toBe(shipped);
    // Electron may also be pointed straight at the models' parent.
    expect(findBundledModels({ resourcesPath: join(resourcesPath, 'resources'), start: elsewhere })).toBe(shipped);

    const modelsDir = tmp();
    const r = await installModel({ modelsDir, resourcesPath, from: `${base}/good` });
    expect(r.ok ? null : r.error.code).toBe('BAD_RESPONSE');
    expect(readdirSync(join(modelsDir, ...MINILM.id.split('/'))).sort()).toEqual(['config.json', 'onnx', 'tokenizer.json', 'tokenizer_config.json']);
  });
});
