// Test support (not shipped): a minimal MCP client over a real `glue mcp` child's stdio.
import type { CliHarness } from './cli-harness';

export interface McpAnswer {
  id?: unknown;
  result?: { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { text?: string }[] };
  error?: { code: number; message: string };
}

/** Sends `lines` (after initialize + initialized) and resolves with every answer, once stdin is closed and the server exits. */
export async function mcpSession(cli: CliHarness, env: NodeJS.ProcessEnv, lines: string[], waitForIds: unknown[]): Promise<{ answers: McpAnswer[]; stderr: string; status: number | null }> {
  const { child, done } = cli.spawn(['mcp'], env);
  const init = { jsonrpc: '2.0', id: 'init', method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } };
  child.stdin?.write(`${JSON.stringify(init)}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  for (const l of lines) child.stdin?.write(l.endsWith('\n') ? l : `${l}\n`);
  const answers: McpAnswer[] = [];
  let buffered = '';
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim()) answers.push(JSON.parse(line) as McpAnswer);
      }
      if (waitForIds.every((id) => answers.some((a) => a.id === id))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  child.stdin?.end();
  const r = await done;
  return { answers, stderr: r.stderr, status: r.status };
}

export const toolCall = (id: number | string, name: string, args: Record<string, unknown> = {}): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
