import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps } from './deps';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { registerTools, type McpTool } from './tool';
import { TOOLS } from './tools/index';
import { INSTRUCTIONS } from './instructions';

export const SERVER_NAME = 'glue-desk';
export { INSTRUCTIONS };

// The SDK builds an Ajv validator (~20 ms at cold start) only to check elicitation replies.
// This server never elicits input from the client, so any such reply is refused.
const NO_ELICITATION = {
  getValidator: () => () => ({ valid: false as const, data: undefined, errorMessage: 'Glue Desk does not request input from the client.' }),
};

export interface McpServerOptions {
  tools?: readonly McpTool[];
}

export function createMcpServer(deps: McpDeps, opts: McpServerOptions = {}): McpServer {
  const tools = opts.tools ?? TOOLS;
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Glue Desk', version: deps.version },
    { instructions: INSTRUCTIONS, jsonSchemaValidator: NO_ELICITATION },
  );
  registerTools(server, tools, deps);
  registerPrompts(server, tools);
  registerResources(server, deps);
  return server;
}
