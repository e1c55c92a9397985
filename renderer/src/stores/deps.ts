// What every store gets from outside. Tests pass their own: a GlueApi built from handlers,
// a clipboard object, manual timers and an in-memory storage.
import type { GlueApi } from '../../../shared/ipc';

export interface RendererClipboard {
  write(text: string): Promise<void>;
  /** Rejects when the browser does not let us read; we then clear unconditionally. */
  read(): Promise<string>;
}

export interface Timers {
  now(): number;
  schedule(fn: () => void, ms: number): () => void;
}

export interface StoreDeps {
  api: GlueApi;
  clipboard: RendererClipboard;
  timers: Timers;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  schedule: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};
