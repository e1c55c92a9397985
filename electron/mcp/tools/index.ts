import type { McpTool } from '../tool';
import { healthTool } from './health';

// Adding a tool: one file in this folder exporting defineTool(...), and one entry here.
export const TOOLS: readonly McpTool[] = [healthTool];
