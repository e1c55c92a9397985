import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import { StoreError } from '../core/store/errors';
import type { McpDeps } from './deps';
import { ToolError, toolError } from './errors';
import { damagedStore, isDamage } from '../core/store/integrity';

export { ToolError, toolError } from './errors';
export { clampLimit, cursorField, decodeCursor, encodeCursor, limitField, pageFields, paginate, type Page } from './paging';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** A handler's answer: data that must validate against the output shape, and a short text. */
export interface ToolOutput<T> {
  data: T;
  /** Concise rendering for clients that show text; defaults to the JSON of `data`. */
  text?: string;
}

export interface ToolContext {
  deps: McpDeps;
  signal: AbortSignal;
  /** Sends a progress notification when the caller asked for them; a no-op otherwise. */
  progress(done: number, total: number | null, message?: string): Promise<void>;
  /**
   * Asks the user, through the client (MCP elicitation), to allow one thing once. 'unsupported'
   * when the client cannot ask; a failed or unanswered prompt counts as 'cancel'.
   */
  confirm(message: string): Promise<UserDecision>;
}

export type UserDecision = 'accept' | 'decline' | 'cancel' | 'unsupported';

export interface ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  /** Every field needs `.describe(...)`: the model reads those to fill arguments. */
  input: I;
  output: O;
  annotations?: ToolAnnotations;
  handler(
    args: z.infer<z.ZodObject<I>>,
    ctx: ToolContext,
  ): Promise<ToolOutput<z.infer<z.ZodObject<O>>> | Result<ToolOutput<z.infer<z.ZodObject<O>>>>>;
}

/** A tool with its types sealed inside, so tools of different shapes fit in one list. */
export interface McpTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  register(server: McpServer, deps: McpDeps): void;
}

// Read-only, local, repeatable: true of every tool unless it says otherwise.
export const DEFAULT_ANNOTATIONS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(spec: ToolSpec<I, O>): McpTool {
  const inputSchema = z.object(spec.input);
  const outputSchema = z.object(spec.output);
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    register(server, deps) {
      // The SDK gets type-erased schemas (it validates and lists them); we parse again with
      // the typed ones, which costs microseconds and keeps the handler free of casts.
      const erasedIn: z.ZodObject<z.ZodRawShape> = inputSchema;
      const erasedOut: z.ZodObject<z.ZodRawShape> = outputSchema;
      server.registerTool(
        spec.name,
        {
          title: spec.title,
          description: spec.description,
          inputSchema: erasedIn,
          outputSchema: erasedOut,
          annotations: { title: spec.title, ...DEFAULT_ANNOTATIONS, ...spec.annotations },
        },
        async (args, extra) => runTool(spec, inputSchema, outputSchema, args, extra, deps, () => server.server.getClientCapabilities()?.elicitation !== undefined),
      );
    },
  };
}

