import { deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { McpDeps } from './deps';
import { parseManifest, readManifest, startHandshake, type HandshakeManifest, type JsonObject } from './handshake';
import { buildHandshakeManifest, rawSession } from './manifest';
import { createMcpServer } from './server';
import { emptyProfileDeps } from './tools/test-harness';

// In process, with real streams and the real server behind the handshake: what the client sees
// on stdout, line by line, and when.

let profile: ReturnType<typeof emptyProfileDeps>;
let dir: string;
let deps: McpDeps;
let manifest: HandshakeManifest;

beforeAll(async () => {
  profile = emptyProfileDeps();
  ({ dataDir: dir, deps } = profile);
  manifest = await buildHandshakeManifest();
});
afterAll(() => profile.cleanup());

const Line = z.object({ jsonrpc: z.literal('2.0'), id: z.union([z.string(), z.number(), z.null()]).optional() }).loose();
const INIT = (params: JsonObject = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } }, id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params,
});

function rig(m: HandshakeManifest | null) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out: z.infer<typeof Line>[] = [];
  let partial = '';
  stdout.on('data', (d: Buffer) => {
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) out.push(Line.parse(JSON.parse(l)));
  });
  const hs = startHandshake({ stdin, stdout, manifest: m });
  const send = (msg: object | string) => stdin.write(`${typeof msg === 'string' ? msg : JSON.stringify(msg)}\n`);
  const until = async (pred: () => boolean, what: string) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > 5000) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(out).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const errors: string[] = [];
  const connect = async () => {
    const server = createMcpServer(deps);
    const transport = hs.handover(deserializeMessage);
    server.server.onerror = (e) => errors.push(e.message);
    await server.connect(transport);
    return { server, transport };
  };
  return { stdin, out, hs, send, until, connect, errors, ids: () => out.map((o) => o.id) };
}

