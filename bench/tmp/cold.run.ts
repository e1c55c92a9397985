import Database from 'better-sqlite3-multiple-ciphers';
import { ask } from '../../electron/core/answers/engine';
import { createSearchContext } from '../../electron/core/search/search';
import { scaleProfile } from '../scale-profile';

const times = new Map<string, { n: number; ms: number }>();
const proto = (Database as unknown as { prototype: { prepare: (sql: string) => unknown } }).prototype;
const orig = proto.prepare;
proto.prepare = function (this: unknown, sql: string) {
  const st = orig.call(this, sql) as Record<string, unknown>;
  for (const m of ['get', 'all', 'run', 'iterate', 'pluck', 'raw']) {
    const f = st[m] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof f !== 'function') continue;
    st[m] = function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      const r = f.apply(this, a);
      const ms = performance.now() - t;
      if (m === 'pluck' || m === 'raw') return r;
      const k = sql.replace(/\s+/g, ' ').slice(0, 160);
      const e = times.get(k) ?? { n: 0, ms: 0 };
      e.n++; e.ms += ms; times.set(k, e);
      return r;
    };
  }
  return st;
};
const t0 = performance.now();
const profile = await scaleProfile(process.env.BENCH_SCALE_DIR!);
const t1 = performance.now();
const store = await profile.open();
const t2 = performance.now();
const ctx = createSearchContext(store, { cacheSize: 0 });
const a = await ask({ search: ctx }, process.env.Q!);
const t3 = performance.now();
console.log(`keys ${(t1 - t0).toFixed(0)} open ${(t2 - t1).toFixed(0)} ask ${(t3 - t2).toFixed(0)} ms; ${a.intent} ${a.sources.length} sources: ${a.answer.slice(0, 80)}`);
for (const [k, v] of [...times.entries()].sort((x, y) => y[1].ms - x[1].ms).slice(0, 12)) console.log(`${v.ms.toFixed(1).padStart(7)} ms ×${v.n}  ${k}`);
