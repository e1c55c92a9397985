// Runtime derivations of the contract: channel names, a client built from any transport, and a
// server-side dispatcher that validates with the contract's own schemas. The only type
// assertions in the IPC layer live here, where a runtime-built object meets its mapped type.
import type { z } from 'zod';
import { err, type Result } from '../result';
import { IPC_EVENTS, IPC_SCHEMAS, type Domain, type GlueApi } from './contract';
import { buildApiClient, channelOf, type ContractNames, type IpcTransport } from './client';
import type { MethodSpec, Unsubscribe } from './spec';

export type { IpcTransport } from './client';

const keysOf = <T extends object>(o: T): (keyof T & string)[] => Object.keys(o) as (keyof T & string)[];

export const DOMAINS: readonly Domain[] = keysOf(IPC_SCHEMAS);

export const methodNames = (domain: Domain): string[] => Object.keys(IPC_SCHEMAS[domain]);
export const eventNames = (domain: Domain): string[] => Object.keys(IPC_EVENTS[domain]);

export const methodChannel = channelOf;
export const eventChannel = channelOf;

/** Every method and event name, straight from the tables. */
export function contractNames(): ContractNames {
  const names: Partial<ContractNames> = {};
  for (const d of DOMAINS) names[d] = { methods: methodNames(d), events: eventNames(d) };
  return names as ContractNames;
}

export const isDomain = (d: string): d is Domain => Object.hasOwn(IPC_SCHEMAS, d);

/** Builds the typed GlueApi over any transport (HTTP in the browser, tests). */
export function createApiClient(transport: IpcTransport): GlueApi {
  return buildApiClient(contractNames(), transport);
}

type AnyMethod = (arg: unknown) => Promise<Result<unknown>>;
type AnySubscribe = (listener: (payload: unknown) => void) => Unsubscribe;

/**
 * Host side of every call: unknown domain/method → NOT_FOUND, bad argument → INVALID_INPUT
 * (naming the field), a throwing implementation → INTERNAL without its stack.
 */
export async function dispatch(api: GlueApi, domain: string, method: string, arg: unknown): Promise<Result<unknown>> {
  if (!isDomain(domain)) return err('NOT_FOUND', `Unknown API domain "${domain}".`);
  const specs: Record<string, MethodSpec<z.ZodType, unknown>> = IPC_SCHEMAS[domain];
  if (!Object.hasOwn(specs, method)) return err('NOT_FOUND', `Unknown API method "${domain}.${method}".`);
  const spec = specs[method];
  const impl = (api[domain] as unknown as Record<string, AnyMethod | undefined>)[method];
  if (!spec || typeof impl !== 'function') return err('NOT_FOUND', `"${domain}.${method}" is not available in this host.`);
  const parsed = spec.input.safeParse(arg ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return err('INVALID_INPUT', `${domain}.${method}: ${where}${issue?.message ?? 'invalid argument'}.`);
  }
  try {
    return await impl.call(api[domain], parsed.data);
  } catch {
    // Never forward the thrown error: its message or stack may hold paths or secrets.
    return err('INTERNAL', `${domain}.${method} failed unexpectedly. Try again; if it keeps failing, restart Glue Desk.`);
  }
}

/** Subscribes to every event of the API; used by hosts to forward events to the renderer. */
export function subscribeAll(api: GlueApi, forward: (domain: Domain, event: string, payload: unknown) => void): Unsubscribe {
  const offs: Unsubscribe[] = [];
  for (const domain of DOMAINS) {
    const d = api[domain] as unknown as Record<string, AnySubscribe | undefined>;
    for (const e of eventNames(domain)) {
      const sub = d[e];
      if (typeof sub === 'function') offs.push(sub.call(d, (payload) => forward(domain, e, payload)));
    }
  }
  return () => offs.splice(0).forEach((off) => off());
}
