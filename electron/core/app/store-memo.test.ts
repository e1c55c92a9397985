import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStoreMemo } from './store-memo';

const dir = mkdtempSync(join(tmpdir(), 'glue-memo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store memo', () => {
  it('keeps an aggregate until another connection commits or this process says it wrote', () => {
    const file = join(dir, 'x.db');
    const a = new Database(file);
    const b = new Database(file);
    a.exec('CREATE TABLE t (x INTEGER)');
    const memo = createStoreMemo();
    const count = () => memo.get('n', a, () => a.prepare<[], { n: number }>('SELECT count(*) AS n FROM t').get()!.n);
    expect(count()).toBe(0);
    a.exec('INSERT INTO t VALUES (1)');
    expect(count()).toBe(0);
    memo.bump();
    expect(count()).toBe(1);
    b.exec('INSERT INTO t VALUES (2)');
    expect(count()).toBe(2);
    a.close();
    b.close();
  });
});
