import { workerUrl } from './worker-url';

/** Where the embedding worker's JavaScript is (see worker-url.ts for how it is found or built). */
export function embedWorkerUrl(from: string = import.meta.url): Promise<URL> {
  return workerUrl('embed-worker', ['embed-protocol.ts'], from);
}
