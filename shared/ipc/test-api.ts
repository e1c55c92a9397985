// A GlueApi assembled from a few handlers, for tests of hosts and stores. Methods a test does
// not provide answer INTERNAL; `emit` fires events to whoever subscribed.
import { err, type Result } from '../result';
import type { Domain, GlueApi, MethodsOf } from './contract';
import { createApiClient } from './runtime';

export type Handlers = { [D in Domain]?: Partial<MethodsOf<D>> };

export interface TestApi {
  api: GlueApi;
  emit(domain: Domain, event: string, payload: unknown): void;
  listenerCount(): number;
  calls: { domain: Domain; method: string; arg: unknown }[];
}

export function createTestApi(handlers: Handlers): TestApi {
  const listeners = new Set<{ key: string; fn: (p: unknown) => void }>();
  const calls: TestApi['calls'] = [];
  const api = createApiClient({
    async invoke(domain, method, arg): Promise<Result<unknown>> {
      calls.push({ domain, method, arg });
      // Handlers are typed per method; here they are looked up by name, hence the widening.
      const forDomain = handlers[domain] as Record<string, ((a: unknown) => Promise<Result<unknown>>) | undefined> | undefined;
      const fn = forDomain?.[method];
      return fn ? fn(arg) : err('INTERNAL', `${domain}.${method} is not part of this test`);
    },
    subscribe(domain, event, fn) {
      const entry = { key: `${domain}.${event}`, fn };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  });
  return {
    api,
    calls,
    emit(domain, event, payload) {
      for (const l of listeners) if (l.key === `${domain}.${event}`) l.fn(payload);
    },
    listenerCount: () => listeners.size,
  };
}
