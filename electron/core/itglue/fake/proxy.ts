// Test support: the fake IT Glue server behind a proxy that answers some requests itself (an
// outage, a refused resource), so tests exercise the real client over real HTTP.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * Forwards every request to `upstream` unless `intercept` answers it (and returns true). The
 * fake's own behaviour (pages, rate limit, faults) is what every forwarded request gets.
 */
export async function startProxy(upstream: string, intercept: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<FakeProxy> {
  const up = new URL(upstream);
  const proxy = createServer((req, res) => {
    if (intercept(req, res)) return;
    const forwarded = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  const address = proxy.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise<void>((closed) => proxy.close(() => closed())),
  };
}
