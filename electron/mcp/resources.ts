import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps } from './deps';
import { INSTRUCTIONS } from './instructions';

export function registerResources(server: McpServer, deps: McpDeps): void {
  server.registerResource(
    'about',
    'glue-desk://about',
    { title: 'About Glue Desk data', description: 'Where the data comes from and how to read it safely.', mimeType: 'text/markdown' },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# Glue Desk ${deps.version} (profile ${deps.profile.profile})\n\n${INSTRUCTIONS}\n` }],
    }),
  );
}