async function runTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  spec: ToolSpec<I, O>,
  inputSchema: z.ZodObject<I>,
  outputSchema: z.ZodObject<O>,
  rawArgs: unknown,
  extra: ToolExtra,
  deps: McpDeps,
  canElicit: () => boolean = () => false,
): Promise<CallToolResult> {
  const started = performance.now();
  const log = deps.logger;
  // Declared argument names only: values may be hostnames, IPs or worse, and a client can
  // put anything in an undeclared key.
  const argNames = rawArgs && typeof rawArgs === 'object' ? Object.keys(rawArgs).filter((k) => Object.hasOwn(spec.input, k)).sort().join(',') : '';
  const done = (outcome: string, result: CallToolResult) => {
    log.info('tool call', { tool: spec.name, args: argNames, outcome, ms: Math.round(performance.now() - started) });
    return result;
  };
  try {
    const parsed = inputSchema.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      return done('INVALID_INPUT', toolError('INVALID_INPUT', `Invalid arguments for ${spec.name}: ${describeIssues(parsed.error)}. Fix them and call again.`));
    }
    const ctx: ToolContext = {
      deps,
      signal: extra.signal,
      progress: (n, total, message) => progress(extra, n, total, message),
      confirm: (message) => (canElicit() ? confirmOnce(extra, message) : Promise.resolve('unsupported')),
    };
    const returned = await spec.handler(parsed.data, ctx);
    if ('ok' in returned) {
      if (!returned.ok) return done(returned.error.code, toolError(returned.error.code, returned.error.message));
      return done('ok', render(spec, outputSchema, returned.value, deps));
    }
    return done('ok', render(spec, outputSchema, returned, deps));
  } catch (e) {
    if (e instanceof ToolError) return done(e.code, toolError(e.code, e.message));
    // A page that fails its checksum is damage the user can repair: say so, never INTERNAL.
    if (isDamage(e)) return done('STORE_CORRUPT', toolError('STORE_CORRUPT', damagedStore('a page fails its checksum').message));
    // The read model refuses malformed input with a message meant for the caller.
    if (e instanceof StoreError && e.code === 'INVALID_INPUT') return done(e.code, toolError(e.code, e.message));
    // Unexpected: keep the details (no stack values from user data) in the log, not the reply.
    log.error('tool failed', { tool: spec.name, error: e instanceof Error ? e.name : typeof e });
    if (e instanceof Error && e.stack) log.debug(e.stack.split('\n').slice(0, 6).join(' | '));
    return done(
      'INTERNAL',
      toolError('INTERNAL', `Glue Desk hit an unexpected problem running ${spec.name}. Try again; if it keeps happening, check the health tool${logHint(deps)}.`),
    );
  }
}

function render<O extends z.ZodRawShape>(spec: ToolSpec<z.ZodRawShape, O>, outputSchema: z.ZodObject<O>, out: ToolOutput<unknown>, deps: McpDeps): CallToolResult {
  // Parsing strips keys the schema does not declare, so a handler cannot leak an extra field.
  const checked = outputSchema.safeParse(out.data);
  if (!checked.success) {
    deps.logger.error('tool output failed its schema', { tool: spec.name, issues: describeIssues(checked.error) });
    return toolError('INTERNAL', `Glue Desk produced an invalid result for ${spec.name}; this is a bug. Try again or report it${logHint(deps)}.`);
  }
  const structured: Record<string, unknown> = checked.data;
  return {
    structuredContent: structured,
    content: [{ type: 'text', text: out.text ?? JSON.stringify(structured, null, 2) }],
  };
}

function logHint(deps: McpDeps): string {
  return deps.logger.file ? ` (details in ${deps.logger.file})` : '';
}

/** Paths and messages only: zod issues can echo input values, which may be secret. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.code === 'invalid_type' ? `expected ${i.expected}` : i.message}`)
    .join('; ');
}

export function registerTools(server: McpServer, tools: readonly McpTool[], deps: McpDeps): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) throw new Error(`Duplicate MCP tool name: ${tool.name}`);
    seen.add(tool.name);
    tool.register(server, deps);
  }
}

/** Sends notifications/progress if the request carried a progressToken. */
const AllowOnce = z.object({ action: z.enum(['accept', 'decline', 'cancel']), content: z.record(z.string(), z.unknown()).optional() }).loose();

/** One yes/no question to the user through the client; only an explicit "allow" is an accept. */
async function confirmOnce(extra: ToolExtra, message: string): Promise<UserDecision> {
  try {
    const r = await extra.sendRequest(
      {
        method: 'elicitation/create',
        params: {
          message,
          requestedSchema: { type: 'object', properties: { allow: { type: 'boolean', title: 'Allow once', description: 'Show this value to the assistant this one time.' } }, required: ['allow'] },
        },
      },
      AllowOnce,
      { signal: extra.signal, timeout: 300_000 },
    );
    if (r.action !== 'accept') return r.action;
    return r.content?.allow === true ? 'accept' : 'decline';
  } catch {
    return 'cancel';
  }
}

export async function progress(extra: ToolExtra, done: number, total: number | null, message?: string): Promise<void> {
  const token = extra._meta?.progressToken;
  if (token === undefined) return;
  await extra.sendNotification({
    method: 'notifications/progress',
    params: { progressToken: token, progress: done, ...(total === null ? {} : { total }), ...(message ? { message } : {}) },
  });
}
