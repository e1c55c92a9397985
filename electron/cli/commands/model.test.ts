import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io';
import { run } from './model';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((_req, res) => res.end(Buffer.alloc(5000, 1)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function glue(argv: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let errText = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (errText += d.toString()));
  const io: CliIo = { stdout, stderr, env: { ...env }, signal: new AbortController().signal };
  const code = await run(argv, io);
  return { code, out, err: errText };
}

describe('glue model', () => {
  it('status names the shared fixture as a test fixture', async () => {
    const r = await glue(['status'], { GLUE_MODEL_DIR: '/work/shared/models' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('test fixture (not semantic)');
  });

  it('status --json reports a missing model in an empty data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'glue-cli-model-'));
    const r = await glue(['status', '--json', '--data-dir', dataDir], {});
    expect(JSON.parse(r.out)).toMatchObject({ state: 'missing', id: 'Xenova/all-MiniLM-L6-v2', path: join(dataDir, 'models', 'Xenova', 'all-MiniLM-L6-v2') });
  });

  it('download --from refuses a file that is not the pinned model and keeps nothing of it', async () => {
    const models = mkdtempSync(join(tmpdir(), 'glue-cli-model-'));
    const r = await glue(['download', '--from', `${base}/model_quantized.onnx`], { GLUE_MODEL_DIR: models });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/got 5000 bytes, expected 22972370/);
    expect(r.err).toMatch(/0% \(0\.0\/23\.0 MB\)/);
    expect(readdirSync(join(models, 'Xenova', 'all-MiniLM-L6-v2', 'onnx'))).toEqual([]);
  });

  it('rejects an unknown subcommand as a usage error', async () => {
    await expect(glue(['upgrade'], {})).rejects.toThrow(/unknown subcommand "upgrade"/);
  });
});