describe('manifest file', () => {
  it('is read back exactly as written, and anything else means no fast path', () => {
    const file = join(dir, 'm.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect(readManifest(file)).toEqual(manifest);
    expect(readManifest(join(dir, 'missing.json'))).toBeNull();
    writeFileSync(file, '{"format": 1, "protocol": ');
    expect(readManifest(file)).toBeNull();
    expect(parseManifest({ ...manifest, format: 2 })).toBeNull();
    expect(parseManifest({ ...manifest, protocol: { latest: 1, supported: [] } })).toBeNull();
    expect(parseManifest({ ...manifest, lists: { 'tools/list': [] } })).toBeNull();
  });

  it('holds no store-dependent list (resources/list lists orgs from the store)', () => {
    expect(Object.keys(manifest.lists).sort()).toEqual(['prompts/list', 'resources/templates/list', 'tools/list']);
  });
});

describe('handshake before the real server loads', () => {
  it('answers initialize and tools/list at once, then hands over: one answer per id', async () => {
    // What the real server answers, asked first so the handshake below is not kept waiting.
    const session = await rawSession(deps);
    const sdkInit = await session.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } });
    const sdkList = await session.request('tools/list');
    await session.close();
    const r = rig(manifest);
    r.send(INIT());
    await r.until(() => r.out.length === 1, 'initialize');
    expect(r.out[0]).toEqual({ jsonrpc: '2.0', id: 1, result: sdkInit });
    r.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    r.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(await r.hs.wanted).toBe('tools listed');
    expect(r.out[1]).toEqual({ jsonrpc: '2.0', id: 2, result: sdkList });
    // Arrives while the server "loads": buffered, answered after the handover.
    r.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'health', arguments: {} } });
    r.send({ jsonrpc: '2.0', id: 4, method: 'prompts/list' });
    expect(r.hs.answered()).toBe(3);
    const { server } = await r.connect();
    // The real server saw the replayed initialize, so it knows who the client is.
    expect(server.server.getClientVersion()).toEqual({ name: 'test', version: '1' });
    r.send({ jsonrpc: '2.0', id: 5, method: 'tools/list' });
    await r.until(() => r.ids().includes(3) && r.ids().includes(5), 'health and the second tools/list');
    await new Promise((res) => setTimeout(res, 50));
    expect(r.ids().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(r.errors).toEqual([]);
    await server.close();
  });

  it('negotiates an unsupported protocol version as the SDK does (its latest)', async () => {
    const r = rig(manifest);
    const params = { protocolVersion: '1999-01-01', capabilities: { roots: { listChanged: true } }, clientInfo: { name: 'old', version: '0.1' } };
    r.send(INIT(params, 'a'));
    await r.until(() => r.out.length === 1, 'initialize');
    const session = await rawSession(deps);
    const sdk = await session.request('initialize', params);
    await session.close();
    expect(r.out[0]).toEqual({ jsonrpc: '2.0', id: 'a', result: sdk });
    expect(r.out[0]?.result).toMatchObject({ protocolVersion: LATEST_PROTOCOL_VERSION });
    r.hs.close();
  });

  it('leaves a malformed initialize to the SDK, which answers with its own error', async () => {
    const r = rig(manifest);
    const bad = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'no-version' } };
    const session = await rawSession(deps);
    const sdk = z.object({ error: z.object({ code: z.number(), message: z.string() }) }).parse(await session.exchange('initialize', bad));
    await session.close();
    r.send(INIT(bad));
    r.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(await r.hs.wanted).toBe('unanswerable');
    expect(r.out).toEqual([]);
    const { server } = await r.connect();
    await r.until(() => r.out.length === 2, 'the SDK answers');
    expect(r.out[0]).toEqual({ jsonrpc: '2.0', id: 1, error: sdk.error });
    // Not fast-answered: tools/list waited for the real server too.
    expect(r.out[1]).toMatchObject({ id: 2, result: { tools: expect.any(Array) } });
    await server.close();
  });

  it('loads the real server after a quiet spell, so it is not loading between initialize and tools/list', async () => {
    const r = rig(manifest);
    r.send(INIT());
    const t0 = Date.now();
    expect(await r.hs.wanted).toBe('idle');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    r.hs.close();
  });

  it('does not load on notifications/initialized alone, but on anything it cannot answer', async () => {
    const r = rig(manifest);
    r.send(INIT());
    r.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    r.send({ jsonrpc: '2.0', id: 2, method: 'resources/list' });
    expect(await r.hs.wanted).toBe('unanswerable');
    await r.until(() => r.out.length === 1, 'initialize');
    r.send({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: { cursor: 'x' } });
    const { server } = await r.connect();
    await r.until(() => r.out.length === 3, 'resources/list and the paged tools/list');
    expect(r.out.find((o) => o.id === 2)).toMatchObject({ result: { resources: [expect.objectContaining({ uri: 'glue-desk://about' })] } });
    expect(r.out.find((o) => o.id === 3)).toMatchObject({ result: { tools: expect.any(Array) } });
    expect(r.hs.answered()).toBe(1);
    await server.close();
  });

  it('without a manifest answers nothing itself and the real server answers everything', async () => {
    const r = rig(null);
    expect(await r.hs.wanted).toBe('no manifest');
    r.send(INIT());
    r.send('this is not json');
    r.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await new Promise((res) => setTimeout(res, 20));
    expect(r.out).toEqual([]);
    const { server } = await r.connect();
    // The line that is not JSON gets a parse error (id null, as JSON-RPC says) instead of silence.
    await r.until(() => r.out.length === 3, 'initialize, the parse error and tools/list');
    expect(r.out.find((o) => o.id === null)).toMatchObject({ error: { code: -32700 } });
    expect(r.ids().filter((id) => id !== null)).toEqual([1, 2]);
    expect(r.errors.join(' ')).toMatch(/not JSON/);
    expect(r.errors.join(' ')).not.toMatch(/this is not json/);
    await server.close();
  });

  it('reports a client that hung up before the handover, so the server closes at once', async () => {
    const r = rig(manifest);
    r.send(INIT());
    r.stdin.end();
    expect(await r.hs.wanted).toBe('input closed');
    const { server, transport } = await r.connect();
    let hungUp = false;
    transport.onHangup(() => (hungUp = true));
    expect(hungUp).toBe(true);
    await server.close();
  });
});
