// The integrity check in proportion to the store: small stores every time, large ones once a
// day (or on demand), against a real SQLCipher store seeded through the writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoTenant } from '../itglue/fake/generator';
import { DEMO_TODAY, seedDemoTemp, type SeededStore } from '../testing/seed-demo';
import { checkProportionate, META_CHECKED_AT } from './integrity';

let seeded: SeededStore;
beforeAll(() => {
  seeded = seedDemoTemp({ dataset: generateDemoTenant({ today: DEMO_TODAY, scale: 200 }) });
});
afterAll(() => seeded.close());

const at = (iso: string) => new Date(iso);
const big = { alwaysBytes: 0 }; // every store counts as large
const lastCheck = () => (seeded.store.db.prepare('SELECT value FROM meta WHERE key = ?').get(META_CHECKED_AT) as { value: string } | undefined)?.value;

describe('checkProportionate', () => {
  it('reads every page of a small store each time', () => {
    const first = checkProportionate(seeded.store.db, seeded.file, { now: at('2026-03-01T10:00:00Z') });
    const again = checkProportionate(seeded.store.db, seeded.file, { now: at('2026-03-01T10:05:00Z') });
    expect(first).toMatchObject({ ok: true, fresh: true });
    expect(again).toMatchObject({ ok: true, fresh: true, checkedAt: '2026-03-01T10:05:00.000Z' });
  });

  it('a large store: once a day, again when forced, and when the clock moved back', () => {
    const day = checkProportionate(seeded.store.db, seeded.file, { ...big, now: at('2026-03-02T12:00:00Z') });
    expect(day).toMatchObject({ ok: true, fresh: true });
    expect(lastCheck()).toBe('2026-03-02T12:00:00.000Z');
    expect(checkProportionate(seeded.store.db, seeded.file, { ...big, now: at('2026-03-02T20:00:00Z') })).toMatchObject({ ok: true, fresh: false, ms: 0, checkedAt: '2026-03-02T12:00:00.000Z' });
    expect(checkProportionate(seeded.store.db, seeded.file, { ...big, now: at('2026-03-02T21:00:00Z'), force: true })).toMatchObject({ fresh: true });
    expect(checkProportionate(seeded.store.db, seeded.file, { ...big, now: at('2026-03-03T21:00:01Z') })).toMatchObject({ fresh: true });
    expect(checkProportionate(seeded.store.db, seeded.file, { ...big, now: at('2026-03-01T00:00:00Z') })).toMatchObject({ fresh: true });
  });
});
