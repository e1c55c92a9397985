// The MCP Inspector's CLI (the reference client outside our own SDK use) against `glue mcp`:
// tools/list and one tools/call over stdio, on a seeded demo profile.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLUE, seedProfile, type SeededProfile } from './tools/test-harness';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const INSPECTOR = join(root, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

describe('MCP Inspector CLI', () => {
  let profile: SeededProfile;
  beforeAll(async () => {
    profile = await seedProfile();
  });
  afterAll(() => profile.cleanup());

  async function inspect(...method: string[]): Promise<unknown> {
    const env = Object.entries(profile.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const { stdout } = await run(process.execPath, [INSPECTOR, '--cli', ...env, process.execPath, GLUE, 'mcp', ...method], { timeout: 60_000 });
    return JSON.parse(stdout) as unknown;
  }

  it('lists every tool with input and output schemas', async () => {
    const out = (await inspect('--method', 'tools/list')) as { tools: { name: string; inputSchema: unknown; outputSchema?: unknown }[] };
    expect(out.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['query', 'search', 'get_password', 'health']));
    expect(out.tools.every((t) => t.inputSchema && t.outputSchema)).toBe(true);
  });

  it('answers a query with its source', async () => {
    const out = (await inspect('--method', 'tools/call', '--tool-name', 'query', '--tool-arg', 'question=what is 10.20.0.10')) as {
      isError?: boolean;
      structuredContent: { noData: boolean; sources: { name: string; url: string }[] };
    };
    expect(out.isError).toBeFalsy();
    expect(out.structuredContent.noData).toBe(false);
    expect(out.structuredContent.sources[0]?.name).toBe('SRV-DC01');
    expect(out.structuredContent.sources[0]?.url).toMatch(/^https:\/\//);
  });
});
