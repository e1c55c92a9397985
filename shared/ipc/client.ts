// Builds the typed GlueApi from the contract's method/event names and a transport. Free of
// zod on purpose: the sandboxed preload cannot load npm packages, so it gets the names from
// main (derived there from IPC_SCHEMAS) and builds the same client with this file alone.
import type { Result } from '../result';
import type { Domain, GlueApi } from './contract';
import type { Unsubscribe } from './spec';

/** Method and event names per domain, as derived from the contract table. */
export type ContractNames = Record<Domain, { methods: string[]; events: string[] }>;

/** What a host needs to provide for the renderer-side API: one call, one subscription. */
export interface IpcTransport {
  invoke(domain: Domain, method: string, arg: unknown): Promise<Result<unknown>>;
  subscribe(domain: Domain, event: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** Electron IPC channel of a method or event, e.g. `glue:sync.status`, `glue:sync.onDidProgress`. */
export const channelOf = (domain: string, name: string): string => `glue:${domain}.${name}`;

/** Sync channel on which the preload asks main for the ContractNames. */
export const CONTRACT_CHANNEL = 'glue:contract';

export function buildApiClient(names: ContractNames, transport: IpcTransport): GlueApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, { methods, events }] of Object.entries(names) as [Domain, ContractNames[Domain]][]) {
    const d: Record<string, unknown> = {};
    for (const m of methods) d[m] = (arg: unknown) => transport.invoke(domain, m, arg ?? {});
    for (const e of events) d[e] = (listener: (p: unknown) => void) => transport.subscribe(domain, e, listener);
    api[domain] = d;
  }
  // The one place a runtime-built object meets its mapped type; names come from the table.
  return api as unknown as GlueApi;
}
