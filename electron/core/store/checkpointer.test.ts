import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer';
import { config } from './fixtures.test-data';
import { tempStores } from './test-stores';
import { createWriter } from './writer';

const tempStore = tempStores();

function setup() {
  const t = tempStore();
  const w = createWriter(t.store);
  const runId = w.startRun('full');
  let next = 1;
  const writePage = (n = 200): void => {
    const resources = Array.from({ length: n }, () => {
      const id = next++;
      return config(id, (id % 20) + 1, `SRV-${id}`, { notes: `rack ${id % 40} ${'x'.repeat(300)}` });
    });
    w.applyPage({ type: 'configurations', resources, runId });
  };
  const walBytes = (): number => statSync(`${t.file}-wal`).size;
  const autocheckpoint = (): unknown => t.store.db.pragma('wal_autocheckpoint', { simple: true });
  return { t, writePage, walBytes, autocheckpoint };
}

describe('background checkpointer', () => {
  it('keeps the WAL bounded while the writer never pauses, and the data stays readable by a new connection', async () => {
    // The same 40 pages with no checkpoint at all, for scale.
    const unbounded = setup();
    unbounded.t.store.db.pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 40; i++) unbounded.writePage();
    const walWithout = unbounded.walBytes();

    const { t, writePage, walBytes, autocheckpoint } = setup();
    const before = autocheckpoint();
    const ckpt = startCheckpointer(t.store, { maxWalBytes: 200 * 4096 });
    expect(autocheckpoint()).toBe(0);
    for (let i = 0; i < 40; i++) {
      await ckpt.ready();
      writePage();
      ckpt.nudge();
    }
    await ckpt.stop();
    expect(autocheckpoint()).toBe(before);
    // The WAL file never shrinks, so its size is the high-water mark of the whole run.
    expect(walBytes()).toBeLessThan(walWithout / 4);
    const other = t.reopen({ readonly: true });
    expect(other.db.prepare('SELECT count(*) AS n FROM configurations').get()).toEqual({ n: 8_000 });
  });

  it('falls back to SQLite checkpoints when the worker cannot start, and the writer goes on', async () => {
    const { t, writePage, autocheckpoint } = setup();
    const before = autocheckpoint();
    const ckpt = startCheckpointer(t.store, { modulePath: '/nonexistent/sqlite-module.node' });
    await ckpt.ready();
    writePage();
    ckpt.nudge();
    await ckpt.ready();
    await ckpt.stop();
    expect(autocheckpoint()).toBe(before);
    expect(t.store.db.prepare('SELECT count(*) AS n FROM configurations').get()).toEqual({ n: 200 });
  });

  it('gives the automatic checkpoint back only when the last of two overlapping checkpointers stops, in either order', async () => {
    for (const firstStopped of [0, 1]) {
      const { t, writePage, autocheckpoint } = setup();
      const before = autocheckpoint();
      const both = [startCheckpointer(t.store), startCheckpointer(t.store)];
      writePage();
      for (const c of both) c.nudge();
      await both[firstStopped]!.stop();
      // The other one still copies the WAL: SQLite's own checkpoint stays off meanwhile.
      expect(autocheckpoint()).toBe(0);
      await both[1 - firstStopped]!.stop();
      expect(autocheckpoint()).toBe(before);
    }
  });
});
