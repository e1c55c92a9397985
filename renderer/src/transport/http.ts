// The web-host client: the same GlueApi as the preload bridge, over fetch. Events arrive as
// Server-Sent Events read with fetch streaming, so the token stays in a header.
import { createApiClient, type GlueApi, type IpcTransport } from '../../../shared/ipc';
import { err, type Result } from '../../../shared/result';
import { parseResult } from './result';

export interface HttpApiOptions {
  origin: string;
  token: string;
  fetch?: typeof fetch;
  /** Wait before reconnecting the event stream after it drops. */
  retryMs?: number;
}

type Listener = (payload: unknown) => void;

export function createHttpApi(opts: HttpApiOptions): GlueApi {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const headers = { 'content-type': 'application/json', 'x-glue-token': opts.token };
  const listeners = new Map<string, Set<Listener>>();
  let stream: AbortController | null = null;

  async function pump(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const res = await doFetch(`${opts.origin}/api/events`, { headers, signal });
        if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let cut: number;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            dispatchFrame(buf.slice(0, cut));
            buf = buf.slice(cut + 2);
          }
        }
      } catch {
        // Dropped or refused: try again shortly unless we were stopped on purpose.
      }
      if (!signal.aborted) await new Promise((r) => setTimeout(r, opts.retryMs ?? 1000));
    }
  }

  function dispatchFrame(frame: string): void {
    let name = '';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    const set = listeners.get(name);
    if (!set || data.length === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    for (const l of set) l(payload);
  }

  const transport: IpcTransport = {
    async invoke(domain, method, arg): Promise<Result<unknown>> {
      try {
        const res = await doFetch(`${opts.origin}/api/${domain}/${method}`, { method: 'POST', headers, body: JSON.stringify(arg) });
        const body: unknown = await res.json().catch(() => null);
        return parseResult(body) ?? err('INTERNAL', `Glue Desk answered ${res.status} without a result; reload the page.`);
      } catch {
        return err('NETWORK', 'Cannot reach Glue Desk. Is it still running? Reload the page to reconnect.');
      }
    },
    subscribe(domain, event, listener) {
      const key = `${domain}.${event}`;
      const set = listeners.get(key) ?? new Set<Listener>();
      listeners.set(key, set);
      set.add(listener);
      if (!stream) {
        stream = new AbortController();
        void pump(stream.signal);
      }
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
  return createApiClient(transport);
}
