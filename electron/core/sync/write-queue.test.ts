import { describe, expect, it } from 'vitest';
import { tempStores } from '../store/test-stores';
import { WriteQueue } from './write-queue';

const tempStore = tempStores();

// A real store: each write inserts one row, so what is committed is what a reader sees.
function setup(options: { maxWrites?: number; maxRecords?: number; maxDelayMs?: number } = {}) {
  const t = tempStore();
  const db = t.store.db;
  db.exec('CREATE TABLE pages (n INTEGER PRIMARY KEY) STRICT');
  const insert = db.prepare<[number]>('INSERT INTO pages (n) VALUES (?)');
  let transactions = 0;
  const queue = new WriteQueue({
    transaction: (writes) => {
      transactions++;
      db.transaction(() => writes.forEach((w) => w())).immediate();
    },
    ...options,
  });
  const reader = t.reopen({ readonly: true });
  const stored = (): number => reader.db.prepare<[], { c: number }>('SELECT count(*) AS c FROM pages').get()?.c ?? 0;
  return { queue, insert, stored, transactions: () => transactions };
}

describe('WriteQueue', () => {
  it('commits a full group in one transaction and reports each page after its commit', async () => {
    const { queue, insert, stored, transactions } = setup({ maxWrites: 3, maxDelayMs: 60_000 });
    const committed: number[] = [];
    for (let n = 1; n <= 7; n++) {
      await queue.add({ write: () => insert.run(n), committed: () => committed.push(n), records: 10 });
    }
    expect(stored()).toBe(6);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(transactions()).toBe(2);
    await queue.drain();
    expect(stored()).toBe(7);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('flushes by record count and, when nothing else comes, after the delay', async () => {
    const { queue, insert, stored } = setup({ maxWrites: 100, maxRecords: 2_000, maxDelayMs: 30 });
    await queue.add({ write: () => insert.run(1), records: 1_500 });
    expect(stored()).toBe(0);
    await queue.add({ write: () => insert.run(2), records: 600 });
    expect(stored()).toBe(2);
    await queue.add({ write: () => insert.run(3), records: 1 });
    await new Promise((r) => setTimeout(r, 80));
    expect(stored()).toBe(3);
  });

  it('a failed group stores none of its pages, and every later call fails with the same error', async () => {
    const { queue, insert, stored } = setup({ maxWrites: 2, maxDelayMs: 60_000 });
    await queue.add({ write: () => insert.run(1), records: 1 });
    const flush = queue.add({
      write: () => {
        throw new Error('disk full');
      },
      records: 1,
    });
    await expect(flush).rejects.toThrow('disk full');
    expect(stored()).toBe(0);
    await expect(queue.add({ write: () => insert.run(3), records: 1 })).rejects.toThrow('disk full');
    await expect(queue.drain()).rejects.toThrow('disk full');
  });

  it('commit resolves once its group is stored, without cutting the group short', async () => {
    const { queue, insert, stored, transactions } = setup({ maxWrites: 3, maxDelayMs: 30 });
    await queue.add({ write: () => insert.run(1), records: 1 });
    let done = false;
    const mark = queue.commit({ write: () => insert.run(2), records: 0 }).then(() => (done = true));
    // Queued behind page 1, not committed on its own.
    expect(stored()).toBe(0);
    expect(done).toBe(false);
    await mark;
    expect(stored()).toBe(2);
    expect(transactions()).toBe(1);
  });

  it('commit rejects when its group fails', async () => {
    const { queue } = setup({ maxWrites: 10, maxDelayMs: 30 });
    const mark = queue.commit({
      write: () => {
        throw new Error('disk full');
      },
      records: 0,
    });
    await expect(mark).rejects.toThrow('disk full');
  });

  it('drain commits what is queued (a cancelled sync keeps the pages it fetched)', async () => {
    const { queue, insert, stored } = setup({ maxWrites: 10, maxDelayMs: 60_000 });
    await queue.add({ write: () => insert.run(1), records: 1 });
    await queue.drain();
    expect(stored()).toBe(1);
  });
});
