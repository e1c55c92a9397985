import { scaleProfile } from '../scale-profile';
const profile = await scaleProfile(process.env.BENCH_SCALE_DIR!);
const store = await profile.open();
for (const sql of (process.env.SQL ?? '').split(';;')) {
  const t = performance.now();
  const st = store.db.prepare(sql);
  const r = st.reader ? st.all() : st.run();
  console.log((performance.now() - t).toFixed(1), 'ms', JSON.stringify(r).slice(0, 1500));
}
