// Manual timers, memory storage and a clipboard for store tests.
import type { RendererClipboard, Timers } from './deps';

export function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 1_000_000;
  let tasks: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    schedule(fn, ms) {
      const id = ++ids;
      tasks.push({ at: now + ms, fn, id });
      return () => void (tasks = tasks.filter((t) => t.id !== id));
    },
    advance(ms) {
      now += ms;
      const due = tasks.filter((t) => t.at <= now);
      tasks = tasks.filter((t) => t.at > now);
      due.forEach((t) => t.fn());
    },
  };
}

export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

export function memoryClipboard(): RendererClipboard & { text: string } {
  const c = {
    text: '',
    write: async (t: string) => void (c.text = t),
    read: async () => c.text,
  };
  return c;
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
