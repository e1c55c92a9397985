// Defect #15.4: one stdin line ≥ 10 MiB stopped `glue mcp` (no answer, later requests
// unanswered); malformed requests with an id got no answer; protocol-error logs quoted raw
// input. A real `glue mcp` child process over its stdio.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../mcp/line-errors';
import { buildCli, type CliHarness } from './cli-harness';
import { mcpSession, toolCall } from './mcp-client';

const tmp = mkdtempSync(join(tmpdir(), 'glue-mcp-limits-'));
let cli: CliHarness;
beforeAll(async () => {
  cli = await buildCli('mcp-limits');
}, 60_000);
afterAll(() => {
  cli.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('glue mcp transport limits', () => {
  it('answers a 16 MiB line and malformed requests with JSON-RPC errors (with their ids), keeps serving, and logs no raw input', async () => {
    const dataDir = join(tmp, 'd');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: tmp, GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'x' };
    const MARK = 'RAW-INPUT-MARKER';
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'health', arguments: { pad: `${MARK}-0 ${'x'.repeat(16 * 1024 * 1024)}` } } });
    expect(huge.length).toBeGreaterThan(MAX_LINE_BYTES);
    const { answers, stderr, status } = await mcpSession(
      cli,
      env,
      [huge, JSON.stringify({ jsonrpc: '2.0', id: 9, method: 5, note: `${MARK}-1` }), `{"id": 10, ${MARK}-2`, toolCall(8, 'health')],
      [7, 8, 9, null],
    );
    const byId = (id: unknown) => answers.find((a) => a.id === id);
    expect(byId(7)?.error?.code).toBe(-32600);
    expect(byId(7)?.error?.message).toMatch(/at most 10485760 bytes/);
    expect(byId(9)?.error?.code).toBe(-32600);
    expect(byId(null)?.error?.code).toBe(-32700);
    expect(byId(8)?.result?.structuredContent).toMatchObject({ profile: 'default' });
    expect(status).toBe(0);
    const log = readFileSync(join(dataDir, 'profiles', 'default', 'logs', 'mcp.log'), 'utf8');
    expect(log).toMatch(/protocol error/);
    expect(log).not.toContain(MARK);
    expect(stderr).not.toContain(MARK);
  }, 90_000);

  it('SIGTERM after settings were loaded (conf brings a signal hook) closes the server with exit 0, not death by signal', async () => {
    const dataDir = join(tmp, 'sig');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: tmp, GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'x' };
    const { child, done } = cli.spawn(['mcp'], env);
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
    child.stdin?.write(`${JSON.stringify(init)}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${toolCall(2, 'health')}\n`);
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"id":2')) resolve();
      });
    });
    child.kill('SIGTERM');
    const r = await done;
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  }, 60_000);
});
